import type DataLoader from 'dataloader';
import { createDb, type Db } from './db/database';
import { verifyPreparedStatements } from './db/prepared';
import { type D1Trace, emptyTrace, traceD1 } from './db/trace';
import { LIMITS } from './limits';

export interface Context {
  db: Db;
  /** What this request has cost in D1 so far (returned as `extensions.trace` on request). */
  trace: D1Trace;
  /** Request-scoped DataLoaders for connections, keyed by relation and page window. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

/** Request header with which a client lowers its own row allowance ("fail rather than read more"). */
export const MAX_ROWS_HEADER = 'x-citeql-max-rows-read';

/** The rows this request may read: LIMITS.maxRowsRead, or less when the client asks for less. */
function rowAllowance(request: Request): number {
  const asked = Number(request.headers.get(MAX_ROWS_HEADER) ?? Number.NaN);
  return Number.isInteger(asked) && asked >= 0 ? Math.min(asked, LIMITS.maxRowsRead) : LIMITS.maxRowsRead;
}

/**
 * Request/response header carrying a D1 Sessions API bookmark: a client that sends back the
 * bookmark of its last answer reads from a replica at least that recent (its own writes, once
 * writes exist). Without one a request may read any replica ('first-unconstrained').
 */
export const BOOKMARK_HEADER = 'x-d1-bookmark';
/** D1 bookmarks are hex groups joined by dashes; anything else is ignored rather than sent to D1. */
const BOOKMARK = /^[0-9a-f]{1,64}(-[0-9a-f]{1,64}){0,8}$/i;

const sessionByRequest = new WeakMap<Request, D1DatabaseSession>();

/** The bookmark to send back with the answer to `request`, once it has read. */
export function bookmarkOf(request: Request): string | null {
  return sessionByRequest.get(request)?.getBookmark() ?? null;
}

/** The only place that reads `env`: the D1 binding arrives with each request. */
export function createContext(env: Env, request: Request): Context {
  const trace = emptyTrace();
  verifyPreparedStatements(env.PREPARED_VERIFY === 'on');
  const bookmark = request.headers.get(BOOKMARK_HEADER);
  const session = env.DB.withSession(bookmark && BOOKMARK.test(bookmark) ? bookmark : 'first-unconstrained');
  sessionByRequest.set(request, session);
  return { db: createDb(traceD1(session, trace, rowAllowance(request))), trace, loaders: new Map() };
}

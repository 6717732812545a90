import type DataLoader from 'dataloader';
import { createDb, type Db } from './db/database';
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

/** The only place that reads `env`: the D1 binding arrives with each request. */
export function createContext(env: Env, request: Request): Context {
  const trace = emptyTrace();
  return { db: createDb(traceD1(env.DB, trace, rowAllowance(request))), trace, loaders: new Map() };
}

import type DataLoader from 'dataloader';
import { createDb, type Db } from './db/database';
import { type D1Trace, emptyTrace, traceD1 } from './db/trace';

export interface Context {
  db: Db;
  /** What this request has cost in D1 so far (returned as `extensions.trace` on request). */
  trace: D1Trace;
  /** Request-scoped DataLoaders for connections, keyed by relation and page window. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

/** The only place that reads `env`: the D1 binding arrives with each request. */
export function createContext(env: Env): Context {
  const trace = emptyTrace();
  return { db: createDb(traceD1(env.DB, trace)), trace, loaders: new Map() };
}

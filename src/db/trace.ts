/**
 * What a request cost in D1, summed from each result's `meta` (as OpenAlex reports
 * `db_response_time_ms`). The statement count is the number that matters: one D1 database runs one
 * statement at a time, so statements per request is our scarcest resource.
 */
export interface D1Trace {
  d1Statements: number;
  rowsRead: number;
  rowsWritten: number;
  d1DurationMs: number;
}

export function emptyTrace(): D1Trace {
  return { d1Statements: 0, rowsRead: 0, rowsWritten: 0, d1DurationMs: 0 };
}

function record(trace: D1Trace, meta: Partial<D1Meta> | undefined): void {
  trace.d1Statements += 1;
  trace.rowsRead += meta?.rows_read ?? 0;
  trace.rowsWritten += meta?.rows_written ?? 0;
  trace.d1DurationMs += meta?.duration ?? 0;
}

/** The real statement behind a traced one, so `batch()` can hand D1 what it expects. */
const innerStatement = new WeakMap<object, D1PreparedStatement>();

function traceStatement(inner: D1PreparedStatement, trace: D1Trace): D1PreparedStatement {
  const traced = {
    bind: (...values: unknown[]) => traceStatement(inner.bind(...values), trace),
    async all<T>() {
      const result = await inner.all<T>();
      record(trace, result.meta);
      return result;
    },
    async run<T>() {
      const result = await inner.run<T>();
      record(trace, result.meta);
      return result;
    },
    // first() and raw() return no meta: counted as statements, without rows or duration.
    async first<T>(column?: string) {
      const value = column === undefined ? await inner.first<T>() : await inner.first<T>(column);
      record(trace, undefined);
      return value;
    },
    async raw<T>(options?: { columnNames?: boolean }) {
      const rows = await inner.raw<T>(options as { columnNames: true });
      record(trace, undefined);
      return rows;
    },
  };
  innerStatement.set(traced, inner);
  return traced as unknown as D1PreparedStatement;
}

/** Wraps a D1 binding so every statement it runs is added to `trace`. */
export function traceD1(d1: D1Database, trace: D1Trace): D1Database {
  const traced = {
    prepare: (query: string) => traceStatement(d1.prepare(query), trace),
    async batch<T>(statements: D1PreparedStatement[]) {
      const results = await d1.batch<T>(statements.map((s) => innerStatement.get(s) ?? s));
      for (const result of results) record(trace, result.meta);
      return results;
    },
    exec: (query: string) => d1.exec(query),
    dump: () => d1.dump(),
    withSession: (constraint?: string) => d1.withSession(constraint),
  };
  return traced as unknown as D1Database;
}

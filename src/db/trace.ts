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

/**
 * Thrown instead of running a statement once the request has read its allowance of rows: the
 * backstop behind the cost estimate. The Worker turns it into a ROWS_READ_LIMIT error.
 */
export class RowsReadLimitError extends Error {
  constructor(
    readonly rowsRead: number,
    readonly limit: number,
  ) {
    super(`this request has read ${rowsRead} D1 rows; the limit is ${limit}`);
  }
}

function checkAllowance(trace: D1Trace, maxRowsRead: number): void {
  if (trace.rowsRead >= maxRowsRead) throw new RowsReadLimitError(trace.rowsRead, maxRowsRead);
}

function record(trace: D1Trace, meta: Partial<D1Meta> | undefined): void {
  trace.d1Statements += 1;
  trace.rowsRead += meta?.rows_read ?? 0;
  trace.rowsWritten += meta?.rows_written ?? 0;
  trace.d1DurationMs += meta?.duration ?? 0;
}

/** The real statement behind a traced one, so `batch()` can hand D1 what it expects. */
const innerStatement = new WeakMap<object, D1PreparedStatement>();

function traceStatement(inner: D1PreparedStatement, trace: D1Trace, maxRowsRead: number): D1PreparedStatement {
  const traced = {
    bind: (...values: unknown[]) => traceStatement(inner.bind(...values), trace, maxRowsRead),
    async all<T>() {
      checkAllowance(trace, maxRowsRead);
      const result = await inner.all<T>();
      record(trace, result.meta);
      return result;
    },
    async run<T>() {
      checkAllowance(trace, maxRowsRead);
      const result = await inner.run<T>();
      record(trace, result.meta);
      return result;
    },
    // first() and raw() return no meta: counted as statements, without rows or duration.
    async first<T>(column?: string) {
      checkAllowance(trace, maxRowsRead);
      const value = column === undefined ? await inner.first<T>() : await inner.first<T>(column);
      record(trace, undefined);
      return value;
    },
    async raw<T>(options?: { columnNames?: boolean }) {
      checkAllowance(trace, maxRowsRead);
      const rows = await inner.raw<T>(options as { columnNames: true });
      record(trace, undefined);
      return rows;
    },
  };
  innerStatement.set(traced, inner);
  return traced as unknown as D1PreparedStatement;
}

/**
 * Wraps a D1 binding so every statement it runs is added to `trace`, and none runs once the
 * trace has read `maxRowsRead` rows.
 */
export function traceD1(d1: D1Database, trace: D1Trace, maxRowsRead = Number.POSITIVE_INFINITY): D1Database {
  const traced = {
    prepare: (query: string) => traceStatement(d1.prepare(query), trace, maxRowsRead),
    async batch<T>(statements: D1PreparedStatement[]) {
      checkAllowance(trace, maxRowsRead);
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

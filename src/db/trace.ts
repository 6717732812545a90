/**
 * The D1 binding as one request sees it: every statement is counted, none runs once the request
 * has read its allowance of rows, and statements issued in the same tick go to D1 together.
 *
 * Why batch by tick: every call from the Worker to D1 is a round trip (8-15 ms under `wrangler dev`,
 * tens of ms when the Worker is far from the database). The resolvers of one GraphQL level issue
 * their statements (one per DataLoader) within the same macrotask, so collecting them until the
 * next macrotask and sending them as one `batch()` makes a resolver level one round trip, whatever
 * the number of relations asked for. `batch()` runs its statements in order in one transaction: for
 * reads that only adds a consistent snapshot.
 *
 * What a request cost is summed from each result's `meta` (as OpenAlex reports
 * `db_response_time_ms`): statements, rows read and round trips are the scarce resources, since
 * one D1 database runs one statement at a time.
 */
export interface D1Trace {
  d1Statements: number;
  d1RoundTrips: number;
  rowsRead: number;
  rowsWritten: number;
  d1DurationMs: number;
}

export function emptyTrace(): D1Trace {
  return { d1Statements: 0, d1RoundTrips: 0, rowsRead: 0, rowsWritten: 0, d1DurationMs: 0 };
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

function record(trace: D1Trace, meta: Partial<D1Meta> | undefined): void {
  trace.d1Statements += 1;
  trace.rowsRead += meta?.rows_read ?? 0;
  trace.rowsWritten += meta?.rows_written ?? 0;
  trace.d1DurationMs += meta?.duration ?? 0;
}

interface Queued {
  statement: D1PreparedStatement;
  resolve: (result: D1Result) => void;
  reject: (error: unknown) => void;
}

/** What the request wrapper needs of D1: a database or a Sessions API session. */
export type D1Reader = Pick<D1Database, 'prepare' | 'batch'>;

/** The request's statements waiting for the next flush, and what the request has spent. */
class RequestD1 {
  private queue: Queued[] = [];

  constructor(
    readonly d1: D1Reader,
    readonly trace: D1Trace,
    readonly maxRowsRead: number,
  ) {}

  checkAllowance(): void {
    if (this.trace.rowsRead >= this.maxRowsRead) throw new RowsReadLimitError(this.trace.rowsRead, this.maxRowsRead);
  }

  /** Queues a statement for the next flush, which is scheduled after everything of this tick. */
  enqueue(statement: D1PreparedStatement): Promise<D1Result> {
    this.checkAllowance();
    return new Promise((resolve, reject) => {
      this.queue.push({ statement, resolve, reject });
      if (this.queue.length === 1) setTimeout(() => this.flush(), 0);
    });
  }

  private async flush(): Promise<void> {
    const queued = this.queue;
    this.queue = [];
    this.trace.d1RoundTrips += 1;
    try {
      const results =
        queued.length === 1 ? [await queued[0]!.statement.all()] : await this.d1.batch(queued.map((q) => q.statement));
      queued.forEach((entry, index) => {
        const result = results[index]!;
        record(this.trace, result.meta);
        entry.resolve(result);
      });
    } catch (error) {
      for (const entry of queued) entry.reject(error);
    }
  }

  /**
   * A call sent on its own at once (run(), first(), raw(), an explicit batch()): one round trip,
   * one counted statement per entry of `metas` (first() and raw() return no meta: counted without
   * rows or duration).
   */
  async direct<T>(run: () => Promise<T>, metas: (value: T) => Array<Partial<D1Meta> | undefined>): Promise<T> {
    this.checkAllowance();
    this.trace.d1RoundTrips += 1;
    const value = await run();
    for (const meta of metas(value)) record(this.trace, meta);
    return value;
  }
}

/** The real statement behind a wrapped one, so `batch()` can hand D1 what it expects. */
const innerStatement = new WeakMap<object, D1PreparedStatement>();

function wrapStatement(inner: D1PreparedStatement, request: RequestD1): D1PreparedStatement {
  const wrapped = {
    bind: (...values: unknown[]) => wrapStatement(inner.bind(...values), request),
    // all() is what kysely-d1 calls for every query: these are the batched ones.
    all: <T>() => request.enqueue(inner) as Promise<D1Result<T>>,
    run: <T>() =>
      request.direct(
        () => inner.run<T>(),
        (result) => [result.meta],
      ),
    first: <T>(column?: string) =>
      request.direct(
        () => (column === undefined ? inner.first<T>() : inner.first<T>(column)),
        () => [undefined],
      ),
    raw: <T>(options?: { columnNames?: boolean }) =>
      request.direct(
        () => inner.raw<T>(options as { columnNames: true }),
        () => [undefined],
      ),
  };
  innerStatement.set(wrapped, inner);
  return wrapped as unknown as D1PreparedStatement;
}

/**
 * Wraps a D1 binding for one request: every statement is added to `trace`, none runs once the
 * trace has read `maxRowsRead` rows, and `all()` calls of one tick share one round trip.
 */
export function traceD1(d1: D1Reader, trace: D1Trace, maxRowsRead = Number.POSITIVE_INFINITY): D1Database {
  const request = new RequestD1(d1, trace, maxRowsRead);
  const wrapped = {
    prepare: (query: string) => wrapStatement(d1.prepare(query), request),
    batch: <T>(statements: D1PreparedStatement[]) =>
      request.direct(
        () => d1.batch<T>(statements.map((s) => innerStatement.get(s) ?? s)),
        (results) => results.map((result) => result.meta),
      ),
  };
  return wrapped as unknown as D1Database;
}

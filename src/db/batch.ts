import type { CompiledQuery } from 'kysely';

/**
 * Runs compiled kysely queries as ONE D1 batch: D1 has no BEGIN/COMMIT (kysely-d1 throws on
 * `transaction()`), and `batch()` is its atomic transaction: all statements apply, or none.
 */
export async function runAtomically(d1: D1Database, queries: readonly CompiledQuery[]): Promise<D1Result[]> {
  if (queries.length === 0) return [];
  return d1.batch(queries.map((query) => d1.prepare(query.sql).bind(...query.parameters)));
}

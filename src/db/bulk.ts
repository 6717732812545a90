import { CompiledQuery } from 'kysely';

/** Rows a statement carries as one JSON parameter: well under D1's statement and value limits. */
export const ROWS_PER_STATEMENT = 500;

/**
 * `INSERT INTO table (columns) SELECT value->>0, value->>1 ... FROM json_each(?)`, one statement per
 * ROWS_PER_STATEMENT rows. Binding one JSON array instead of a parameter per value is what lets a
 * statement carry hundreds of rows under D1's 100-parameter limit (DESIGN.md).
 *
 * `onConflict` is SQLite's upsert clause (`ON CONFLICT (id) DO UPDATE SET ...`), or '' for none.
 */
export function insertJsonRows(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  onConflict = '',
): CompiledQuery[] {
  const selectList = columns.map((_, index) => `value->>${index}`).join(', ');
  // "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT's join syntax.
  const sqlText =
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${selectList} FROM json_each(?) WHERE true ${onConflict}`.trim();
  const statements: CompiledQuery[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    statements.push(CompiledQuery.raw(sqlText, [JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT))]));
  }
  return statements;
}

/** One statement over a JSON list of values, chunked the same way (`?` is the list). */
export function statementsOverList(sqlText: string, values: readonly (string | number)[]): CompiledQuery[] {
  const statements: CompiledQuery[] = [];
  for (let start = 0; start < values.length; start += ROWS_PER_STATEMENT * 4) {
    statements.push(CompiledQuery.raw(sqlText, [JSON.stringify(values.slice(start, start + ROWS_PER_STATEMENT * 4))]));
  }
  return statements;
}

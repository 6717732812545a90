import { type RawBuilder, sql } from 'kysely';

/** Rows a statement carries as one JSON parameter: well under D1's statement and value limits. */
const ROWS_PER_STATEMENT = 500;

/** `items` cut into the slices that one statement each carries. */
export function chunked<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Ids and keys per DELETE/UPDATE statement: a bare list, so four times the rows of an INSERT. */
export const VALUES_PER_STATEMENT = ROWS_PER_STATEMENT * 4;

/** The columns of `Row`, named in an object literal so that leaving one out fails to compile. */
export function columnsOf<Row>(columns: Record<keyof Row & string, true>): (keyof Row & string)[] {
  return Object.keys(columns) as (keyof Row & string)[];
}

/**
 * `SELECT value->>0, value->>1 ... FROM json_each(?) WHERE true`, the source of an INSERT: the rows
 * bound as ONE JSON array of arrays in `columns` order. One parameter instead of one per value is
 * what lets a statement carry hundreds of rows under D1's 100-parameter limit (DESIGN.md), and
 * arrays keep the payload a third the size of objects. "WHERE true" keeps SQLite from reading the
 * INSERT's ON CONFLICT as part of the SELECT's join syntax.
 */
export function selectJsonRows<Row>(
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): RawBuilder<unknown> {
  const json = JSON.stringify(rows.map((row) => columns.map((column) => row[column])));
  const values = sql.join(columns.map((_, index) => sql`value->>${sql.lit(index)}`));
  return sql`SELECT ${values} FROM json_each(${json}) WHERE true`;
}

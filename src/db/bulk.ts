import { type RawBuilder, sql } from 'kysely';

/**
 * Most bytes of JSON one statement binds. D1 caps a string value at 2,000,000 bytes
 * (developers.cloudflare.com/d1/platform/limits); half of that leaves room for a row that is large
 * on its own. Statements are cut by bytes, not rows: every statement costs a fixed round of
 * prepare/bind/dispatch (about 4 ms from Node through Miniflare or wrangler's proxy), so the fewer
 * and fuller the statements, the faster an import.
 */
export const JSON_BYTES_PER_STATEMENT = 1_000_000;

const NON_ASCII = /[\u0080-\uffff]/;

/** UTF-8 length of `text` (what D1 counts), without encoding it; most JSON rows are ASCII (a native test). */
function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x800)
      bytes += code >= 0xd800 && code <= 0xdbff ? 1 : 2; // a surrogate pair is 4 bytes
    else if (code >= 0x80) bytes += 1;
  }
  return bytes;
}

/**
 * `values` as JSON arrays of at most JSON_BYTES_PER_STATEMENT bytes each: the parameters of the
 * statements that carry them. Each value is serialised once.
 */
export function jsonChunks(values: readonly unknown[]): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const value of values) {
    const json = JSON.stringify(value);
    const size = utf8Length(json) + 1;
    if (parts.length > 0 && bytes + size > JSON_BYTES_PER_STATEMENT) {
      chunks.push(`[${parts.join(',')}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(json);
    bytes += size;
  }
  if (parts.length > 0) chunks.push(`[${parts.join(',')}]`);
  return chunks;
}

/** The columns of `Row`, named in an object literal so that leaving one out fails to compile. */
export function columnsOf<Row>(columns: Record<keyof Row & string, true>): (keyof Row & string)[] {
  return Object.keys(columns) as (keyof Row & string)[];
}

/** `rows` as JSON arrays of arrays in `columns` order (arrays keep the payload a third the size of objects). */
export function jsonRowChunks<Row>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string[] {
  return jsonChunks(rows.map((row) => columns.map((column) => row[column])));
}

/**
 * `SELECT value->>0, value->>1 ... FROM json_each(?) WHERE true`, the source of an INSERT: the rows
 * bound as ONE JSON array of arrays (one chunk of jsonRowChunks). One parameter instead of one per
 * value is what lets a statement carry thousands of rows under D1's 100-parameter limit
 * (DESIGN.md). "WHERE true" keeps SQLite from reading the INSERT's ON CONFLICT as part of the
 * SELECT's join syntax.
 */
export function selectJsonRows(columns: readonly string[], json: string): RawBuilder<unknown> {
  const values = sql.join(columns.map((_, index) => sql`value->>${sql.lit(index)}`));
  return sql`SELECT ${values} FROM json_each(${json}) WHERE true`;
}

/** `(SELECT value FROM json_each(?))` over one chunk of jsonChunks: a list bound as one parameter. */
export function inJson<T>(json: string): RawBuilder<T> {
  return sql<T>`(SELECT value FROM json_each(${json}))`;
}

import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database';

/** A slice of an ordered list: rows offset+1 .. offset+limit (1-based ranks). */
export interface Window {
  offset: number;
  limit: number;
}

/** A row of a per-parent page: the parent it belongs to plus the row itself. */
export type ParentRow<Row> = Row & { parent_id: number };

/**
 * One page of children for MANY parents in one statement. `ranked` must select `parent_id`,
 * the row's columns, and `rank_in_parent` (a `row_number() OVER (PARTITION BY parent ORDER BY ...)`
 * with a unique tie-breaker, so pages never skip or repeat an item).
 */
export async function pageByParent<Row>(db: Db, ranked: RawBuilder<unknown>, window: Window): Promise<ParentRow<Row>[]> {
  const result = await sql<ParentRow<Row> & { rank_in_parent: number }>`
    SELECT * FROM (${ranked})
    WHERE rank_in_parent > ${window.offset} AND rank_in_parent <= ${window.offset + window.limit}
    ORDER BY parent_id, rank_in_parent`.execute(db);
  return result.rows;
}

/** `(SELECT value FROM json_each(?))`: a whole id list as one bound parameter (D1 allows 100). */
export function inList(values: readonly (number | string)[]): RawBuilder<unknown> {
  return sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/** Turns `[{parent_id, count}]` into a Map with a 0 for every parent that has no rows. */
export function countsByParent(parentIds: readonly number[], rows: readonly { parent_id: number; count: number }[]) {
  const counts = new Map<number, number>(parentIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.parent_id, Number(row.count));
  return counts;
}

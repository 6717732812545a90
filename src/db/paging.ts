import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database';

/** A slice of an ordered list: rows offset+1 .. offset+limit (1-based ranks). */
export interface Window {
  offset: number;
  limit: number;
}

/**
 * A row of a per-parent page: the parent it belongs to, the row itself, and the size of the
 * parent's whole list (so a page that has rows needs no separate COUNT statement).
 */
export type ParentRow<Row, Key extends number | string = number> = Row & { parent_id: Key; total_in_parent: number };

/**
 * One page of children for MANY parents in one statement. `ranked` must select `parent_id`,
 * the row's columns, and `rank_in_parent` (a `row_number() OVER (PARTITION BY parent ORDER BY ...)`
 * with a unique tie-breaker, so pages never skip or repeat an item).
 */
export async function pageByParent<Row, Key extends number | string = number>(
  db: Db,
  ranked: RawBuilder<unknown>,
  window: Window,
): Promise<ParentRow<Row, Key>[]> {
  const result = await sql<ParentRow<Row, Key> & { rank_in_parent: number }>`
    SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY parent_id) AS total_in_parent FROM (${ranked}))
    WHERE rank_in_parent > ${window.offset} AND rank_in_parent <= ${window.offset + window.limit}
    ORDER BY parent_id, rank_in_parent`.execute(db);
  return result.rows;
}

/** `(SELECT value FROM json_each(?))`: a whole id list as one bound parameter (D1 allows 100). */
export function inList<T extends number | string>(values: readonly T[]): RawBuilder<T> {
  return sql<T>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/** Turns `[{parent_id, count}]` into a Map with a 0 for every parent that has no rows. */
export function countsByParent<Key extends number | string = number>(
  parentIds: readonly Key[],
  rows: readonly { parent_id: Key; count: number }[],
) {
  const counts = new Map<Key, number>(parentIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.parent_id, Number(row.count));
  return counts;
}

/** Rows per parent of `rows` (which selects `parent_id`), 0 for parents without any. */
export async function countRowsByParent<Key extends number | string = number>(
  db: Db,
  parentIds: readonly Key[],
  rows: RawBuilder<unknown>,
): Promise<Map<Key, number>> {
  const result = await sql<{ parent_id: Key; count: number }>`
    SELECT parent_id, count(*) AS count FROM (${rows}) GROUP BY parent_id`.execute(db);
  return countsByParent(parentIds, result.rows);
}

/**
 * One window per parent of ranked relatives (co-authors, co-cited papers ...). `groups` selects
 * `parent_id`, `other_id` and the measures `orderBy` ranks by; `orderBy` ends in `other_id`, so
 * the order is stable. Ranking runs over bare ids and only the window's rows are then joined to
 * their table (`join`, on `g.other_id`): a relation of thousands reads one page of rows.
 */
export async function pageOfRanked<Row>(
  db: Db,
  groups: RawBuilder<unknown>,
  window: Window,
  shape: { orderBy: RawBuilder<unknown>; join: RawBuilder<unknown>; select: RawBuilder<unknown> },
): Promise<ParentRow<Row>[]> {
  const result = await sql<ParentRow<Row>>`
    SELECT g.parent_id, g.total_in_parent, ${shape.select}
    FROM (
      SELECT *, row_number() OVER (PARTITION BY parent_id ORDER BY ${shape.orderBy}) AS rank_in_parent,
        count(*) OVER (PARTITION BY parent_id) AS total_in_parent
      FROM (${groups})
    ) g ${shape.join}
    WHERE g.rank_in_parent > ${window.offset} AND g.rank_in_parent <= ${window.offset + window.limit}
    ORDER BY g.parent_id, g.rank_in_parent`.execute(db);
  return result.rows;
}

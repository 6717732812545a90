import { type AliasableExpression, type RawBuilder, sql } from 'kysely';
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
 * Rows ranked per parent, as every per-parent page query selects them: `rank_in_parent` is a
 * `row_number() OVER (PARTITION BY parent ORDER BY ...)` with a unique tie-breaker (so pages never
 * skip or repeat an item), `total_in_parent` a `count(*)` over the same partition.
 */
type RankedRow<Row, Key extends number | string = number> = ParentRow<Row, Key> & { rank_in_parent: number };

/**
 * One page of children for MANY parents in one statement: the rows of `ranked` whose rank falls
 * in the window, by parent and rank.
 */
export async function pageByParent<Row, Key extends number | string = number>(
  db: Db,
  ranked: AliasableExpression<RankedRow<Row, Key>>,
  window: Window,
): Promise<ParentRow<Row, Key>[]> {
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where(sql.ref('rank_in_parent'), '>', window.offset)
    .where(sql.ref('rank_in_parent'), '<=', window.offset + window.limit)
    .orderBy(sql.ref('parent_id'))
    .orderBy(sql.ref('rank_in_parent'))
    .execute();
  return rows as ParentRow<Row, Key>[];
}

/** `(SELECT value FROM json_each(?))`: a whole id list as one bound parameter (D1 allows 100). */
export function inList<T extends number | string>(values: readonly T[]): RawBuilder<T> {
  return sql<T>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/**
 * `+column`: the same value, but SQLite will not search an index by it. For a filter that keeps
 * most rows (an entity type) next to a selective one (a key list): without statistics SQLite may
 * pick the index of the unselective column and read the whole table (18,000 rows for one key).
 */
export function unindexed<T>(column: string): RawBuilder<T> {
  return sql<T>`+${sql.ref(column)}`;
}

/** Turns `[{parent_id, count}]` into a Map with a 0 for every parent that has no rows. */
function countsByParent<Key extends number | string = number>(
  parentIds: readonly Key[],
  rows: readonly { parent_id: Key; count: number | string | bigint }[],
) {
  const counts = new Map<Key, number>(parentIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.parent_id, Number(row.count));
  return counts;
}

/** Rows per parent of `rows` (which selects `parent_id`), 0 for parents without any. */
export async function countRowsByParent<Key extends number | string = number>(
  db: Db,
  parentIds: readonly Key[],
  rows: AliasableExpression<{ parent_id: Key }>,
): Promise<Map<Key, number>> {
  const counts = await db
    .selectFrom(rows.as('rows'))
    .select((eb) => [eb.ref('parent_id').as('parent_id'), eb.fn.countAll<number>().as('count')])
    .groupBy('parent_id')
    .execute();
  return countsByParent(parentIds, counts as { parent_id: Key; count: number }[]);
}

import { type AliasableExpression, type RawBuilder, sql } from 'kysely';
import type { Db } from './database';

/**
 * A row of a per-parent page: the parent it belongs to, the row itself, and the size of the
 * parent's whole list (so a page that has rows needs no separate COUNT statement).
 */
export type ParentRow<Row, Key extends number | string = number> = Row & { parent_id: Key; total_in_parent: number };

/**
 * `(SELECT value FROM json_each(?))`: a whole id list as one bound parameter (D1 allows 100). One
 * value is `(?)`: the same test, and SQLite prepares it in about a fifth of the time of the
 * json_each scan (0.05 ms of a statement's 0.25, on every one of a node page's statements), and
 * D1 counts no json_each rows as read.
 */
export function inList<T extends number | string>(values: readonly T[]): RawBuilder<T> {
  return values.length === 1
    ? sql<T>`(${values[0]})`
    : sql<T>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/**
 * Papers named by identifier keys (`acl:J93-2004`, `doi:10.1000/x`) that are not looked up yet: a
 * parent set a statement can take INSTEAD of an id list, so a paper's relations go to D1 in the same
 * batch as the lookup of the paper itself (src/schema/prefetch.ts), and a node page is one round
 * trip. `external_id.key` is its primary key: one key names at most one paper.
 */
export interface PapersByKeys {
  readonly paperKeys: readonly string[];
}

/** The parents of a paper relation: paper ids, or the papers some identifier keys name. */
export type PaperParents = readonly number[] | PapersByKeys;

function isByKeys(parents: PaperParents): parents is PapersByKeys {
  return 'paperKeys' in parents;
}

/**
 * `inList` for paper parents: the id list, or the lookup of the keys as a subquery (searched by the
 * primary key of external_id, as findPapersByExternalKeys does), which SQLite runs once and then
 * searches the relation's index with each id, as it does for a list.
 */
export function parentList(parents: PaperParents): RawBuilder<number> {
  if (!isByKeys(parents)) return inList(parents);
  // One key (a node page) is `key IN (?)` (inList): no JSON list to expand, fewer rows read per statement.
  const lookup = sql<number>`(SELECT entity_id FROM external_id
    WHERE key IN ${inList(parents.paperKeys)} AND ${unindexed('entity_type')} = 'paper')`;
  // And its lookup is a one-item list, `IN ((SELECT ...))`, which SQLite runs as `= (SELECT ...)`:
  // a scalar subquery run once, not a list it builds an index of. 0.15 ms of a node page's 7 ms of
  // statements in workerd, and one row read less per statement.
  return parents.paperKeys.length === 1 ? sql<number>`(${lookup})` : lookup;
}

/** Whether the parents are at most one paper, so a statement may be written for one parent. */
export function isSingleParent(parents: PaperParents): boolean {
  return (isByKeys(parents) ? parents.paperKeys : parents).length === 1;
}

/**
 * The one parent's id as an SQL value, for a single-parent statement that groups without it: the
 * id itself, or the key's lookup as a scalar subquery (run once; null when the key names nothing,
 * and then the statement has no rows anyway).
 */
export function singleParentId(parents: PaperParents): RawBuilder<number> {
  return isByKeys(parents) ? parentList(parents) : sql<number>`${parents[0]}`;
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

/**
 * `LIMIT n` with n written into the SQL text, never bound. Measured in workerd's D1, a bound
 * `LIMIT ?` costs a statement 0.03-0.1 ms more than the same statement with the number in its text,
 * whatever the rows (an empty page too; Python's sqlite3 shows no such difference, and the cause is
 * unknown); the node page's five paged
 * statements paid about 0.4 ms for it (`npm run bench`). A page size therefore belongs to a
 * statement's shape (prepared.ts keeps one text per `limit`); page sizes are checked before any
 * statement is built (0-100, and one more row to know whether a next page exists), so a shape has
 * at most about a hundred texts. Only a whole number ≥ 0 is written: anything else is a bug, and throws.
 */
export function limitClause(limit: number): RawBuilder<unknown> {
  if (!Number.isSafeInteger(limit) || limit < 0)
    throw new RangeError(`a LIMIT must be a whole number ≥ 0, not ${limit}`);
  return sql`LIMIT ${sql.lit(limit)}`;
}

/** One column of a keyset order: a column of the rows being paged, never null (use `ifnull`). */
export interface SortKey {
  column: string;
  direction: 'asc' | 'desc';
  /** `nocase` for names and titles, compared and ordered with COLLATE NOCASE. */
  collate?: 'nocase';
}

/** The values of a row's sort keys: where it stands in its list, and what a cursor holds. */
export type KeyValues = ReadonlyArray<number | string>;

/**
 * A keyset page: at most `limit` rows strictly after `after` and strictly before `before` (both
 * key values in list order), taken from the start of that range, or from its end when `backward`.
 */
export interface KeysetWindow {
  limit: number;
  after: KeyValues | null;
  before: KeyValues | null;
  backward: boolean;
  /**
   * For a page of papers, or of rows with a paper (a reference's cited paper): true when the page's
   * selection reads only the listed columns of its papers (paper.repository `listedPaperColumns`),
   * so its rows carry only those. Absent or false: every column. Ignored by pages without papers.
   */
  listedPaperColumns?: boolean;
}

function sortRef(key: SortKey): RawBuilder<unknown> {
  return key.collate ? sql`${sql.ref(key.column)} COLLATE NOCASE` : sql`${sql.ref(key.column)}`;
}

/**
 * `row > values` (or `<` with `before`) in the order `keys`: the lexicographic comparison written
 * out as `(a > x) OR (a = x AND b > y) ...`, with each column's direction and collation.
 */
function beyond(keys: readonly SortKey[], values: KeyValues, side: 'after' | 'before'): RawBuilder<boolean> {
  if (keys.every((key) => key.direction === keys[0]?.direction)) {
    // One direction: a row value, which SQLite can answer as a range of an index on those columns.
    const forward = (keys[0]?.direction === 'asc') === (side === 'after');
    const row = sql.join(keys.map(sortRef));
    return sql<boolean>`((${row}) ${sql.raw(forward ? '>' : '<')} (${sql.join(values.map((v) => sql`${v}`))}))`;
  }
  const arms = keys.map((key, i) => {
    const forward = (key.direction === 'asc') === (side === 'after');
    const equal = keys.slice(0, i).map((earlier, j) => sql`${sortRef(earlier)} = ${values[j]}`);
    const strict = sql`${sortRef(key)} ${sql.raw(forward ? '>' : '<')} ${values[i]}`;
    return sql`(${sql.join([...equal, strict], sql` AND `)})`;
  });
  return sql<boolean>`(${sql.join(arms, sql` OR `)})`;
}

function orderBy(keys: readonly SortKey[], reverse: boolean): RawBuilder<unknown> {
  return sql.join(
    keys.map((key) => {
      const asc = (key.direction === 'asc') !== reverse;
      return sql`${sortRef(key)} ${sql.raw(asc ? 'ASC' : 'DESC')}`;
    }),
  );
}

/** The keyset condition of a window (rows strictly between its cursors), or null when it has none. */
export function keysetCondition(keys: readonly SortKey[], window: KeysetWindow): RawBuilder<boolean> | null {
  const conditions = [
    ...(window.after ? [beyond(keys, window.after, 'after')] : []),
    ...(window.before ? [beyond(keys, window.before, 'before')] : []),
  ];
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : null;
}

/** `ORDER BY` of a keyset window: the order, or its reverse when the window is taken from the end. */
export function keysetOrderBy(keys: readonly SortKey[], window: KeysetWindow): RawBuilder<unknown> {
  return orderBy(keys, window.backward);
}

/** The key values of a row, in the order's columns, as cursors carry them. */
export function keyValuesOf(keys: readonly SortKey[], row: Record<string, unknown>): KeyValues {
  return keys.map((key) => row[key.column] as number | string);
}

/**
 * The keyset page of MANY parents' lists in one statement. `rows` selects `parent_id` and the
 * order's columns (one row per item; the last key unique within a parent). The whole list's size
 * is counted before the keyset condition (`total_in_parent`), then the rows beyond the cursors are
 * ranked (`rank_in_parent`, 1 = the first row of the page: from the end when backward) and the
 * first `limit` kept. For ranked relations the condition applies after grouping, to the grouped
 * rows: a page reads its parent's list, but its boundary is the last item's key, not a position.
 *
 * `singleParent`: the caller knows `rows` holds one parent's list (it asked for one parent, and
 * `rows` is filtered by that parent alone). Then no window partitions the list: it is computed
 * once (a MATERIALIZED CTE), counted by a scalar subquery and cut by ORDER BY ... LIMIT, which
 * keeps only the page in its sorter. For the 4,000 secondary citations of a classic that halves
 * the statement (two window passes sort and copy every grouped row). That form numbers nothing
 * (`rank_in_parent` is absent): a window level over the page was half of what SQLite spent
 * preparing the statement. Order the page's rows with `rankedPageOrder`, which knows both forms.
 */
export function keysetRanked<Row extends { parent_id: number | string }>(
  db: Db,
  rows: AliasableExpression<Row>,
  keys: readonly SortKey[],
  window: KeysetWindow,
  singleParent = false,
): AliasableExpression<Row & { total_in_parent: number; rank_in_parent: number }> {
  type RankedRow = Row & { total_in_parent: number; rank_in_parent: number };
  if (singleParent) {
    // Typed like the windowed form (callers only alias it), but it has no rank_in_parent: its rows
    // are ordered by rankedPageOrder.
    return sql<RankedRow>`(WITH keyset_rows AS MATERIALIZED (SELECT * FROM ${rows.as('keyset_source')})
      SELECT *, (SELECT count(*) FROM keyset_rows) AS total_in_parent FROM keyset_rows${singleParentCut(keys, window)})`;
  }
  const order = orderBy(keys, window.backward);
  const condition = keysetCondition(keys, window);
  // The count's frame is the whole partition, ordered as the rank is, so one sort serves both windows.
  const frame = sql`PARTITION BY parent_id ORDER BY ${order} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING`;
  const rank = sql<number>`row_number() OVER (PARTITION BY parent_id ORDER BY ${order})`.as('rank_in_parent');
  const counted = db
    .selectFrom(rows.as('keyset_rows'))
    .selectAll()
    .select(sql<number>`count(*) OVER (${frame})`.as('total_in_parent'));
  // A first page (no cursor) counts and ranks the same rows, in one level; past a cursor the rank
  // counts only the rows beyond it, so it is taken a level above the count.
  const ranked = (condition === null
    ? counted.select(rank)
    : db
        .selectFrom(counted.as('keyset_counted'))
        .selectAll()
        .select(rank)
        .where(condition)) as unknown as AliasableExpression<RankedRow>;
  return db
    .selectFrom(ranked.as('keyset_ranked'))
    .selectAll()
    .where(sql.ref('rank_in_parent'), '<=', window.limit) as unknown as AliasableExpression<RankedRow>;
}

/** How one parent's list `keyset_rows` is cut to a page: the rows beyond the cursors, in order, `limit` of them. */
function singleParentCut(keys: readonly SortKey[], window: KeysetWindow): RawBuilder<unknown> {
  const condition = keysetCondition(keys, window);
  const where = condition ? sql` WHERE ${condition}` : sql``;
  return sql`${where} ORDER BY ${orderBy(keys, window.backward)} ${limitClause(window.limit)}`;
}

/**
 * The single-parent form of `keysetRanked` with the list as a STATEMENT-level CTE (`keyset_rows`,
 * MATERIALIZED): build the statement from the returned `db`, which carries the CTE, reading the
 * page as `page` and the list's size as `total` (a scalar subquery for the select list). SQLite
 * runs a top-level materialized CTE a little faster than the same CTE inside a FROM subquery: about
 * 0.1 ms of the 3 ms the 4,000 secondary citations of a classic take. Order with `rankedPageOrder`.
 */
export function singleParentRankedPage<Row>(
  db: Db,
  rows: AliasableExpression<Row>,
  keys: readonly SortKey[],
  window: KeysetWindow,
): { db: Db; page: RawBuilder<Row>; total: RawBuilder<number> } {
  return {
    // The CTE is typed by the raw references below, not by Kysely's table map.
    db: db.with(
      (cte) => cte('keyset_rows').materialized(),
      () => rows as never,
    ) as unknown as Db,
    page: sql<Row>`(SELECT * FROM keyset_rows${singleParentCut(keys, window)})`,
    total: sql<number>`(SELECT count(*) FROM keyset_rows)`,
  };
}

/**
 * ORDER BY for the rows of a `keysetRanked` page read as `alias`: parent by parent, in rank order;
 * for the single-parent form, by the keys themselves, scanned the way its page was cut (from the
 * end when backward), which is the order the ranks would give.
 */
export function rankedPageOrder(
  alias: string,
  keys: readonly SortKey[],
  window: KeysetWindow,
  singleParent = false,
): RawBuilder<unknown> {
  if (!singleParent) return sql`${sql.ref(`${alias}.parent_id`)}, ${sql.ref(`${alias}.rank_in_parent`)}`;
  return orderBy(
    keys.map((key) => ({ ...key, column: `${alias}.${key.column}` })),
    window.backward,
  );
}

/**
 * A page function that pages by keys: the connection layer reads its `keys` to make cursors.
 * `Parents`: what it takes as parents, an id list, or also `PaperParents` for a paper relation that
 * can be fetched with its paper's lookup.
 */
export type KeysetPage<Row, Key extends number | string = number, Parents = Key[]> = ((
  db: Db,
  parentIds: Parents,
  window: KeysetWindow,
) => Promise<ParentRow<Row, Key>[]>) & { keys: readonly SortKey[] };

export function keysetPage<Row, Key extends number | string = number, Parents = Key[]>(
  keys: readonly SortKey[],
  page: (db: Db, parentIds: Parents, window: KeysetWindow) => Promise<ParentRow<Row, Key>[]>,
): KeysetPage<Row, Key, Parents> {
  return Object.assign(page, { keys });
}

/** A keyset page of a list that needs no join after ranking: its rows in page order per parent. */
export async function executeKeysetPage<Row extends { parent_id: number | string }>(
  db: Db,
  rows: AliasableExpression<Row>,
  keys: readonly SortKey[],
  window: KeysetWindow,
): Promise<Array<Row & { total_in_parent: number }>> {
  const result = await db
    .selectFrom(keysetRanked(db, rows, keys, window).as('page'))
    .selectAll()
    .orderBy(sql.ref('parent_id'))
    .orderBy(sql.ref('rank_in_parent'))
    .execute();
  return result as unknown as Array<Row & { total_in_parent: number }>;
}

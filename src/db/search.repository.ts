/**
 * Paper sets: all papers, a full-text search (migration 0004's paper_search, bm25), or the citers of
 * parent papers, narrowed by filters; paged by keyset (sort value, id), counted, and faceted.
 *
 * Every statement is built here whole, from the same three parts (`sourceOf`): the FROM (paper,
 * joined to the search's matches and/or to the citing pairs of the parents), the WHERE of the
 * filters, and the sort key. Raw SQL because FTS5's MATCH and bm25() and the keyset comparisons
 * with NULL years are not in the builder's vocabulary.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database';
import { inList, isSingleParent, limitClause, type PaperParents, parentList } from './paging';
import { type ListedPaperRow, listedPaperColumns, paperColumns } from './paper.repository';

/** AND across fields, OR within a list. Ids are local (decoded from global ids by the schema). */
export interface PaperFilters {
  yearMin?: number;
  yearMax?: number;
  types?: string[];
  venueIds?: number[];
  authorIds?: number[];
  institutionIds?: number[];
  countries?: string[];
  keywordIds?: number[];
  hasAbstract?: boolean;
  hasDoi?: boolean;
  citationCountMin?: number;
  citationCountMax?: number;
  /** Papers citing this paper. */
  cites?: number;
  /** Papers this paper cites. */
  citedBy?: number;
}

export interface PaperSetQuery {
  /** An FTS5 MATCH expression from src/search/query.ts, or null for no search. */
  match: string | null;
  filters: PaperFilters;
}

export type SortField = 'RELEVANCE' | 'ID' | 'YEAR' | 'TITLE' | 'CITATION_COUNT';
export type SortDirection = 'ASC' | 'DESC';

/** A position in a sorted set: the sort value and the id of the item there. */
export interface Keyset {
  value: number | string | null;
  id: number;
}

export interface KeysetPage {
  field: SortField;
  direction: SortDirection;
  /** Exclusive bounds, in the sort's order. */
  after: Keyset | null;
  before: Keyset | null;
  limit: number;
  /** Take the last `limit` items before `before` (or before the end) instead of the first ones. */
  fromEnd: boolean;
  /** Only the listed columns of each paper (as KeysetWindow.listedPaperColumns). */
  listedPaperColumns?: boolean;
}

export type SortedPaperRow = ListedPaperRow & { sort_value: number | string | null; parent_id: number };

/**
 * bm25 weights by column (title, abstract, keywords, venue, authors): a title match counts ten
 * times an abstract match; keywords are chosen words, author and venue names are what people type.
 */
const BM25 = sql.raw('bm25(paper_search, 10.0, 1.0, 4.0, 2.0, 3.0)');

/** paper.repository's column lists as select-list text: every column, or the listed ones. */
const PAPER_COLUMNS = sql.raw(paperColumns.join(', '));
const LISTED_PAPER_COLUMNS = sql.raw(listedPaperColumns.join(', '));

function sortKey(field: SortField): RawBuilder<unknown> {
  switch (field) {
    case 'RELEVANCE':
      return sql.raw('s.score');
    case 'YEAR':
      return sql.raw('p.year');
    case 'TITLE':
      return sql.raw('p.title COLLATE NOCASE');
    case 'CITATION_COUNT':
      return sql.raw('p.citation_count');
    default:
      return sql.raw('p.id');
  }
}

/**
 * "Comes after `at` in this order" for ORDER BY key <dir>, p.id <dir>. SQLite sorts NULL first
 * ascending and last descending; only YEAR is ever NULL.
 */
function comesAfter(field: SortField, dir: 'asc' | 'desc', at: Keyset): RawBuilder<unknown> {
  const key = sortKey(field);
  const cmp = sql.raw(dir === 'asc' ? '>' : '<');
  if (field === 'ID') return sql`p.id ${cmp} ${at.id}`;
  if (at.value === null) {
    return dir === 'asc'
      ? sql`(${key} IS NOT NULL OR (${key} IS NULL AND p.id > ${at.id}))`
      : sql`(${key} IS NULL AND p.id < ${at.id})`;
  }
  const nullsAfter = dir === 'desc' ? sql` OR ${key} IS NULL` : sql``;
  return sql`(${key} ${cmp} ${at.value}${nullsAfter} OR (${key} = ${at.value} AND p.id ${cmp} ${at.id}))`;
}

/** The FROM and WHERE of a paper set; `parent` is the parent id column (0 for a root list). */
function sourceOf(query: PaperSetQuery, parentIds: PaperParents | null) {
  const joins: RawBuilder<unknown>[] = [];
  if (query.match !== null) {
    joins.push(sql`JOIN (SELECT rowid AS id, -${BM25} AS score FROM paper_search
      WHERE paper_search MATCH ${query.match}) s ON s.id = p.id`);
  }
  if (parentIds !== null) {
    joins.push(sql`JOIN (SELECT DISTINCT cited_paper_id AS parent_id, citing_paper_id AS paper_id FROM reference
      WHERE cited_paper_id IN ${parentList(parentIds)}) c ON c.paper_id = p.id`);
  }
  const from = sql`paper p ${sql.join(joins, sql` `)}`;
  const parent = parentIds === null ? sql.raw('0') : sql.raw('c.parent_id');
  return { from, where: filterConditions(query.filters), parent };
}

function filterConditions(f: PaperFilters): RawBuilder<unknown> {
  const all: RawBuilder<unknown>[] = [sql`1`];
  if (f.yearMin !== undefined) all.push(sql`p.year >= ${f.yearMin}`);
  if (f.yearMax !== undefined) all.push(sql`p.year <= ${f.yearMax}`);
  if (f.types) all.push(sql`p.type IN ${inList(f.types)}`);
  if (f.venueIds) all.push(sql`p.venue_id IN ${inList(f.venueIds)}`);
  if (f.authorIds) {
    all.push(sql`p.id IN (SELECT paper_id FROM authorship WHERE author_id IN ${inList(f.authorIds)})`);
  }
  if (f.institutionIds) {
    all.push(sql`p.id IN (SELECT paper_id FROM authorship_institution
      WHERE institution_id IN ${inList(f.institutionIds)})`);
  }
  if (f.countries) {
    all.push(sql`p.id IN (SELECT ai.paper_id FROM institution i
      JOIN authorship_institution ai ON ai.institution_id = i.id WHERE i.country IN ${inList(f.countries)})`);
  }
  if (f.keywordIds) {
    all.push(sql`p.id IN (SELECT paper_id FROM paper_keyword WHERE keyword_id IN ${inList(f.keywordIds)})`);
  }
  if (f.hasAbstract !== undefined) {
    all.push(f.hasAbstract ? sql`coalesce(p.abstract, '') <> ''` : sql`coalesce(p.abstract, '') = ''`);
  }
  if (f.hasDoi !== undefined) all.push(f.hasDoi ? sql`p.doi IS NOT NULL` : sql`p.doi IS NULL`);
  if (f.citationCountMin !== undefined) all.push(sql`p.citation_count >= ${f.citationCountMin}`);
  if (f.citationCountMax !== undefined) all.push(sql`p.citation_count <= ${f.citationCountMax}`);
  if (f.cites !== undefined) {
    all.push(sql`p.id IN (SELECT citing_paper_id FROM reference WHERE cited_paper_id = ${f.cites})`);
  }
  if (f.citedBy !== undefined) {
    all.push(sql`p.id IN (SELECT cited_paper_id FROM reference
      WHERE citing_paper_id = ${f.citedBy} AND cited_paper_id IS NOT NULL)`);
  }
  return sql.join(all, sql` AND `);
}

/**
 * One keyset page per parent (one statement for every parent): the rows after `after` and before
 * `before` in the sort, `limit` of them from the start (or from the end, for `last`), each with its
 * sort value for the cursor, in the sort's order. Reads the whole set once when the order has no
 * index to walk (relevance, a filtered or nested set); the page alone otherwise.
 */
export async function keysetPage(
  db: Db,
  query: PaperSetQuery,
  parentIds: PaperParents | null,
  page: KeysetPage,
): Promise<SortedPaperRow[]> {
  const { from, where, parent } = sourceOf(query, parentIds);
  const forward = page.direction === 'ASC' ? 'asc' : 'desc';
  const scan = page.fromEnd ? (forward === 'asc' ? 'desc' : 'asc') : forward;
  const against = scan === 'asc' ? 'desc' : 'asc';
  const start = page.fromEnd ? page.before : page.after;
  const stop = page.fromEnd ? page.after : page.before;
  const conditions = [where];
  if (start) conditions.push(comesAfter(page.field, scan, start));
  if (stop) conditions.push(comesAfter(page.field, against, stop));
  const key = sortKey(page.field);
  const dir = sql.raw(scan);
  const order = page.field === 'ID' ? sql`p.id ${dir}` : sql`${key} ${dir}, p.id ${dir}`;
  const filtered = sql`${sql.join(conditions, sql` AND `)}`;
  const columns = page.listedPaperColumns ? LISTED_PAPER_COLUMNS : PAPER_COLUMNS;
  // A root list, or ONE parent's (a node page's citedBy): ORDER BY ... LIMIT keeps only the page in
  // its sorter; ranking within parents (a window over every row) is for many parents at once.
  const ranked = parentIds !== null && !isSingleParent(parentIds);
  const statement = !ranked
    ? sql<SortedPaperRow>`SELECT ${columns}, ${key} AS sort_value, ${parent} AS parent_id
          FROM ${from} WHERE ${filtered} ORDER BY ${order} ${limitClause(page.limit)}`
    : sql<SortedPaperRow>`SELECT * FROM (
          SELECT ${columns}, ${key} AS sort_value, ${parent} AS parent_id,
            row_number() OVER (PARTITION BY ${parent} ORDER BY ${order}) AS rank_in_parent
          FROM ${from} WHERE ${filtered}) WHERE rank_in_parent <= ${page.limit}
          ORDER BY parent_id, rank_in_parent`;
  const { rows } = await statement.execute(db);
  // Only the ranked form has a rank to drop: a node page's citers are not copied.
  const clean = ranked
    ? rows.map(({ rank_in_parent: _rank, ...row }: SortedPaperRow & { rank_in_parent?: number }) => row)
    : rows;
  return page.fromEnd ? reverseWithinParents(clean) : clean;
}

function reverseWithinParents(rows: SortedPaperRow[]): SortedPaperRow[] {
  const byParent = new Map<number, SortedPaperRow[]>();
  for (const row of rows) byParent.set(row.parent_id, [...(byParent.get(row.parent_id) ?? []), row]);
  return [...byParent.values()].flatMap((list) => list.reverse());
}

/** Size of the set per parent (one statement for every parent; 0 for a root list). */
export async function countPaperSet(
  db: Db,
  query: PaperSetQuery,
  parentIds: readonly number[] | null,
): Promise<Map<number, number>> {
  const { from, where, parent } = sourceOf(query, parentIds);
  const { rows } = await sql<{ parent_id: number; count: number }>`
    SELECT ${parent} AS parent_id, count(*) AS count FROM ${from} WHERE ${where} GROUP BY 1`.execute(db);
  return new Map(rows.map((row) => [Number(row.parent_id), Number(row.count)]));
}

export type FacetKind = 'YEAR' | 'TYPE' | 'VENUE' | 'KEYWORD' | 'INSTITUTION' | 'COUNTRY';

export interface FacetRow {
  parent_id: number;
  /** The entity's id for VENUE, KEYWORD and INSTITUTION; null otherwise. */
  entity_id: number | null;
  value: string | number;
  count: number;
}

/** What a facet groups by: the value, an entity id, and the join that reaches them from p. */
function facetParts(kind: FacetKind) {
  switch (kind) {
    case 'YEAR':
      return { join: sql``, value: sql.raw('p.year'), entity: sql.raw('NULL') };
    case 'TYPE':
      return { join: sql``, value: sql.raw('p.type'), entity: sql.raw('NULL') };
    case 'VENUE':
      return { join: sql`JOIN venue f ON f.id = p.venue_id`, value: sql.raw('f.name'), entity: sql.raw('f.id') };
    case 'KEYWORD':
      return {
        join: sql`JOIN paper_keyword fk ON fk.paper_id = p.id JOIN keyword f ON f.id = fk.keyword_id`,
        value: sql.raw('f.term'),
        entity: sql.raw('f.id'),
      };
    case 'INSTITUTION':
      return {
        join: sql`JOIN authorship_institution fa ON fa.paper_id = p.id JOIN institution f ON f.id = fa.institution_id`,
        value: sql.raw('f.name'),
        entity: sql.raw('f.id'),
      };
    case 'COUNTRY':
      return {
        join: sql`JOIN authorship_institution fa ON fa.paper_id = p.id JOIN institution f ON f.id = fa.institution_id`,
        value: sql.raw('f.country'),
        entity: sql.raw('NULL'),
      };
  }
}

/**
 * The `top` most frequent values of a facet over the WHOLE set (not a page), per parent, most
 * papers first, then by value: each paper counted once per value (a paper with two authors at one
 * institution counts once for it). Papers without a value (no year, no venue) are not counted.
 */
export async function facetCounts(
  db: Db,
  query: PaperSetQuery,
  parentIds: readonly number[] | null,
  kind: FacetKind,
  top: number,
): Promise<FacetRow[]> {
  const { from, where, parent } = sourceOf(query, parentIds);
  const facet = facetParts(kind);
  const { rows } = await sql<FacetRow>`
    SELECT parent_id, entity_id, value, count FROM (
      SELECT parent_id, entity_id, value, count,
        row_number() OVER (PARTITION BY parent_id ORDER BY count DESC, value, entity_id) AS rank_in_parent
      FROM (
        SELECT ${parent} AS parent_id, ${facet.entity} AS entity_id, ${facet.value} AS value,
          count(DISTINCT p.id) AS count
        FROM ${from} ${facet.join}
        WHERE ${where} AND ${facet.value} IS NOT NULL
        GROUP BY 1, 2, 3))
    WHERE rank_in_parent <= ${top}
    ORDER BY parent_id, rank_in_parent`.execute(db);
  return rows.map((row) => ({ ...row, parent_id: Number(row.parent_id), count: Number(row.count) }));
}

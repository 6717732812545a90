/**
 * Root lists of authors, institutions, keywords and venues (name search, sorts by name, papers and
 * citations), prefix autocomplete for every entity, and identifier keys resolved in one statement.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database';
import { inList, type KeysetWindow, keysetCondition, keysetOrderBy, limitClause, type SortKey } from './paging';
import type { EntityType } from './tables';

export type ListedEntity = 'author' | 'institution' | 'keyword' | 'venue';
export type EntityOrderField = 'NAME' | 'PAPER_COUNT' | 'CITATION_COUNT';

interface EntityTable {
  table: ListedEntity;
  /** The entity's row as its GraphQL type reads it. */
  columns: readonly string[];
  /** What NAME orders and searches by; keywords by their folded key (UNIQUE, so indexed). */
  name: string;
  /** (parent_id, paper_id) pairs, each once: what paper and citation counts count. */
  pairs: RawBuilder<unknown>;
}

const TABLES: Record<ListedEntity, EntityTable> = {
  author: {
    table: 'author',
    columns: ['id', 'name', 'orcid'],
    name: 'name',
    pairs: sql`SELECT DISTINCT author_id AS parent_id, paper_id FROM authorship`,
  },
  institution: {
    table: 'institution',
    columns: ['id', 'name', 'ror', 'country', 'type'],
    name: 'name',
    pairs: sql`SELECT DISTINCT institution_id AS parent_id, paper_id FROM authorship_institution`,
  },
  keyword: {
    table: 'keyword',
    columns: ['id', 'term'],
    name: 'key',
    pairs: sql`SELECT keyword_id AS parent_id, paper_id FROM paper_keyword`,
  },
  venue: {
    table: 'venue',
    columns: ['id', 'name', 'issn', 'type'],
    name: 'name',
    pairs: sql`SELECT venue_id AS parent_id, id AS paper_id FROM paper WHERE venue_id IS NOT NULL`,
  },
};

/** The keyset order of a list: names A to Z (ties by id), counts largest first (ties by id, descending). */
export function entityOrder(kind: ListedEntity, field: EntityOrderField): readonly SortKey[] {
  if (field === 'NAME') {
    // A keyword's key is folded already, and its UNIQUE index is binary.
    const name: SortKey =
      kind === 'keyword'
        ? { column: 'sort_name', direction: 'asc' }
        : { column: 'sort_name', direction: 'asc', collate: 'nocase' };
    return [name, { column: 'id', direction: 'asc' }];
  }
  return [
    { column: field === 'PAPER_COUNT' ? 'paper_count' : 'citation_count', direction: 'desc' },
    { column: 'id', direction: 'desc' },
  ];
}

/** Lower-case ASCII for `instr`, which compares bytes; the same folding as COLLATE NOCASE. */
function matches(column: string, query: string): RawBuilder<boolean> {
  return sql<boolean>`instr(lower(${sql.ref(column)}), ${query.toLowerCase()}) > 0`;
}

/**
 * One keyset page of a root list, rows in window order. By NAME: a range of the name index, a
 * page's rows. By a count: every entity's papers are counted (the pairs table once) and sorted.
 */
export async function listEntities(
  db: Db,
  kind: ListedEntity,
  options: { query: string | null; order: EntityOrderField; window: KeysetWindow },
): Promise<Array<Record<string, unknown>>> {
  const table = TABLES[kind];
  const keys = entityOrder(kind, options.order);
  const columns = sql.join(table.columns.map((column) => sql.ref(`e.${column}`)));
  const stats =
    options.order === 'NAME'
      ? sql``
      : sql`, ifnull(s.paper_count, 0) AS paper_count, ifnull(s.citation_count, 0) AS citation_count`;
  const join =
    options.order === 'NAME'
      ? sql``
      : sql`LEFT JOIN (SELECT pp.parent_id, count(*) AS paper_count, sum(p.citation_count) AS citation_count
          FROM (${table.pairs}) pp JOIN paper p ON p.id = pp.paper_id GROUP BY pp.parent_id) s
          ON s.parent_id = e.id`;
  const conditions = [
    ...(options.query ? [matches('sort_name', options.query)] : []),
    ...[keysetCondition(keys, options.window)].filter((c): c is RawBuilder<boolean> => c !== null),
  ];
  const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  const result = await sql<Record<string, unknown>>`SELECT * FROM (
      SELECT ${columns}, ${sql.ref(`e.${table.name}`)} AS sort_name ${stats}
      FROM ${sql.table(table.table)} e ${join}) e
    ${where}
    ORDER BY ${keysetOrderBy(keys, options.window)}
    ${limitClause(options.window.limit)}`.execute(db);
  return result.rows;
}

export async function countEntities(db: Db, kind: ListedEntity, query: string | null): Promise<number> {
  const table = TABLES[kind];
  const where = query ? sql`WHERE ${matches(table.name, query)}` : sql``;
  const result = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table.table)} ${where}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

export type SuggestedEntity = 'paper' | ListedEntity;

export interface SuggestionRow {
  kind: SuggestedEntity;
  id: number;
  label: string;
}

/** What a prefix is compared with, per kind: an indexed column and its collation. */
const SUGGEST: Record<SuggestedEntity, { table: string; column: string; label: string; nocase: boolean }> = {
  paper: { table: 'paper', column: 'title', label: 'title', nocase: true },
  author: { table: 'author', column: 'name', label: 'name', nocase: true },
  institution: { table: 'institution', column: 'name', label: 'name', nocase: true },
  keyword: { table: 'keyword', column: 'key', label: 'term', nocase: false },
  venue: { table: 'venue', column: 'name', label: 'name', nocase: true },
};

/** Above every character: `prefix || this` bounds the range of strings that start with the prefix. */
const AFTER_ALL = '\u{10FFFF}';

/**
 * Up to `limit` entities of each kind whose name starts with `prefix`, in name order: ONE
 * statement, each arm a range of one index (paper_title, author_name, institution_name,
 * keyword.key, venue_name), reading `limit` rows. `prefix` is folded the way the column is.
 */
export async function suggestByPrefix(
  db: Db,
  kinds: readonly SuggestedEntity[],
  prefixes: { nocase: string; folded: string },
  limit: number,
): Promise<SuggestionRow[]> {
  const arms = kinds.map((kind) => {
    const { table, column, label, nocase } = SUGGEST[kind];
    const prefix = nocase ? prefixes.nocase : prefixes.folded;
    const ref = nocase ? sql`${sql.ref(column)} COLLATE NOCASE` : sql.ref(column);
    return sql`SELECT * FROM (SELECT ${kind} AS kind, id, ${sql.ref(label)} AS label FROM ${sql.table(table)}
      WHERE ${ref} >= ${prefix} AND ${ref} < ${prefix + AFTER_ALL} ORDER BY ${ref}, id ${limitClause(limit)})`;
  });
  if (arms.length === 0) return [];
  const result = await sql<SuggestionRow>`${sql.join(arms, sql` UNION ALL `)}`.execute(db);
  return result.rows;
}

export interface KeyEntityRow {
  key: string;
  entity_type: EntityType;
  entity_id: number;
}

/** The entity of each identifier key (any kind), one primary-key lookup a key; unknown keys absent. */
export async function findEntitiesByKeys(db: Db, keys: readonly string[]): Promise<KeyEntityRow[]> {
  return db
    .selectFrom('external_id')
    .select(['key', 'entity_type', 'entity_id'])
    .where('key', 'in', inList(keys))
    .execute();
}

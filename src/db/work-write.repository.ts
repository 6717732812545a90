/**
 * The SQL of the one writer (src/ingest/write.ts). Reads what already exists in one statement, then
 * produces the statements of one atomic batch from a plan whose ids are all known.
 */
import { type CompiledQuery, sql } from 'kysely';
import { insertJsonRows, statementsOverList } from './bulk';
import type { Db } from './database';
import type { EntityType } from './tables';

export type KeyedKind = EntityType | 'keyword';

export interface ExistingIds {
  /** identity key -> id, per kind. Paper keys are external-id keys. */
  byKind: Record<KeyedKind, Map<string, number>>;
  /** Highest id in use per kind (0 for an empty table). */
  maxId: Record<KeyedKind, number>;
}

export interface LookupKeys {
  /** External-id keys of papers, authors, institutions and venues (looked up in external_id). */
  externalKeys: Record<EntityType, string[]>;
  /** Natural keys in each table's `key` column (name keys, keyword terms ...). */
  naturalKeys: Record<KeyedKind, string[]>;
}

const KINDS: readonly KeyedKind[] = ['paper', 'author', 'institution', 'venue', 'keyword'];

/**
 * Everything the plan needs to know about existing rows, in ONE statement and one row: each lookup
 * is a scalar subquery returning a JSON array (D1 caps compound SELECTs, so no UNION ALL chain).
 */
export async function findExistingIds(db: Db, keys: LookupKeys): Promise<ExistingIds> {
  const externalKeys = JSON.stringify(Object.values(keys.externalKeys).flat());
  const pairs = (table: KeyedKind, values: string[]) =>
    sql`(SELECT json_group_array(json_array(key, id)) FROM ${sql.table(table)}
         WHERE key IN (SELECT value FROM json_each(${JSON.stringify(values)})))`;
  const maxId = (table: KeyedKind) => sql`(SELECT coalesce(max(id), 0) FROM ${sql.table(table)})`;
  const result = await sql<Record<string, string | number>>`
    SELECT
      (SELECT json_group_array(json_array(key, entity_id, entity_type)) FROM external_id
        WHERE key IN (SELECT value FROM json_each(${externalKeys}))) AS external,
      ${pairs('paper', keys.naturalKeys.paper)} AS paper,
      ${pairs('author', keys.naturalKeys.author)} AS author,
      ${pairs('institution', keys.naturalKeys.institution)} AS institution,
      ${pairs('venue', keys.naturalKeys.venue)} AS venue,
      ${pairs('keyword', keys.naturalKeys.keyword)} AS keyword,
      ${maxId('paper')} AS max_paper, ${maxId('author')} AS max_author, ${maxId('institution')} AS max_institution,
      ${maxId('venue')} AS max_venue, ${maxId('keyword')} AS max_keyword`.execute(db);
  const row = result.rows[0] ?? {};
  const existing: ExistingIds = {
    byKind: Object.fromEntries(KINDS.map((kind) => [kind, new Map<string, number>()])) as ExistingIds['byKind'],
    maxId: Object.fromEntries(KINDS.map((kind) => [kind, Number(row[`max_${kind}`] ?? 0)])) as ExistingIds['maxId'],
  };
  for (const [key, id, kind] of JSON.parse(String(row.external ?? '[]')) as Array<[string, number, EntityType]>) {
    existing.byKind[kind].set(key, id);
  }
  for (const kind of KINDS) {
    for (const [key, id] of JSON.parse(String(row[kind] ?? '[]')) as Array<[string, number]>) {
      existing.byKind[kind].set(key, id);
    }
  }
  return existing;
}

/** A write plan with every id assigned; rows are positional, in the column order below. */
export interface WritePlan {
  venues: Array<[id: number, key: string, name: string, issn: string | null, type: string | null]>;
  papers: Array<
    [
      id: number,
      key: string,
      title: string,
      abstract: string | null,
      year: number | null,
      publicationDate: string | null,
      doi: string | null,
      type: string | null,
      language: string | null,
      venueId: number | null,
    ]
  >;
  authors: Array<[id: number, key: string, name: string, orcid: string | null]>;
  institutions: Array<
    [id: number, key: string, name: string, ror: string | null, country: string | null, type: string | null]
  >;
  keywords: Array<[id: number, key: string, term: string]>;
  externalIds: Array<[key: string, namespace: string, value: string, entityType: EntityType, entityId: number]>;
  /** Papers that existed before: their authorships, keywords and references are replaced. */
  replacedPaperIds: number[];
  authorships: Array<[paperId: number, position: number, authorId: number, rawName: string]>;
  authorshipInstitutions: Array<[paperId: number, position: number, institutionId: number]>;
  paperKeywords: Array<[paperId: number, keywordId: number, position: number]>;
  references: Array<
    [
      citingPaperId: number,
      position: number,
      rawText: string | null,
      sourceDatabase: string | null,
      citedKey: string | null,
      citedExternalId: string | null,
      title: string | null,
      authors: string | null,
      year: number | null,
      venue: string | null,
      doi: string | null,
    ]
  >;
  /** Every id of the papers written: references waiting for any of them get resolved. */
  paperKeys: string[];
  paperIds: number[];
}

/** The statements of one atomic batch, in foreign-key order. */
export function writeStatements(plan: WritePlan): CompiledQuery[] {
  return [
    ...insertJsonRows(
      'venue',
      ['id', 'key', 'name', 'issn', 'type'],
      plan.venues,
      `ON CONFLICT (id) DO UPDATE SET name = excluded.name, issn = coalesce(excluded.issn, venue.issn),
       type = coalesce(excluded.type, venue.type)`,
    ),
    ...insertJsonRows(
      'paper',
      ['id', 'key', 'title', 'abstract', 'year', 'publication_date', 'doi', 'type', 'language', 'venue_id'],
      plan.papers,
      `ON CONFLICT (id) DO UPDATE SET title = excluded.title, abstract = excluded.abstract, year = excluded.year,
       publication_date = excluded.publication_date, doi = excluded.doi, type = excluded.type,
       language = excluded.language, venue_id = excluded.venue_id`,
    ),
    ...insertJsonRows(
      'author',
      ['id', 'key', 'name', 'orcid'],
      plan.authors,
      `ON CONFLICT (id) DO UPDATE SET name = excluded.name, orcid = coalesce(excluded.orcid, author.orcid)`,
    ),
    ...insertJsonRows(
      'institution',
      ['id', 'key', 'name', 'ror', 'country', 'type'],
      plan.institutions,
      `ON CONFLICT (id) DO UPDATE SET name = excluded.name, ror = coalesce(excluded.ror, institution.ror),
       country = coalesce(excluded.country, institution.country), type = coalesce(excluded.type, institution.type)`,
    ),
    ...insertJsonRows('keyword', ['id', 'key', 'term'], plan.keywords, 'ON CONFLICT (id) DO NOTHING'),
    // An identifier already held by another entity stays with it: first come, first kept.
    ...insertJsonRows(
      'external_id',
      ['key', 'namespace', 'value', 'entity_type', 'entity_id'],
      plan.externalIds,
      'ON CONFLICT (key) DO NOTHING',
    ),
    // Re-import replaces a paper's lists wholesale (authorship_institution goes by cascade), so the
    // result of importing a record is the same whether or not it was imported before.
    ...statementsOverList(
      'DELETE FROM authorship WHERE paper_id IN (SELECT value FROM json_each(?))',
      plan.replacedPaperIds,
    ),
    ...statementsOverList(
      'DELETE FROM paper_keyword WHERE paper_id IN (SELECT value FROM json_each(?))',
      plan.replacedPaperIds,
    ),
    ...statementsOverList(
      'DELETE FROM reference WHERE citing_paper_id IN (SELECT value FROM json_each(?))',
      plan.replacedPaperIds,
    ),
    ...insertJsonRows('authorship', ['paper_id', 'position', 'author_id', 'raw_name'], plan.authorships),
    ...insertJsonRows(
      'authorship_institution',
      ['paper_id', 'position', 'institution_id'],
      plan.authorshipInstitutions,
    ),
    ...insertJsonRows('paper_keyword', ['paper_id', 'keyword_id', 'position'], plan.paperKeywords),
    ...insertJsonRows(
      'reference',
      [
        'citing_paper_id',
        'position',
        'raw_text',
        'source_database',
        'cited_key',
        'cited_external_id',
        'title',
        'authors',
        'year',
        'venue',
        'doi',
      ],
      plan.references,
    ),
    // Resolve this batch's entries to any paper that exists now (this batch included) ...
    ...statementsOverList(
      `UPDATE reference SET cited_paper_id = (
         SELECT entity_id FROM external_id e WHERE e.key = reference.cited_key AND e.entity_type = 'paper')
       WHERE citing_paper_id IN (SELECT value FROM json_each(?)) AND cited_paper_id IS NULL
         AND cited_key IN (SELECT key FROM external_id WHERE entity_type = 'paper')`,
      plan.paperIds,
    ),
    // ... and the entries of earlier imports that were waiting for one of this batch's papers.
    ...statementsOverList(
      `UPDATE reference SET cited_paper_id = (
         SELECT entity_id FROM external_id e WHERE e.key = reference.cited_key AND e.entity_type = 'paper')
       WHERE cited_paper_id IS NULL AND cited_key IN (SELECT value FROM json_each(?))
         AND cited_key IN (SELECT key FROM external_id WHERE entity_type = 'paper')`,
      plan.paperKeys,
    ),
  ];
}

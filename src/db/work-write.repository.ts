/**
 * The SQL of the one writer (src/ingest/write.ts). Reads what already exists in one statement, then
 * produces the statements of one atomic batch from a plan whose ids are all known.
 */
import { type CompiledQuery, type RawBuilder, type SqlBool, sql } from 'kysely';
import { columnsOf, inJson, jsonChunks, jsonRowChunks, selectJsonRows } from './bulk';
import type { Database, Db } from './database';
import type {
  EntityType,
  NewAuthor,
  NewAuthorship,
  NewAuthorshipInstitution,
  NewExternalId,
  NewInstitution,
  NewKeyword,
  NewPaper,
  NewPaperKeyword,
  NewPaperMatch,
  NewReference,
  NewVenue,
} from './tables';

export type KeyedKind = EntityType | 'keyword';

export interface ExistingIds {
  /** identity key -> id, per kind. Paper keys are external-id keys. */
  byKind: Record<KeyedKind, Map<string, number>>;
  /** Highest id in use per kind (0 for an empty table). */
  maxId: Record<KeyedKind, number>;
  /** Whether papers written before migration 0006 still wait for their match keys (backfillStatements). */
  legacyPapers: boolean;
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
  const externalKeys = Object.values(keys.externalKeys).flat();
  const pairs = (table: KeyedKind, values: string[]) =>
    sql`(SELECT json_group_array(json_array(key, id)) FROM ${sql.table(table)} WHERE ${keyIn(values)})`;
  const maxId = (table: KeyedKind) => sql`(SELECT coalesce(max(id), 0) FROM ${sql.table(table)})`;
  const result = await sql<Record<string, string | number>>`
    SELECT
      (SELECT json_group_array(json_array(key, entity_id, entity_type)) FROM external_id
        WHERE ${keyIn(externalKeys)}) AS external,
      ${pairs('paper', keys.naturalKeys.paper)} AS paper,
      ${pairs('author', keys.naturalKeys.author)} AS author,
      ${pairs('institution', keys.naturalKeys.institution)} AS institution,
      ${pairs('venue', keys.naturalKeys.venue)} AS venue,
      ${pairs('keyword', keys.naturalKeys.keyword)} AS keyword,
      ${maxId('paper')} AS max_paper, ${maxId('author')} AS max_author, ${maxId('institution')} AS max_institution,
      ${maxId('venue')} AS max_venue, ${maxId('keyword')} AS max_keyword,
      EXISTS (SELECT 1 FROM match_key_backfill) AS legacy_papers`.execute(db);
  const row = result.rows[0] ?? {};
  const existing: ExistingIds = {
    byKind: Object.fromEntries(KINDS.map((kind) => [kind, new Map<string, number>()])) as ExistingIds['byKind'],
    maxId: Object.fromEntries(KINDS.map((kind) => [kind, Number(row[`max_${kind}`] ?? 0)])) as ExistingIds['maxId'],
    legacyPapers: Boolean(row.legacy_papers),
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

/** `key IN (...)` over a list of any length: one JSON parameter per JSON_BYTES_PER_STATEMENT bytes of it. */
function keyIn(values: readonly string[]): RawBuilder<SqlBool> {
  const chunks = jsonChunks(values);
  if (chunks.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    chunks.map((chunk) => sql`key IN ${inJson(chunk)}`),
    sql` OR `,
  )})`;
}

/** A write plan with every id assigned. */
export interface WritePlan {
  venues: NewVenue[];
  papers: NewPaper[];
  /** Every paper written has one (keys null when the record lacks their parts). */
  paperMatches: NewPaperMatch[];
  authors: NewAuthor[];
  institutions: NewInstitution[];
  keywords: NewKeyword[];
  externalIds: NewExternalId[];
  /** Papers that existed before: their authorships, keywords and references are replaced. */
  replacedPaperIds: number[];
  authorships: NewAuthorship[];
  authorshipInstitutions: NewAuthorshipInstitution[];
  paperKeywords: NewPaperKeyword[];
  references: NewReference[];
  /** Every id of the papers written: references waiting for any of them get resolved. */
  paperKeys: string[];
  /** The papers' title and locator keys: entries with the same key are resolved again (migration 0005). */
  titleKeys: string[];
  locatorKeys: string[];
  paperIds: number[];
  /** The papers' rows in the search index (migration 0004), replaced whole on every write. */
  searchRows: SearchRow[];
}

export interface SearchRow {
  rowid: number;
  title: string;
  abstract: string;
  keywords: string;
  venue: string;
  authors: string;
}
const searchColumns = columnsOf<SearchRow>({
  rowid: true,
  title: true,
  abstract: true,
  keywords: true,
  venue: true,
  authors: true,
});

const venueColumns = columnsOf<NewVenue>({ id: true, key: true, name: true, issn: true, type: true });
const paperColumns = columnsOf<NewPaper>({
  id: true,
  key: true,
  title: true,
  abstract: true,
  year: true,
  publication_date: true,
  doi: true,
  type: true,
  language: true,
  venue_id: true,
});
const paperMatchColumns = columnsOf<NewPaperMatch>({
  paper_id: true,
  volume: true,
  first_page: true,
  title_key: true,
  locator_key: true,
});
const authorColumns = columnsOf<NewAuthor>({ id: true, key: true, name: true, orcid: true });
const institutionColumns = columnsOf<NewInstitution>({
  id: true,
  key: true,
  name: true,
  ror: true,
  country: true,
  type: true,
});
const keywordColumns = columnsOf<NewKeyword>({ id: true, key: true, term: true });
const externalIdColumns = columnsOf<NewExternalId>({
  key: true,
  namespace: true,
  value: true,
  entity_type: true,
  entity_id: true,
});
const authorshipColumns = columnsOf<NewAuthorship>({ paper_id: true, position: true, author_id: true, raw_name: true });
const authorshipInstitutionColumns = columnsOf<NewAuthorshipInstitution>({
  paper_id: true,
  position: true,
  institution_id: true,
});
const paperKeywordColumns = columnsOf<NewPaperKeyword>({ paper_id: true, keyword_id: true, position: true });
const referenceColumns = columnsOf<NewReference>({
  citing_paper_id: true,
  position: true,
  raw_text: true,
  source_database: true,
  cited_key: true,
  cited_external_id: true,
  title: true,
  authors: true,
  year: true,
  venue: true,
  doi: true,
  volume: true,
  first_page: true,
  title_key: true,
  locator_key: true,
});

/** The statements of one atomic batch, in foreign-key order. */
export function writeStatements(db: Db, plan: WritePlan): CompiledQuery[] {
  const replaced = jsonChunks(plan.replacedPaperIds);
  return [
    ...jsonRowChunks(venueColumns, plan.venues).map((rows) =>
      db
        .insertInto('venue')
        .columns(venueColumns)
        .expression(selectJsonRows(venueColumns, rows))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            issn: eb.fn.coalesce('excluded.issn', 'venue.issn'),
            type: eb.fn.coalesce('excluded.type', 'venue.type'),
          })),
        )
        .compile(),
    ),
    ...jsonRowChunks(paperColumns, plan.papers).map((rows) =>
      db
        .insertInto('paper')
        .columns(paperColumns)
        .expression(selectJsonRows(paperColumns, rows))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            abstract: eb.ref('excluded.abstract'),
            year: eb.ref('excluded.year'),
            publication_date: eb.ref('excluded.publication_date'),
            doi: eb.ref('excluded.doi'),
            type: eb.ref('excluded.type'),
            language: eb.ref('excluded.language'),
            venue_id: eb.ref('excluded.venue_id'),
          })),
        )
        .compile(),
    ),
    ...jsonRowChunks(paperMatchColumns, plan.paperMatches).map((rows) =>
      db
        .insertInto('paper_match')
        .columns(paperMatchColumns)
        .expression(selectJsonRows(paperMatchColumns, rows))
        .onConflict((oc) =>
          oc.column('paper_id').doUpdateSet((eb) => ({
            volume: eb.ref('excluded.volume'),
            first_page: eb.ref('excluded.first_page'),
            title_key: eb.ref('excluded.title_key'),
            locator_key: eb.ref('excluded.locator_key'),
          })),
        )
        .compile(),
    ),
    ...jsonRowChunks(authorColumns, plan.authors).map((rows) =>
      db
        .insertInto('author')
        .columns(authorColumns)
        .expression(selectJsonRows(authorColumns, rows))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            orcid: eb.fn.coalesce('excluded.orcid', 'author.orcid'),
          })),
        )
        .compile(),
    ),
    ...jsonRowChunks(institutionColumns, plan.institutions).map((rows) =>
      db
        .insertInto('institution')
        .columns(institutionColumns)
        .expression(selectJsonRows(institutionColumns, rows))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            ror: eb.fn.coalesce('excluded.ror', 'institution.ror'),
            country: eb.fn.coalesce('excluded.country', 'institution.country'),
            type: eb.fn.coalesce('excluded.type', 'institution.type'),
          })),
        )
        .compile(),
    ),
    ...jsonRowChunks(keywordColumns, plan.keywords).map((rows) =>
      insertUnlessPresent('keyword', keywordColumns, rows, 'id').compile(db),
    ),
    // An identifier already held by another entity stays with it: first come, first kept.
    ...jsonRowChunks(externalIdColumns, plan.externalIds).map((rows) =>
      insertUnlessPresent('external_id', externalIdColumns, rows, 'key').compile(db),
    ),
    // Re-import replaces a paper's lists wholesale (authorship_institution goes by cascade), so the
    // result of importing a record is the same whether or not it was imported before.
    ...replaced.map((ids) => db.deleteFrom('authorship').where('paper_id', 'in', inJson<number>(ids)).compile()),
    ...replaced.map((ids) => db.deleteFrom('paper_keyword').where('paper_id', 'in', inJson<number>(ids)).compile()),
    // Citation counts follow the edges: the replaced lists' citations are taken off before they go ...
    ...replaced.map((ids) => shiftCitationCounts(ids, '-').compile(db)),
    ...replaced.map((ids) => db.deleteFrom('reference').where('citing_paper_id', 'in', inJson<number>(ids)).compile()),
    ...jsonRowChunks(authorshipColumns, plan.authorships).map((rows) =>
      db
        .insertInto('authorship')
        .columns(authorshipColumns)
        .expression(selectJsonRows(authorshipColumns, rows))
        .compile(),
    ),
    ...jsonRowChunks(authorshipInstitutionColumns, plan.authorshipInstitutions).map((rows) =>
      db
        .insertInto('authorship_institution')
        .columns(authorshipInstitutionColumns)
        .expression(selectJsonRows(authorshipInstitutionColumns, rows))
        .compile(),
    ),
    ...jsonRowChunks(paperKeywordColumns, plan.paperKeywords).map((rows) =>
      db
        .insertInto('paper_keyword')
        .columns(paperKeywordColumns)
        .expression(selectJsonRows(paperKeywordColumns, rows))
        .compile(),
    ),
    ...jsonChunks(plan.paperIds).map((ids) =>
      sql`DELETE FROM paper_search WHERE rowid IN ${inJson<number>(ids)}`.compile(db),
    ),
    ...jsonRowChunks(searchColumns, plan.searchRows).map((rows) =>
      sql`INSERT INTO paper_search (${sql.join(searchColumns.map((column) => sql.ref(column)))})
        ${selectJsonRows(searchColumns, rows)}`.compile(db),
    ),
    // This batch's entries, resolved as they are inserted against every paper that exists now (this
    // batch's included): one write per entry, not an insert and then an update of every row and index.
    ...jsonRowChunks(referenceColumns, plan.references).map((rows) => insertResolved(rows).compile(db)),
    // ... and the entries of earlier imports that were waiting for one of this batch's papers: by
    // identifier (the unresolved ones; an identifier also outranks a key rule that matched earlier),
    // by title or locator key (resolved by a key rule or not: a second paper with the key makes the
    // rule ambiguous), and the ones a key rule had resolved to a paper written now (its key may have
    // changed). Their old and new targets are recounted below.
    ...jsonChunks(plan.paperKeys).map((keys) =>
      resolveReferences(sql<SqlBool>`cited_key IN ${inJson<string>(keys)} AND cited_paper_id IS NULL`).compile(db),
    ),
    ...[
      ...jsonChunks(plan.paperKeys).map((keys) => sql<SqlBool>`cited_key IN ${inJson<string>(keys)} AND ${KEY_RULE}`),
      ...jsonChunks(plan.titleKeys).map(
        (keys) => sql<SqlBool>`title_key IN ${inJson<string>(keys)} AND (cited_paper_id IS NULL OR ${KEY_RULE})`,
      ),
      ...jsonChunks(plan.locatorKeys).map(
        (keys) => sql<SqlBool>`locator_key IN ${inJson<string>(keys)} AND (cited_paper_id IS NULL OR ${KEY_RULE})`,
      ),
      ...jsonChunks(plan.paperIds).map((ids) => sql<SqlBool>`cited_paper_id IN ${inJson<number>(ids)} AND ${KEY_RULE}`),
    ].flatMap((which) => resolveAgain(db, which)),
    // ... and this batch's resolved lists put theirs on; the papers written are counted afresh, since
    // entries of earlier imports may have been resolved to them just now.
    ...jsonChunks(plan.paperIds).map((ids) => shiftCitationCounts(ids, '+').compile(db)),
    ...jsonChunks(plan.paperIds).map((ids) =>
      db
        .updateTable('paper')
        .set({ citation_count: distinctCiters(db) })
        .where('id', 'in', inJson<number>(ids))
        .compile(),
    ),
    // ... and so are the papers that entries of other papers left or reached by re-resolution.
    ...recountStale(db),
  ];
}

/** Resolves the `which` entries again, noting the papers they cited before and cite after (recountStale). */
function resolveAgain(db: Db, which: RawBuilder<SqlBool>): CompiledQuery[] {
  return [markStale(which).compile(db), resolveReferences(which).compile(db), markStale(which).compile(db)];
}

/** Recounts the citations of the papers resolveAgain noted, and empties the note. */
function recountStale(db: Db): CompiledQuery[] {
  return [
    sql`UPDATE paper SET citation_count = (SELECT count(DISTINCT r.citing_paper_id) FROM reference r
        WHERE r.cited_paper_id = paper.id)
      WHERE id IN (SELECT paper_id FROM citation_count_stale)`.compile(db),
    sql`DELETE FROM citation_count_stale`.compile(db),
  ];
}

/** INSERT of one JSON chunk of rows (jsonRowChunks) that leaves a row whose `unique` column is taken as it is. */
function insertUnlessPresent<Row>(
  table: keyof Database,
  columns: readonly (keyof Row & string)[],
  rows: string,
  unique: keyof Row & string,
) {
  return sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    ${selectJsonRows(columns, rows)} ON CONFLICT (${sql.ref(unique)}) DO NOTHING`;
}

/** Distinct papers citing `paper.id` (inside an UPDATE of paper). */
function distinctCiters(db: Db) {
  return db
    .selectFrom('reference')
    .select((eb) => eb.fn.count<number>('reference.citing_paper_id').distinct().as('n'))
    .where('reference.cited_paper_id', '=', sql.ref<number>('paper.id'));
}

/**
 * Adds (or takes off) the citations that the reference lists of the papers in `citingIds` (a JSON
 * list) give: for each paper they cite, the number of DISTINCT papers among them citing it. A
 * paper's citers are counted in disjoint sets (by citing paper), so the counts add up. One grouped
 * pass over the batch's entries (UPDATE ... FROM), not one correlated count per cited paper: a
 * paper with 700 citers would otherwise be recounted from its whole citer index in every batch.
 */
function shiftCitationCounts(citingIds: string, sign: '+' | '-') {
  return sql`UPDATE paper SET citation_count = citation_count ${sql.raw(sign)} cited.n
    FROM (SELECT cited_paper_id AS id, count(DISTINCT citing_paper_id) AS n FROM reference
      WHERE citing_paper_id IN ${inJson(citingIds)} AND cited_paper_id IS NOT NULL GROUP BY cited_paper_id) AS cited
    WHERE paper.id = cited.id`;
}

/** Entries resolved by a key rule (migration 0005): an identifier, or a changed key, may take them over. */
const KEY_RULE = sql<SqlBool>`resolved_by IN ('title_year', 'author_year_volume_page')`;

/** Notes the papers the `which` entries cite now: run before and after they are resolved again. */
function markStale(which: RawBuilder<SqlBool>) {
  return sql`INSERT OR IGNORE INTO citation_count_stale (paper_id)
    SELECT cited_paper_id FROM reference WHERE ${which} AND cited_paper_id IS NOT NULL`;
}

/**
 * Resolves the `which` entries afresh by the first rule that matches exactly one paper: DOI or
 * another identifier (the entry's `cited_key` is a paper's), then title + year, then first author +
 * year + volume + first page. A key rule matching two papers matches none, and an entry never
 * resolves to its own paper by a key rule. Sets `resolved_by` to the rule, or both to NULL.
 */
function resolveReferences(which: RawBuilder<SqlBool>) {
  return sql`UPDATE reference SET (cited_paper_id, resolved_by) = (
      SELECT hit->>0, ${ruleOf(sql`hit`, sql`reference.cited_key`)}
      FROM (SELECT ${firstMatch(sql.raw('reference'))} AS hit))
    WHERE ${which}`;
}

/**
 * `json_array(paper id, rule number)` of the first rule that matches exactly one paper for the entry
 * whose columns `entry` names (resolveReferences), or NULL. coalesce stops at the first rule that
 * gives a paper: an entry with a known identifier costs one lookup.
 */
function firstMatch(entry: RawBuilder<unknown>) {
  return sql`coalesce(
    (SELECT json_array(e.entity_id, 1) FROM external_id e
      WHERE e.key = ${entry}.cited_key AND e.entity_type = 'paper'),
    (SELECT CASE WHEN count(*) = 1 THEN json_array(min(m.paper_id), 2) END FROM paper_match m
      WHERE m.title_key = ${entry}.title_key AND m.paper_id <> ${entry}.citing_paper_id),
    (SELECT CASE WHEN count(*) = 1 THEN json_array(min(m.paper_id), 3) END FROM paper_match m
      WHERE m.locator_key = ${entry}.locator_key AND m.paper_id <> ${entry}.citing_paper_id))`;
}

/** The `resolved_by` of a firstMatch `hit` for an entry whose identifier key is `citedKey`. */
function ruleOf(hit: RawBuilder<unknown>, citedKey: RawBuilder<unknown>) {
  return sql`CASE ${hit}->>1
    WHEN 1 THEN CASE WHEN ${citedKey} LIKE 'doi:%' THEN 'doi' ELSE 'identifier' END
    WHEN 2 THEN 'title_year' WHEN 3 THEN 'author_year_volume_page' END`;
}

/** INSERT of one JSON chunk of new entries (jsonRowChunks), each resolved by firstMatch as it goes in. */
function insertResolved(rows: string) {
  const columns = sql.join(referenceColumns.map((column) => sql.ref(column)));
  const named = sql.join(referenceColumns.map((column, index) => sql`value->>${sql.lit(index)} AS ${sql.ref(column)}`));
  return sql`INSERT INTO reference (${columns}, cited_paper_id, resolved_by)
    SELECT ${columns}, hit->>0, ${ruleOf(sql`hit`, sql`cited_key`)}
    FROM (SELECT *, ${firstMatch(sql.raw('entry'))} AS hit
      FROM (SELECT ${named} FROM json_each(${rows})) AS entry) WHERE true`;
}

/** Every table the writer fills, children first (foreign keys), for `import --fresh` / `npm run reset`. */
export const WRITTEN_TABLES = [
  'citation_count_stale',
  'match_key_backfill',
  'reference',
  'authorship_institution',
  'authorship',
  'paper_keyword',
  'paper_match',
  'paper_search',
  'external_id',
  'paper',
  'author',
  'institution',
  'keyword',
  'venue',
] as const;

/** The statements that empty the database (the data version is kept: it only ever goes up). */
export function emptyDatabaseStatements(db: Db): CompiledQuery[] {
  return WRITTEN_TABLES.map((table) => sql`DELETE FROM ${sql.table(table)}`.compile(db));
}

/** Ids of the papers that have these identifier keys: key -> paper id. */
export async function findPaperIds(db: Db, keys: readonly string[]): Promise<Map<string, number>> {
  const result = await sql<{ pairs: string }>`
    SELECT json_group_array(json_array(key, entity_id)) AS pairs FROM external_id
    WHERE ${keyIn(keys)} AND entity_type = 'paper'`.execute(db);
  return new Map(JSON.parse(result.rows[0]?.pairs ?? '[]') as Array<[string, number]>);
}

/** A reference entry to add to a paper's list (merge mode), unless the list already has one to `cited_key`. */
export interface NewEdge {
  citing_paper_id: number;
  cited_key: string;
  cited_external_id: string;
}
const edgeColumns = columnsOf<NewEdge>({ citing_paper_id: true, cited_key: true, cited_external_id: true });

/** An abstract for a paper (merge mode), with its search text (src/search/text.ts). */
export interface NewAbstract {
  paper_id: number;
  abstract: string;
  indexed: string;
}

/** What a merge batch writes (every id known). */
export interface MergePlan {
  edges: NewEdge[];
  abstracts: NewAbstract[];
  source_database: string;
}

/**
 * The statements of one atomic merge batch: the first `edgeInserts` insert the edges, and the
 * first row of the one at `unresolvedAt` counts the batch's edges left unresolved. Edges are appended to the citing paper's list (after
 * its last position, in the order given) unless it already has an entry to that identifier, so a
 * second merge of the same rows adds nothing; they are resolved like any entry (a cited paper that
 * arrives later resolves them), and the citation counts of the papers they reach are recounted.
 * Abstracts replace the paper's and its search row's.
 */
export function mergeStatements(
  db: Db,
  plan: MergePlan,
): { statements: CompiledQuery[]; edgeInserts: number; unresolvedAt: number } {
  const citing = jsonChunks([...new Set(plan.edges.map((edge) => edge.citing_paper_id))]);
  const edgeChunks = jsonRowChunks(edgeColumns, plan.edges);
  const statements = [
    ...edgeChunks.map((rows) =>
      sql`INSERT INTO reference (citing_paper_id, position, cited_key, cited_external_id, source_database)
        SELECT edge.citing, coalesce((SELECT max(r.position) FROM reference r WHERE r.citing_paper_id = edge.citing), 0)
            + row_number() OVER (PARTITION BY edge.citing ORDER BY edge.ord),
          edge.cited_key, edge.cited_external_id, ${plan.source_database}
        FROM (SELECT value->>0 AS citing, value->>1 AS cited_key, value->>2 AS cited_external_id, key AS ord
          FROM json_each(${rows})) AS edge
        WHERE NOT EXISTS (SELECT 1 FROM reference r
          WHERE r.citing_paper_id = edge.citing AND r.cited_key = edge.cited_key)`.compile(db),
    ),
    ...citing.map((ids) =>
      resolveReferences(
        sql<SqlBool>`citing_paper_id IN ${inJson(ids)} AND cited_paper_id IS NULL AND cited_key IS NOT NULL`,
      ).compile(db),
    ),
    ...citing.map((ids) =>
      db
        .updateTable('paper')
        .set({ citation_count: distinctCiters(db) })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('reference')
            .select('cited_paper_id')
            .where('citing_paper_id', 'in', inJson<number>(ids))
            .where('cited_paper_id', 'is not', null)
            .$narrowType<{ cited_paper_id: number }>(),
        )
        .compile(),
    ),
    ...jsonRowChunks(columnsOf<NewAbstract>({ paper_id: true, abstract: true, indexed: true }), plan.abstracts).flatMap(
      (rows) => [
        sql`UPDATE paper SET abstract = given.value->>1 FROM json_each(${rows}) AS given
          WHERE paper.id = given.value->>0`.compile(db),
        sql`UPDATE paper_search SET abstract = (SELECT value->>2 FROM json_each(${rows}) WHERE value->>0 = paper_search.rowid)
          WHERE rowid IN (SELECT value->>0 FROM json_each(${rows}))`.compile(db),
      ],
    ),
  ];
  const unresolvedAt = statements.length;
  statements.push(
    sql`SELECT count(*) AS n FROM reference r
      WHERE r.cited_paper_id IS NULL AND (${sql.join(
        edgeChunks.length === 0
          ? [sql`false`]
          : edgeChunks.map(
              (rows) => sql`(r.citing_paper_id, r.cited_key) IN (SELECT value->>0, value->>1 FROM json_each(${rows}))`,
            ),
        sql` OR `,
      )})`.compile(db),
  );
  return { statements, edgeInserts: edgeChunks.length, unresolvedAt };
}

/** A paper written before migration 0006 (listed by migration 0007): what its match keys come from. */
export interface LegacyPaper {
  id: number;
  title: string;
  year: number | null;
  first_author: string | null;
  /** 1 when it has its keys already (imported again since): it only leaves the list. */
  has_match: number;
}

/** A reference entry of a legacy paper, written without keys. */
export interface LegacyReference {
  citing_paper_id: number;
  position: number;
  title: string | null;
  year: number | null;
  authors: string | null;
  raw_text: string | null;
  source_database: string | null;
  volume: string | null;
  first_page: string | null;
}

/** Up to `limit` papers still listed by migration 0007, with their reference entries that have no keys. */
export async function findLegacyPapers(
  db: Db,
  limit: number,
): Promise<{ papers: LegacyPaper[]; references: LegacyReference[] }> {
  const papers = await sql<LegacyPaper>`
    SELECT p.id, p.title, p.year,
      (SELECT a.raw_name FROM authorship a WHERE a.paper_id = p.id ORDER BY a.position LIMIT 1) AS first_author,
      EXISTS (SELECT 1 FROM paper_match m WHERE m.paper_id = p.id) AS has_match
    FROM match_key_backfill b JOIN paper p ON p.id = b.paper_id
    ORDER BY b.paper_id LIMIT ${limit}`.execute(db);
  const keyless = papers.rows.filter((paper) => !paper.has_match).map((paper) => paper.id);
  if (keyless.length === 0) return { papers: papers.rows, references: [] };
  const references = await sql<LegacyReference>`
    SELECT citing_paper_id, position, title, year, authors, raw_text, source_database, volume, first_page
    FROM reference WHERE citing_paper_id IN ${inJson(JSON.stringify(keyless))}
      AND title_key IS NULL AND locator_key IS NULL`.execute(db);
  return { papers: papers.rows, references: references.rows };
}

/** Keys (and re-parsed locator parts) of a legacy paper's reference entry. */
export interface ReferenceKeys {
  citing_paper_id: number;
  position: number;
  volume: string | null;
  first_page: string | null;
  title_key: string | null;
  locator_key: string | null;
}
const referenceKeyColumns = columnsOf<ReferenceKeys>({
  citing_paper_id: true,
  position: true,
  volume: true,
  first_page: true,
  title_key: true,
  locator_key: true,
});

export interface BackfillPlan {
  /** Every paper taken off the list. */
  paperIds: number[];
  matches: NewPaperMatch[];
  referenceKeys: ReferenceKeys[];
}

/**
 * One atomic batch of the backfill: the legacy papers' match keys and their entries' keys, then
 * resolution as when either side arrives (their entries; entries of others waiting for their keys),
 * the citation counts that changed, and the papers off the list.
 */
export function backfillStatements(db: Db, plan: BackfillPlan): CompiledQuery[] {
  const ids = jsonChunks(plan.paperIds);
  const titleKeys = jsonChunks(plan.matches.flatMap((match) => (match.title_key === null ? [] : [match.title_key])));
  const locatorKeys = jsonChunks(
    plan.matches.flatMap((match) => (match.locator_key === null ? [] : [match.locator_key])),
  );
  return [
    ...jsonRowChunks(paperMatchColumns, plan.matches).map((rows) =>
      insertUnlessPresent('paper_match', paperMatchColumns, rows, 'paper_id').compile(db),
    ),
    ...jsonRowChunks(referenceKeyColumns, plan.referenceKeys).map((rows) =>
      sql`UPDATE reference SET volume = coalesce(reference.volume, given.value->>2),
          first_page = coalesce(reference.first_page, given.value->>3),
          title_key = given.value->>4, locator_key = given.value->>5
        FROM json_each(${rows}) AS given
        WHERE reference.citing_paper_id = given.value->>0 AND reference.position = given.value->>1`.compile(db),
    ),
    ...[
      ...ids.map(
        (chunk) => sql<SqlBool>`citing_paper_id IN ${inJson(chunk)} AND (cited_paper_id IS NULL OR ${KEY_RULE})`,
      ),
      ...titleKeys.map(
        (keys) => sql<SqlBool>`title_key IN ${inJson(keys)} AND (cited_paper_id IS NULL OR ${KEY_RULE})`,
      ),
      ...locatorKeys.map(
        (keys) => sql<SqlBool>`locator_key IN ${inJson(keys)} AND (cited_paper_id IS NULL OR ${KEY_RULE})`,
      ),
    ].flatMap((which) => resolveAgain(db, which)),
    ...recountStale(db),
    ...ids.map((chunk) => sql`DELETE FROM match_key_backfill WHERE paper_id IN ${inJson(chunk)}`.compile(db)),
  ];
}

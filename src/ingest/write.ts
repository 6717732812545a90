/**
 * The one writer: the import CLI, the demo loader and the tests all write through `writeWorks`.
 *
 * A call is one atomic D1 batch: either every record of it is written or nothing is. Ids are
 * assigned here (after one read of what exists), so the batch needs no read-after-write: every row
 * it inserts is a literal, many rows a statement. If a concurrent writer took the same ids first,
 * the batch fails on the primary key, changes nothing, and is planned again.
 */
import { runAtomically } from '../db/batch';
import { bumpDataVersion } from '../db/data-version.repository';
import { createDb, type Db } from '../db/database';
import type { EntityType, NewPaperMatch } from '../db/tables';
import {
  type BackfillPlan,
  backfillStatements,
  type ExistingIds,
  emptyDatabaseStatements,
  findExistingIds,
  findLegacyPapers,
  findPaperIds,
  type KeyedKind,
  type LegacyReference,
  type LookupKeys,
  type MergePlan,
  mergeStatements,
  type ReferenceKeys,
  type SearchRow,
  type WritePlan,
  writeStatements,
} from '../db/work-write.repository';
import { type ExternalIdRef, nameKey, normalizeText } from '../ids';
import { indexedText } from '../search/text';
import type { Addition, AuthorshipRecord, InstitutionRecord, WorkRecord } from './record';
import { locatorKey, parseWosReference, surnameOfAuthor, surnameOfCited, titleKey, WOS_SOURCE } from './references';

/**
 * A batch (one atomic D1 `batch()`) closes at WORKS_PER_BATCH works or ROWS_PER_BATCH rows,
 * whichever comes first. Every batch pays a fixed set of statements (the read of existing ids, the
 * resolution and count passes), each a round trip of prepare/bind from Node: the AAN file took 9 s
 * in batches of 500 works and 3.5 s in batches of 5,000 (bench/RESULTS.md); beyond that the gain is
 * small and the atomic unit, the memory held and each statement's run time only grow. The row cap
 * keeps a batch of WoS records (50 references each) to about 20 MB of parameters.
 */
export const WORKS_PER_BATCH = 5_000;
export const ROWS_PER_BATCH = 100_000;

/** The rows a work adds to its batch: the paper, its authorships, keywords and reference entries. */
export function rowsOfWork(work: WorkRecord): number {
  return 1 + work.authors.length + work.keywords.length + work.references.length;
}

/** Collects works into batches of at most WORKS_PER_BATCH works and ROWS_PER_BATCH rows. */
export class WorkBatch {
  works: WorkRecord[] = [];
  private rows = 0;

  /** Adds `work`; true when the batch is full and should be written now. */
  add(work: WorkRecord): boolean {
    this.works.push(work);
    this.rows += rowsOfWork(work);
    return this.works.length >= WORKS_PER_BATCH || this.rows >= ROWS_PER_BATCH;
  }

  /** The works collected so far; the batch starts empty again. */
  take(): WorkRecord[] {
    const works = this.works;
    this.works = [];
    this.rows = 0;
    return works;
  }
}

export interface WriteSummary {
  papers: number;
  created: number;
  updated: number;
  references: number;
}

/** An entity that is found by any of its identifiers, or else by its name. */
interface Identity {
  externalKeys: string[];
  naturalKey: string;
}

function identityOf(entity: { name: string; ids: readonly ExternalIdRef[] }): Identity {
  const keys = entity.ids.map((id) => id.key);
  return { externalKeys: keys, naturalKey: keys[0] ?? nameKey(entity.name) };
}

/**
 * An author: by ORCID alone when there is one (two different ORCIDs are never one author, whatever
 * other id they share), else by any identifier, else by name, within the record's `nameScope` when it
 * gives one (the rule is in AuthorshipRecord.nameScope).
 */
function authorIdentityOf(author: AuthorshipRecord): Identity {
  const orcid = author.orcid === null ? undefined : author.ids.find((id) => id.namespace === 'orcid');
  if (orcid) return { externalKeys: [orcid.key], naturalKey: orcid.key };
  const identity = identityOf(author);
  if (author.ids.length > 0 || !author.nameScope) return identity;
  return { externalKeys: [], naturalKey: `${nameKey(author.name)}@${normalizeText(author.nameScope)}` };
}

/** An institution: by ROR or another identifier, else by name and country (one name in two countries is two). */
function institutionIdentityOf(institution: InstitutionRecord): Identity {
  const identity = identityOf(institution);
  if (institution.ids.length > 0 || !institution.country) return identity;
  return { externalKeys: [], naturalKey: `${nameKey(institution.name)}|${normalizeText(institution.country)}` };
}

/** Writes works in batches (WorkBatch); each batch is atomic on its own. */
export async function writeWorks(d1: D1Database, works: Iterable<WorkRecord>): Promise<WriteSummary> {
  const db = createDb(d1);
  const total: WriteSummary = { papers: 0, created: 0, updated: 0, references: 0 };
  const batch = new WorkBatch();
  const write = async () => addSummary(total, await writeBatch(d1, db, batch.take()));
  for (const work of works) if (batch.add(work)) await write();
  if (batch.works.length > 0) await write();
  return total;
}

/** Adds `summary` into `total`. */
export function addSummary(total: WriteSummary, summary: WriteSummary): void {
  total.papers += summary.papers;
  total.created += summary.created;
  total.updated += summary.updated;
  total.references += summary.references;
}

/** What a merge (mergeAdditions) did. */
export interface MergeSummary {
  abstracts: number;
  /** Abstracts of papers not in the database: not written. */
  abstractsWithoutPaper: number;
  /** Edges added to reference lists. */
  citations: number;
  /** The merged rows' edges (added now or before) whose cited paper is not (yet) in the database. */
  unresolved: number;
  /** Edges the citing paper's list already had (a second merge of the same rows): nothing written. */
  citationsAlreadyThere: number;
  /** Edges whose citing paper is not in the database: not written (an entry needs its citing paper). */
  citationsWithoutCitingPaper: number;
  /** Rows naming no cited paper: not written. */
  citationsWithoutCitedPaper: number;
}

export function emptyMergeSummary(): MergeSummary {
  return {
    abstracts: 0,
    abstractsWithoutPaper: 0,
    citations: 0,
    unresolved: 0,
    citationsAlreadyThere: 0,
    citationsWithoutCitingPaper: 0,
    citationsWithoutCitedPaper: 0,
  };
}

/** Additions per merge batch: each a few small JSON values, so many fit one batch's statements. */
export const ADDITIONS_PER_BATCH = 20_000;

/**
 * The merge mode: adds abstracts and citation edges to papers already in the database, found by
 * identifier (S2AG `abstracts` and `citations` by corpus id). One atomic batch per call; merging the
 * same rows again changes nothing. A paper imported again later gets its record's lists and abstract
 * back (the writer replaces a whole work), so import `papers` first, then merge.
 */
export async function mergeAdditions(
  d1: D1Database,
  additions: readonly Addition[],
  sourceDatabase = 'Semantic Scholar',
): Promise<MergeSummary> {
  const db = createDb(d1);
  const summary = emptyMergeSummary();
  const keys = additions.map((addition) => (addition.kind === 'abstract' ? addition.paper.key : addition.citing.key));
  const paperIds = await findPaperIds(db, [...new Set(keys)]);
  const plan: MergePlan = { edges: [], abstracts: [], source_database: sourceDatabase };
  const edgesSeen = new Set<string>();
  for (const addition of additions) {
    if (addition.kind === 'abstract') {
      const paperId = paperIds.get(addition.paper.key);
      if (paperId === undefined) summary.abstractsWithoutPaper++;
      else
        plan.abstracts.push({
          paper_id: paperId,
          abstract: addition.abstract,
          indexed: indexedText(addition.abstract),
        });
      continue;
    }
    const citingId = paperIds.get(addition.citing.key);
    if (addition.cited === null) summary.citationsWithoutCitedPaper++;
    else if (citingId === undefined) summary.citationsWithoutCitingPaper++;
    else if (!edgesSeen.has(`${citingId}|${addition.cited.key}`)) {
      edgesSeen.add(`${citingId}|${addition.cited.key}`);
      plan.edges.push({
        citing_paper_id: citingId,
        cited_key: addition.cited.key,
        cited_external_id: `${addition.cited.namespace}:${addition.cited.value}`,
      });
    } else summary.citationsAlreadyThere++;
  }
  const { statements, edgeInserts, unresolvedAt } = mergeStatements(db, plan);
  const results = await runAtomically(d1, [...statements, bumpDataVersion(db)]);
  const inserted = results.slice(0, edgeInserts).reduce((sum, result) => sum + (result.meta.changes ?? 0), 0);
  summary.abstracts = plan.abstracts.length;
  summary.citations = inserted;
  summary.citationsAlreadyThere += plan.edges.length - inserted;
  summary.unresolved = Number((results[unresolvedAt]?.results[0] as { n?: number } | undefined)?.n ?? 0);
  return summary;
}

/** Empties the database in one atomic batch: what `import --fresh` and `npm run reset` start from. */
export async function emptyDatabase(d1: D1Database): Promise<void> {
  const db = createDb(d1);
  await runAtomically(d1, [...emptyDatabaseStatements(db), bumpDataVersion(db)]);
}

const ATTEMPTS = 3;

/** Writes one batch atomically, re-planning when a concurrent writer took the planned ids. */
export async function writeBatch(d1: D1Database, db: Db, works: readonly WorkRecord[]): Promise<WriteSummary> {
  const unique = lastRecordPerIdentity(works);
  for (let attempt = 1; ; attempt++) {
    const existing = await findExistingIds(db, lookupKeys(unique));
    if (existing.legacyPapers) {
      // Before anything is resolved against them: papers written before migration 0006 get their keys.
      await backfillMatchKeys(d1);
      attempt--;
      continue;
    }
    const { plan, summary } = planWrite(unique, existing);
    try {
      await runAtomically(d1, [...writeStatements(db, plan), bumpDataVersion(db)]);
      return summary;
    } catch (error) {
      const idTaken = error instanceof Error && /UNIQUE constraint failed: \w+\.(id|key)\b/.test(error.message);
      if (!idTaken || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Legacy papers per backfill batch. */
const LEGACY_PAPERS_PER_BATCH = 5_000;

/**
 * The match keys of papers written before migration 0006 (listed by migration 0007), computed from
 * their stored rows, and of their reference entries; then resolution as when either side arrives.
 * Runs before the first batch that finds any listed (writeBatch); returns how many it took off the
 * list. A legacy paper's volume and first page were never stored, so it gets a title key only (the
 * locator rule needs its record imported again); its WoS entries get theirs re-parsed from the text.
 */
export async function backfillMatchKeys(d1: D1Database): Promise<number> {
  const db = createDb(d1);
  let done = 0;
  for (;;) {
    const { papers, references } = await findLegacyPapers(db, LEGACY_PAPERS_PER_BATCH);
    if (papers.length === 0) return done;
    const plan: BackfillPlan = {
      paperIds: papers.map((paper) => paper.id),
      matches: papers
        .filter((paper) => !paper.has_match)
        .map((paper) => ({
          paper_id: paper.id,
          volume: null,
          first_page: null,
          title_key: titleKey(paper.title, paper.year),
          locator_key: null,
        })),
      referenceKeys: references.map(legacyReferenceKeys),
    };
    await runAtomically(d1, [...backfillStatements(db, plan), bumpDataVersion(db)]);
    done += papers.length;
  }
}

function legacyReferenceKeys(reference: LegacyReference): ReferenceKeys {
  // Entries written before 0006 kept no volume or first page: a WoS CR string still has them.
  const reparsed =
    reference.raw_text !== null && reference.source_database === WOS_SOURCE && reference.volume === null
      ? parseWosReference(reference.raw_text)
      : null;
  const volume = reference.volume ?? reparsed?.volume ?? null;
  const firstPage = reference.first_page ?? reparsed?.firstPage ?? null;
  return {
    citing_paper_id: reference.citing_paper_id,
    position: reference.position,
    volume,
    first_page: firstPage,
    title_key: titleKey(reference.title, reference.year),
    locator_key: locatorKey(
      reference.authors === null ? null : surnameOfCited(reference.authors),
      reference.year,
      volume,
      firstPage,
    ),
  };
}

/** A record repeated in one input (same identifier) is written once: the last one wins. */
function lastRecordPerIdentity(works: readonly WorkRecord[]): WorkRecord[] {
  const indexByKey = new Map<string, number>();
  const kept: Array<WorkRecord | null> = [];
  for (const work of works) {
    for (const id of work.ids) {
      const earlier = indexByKey.get(id.key);
      if (earlier !== undefined) kept[earlier] = null;
    }
    for (const id of work.ids) indexByKey.set(id.key, kept.length);
    kept.push(work);
  }
  return kept.filter((work): work is WorkRecord => work !== null);
}

function lookupKeys(works: readonly WorkRecord[]): LookupKeys {
  const externalKeys: Record<EntityType, Set<string>> = {
    paper: new Set(),
    author: new Set(),
    institution: new Set(),
    venue: new Set(),
  };
  const naturalKeys: Record<KeyedKind, Set<string>> = {
    paper: new Set(),
    author: new Set(),
    institution: new Set(),
    venue: new Set(),
    keyword: new Set(),
  };
  const addIdentity = (kind: EntityType, identity: Identity) => {
    for (const key of identity.externalKeys) externalKeys[kind].add(key);
    naturalKeys[kind].add(identity.naturalKey);
  };
  for (const work of works) {
    for (const id of work.ids) externalKeys.paper.add(id.key);
    const primary = work.ids[0];
    if (primary) naturalKeys.paper.add(primary.key);
    if (work.venue) addIdentity('venue', identityOf(work.venue));
    for (const author of work.authors) {
      addIdentity('author', authorIdentityOf(author));
      for (const institution of author.institutions) addIdentity('institution', institutionIdentityOf(institution));
    }
    for (const term of work.keywords) naturalKeys.keyword.add(normalizeText(term));
  }
  const list = (set: Set<string>) => [...set];
  return {
    externalKeys: {
      paper: list(externalKeys.paper),
      author: list(externalKeys.author),
      institution: list(externalKeys.institution),
      venue: list(externalKeys.venue),
    },
    naturalKeys: {
      paper: list(naturalKeys.paper),
      author: list(naturalKeys.author),
      institution: list(naturalKeys.institution),
      venue: list(naturalKeys.venue),
      keyword: list(naturalKeys.keyword),
    },
  };
}

/** Hands out ids: the existing one when any identity key is known, else the next free one. */
class IdAssigner {
  private readonly nextId: Record<KeyedKind, number>;

  constructor(private readonly existing: ExistingIds) {
    this.nextId = {
      paper: existing.maxId.paper + 1,
      author: existing.maxId.author + 1,
      institution: existing.maxId.institution + 1,
      venue: existing.maxId.venue + 1,
      keyword: existing.maxId.keyword + 1,
    };
  }

  /** Returns the id and whether it was newly assigned. Later calls with any of the keys agree. */
  assign(kind: KeyedKind, keys: readonly string[]): { id: number; isNew: boolean } {
    const known = this.existing.byKind[kind];
    for (const key of keys) {
      const id = known.get(key);
      if (id !== undefined) {
        for (const other of keys) if (!known.has(other)) known.set(other, id);
        return { id, isNew: false };
      }
    }
    const id = this.nextId[kind]++;
    for (const key of keys) known.set(key, id);
    return { id, isNew: true };
  }
}

function planWrite(works: readonly WorkRecord[], existing: ExistingIds): { plan: WritePlan; summary: WriteSummary } {
  const ids = new IdAssigner(existing);
  const plan: WritePlan = {
    venues: [],
    papers: [],
    paperMatches: [],
    authors: [],
    institutions: [],
    keywords: [],
    externalIds: [],
    replacedPaperIds: [],
    authorships: [],
    authorshipInstitutions: [],
    paperKeywords: [],
    references: [],
    paperKeys: [],
    titleKeys: [],
    locatorKeys: [],
    paperIds: [],
    searchRows: [],
  };
  const summary: WriteSummary = { papers: 0, created: 0, updated: 0, references: 0 };
  const written = {
    venue: new Set<number>(),
    author: new Set<number>(),
    institution: new Set<number>(),
    keyword: new Set<number>(),
  };

  const addExternalIds = (refs: readonly ExternalIdRef[], entityType: EntityType, entityId: number) => {
    for (const ref of refs) {
      plan.externalIds.push({
        key: ref.key,
        namespace: ref.namespace,
        value: ref.value,
        entity_type: entityType,
        entity_id: entityId,
      });
    }
  };

  for (const work of works) {
    const primary = work.ids[0];
    if (!primary) continue; // parsers never produce this; the type cannot say "non-empty"
    const paper = ids.assign('paper', [primary.key, ...work.ids.map((id) => id.key)]);
    summary.papers++;
    if (paper.isNew) summary.created++;
    else {
      summary.updated++;
      plan.replacedPaperIds.push(paper.id);
    }

    let venueId: number | null = null;
    if (work.venue) {
      const identity = identityOf(work.venue);
      venueId = ids.assign('venue', [identity.naturalKey, ...identity.externalKeys]).id;
      if (!written.venue.has(venueId)) {
        written.venue.add(venueId);
        plan.venues.push({
          id: venueId,
          key: identity.naturalKey,
          name: work.venue.name,
          issn: work.venue.issn,
          type: work.venue.type,
        });
        addExternalIds(work.venue.ids, 'venue', venueId);
      }
    }

    plan.papers.push({
      id: paper.id,
      key: primary.key,
      title: work.title,
      abstract: work.abstract,
      year: work.year,
      publication_date: work.publicationDate,
      doi: work.doi,
      type: work.type,
      language: work.language,
      venue_id: venueId,
    });
    addExternalIds(work.ids, 'paper', paper.id);
    const match = matchOf(paper.id, work);
    plan.paperMatches.push(match);
    if (match.title_key !== null) plan.titleKeys.push(match.title_key);
    if (match.locator_key !== null) plan.locatorKeys.push(match.locator_key);
    plan.paperIds.push(paper.id);
    plan.searchRows.push(searchRowOf(paper.id, work));
    for (const id of work.ids) plan.paperKeys.push(id.key);

    work.authors.forEach((author, index) => {
      const position = index + 1;
      const identity = authorIdentityOf(author);
      const authorId = ids.assign('author', [identity.naturalKey, ...identity.externalKeys]).id;
      if (!written.author.has(authorId)) {
        written.author.add(authorId);
        plan.authors.push({ id: authorId, key: identity.naturalKey, name: author.name, orcid: author.orcid });
        addExternalIds(author.ids, 'author', authorId);
      }
      plan.authorships.push({ paper_id: paper.id, position, author_id: authorId, raw_name: author.rawName });
      const institutionsOfAuthorship = new Set<number>();
      for (const institution of author.institutions) {
        const institutionKeys = institutionIdentityOf(institution);
        const institutionId = ids.assign('institution', [
          institutionKeys.naturalKey,
          ...institutionKeys.externalKeys,
        ]).id;
        if (!written.institution.has(institutionId)) {
          written.institution.add(institutionId);
          plan.institutions.push({
            id: institutionId,
            key: institutionKeys.naturalKey,
            name: institution.name,
            ror: institution.ror,
            country: institution.country,
            type: institution.type,
          });
          addExternalIds(institution.ids, 'institution', institutionId);
        }
        if (institutionsOfAuthorship.has(institutionId)) continue;
        institutionsOfAuthorship.add(institutionId);
        plan.authorshipInstitutions.push({ paper_id: paper.id, position, institution_id: institutionId });
      }
    });

    const keywordsOfPaper = new Set<number>();
    for (const term of work.keywords) {
      const key = normalizeText(term);
      if (key === '') continue;
      const keywordId = ids.assign('keyword', [key]).id;
      if (keywordsOfPaper.has(keywordId)) continue;
      keywordsOfPaper.add(keywordId);
      if (!written.keyword.has(keywordId)) {
        written.keyword.add(keywordId);
        plan.keywords.push({ id: keywordId, key, term: term.trim() });
      }
      plan.paperKeywords.push({ paper_id: paper.id, keyword_id: keywordId, position: keywordsOfPaper.size });
    }

    work.references.forEach((reference, index) => {
      plan.references.push({
        citing_paper_id: paper.id,
        position: index + 1,
        raw_text: reference.rawText,
        source_database: reference.sourceDatabase,
        cited_key: reference.target?.key ?? null,
        cited_external_id: reference.target ? `${reference.target.namespace}:${reference.target.value}` : null,
        title: reference.title,
        authors: reference.authors,
        year: reference.year,
        venue: reference.venue,
        doi: reference.doi,
        volume: reference.volume,
        first_page: reference.firstPage,
        title_key: titleKey(reference.title, reference.year),
        locator_key: locatorKey(
          reference.authors === null ? null : surnameOfCited(reference.authors),
          reference.year,
          reference.volume,
          reference.firstPage,
        ),
      });
      summary.references++;
    });
  }
  return { plan, summary };
}

/** What reference entries without an identifier of the paper are matched against (src/ingest/references.ts). */
function matchOf(id: number, work: WorkRecord): NewPaperMatch {
  const firstAuthor = work.authors[0];
  return {
    paper_id: id,
    volume: work.volume ?? null,
    first_page: work.firstPage ?? null,
    title_key: titleKey(work.title, work.year),
    locator_key: locatorKey(
      firstAuthor ? surnameOfAuthor(firstAuthor.rawName) : null,
      work.year,
      work.volume ?? null,
      work.firstPage ?? null,
    ),
  };
}

/** The paper's search row (migration 0004): the record's text, CJK runs as bigrams (src/search/text.ts). */
function searchRowOf(id: number, work: WorkRecord): SearchRow {
  return {
    rowid: id,
    title: indexedText(work.title),
    abstract: indexedText(work.abstract),
    keywords: indexedText(work.keywords.join(' ; ')),
    venue: indexedText(work.venue?.name),
    authors: indexedText(work.authors.map((author) => author.name).join(' ; ')),
  };
}

import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, pageByParent, type Window } from './paging';
import type { PaperTable } from './tables';

export type PaperRow = Omit<Selectable<PaperTable>, 'key'>;

/** The columns of PaperRow, for queries that join paper as `p`. */
export const PAPER_COLUMNS = sql.raw(
  'p.id, p.title, p.abstract, p.year, p.publication_date, p.doi, p.type, p.language, p.venue_id',
);

/** In the order of `ids`; missing ids are absent (the loader maps them to null). */
export async function findPapersByIds(db: Db, ids: readonly number[]): Promise<PaperRow[]> {
  const result = await sql<PaperRow>`SELECT ${PAPER_COLUMNS} FROM paper p WHERE p.id IN ${inList(ids)}`.execute(db);
  return result.rows;
}

/** The paper an identifier key (`doi:10.1000/x`, `acl:P08-1001`) belongs to, in one statement. */
export async function findPaperByExternalKey(db: Db, key: string): Promise<PaperRow | null> {
  const result = await sql<PaperRow>`
    SELECT ${PAPER_COLUMNS} FROM external_id e JOIN paper p ON p.id = e.entity_id
    WHERE e.key = ${key} AND e.entity_type = 'paper'`.execute(db);
  return result.rows[0] ?? null;
}

export type PaperOrderField = 'ID' | 'YEAR' | 'TITLE' | 'CITATION_COUNT';
export type OrderDirection = 'ASC' | 'DESC';

/**
 * All papers in a stable order (ties broken by id, so offset pages never skip or repeat). Citation
 * counts come from the same edge rows as `citedBy`.
 */
export async function listPapers(
  db: Db,
  order: { field: PaperOrderField; direction: OrderDirection },
  window: Window,
): Promise<PaperRow[]> {
  const direction = sql.raw(order.direction);
  const orderBy = {
    ID: sql`p.id ${direction}`,
    YEAR: sql`p.year ${direction}, p.id ${direction}`,
    TITLE: sql`p.title COLLATE NOCASE ${direction}, p.id ${direction}`,
    CITATION_COUNT: sql`citation_count ${direction}, p.id ${direction}`,
  }[order.field];
  const citationCount =
    order.field === 'CITATION_COUNT'
      ? sql`, (SELECT count(DISTINCT r.citing_paper_id) FROM reference r WHERE r.cited_paper_id = p.id) AS citation_count`
      : sql``;
  const result = await sql<PaperRow>`
    SELECT ${PAPER_COLUMNS} ${citationCount} FROM paper p
    ORDER BY ${orderBy} LIMIT ${window.limit} OFFSET ${window.offset}`.execute(db);
  return result.rows;
}

export async function countPapers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('paper')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Pairs (parent_id, paper_id), each pair once, linking parents to their papers. Every "papers of X"
 * list is one of these; so are the paper sets that citation metrics sum over.
 */
export type PaperPairs = (parentIds: readonly number[]) => RawBuilder<unknown>;

export const venuePaperPairs: PaperPairs = (venueIds) =>
  sql`SELECT venue_id AS parent_id, id AS paper_id FROM paper WHERE venue_id IN ${inList(venueIds)}`;

export const keywordPaperPairs: PaperPairs = (keywordIds) =>
  sql`SELECT keyword_id AS parent_id, paper_id FROM paper_keyword WHERE keyword_id IN ${inList(keywordIds)}`;

/** A paper that lists an author twice still counts once. */
export const authorPaperPairs: PaperPairs = (authorIds) =>
  sql`SELECT DISTINCT author_id AS parent_id, paper_id FROM authorship WHERE author_id IN ${inList(authorIds)}`;

/** Papers with an author who gave the institution on that paper. */
export const institutionPaperPairs: PaperPairs = (institutionIds) =>
  sql`SELECT DISTINCT institution_id AS parent_id, paper_id FROM authorship_institution
      WHERE institution_id IN ${inList(institutionIds)}`;

/** The distinct papers citing each paper. */
export const citingPaperPairs: PaperPairs = (paperIds) =>
  sql`SELECT DISTINCT cited_paper_id AS parent_id, citing_paper_id AS paper_id FROM reference
      WHERE cited_paper_id IN ${inList(paperIds)}`;

/** A paged, counted paper list per parent (newest first, then by id) from its pairs. */
export function paperList(pairs: PaperPairs) {
  return {
    page: (db: Db, parentIds: number[], window: Window): Promise<ParentRow<PaperRow>[]> =>
      pageByParent<PaperRow>(
        db,
        sql`SELECT pp.parent_id, ${PAPER_COLUMNS},
              row_number() OVER (PARTITION BY pp.parent_id ORDER BY p.year DESC, p.id DESC) AS rank_in_parent
            FROM (${pairs(parentIds)}) pp JOIN paper p ON p.id = pp.paper_id`,
        window,
      ),
    count: (db: Db, parentIds: number[]) => countRowsByParent(db, parentIds, pairs(parentIds)),
  };
}

export const papersOfVenues = paperList(venuePaperPairs);
export const papersOfKeywords = paperList(keywordPaperPairs);
export const papersOfAuthors = paperList(authorPaperPairs);
export const papersOfInstitutions = paperList(institutionPaperPairs);
export const citingPapers = paperList(citingPaperPairs);

import { sql, type Selectable } from 'kysely';
import type { Db } from './database';
import { countsByParent, inList, pageByParent, type ParentRow, type Window } from './paging';
import type { PaperTable } from './tables';

export type PaperRow = Omit<Selectable<PaperTable>, 'key'>;

/** The columns of PaperRow, for queries that join paper as `p`. */
export const PAPER_COLUMNS = sql.raw('p.id, p.title, p.abstract, p.year, p.publication_date, p.doi, p.type, p.language, p.venue_id');

/** In the order of `ids`; missing ids are absent (the loader maps them to null). */
export async function findPapersByIds(db: Db, ids: readonly number[]): Promise<PaperRow[]> {
  const result = await sql<PaperRow>`SELECT ${PAPER_COLUMNS} FROM paper p WHERE p.id IN ${inList(ids)}`.execute(db);
  return result.rows;
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
  const row = await db.selectFrom('paper').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Papers published in venues, newest first. */
export function papersOfVenues(db: Db, venueIds: number[], window: Window): Promise<ParentRow<PaperRow>[]> {
  return pageByParent<PaperRow>(
    db,
    sql`SELECT p.venue_id AS parent_id, ${PAPER_COLUMNS},
          row_number() OVER (PARTITION BY p.venue_id ORDER BY p.year DESC, p.id DESC) AS rank_in_parent
        FROM paper p WHERE p.venue_id IN ${inList(venueIds)}`,
    window,
  );
}

export async function countPapersOfVenues(db: Db, venueIds: number[]): Promise<Map<number, number>> {
  const result = await sql<{ parent_id: number; count: number }>`
    SELECT venue_id AS parent_id, count(*) AS count FROM paper
    WHERE venue_id IN ${inList(venueIds)} GROUP BY venue_id`.execute(db);
  return countsByParent(venueIds, result.rows);
}

/** Papers with keywords, newest first. */
export function papersOfKeywords(db: Db, keywordIds: number[], window: Window): Promise<ParentRow<PaperRow>[]> {
  return pageByParent<PaperRow>(
    db,
    sql`SELECT pk.keyword_id AS parent_id, ${PAPER_COLUMNS},
          row_number() OVER (PARTITION BY pk.keyword_id ORDER BY p.year DESC, p.id DESC) AS rank_in_parent
        FROM paper_keyword pk JOIN paper p ON p.id = pk.paper_id
        WHERE pk.keyword_id IN ${inList(keywordIds)}`,
    window,
  );
}

export async function countPapersOfKeywords(db: Db, keywordIds: number[]): Promise<Map<number, number>> {
  const result = await sql<{ parent_id: number; count: number }>`
    SELECT keyword_id AS parent_id, count(*) AS count FROM paper_keyword
    WHERE keyword_id IN ${inList(keywordIds)} GROUP BY keyword_id`.execute(db);
  return countsByParent(keywordIds, result.rows);
}

/** Papers by authors (each paper once per author, even if listed twice on a byline), newest first. */
export function papersOfAuthors(db: Db, authorIds: number[], window: Window): Promise<ParentRow<PaperRow>[]> {
  return pageByParent<PaperRow>(
    db,
    sql`SELECT a.author_id AS parent_id, ${PAPER_COLUMNS},
          row_number() OVER (PARTITION BY a.author_id ORDER BY p.year DESC, p.id DESC) AS rank_in_parent
        FROM (SELECT DISTINCT author_id, paper_id FROM authorship WHERE author_id IN ${inList(authorIds)}) a
        JOIN paper p ON p.id = a.paper_id`,
    window,
  );
}

export async function countPapersOfAuthors(db: Db, authorIds: number[]): Promise<Map<number, number>> {
  const result = await sql<{ parent_id: number; count: number }>`
    SELECT author_id AS parent_id, count(DISTINCT paper_id) AS count FROM authorship
    WHERE author_id IN ${inList(authorIds)} GROUP BY author_id`.execute(db);
  return countsByParent(authorIds, result.rows);
}

/** Papers with an author affiliated with the institutions, newest first. */
export function papersOfInstitutions(db: Db, institutionIds: number[], window: Window): Promise<ParentRow<PaperRow>[]> {
  return pageByParent<PaperRow>(
    db,
    sql`SELECT ai.institution_id AS parent_id, ${PAPER_COLUMNS},
          row_number() OVER (PARTITION BY ai.institution_id ORDER BY p.year DESC, p.id DESC) AS rank_in_parent
        FROM (SELECT DISTINCT institution_id, paper_id FROM authorship_institution
              WHERE institution_id IN ${inList(institutionIds)}) ai
        JOIN paper p ON p.id = ai.paper_id`,
    window,
  );
}

export async function countPapersOfInstitutions(db: Db, institutionIds: number[]): Promise<Map<number, number>> {
  const result = await sql<{ parent_id: number; count: number }>`
    SELECT institution_id AS parent_id, count(DISTINCT paper_id) AS count FROM authorship_institution
    WHERE institution_id IN ${inList(institutionIds)} GROUP BY institution_id`.execute(db);
  return countsByParent(institutionIds, result.rows);
}

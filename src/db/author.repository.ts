import { type Selectable, sql } from 'kysely';
import { type CitationMetricsRow, citationMetrics } from './citation.repository';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, pageByParent, pageOfRanked, type Window } from './paging';
import { authorPaperPairs } from './paper.repository';
import type { AuthorshipTable, AuthorTable } from './tables';

export type AuthorRow = Omit<Selectable<AuthorTable>, 'key'>;
/** An authorship with its author's row, which a byline is almost always asked with. */
export type AuthorshipRow = Selectable<AuthorshipTable> & { author_name: string; author_orcid: string | null };

export async function findAuthorsByIds(db: Db, ids: readonly number[]): Promise<AuthorRow[]> {
  return db
    .selectFrom('author')
    .select(['id', 'name', 'orcid'])
    .where(sql<boolean>`id IN ${inList(ids)}`)
    .execute();
}

/** Bylines of papers, in author order, with the authors (one statement, not two). */
export async function authorshipsOfPapers(db: Db, paperIds: readonly number[]): Promise<AuthorshipRow[]> {
  return db
    .selectFrom('authorship as a')
    .innerJoin('author as au', 'au.id', 'a.author_id')
    .select([
      'a.paper_id',
      'a.position',
      'a.author_id',
      'a.raw_name',
      'au.name as author_name',
      'au.orcid as author_orcid',
    ])
    .where(sql<boolean>`a.paper_id IN ${inList(paperIds)}`)
    .orderBy('a.paper_id')
    .orderBy('a.position')
    .execute();
}

/** Distinct authors who signed a paper with each institution, most papers there first. */
export function authorsOfInstitutions(
  db: Db,
  institutionIds: number[],
  window: Window,
): Promise<ParentRow<AuthorRow>[]> {
  return pageByParent<AuthorRow>(
    db,
    sql`SELECT ai.institution_id AS parent_id, au.id, au.name, au.orcid,
          row_number() OVER (PARTITION BY ai.institution_id ORDER BY count(DISTINCT ai.paper_id) DESC, au.id)
            AS rank_in_parent
        FROM authorship_institution ai
        JOIN authorship a ON a.paper_id = ai.paper_id AND a.position = ai.position
        JOIN author au ON au.id = a.author_id
        WHERE ai.institution_id IN ${inList(institutionIds)}
        GROUP BY ai.institution_id, au.id`,
    window,
  );
}

export function countAuthorsOfInstitutions(db: Db, institutionIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(
    db,
    institutionIds,
    sql`SELECT DISTINCT ai.institution_id AS parent_id, a.author_id
        FROM authorship_institution ai JOIN authorship a ON a.paper_id = ai.paper_id AND a.position = ai.position
        WHERE ai.institution_id IN ${inList(institutionIds)}`,
  );
}

export type CoauthorRow = AuthorRow & { shared_paper_count: number };

function coauthorGroups(authorIds: readonly number[]) {
  return sql`SELECT mine.parent_id, theirs.author_id AS other_id,
      count(DISTINCT mine.paper_id) AS shared_paper_count
    FROM (${authorPaperPairs(authorIds)}) mine
    JOIN authorship theirs ON theirs.paper_id = mine.paper_id AND theirs.author_id <> mine.parent_id
    GROUP BY mine.parent_id, theirs.author_id`;
}

/** Co-authors ranked by papers written together, then by id. */
export function coauthorsOfAuthors(db: Db, authorIds: number[], window: Window): Promise<ParentRow<CoauthorRow>[]> {
  return pageOfRanked<CoauthorRow>(db, coauthorGroups(authorIds), window, {
    orderBy: sql`shared_paper_count DESC, other_id`,
    join: sql`JOIN author au ON au.id = g.other_id`,
    select: sql`g.shared_paper_count, au.id, au.name, au.orcid`,
  });
}

export function countCoauthorsOfAuthors(db: Db, authorIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(db, authorIds, coauthorGroups(authorIds));
}

export function authorCitationMetrics(db: Db, authorIds: readonly number[]): Promise<Map<number, CitationMetricsRow>> {
  return citationMetrics(db, authorIds, authorPaperPairs(authorIds));
}

export interface AuthorInstitutionRow {
  author_id: number;
  institution_id: number;
  paper_count: number;
  first_year: number | null;
  last_year: number | null;
}

/** Where authors signed from, with the years of those papers; most recent first. */
export async function institutionsOfAuthors(db: Db, authorIds: readonly number[]): Promise<AuthorInstitutionRow[]> {
  const result = await sql<AuthorInstitutionRow>`
    SELECT a.author_id, ai.institution_id, count(DISTINCT a.paper_id) AS paper_count,
      min(p.year) AS first_year, max(p.year) AS last_year
    FROM authorship a
    JOIN authorship_institution ai ON ai.paper_id = a.paper_id AND ai.position = a.position
    JOIN paper p ON p.id = a.paper_id
    WHERE a.author_id IN ${inList(authorIds)}
    GROUP BY a.author_id, ai.institution_id
    ORDER BY a.author_id, last_year DESC, paper_count DESC, ai.institution_id`.execute(db);
  return result.rows;
}

export interface TermCountRow {
  parent_id: number;
  keyword_id: number;
  term: string;
  paper_count: number;
}

/** Each author's most frequent keywords (at most `limit`), then by term. */
export async function topKeywordsOfAuthors(
  db: Db,
  authorIds: readonly number[],
  limit: number,
): Promise<TermCountRow[]> {
  const result = await sql<TermCountRow>`
    SELECT parent_id, keyword_id, term, paper_count FROM (
      SELECT ap.parent_id, k.id AS keyword_id, k.term, count(*) AS paper_count,
        row_number() OVER (PARTITION BY ap.parent_id ORDER BY count(*) DESC, k.term, k.id) AS rank_in_parent
      FROM (${authorPaperPairs(authorIds)}) ap
      JOIN paper_keyword pk ON pk.paper_id = ap.paper_id
      JOIN keyword k ON k.id = pk.keyword_id
      GROUP BY ap.parent_id, k.id)
    WHERE rank_in_parent <= ${limit}
    ORDER BY parent_id, rank_in_parent`.execute(db);
  return result.rows;
}

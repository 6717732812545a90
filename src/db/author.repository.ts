import { sql, type Selectable } from 'kysely';
import type { Db } from './database';
import { countsByParent, inList, pageByParent, type ParentRow, type Window } from './paging';
import type { AuthorshipTable, AuthorTable } from './tables';

export type AuthorRow = Omit<Selectable<AuthorTable>, 'key'>;
export type AuthorshipRow = Selectable<AuthorshipTable>;

export async function findAuthorsByIds(db: Db, ids: readonly number[]): Promise<AuthorRow[]> {
  return db.selectFrom('author').select(['id', 'name', 'orcid']).where(sql<boolean>`id IN ${inList(ids)}`).execute();
}

/** Bylines of papers, in author order. */
export async function authorshipsOfPapers(db: Db, paperIds: readonly number[]): Promise<AuthorshipRow[]> {
  return db
    .selectFrom('authorship')
    .selectAll()
    .where(sql<boolean>`paper_id IN ${inList(paperIds)}`)
    .orderBy('paper_id')
    .orderBy('position')
    .execute();
}

/** Distinct authors who signed a paper with each institution, most papers there first. */
export function authorsOfInstitutions(db: Db, institutionIds: number[], window: Window): Promise<ParentRow<AuthorRow>[]> {
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

export async function countAuthorsOfInstitutions(db: Db, institutionIds: number[]): Promise<Map<number, number>> {
  const result = await sql<{ parent_id: number; count: number }>`
    SELECT ai.institution_id AS parent_id, count(DISTINCT a.author_id) AS count
    FROM authorship_institution ai JOIN authorship a ON a.paper_id = ai.paper_id AND a.position = ai.position
    WHERE ai.institution_id IN ${inList(institutionIds)} GROUP BY ai.institution_id`.execute(db);
  return countsByParent(institutionIds, result.rows);
}

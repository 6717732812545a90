import { type Selectable, sql } from 'kysely';
import { type CitationMetricsRow, citationMetrics } from './citation.repository';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, pageOfRanked, type Window } from './paging';
import { institutionPaperPairs } from './paper.repository';
import type { InstitutionTable } from './tables';

export type InstitutionRow = Omit<Selectable<InstitutionTable>, 'key'>;

export async function findInstitutionsByIds(db: Db, ids: readonly number[]): Promise<InstitutionRow[]> {
  return db
    .selectFrom('institution')
    .select(['id', 'name', 'ror', 'country', 'type'])
    .where(sql<boolean>`id IN ${inList(ids)}`)
    .execute();
}

/** The institutions of authorships, keyed `paperId:position`, for a set of papers. */
export type InstitutionOfAuthorshipRow = InstitutionRow & { paper_id: number; position: number };

export async function institutionsOfAuthorships(
  db: Db,
  paperIds: readonly number[],
): Promise<InstitutionOfAuthorshipRow[]> {
  const result = await sql<InstitutionOfAuthorshipRow>`
    SELECT ai.paper_id, ai.position, i.id, i.name, i.ror, i.country, i.type
    FROM authorship_institution ai JOIN institution i ON i.id = ai.institution_id
    WHERE ai.paper_id IN ${inList(paperIds)}
    ORDER BY ai.paper_id, ai.position, i.id`.execute(db);
  return result.rows;
}

export type CollaboratorRow = InstitutionRow & { shared_paper_count: number };

function collaboratorGroups(institutionIds: readonly number[]) {
  return sql`SELECT mine.parent_id, theirs.institution_id AS other_id, count(DISTINCT mine.paper_id) AS shared_paper_count
    FROM (${institutionPaperPairs(institutionIds)}) mine
    JOIN authorship_institution theirs ON theirs.paper_id = mine.paper_id AND theirs.institution_id <> mine.parent_id
    GROUP BY mine.parent_id, theirs.institution_id`;
}

/** Institutions on the same papers, ranked by papers in common, then by id. */
export function collaboratorsOfInstitutions(
  db: Db,
  institutionIds: number[],
  window: Window,
): Promise<ParentRow<CollaboratorRow>[]> {
  return pageOfRanked<CollaboratorRow>(db, collaboratorGroups(institutionIds), window, {
    orderBy: sql`shared_paper_count DESC, other_id`,
    join: sql`JOIN institution i ON i.id = g.other_id`,
    select: sql`g.shared_paper_count, i.id, i.name, i.ror, i.country, i.type`,
  });
}

export function countCollaboratorsOfInstitutions(db: Db, institutionIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(db, institutionIds, collaboratorGroups(institutionIds));
}

export function institutionCitationMetrics(
  db: Db,
  institutionIds: readonly number[],
): Promise<Map<number, CitationMetricsRow>> {
  return citationMetrics(db, institutionIds, institutionPaperPairs(institutionIds));
}

import { sql, type Selectable } from 'kysely';
import type { Db } from './database';
import { inList } from './paging';
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

export async function institutionsOfAuthorships(db: Db, paperIds: readonly number[]): Promise<InstitutionOfAuthorshipRow[]> {
  const result = await sql<InstitutionOfAuthorshipRow>`
    SELECT ai.paper_id, ai.position, i.id, i.name, i.ror, i.country, i.type
    FROM authorship_institution ai JOIN institution i ON i.id = ai.institution_id
    WHERE ai.paper_id IN ${inList(paperIds)}
    ORDER BY ai.paper_id, ai.position, i.id`.execute(db);
  return result.rows;
}

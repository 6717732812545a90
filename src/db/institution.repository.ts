import type { Compilable, Selectable } from 'kysely';
import { type AuthorshipRow, authorshipColumns, SHARED_PAPERS_ORDER } from './author.repository';
import { type CitationMetricsRow, citationMetrics } from './citation.repository';
import type { Db } from './database';
import {
  countRowsByParent,
  inList,
  keysetPage,
  keysetRanked,
  type PaperParents,
  parentList,
  rankedPageOrder,
} from './paging';
import { institutionPaperPairs } from './paper.repository';
import { preparedQuery } from './prepared';
import type { AuthorshipInstitutionTable, InstitutionTable } from './tables';

export type InstitutionRow = Omit<Selectable<InstitutionTable>, 'key'>;

export function findInstitutionsByIds(db: Db, ids: readonly number[]): Promise<InstitutionRow[]> {
  return db
    .selectFrom('institution')
    .select(['id', 'name', 'ror', 'country', 'type'])
    .where('id', 'in', inList(ids))
    .execute();
}

/** The institutions of authorships, keyed `paperId:position`, for a set of papers. */
export type InstitutionOfAuthorshipRow = InstitutionRow &
  Pick<Selectable<AuthorshipInstitutionTable>, 'paper_id' | 'position'>;

/**
 * A byline entry with one of the institutions given on it (the institution's columns null for an
 * entry without any): what authorshipsOfPapers and institutionsOfAuthorships return, in one
 * statement, for a paper asked with both (a node page's byline).
 */
export type AuthorshipWithInstitutionRow = AuthorshipRow & {
  institution_id: number | null;
  institution_name: string | null;
  institution_ror: string | null;
  institution_country: string | null;
  institution_type: string | null;
};

export const authorshipsWithInstitutionsOfPapers = preparedQuery(
  (db: Db, paperIds: PaperParents): Compilable<AuthorshipWithInstitutionRow> =>
    db
      .selectFrom('authorship as a')
      .innerJoin('author as au', 'au.id', 'a.author_id')
      .leftJoin('authorship_institution as ai', (join) =>
        join.onRef('ai.paper_id', '=', 'a.paper_id').onRef('ai.position', '=', 'a.position'),
      )
      .leftJoin('institution as i', 'i.id', 'ai.institution_id')
      .select(authorshipColumns)
      .select([
        'i.id as institution_id',
        'i.name as institution_name',
        'i.ror as institution_ror',
        'i.country as institution_country',
        'i.type as institution_type',
      ])
      .where('a.paper_id', 'in', parentList(paperIds))
      .orderBy('a.paper_id')
      .orderBy('a.position')
      .orderBy('i.id') as Compilable<AuthorshipWithInstitutionRow>,
);

/** The rows of authorshipsWithInstitutionsOfPapers as the lists of its two statements, in their orders. */
export function splitAuthorshipsWithInstitutions(rows: readonly AuthorshipWithInstitutionRow[]): {
  authorships: AuthorshipRow[];
  institutions: InstitutionOfAuthorshipRow[];
} {
  const authorships: AuthorshipRow[] = [];
  const institutions: InstitutionOfAuthorshipRow[] = [];
  for (const row of rows) {
    const { paper_id, position } = row;
    const last = authorships[authorships.length - 1];
    if (last?.paper_id !== paper_id || last.position !== position) {
      const { author_id, raw_name, author_name, author_orcid } = row;
      authorships.push({ paper_id, position, author_id, raw_name, author_name, author_orcid });
    }
    if (row.institution_id === null) continue;
    institutions.push({
      paper_id,
      position,
      id: row.institution_id,
      name: row.institution_name as string,
      ror: row.institution_ror,
      country: row.institution_country,
      type: row.institution_type,
    });
  }
  return { authorships, institutions };
}

export const institutionsOfAuthorships = preparedQuery(
  (db: Db, paperIds: PaperParents): Compilable<InstitutionOfAuthorshipRow> =>
    db
      .selectFrom('authorship_institution as ai')
      .innerJoin('institution as i', 'i.id', 'ai.institution_id')
      .select(['ai.paper_id', 'ai.position', 'i.id', 'i.name', 'i.ror', 'i.country', 'i.type'])
      .where('ai.paper_id', 'in', parentList(paperIds))
      .orderBy('ai.paper_id')
      .orderBy('ai.position')
      .orderBy('i.id'),
);

export type CollaboratorRow = InstitutionRow & { shared_paper_count: number };

/** (institution, other institution, papers in common): one row per pair. */
function collaboratorGroups(db: Db, institutionIds: readonly number[]) {
  return db
    .selectFrom(institutionPaperPairs(db, institutionIds).as('mine'))
    .innerJoin('authorship_institution as theirs', (join) =>
      join.onRef('theirs.paper_id', '=', 'mine.paper_id').onRef('theirs.institution_id', '<>', 'mine.parent_id'),
    )
    .select((eb) => [
      'mine.parent_id',
      'theirs.institution_id as other_id',
      eb.fn.count<number>('mine.paper_id').distinct().as('shared_paper_count'),
    ])
    .groupBy(['mine.parent_id', 'theirs.institution_id']);
}

/**
 * Institutions on the same papers, ranked by papers in common, then by id. Ranking runs over bare
 * ids; only the page's rows are joined to institution.
 */
export const collaboratorsOfInstitutions = keysetPage<CollaboratorRow>(
  SHARED_PAPERS_ORDER,
  (db, institutionIds, window) =>
    db
      .selectFrom(
        keysetRanked(
          db,
          collaboratorGroups(db, institutionIds),
          SHARED_PAPERS_ORDER,
          window,
          institutionIds.length === 1,
        ).as('g'),
      )
      .innerJoin('institution as i', 'i.id', 'g.other_id')
      .select(['g.parent_id', 'g.total_in_parent', 'g.shared_paper_count', 'g.other_id'])
      .select(['i.id', 'i.name', 'i.ror', 'i.country', 'i.type'])
      .orderBy(rankedPageOrder('g', SHARED_PAPERS_ORDER, window, institutionIds.length === 1))
      .execute(),
);

export function countCollaboratorsOfInstitutions(db: Db, institutionIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(db, institutionIds, collaboratorGroups(db, institutionIds));
}

export function institutionCitationMetrics(
  db: Db,
  institutionIds: readonly number[],
): Promise<Map<number, CitationMetricsRow>> {
  return citationMetrics(db, institutionIds, institutionPaperPairs(db, institutionIds));
}

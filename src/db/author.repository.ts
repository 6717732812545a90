import type { Compilable, Selectable } from 'kysely';
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
  type SortKey,
} from './paging';
import { authorPaperPairs } from './paper.repository';
import { preparedQuery } from './prepared';
import type {
  AuthorshipInstitutionTable,
  AuthorshipTable,
  AuthorTable,
  KeywordTable,
  PaperKeywordTable,
} from './tables';

export type AuthorRow = Omit<Selectable<AuthorTable>, 'key'>;
/** An authorship with its author's row, which a byline is almost always asked with. */
export type AuthorshipRow = Selectable<AuthorshipTable> & {
  author_name: AuthorTable['name'];
  author_orcid: AuthorTable['orcid'];
};

export function findAuthorsByIds(db: Db, ids: readonly number[]): Promise<AuthorRow[]> {
  return db.selectFrom('author').select(['id', 'name', 'orcid']).where('id', 'in', inList(ids)).execute();
}

/** The columns of an AuthorshipRow, for queries that read authorship as `a` joined to author as `au`. */
export const authorshipColumns = [
  'a.paper_id',
  'a.position',
  'a.author_id',
  'a.raw_name',
  'au.name as author_name',
  'au.orcid as author_orcid',
] as const;

/** Bylines of papers, in author order, with the authors (one statement, not two). */
export const authorshipsOfPapers = preparedQuery(
  (db: Db, paperIds: PaperParents): Compilable<AuthorshipRow> =>
    db
      .selectFrom('authorship as a')
      .innerJoin('author as au', 'au.id', 'a.author_id')
      .select(authorshipColumns)
      .where('a.paper_id', 'in', parentList(paperIds))
      .orderBy('a.paper_id')
      .orderBy('a.position'),
);

/** Most shared papers first, then by id: a cursor is the last item's (count, id). */
export const SHARED_PAPERS_ORDER: readonly SortKey[] = [
  { column: 'shared_paper_count', direction: 'desc' },
  { column: 'other_id', direction: 'asc' },
];

/** Distinct authors who signed a paper with each institution, most papers there first. */
export const authorsOfInstitutions = keysetPage<AuthorRow>(SHARED_PAPERS_ORDER, (db, institutionIds, window) => {
  const groups = db
    .selectFrom('authorship_institution as ai')
    .innerJoin('authorship as a', (join) =>
      join.onRef('a.paper_id', '=', 'ai.paper_id').onRef('a.position', '=', 'ai.position'),
    )
    .select((eb) => [
      'ai.institution_id as parent_id',
      'a.author_id as other_id',
      eb.fn.count<number>('ai.paper_id').distinct().as('shared_paper_count'),
    ])
    .where('ai.institution_id', 'in', inList(institutionIds))
    .groupBy(['ai.institution_id', 'a.author_id']);
  return db
    .selectFrom(keysetRanked(db, groups, SHARED_PAPERS_ORDER, window, institutionIds.length === 1).as('g'))
    .innerJoin('author as au', 'au.id', 'g.other_id')
    .select(['g.parent_id', 'g.total_in_parent', 'g.shared_paper_count', 'g.other_id', 'au.id', 'au.name', 'au.orcid'])
    .orderBy(rankedPageOrder('g', SHARED_PAPERS_ORDER, window, institutionIds.length === 1))
    .execute();
});

export function countAuthorsOfInstitutions(db: Db, institutionIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(
    db,
    institutionIds,
    db
      .selectFrom('authorship_institution as ai')
      .innerJoin('authorship as a', (join) =>
        join.onRef('a.paper_id', '=', 'ai.paper_id').onRef('a.position', '=', 'ai.position'),
      )
      .select(['ai.institution_id as parent_id', 'a.author_id'])
      .distinct()
      .where('ai.institution_id', 'in', inList(institutionIds)),
  );
}

export type CoauthorRow = AuthorRow & { shared_paper_count: number };

/** (author, co-author, papers together): one row per pair. */
function coauthorGroups(db: Db, authorIds: readonly number[]) {
  return db
    .selectFrom(authorPaperPairs(db, authorIds).as('mine'))
    .innerJoin('authorship as theirs', (join) =>
      join.onRef('theirs.paper_id', '=', 'mine.paper_id').onRef('theirs.author_id', '<>', 'mine.parent_id'),
    )
    .select((eb) => [
      'mine.parent_id',
      'theirs.author_id as other_id',
      eb.fn.count<number>('mine.paper_id').distinct().as('shared_paper_count'),
    ])
    .groupBy(['mine.parent_id', 'theirs.author_id']);
}

/**
 * Co-authors ranked by papers written together, then by id. Ranking runs over bare ids and only
 * the page's rows are joined to author: an author with thousands of co-authors reads one page.
 */
export const coauthorsOfAuthors = keysetPage<CoauthorRow>(SHARED_PAPERS_ORDER, (db, authorIds, window) =>
  db
    .selectFrom(
      keysetRanked(db, coauthorGroups(db, authorIds), SHARED_PAPERS_ORDER, window, authorIds.length === 1).as('g'),
    )
    .innerJoin('author as au', 'au.id', 'g.other_id')
    .select(['g.parent_id', 'g.total_in_parent', 'g.shared_paper_count', 'g.other_id', 'au.id', 'au.name', 'au.orcid'])
    .orderBy(rankedPageOrder('g', SHARED_PAPERS_ORDER, window, authorIds.length === 1))
    .execute(),
);

export function countCoauthorsOfAuthors(db: Db, authorIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(db, authorIds, coauthorGroups(db, authorIds));
}

export function authorCitationMetrics(db: Db, authorIds: readonly number[]): Promise<Map<number, CitationMetricsRow>> {
  return citationMetrics(db, authorIds, authorPaperPairs(db, authorIds));
}

export type AuthorInstitutionRow = Pick<Selectable<AuthorshipTable>, 'author_id'> &
  Pick<Selectable<AuthorshipInstitutionTable>, 'institution_id'> & {
    paper_count: number;
    first_year: number | null;
    last_year: number | null;
  };

/** Where authors signed from, with the years of those papers; most recent first. */
export function institutionsOfAuthors(db: Db, authorIds: readonly number[]): Promise<AuthorInstitutionRow[]> {
  return db
    .selectFrom('authorship as a')
    .innerJoin('authorship_institution as ai', (join) =>
      join.onRef('ai.paper_id', '=', 'a.paper_id').onRef('ai.position', '=', 'a.position'),
    )
    .innerJoin('paper as p', 'p.id', 'a.paper_id')
    .select((eb) => [
      'a.author_id',
      'ai.institution_id',
      eb.fn.count<number>('a.paper_id').distinct().as('paper_count'),
      eb.fn.min('p.year').as('first_year'),
      eb.fn.max('p.year').as('last_year'),
    ])
    .where('a.author_id', 'in', inList(authorIds))
    .groupBy(['a.author_id', 'ai.institution_id'])
    .orderBy('a.author_id')
    .orderBy('last_year', 'desc')
    .orderBy('paper_count', 'desc')
    .orderBy('ai.institution_id')
    .execute();
}

export type TermCountRow = { parent_id: number; keyword_id: PaperKeywordTable['keyword_id'] } & Pick<
  Selectable<KeywordTable>,
  'term'
> & { paper_count: number };

/** Each author's most frequent keywords (at most `limit`), then by term. */
export function topKeywordsOfAuthors(db: Db, authorIds: readonly number[], limit: number): Promise<TermCountRow[]> {
  const ranked = db
    .selectFrom(authorPaperPairs(db, authorIds).as('ap'))
    .innerJoin('paper_keyword as pk', 'pk.paper_id', 'ap.paper_id')
    .innerJoin('keyword as k', 'k.id', 'pk.keyword_id')
    .select((eb) => [
      'ap.parent_id',
      'k.id as keyword_id',
      'k.term',
      eb.fn.countAll<number>().as('paper_count'),
      eb.fn
        .agg<number>('row_number')
        .over((ob) =>
          ob.partitionBy('ap.parent_id').orderBy(eb.fn.countAll(), 'desc').orderBy('k.term').orderBy('k.id'),
        )
        .as('rank_in_parent'),
    ])
    .groupBy(['ap.parent_id', 'k.id']);
  return db
    .selectFrom(ranked.as('ranked'))
    .select(['parent_id', 'keyword_id', 'term', 'paper_count'])
    .where('rank_in_parent', '<=', limit)
    .orderBy('parent_id')
    .orderBy('rank_in_parent')
    .execute();
}

/**
 * The papers of a venue, keyword, author or institution, newest first, paged by keys.
 */
import { type AliasableExpression, sql } from 'kysely';
import type { Db } from './database';
import { countRowsByParent, inList, keysetPage, keysetRanked, rankedPageOrder, type SortKey } from './paging';
import {
  authorPaperPairs,
  institutionPaperPairs,
  type ListedPaperRow,
  type PaperPair,
  pagePaperColumns,
} from './paper.repository';

/** Below every year: papers without one come last, as NULLs do in `year DESC`. */
const NO_YEAR = -2_147_483_648;

/** Newest first, then by id (descending, as before keysets); a cursor holds (year, id). */
const NEWEST_FIRST: readonly SortKey[] = [
  { column: 'sort_year', direction: 'desc' },
  { column: 'id', direction: 'desc' },
];

function venuePaperPairs(db: Db, venueIds: readonly number[]): AliasableExpression<PaperPair> {
  return db
    .selectFrom('paper')
    .select(['venue_id as parent_id', 'id as paper_id'])
    .where('venue_id', 'in', inList(venueIds))
    .$narrowType<PaperPair>();
}

function keywordPaperPairs(db: Db, keywordIds: readonly number[]): AliasableExpression<PaperPair> {
  return db
    .selectFrom('paper_keyword')
    .select(['keyword_id as parent_id', 'paper_id'])
    .where('keyword_id', 'in', inList(keywordIds));
}

/** A paged, counted paper list per parent from its (parent, paper) pairs, each pair once. */
function paperList(pairs: (db: Db, parentIds: readonly number[]) => AliasableExpression<PaperPair>) {
  return {
    page: keysetPage<ListedPaperRow>(NEWEST_FIRST, (db, parentIds, window) => {
      const rows = db
        .selectFrom(pairs(db, parentIds).as('pp'))
        .innerJoin('paper as p', 'p.id', 'pp.paper_id')
        .select('pp.parent_id')
        .select(pagePaperColumns(window.listedPaperColumns))
        .select(sql<number>`ifnull(p.year, ${sql.lit(NO_YEAR)})`.as('sort_year'));
      return db
        .selectFrom(keysetRanked(db, rows, NEWEST_FIRST, window, parentIds.length === 1).as('g'))
        .selectAll()
        .orderBy(rankedPageOrder('g', NEWEST_FIRST, window, parentIds.length === 1))
        .execute();
    }),
    count: (db: Db, parentIds: number[]) => countRowsByParent(db, parentIds, pairs(db, parentIds)),
  };
}

export const papersOfVenues = paperList(venuePaperPairs);
export const papersOfKeywords = paperList(keywordPaperPairs);
export const papersOfAuthors = paperList(authorPaperPairs);
export const papersOfInstitutions = paperList(institutionPaperPairs);

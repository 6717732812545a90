import type { Compilable, Selectable } from 'kysely';
import { SHARED_PAPERS_ORDER } from './author.repository';
import type { Db } from './database';
import type { YearCountRow } from './network.repository';
import {
  countRowsByParent,
  inList,
  keysetPage,
  keysetRanked,
  type PaperParents,
  parentList,
  rankedPageOrder,
} from './paging';
import { preparedQuery } from './prepared';
import type { KeywordTable, PaperKeywordTable } from './tables';

export type KeywordRow = Omit<Selectable<KeywordTable>, 'key'>;

export function findKeywordsByIds(db: Db, ids: readonly number[]): Promise<KeywordRow[]> {
  return db.selectFrom('keyword').select(['id', 'term']).where('id', 'in', inList(ids)).execute();
}

/** Keyword ids by folded term (case and spacing folded, as the writer stores it); unknown keys are absent. */
export async function findKeywordIdsByKeys(db: Db, keys: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom('keyword').select(['key', 'id']).where('key', 'in', inList(keys)).execute();
  return new Map(rows.map((row) => [row.key, row.id]));
}

/** Keywords of papers, in the paper's order. */
export type KeywordOfPaperRow = KeywordRow & Pick<Selectable<PaperKeywordTable>, 'paper_id'>;

export const keywordsOfPapers = preparedQuery(
  (db: Db, paperIds: PaperParents): Compilable<KeywordOfPaperRow> =>
    db
      .selectFrom('paper_keyword as pk')
      .innerJoin('keyword as k', 'k.id', 'pk.keyword_id')
      .select(['pk.paper_id', 'k.id', 'k.term'])
      .where('pk.paper_id', 'in', parentList(paperIds))
      .orderBy('pk.paper_id')
      .orderBy('pk.position'),
);

export type CooccurringKeywordRow = KeywordRow & { shared_paper_count: number };

/** (keyword, other keyword, papers with both): one row per pair. */
function cooccurrenceGroups(db: Db, keywordIds: readonly number[]) {
  return db
    .selectFrom('paper_keyword as mine')
    .innerJoin('paper_keyword as theirs', (join) =>
      join.onRef('theirs.paper_id', '=', 'mine.paper_id').onRef('theirs.keyword_id', '<>', 'mine.keyword_id'),
    )
    .select((eb) => [
      'mine.keyword_id as parent_id',
      'theirs.keyword_id as other_id',
      eb.fn.countAll<number>().as('shared_paper_count'),
    ])
    .where('mine.keyword_id', 'in', inList(keywordIds))
    .groupBy(['mine.keyword_id', 'theirs.keyword_id']);
}

/**
 * Keywords given to the same papers, ranked by papers in common, then by id. Ranking runs over
 * bare ids; only the page's rows are joined to keyword.
 */
export const cooccurringKeywords = keysetPage<CooccurringKeywordRow>(SHARED_PAPERS_ORDER, (db, keywordIds, window) =>
  db
    .selectFrom(
      keysetRanked(db, cooccurrenceGroups(db, keywordIds), SHARED_PAPERS_ORDER, window, keywordIds.length === 1).as(
        'g',
      ),
    )
    .innerJoin('keyword as k', 'k.id', 'g.other_id')
    .select(['g.parent_id', 'g.total_in_parent', 'g.shared_paper_count', 'g.other_id', 'k.id', 'k.term'])
    .orderBy(rankedPageOrder('g', SHARED_PAPERS_ORDER, window, keywordIds.length === 1))
    .execute(),
);

export function countCooccurringKeywords(db: Db, keywordIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(db, keywordIds, cooccurrenceGroups(db, keywordIds));
}

/** Papers with each keyword per publication year, oldest first (unknown year last). */
export function keywordPapersByYear(db: Db, keywordIds: readonly number[]): Promise<YearCountRow[]> {
  return db
    .selectFrom('paper_keyword as pk')
    .innerJoin('paper as p', 'p.id', 'pk.paper_id')
    .select((eb) => ['pk.keyword_id as parent_id', 'p.year', eb.fn.countAll<number>().as('count')])
    .where('pk.keyword_id', 'in', inList(keywordIds))
    .groupBy(['pk.keyword_id', 'p.year'])
    .orderBy('pk.keyword_id')
    .orderBy((eb) => eb('p.year', 'is', null))
    .orderBy('p.year')
    .execute();
}

import { type Selectable, sql } from 'kysely';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, pageOfRanked, type Window } from './paging';
import type { KeywordTable } from './tables';

export type KeywordRow = Omit<Selectable<KeywordTable>, 'key'>;

export async function findKeywordsByIds(db: Db, ids: readonly number[]): Promise<KeywordRow[]> {
  return db
    .selectFrom('keyword')
    .select(['id', 'term'])
    .where(sql<boolean>`id IN ${inList(ids)}`)
    .execute();
}

/** `term` compared the way the writer stores it (case and spacing folded). */
export async function findKeywordIdByKey(db: Db, key: string): Promise<number | null> {
  const row = await db.selectFrom('keyword').select('id').where('key', '=', key).executeTakeFirst();
  return row?.id ?? null;
}

/** Keywords of papers, in the paper's order. */
export type KeywordOfPaperRow = KeywordRow & { paper_id: number };

export async function keywordsOfPapers(db: Db, paperIds: readonly number[]): Promise<KeywordOfPaperRow[]> {
  const result = await sql<KeywordOfPaperRow>`
    SELECT pk.paper_id, k.id, k.term FROM paper_keyword pk JOIN keyword k ON k.id = pk.keyword_id
    WHERE pk.paper_id IN ${inList(paperIds)} ORDER BY pk.paper_id, pk.position`.execute(db);
  return result.rows;
}

export type CooccurringKeywordRow = KeywordRow & { shared_paper_count: number };

function cooccurrenceGroups(keywordIds: readonly number[]) {
  return sql`SELECT mine.keyword_id AS parent_id, theirs.keyword_id AS other_id, count(*) AS shared_paper_count
    FROM paper_keyword mine
    JOIN paper_keyword theirs ON theirs.paper_id = mine.paper_id AND theirs.keyword_id <> mine.keyword_id
    WHERE mine.keyword_id IN ${inList(keywordIds)}
    GROUP BY mine.keyword_id, theirs.keyword_id`;
}

/** Keywords given to the same papers, ranked by papers in common, then by id. */
export function cooccurringKeywords(
  db: Db,
  keywordIds: number[],
  window: Window,
): Promise<ParentRow<CooccurringKeywordRow>[]> {
  return pageOfRanked<CooccurringKeywordRow>(db, cooccurrenceGroups(keywordIds), window, {
    orderBy: sql`shared_paper_count DESC, other_id`,
    join: sql`JOIN keyword k ON k.id = g.other_id`,
    select: sql`g.shared_paper_count, k.id, k.term`,
  });
}

export function countCooccurringKeywords(db: Db, keywordIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(db, keywordIds, cooccurrenceGroups(keywordIds));
}

/** Papers with each keyword per publication year, oldest first (unknown year last). */
export async function keywordPapersByYear(
  db: Db,
  keywordIds: readonly number[],
): Promise<Array<{ parent_id: number; year: number | null; count: number }>> {
  const result = await sql<{ parent_id: number; year: number | null; count: number }>`
    SELECT pk.keyword_id AS parent_id, p.year, count(*) AS count
    FROM paper_keyword pk JOIN paper p ON p.id = pk.paper_id
    WHERE pk.keyword_id IN ${inList(keywordIds)}
    GROUP BY pk.keyword_id, p.year ORDER BY pk.keyword_id, p.year IS NULL, p.year`.execute(db);
  return result.rows;
}

import { sql, type Selectable } from 'kysely';
import type { Db } from './database';
import { inList } from './paging';
import type { KeywordTable } from './tables';

export type KeywordRow = Omit<Selectable<KeywordTable>, 'key'>;

export async function findKeywordsByIds(db: Db, ids: readonly number[]): Promise<KeywordRow[]> {
  return db.selectFrom('keyword').select(['id', 'term']).where(sql<boolean>`id IN ${inList(ids)}`).execute();
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

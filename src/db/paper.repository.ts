import type { AliasableExpression, Selectable } from 'kysely';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, pageByParent, unindexed, type Window } from './paging';
import type { EntityType, PaperTable } from './tables';

export type PaperRow = Omit<Selectable<PaperTable>, 'key'>;

/** The columns of PaperRow, for queries that read paper as `p`: one left out fails to compile. */
export const paperColumns = [
  'p.id',
  'p.title',
  'p.abstract',
  'p.year',
  'p.publication_date',
  'p.doi',
  'p.type',
  'p.language',
  'p.venue_id',
  'p.citation_count',
] as const;

/** In the order of `ids`; missing ids are absent (the loader maps them to null). */
export function findPapersByIds(db: Db, ids: readonly number[]): Promise<PaperRow[]> {
  return db.selectFrom('paper as p').select(paperColumns).where('p.id', 'in', inList(ids)).execute();
}

/** The paper an identifier key (`doi:10.1000/x`, `acl:P08-1001`) belongs to, in one statement. */
export async function findPapersByExternalKeys(
  db: Db,
  keys: readonly string[],
): Promise<Array<PaperRow & { key: string }>> {
  return db
    .selectFrom('external_id as e')
    .innerJoin('paper as p', 'p.id', 'e.entity_id')
    .select([...paperColumns, 'e.key'])
    .where('e.key', 'in', inList(keys))
    .where(unindexed<EntityType>('e.entity_type'), '=', 'paper')
    .execute();
}

export type PaperOrderField = 'ID' | 'YEAR' | 'TITLE' | 'CITATION_COUNT';
export type OrderDirection = 'ASC' | 'DESC';

/**
 * All papers in a stable order (ties broken by id, so offset pages never skip or repeat). Each
 * order walks an index: (year, id), (title, id), (citation_count, id), forward or backward.
 */
export function listPapers(
  db: Db,
  order: { field: PaperOrderField; direction: OrderDirection },
  window: Window,
): Promise<PaperRow[]> {
  const direction = order.direction === 'ASC' ? 'asc' : 'desc';
  return db
    .selectFrom('paper as p')
    .select(paperColumns)
    .$if(order.field === 'YEAR', (qb) => qb.orderBy('p.year', direction))
    .$if(order.field === 'TITLE', (qb) =>
      qb.orderBy('p.title', (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).collate('nocase')),
    )
    .$if(order.field === 'CITATION_COUNT', (qb) => qb.orderBy('p.citation_count', direction))
    .orderBy('p.id', direction)
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

export async function countPapers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('paper')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A parent linked to one of its papers: every "papers of X" list is a set of these, each pair once. */
export type PaperPair = { parent_id: number; paper_id: number };

/** The pairs (venue, paper) of the venues. */
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

/** A paper that lists an author twice still counts once. */
export function authorPaperPairs(db: Db, authorIds: readonly number[]): AliasableExpression<PaperPair> {
  return db
    .selectFrom('authorship')
    .select(['author_id as parent_id', 'paper_id'])
    .distinct()
    .where('author_id', 'in', inList(authorIds));
}

/** Papers with an author who gave the institution on that paper. */
export function institutionPaperPairs(db: Db, institutionIds: readonly number[]): AliasableExpression<PaperPair> {
  return db
    .selectFrom('authorship_institution')
    .select(['institution_id as parent_id', 'paper_id'])
    .distinct()
    .where('institution_id', 'in', inList(institutionIds));
}

/** A paged, counted paper list per parent (newest first, then by id) from its pairs. */
function paperList(pairs: (db: Db, parentIds: readonly number[]) => AliasableExpression<PaperPair>) {
  return {
    page: (db: Db, parentIds: number[], window: Window): Promise<ParentRow<PaperRow>[]> =>
      pageByParent<PaperRow>(
        db,
        db
          .selectFrom(pairs(db, parentIds).as('pp'))
          .innerJoin('paper as p', 'p.id', 'pp.paper_id')
          .select('pp.parent_id')
          .select(paperColumns)
          .select((eb) => [
            eb.fn
              .agg<number>('row_number')
              .over((ob) => ob.partitionBy('pp.parent_id').orderBy('p.year', 'desc').orderBy('p.id', 'desc'))
              .as('rank_in_parent'),
            eb.fn
              .countAll<number>()
              .over((ob) => ob.partitionBy('pp.parent_id'))
              .as('total_in_parent'),
          ]),
        window,
      ),
    count: (db: Db, parentIds: number[]) => countRowsByParent(db, parentIds, pairs(db, parentIds)),
  };
}

export const papersOfVenues = paperList(venuePaperPairs);
export const papersOfKeywords = paperList(keywordPaperPairs);
export const papersOfAuthors = paperList(authorPaperPairs);
export const papersOfInstitutions = paperList(institutionPaperPairs);
/**
 * The papers citing each paper, newest first. The pairs are distinct (a reference list may name a
 * paper twice); the index (cited_paper_id, citing_paper_id) hands them over in order, so that costs
 * no extra pass. Totals are the maintained citation_count, which counts the same pairs.
 */
export const citingPapers = {
  page: async (db: Db, paperIds: number[], window: Window): Promise<ParentRow<PaperRow>[]> => {
    const ranked = db
      .selectFrom('reference as r')
      .innerJoin('paper as p', 'p.id', 'r.citing_paper_id')
      .select('r.cited_paper_id as parent_id')
      .select(paperColumns)
      .select((eb) =>
        eb.fn
          .agg<number>('row_number')
          .over((ob) => ob.partitionBy('r.cited_paper_id').orderBy('p.year', 'desc').orderBy('p.id', 'desc'))
          .as('rank_in_parent'),
      )
      .where('r.cited_paper_id', 'in', inList(paperIds))
      .groupBy(['r.cited_paper_id', 'r.citing_paper_id'])
      .$narrowType<{ parent_id: number }>();
    const rows = await db
      .selectFrom(ranked.as('ranked'))
      .selectAll('ranked')
      .select((eb) =>
        eb
          .selectFrom('paper as parent')
          .select('parent.citation_count')
          .whereRef('parent.id', '=', 'ranked.parent_id')
          .as('total_in_parent'),
      )
      .where('rank_in_parent', '>', window.offset)
      .where('rank_in_parent', '<=', window.offset + window.limit)
      .orderBy('parent_id')
      .orderBy('rank_in_parent')
      .execute();
    return rows.map(({ rank_in_parent: _rank, total_in_parent, ...row }) => ({
      ...row,
      total_in_parent: Number(total_in_parent),
    }));
  },
  count: async (db: Db, paperIds: number[]): Promise<Map<number, number>> => {
    const rows = await db
      .selectFrom('paper')
      .select(['id', 'citation_count'])
      .where('id', 'in', inList(paperIds))
      .execute();
    const counts = new Map<number, number>(paperIds.map((id) => [id, 0]));
    for (const row of rows) counts.set(row.id, row.citation_count);
    return counts;
  },
};

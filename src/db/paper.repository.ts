import { type AliasableExpression, type Selectable, sql } from 'kysely';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, pageByParent, type Window } from './paging';
import type { PaperTable } from './tables';

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
  return (
    db
      .selectFrom('external_id as e')
      .innerJoin('paper as p', 'p.id', 'e.entity_id')
      .select([...paperColumns, 'e.key'])
      .where('e.key', 'in', inList(keys))
      // Unary + (SQLite's way to disqualify a term from index use): searching the primary key for
      // each key is cheaper than the (entity_type, entity_id) index, which the planner would pick.
      .where(sql<string>`+e.entity_type`, '=', 'paper')
      .execute()
  );
}

export type PaperOrderField = 'ID' | 'YEAR' | 'TITLE' | 'CITATION_COUNT';
export type OrderDirection = 'ASC' | 'DESC';

/**
 * All papers in a stable order (ties broken by id, so offset pages never skip or repeat). Citation
 * counts come from the same edge rows as `citedBy`.
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
    .$if(order.field === 'CITATION_COUNT', (qb) =>
      qb.orderBy(
        (eb) =>
          eb
            .selectFrom('reference as r')
            .select((eb) => eb.fn.count('r.citing_paper_id').distinct().as('citation_count'))
            .whereRef('r.cited_paper_id', '=', 'p.id'),
        direction,
      ),
    )
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

/** The distinct papers citing each paper. */
function citingPaperPairs(db: Db, paperIds: readonly number[]): AliasableExpression<PaperPair> {
  return db
    .selectFrom('reference')
    .select(['cited_paper_id as parent_id', 'citing_paper_id as paper_id'])
    .distinct()
    .where('cited_paper_id', 'in', inList(paperIds))
    .$narrowType<PaperPair>();
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
export const citingPapers = paperList(citingPaperPairs);

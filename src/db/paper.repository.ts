import type { AliasableExpression, Compilable, Selectable } from 'kysely';
import type { Db } from './database';
import { inList, unindexed } from './paging';
import { preparedQuery } from './prepared';
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

/**
 * The columns of a paper that a list of papers shows (a page of citers, related papers, a
 * reference's cited paper): `listedPaperColumns`, which every page row has. The others (abstract,
 * date, DOI, type, language, venue) come only on pages whose selection asks for them
 * (KeysetWindow.listedPaperColumns): an abstract is kilobytes on OpenAlex or CNKI data, and a node
 * page shows about 60 papers by title. A field that reads a column a row lacks loads the paper's
 * whole row (src/schema/paper.ts), so a selection read wrongly costs a round trip, never an answer.
 */
export const listedPaperColumns = ['p.id', 'p.title', 'p.year', 'p.citation_count'] as const;

/** A paper row as a page reads it: the listed columns always, the others when the page asked for them. */
export type ListedPaperRow = Pick<PaperRow, 'id' | 'title' | 'year' | 'citation_count'> & Partial<PaperRow>;

/** The columns a page's paper row may lack: every column of PaperRow that is not listed. */
export const unlistedPaperColumns = paperColumns
  .filter((column) => !(listedPaperColumns as readonly string[]).includes(column))
  .map((column) => column.slice('p.'.length) as keyof PaperRow);

/** The paper columns a page selects: every column, or the listed ones only. */
export function pagePaperColumns(listedOnly: boolean | undefined) {
  return listedOnly ? listedPaperColumns : paperColumns;
}

/** In the order of `ids`; missing ids are absent (the loader maps them to null). */
export function findPapersByIds(db: Db, ids: readonly number[]): Promise<PaperRow[]> {
  return db.selectFrom('paper as p').select(paperColumns).where('p.id', 'in', inList(ids)).execute();
}

/** The paper an identifier key (`doi:10.1000/x`, `acl:P08-1001`) belongs to, in one statement. */
export const findPapersByExternalKeys = preparedQuery(
  (db: Db, keys: readonly string[]): Compilable<PaperRow & { key: string }> =>
    db
      .selectFrom('external_id as e')
      .innerJoin('paper as p', 'p.id', 'e.entity_id')
      .select([...paperColumns, 'e.key'])
      .where('e.key', 'in', inList(keys))
      .where(unindexed<EntityType>('e.entity_type'), '=', 'paper'),
);

export async function countPapers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('paper')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A parent linked to one of its papers: every "papers of X" list is a set of these, each pair once. */
export type PaperPair = { parent_id: number; paper_id: number };

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

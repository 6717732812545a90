/** Both directions of the citation edge: reference lists (citing -> cited) and citers (cited <- citing). */
import { type AliasableExpression, type Selectable, sql } from 'kysely';
import type { Db } from './database';
import {
  countRowsByParent,
  inList,
  type KeysetWindow,
  keysetPage,
  keysetRanked,
  type PaperParents,
  type ParentRow,
  parentList,
  type SortKey,
} from './paging';
import { type ListedPaperRow, type PaperPair, pagePaperColumns } from './paper.repository';
import { preparedQuery } from './prepared';
import type { ReferenceTable } from './tables';

/**
 * A reference-list entry with the cited paper's row (null while unresolved): one statement, not two.
 * The row has the columns the page asked for (KeysetWindow.listedPaperColumns).
 */
export type ReferenceRow = Selectable<ReferenceTable> & { cited_paper: ListedPaperRow | null };

/** Reference lists are in list order: the position is the whole key. */
export const REFERENCE_ORDER: readonly SortKey[] = [{ column: 'position', direction: 'asc' }];

/**
 * A keyset page of reference-list entries, `entries` selecting (parent_id, reference columns),
 * each entry joined to the cited paper's row after the page is cut.
 */
export async function referencePage<Key extends number | string>(
  db: Db,
  entries: AliasableExpression<Selectable<ReferenceTable> & { parent_id: Key }>,
  window: KeysetWindow,
): Promise<ParentRow<ReferenceRow, Key>[]> {
  return withCitedPaper(await referencePageQuery(db, entries, window).execute());
}

/** The statement of referencePage: entries ranked, cut to the window, then joined to the cited paper. */
function referencePageQuery<Key extends number | string>(
  db: Db,
  entries: AliasableExpression<Selectable<ReferenceTable> & { parent_id: Key }>,
  window: KeysetWindow,
) {
  return db
    .selectFrom(keysetRanked(db, entries, REFERENCE_ORDER, window).as('g'))
    .leftJoin('paper as p', 'p.id', 'g.cited_paper_id')
    .selectAll('g')
    .select(
      pagePaperColumns(window.listedPaperColumns).map(
        (column) => `${column} as citedpaper_${column.slice(2)}` as const,
      ),
    )
    .orderBy('g.parent_id')
    .orderBy('g.rank_in_parent');
}

type ReferencePageStatementRow<Key extends number | string> = Awaited<
  ReturnType<ReturnType<typeof referencePageQuery<Key>>['execute']>
>[number];

/**
 * The prefix of the cited paper's columns in a reference page's rows (`citedpaper_title` ...): not
 * `cited_`, which the entry's own columns use (`cited_paper_id`, `cited_external_id`).
 */
const CITED_PAPER = 'citedpaper_';

/**
 * Rows of referencePageQuery with the cited paper's columns (those the page selected) gathered
 * into its row, null when the entry is unresolved. `parentOf`, when given, makes each row's
 * `parent_id` (in the same pass: a node page's references were copied twice).
 */
function withCitedPaper<Key extends number | string, Parent extends number | string = Key>(
  rows: readonly ReferencePageStatementRow<Key>[],
  parentOf?: (row: ReferencePageStatementRow<Key>) => Parent,
): ParentRow<ReferenceRow, Parent>[] {
  // Every row has the same columns: split their names once.
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  const own = columns.filter((column) => !column.startsWith(CITED_PAPER) && column !== 'rank_in_parent');
  const citedPaper = columns.filter((column) => column.startsWith(CITED_PAPER));
  return rows.map((row) => {
    const values = row as Record<string, unknown>;
    const reference: Record<string, unknown> = { cited_paper: null };
    for (const column of own) reference[column] = values[column];
    if (values[`${CITED_PAPER}id`] !== null) {
      const cited: Record<string, unknown> = {};
      for (const column of citedPaper) cited[column.slice(CITED_PAPER.length)] = values[column];
      reference.cited_paper = cited as ListedPaperRow;
    }
    if (parentOf) reference.parent_id = parentOf(row);
    return reference as ParentRow<ReferenceRow, Parent>;
  });
}

/** Reference-list entries of papers, in list order, each with the cited paper's row. */
export const referencesOfPapers = keysetPage<ReferenceRow>(REFERENCE_ORDER, (db, paperIds, window) =>
  referencePage(
    db,
    db
      .selectFrom('reference as r')
      .selectAll('r')
      .select('r.citing_paper_id as parent_id')
      .where('r.citing_paper_id', 'in', inList(paperIds)),
    window,
  ),
);

/** Number of reference-list entries, resolved or not (= references.totalCount). */
export function countReferencesOfPapers(db: Db, paperIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(
    db,
    paperIds,
    db.selectFrom('reference').select('citing_paper_id as parent_id').where('citing_paper_id', 'in', inList(paperIds)),
  );
}

export interface CitationMetricsRow {
  parent_id: number;
  citation_count: number;
  h_index: number;
}

/**
 * Citations (summed over the parent's papers, each paper's maintained citation_count, as in
 * Paper.citationCount) and h-index (the largest h with h papers cited at least h times).
 * `papers` selects (parent_id, paper_id) pairs, each pair once.
 */
export async function citationMetrics(
  db: Db,
  parentIds: readonly number[],
  papers: AliasableExpression<PaperPair>,
): Promise<Map<number, CitationMetricsRow>> {
  const citedPerPaper = db
    .selectFrom(papers.as('pp'))
    .select((eb) => [
      'pp.parent_id',
      eb.selectFrom('paper as p').select('p.citation_count').whereRef('p.id', '=', 'pp.paper_id').as('cited'),
    ]);
  const ranked = db.selectFrom(citedPerPaper.as('c')).select((eb) => [
    'c.parent_id',
    'c.cited',
    eb.fn
      .agg<number>('row_number')
      .over((ob) => ob.partitionBy('c.parent_id').orderBy('c.cited', 'desc'))
      .as('rank_by_citations'),
  ]);
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .select((eb) => [
      'parent_id',
      eb.fn.sum<number>('cited').as('citation_count'),
      eb.fn.sum<number>(eb.case().when('cited', '>=', eb.ref('rank_by_citations')).then(1).else(0).end()).as('h_index'),
    ])
    .groupBy('parent_id')
    .execute();
  const metrics = new Map<number, CitationMetricsRow>(
    parentIds.map((id) => [id, { parent_id: id, citation_count: 0, h_index: 0 }]),
  );
  for (const row of rows) {
    metrics.set(row.parent_id, {
      parent_id: row.parent_id,
      citation_count: Number(row.citation_count),
      h_index: Number(row.h_index),
    });
  }
  return metrics;
}

const referencesOfPaperGroupsQuery = preparedQuery((db: Db, paperIds: PaperParents, window: KeysetWindow) =>
  referencePageQuery(
    db,
    db
      .selectFrom('reference as r')
      .selectAll('r')
      // Partitions by group; the key the loader knows is rebuilt below from the same two columns.
      .select(sql<string>`json_array(r.citing_paper_id, r.source_database)`.as('parent_id'))
      .where('r.citing_paper_id', 'in', parentList(paperIds)),
    window,
  ),
);

/** The key of one reference group: a paper and a source database (null is its own group). */
export function referenceGroupKey(paperId: number, sourceDatabase: string | null): string {
  return JSON.stringify([paperId, sourceDatabase]);
}

export function parseReferenceGroupKey(key: string): [number, string | null] {
  return JSON.parse(key) as [number, string | null];
}

/**
 * The page `window` of every reference group of each paper, in list order, each entry with the
 * cited paper's row; `parent_id` is the group's key. One statement for all the papers' groups.
 */
export async function referencesOfPaperGroups(
  db: Db,
  paperIds: PaperParents,
  window: KeysetWindow,
): Promise<ParentRow<ReferenceRow, string>[]> {
  return withCitedPaper(await referencesOfPaperGroupsQuery(db, paperIds, window), (row) =>
    referenceGroupKey(row.citing_paper_id, row.source_database),
  );
}

/** Both directions of the citation edge: reference lists (citing -> cited) and citers (cited <- citing). */
import type { AliasableExpression, Selectable } from 'kysely';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, pageByParent, type Window } from './paging';
import type { PaperPair } from './paper.repository';
import type { ReferenceTable } from './tables';

export type ReferenceRow = Selectable<ReferenceTable>;

/** Reference-list entries of papers, in list order. */
export function referencesOfPapers(db: Db, paperIds: number[], window: Window): Promise<ParentRow<ReferenceRow>[]> {
  return pageByParent<ReferenceRow>(
    db,
    db
      .selectFrom('reference as r')
      .selectAll('r')
      .select((eb) => [
        'r.citing_paper_id as parent_id',
        eb.fn
          .agg<number>('row_number')
          .over((ob) => ob.partitionBy('r.citing_paper_id').orderBy('r.position'))
          .as('rank_in_parent'),
        eb.fn
          .countAll<number>()
          .over((ob) => ob.partitionBy('r.citing_paper_id'))
          .as('total_in_parent'),
      ])
      .where('r.citing_paper_id', 'in', inList(paperIds)),
    window,
  );
}

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

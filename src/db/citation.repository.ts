/** Both directions of the citation edge: reference lists (citing -> cited) and citers (cited <- citing). */
import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, pageByParent, type Window } from './paging';
import type { ReferenceTable } from './tables';

export type ReferenceRow = Selectable<ReferenceTable>;

/** Reference-list entries of papers, in list order. */
export function referencesOfPapers(db: Db, paperIds: number[], window: Window): Promise<ParentRow<ReferenceRow>[]> {
  return pageByParent<ReferenceRow>(
    db,
    sql`SELECT r.citing_paper_id AS parent_id, r.*,
          row_number() OVER (PARTITION BY r.citing_paper_id ORDER BY r.position) AS rank_in_parent
        FROM reference r WHERE r.citing_paper_id IN ${inList(paperIds)}`,
    window,
  );
}

/** Number of reference-list entries, resolved or not (= references.totalCount). */
export function countReferencesOfPapers(db: Db, paperIds: number[]): Promise<Map<number, number>> {
  return countRowsByParent(
    db,
    paperIds,
    sql`SELECT citing_paper_id AS parent_id FROM reference WHERE citing_paper_id IN ${inList(paperIds)}`,
  );
}

export interface CitationMetricsRow {
  parent_id: number;
  citation_count: number;
  h_index: number;
}

/**
 * Citations (summed over the parent's papers, each paper's count being its distinct citers, as in
 * Paper.citationCount) and h-index (the largest h with h papers cited at least h times).
 * `papers` selects (parent_id, paper_id) pairs, each pair once.
 */
export async function citationMetrics(
  db: Db,
  parentIds: readonly number[],
  papers: RawBuilder<unknown>,
): Promise<Map<number, CitationMetricsRow>> {
  const result = await sql<CitationMetricsRow>`
    SELECT parent_id, sum(cited) AS citation_count, sum(CASE WHEN cited >= rank_by_citations THEN 1 ELSE 0 END) AS h_index
    FROM (
      SELECT parent_id, cited, row_number() OVER (PARTITION BY parent_id ORDER BY cited DESC) AS rank_by_citations
      FROM (
        SELECT pp.parent_id,
          (SELECT count(DISTINCT r.citing_paper_id) FROM reference r WHERE r.cited_paper_id = pp.paper_id) AS cited
        FROM (${papers}) pp))
    GROUP BY parent_id`.execute(db);
  const metrics = new Map<number, CitationMetricsRow>(
    parentIds.map((id) => [id, { parent_id: id, citation_count: 0, h_index: 0 }]),
  );
  for (const row of result.rows) {
    metrics.set(row.parent_id, {
      parent_id: row.parent_id,
      citation_count: Number(row.citation_count),
      h_index: Number(row.h_index),
    });
  }
  return metrics;
}

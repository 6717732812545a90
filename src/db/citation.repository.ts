/** Both directions of the citation edge: reference lists (citing -> cited) and citers (cited <- citing). */
import { sql, type Selectable } from 'kysely';
import type { Db } from './database';
import { countsByParent, inList, pageByParent, type ParentRow, type Window } from './paging';
import { PAPER_COLUMNS, type PaperRow } from './paper.repository';
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
export async function countReferencesOfPapers(db: Db, paperIds: number[]): Promise<Map<number, number>> {
  const result = await sql<{ parent_id: number; count: number }>`
    SELECT citing_paper_id AS parent_id, count(*) AS count FROM reference
    WHERE citing_paper_id IN ${inList(paperIds)} GROUP BY citing_paper_id`.execute(db);
  return countsByParent(paperIds, result.rows);
}

/** Distinct papers citing each paper, newest first. */
export function citersOfPapers(db: Db, paperIds: number[], window: Window): Promise<ParentRow<PaperRow>[]> {
  return pageByParent<PaperRow>(
    db,
    sql`SELECT c.cited_paper_id AS parent_id, ${PAPER_COLUMNS},
          row_number() OVER (PARTITION BY c.cited_paper_id ORDER BY p.year DESC, p.id DESC) AS rank_in_parent
        FROM (SELECT DISTINCT cited_paper_id, citing_paper_id FROM reference
              WHERE cited_paper_id IN ${inList(paperIds)}) c
        JOIN paper p ON p.id = c.citing_paper_id`,
    window,
  );
}

/** Number of distinct citing papers (= citedBy.totalCount = citationCount). */
export async function countCitersOfPapers(db: Db, paperIds: number[]): Promise<Map<number, number>> {
  const result = await sql<{ parent_id: number; count: number }>`
    SELECT cited_paper_id AS parent_id, count(DISTINCT citing_paper_id) AS count FROM reference
    WHERE cited_paper_id IN ${inList(paperIds)} GROUP BY cited_paper_id`.execute(db);
  return countsByParent(paperIds, result.rows);
}

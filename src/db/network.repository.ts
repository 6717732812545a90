/**
 * The knowledge-network relations of papers (CNKI's node page), as set-based SQL over the two
 * indexes of the citation edge. Every function takes MANY papers and answers in ONE statement, so
 * a request's statements do not grow with page sizes or list lengths.
 *
 * "P cites X" means P's reference list has an entry resolved to X; pairs count once.
 */
import { type RawBuilder, sql } from 'kysely';
import type { ReferenceRow } from './citation.repository';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, pageOfRanked, type Window } from './paging';
import { PAPER_COLUMNS, type PaperRow } from './paper.repository';

/** Which end of the edge a hop starts from: OUT follows references, IN follows citations. */
type Hop = 'OUT' | 'IN';

/** Resolved, distinct (from, to) pairs of one hop from the listed papers. */
function hopFrom(paperIds: RawBuilder<unknown>, hop: Hop): RawBuilder<unknown> {
  return hop === 'OUT'
    ? sql`SELECT DISTINCT citing_paper_id AS origin, cited_paper_id AS via FROM reference
          WHERE citing_paper_id IN ${paperIds} AND cited_paper_id IS NOT NULL`
    : sql`SELECT DISTINCT cited_paper_id AS origin, citing_paper_id AS via FROM reference
          WHERE cited_paper_id IN ${paperIds} AND cited_paper_id IS NOT NULL`;
}

/**
 * Papers two hops away: origin -(first)-> via -(second)-> other, other ≠ origin, with
 * `count` = the number of distinct `via` papers. Grouped per (origin, other).
 */
function twoHops(paperIds: readonly number[], first: Hop, second: Hop): RawBuilder<unknown> {
  const secondJoin =
    second === 'OUT'
      ? sql`JOIN reference r ON r.citing_paper_id = h.via AND r.cited_paper_id IS NOT NULL`
      : sql`JOIN reference r ON r.cited_paper_id = h.via AND r.cited_paper_id IS NOT NULL`;
  const other = second === 'OUT' ? sql`r.cited_paper_id` : sql`r.citing_paper_id`;
  return sql`SELECT h.origin AS parent_id, ${other} AS other_id, count(DISTINCT h.via) AS count
    FROM (${hopFrom(inList(paperIds), first)}) h ${secondJoin}
    WHERE ${other} <> h.origin
    GROUP BY h.origin, ${other}`;
}

/** A paper related to the parent, with how strongly (`count`). */
export type RelatedPaperRow = PaperRow & { count: number };

/**
 * One window of related papers per parent: the big groups (4,000 secondary citations of a
 * classic) are ranked as bare ids, and paper rows are read for one page only.
 */
function pageOfRelatedPapers<Row extends RelatedPaperRow>(
  db: Db,
  groups: RawBuilder<unknown>,
  window: Window,
  orderBy: RawBuilder<unknown> = sql`count DESC, other_id`,
  extraColumns: RawBuilder<unknown> = sql``,
): Promise<ParentRow<Row>[]> {
  return pageOfRanked<Row>(db, groups, window, {
    orderBy,
    join: sql`JOIN paper p ON p.id = g.other_id`,
    select: sql`g.count ${extraColumns}, ${PAPER_COLUMNS}`,
  });
}

/**
 * A two-hop relation as the page/count pair the schema's connections need. With `norm`, each page
 * row also carries the norm of its parent and of itself (for cosine scores), computed for the
 * page's rows only, in the same statement.
 */
function twoHopRelation(first: Hop, second: Hop, norm?: (paperId: RawBuilder<unknown>) => RawBuilder<unknown>) {
  const normColumns = norm
    ? sql`, ${norm(sql`g.parent_id`)} AS parent_norm, ${norm(sql`g.other_id`)} AS other_norm`
    : sql``;
  return {
    page: (db: Db, paperIds: number[], window: Window) =>
      pageOfRelatedPapers<ScoredPaperRow>(db, twoHops(paperIds, first, second), window, undefined, normColumns),
    count: (db: Db, paperIds: number[]) => countRowsByParent(db, paperIds, twoHops(paperIds, first, second)),
  };
}

/** Citing papers of a paper (= its citationCount). */
const citationCountOf = (paperId: RawBuilder<unknown>) =>
  sql`(SELECT count(DISTINCT citing_paper_id) FROM reference WHERE cited_paper_id = ${paperId})`;
/** Distinct resolved references of a paper. */
const resolvedReferenceCountOf = (paperId: RawBuilder<unknown>) =>
  sql`(SELECT count(DISTINCT cited_paper_id) FROM reference WHERE citing_paper_id = ${paperId} AND cited_paper_id IS NOT NULL)`;

/** A related paper with the norms its cosine score divides by (absent for unscored relations). */
export type ScoredPaperRow = RelatedPaperRow & { parent_norm?: number; other_norm?: number };

/** R with P cites X cites R (CNKI 二级参考文献); count = number of such X. */
export const secondaryReferences = twoHopRelation('OUT', 'OUT');
/** C with C cites X cites P (CNKI 二级引证文献); count = number of such X. */
export const secondaryCitations = twoHopRelation('IN', 'IN');
/** Q cited together with P (co-citation, 同被引); count = papers citing both; norms = citation counts. */
export const coCited = twoHopRelation('IN', 'OUT', citationCountOf);
/** Q sharing references with P (bibliographic coupling); count = shared references; norms = resolved references. */
export const coupled = twoHopRelation('OUT', 'IN', resolvedReferenceCountOf);

/**
 * Papers sharing keywords with P, weighted by rarity: score = Σ ln(N / df(k)) over shared
 * keywords k, N = papers with any keyword, df = papers with k (idf). Count = shared keywords.
 */
function sharedKeywords(paperIds: readonly number[]): RawBuilder<unknown> {
  return sql`SELECT mine.paper_id AS parent_id, theirs.paper_id AS other_id, count(*) AS count,
      sum(ln((SELECT count(DISTINCT paper_id) FROM paper_keyword) * 1.0 / df.papers)) AS score
    FROM paper_keyword mine
    JOIN paper_keyword theirs ON theirs.keyword_id = mine.keyword_id AND theirs.paper_id <> mine.paper_id
    JOIN (SELECT keyword_id, count(*) AS papers FROM paper_keyword
          WHERE keyword_id IN (SELECT keyword_id FROM paper_keyword WHERE paper_id IN ${inList(paperIds)})
          GROUP BY keyword_id) df ON df.keyword_id = mine.keyword_id
    WHERE mine.paper_id IN ${inList(paperIds)}
    GROUP BY mine.paper_id, theirs.paper_id`;
}

export type SimilarPaperRow = RelatedPaperRow & { score: number };

export const similarPapers = {
  page: (db: Db, paperIds: number[], window: Window) =>
    pageOfRelatedPapers<SimilarPaperRow>(
      db,
      sharedKeywords(paperIds),
      window,
      sql`score DESC, count DESC, other_id`,
      sql`, g.score`,
    ),
  count: (db: Db, paperIds: number[]) => countRowsByParent(db, paperIds, sharedKeywords(paperIds)),
};

export interface YearCountRow {
  parent_id: number;
  year: number | null;
  count: number;
}

/** Citing papers per publication year, all years, oldest first (unknown year last). */
export async function citationsByYear(db: Db, paperIds: readonly number[]): Promise<YearCountRow[]> {
  const result = await sql<YearCountRow>`
    SELECT c.cited_paper_id AS parent_id, p.year, count(*) AS count
    FROM (SELECT DISTINCT cited_paper_id, citing_paper_id FROM reference
          WHERE cited_paper_id IN ${inList(paperIds)}) c
    JOIN paper p ON p.id = c.citing_paper_id
    GROUP BY c.cited_paper_id, p.year
    ORDER BY c.cited_paper_id, p.year IS NULL, p.year`.execute(db);
  return result.rows;
}

export interface ReferenceGroupRow {
  paper_id: number;
  source_database: string | null;
  total_count: number;
}

/** Reference lists grouped by source database, groups in order of their first entry. */
export async function referenceGroupsOfPapers(db: Db, paperIds: readonly number[]): Promise<ReferenceGroupRow[]> {
  const result = await sql<ReferenceGroupRow>`
    SELECT citing_paper_id AS paper_id, source_database, count(*) AS total_count
    FROM reference WHERE citing_paper_id IN ${inList(paperIds)}
    GROUP BY citing_paper_id, source_database
    ORDER BY citing_paper_id, min(position)`.execute(db);
  return result.rows;
}

/** The key of one reference group: a paper and a source database (null is its own group). */
export function referenceGroupKey(paperId: number, sourceDatabase: string | null): string {
  return JSON.stringify([paperId, sourceDatabase]);
}

function parseReferenceGroupKey(key: string): [number, string | null] {
  return JSON.parse(key) as [number, string | null];
}

/** Entries of reference groups, in list order, for many groups at once. */
export async function referencesOfGroups(
  db: Db,
  groupKeys: string[],
  window: Window,
): Promise<ParentRow<ReferenceRow, string>[]> {
  const paperIds = [...new Set(groupKeys.map((key) => parseReferenceGroupKey(key)[0]))];
  const result = await sql<ReferenceRow & { group_total: number }>`
    SELECT * FROM (
      SELECT r.*,
        row_number() OVER (PARTITION BY r.citing_paper_id, r.source_database ORDER BY r.position) AS rank_in_group,
        count(*) OVER (PARTITION BY r.citing_paper_id, r.source_database) AS group_total
      FROM reference r WHERE r.citing_paper_id IN ${inList(paperIds)})
    WHERE rank_in_group > ${window.offset} AND rank_in_group <= ${window.offset + window.limit}
    ORDER BY citing_paper_id, position`.execute(db);
  return result.rows.map(({ group_total, ...reference }) => ({
    ...reference,
    parent_id: referenceGroupKey(reference.citing_paper_id, reference.source_database),
    total_in_parent: group_total,
  }));
}

export async function countReferencesOfGroups(db: Db, groupKeys: string[]): Promise<Map<string, number>> {
  const rows = await referenceGroupsOfPapers(db, [...new Set(groupKeys.map((key) => parseReferenceGroupKey(key)[0]))]);
  const counts = new Map<string, number>(groupKeys.map((key) => [key, 0]));
  for (const row of rows) {
    const key = referenceGroupKey(row.paper_id, row.source_database);
    if (counts.has(key)) counts.set(key, Number(row.total_count));
  }
  return counts;
}

export type NetworkDirection = 'REFERENCES' | 'CITATIONS' | 'BOTH';

export interface NetworkRows {
  /** Per root: the papers kept (closest first), with their distance from the root. */
  nodes: Array<{ root: number; id: number; depth: number; reached: number }>;
  /** Per root: citation edges (citing -> cited) between kept papers. */
  edges: Array<{ root: number; citing: number; cited: number }>;
}

/**
 * The citation neighbourhood of papers within `depth` hops, for drawing: a recursive CTE with a
 * depth bound, closest papers first (then by id), cut at `limit` papers per root. `reached` is
 * how many papers the neighbourhood has before the cut. One statement for all roots.
 */
export async function citationNeighbourhoods(
  db: Db,
  rootIds: readonly number[],
  options: { depth: number; direction: NetworkDirection; limit: number },
): Promise<NetworkRows> {
  const outward = options.direction !== 'CITATIONS' ? 1 : 0;
  const inward = options.direction !== 'REFERENCES' ? 1 : 0;
  const result = await sql<{ kind: 'node' | 'edge'; root: number; a: number; b: number; c: number | null }>`
    WITH RECURSIVE walk(root, id, depth) AS (
      SELECT value, value, 0 FROM json_each(${JSON.stringify(rootIds)})
      UNION
      SELECT w.root, r.cited_paper_id, w.depth + 1 FROM walk w
        JOIN reference r ON r.citing_paper_id = w.id AND r.cited_paper_id IS NOT NULL
        WHERE ${outward} = 1 AND w.depth < ${options.depth}
      UNION
      SELECT w.root, r.citing_paper_id, w.depth + 1 FROM walk w
        JOIN reference r ON r.cited_paper_id = w.id AND r.cited_paper_id IS NOT NULL
        WHERE ${inward} = 1 AND w.depth < ${options.depth}
    ),
    reached AS MATERIALIZED (SELECT root, id, min(depth) AS depth FROM walk GROUP BY root, id),
    ranked AS MATERIALIZED (
      SELECT root, id, depth, count(*) OVER (PARTITION BY root) AS reached_count,
        row_number() OVER (PARTITION BY root ORDER BY depth, id) AS rank_in_root
      FROM reached),
    kept AS MATERIALIZED (SELECT root, id, depth, reached_count FROM ranked WHERE rank_in_root <= ${options.limit})
    SELECT 'node' AS kind, root, id AS a, depth AS b, reached_count AS c FROM kept
    UNION ALL
    SELECT DISTINCT 'edge', citing.root, r.citing_paper_id, r.cited_paper_id, NULL
    FROM kept citing
    JOIN reference r ON r.citing_paper_id = citing.id AND r.cited_paper_id IS NOT NULL
    JOIN kept cited ON cited.root = citing.root AND cited.id = r.cited_paper_id`.execute(db);
  const rows: NetworkRows = { nodes: [], edges: [] };
  for (const row of result.rows) {
    if (row.kind === 'node') rows.nodes.push({ root: row.root, id: row.a, depth: row.b, reached: Number(row.c) });
    else rows.edges.push({ root: row.root, citing: row.a, cited: row.b });
  }
  rows.nodes.sort((x, y) => x.root - y.root || x.depth - y.depth || x.id - y.id);
  rows.edges.sort((x, y) => x.root - y.root || x.citing - y.citing || x.cited - y.cited);
  return rows;
}

/**
 * A shortest chain of citations between two papers, at most `maxHops` citations: breadth-first
 * distances from `from` (a recursive CTE with a hop bound), then walked back from `to`, each step
 * taking the lowest-id paper one hop closer. REFERENCES follows "from cites ... cites to",
 * CITATIONS "from is cited by ... is cited by to", BOTH either at each step. Null when none.
 * Each paper comes with whether the previous one in the chain cites it (else it cites the previous).
 */
export async function shortestCitationPath(
  db: Db,
  from: number,
  to: number,
  options: { maxHops: number; direction: NetworkDirection },
): Promise<Array<{ id: number; citedByPrevious: boolean }> | null> {
  const outward = options.direction !== 'CITATIONS' ? 1 : 0;
  const inward = options.direction !== 'REFERENCES' ? 1 : 0;
  const result = await sql<{ id: number; hops: number; cited_by_previous: number }>`
    WITH RECURSIVE walk(id, hops) AS (
      SELECT ${from}, 0
      UNION
      SELECT r.cited_paper_id, w.hops + 1 FROM walk w
        JOIN reference r ON r.citing_paper_id = w.id AND r.cited_paper_id IS NOT NULL
        WHERE ${outward} = 1 AND w.hops < ${options.maxHops} AND w.id <> ${to}
      UNION
      SELECT r.citing_paper_id, w.hops + 1 FROM walk w
        JOIN reference r ON r.cited_paper_id = w.id AND r.cited_paper_id IS NOT NULL
        WHERE ${inward} = 1 AND w.hops < ${options.maxHops} AND w.id <> ${to}
    ),
    distance AS MATERIALIZED (SELECT id, min(hops) AS hops FROM walk GROUP BY id),
    back(id, hops) AS (
      SELECT id, hops FROM distance WHERE id = ${to}
      UNION ALL
      SELECT (SELECT min(d.id) FROM distance d
                WHERE d.hops = b.hops - 1 AND (
                  (${outward} = 1 AND EXISTS (SELECT 1 FROM reference r
                    WHERE r.citing_paper_id = d.id AND r.cited_paper_id = b.id))
                  OR (${inward} = 1 AND EXISTS (SELECT 1 FROM reference r
                    WHERE r.citing_paper_id = b.id AND r.cited_paper_id = d.id)))),
             b.hops - 1
      FROM back b WHERE b.hops > 0
    )
    SELECT b.id, b.hops, EXISTS (SELECT 1 FROM back previous JOIN reference r
        ON r.citing_paper_id = previous.id AND r.cited_paper_id = b.id
        WHERE previous.hops = b.hops - 1) AS cited_by_previous
    FROM back b ORDER BY b.hops`.execute(db);
  if (result.rows.length === 0) return null;
  return result.rows.map((row) => ({ id: row.id, citedByPrevious: row.cited_by_previous === 1 }));
}

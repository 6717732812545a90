/**
 * The knowledge-network relations of papers (CNKI's node page), as set-based SQL over the two
 * indexes of the citation edge. Every function takes MANY papers and answers in ONE statement, so
 * a request's statements do not grow with page sizes or list lengths.
 *
 * "P cites X" means P's reference list has an entry resolved to X; pairs count once.
 */
import { type AliasableExpression, type Selectable, sql } from 'kysely';
import type { ReferenceRow } from './citation.repository';
import type { Db } from './database';
import { countRowsByParent, inList, type ParentRow, type Window } from './paging';
import { type PaperRow, paperColumns } from './paper.repository';
import type { PaperTable, ReferenceTable } from './tables';

/** Which end of the edge a hop starts from: OUT follows references, IN follows citations. */
type Hop = 'OUT' | 'IN';

/** The columns of `reference` a hop leaves from and arrives at. */
const hopEnds = {
  OUT: { from: 'citing_paper_id', to: 'cited_paper_id' },
  IN: { from: 'cited_paper_id', to: 'citing_paper_id' },
} as const;

/** Related papers of each parent, one row per (parent, other) pair, `count` saying how strongly. */
type RelatedPairs = AliasableExpression<{ parent_id: number; other_id: number; count: number }>;

/**
 * Papers two hops away: origin -(first)-> via -(second)-> other, other ≠ origin, with
 * `count` = the number of distinct `via` papers. Only resolved edges; each (from, to) pair once.
 */
function twoHops(db: Db, paperIds: readonly number[], first: Hop, second: Hop): RelatedPairs {
  const one = hopEnds[first];
  const two = hopEnds[second];
  const firstHop = db
    .selectFrom('reference')
    .select((eb) => [eb.ref(one.from).as('origin'), eb.ref(one.to).as('via')])
    .distinct()
    .where(one.from, 'in', inList(paperIds))
    .where('cited_paper_id', 'is not', null);
  return db
    .selectFrom(firstHop.as('h'))
    .innerJoin('reference as r', (join) =>
      join.onRef(`r.${two.from}`, '=', 'h.via').on('r.cited_paper_id', 'is not', null),
    )
    .select((eb) => [
      'h.origin as parent_id',
      eb.ref(`r.${two.to}`).as('other_id'),
      eb.fn.count<number>('h.via').distinct().as('count'),
    ])
    .whereRef(`r.${two.to}`, '<>', 'h.origin')
    .groupBy(['h.origin', `r.${two.to}`])
    .$narrowType<{ parent_id: number; other_id: number }>();
}

/** A paper related to the parent, with how strongly (`count`). */
type RelatedPaperRow = PaperRow & { count: number };

/** A related paper with the norms its cosine score divides by (absent for unscored relations). */
export type ScoredPaperRow = RelatedPaperRow & { parent_norm?: number; other_norm?: number };

/** What a paper's part in a cosine score is divided by, as a subquery on the paper `paperId` names. */
type Norm = (db: Db, paperId: 'g.parent_id' | 'g.other_id') => AliasableExpression<{ n: number }>;

/** Citing papers of a paper (= its citationCount). */
const citationCountOf: Norm = (db, paperId) =>
  db
    .selectFrom('reference')
    .select((eb) => eb.fn.count<number>('citing_paper_id').distinct().as('n'))
    .where('cited_paper_id', '=', sql.ref<number>(paperId));

/** Distinct resolved references of a paper. */
const resolvedReferenceCountOf: Norm = (db, paperId) =>
  db
    .selectFrom('reference')
    .select((eb) => eb.fn.count<number>('cited_paper_id').distinct().as('n'))
    .where('citing_paper_id', '=', sql.ref<number>(paperId))
    .where('cited_paper_id', 'is not', null);

/**
 * A two-hop relation as the page/count pair the schema's connections need. A page ranks the
 * relation's pairs as bare ids (the 4,000 secondary citations of a classic) and reads paper rows
 * for the window only. With `norm`, each page row also carries the norm of its parent and of
 * itself (for cosine scores), computed for the page's rows only, in the same statement.
 */
function twoHopRelation(first: Hop, second: Hop, norm?: Norm) {
  return {
    page: (db: Db, paperIds: number[], window: Window): Promise<ParentRow<ScoredPaperRow>[]> => {
      const ranked = db
        .selectFrom(twoHops(db, paperIds, first, second).as('g'))
        .selectAll()
        .select((eb) => [
          eb.fn
            .agg<number>('row_number')
            .over((ob) => ob.partitionBy('parent_id').orderBy('count', 'desc').orderBy('other_id'))
            .as('rank_in_parent'),
          eb.fn
            .countAll<number>()
            .over((ob) => ob.partitionBy('parent_id'))
            .as('total_in_parent'),
        ]);
      return db
        .selectFrom(ranked.as('g'))
        .innerJoin('paper as p', 'p.id', 'g.other_id')
        .select(['g.parent_id', 'g.total_in_parent', 'g.count'])
        .select(paperColumns)
        .$if(norm !== undefined, (qb) =>
          qb.select(() => [
            (norm as Norm)(db, 'g.parent_id').as('parent_norm'),
            (norm as Norm)(db, 'g.other_id').as('other_norm'),
          ]),
        )
        .where('g.rank_in_parent', '>', window.offset)
        .where('g.rank_in_parent', '<=', window.offset + window.limit)
        .orderBy('g.parent_id')
        .orderBy('g.rank_in_parent')
        .execute() as Promise<ParentRow<ScoredPaperRow>[]>;
    },
    count: (db: Db, paperIds: number[]) => countRowsByParent(db, paperIds, twoHops(db, paperIds, first, second)),
  };
}

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
function sharedKeywords(db: Db, paperIds: readonly number[]) {
  const keywordsOfPapers = db
    .selectFrom('paper_keyword')
    .select('keyword_id')
    .where('paper_id', 'in', inList(paperIds));
  const documentFrequency = db
    .selectFrom('paper_keyword')
    .select((eb) => ['keyword_id', eb.fn.countAll<number>().as('papers')])
    .where('keyword_id', 'in', keywordsOfPapers)
    .groupBy('keyword_id');
  const papersWithKeywords = db
    .selectFrom('paper_keyword')
    .select((eb) => eb.fn.count<number>('paper_id').distinct().as('n'));
  return db
    .selectFrom('paper_keyword as mine')
    .innerJoin('paper_keyword as theirs', (join) =>
      join.onRef('theirs.keyword_id', '=', 'mine.keyword_id').onRef('theirs.paper_id', '<>', 'mine.paper_id'),
    )
    .innerJoin(documentFrequency.as('df'), 'df.keyword_id', 'mine.keyword_id')
    .select((eb) => [
      'mine.paper_id as parent_id',
      'theirs.paper_id as other_id',
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>(eb.fn('ln', [eb(eb.cast(papersWithKeywords, 'real'), '/', eb.ref('df.papers'))])).as('score'),
    ])
    .where('mine.paper_id', 'in', inList(paperIds))
    .groupBy(['mine.paper_id', 'theirs.paper_id']);
}

export type SimilarPaperRow = RelatedPaperRow & { score: number };

export const similarPapers = {
  page: (db: Db, paperIds: number[], window: Window): Promise<ParentRow<SimilarPaperRow>[]> => {
    const ranked = db
      .selectFrom(sharedKeywords(db, paperIds).as('g'))
      .selectAll()
      .select((eb) => [
        eb.fn
          .agg<number>('row_number')
          .over((ob) =>
            ob.partitionBy('parent_id').orderBy('score', 'desc').orderBy('count', 'desc').orderBy('other_id'),
          )
          .as('rank_in_parent'),
        eb.fn
          .countAll<number>()
          .over((ob) => ob.partitionBy('parent_id'))
          .as('total_in_parent'),
      ]);
    return db
      .selectFrom(ranked.as('g'))
      .innerJoin('paper as p', 'p.id', 'g.other_id')
      .select(['g.parent_id', 'g.total_in_parent', 'g.count', 'g.score'])
      .select(paperColumns)
      .where('g.rank_in_parent', '>', window.offset)
      .where('g.rank_in_parent', '<=', window.offset + window.limit)
      .orderBy('g.parent_id')
      .orderBy('g.rank_in_parent')
      .execute();
  },
  count: (db: Db, paperIds: number[]) => countRowsByParent(db, paperIds, sharedKeywords(db, paperIds)),
};

/** A count per publication year of something (`parent_id`: the paper or keyword it belongs to). */
export type YearCountRow = Pick<Selectable<PaperTable>, 'year'> & { parent_id: number; count: number };

/** Citing papers per publication year, all years, oldest first (unknown year last). */
export function citationsByYear(db: Db, paperIds: readonly number[]): Promise<YearCountRow[]> {
  const citations = db
    .selectFrom('reference')
    .select(['cited_paper_id', 'citing_paper_id'])
    .distinct()
    .where('cited_paper_id', 'in', inList(paperIds))
    .$narrowType<{ cited_paper_id: number }>();
  return db
    .selectFrom(citations.as('c'))
    .innerJoin('paper as p', 'p.id', 'c.citing_paper_id')
    .select((eb) => ['c.cited_paper_id as parent_id', 'p.year', eb.fn.countAll<number>().as('count')])
    .groupBy(['c.cited_paper_id', 'p.year'])
    .orderBy('c.cited_paper_id')
    .orderBy((eb) => eb('p.year', 'is', null))
    .orderBy('p.year')
    .execute();
}

export type ReferenceGroupRow = { paper_id: number } & Pick<Selectable<ReferenceTable>, 'source_database'> & {
    total_count: number;
  };

/** Reference lists grouped by source database, groups in order of their first entry. */
export function referenceGroupsOfPapers(db: Db, paperIds: readonly number[]): Promise<ReferenceGroupRow[]> {
  return db
    .selectFrom('reference')
    .select((eb) => ['citing_paper_id as paper_id', 'source_database', eb.fn.countAll<number>().as('total_count')])
    .where('citing_paper_id', 'in', inList(paperIds))
    .groupBy(['citing_paper_id', 'source_database'])
    .orderBy('citing_paper_id')
    .orderBy((eb) => eb.fn.min('position'))
    .execute();
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
  const ranked = db
    .selectFrom('reference as r')
    .selectAll('r')
    .select((eb) => [
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy(['r.citing_paper_id', 'r.source_database']).orderBy('r.position'))
        .as('rank_in_group'),
      eb.fn
        .countAll<number>()
        .over((ob) => ob.partitionBy(['r.citing_paper_id', 'r.source_database']))
        .as('group_total'),
    ])
    .where('r.citing_paper_id', 'in', inList(paperIds));
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('rank_in_group', '>', window.offset)
    .where('rank_in_group', '<=', window.offset + window.limit)
    .orderBy('citing_paper_id')
    .orderBy('position')
    .execute();
  return rows.map(({ group_total, rank_in_group: _rank, ...reference }) => ({
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

/**
 * The knowledge-network relations of papers (CNKI's node page), as set-based SQL over the two
 * indexes of the citation edge. Every function takes MANY papers and answers in ONE statement, so
 * a request's statements do not grow with page sizes or list lengths.
 *
 * "P cites X" means P's reference list has an entry resolved to X; pairs count once.
 */
import {
  type AliasableExpression,
  type Compilable,
  type Expression,
  type RawBuilder,
  type Selectable,
  sql,
} from 'kysely';
import {
  parseReferenceGroupKey,
  REFERENCE_ORDER,
  type ReferenceRow,
  referenceGroupKey,
  referencesOfPaperGroups,
} from './citation.repository';
import type { Db } from './database';
import {
  countRowsByParent,
  isSingleParent,
  type KeysetWindow,
  keysetPage,
  keysetRanked,
  type PaperParents,
  type ParentRow,
  parentList,
  rankedPageOrder,
  type SortKey,
  singleParentId,
  singleParentRankedPage,
} from './paging';
import { type ListedPaperRow, pagePaperColumns } from './paper.repository';
import { preparedQuery } from './prepared';
import type { PaperTable, ReferenceTable } from './tables';

/** Which end of the edge a hop starts from: OUT follows references, IN follows citations. */
type Hop = 'OUT' | 'IN';

/** The columns of `reference` a hop leaves from and arrives at. */
const hopEnds = {
  OUT: { from: 'citing_paper_id', to: 'cited_paper_id' },
  IN: { from: 'cited_paper_id', to: 'citing_paper_id' },
} as const;

/** Related papers of each parent, one row per (parent, other) pair, `count` saying how strongly. */
type RelatedPair = { parent_id: number; other_id: number; count: number };
type RelatedPairs = AliasableExpression<RelatedPair>;

/**
 * The two-hop join: origin -(first)-> via -(second)-> other, other ≠ origin, resolved edges only,
 * both hops searched in the covering edge indexes. A reference list may name a paper twice, so an
 * (origin, via) or (via, other) pair can come twice: whatever groups these counts distinct values.
 * It selects nothing: callers group it by the columns of `twoHopColumns`, with no subquery level
 * between (one less level for SQLite to flatten, and nothing carried that is not grouped).
 */
function twoHopJoin(db: Db, paperIds: PaperParents, first: Hop, second: Hop) {
  const one = hopEnds[first];
  const two = hopEnds[second];
  return db
    .selectFrom('reference as h')
    .innerJoin('reference as r', (join) =>
      join.onRef(`r.${two.from}`, '=', `h.${one.to}`).on('r.cited_paper_id', 'is not', null),
    )
    .where(`h.${one.from}`, 'in', parentList(paperIds))
    .where('h.cited_paper_id', 'is not', null)
    .whereRef(`r.${two.to}`, '<>', `h.${one.from}`);
}

/** The columns of a two-hop join row: the origin (parent), the other end, and the paper between. */
function twoHopColumns(first: Hop, second: Hop) {
  return {
    parent: `h.${hopEnds[first].from}`,
    other: `r.${hopEnds[second].to}`,
    via: `h.${hopEnds[first].to}`,
  } as const;
}

/**
 * Papers two hops away, ONE grouping: `count` = the number of distinct `via` papers. For one parent
 * the rows carry no `parent_id`: grouping by the other end alone is the same grouping, with a
 * smaller sorter key (about a fifth of the statement on a classic's 9,000 two-hop pairs), and the
 * page adds the parent's id once, outside its ranked CTE, instead of storing it in each of the
 * 4,000 grouped rows.
 */
function twoHops(db: Db, paperIds: PaperParents, first: Hop, second: Hop): RelatedPairs {
  const { parent, other, via } = twoHopColumns(first, second);
  const pairs = twoHopJoin(db, paperIds, first, second);
  if (isSingleParent(paperIds)) {
    return pairs
      .select((eb) => [eb.ref(other).$notNull().as('other_id'), eb.fn.count<number>(via).distinct().as('count')])
      .groupBy(other) as unknown as RelatedPairs;
  }
  return pairs
    .select((eb) => [
      eb.ref(parent).$notNull().as('parent_id'),
      eb.ref(other).$notNull().as('other_id'),
      eb.fn.count<number>(via).distinct().as('count'),
    ])
    .groupBy([parent, other]);
}

/** The number of papers two hops away, per parent: distinct ends, without grouping them first. */
async function countTwoHops(db: Db, paperIds: number[], first: Hop, second: Hop): Promise<Map<number, number>> {
  const { parent, other } = twoHopColumns(first, second);
  const rows = await twoHopJoin(db, paperIds, first, second)
    .select((eb) => [eb.ref(parent).$notNull().as('parent_id'), eb.fn.count<number>(other).distinct().as('count')])
    .groupBy(parent)
    .execute();
  const counts = new Map<number, number>(paperIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.parent_id, Number(row.count));
  return counts;
}

/** A paper related to the parent, with how strongly (`count`). */
type RelatedPaperRow = ListedPaperRow & { count: number };

/** A related paper with the norms its cosine score divides by (absent for unscored relations). */
export type ScoredPaperRow = RelatedPaperRow & { parent_norm?: number; other_norm?: number };

/**
 * What a paper's part in a cosine score is divided by, as an expression on the page row: `parentId`
 * is the parent's id (`g.parent_id`, or for one parent its id itself, so SQLite computes the
 * parent's norm once instead of once per row), `g.other_id` / `p` the related paper.
 */
type Norm = (db: Db, paper: 'parent' | 'other', parentId: Expression<number>) => AliasableExpression<number>;

/** Citing papers of a paper: the maintained citation_count (the related paper's is in its row). */
const citationCountOf: Norm = (db, paper, parentId) =>
  paper === 'other'
    ? sql.ref<number>('p.citation_count')
    : db.selectFrom('paper as n').select('n.citation_count').where('n.id', '=', parentId).$asScalar();

/** Distinct resolved references of a paper. */
const resolvedReferenceCountOf: Norm = (db, paper, parentId) =>
  db
    .selectFrom('reference')
    .select((eb) => eb.fn.count<number>('cited_paper_id').distinct().as('n'))
    .where('citing_paper_id', '=', paper === 'parent' ? parentId : sql.ref<number>('g.other_id'))
    .where('cited_paper_id', 'is not', null)
    .$asScalar();

/** Ranked relations: the strongest first (`count`), ties by id; a cursor is the last item's (count, id). */
const RELATED_ORDER: readonly SortKey[] = [
  { column: 'count', direction: 'desc' },
  { column: 'other_id', direction: 'asc' },
];

/**
 * A two-hop relation as the page/count pair the schema's connections need. A page ranks the
 * relation's pairs as bare ids (the 4,000 secondary citations of a classic) and reads paper rows
 * for the window only. With `norm`, each page row also carries the norm of its parent and of
 * itself (for cosine scores), computed for the page's rows only, in the same statement.
 */
function twoHopRelation(first: Hop, second: Hop, norm?: Norm) {
  const pageQuery = preparedQuery((db: Db, paperIds: PaperParents, window: KeysetWindow) => {
    const single = isSingleParent(paperIds);
    const pairs = twoHops(db, paperIds, first, second);
    // One parent (a node page): its list is a statement-level CTE, and its rows carry no parent_id
    // (twoHops): the page names the parent once, here.
    const ranked: { db: Db; page: AliasableExpression<RelatedPair>; total: AliasableExpression<number> } = single
      ? singleParentRankedPage(db, pairs, RELATED_ORDER, window)
      : { db, page: keysetRanked(db, pairs, RELATED_ORDER, window), total: sql.ref<number>('g.total_in_parent') };
    const parentId = single ? singleParentId(paperIds) : sql.ref<number>('g.parent_id');
    return ranked.db
      .selectFrom(ranked.page.as('g'))
      .innerJoin('paper as p', 'p.id', 'g.other_id')
      .select([parentId.as('parent_id'), ranked.total.as('total_in_parent'), 'g.count', 'g.other_id'])
      .select(pagePaperColumns(window.listedPaperColumns))
      .$if(norm !== undefined, (qb) =>
        qb.select(() => [
          (norm as Norm)(db, 'parent', parentId).as('parent_norm'),
          (norm as Norm)(db, 'other', parentId).as('other_norm'),
        ]),
      )
      .orderBy(rankedPageOrder('g', RELATED_ORDER, window, single)) as Compilable<ParentRow<ScoredPaperRow>>;
  });
  return {
    page: keysetPage<ScoredPaperRow, number, PaperParents>(RELATED_ORDER, pageQuery),
    count: (db: Db, paperIds: number[]) => countTwoHops(db, paperIds, first, second),
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
function sharedKeywords(db: Db, paperIds: PaperParents) {
  const keywordsOfPapers = db
    .selectFrom('paper_keyword')
    .select('keyword_id')
    .where('paper_id', 'in', parentList(paperIds));
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
    .where('mine.paper_id', 'in', parentList(paperIds))
    .groupBy(['mine.paper_id', 'theirs.paper_id']);
}

export type SimilarPaperRow = RelatedPaperRow & { score: number };

/** Rarer shared keywords first, then more of them, then by id. */
const SIMILAR_ORDER: readonly SortKey[] = [
  { column: 'score', direction: 'desc' },
  { column: 'count', direction: 'desc' },
  { column: 'other_id', direction: 'asc' },
];

/**
 * Ranked by score, a real computed from the whole keyword table: a cursor holds it exactly (a
 * JSON number round-trips a double), but a new paper WITH keywords changes every idf, so on this
 * one relation a write can move a boundary (one without keywords cannot).
 */
export const similarPapers = {
  page: keysetPage<SimilarPaperRow, number, PaperParents>(SIMILAR_ORDER, (db, paperIds, window) =>
    db
      .selectFrom(
        keysetRanked(db, sharedKeywords(db, paperIds), SIMILAR_ORDER, window, isSingleParent(paperIds)).as('g'),
      )
      .innerJoin('paper as p', 'p.id', 'g.other_id')
      .select(['g.parent_id', 'g.total_in_parent', 'g.count', 'g.score', 'g.other_id'])
      .select(pagePaperColumns(window.listedPaperColumns))
      .orderBy(rankedPageOrder('g', SIMILAR_ORDER, window, isSingleParent(paperIds)))
      .execute(),
  ),
  count: (db: Db, paperIds: number[]) => countRowsByParent(db, paperIds, sharedKeywords(db, paperIds)),
};

/** A count per publication year of something (`parent_id`: the paper or keyword it belongs to). */
export type YearCountRow = Pick<Selectable<PaperTable>, 'year'> & { parent_id: number; count: number };

/** Citing papers per publication year, all years, oldest first (unknown year last). */
export const citationsByYear = preparedQuery((db: Db, paperIds: PaperParents): Compilable<YearCountRow> => {
  const citations = db
    .selectFrom('reference')
    .select(['cited_paper_id', 'citing_paper_id'])
    .distinct()
    .where('cited_paper_id', 'in', parentList(paperIds))
    .$narrowType<{ cited_paper_id: number }>();
  return db
    .selectFrom(citations.as('c'))
    .innerJoin('paper as p', 'p.id', 'c.citing_paper_id')
    .select((eb) => ['c.cited_paper_id as parent_id', 'p.year', eb.fn.countAll<number>().as('count')])
    .groupBy(['c.cited_paper_id', 'p.year'])
    .orderBy('c.cited_paper_id')
    .orderBy((eb) => eb('p.year', 'is', null))
    .orderBy('p.year');
});

export type ReferenceGroupRow = { paper_id: number } & Pick<Selectable<ReferenceTable>, 'source_database'> & {
    total_count: number;
  };

/** Reference lists grouped by source database, groups in order of their first entry. */
export const referenceGroupsOfPapers = preparedQuery(
  (db: Db, paperIds: PaperParents): Compilable<ReferenceGroupRow> =>
    db
      .selectFrom('reference')
      .select((eb) => ['citing_paper_id as paper_id', 'source_database', eb.fn.countAll<number>().as('total_count')])
      .where('citing_paper_id', 'in', parentList(paperIds))
      .groupBy(['citing_paper_id', 'source_database'])
      .orderBy('citing_paper_id')
      .orderBy((eb) => eb.fn.min('position')),
);

/** Entries of reference groups, in list order, for many groups at once, each with the cited paper's row. */
export const referencesOfGroups = keysetPage<ReferenceRow, string>(REFERENCE_ORDER, (db, groupKeys, window) =>
  referencesOfPaperGroups(db, [...new Set(groupKeys.map((key) => parseReferenceGroupKey(key)[0]))], window),
);

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
 * The papers one hop from those of CTE `level` (columns root, id), as `SELECT root, id` arms: along
 * references (OUT), citations (IN) or both. Resolved edges only, searched in the covering indexes
 * from the level's papers (CROSS JOIN keeps that order: SQLite may otherwise scan every edge and
 * look each up in the level).
 */
function neighbours(level: string, direction: NetworkDirection) {
  const from = sql.table(level);
  if (direction === 'REFERENCES') {
    return sql`SELECT l.root, r.cited_paper_id AS id FROM ${from} l
      CROSS JOIN reference r ON r.citing_paper_id = l.id AND r.cited_paper_id IS NOT NULL`;
  }
  if (direction === 'CITATIONS') {
    return sql`SELECT l.root, r.citing_paper_id AS id FROM ${from} l CROSS JOIN reference r ON r.cited_paper_id = l.id`;
  }
  // One arm, not a UNION of the two: SQLite copies a CTE into every place that names it, and the
  // levels name each other, so two arms a level would multiply the copies past its limit at 6 hops.
  // Cast: an expression has no affinity, and the next level searches its ids by this column.
  return sql`SELECT l.root, CAST(iif(r.cited_paper_id = l.id, r.citing_paper_id, r.cited_paper_id) AS INTEGER) AS id
    FROM ${from} l CROSS JOIN reference r
    ON (r.citing_paper_id = l.id AND r.cited_paper_id IS NOT NULL) OR r.cited_paper_id = l.id`;
}

/**
 * Breadth-first levels as CTEs `d0` (the roots, given as `SELECT root, id`) to `d<levels>`: level k
 * holds the papers first reached in k hops, each paper expanded once. A recursive CTE cannot say
 * "not reached before" (UNION only removes repeats of the same depth), so a classic with 770
 * citers would be walked again from each of them at every depth, there and back; the bounds are
 * small (3 for a network, 6 for a path), so the levels are written out. `unless` stops the walk:
 * a level is empty once the condition holds for the level before it.
 */
function breadthFirstLevels(
  roots: RawBuilder<unknown>,
  levels: number,
  direction: NetworkDirection,
  unless?: (level: string) => RawBuilder<unknown>,
) {
  const ctes = [sql`d0(root, id) AS MATERIALIZED (${roots})`];
  for (let k = 1; k <= levels; k++) {
    const earlier = Array.from(
      { length: k },
      (_, j) => sql`NOT EXISTS (SELECT 1 FROM ${sql.table(`d${j}`)} s
      WHERE s.root = n.root AND s.id = n.id)`,
    );
    const guard = unless ? [sql`NOT (${unless(`d${k - 1}`)})`] : [];
    ctes.push(sql`${sql.table(`d${k}`)}(root, id) AS MATERIALIZED (
      SELECT DISTINCT n.root, n.id FROM (${neighbours(`d${k - 1}`, direction)}) n
      WHERE ${sql.join([...guard, ...earlier], sql` AND `)})`);
  }
  return sql.join(ctes, sql`,\n`);
}

/**
 * Every level with its depth, `SELECT root, id, k AS depth FROM dk` for k = 0..levels, as nested
 * two-term UNION ALLs: D1 caps the terms of one compound SELECT (at 5), and a path has 7 levels.
 */
function allLevels(levels: number) {
  let union = sql`SELECT root, id, 0 AS depth FROM d0`;
  for (let k = 1; k <= levels; k++) {
    union = sql`SELECT * FROM (${union}) UNION ALL SELECT root, id, ${sql.lit(k)} FROM ${sql.table(`d${k}`)}`;
  }
  return union;
}

/**
 * The citation neighbourhood of papers within `depth` hops, for drawing: breadth-first levels,
 * closest papers first (then by id), cut at `limit` papers per root. `reached` is how many papers
 * the neighbourhood has before the cut. One statement for all roots.
 */
export async function citationNeighbourhoods(
  db: Db,
  rootIds: readonly number[],
  options: { depth: number; direction: NetworkDirection; limit: number },
): Promise<NetworkRows> {
  // Integers, as the edge columns are: a JSON value has no affinity, and a comparison across
  // affinities cannot search an index built on the level's ids.
  const roots = sql`SELECT DISTINCT CAST(value AS INTEGER), CAST(value AS INTEGER) FROM json_each(${JSON.stringify(rootIds)})`;
  // The edges between kept papers: each kept paper's references, looked up among the kept papers
  // of its root (CROSS JOIN keeps that order; the other way round reads every pair of kept papers).
  const result = await sql<{ kind: 'node' | 'edge'; root: number; a: number; b: number; c: number | null }>`
    WITH ${breadthFirstLevels(roots, options.depth, options.direction)},
    ranked AS MATERIALIZED (
      SELECT root, id, depth, count(*) OVER (PARTITION BY root) AS reached_count,
        row_number() OVER (PARTITION BY root ORDER BY depth, id) AS rank_in_root
      FROM (${allLevels(options.depth)})),
    kept AS MATERIALIZED (SELECT root, id, depth, reached_count FROM ranked WHERE rank_in_root <= ${options.limit})
    SELECT 'node' AS kind, root, id AS a, depth AS b, reached_count AS c FROM kept
    UNION ALL
    SELECT DISTINCT 'edge', citing.root, r.citing_paper_id, r.cited_paper_id, NULL
    FROM kept citing
    CROSS JOIN reference r ON r.citing_paper_id = citing.id AND r.cited_paper_id IS NOT NULL
    WHERE EXISTS (SELECT 1 FROM kept cited WHERE cited.root = citing.root AND cited.id = r.cited_paper_id)`.execute(db);
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
 * levels from `from` (each paper expanded once, no level past the one that reaches `to`), then
 * walked back from `to`, each step taking the lowest-id paper one level closer. REFERENCES follows
 * "from cites ... cites to", CITATIONS "from is cited by ... is cited by to", BOTH either at each
 * step. Null when none. Each paper comes with whether the previous one in the chain cites it
 * (else it cites the previous).
 */
export async function shortestCitationPath(
  db: Db,
  from: number,
  to: number,
  options: { maxHops: number; direction: NetworkDirection },
): Promise<Array<{ id: number; citedByPrevious: boolean }> | null> {
  const outward = options.direction !== 'CITATIONS' ? 1 : 0;
  const inward = options.direction !== 'REFERENCES' ? 1 : 0;
  // The last step arrives at `to` along one of its own edges: without one, no level is walked.
  const arrivals = [
    ...(outward ? [sql`EXISTS (SELECT 1 FROM reference WHERE cited_paper_id = ${to})`] : []),
    ...(inward
      ? [sql`EXISTS (SELECT 1 FROM reference WHERE citing_paper_id = ${to} AND cited_paper_id IS NOT NULL)`]
      : []),
  ];
  const start = sql`SELECT CAST(${from} AS INTEGER), CAST(${from} AS INTEGER)
    WHERE ${from} = ${to} OR ${sql.join(arrivals, sql` OR `)}`;
  const levels = breadthFirstLevels(
    start,
    options.maxHops,
    options.direction,
    (level) => sql`EXISTS (SELECT 1 FROM ${sql.table(level)} WHERE id = ${to})`,
  );
  const result = await sql<{ id: number; hops: number; cited_by_previous: number }>`
    WITH ${levels},
    distance AS MATERIALIZED (SELECT id, depth AS hops FROM (${allLevels(options.maxHops)})),
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

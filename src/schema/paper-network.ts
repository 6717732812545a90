/**
 * The knowledge-network node of a paper (CNKI's node page): references grouped by source database,
 * secondary references and citations, co-citation, bibliographic coupling, similar papers,
 * citations by year and the drawable neighbourhood. Fields of `Paper`, kept apart from its core
 * fields in paper.ts because they are one capability with one SQL home (network.repository.ts).
 *
 * Every field is batched across papers: the node page is a fixed number of D1 statements.
 */
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder';
import type { Context } from '../context';
import { referencesOfPaperGroups } from '../db/citation.repository';
import {
  citationNeighbourhoods,
  citationsByYear,
  coCited,
  coupled,
  referenceGroupsOfPapers,
  type ScoredPaperRow,
  type SimilarPaperRow,
  secondaryCitations,
  secondaryReferences,
  similarPapers,
} from '../db/network.repository';
import type { ParentRow } from '../db/paging';
import type { ListedPaperRow } from '../db/paper.repository';
import { checkRange } from './arguments';
import {
  type ConnectionArgs,
  type Relation,
  relationConnection,
  relationFetchWindow,
  requestLoader,
} from './connection';
import { readsListedPaperColumnsOnly, subfieldUses } from './lookahead';
import {
  isFirstPage,
  type ReferencePageUse,
  referenceGroupPagesLoader,
  referenceGroupsLoader,
  referenceGroupsOf,
  referencesOfGroup,
} from './lookups';
import {
  type PaperRelation,
  paperRowsLoad,
  primeByPaper,
  registerPaperPrefetch,
  registerRelationPrefetch,
} from './prefetch';
import { CitationNetwork, type CitationNetworkShape, NetworkDirection, Paper, ReferenceGroup, YearCount } from './refs';

const MAX_NETWORK_DEPTH = 3;
const MAX_NETWORK_LIMIT = 500;

const relation = (name: string, sql: Omit<PaperRelation<ScoredPaperRow>, 'name'>): PaperRelation<ScoredPaperRow> => ({
  name,
  ...sql,
});

const secondaryReferencesRelation = relation('Paper.secondaryReferences', secondaryReferences);
const secondaryCitationsRelation = relation('Paper.secondaryCitations', secondaryCitations);
const coCitedRelation = relation('Paper.coCited', coCited);
const coupledRelation = relation('Paper.coupled', coupled);
const similarRelation: PaperRelation<SimilarPaperRow> = { name: 'Paper.similar', ...similarPapers };

/** Citing papers per year of each paper. */
const citationsByYearOf = paperRowsLoad('citationsByYear', citationsByYear, (row) => row.parent_id);

/** The edge's node is the related paper's row, which also carries its parent, count and norms. */
const related = (node: unknown) => node as ParentRow<SimilarPaperRow & ScoredPaperRow>;

/** The resolver of a connection to related papers: a page of `relation`, reading the columns its selection asks. */
function resolveRelation<Row>(relation: Relation<Row>) {
  return (paper: ListedPaperRow, args: ConnectionArgs, ctx: Context, info: GraphQLResolveInfo) =>
    relationConnection(ctx, relation, paper.id, args, readsListedPaperColumnsOnly(info, info.fieldNodes, 'node'));
}

/** Each `references` asked below a paper's `referenceGroups` (`nodes`), with the columns its cited papers show. */
function referencePageUses(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): ReferencePageUse[] {
  return subfieldUses(info, 'ReferenceGroup', 'references', nodes).map((use) => ({
    args: use.args,
    listedPaperColumns: readsListedPaperColumnsOnly(info, use.nodes, 'citedPaper'),
  }));
}

/** count / sqrt(parent norm × node norm), Salton's cosine; 0 when either side has nothing. */
function cosine(row: ScoredPaperRow): number {
  const a = Number(row.parent_norm ?? 0);
  const b = Number(row.other_norm ?? 0);
  return a > 0 && b > 0 ? row.count / Math.sqrt(a * b) : 0;
}

builder.objectFields(Paper, (t) => {
  /** A ranked two-hop relation whose edges carry how many papers link the node (`viaCount`). */
  const viaConnection = (relation: Relation<ScoredPaperRow>, description: string, viaDescription: string) =>
    t.connection(
      { type: Paper, description, resolve: resolveRelation(relation) },
      {},
      {
        fields: (edge) => ({
          viaCount: edge.int({ description: viaDescription, resolve: (e) => related(e.node).count }),
        }),
      },
    );
  /** A ranked two-hop relation whose edges carry `count` and its cosine `score`. */
  const scoredConnection = (
    relation: Relation<ScoredPaperRow>,
    description: string,
    countDescription: string,
    scoreDescription: string,
  ) =>
    t.connection(
      { type: Paper, description, resolve: resolveRelation(relation) },
      {},
      {
        fields: (edge) => ({
          count: edge.int({ description: countDescription, resolve: (e) => related(e.node).count }),
          score: edge.float({ description: scoreDescription, resolve: (e) => cosine(related(e.node)) }),
        }),
      },
    );

  return {
    referenceGroups: t.field({
      type: [ReferenceGroup],
      description: 'The reference list grouped by source database, groups in order of their first entry.',
      resolve: (paper, _args, ctx, info) => referenceGroupsOf(ctx, paper.id, referencePageUses(info, info.fieldNodes)),
    }),
    secondaryReferences: viaConnection(
      secondaryReferencesRelation,
      'Papers cited by the papers this one cites (CNKI 二级参考文献), by viaCount.',
      "How many of this paper's references cite the node.",
    ),
    secondaryCitations: viaConnection(
      secondaryCitationsRelation,
      'Papers citing the papers that cite this one (CNKI 二级引证文献), by viaCount.',
      "How many of this paper's citers the node cites.",
    ),
    coCited: scoredConnection(
      coCitedRelation,
      'Co-citation (同被引): papers cited together with this one, by count.',
      'Papers citing both.',
      "count / sqrt(citationCount of both) (Salton's cosine).",
    ),
    coupled: scoredConnection(
      coupledRelation,
      'Bibliographic coupling: papers sharing resolved references with this one, by count.',
      'Resolved references both cite.',
      'count / sqrt(resolved references of both).',
    ),
    similar: t.connection(
      {
        type: Paper,
        description: 'Papers sharing keywords with this one, rarer shared keywords weighing more (idf).',
        resolve: resolveRelation(similarRelation),
      },
      {},
      {
        fields: (edge) => ({
          sharedKeywordCount: edge.int({ resolve: (e) => related(e.node).count }),
          score: edge.float({
            description: 'Sum over shared keywords of ln(papers with keywords / papers with that keyword).',
            resolve: (e) => related(e.node).score,
          }),
        }),
      },
    ),
    citationsByYear: t.field({
      type: [YearCount],
      description: 'Citing papers per publication year, every year (oldest first; unknown year last).',
      resolve: (paper, _args, ctx) => citationsByYearOf(ctx, paper.id),
    }),
    citationNetwork: t.field({
      type: CitationNetwork,
      description: 'The citation neighbourhood within `depth` hops, closest papers first, for drawing.',
      args: {
        depth: t.arg.int({ required: true, defaultValue: 1, description: `1 to ${MAX_NETWORK_DEPTH}.` }),
        direction: t.arg({ type: NetworkDirection, required: true, defaultValue: 'BOTH' }),
        limit: t.arg.int({
          required: true,
          defaultValue: 100,
          description: `Most papers to return, 1 to ${MAX_NETWORK_LIMIT}; \`truncated\` says when it cut.`,
        }),
      },
      resolve: async (paper, args, ctx) => {
        checkRange(args.depth, 'depth', 1, MAX_NETWORK_DEPTH);
        checkRange(args.limit, 'limit', 1, MAX_NETWORK_LIMIT);
        const options = { depth: args.depth, direction: args.direction, limit: args.limit };
        const loader = requestLoader<number, CitationNetworkShape>(
          ctx,
          `Paper.citationNetwork:${JSON.stringify(options)}`,
          async (ids) => {
            const rows = await citationNeighbourhoods(ctx.db, ids, options);
            return ids.map((id) => {
              const nodes = rows.nodes.filter((node) => node.root === id);
              return { nodes, edges: rows.edges.filter((edge) => edge.root === id), reached: nodes[0]?.reached ?? 0 };
            });
          },
        );
        return loader.load(paper.id);
      },
    }),
  };
});

registerRelationPrefetch('secondaryReferences', secondaryReferencesRelation);
registerRelationPrefetch('secondaryCitations', secondaryCitationsRelation);
registerRelationPrefetch('coCited', coCitedRelation);
registerRelationPrefetch('coupled', coupledRelation);
registerRelationPrefetch('similar', similarRelation);

// The first pages of the groups' entries for each `references` asked below them, primed under the
// paper's id, as `referenceGroupsOf` loads them. The groups themselves are read off a first page
// when one is asked (`groupsOfFirstPages`), one statement less; otherwise they are fetched too.
registerPaperPrefetch('referenceGroups', ({ ctx, info, nodes, fetch }) => {
  let withFirstPage = false;
  for (const use of referencePageUses(info, nodes)) {
    const fetchWindow = relationFetchWindow(referencesOfGroup, use.args, use.listedPaperColumns);
    if (fetchWindow === null) continue;
    withFirstPage ||= isFirstPage(fetchWindow);
    fetch(
      `ReferenceGroup.references:${JSON.stringify(fetchWindow)}`,
      (papers) => referencesOfPaperGroups(ctx.db, papers, fetchWindow),
      (rows, paperIds) =>
        primeByPaper(referenceGroupPagesLoader(ctx, fetchWindow), paperIds, rows, (row) => row.citing_paper_id),
    );
  }
  if (withFirstPage) return;
  fetch(
    'Paper.referenceGroups',
    (papers) => referenceGroupsOfPapers(ctx.db, papers),
    (rows, paperIds) => primeByPaper(referenceGroupsLoader(ctx), paperIds, rows, (row) => row.paper_id),
  );
});

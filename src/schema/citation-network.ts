import { builder } from '../builder';
import { shortestCitationPath } from '../db/network.repository';
import { checkRange } from './arguments';
import { encodeGlobalId, localIdOf } from './global-id';
import { CitationEdge, CitationNetwork, CitationPath, NetworkDirection, NetworkNode, Paper } from './refs';

const MAX_PATH_HOPS = 6;

NetworkNode.implement({
  fields: (t) => ({
    depth: t.exposeInt('depth', { description: 'Hops from the paper the network was asked for (0 = itself).' }),
    paper: t.field({ type: Paper, resolve: (node) => node.id }),
  }),
});

CitationEdge.implement({
  description: 'One citation: `source` cites `target` (ids as in NetworkNode.paper.id).',
  fields: (t) => ({
    source: t.id({ resolve: (edge) => encodeGlobalId('Paper', edge.citing) }),
    target: t.id({ resolve: (edge) => encodeGlobalId('Paper', edge.cited) }),
  }),
});

CitationNetwork.implement({
  description: 'A citation neighbourhood for drawing: closest papers first, and the citations among them.',
  fields: (t) => ({
    nodes: t.field({ type: [NetworkNode], resolve: (network) => network.nodes }),
    edges: t.field({
      type: [CitationEdge],
      description: 'Every citation between two papers of `nodes`.',
      resolve: (network) => network.edges,
    }),
    nodeCount: t.int({
      description: 'Papers in the whole neighbourhood, before `limit` (>= nodes length).',
      resolve: (network) => network.reached,
    }),
    truncated: t.boolean({
      description: 'True when `limit` left papers of the neighbourhood out (farthest first).',
      resolve: (network) => network.reached > network.nodes.length,
    }),
  }),
});

CitationPath.implement({
  description: 'A chain of citations linking two papers.',
  fields: (t) => ({
    hops: t.int({ description: 'Citations in the chain (papers - 1).', resolve: (path) => path.length - 1 }),
    papers: t.field({
      type: [Paper],
      description: 'From `from` to `to`, in order.',
      resolve: (path) => path.map((step) => step.id),
    }),
    links: t.field({
      type: [CitationEdge],
      description: 'The citation between each paper and the next, in order (with direction BOTH, either way round).',
      resolve: (path) =>
        path.slice(1).map((step, index) => {
          const previous = path[index]!.id;
          return step.citedByPrevious ? { citing: previous, cited: step.id } : { citing: step.id, cited: previous };
        }),
    }),
  }),
});

builder.queryField('citationPath', (t) =>
  t.field({
    type: CitationPath,
    nullable: true,
    description:
      'A shortest chain of at most `maxHops` citations from `from` to `to`, or null when there is none. ' +
      'REFERENCES (default): from cites ... cites to; CITATIONS: from is cited by ... is cited by to; ' +
      'BOTH: linked by citations either way.',
    args: {
      from: t.arg.id({ required: true }),
      to: t.arg.id({ required: true }),
      maxHops: t.arg.int({ defaultValue: 4, required: true, description: `1 to ${MAX_PATH_HOPS}.` }),
      direction: t.arg({ type: NetworkDirection, required: true, defaultValue: 'REFERENCES' }),
    },
    resolve: (_root, args, ctx) => {
      checkRange(args.maxHops, 'maxHops', 1, MAX_PATH_HOPS);
      const from = localIdOf(String(args.from), 'Paper');
      const to = localIdOf(String(args.to), 'Paper');
      return shortestCitationPath(ctx.db, from, to, { maxHops: args.maxHops, direction: args.direction });
    },
  }),
);

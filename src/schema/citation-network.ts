import { builder } from '../builder';
import type { NetworkRows } from '../db/network.repository';
import { shortestCitationPath } from '../db/network.repository';
import { badUserInput } from '../errors';
import { encodeGlobalId, localIdOf } from './global-id';
import { Paper } from './paper';

export const MAX_NETWORK_DEPTH = 3;
export const MAX_NETWORK_LIMIT = 500;
export const MAX_PATH_HOPS = 6;

export const NetworkDirection = builder.enumType('NetworkDirection', {
  values: {
    REFERENCES: { description: 'Follow reference lists: what the paper cites, and what those cite.' },
    CITATIONS: { description: 'Follow citations: who cites the paper, and who cites those.' },
    BOTH: { description: 'Either way.' },
  } as const,
});

export interface CitationNetworkShape {
  nodes: NetworkRows['nodes'];
  edges: NetworkRows['edges'];
  /** Papers in the neighbourhood before `limit` cut it. */
  reached: number;
}

const NetworkNode = builder.objectRef<NetworkRows['nodes'][number]>('NetworkNode').implement({
  fields: (t) => ({
    depth: t.exposeInt('depth', { description: 'Hops from the paper the network was asked for (0 = itself).' }),
    paper: t.field({ type: Paper, resolve: (node) => node.id }),
  }),
});

const CitationEdge = builder.objectRef<NetworkRows['edges'][number]>('CitationEdge').implement({
  description: 'One citation: `source` cites `target` (ids as in NetworkNode.paper.id).',
  fields: (t) => ({
    source: t.id({ resolve: (edge) => encodeGlobalId('Paper', edge.citing) }),
    target: t.id({ resolve: (edge) => encodeGlobalId('Paper', edge.cited) }),
  }),
});

export const CitationNetwork = builder.objectRef<CitationNetworkShape>('CitationNetwork').implement({
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

interface CitationPathShape {
  paperIds: number[];
}

const CitationPath = builder.objectRef<CitationPathShape>('CitationPath').implement({
  description: 'A chain of citations: each paper cites the next.',
  fields: (t) => ({
    hops: t.int({ description: 'Citations in the chain (papers - 1).', resolve: (path) => path.paperIds.length - 1 }),
    papers: t.field({ type: [Paper], description: 'From `from` to `to`, in order.', resolve: (path) => path.paperIds }),
  }),
});

export function checkRange(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`"${name}" must be between ${min} and ${max} (got ${value})`, { argumentName: name });
  }
}

builder.queryField('citationPath', (t) =>
  t.field({
    type: CitationPath,
    nullable: true,
    description:
      'A shortest chain of citations from `from` to `to` (from cites ... cites to), at most `maxHops` citations; ' +
      'null when there is none. For the other direction, swap the two.',
    args: {
      from: t.arg.id({ required: true }),
      to: t.arg.id({ required: true }),
      maxHops: t.arg.int({ defaultValue: 4, required: true, description: `1 to ${MAX_PATH_HOPS}.` }),
    },
    resolve: async (_root, args, ctx) => {
      checkRange(args.maxHops, 'maxHops', 1, MAX_PATH_HOPS);
      const from = localIdOf(String(args.from), 'Paper');
      const to = localIdOf(String(args.to), 'Paper');
      const paperIds = await shortestCitationPath(ctx.db, from, to, args.maxHops);
      return paperIds ? { paperIds } : null;
    },
  }),
);

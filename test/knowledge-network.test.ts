/**
 * The knowledge-network node on the real AAN graph, every relation compared with an independent
 * plain-TypeScript computation over the file (test/oracle/citation-graph.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_PAGE_QUERY } from '../src/persisted-documents';
import { gql, gqlData, importOpenAlex, realData } from './helpers';
import { CitationGraph } from './oracle/citation-graph';
import { type RankedItem, topMatches } from './oracle/ranking';

const data = realData();
const text = data?.aanWorksJsonl ?? null;

const ID = 'externalIds { namespace url }';
const aclUrl = (paper: { externalIds: Array<{ namespace: string; url: string }> }) =>
  paper.externalIds.find((id) => id.namespace === 'acl')?.url ?? '';

const NODE_PAGE = `query NodePage($id: String!, $n: Int!) {
  paper(externalId: $id) {
    id title year authors { author { name } institutions { name } } keywords { term }
    citationCount referenceCount
    referenceGroups { sourceDatabase totalCount references(first: $n) { edges { node {
      position rawText citedPaper { title year citationCount } } } } }
    citedBy(first: $n) { totalCount edges { node { title year } } }
    secondaryReferences(first: $n) { totalCount edges { viaCount node { ${ID} } } }
    secondaryCitations(first: $n) { totalCount edges { viaCount node { ${ID} } } }
    coCited(first: $n) { totalCount edges { count score node { ${ID} } } }
    coupled(first: $n) { totalCount edges { count score node { ${ID} } } }
    citationsByYear { year count }
  }
}`;

describe.skipIf(text === null)('knowledge-network node on AAN', () => {
  const graph = CitationGraph.fromJsonl(text ?? '');
  const mostCited = graph.mostCited(5);
  // Five more, spread through the file, among papers that both cite and are cited.
  const connected = graph.ids.filter((id) => graph.citationCount(id) > 0 && graph.resolvedReferenceCount(id) > 0);
  const others = [1, 2, 3, 4, 5].map((k) => connected[Math.floor((connected.length * k) / 6)]!);

  beforeAll(async () => {
    await importOpenAlex(text ?? '');
  });

  const expectRanking = (
    label: string,
    connection: { totalCount: number; edges: any[] },
    oracle: RankedItem[],
    countField: string,
  ) => {
    expect(connection.totalCount, `${label} totalCount`).toBe(oracle.length);
    const api = connection.edges.map((edge) => ({ id: aclUrl(edge.node), count: edge[countField] }));
    expect(topMatches(api, oracle, 10), label).toBeNull();
  };

  it('matches the oracle for the five most cited and five other papers', async () => {
    expect(mostCited[0]).toBe('https://aclanthology.org/J93-2004');
    expect(others).toHaveLength(5);
    for (const id of [...mostCited, ...others]) {
      const { data } = await gqlData(NODE_PAGE, { id, n: 10 });
      const paper = data.paper;
      expect(paper.title).toBe(graph.title(id));
      expect(paper.citationCount).toBe(graph.citationCount(id));
      expect(paper.citedBy.totalCount).toBe(graph.citationCount(id));
      expect(paper.referenceCount).toBe(graph.referenceEntryCount(id));
      // AAN gives no source database: the whole list is one group whose sourceDatabase is null.
      const groups = paper.referenceGroups;
      expect(groups.map((g: any) => [g.sourceDatabase, g.totalCount])).toEqual(
        graph.referenceEntryCount(id) ? [[null, graph.referenceEntryCount(id)]] : [],
      );
      expectRanking(`${id} secondaryReferences`, paper.secondaryReferences, graph.secondaryReferences(id), 'viaCount');
      expectRanking(`${id} secondaryCitations`, paper.secondaryCitations, graph.secondaryCitations(id), 'viaCount');
      expectRanking(`${id} coCited`, paper.coCited, graph.coCited(id), 'count');
      expectRanking(`${id} coupled`, paper.coupled, graph.coupled(id), 'count');
      for (const [field, oracle] of [
        ['coCited', graph.coCited(id)],
        ['coupled', graph.coupled(id)],
      ] as const) {
        const scores = new Map(oracle.map((item) => [item.id, item.score]));
        for (const edge of paper[field].edges) expect(edge.score).toBeCloseTo(scores.get(aclUrl(edge.node)) ?? -1, 12);
      }
      expect(paper.citationsByYear.filter((y: any) => y.year !== null)).toEqual(graph.citationsByYear(id));
    }
  });

  it('runs the node page in the same D1 statements and round trips whatever the page sizes and list lengths', async () => {
    const [top, second] = mostCited;
    const traces = [];
    const roundTrips = [];
    for (const [id, n] of [
      [top, 5],
      [top, 50],
      [second, 20],
      [others[0], 20],
    ] as const) {
      const response = await gql(NODE_PAGE, { id, n });
      expect(response.errors).toBeUndefined();
      traces.push(response.extensions?.trace?.d1Statements);
      roundTrips.push(response.extensions?.trace?.d1RoundTrips);
    }
    expect(new Set(roundTrips).size, `round trips per node page: ${roundTrips.join(', ')}`).toBe(1);
    console.log(`node page: ${roundTrips[0]} D1 round trips`);
    // The lookup with the paper's fields (src/schema/prefetch.ts), the groups' first pages (which
    // carry their cited papers' rows) and the authorships' institutions; then referenceCount and the
    // related papers' externalIds (ID). The README node page, without the last two, takes one.
    expect(roundTrips[0]).toBe(2);
    const readme = await gql(NODE_PAGE_QUERY, { id: top });
    expect(readme.errors).toBeUndefined();
    expect(readme.extensions?.trace?.d1RoundTrips).toBe(1);
    // The lookup and the 10 statements of its fields, one batch (the reference groups are read off
    // their first pages, the byline comes with its institutions).
    expect(readme.extensions?.trace?.d1Statements).toBe(11);
    expect(traces[0]).toBeGreaterThan(0);
    expect(new Set(traces).size, `statements per node page: ${traces.join(', ')}`).toBe(1);
    console.log(`node page: ${traces[0]} D1 statements (J93-2004 at page sizes 5 and 50, two other papers)`);
  });

  /** The selection of the README node page's paper, `{ title ... }`. */
  const nodePageFields = NODE_PAGE_QUERY.slice(
    NODE_PAGE_QUERY.indexOf('{', NODE_PAGE_QUERY.indexOf('paper(')),
    NODE_PAGE_QUERY.lastIndexOf('}', NODE_PAGE_QUERY.lastIndexOf('}') - 1) + 1,
  );
  const globalIdOf = async (id: string) =>
    (await gqlData(`query($id: String!) { paper(externalId: $id) { id } }`, { id })).data.paper.id as string;
  /** A paper's answer, its errors (path without the root field) and round trips, asked through `root`. */
  const ask = async (root: 'externalId' | 'id' | 'node', id: string, fields: string) => {
    const query =
      root === 'node'
        ? `query($id: ID!) { paper: node(id: $id) { ... on Paper ${fields} } }`
        : `query($id: ${root === 'id' ? 'ID' : 'String'}!) { paper(${root}: $id) ${fields} }`;
    const response = await gql(query, { id: root === 'externalId' ? id : await globalIdOf(id) });
    return {
      paper: response.data?.paper,
      errors: response.errors?.map((e) => [e.path?.slice(1).join('.'), e.extensions?.code, e.message]),
      roundTrips: response.extensions?.trace?.d1RoundTrips,
      statements: response.extensions?.trace?.d1Statements,
    };
  };
  const isolated = graph.ids.find((id) => graph.citationCount(id) === 0 && graph.referenceEntryCount(id) === 0);
  const uncited = graph.ids.find((id) => graph.citationCount(id) === 0 && graph.resolvedReferenceCount(id) > 0);

  it('answers the node page in one round trip exactly as the unprefetched path answers it', async () => {
    expect(isolated).toBeDefined();
    expect(uncited).toBeDefined();
    for (const id of [mostCited[0]!, mostCited[3]!, others[2]!, isolated!, uncited!]) {
      // `node(id:)` prefetches nothing: a round trip a level.
      const unprefetched = await ask('node', id, nodePageFields);
      expect(unprefetched.errors).toBeUndefined();
      expect(unprefetched.roundTrips, id).toBeGreaterThan(1);
      expect(unprefetched.paper.title).toBe(graph.title(id));
      for (const root of ['externalId', 'id'] as const) {
        const prefetched = await ask(root, id, nodePageFields);
        expect(prefetched.errors).toBeUndefined();
        expect(prefetched.roundTrips, `${root} ${id}`).toBe(1);
        expect(prefetched.statements, `${root} ${id}`).toBe(11);
        expect(prefetched.paper, `${root} ${id}`).toEqual(unprefetched.paper);
      }
    }
  });

  it('answers aliased roots, an unknown key and refused page arguments as the unprefetched path does', async () => {
    const [a, b] = [mostCited[1]!, others[3]!];
    const aliased = await gql(
      `query($a: String!, $b: String!) {
      a: paper(externalId: $a) ${nodePageFields}
      b: paper(externalId: $b) ${nodePageFields}
      missing: paper(externalId: "acl:X99-9999") ${nodePageFields}
      again: paper(externalId: $a) { title coCited(first: 3) { totalCount edges { count node { title } } } }
    }`,
      { a, b },
    );
    expect(aliased.errors).toBeUndefined();
    // One lookup for every key, and each field's statement shared by the keys: still one batch.
    expect(aliased.extensions?.trace?.d1RoundTrips).toBe(1);
    expect(aliased.extensions?.trace?.d1Statements).toBe(12); // + coCited(first: 3)
    expect(aliased.data?.a).toEqual((await ask('node', a, nodePageFields)).paper);
    expect(aliased.data?.b).toEqual((await ask('node', b, nodePageFields)).paper);
    expect(aliased.data?.missing).toBeNull();
    expect(aliased.data?.again.coCited.edges).toEqual(
      aliased.data?.a.coCited.edges.slice(0, 3).map(({ count, node }: any) => ({ count, node })),
    );

    const unknown = await gql(NODE_PAGE_QUERY, { id: 'acl:X99-9999' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.paper).toBeNull();
    expect(unknown.extensions?.trace?.d1RoundTrips).toBe(1);

    // Refused arguments prefetch nothing: each field reports its own error, as without the prefetch;
    // a searched citedBy and a citedBy in another order come right too.
    // [fields, the error's code, round trips]: only the searched citedBy is not prefetched (its page,
    // then its count, as before).
    const id = mostCited[0]!;
    for (const [fields, code, roundTrips] of [
      ['coCited(first: 500) { totalCount }', 'BAD_USER_INPUT', 1],
      ['secondaryReferences(after: "not-a-cursor") { totalCount }', 'BAD_USER_INPUT', 1],
      ['referenceGroups { totalCount references(first: -1) { totalCount } }', 'BAD_USER_INPUT', 1],
      ['citedBy(last: 101) { totalCount }', 'BAD_USER_INPUT', 1],
      ['citedBy(first: 3, orderBy: { field: TITLE, direction: ASC }) { totalCount edges { node { title } } }', null, 1],
      ['citedBy(search: "parsing", first: 3) { totalCount edges { node { title } } }', null, 3],
      ['coupled(first: 0) { totalCount edges { node { title } } } citedBy(first: 0) { totalCount }', null, 1],
    ] as const) {
      const unprefetched = await ask('node', id, `{ ${fields} }`);
      expect(unprefetched.errors?.[0]?.[1] ?? null, fields).toBe(code);
      for (const root of ['externalId', 'id'] as const) {
        const prefetched = await ask(root, id, `{ ${fields} }`);
        expect(prefetched.errors, `${root} ${fields}`).toEqual(unprefetched.errors);
        expect(prefetched.roundTrips, `${root} ${fields}`).toBe(roundTrips);
        expect(prefetched.paper, `${root} ${fields}`).toEqual(unprefetched.paper);
      }
    }
  });

  it('pages through a long ranked list without skipping or repeating', async () => {
    const id = 'https://aclanthology.org/J93-2004';
    const oracle = graph.coCited(id);
    const seen: Array<{ id: string; count: number }> = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const response: { data: any } = await gqlData(
        `query($id: String!, $after: String) { paper(externalId: $id) {
          coCited(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { count node { ${ID} } } } } }`,
        { id, after },
      );
      const connection: any = response.data.paper.coCited;
      seen.push(...connection.edges.map((edge: any) => ({ id: aclUrl(edge.node), count: edge.count })));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(oracle.length);
    expect(new Set(seen.map((item) => item.id)).size).toBe(oracle.length);
    const counts = seen.map((item) => item.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Map(seen.map((item) => [item.id, item.count]))).toEqual(
      new Map(oracle.map((item) => [item.id, item.count])),
    );
  });

  it('draws the neighbourhood as the oracle finds it, and says when the limit cut it', async () => {
    const query = `query($id: String!, $depth: Int!, $direction: NetworkDirection!, $limit: Int!) {
      paper(externalId: $id) { citationNetwork(depth: $depth, direction: $direction, limit: $limit) {
        nodeCount truncated nodes { depth paper { id ${ID} } } edges { source target } } } }`;
    for (const [id, depth, direction] of [
      [others[0]!, 2, 'BOTH'],
      [others[1]!, 1, 'CITATIONS'],
      ['https://aclanthology.org/J93-2004', 2, 'REFERENCES'],
    ] as const) {
      const expected = graph.neighbourhood(id, depth, direction);
      const { data } = await gqlData(query, { id, depth, direction, limit: 500 });
      const network = data.paper.citationNetwork;
      expect(network.nodeCount).toBe(expected.nodes.size);
      expect(network.truncated).toBe(expected.nodes.size > 500);
      const urlOf = new Map<string, string>(network.nodes.map((node: any) => [node.paper.id, aclUrl(node.paper)]));
      if (!network.truncated) {
        expect(new Set(urlOf.values())).toEqual(expected.nodes);
        const edges = network.edges.map((edge: any) => `${urlOf.get(edge.source)} ${urlOf.get(edge.target)}`).sort();
        expect(edges).toEqual(expected.edges.map(([citing, cited]) => `${citing} ${cited}`).sort());
      }
      const small = await gqlData(query, { id, depth, direction, limit: 3 });
      const cut = small.data.paper.citationNetwork;
      expect(cut.nodes).toHaveLength(Math.min(3, expected.nodes.size));
      expect(cut.truncated).toBe(expected.nodes.size > 3);
      expect(cut.nodes[0].depth).toBe(0);
      expect(aclUrl(cut.nodes[0].paper)).toBe(id);
    }
  });

  it('finds shortest citation paths in each direction, and null when there is none within maxHops', async () => {
    const idOf = async (url: string) =>
      (await gqlData('query($u: String!) { paper(externalId: $u) { id } }', { u: url })).data.paper.id;
    const urlOf = new Map<string, string>();
    const query = `query($from: ID!, $to: ID!, $max: Int!, $direction: NetworkDirection!) {
      citationPath(from: $from, to: $to, maxHops: $max, direction: $direction) {
        hops papers { id ${ID} } links { source target } } }`;
    const path = async (from: string, to: string, max: number, direction: string) => {
      const { data } = await gqlData(query, { from: await idOf(from), to: await idOf(to), max, direction });
      if (!data.citationPath) return null;
      for (const paper of data.citationPath.papers) urlOf.set(paper.id, aclUrl(paper));
      const links = data.citationPath.links.map((link: any) => [urlOf.get(link.source), urlOf.get(link.target)]);
      return { hops: data.citationPath.hops as number, chain: data.citationPath.papers.map(aclUrl) as string[], links };
    };
    /** Shortest distance following citations either way, by breadth-first search over the oracle. */
    const undirectedHops = (from: string, to: string, max: number) => {
      let frontier = [from];
      const seen = new Set(frontier);
      for (let hops = 0; hops <= max; hops++) {
        if (seen.has(to)) return hops;
        frontier = frontier
          .flatMap((id) => [...graph.references(id), ...graph.citers(id)])
          .filter((id) => !seen.has(id));
        for (const id of frontier) seen.add(id);
        if (frontier.length === 0) return null;
      }
      return null;
    };

    const from = others[2]!;
    const farthest = graph.secondaryReferences(from)[0]?.id ?? [...graph.references(from)][0]!;
    const forward = await path(from, farthest, 4, 'REFERENCES');
    expect(forward?.hops).toBe(graph.shortestPathHops(from, farthest, 4));
    expect(forward?.chain[0]).toBe(from);
    expect(forward?.chain.at(-1)).toBe(farthest);
    expect(graph.isCitationChain(forward!.chain)).toBe(true);
    expect(forward?.links).toEqual(forward!.chain.slice(1).map((cited, i) => [forward!.chain[i], cited]));

    // Backwards in time there is no chain of references, but there is one of citations.
    expect(graph.shortestPathHops(farthest, from, 4)).toBeNull();
    expect(await path(farthest, from, 4, 'REFERENCES')).toBeNull();
    const backward = await path(farthest, from, 4, 'CITATIONS');
    expect(backward?.hops).toBe(forward?.hops);
    expect(graph.isCitationChain([...backward!.chain].reverse())).toBe(true);

    // Two papers cited together are linked through their citer, though neither cites the other.
    const [coCitedPartner] = graph.coCited(from);
    const either = await path(from, coCitedPartner!.id, 4, 'BOTH');
    expect(either?.hops).toBe(undirectedHops(from, coCitedPartner!.id, 4));
    for (const [citing, cited] of either!.links) expect(graph.references(citing).has(cited)).toBe(true);
    either!.chain.slice(1).forEach((paper, i) => {
      const previous = either!.chain[i]!;
      expect(graph.references(previous).has(paper) || graph.references(paper).has(previous)).toBe(true);
    });

    const tooFar = await gql(query, { from: await idOf(from), to: await idOf(farthest), max: 7, direction: 'BOTH' });
    expect(tooFar.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

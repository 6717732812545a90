/**
 * Keyset cursors: paging every kind of connection to the end, forward and backward, neither skips
 * nor repeats an item, totalCount equals the items paged, a boundary does not move when papers are
 * added before it, and the lists equal answers computed from the records (test/oracle/).
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { makeExternalId } from '../src/ids';
import type { WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import { gql, gqlData, importOpenAlex, primaryKeyOf, realData } from './helpers';
import { CitationGraph } from './oracle/citation-graph';

interface Paged {
  items: any[];
  totalCount: number;
  pages: number;
}

/**
 * Every item of a connection, paging `size` at a time forward (first/after) or backward
 * (last/before); `select` is the connection field with `$page` where its arguments go.
 */
async function pageAll(
  query: (page: string) => string,
  pick: (data: any) => any,
  size: number,
  backward = false,
  variables: Record<string, unknown> = {},
): Promise<Paged> {
  const items: any[] = [];
  let cursor: string | null = null;
  let totalCount = -1;
  for (let pages = 1; pages < 2_000; pages++) {
    const args = backward ? `last: ${size}, before: $cursor` : `first: ${size}, after: $cursor`;
    const { data } = await gqlData(query(args), { ...variables, cursor });
    const connection = pick(data);
    totalCount = connection.totalCount;
    const nodes = connection.edges.map((edge: any) => ({ ...edge.node, ...edge, node: undefined }));
    if (backward) items.unshift(...nodes);
    else items.push(...nodes);
    const more = backward ? connection.pageInfo.hasPreviousPage : connection.pageInfo.hasNextPage;
    if (!more) return { items, totalCount, pages };
    cursor = backward ? connection.pageInfo.startCursor : connection.pageInfo.endCursor;
  }
  throw new Error('did not reach the end');
}

const PAGE_INFO = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const KEYS = 'externalIds { namespace value }';

/** The primary key (as the records have it) among a node's identifiers. */
function keyAmong(node: { externalIds: Array<{ namespace: string; value: string }> }, keys: Set<string>): string {
  for (const id of node.externalIds) {
    const key = makeExternalId(id.namespace, id.value)?.key;
    if (key && keys.has(key)) return key;
  }
  return '';
}

/** Forward and backward agree, nothing repeats, totalCount = items paged. */
function expectWholeList(forward: Paged, backward: Paged, id: (item: any) => string) {
  const ids = forward.items.map(id);
  expect(new Set(ids).size, 'an item repeated').toBe(ids.length);
  expect(forward.totalCount).toBe(ids.length);
  expect(backward.items.map(id)).toEqual(ids);
  expect(backward.totalCount).toBe(ids.length);
}

describe('keyset paging on the demo corpus', () => {
  const corpus = demoCorpus();
  const primaryKeys = new Set(corpus.map(primaryKeyOf));

  const largest = <T>(groups: Map<string, T[]>) => [...groups.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  const byVenue = new Map<string, WorkRecord[]>();
  const byKeyword = new Map<string, WorkRecord[]>();
  const byAuthor = new Map<string, WorkRecord[]>();
  for (const work of corpus) {
    if (work.venue) byVenue.set(work.venue.name, [...(byVenue.get(work.venue.name) ?? []), work]);
    for (const term of new Set(work.keywords.map((k) => k.toLowerCase().replace(/\s+/g, ' ').trim())))
      byKeyword.set(term, [...(byKeyword.get(term) ?? []), work]);
    for (const name of new Set(work.authors.filter((a) => a.orcid).map((a) => a.orcid!)))
      byAuthor.set(name, [...(byAuthor.get(name) ?? []), work]);
  }

  beforeAll(async () => {
    await writeWorks(env.DB, corpus);
  });

  /** Papers newest first (year desc, unknown last) from the records: the oracle of X.papers. */
  const newestFirst = (works: WorkRecord[]) => works.map((w) => w.year ?? Number.NEGATIVE_INFINITY);

  const paperLists = [
    ['venues', 'name', () => largest(byVenue)],
    ['keywords', 'term', () => largest(byKeyword)],
  ] as const;

  for (const [root, label, group] of paperLists) {
    it(`${root}' papers: every paper once, forward and backward, newest first, as the records say`, async () => {
      const [name, works] = group();
      const query = (page: string) => `query($cursor: String, $q: String) { ${root}(query: $q, first: 50) {
        edges { node { ${label} papers(${page}) { ${PAGE_INFO} edges { node { year ${KEYS} } } } } } } }`;
      const pick = (data: any) =>
        data[root].edges.map((e: any) => e.node).find((n: any) => n[label].toLowerCase() === name.toLowerCase()).papers;
      const forward = await pageAll(query, pick, 7, false, { q: name });
      const backward = await pageAll(query, pick, 7, true, { q: name });
      expectWholeList(forward, backward, (item) => keyAmong(item, primaryKeys));
      expect(new Set(forward.items.map((item) => keyAmong(item, primaryKeys)))).toEqual(
        new Set(works.map(primaryKeyOf)),
      );
      const years = forward.items.map((item) => item.year ?? Number.NEGATIVE_INFINITY);
      expect(years).toEqual([...newestFirst(works)].sort((a, b) => b - a));
      expect(forward.pages).toBeGreaterThan(2);
    });
  }

  it('Author.papers and Author.coauthors page to the end both ways', async () => {
    const [orcid, works] = largest(byAuthor);
    const papers = (page: string) =>
      `query($cursor: String, $orcid: String) { author(orcid: $orcid) { papers(${page}) { ${PAGE_INFO} edges { node { ${KEYS} } } } } }`;
    const forward = await pageAll(papers, (d) => d.author.papers, 3, false, { orcid });
    const backward = await pageAll(papers, (d) => d.author.papers, 3, true, { orcid });
    expectWholeList(forward, backward, (item) => keyAmong(item, primaryKeys));
    expect(forward.items.length).toBe(works.length);
    const coauthors = (page: string) =>
      `query($cursor: String, $orcid: String) { author(orcid: $orcid) { coauthors(${page}) { ${PAGE_INFO} edges { sharedPaperCount node { id } } } } }`;
    const f = await pageAll(coauthors, (d) => d.author.coauthors, 4, false, { orcid });
    const b = await pageAll(coauthors, (d) => d.author.coauthors, 4, true, { orcid });
    expectWholeList(f, b, (item) => item.id);
    const counts = f.items.map((item) => item.sharedPaperCount);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
  });

  it('the ranked relations of the hub page to the end both ways, strongest first', async () => {
    const { data } = await gqlData(
      '{ papers(first: 1, orderBy: { field: CITATION_COUNT, direction: DESC }) { edges { node { id } } } }',
    );
    const id = data.papers.edges[0].node.id;
    for (const [field, count] of [
      ['coCited', 'count'],
      ['coupled', 'count'],
      ['secondaryCitations', 'viaCount'],
      ['secondaryReferences', 'viaCount'],
      ['similar', 'score'],
      ['references', null],
    ] as const) {
      const query = (page: string) =>
        `query($cursor: String, $id: ID!) { node(id: $id) { ... on Paper { ${field}(${page}) { ${PAGE_INFO}
          edges { ${count ?? ''} node { ${field === 'references' ? 'position' : 'id'} } } } } } }`;
      const forward = await pageAll(query, (d) => d.node[field], 40, false, { id });
      const backward = await pageAll(query, (d) => d.node[field], 40, true, { id });
      expectWholeList(forward, backward, (item) => String(item.id ?? item.position));
      if (count) {
        const values = forward.items.map((item) => item[count]);
        expect(values, field).toEqual([...values].sort((x, y) => y - x));
      } else {
        expect(forward.items.map((item) => item.position)).toEqual(forward.items.map((_, i) => i + 1));
      }
    }
  });

  it('institution and keyword relations page to the end both ways', async () => {
    const { data } = await gqlData(
      '{ institutions(first: 1, orderBy: PAPER_COUNT) { edges { node { id } } } keywords(first: 1, orderBy: PAPER_COUNT) { edges { node { id } } } }',
    );
    const cases = [
      [data.institutions.edges[0].node.id, 'Institution', 'collaborators', 'sharedPaperCount'],
      [data.institutions.edges[0].node.id, 'Institution', 'authors', null],
      [data.institutions.edges[0].node.id, 'Institution', 'papers', null],
      [data.keywords.edges[0].node.id, 'Keyword', 'cooccurring', 'sharedPaperCount'],
    ] as const;
    for (const [id, type, field, count] of cases) {
      const query = (page: string) =>
        `query($cursor: String, $id: ID!) { node(id: $id) { ... on ${type} { ${field}(${page}) { ${PAGE_INFO}
          edges { ${count ?? ''} node { id } } } } } }`;
      const forward = await pageAll(query, (d) => d.node[field], 6, false, { id });
      const backward = await pageAll(query, (d) => d.node[field], 6, true, { id });
      expectWholeList(forward, backward, (item) => item.id);
      expect(forward.items.length, `${type}.${field}`).toBeGreaterThan(6);
    }
  });

  it('root lists page to the end by name and by counts; by PAPER_COUNT as the records count', async () => {
    for (const [root, count] of [
      ['authors', 'paperCount'],
      ['institutions', 'paperCount'],
      ['keywords', 'paperCount'],
      ['venues', 'paperCount'],
    ] as const) {
      for (const order of ['NAME', 'PAPER_COUNT', 'CITATION_COUNT']) {
        const query = (page: string) =>
          `query($cursor: String) { ${root}(orderBy: ${order}, ${page}) { ${PAGE_INFO} edges { node { id ${count} } } } }`;
        const forward = await pageAll(query, (d) => d[root], 100);
        const backward = await pageAll(query, (d) => d[root], 100, true);
        expectWholeList(forward, backward, (item) => item.id);
        if (order === 'PAPER_COUNT') {
          const counts = forward.items.map((item) => item[count]);
          expect(counts).toEqual([...counts].sort((x, y) => y - x));
        }
      }
    }
    const { data } = await gqlData('{ venues(orderBy: PAPER_COUNT, first: 1) { edges { node { name paperCount } } } }');
    const [venue, works] = largest(byVenue);
    expect(data.venues.edges[0].node).toEqual({ name: venue, paperCount: works.length });
  });

  it('a page boundary does not move when papers are added before it', async () => {
    const [name, works] = largest(byVenue);
    const venue = works[0]!.venue!;
    const query = `query($cursor: String, $q: String) { venues(query: $q, first: 1) { edges { node {
      papers(first: 10, after: $cursor) { ${PAGE_INFO} edges { node { id } } } } } } }`;
    const first = (await gqlData(query, { q: name, cursor: null })).data.venues.edges[0].node.papers;
    const second = (await gqlData(query, { q: name, cursor: first.pageInfo.endCursor })).data.venues.edges[0].node
      .papers;
    // Newer papers in the same venue land before the boundary, and unrelated ones anywhere else.
    const added: WorkRecord[] = [0, 1, 2, 3, 4].map((i) => ({
      ...works[0]!,
      ids: [makeExternalId('demo', `KEYSET-NEW-${i}`)!],
      title: `A paper added between pages ${i}`,
      year: 2100,
      venue: i < 3 ? venue : null,
      references: [],
      keywords: [],
      authors: [],
      doi: null,
    }));
    await writeWorks(env.DB, added);
    const again = (await gqlData(query, { q: name, cursor: first.pageInfo.endCursor })).data.venues.edges[0].node
      .papers;
    expect(again.edges).toEqual(second.edges);
    expect(again.totalCount).toBe(second.totalCount + 3);
  });

  it('refuses an offset cursor and a cursor of another connection with BAD_USER_INPUT, before any statement', async () => {
    const { data } = await gqlData('{ venues(first: 1) { edges { cursor node { id } } } }');
    for (const after of [btoa('offset:10'), data.venues.edges[0].cursor, 'garbage']) {
      const response = await gql(
        `query($id: ID!, $after: String) { node(id: $id) { ... on Venue { papers(first: 2, after: $after) { totalCount } } } }`,
        { id: data.venues.edges[0].node.id, after },
      );
      expect(response.errors?.[0]?.extensions?.code, after).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/not a cursor of Venue.papers/);
    }
  });
});

const data = realData();
describe.skipIf(!data)('keyset paging on AAN against the citation-graph oracle', () => {
  const graph = CitationGraph.fromJsonl(data?.aanWorksJsonl ?? '');
  const hub = 'https://aclanthology.org/J93-2004';
  const aclUrl = (node: any) =>
    `https://aclanthology.org/${node.externalIds.find((i: any) => i.namespace === 'acl')?.value}`;

  beforeAll(async () => {
    await importOpenAlex(data?.aanWorksJsonl ?? '');
  });

  for (const [field, count, oracle] of [
    ['secondaryCitations', 'viaCount', () => graph.secondaryCitations(hub)],
    ['coCited', 'count', () => graph.coCited(hub)],
  ] as const) {
    it(`${field} of the hub: every item once both ways, with the oracle's counts`, async () => {
      const query = (page: string) => `query($cursor: String, $id: String) { paper(externalId: $id) {
        ${field}(${page}) { ${PAGE_INFO} edges { ${count} node { ${KEYS} } } } } }`;
      const forward = await pageAll(query, (d) => d.paper[field], 100, false, { id: hub });
      const backward = await pageAll(query, (d) => d.paper[field], 100, true, { id: hub });
      expectWholeList(forward, backward, aclUrl);
      const expected = oracle();
      expect(forward.items.length).toBe(expected.length);
      expect(new Map(forward.items.map((item) => [aclUrl(item), item[count]]))).toEqual(
        new Map(expected.map((item) => [item.id, item.count])),
      );
      console.log(`${field} of J93-2004: ${expected.length} items in ${forward.pages} pages of 100`);
    });
  }

  it("first and last pages of every size 0-100 of the hub (LIMIT n in the text): the oracle's strongest n, total and more", async () => {
    const relations = [
      ['secondaryReferences', 'viaCount', graph.secondaryReferences(hub)],
      ['secondaryCitations', 'viaCount', graph.secondaryCitations(hub)],
      ['coCited', 'count', graph.coCited(hub)],
      ['coupled', 'count', graph.coupled(hub)],
    ] as const;
    const query = `query($id: String, $n: Int) { paper(externalId: $id) { ${relations
      .map(
        ([field, count]) => `${field}(first: $n) { ${PAGE_INFO} edges { ${count} } }
          last_${field}: ${field}(last: $n) { totalCount pageInfo { hasPreviousPage } edges { ${count} } }`,
      )
      .join(' ')} } }`;
    const costs = new Set<string>();
    for (let n = 0; n <= 100; n++) {
      const { data, trace } = await gqlData(query, { id: hub, n });
      costs.add(`${trace?.d1Statements} statements in ${trace?.d1RoundTrips} round trips`);
      for (const [field, count, expected] of relations) {
        const counts = expected.map((item) => item.count);
        const first = data.paper[field];
        const last = data.paper[`last_${field}`];
        const label = `${field}, n = ${n}`;
        expect(first.totalCount, label).toBe(expected.length);
        expect(
          first.edges.map((edge: any) => edge[count]),
          label,
        ).toEqual(counts.slice(0, n));
        expect(first.pageInfo.hasNextPage, label).toBe(expected.length > n);
        expect(last.totalCount, label).toBe(expected.length);
        expect(
          last.edges.map((edge: any) => edge[count]),
          label,
        ).toEqual(n ? counts.slice(-n) : []);
        expect(last.pageInfo.hasPreviousPage, label).toBe(expected.length > n);
      }
    }
    // One text per page size, but the same statements whatever the size: the lookup and the eight pages.
    expect([...costs]).toEqual(['9 statements in 1 round trips']);
  });

  it('the longest reference list pages by position both ways', async () => {
    const longest = [...graph.ids].sort((a, b) => graph.referenceEntryCount(b) - graph.referenceEntryCount(a))[0]!;
    const query = (page: string) => `query($cursor: String, $id: String) { paper(externalId: $id) {
      references(${page}) { ${PAGE_INFO} edges { node { position citedPaper { year } } } } } }`;
    const forward = await pageAll(query, (d) => d.paper.references, 7, false, { id: longest });
    const backward = await pageAll(query, (d) => d.paper.references, 7, true, { id: longest });
    expectWholeList(forward, backward, (item) => String(item.position));
    expect(forward.items.length).toBe(graph.referenceEntryCount(longest));
  });

  it('a coCited boundary does not move when unrelated papers arrive', async () => {
    const query = `query($cursor: String, $id: String) { paper(externalId: $id) {
      coCited(first: 50, after: $cursor) { pageInfo { endCursor } edges { count node { id } } } } }`;
    const first = (await gqlData(query, { id: hub, cursor: null })).data.paper.coCited;
    const second = (await gqlData(query, { id: hub, cursor: first.pageInfo.endCursor })).data.paper.coCited;
    await importOpenAlex(
      [1, 2, 3]
        .map((i) =>
          JSON.stringify({ id: `https://openalex.org/W99999000${i}`, title: `Unrelated ${i}`, publication_year: 2030 }),
        )
        .join('\n'),
    );
    const again = (await gqlData(query, { id: hub, cursor: first.pageInfo.endCursor })).data.paper.coCited;
    expect(again.edges).toEqual(second.edges);
  });
});

/**
 * The GraphQL API through the Worker's fetch, over the project's own demo corpus. Expected answers
 * are computed from the generator's records (plain TypeScript), not from the database.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';
import { citersByTargetKey, exports, gql, gqlData, primaryKeyOf } from './helpers';

const corpus = demoCorpus();
const citersByKey = citersByTargetKey(corpus);
const mostCited = [...corpus].sort(
  (a, b) => (citersByKey.get(primaryKeyOf(b))?.size ?? 0) - (citersByKey.get(primaryKeyOf(a))?.size ?? 0),
)[0]!;
const mostCitedId = `${mostCited.ids[0]!.namespace}:${mostCited.ids[0]!.value}`;

beforeAll(async () => {
  await writeWorks(env.DB, corpus);
});

describe('statement budget', () => {
  const nested = `query($n: Int!) {
    papers(first: $n, orderBy: { field: CITATION_COUNT, direction: DESC }) { totalCount edges { node {
      title
      authors { rawName author { name } institutions { name country } }
      references(first: $n) { totalCount edges { node { rawText citedPaper { title authors { author { name } } } } } }
      citedBy(first: $n) { totalCount edges { node { title venue { name } } } }
      citationCount referenceCount
    } } }
  }`;

  it('runs the nested query in the same number of D1 statements at page size 5 and 50', async () => {
    const small = await gqlData(nested, { n: 5 });
    const large = await gqlData(nested, { n: 50 });
    expect(small.data.papers.edges).toHaveLength(5);
    expect(large.data.papers.edges).toHaveLength(50);
    // The large page really is larger all the way down, so equal counts mean batching, not luck.
    const citers = (r: typeof large) =>
      r.data.papers.edges.reduce((n: number, e: any) => n + e.node.citedBy.edges.length, 0);
    expect(citers(large)).toBeGreaterThan(citers(small) * 5);
    expect(small.trace?.d1Statements).toBeGreaterThan(0);
    expect(large.trace?.d1Statements).toBe(small.trace?.d1Statements);
    console.log(`nested query: ${large.trace?.d1Statements} D1 statements at page size 5 and 50`);
  });

  it('reports what the request cost only when asked', async () => {
    const traced = await gql('{ papers(first: 1) { totalCount } }');
    expect(traced.extensions?.trace).toMatchObject({ d1Statements: 2, rowsWritten: 0 });
    expect(traced.extensions?.trace?.rowsRead).toBeGreaterThan(0);
    const untraced = await gql('{ papers(first: 1) { totalCount } }', {}, { 'x-citeql-trace': '0' });
    expect(untraced.extensions?.trace).toBeUndefined();
  });
});

describe('lookups', () => {
  it('finds a paper by external id, URL form, DOI and global id, consistently', async () => {
    const withDoi = corpus.find((work) => work.doi)!;
    const byExternal = await gqlData('query($x: String!) { paper(externalId: $x) { id title doi } }', {
      x: `demo:${withDoi.ids[0]!.value}`,
    });
    expect(byExternal.data.paper.title).toBe(withDoi.title);
    const byDoi = await gqlData('query($d: String!) { paper(doi: $d) { id } }', {
      d: `https://doi.org/${withDoi.doi}`,
    });
    expect(byDoi.data.paper.id).toBe(byExternal.data.paper.id);
    const byId = await gqlData(
      'query($id: ID!) { paper(id: $id) { title } node(id: $id) { id ... on Paper { doi } } }',
      {
        id: byExternal.data.paper.id,
      },
    );
    expect(byId.data.paper.title).toBe(withDoi.title);
    expect(byId.data.node.doi).toBe(withDoi.doi);
    const missing = await gqlData('{ paper(doi: "10.5555/not-in-citeql") { id } }');
    expect(missing.data.paper).toBeNull();
  });

  it('serves the seed paper with its byline, affiliation, keywords and four Springer references', async () => {
    const { data } = await gqlData(`{ paper(externalId: "demo:SEED-BRI") {
      title authors { rawName institutions { name } } keywords { term }
      references(first: 10) { totalCount edges { node { position sourceDatabase rawText citedPaper { id } } } }
      citedBy(first: 1) { totalCount } citationCount
    } }`);
    const seed = corpus.find((work) => primaryKeyOf(work) === 'demo:SEED-BRI')!;
    expect(data.paper.title).toContain('Belt and Road');
    expect(data.paper.authors).toEqual([
      {
        rawName: 'LIU Guobin',
        institutions: [{ name: 'College of Biological and Agricultural Engineering of Jilin University' }],
      },
    ]);
    expect(data.paper.keywords.map((k: any) => k.term)).toEqual(seed.keywords);
    expect(data.paper.references.totalCount).toBe(4);
    for (const edge of data.paper.references.edges) {
      expect(edge.node.sourceDatabase).toBe('Springer Journals Database');
      expect(edge.node.citedPaper).toBeNull();
    }
    expect(data.paper.citationCount).toBe(citersByKey.get('demo:SEED-BRI')?.size);
    expect(data.paper.citedBy.totalCount).toBe(data.paper.citationCount);
  });

  it('reaches authors, institutions, keywords and venues by id and by natural key', async () => {
    const author = corpus.flatMap((work) => work.authors).find((a) => a.orcid)!;
    const institution =
      author.institutions[0] ?? corpus.flatMap((w) => w.authors.flatMap((a) => a.institutions)).find((i) => i.ror)!;
    const venue = corpus.find((work) => work.venue?.issn)!.venue!;
    const term = corpus[0]!.keywords[0]!;
    const { data } = await gqlData(
      `query($orcid: String!, $ror: String!, $issn: String!, $term: String!) {
        author(orcid: $orcid) { id name orcid paperCount papers(first: 100) { totalCount } }
        institution(ror: $ror) { id name ror paperCount papers(first: 1) { totalCount } authors(first: 5) { totalCount } }
        venue(issn: $issn) { id name paperCount papers(first: 1) { totalCount } }
        keyword(term: $term) { id term paperCount papers(first: 1) { totalCount } }
      }`,
      { orcid: `https://orcid.org/${author.orcid}`, ror: institution.ror, issn: venue.issn, term: term.toUpperCase() },
    );
    const papersOf = (test: (work: (typeof corpus)[number]) => boolean) => corpus.filter(test).length;
    expect(data.author.name).toBe(author.name);
    expect(data.author.paperCount).toBe(papersOf((w) => w.authors.some((a) => a.orcid === author.orcid)));
    expect(data.author.papers.totalCount).toBe(data.author.paperCount);
    expect(data.institution.paperCount).toBe(
      papersOf((w) => w.authors.some((a) => a.institutions.some((i) => i.ror === institution.ror))),
    );
    expect(data.venue.paperCount).toBe(papersOf((w) => w.venue?.issn === venue.issn));
    expect(data.keyword.paperCount).toBe(
      papersOf((w) => w.keywords.some((k) => k.toLowerCase() === term.toLowerCase())),
    );
    const again = await gqlData(
      'query($a: ID!, $i: ID!, $v: ID!, $k: ID!) { author(id: $a) { name } institution(id: $i) { name } venue(id: $v) { name } keyword(id: $k) { term } }',
      { a: data.author.id, i: data.institution.id, v: data.venue.id, k: data.keyword.id },
    );
    expect(again.data).toEqual({
      author: { name: data.author.name },
      institution: { name: data.institution.name },
      venue: { name: data.venue.name },
      keyword: { term: data.keyword.term },
    });
  });
});

describe('transport', () => {
  it('answers GET queries, and resolves several nodes at once', async () => {
    const query = encodeURIComponent('{ papers(first: 3) { totalCount edges { node { id title } } } }');
    const response = await exports.default.fetch(`http://citeql.test/graphql?query=${query}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.data.papers.totalCount).toBe(corpus.length);
    const ids = body.data.papers.edges.map((edge: any) => edge.node.id);
    const { data } = await gqlData('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Paper { title } } }', { ids });
    expect(data.nodes.map((node: any) => node.id)).toEqual(ids);
    expect(data.nodes.map((node: any) => node.title)).toEqual(
      body.data.papers.edges.map((edge: any) => edge.node.title),
    );
  });

  it('says what is wrong with a request that is not GraphQL', async () => {
    const response = await exports.default.fetch('http://citeql.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ not json',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors[0].message).toMatch(/JSON/i);
  });
});

describe('paging', () => {
  it('walks citedBy forwards and backwards without skipping or repeating', async () => {
    const query = `query($x: String!, $first: Int, $after: String, $last: Int, $before: String) {
      paper(externalId: $x) { citedBy(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }
      } } }`;
    const forward: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const response: { data: any } = await gqlData(query, { x: mostCitedId, first: 17, after });
      const page: any = response.data.paper.citedBy;
      total = page.totalCount;
      forward.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBe(citersByKey.get(primaryKeyOf(mostCited))?.size);
    expect(forward).toHaveLength(total);
    expect(new Set(forward).size).toBe(total);

    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const response: { data: any } = await gqlData(query, { x: mostCitedId, last: 23, before });
      const page: any = response.data.paper.citedBy;
      backward.unshift(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('orders papers by citation count as the records say', async () => {
    const { data } = await gqlData(
      '{ papers(first: 3, orderBy: { field: CITATION_COUNT, direction: DESC }) { edges { node { citationCount } } } }',
    );
    const expected = [...citersByKey.values()]
      .map((s) => s.size)
      .sort((a, b) => b - a)
      .slice(0, 3);
    expect(data.papers.edges.map((e: any) => e.node.citationCount)).toEqual(expected);
  });
});

describe('bad input', () => {
  const codeOf = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await gql(query, variables);
    expect(response.errors?.length, JSON.stringify(response)).toBeGreaterThan(0);
    return { code: response.errors?.[0]?.extensions?.code, message: response.errors?.[0]?.message ?? '' };
  };

  it('rejects page sizes over 100 instead of capping them silently', async () => {
    const error = await codeOf('{ papers(first: 101) { totalCount } }');
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('between 0 and 100');
    const nested = await codeOf('{ papers(first: 1) { edges { node { citedBy(first: 500) { totalCount } } } } }');
    expect(nested.code).toBe('BAD_USER_INPUT');
  });

  it('names the problem for malformed ids, cursors and lookups', async () => {
    expect((await codeOf('{ papers(first: 1, after: "nonsense") { totalCount } }')).code).toBe('BAD_USER_INPUT');
    expect((await codeOf('{ node(id: "not-an-id") { id } }')).code).toBe('BAD_USER_INPUT');
    expect((await codeOf('{ paper { id } }')).message).toContain('exactly one of');
    expect((await codeOf('{ paper(doi: "10.1/x", externalId: "acl:P08-1001") { id } }')).code).toBe('BAD_USER_INPUT');
    expect((await codeOf('{ paper(externalId: "nonsense") { id } }')).message).toContain('namespace:value');
    expect((await codeOf('{ paper(doi: "not a doi") { id } }')).code).toBe('BAD_USER_INPUT');
    const wrongType = await gqlData('{ papers(first: 1) { edges { node { id } } } }');
    const paperId = wrongType.data.papers.edges[0].node.id;
    expect((await codeOf('query($id: ID!) { author(id: $id) { name } }', { id: paperId })).message).toContain(
      'is a Paper id; this field takes an Author id',
    );
  });

  it('prices graph relations per paper and refuses an overpriced query before any D1 statement', async () => {
    const within = await gql('{ papers(first: 20) { edges { node { coCited(first: 1) { totalCount } } } } }');
    expect(within.errors).toBeUndefined();
    const over = await gql(`{ papers(first: 60) { edges { node {
      coCited(first: 1) { totalCount } coupled(first: 1) { totalCount } } } } }`);
    expect(over.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(over.errors?.[0]?.message).toContain('split it');
    const cost = over.extensions!.cost!;
    expect(cost.requested).toBeGreaterThan(cost.limit);
    expect(over.errors?.[0]?.extensions).toMatchObject({ cost: cost.requested, limit: cost.limit });
    expect(over.extensions?.trace?.d1Statements).toBe(0);
  });

  it('refuses queries deeper than 12 levels', async () => {
    const deep = `{ papers(first: 1) { edges { node { citedBy(first: 1) { edges { node { citedBy(first: 1) { edges { node {
      citedBy(first: 1) { edges { node { citedBy(first: 1) { edges { node { title } } } } } } } } } } } } } } } }`;
    const error = await codeOf(deep);
    expect(error.code).toBe('QUERY_TOO_DEEP');
  });

  it('refuses variables that do not coerce (BAD_USER_INPUT) and a document with no operation to run, with 400', async () => {
    const cases: Array<[string, Record<string, unknown>, string | undefined, string, RegExp]> = [
      ['query($n: Int) { papers(first: $n) { totalCount } }', { n: 2.5 }, undefined, 'BAD_USER_INPUT', /non-integer/],
      ['query($n: Int) { papers(first: $n) { totalCount } }', { n: '10' }, undefined, 'BAD_USER_INPUT', /Int cannot/],
      [
        'query($id: String!) { paper(externalId: $id) { title } }',
        {},
        undefined,
        'BAD_USER_INPUT',
        /"\$id" of required/,
      ],
      // Yoga resolves the operation before execution, with a code of its own.
      ['query A { __typename } query B { __typename }', {}, undefined, 'OPERATION_RESOLUTION_FAILURE', /operation/],
      ['query A { __typename }', {}, 'B', 'OPERATION_RESOLUTION_FAILURE', /Could not determine what operation/],
    ];
    for (const [query, variables, operationName, code, message] of cases) {
      const response = await exports.default.fetch('http://citeql.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-citeql-trace': '1' },
        body: JSON.stringify({ query, variables, operationName }),
      });
      const body = (await response.json()) as any;
      expect(response.status, query).toBe(400);
      expect(body.data, query).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code, query).toBe(code);
      expect(body.errors?.[0]?.message, query).toMatch(message);
      expect(body.extensions?.trace?.d1Statements ?? 0, query).toBe(0);
    }
  });

  it('refuses @defer and @stream as unknown directives: CiteQL streams nothing (graphql-js executes)', async () => {
    for (const query of [
      '{ paper(externalId: "demo:SEED-BRI") { title ... @defer { year } } }',
      '{ paper(externalId: "demo:SEED-BRI") { citedBy(first: 2) { edges @stream { node { title } } } } }',
    ]) {
      const response = await gql(query);
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0]?.message).toMatch(/Unknown directive "@(defer|stream)"/);
      expect(response.extensions?.trace?.d1Statements ?? 0).toBe(0);
    }
  });
});

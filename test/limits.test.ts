/**
 * Bounded cost: the hostile requests of the bounded-cost issue, each refused with its own code
 * (before any D1 statement where the refusal comes before execution), and the next ordinary
 * request still answered. Over the demo corpus.
 */
import { env } from 'cloudflare:test';
import { getIntrospectionQuery } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';
import { LIMITS } from '../src/limits';
import { NODE_PAGE_QUERY } from '../src/persisted-documents';
import { RATE_LIMIT_POLICY } from '../src/rate-limit';
import { exports, gql } from './helpers';

const worker = exports.default;
const corpus = demoCorpus();
const SEED = 'demo:SEED-BRI';

beforeAll(async () => {
  await writeWorks(env.DB, corpus);
});

async function post(body: string, headers: Record<string, string> = {}) {
  return worker.fetch('http://citeql.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-citeql-trace': '1', ...headers },
    body,
  });
}

/** Refused with `code`, having run no D1 statement; and an ordinary request is answered after it. */
async function expectRefusedBeforeD1(query: string, code: string, variables: Record<string, unknown> = {}) {
  const response = await gql(query, variables);
  expect(response.errors?.map((error) => error.extensions?.code)).toContain(code);
  expect(response.data ?? null).toBeNull();
  expect(response.extensions?.trace?.d1Statements ?? 0).toBe(0);
  const next = await gql('query($id: String!) { paper(externalId: $id) { title } }', { id: SEED });
  expect(next.errors).toBeUndefined();
  expect(typeof next.data?.paper?.title).toBe('string');
  return response;
}

const aliases = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }`;

describe('cost', () => {
  it('answers the README node page and says what it cost, well under the limit', async () => {
    const response = await gql(NODE_PAGE_QUERY, { id: SEED });
    expect(response.errors).toBeUndefined();
    expect(response.data?.paper?.title).toBeTruthy();
    const cost = response.extensions?.cost;
    expect(cost?.limit).toBe(LIMITS.maxCost);
    expect(cost?.requested).toBeGreaterThan(0);
    expect(cost!.requested * 3).toBeLessThan(cost!.limit);
  });

  it('refuses papers x citedBy x references at page size 100, even alone', async () => {
    const response = await expectRefusedBeforeD1(
      `{ papers(first:100, orderBy:{field:CITATION_COUNT, direction:DESC}) { edges { node { citedBy(first:100) {
        edges { node { references(first:100) { totalCount edges { node { rawText citedPaper { title citationCount } } } }
      } } } } } } }`,
      'QUERY_TOO_COMPLEX',
    );
    const error = response.errors![0]!;
    expect(error.extensions?.cost).toBe(response.extensions?.cost?.requested);
    expect(error.extensions?.limit).toBe(LIMITS.maxCost);
    expect(error.message).toMatch(/limit is 1000000/);
  });

  it('prices variables, fragments and aliases as written', async () => {
    const byVariable = await gql(
      'query($n: Int!) { papers(first: $n) { edges { node { citedBy(first: $n) { totalCount } } } } }',
      {
        n: 100,
      },
    );
    const literal = await gql('{ papers(first: 100) { edges { node { citedBy(first: 100) { totalCount } } } } }');
    expect(byVariable.extensions?.cost?.requested).toBe(literal.extensions?.cost?.requested);
    const viaFragment = await gql(
      'fragment C on Paper { citedBy(first: 100) { totalCount } } { papers(first: 100) { edges { node { ...C } } } }',
    );
    expect(viaFragment.extensions?.cost?.requested).toBe(literal.extensions?.cost?.requested);
    const twice = await gql(`{ a: papers(first: 100) { edges { node { citedBy(first: 100) { totalCount } } } }
      b: papers(first: 100) { edges { node { citedBy(first: 100) { totalCount } } } } }`);
    expect(twice.extensions?.cost?.requested).toBe(2 * literal.extensions!.cost!.requested);
  });

  it('refuses 16 citation paths of 6 hops either way', async () => {
    const ids = await gql('{ papers(first: 2) { edges { node { id } } } }');
    const [from, to] = ids.data?.papers.edges.map((edge: any) => edge.node.id) ?? [];
    const path = `citationPath(from: "${from}", to: "${to}", maxHops: 6, direction: BOTH) { hops }`;
    await expectRefusedBeforeD1(aliases(16, path), 'QUERY_TOO_COMPLEX');
  });

  it('refuses 100 aliases of the most expensive ordering, and 1,000 aliases of anything', async () => {
    const top = 'papers(first: 1, orderBy: {field: TITLE, direction: DESC}) { edges { node { title } } }';
    await expectRefusedBeforeD1(aliases(100, top), 'QUERY_TOO_COMPLEX');
    await expectRefusedBeforeD1(aliases(101, `paper(externalId: "${SEED}") { title }`), 'TOO_MANY_ALIASES');
    // 1,000 aliases do not fit in the document size limit to begin with.
    await expectRefusedBeforeD1(aliases(1000, `paper(externalId: "${SEED}") { title }`), 'DOCUMENT_TOO_LARGE');
  });

  it('stops issuing statements once the request has read its rows, and names the fields it left', async () => {
    // The allowance is checked before each round trip: the lookup reads at least one row, so every
    // statement of the next round trip is refused. (The fields of the node page go with the lookup,
    // src/schema/prefetch.ts; these two do not.)
    const response = await gql(
      `query($id: String!) { paper(externalId: $id) { title referenceCount externalIds { namespace } } }`,
      { id: SEED },
      { 'x-citeql-max-rows-read': '1' },
    );
    const codes = new Set(response.errors?.map((error) => error.extensions?.code));
    expect(codes).toEqual(new Set(['ROWS_READ_LIMIT']));
    expect(response.errors?.every((error) => Array.isArray(error.path))).toBe(true);
    // A limit above the server's is ignored: the client may only lower it.
    const raised = await gql(NODE_PAGE_QUERY, { id: SEED }, { 'x-citeql-max-rows-read': '999999999999' });
    expect(raised.errors).toBeUndefined();
  });
});

describe('document limits', () => {
  it('refuses too many tokens while parsing: 4,000 copies of one field', async () => {
    await expectRefusedBeforeD1(`{ paper(externalId: "${SEED}") { ${'title '.repeat(4000)} } }`, 'TOO_MANY_TOKENS');
  });

  it('refuses a field asked for many times in one selection set (graphql-js compares them pairwise)', async () => {
    await expectRefusedBeforeD1(`{ paper(externalId: "${SEED}") { ${'title '.repeat(3990)} } }`, 'TOO_MANY_FIELDS');
    await expectRefusedBeforeD1(`{ paper(externalId: "${SEED}") { ${'title '.repeat(11)} } }`, 'TOO_MANY_FIELDS');
    const fragments = Array.from({ length: 5 }, (_, f) => `fragment F${f} on Paper { ${'title '.repeat(3)} }`);
    await expectRefusedBeforeD1(
      `${fragments.join(' ')} { paper(externalId: "${SEED}") { ...F0 ...F1 ...F2 ...F3 ...F4 } }`,
      'TOO_MANY_FIELDS',
    );
    const tenTimes = await gql(`{ paper(externalId: "${SEED}") { ${'title '.repeat(10)} } }`);
    expect(tenTimes.errors).toBeUndefined();
  });

  it('refuses deep documents, counting through fragments, and 5,000 nested brackets before parsing', async () => {
    const deep = `{ papers(first: 1) { edges { node { citedBy(first: 1) { edges { node { citedBy(first: 1) { edges { node {
      citedBy(first: 1) { edges { node { citedBy(first: 1) { edges { node { title } } } } } } } } } } } } } } } }`;
    await expectRefusedBeforeD1(deep, 'QUERY_TOO_DEEP');
    const viaFragments = `fragment A on Paper { citedBy(first: 1) { edges { node { ...B } } } }
      fragment B on Paper { citedBy(first: 1) { edges { node { ...C } } } }
      fragment C on Paper { citedBy(first: 1) { edges { node { ...D } } } }
      fragment D on Paper { citedBy(first: 1) { edges { node { title } } } }
      { paper(externalId: "${SEED}") { ...A } }`;
    await expectRefusedBeforeD1(viaFragments, 'QUERY_TOO_DEEP');
    await expectRefusedBeforeD1(`{${'a{'.repeat(5000)}b${'}'.repeat(5001)}`, 'QUERY_TOO_DEEP');
  });

  it('refuses fragments that double at every level (23 levels) in one linear pass, without walking 2^23 spreads', async () => {
    const fragments = ['fragment F0 on Paper { title }'];
    for (let level = 1; level <= 23; level++) {
      fragments.push(`fragment F${level} on Paper { ...F${level - 1} ...F${level - 1} }`);
    }
    // F23 asks for `title` 2^23 times: refused by the same-name field limit, counted per fragment once.
    await expectRefusedBeforeD1(
      `{ paper(externalId: "${SEED}") { ...F23 } } ${fragments.join(' ')}`,
      'TOO_MANY_FIELDS',
    );
  });

  it('refuses too many directives, long strings and long lists', async () => {
    const directives = Array.from({ length: 60 }, () => '@include(if: true)').join(' ');
    await expectRefusedBeforeD1(`{ paper(externalId: "${SEED}") { title ${directives} } }`, 'TOO_MANY_DIRECTIVES');
    await expectRefusedBeforeD1(`{ paper(externalId: "${'x'.repeat(3000)}") { title } }`, 'ARGUMENT_TOO_LONG');
    await expectRefusedBeforeD1('query($id: String!) { paper(externalId: $id) { title } }', 'ARGUMENT_TOO_LONG', {
      id: 'x'.repeat(3000),
    });
    const ids = Array.from({ length: 101 }, (_, index) => `"UGFwZXI6${index}"`).join(', ');
    await expectRefusedBeforeD1(`{ nodes(ids: [${ids}]) { id } }`, 'TOO_MANY_ITEMS');
    await expectRefusedBeforeD1('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', 'TOO_MANY_ITEMS', {
      ids: Array.from({ length: 101 }, (_, index) => `id${index}`),
    });
    const hundredThousand = Array.from({ length: 100_000 }, (_, index) => `id${index}`);
    const response = await post(
      JSON.stringify({ query: '{ nodes(ids: $ids) { id } }', variables: { ids: hundredThousand } }),
    );
    expect(response.status).toBe(413);
    await response.arrayBuffer();
  });

  it('refuses a large document or variables with their own codes, and a huge body unread', async () => {
    const padded = `{ paper(externalId: "${SEED}") { title } } ${'#'.repeat(LIMITS.maxDocumentBytes)}`;
    await expectRefusedBeforeD1(padded, 'DOCUMENT_TOO_LARGE');
    const manyStrings = Array.from({ length: 50 }, () => 'y'.repeat(2000));
    await expectRefusedBeforeD1('query($x: [String]) { __typename }', 'VARIABLES_TOO_LARGE', { x: manyStrings });
    for (const body of [
      JSON.stringify({ query: `{ __typename } #${'x'.repeat(10 * 1024 * 1024)}` }),
      JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(6 * 1024 * 1024) } }),
    ]) {
      const response = await post(body);
      expect(response.status).toBe(413);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('REQUEST_TOO_LARGE');
    }
  });

  it("answers GraphiQL's introspection query", async () => {
    const response = await gql(getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    expect(response.data?.__schema?.queryType?.name).toBe('Query');
  });
});

describe('client errors are client errors', () => {
  it('answers an identifier whose %-escape does not decode with BAD_USER_INPUT', async () => {
    for (const query of [
      '{ paper(doi: "https://doi.org/10.1/%E0%A4%A") { title } }',
      '{ paper(externalId: "https://doi.org/10.1/%E0%A4%A") { title } }',
    ]) {
      const response = await gql(query);
      expect(response.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
  });

  it('answers a GET with malformed variables with 400 and a code', async () => {
    const response = await worker.fetch('http://citeql.test/graphql?query=%7B__typename%7D&variables=%7Bbad');
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('shows no stack, file path or original error, as in production', async () => {
    const response = await gql('query($id: ID!) { node(id: $id) { id } }', { id: 'not base64 at all %%%' });
    const text = JSON.stringify(response);
    expect(text).not.toMatch(/originalError|stack|\.ts:|at [A-Za-z]+ \(/);
  });
});

describe('CORS', () => {
  it('lets any origin read, never with credentials', async () => {
    const response = await post(JSON.stringify({ query: '{ __typename }' }), { origin: 'https://evil.example' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await worker.fetch('http://citeql.test/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('rate limiting by cost', () => {
  const from = (ip: string) => ({ 'cf-connecting-ip': ip });

  it('meets 429s for 40 README node pages in a row, and none for 40 lookups', async () => {
    const body = JSON.stringify({ query: NODE_PAGE_QUERY, variables: { id: SEED } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let request = 0; request < 40; request++) {
      const response = await post(body, from('192.0.2.1'));
      statuses.push(response.status);
      expect(response.headers.get('ratelimit-policy')).toMatch(/^"cost";q=\d+;w=\d+$/);
      expect(response.headers.get('ratelimit')).toMatch(/^"cost";r=\d+;t=\d+$/);
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after');
        expect(((await response.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
      } else await response.arrayBuffer();
    }
    expect(statuses[0]).toBe(200);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);

    const lookup = JSON.stringify({ query: `{ paper(externalId: "${SEED}") { title } }` });
    for (let request = 0; request < 40; request++) {
      const response = await post(lookup, from('192.0.2.2'));
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
  });
});

describe('rate limiting: spends sent together', () => {
  it("a client's spends reach its bucket together, within a second, without a call per request", async () => {
    const client = { 'cf-connecting-ip': '192.0.2.77' };
    const body = JSON.stringify({ query: NODE_PAGE_QUERY, variables: { id: SEED } });
    const started = Date.now();
    let spent = 0;
    for (let request = 0; request < 6; request++) {
      const response = await post(body, client);
      expect(response.status).toBe(200);
      spent += ((await response.json()) as any).extensions.cost.requested;
    }
    // The first request waited for the bucket; the next five ran on this isolate's estimate, and
    // their spends are sent after a second, in one call.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const bucket = env.COST_BUCKET.get(env.COST_BUCKET.idFromName('192.0.2.77'));
    const { remaining } = await bucket.settleSpent(0);
    const { capacity, refillPerSecond } = RATE_LIMIT_POLICY;
    const refilledAtMost = ((Date.now() - started) / 1000) * refillPerSecond;
    expect(remaining).toBeGreaterThanOrEqual(Math.floor(capacity - spent));
    expect(remaining).toBeLessThanOrEqual(Math.min(capacity, capacity - spent + refilledAtMost));
    expect(capacity - spent).toBeLessThan(capacity - 5 * 50_000); // six node pages are a real spend
  });
});

describe('root lookups', () => {
  it('answers 100 aliases of paper(externalId:), paper(doi:) and author(id:) in at most two statements each', async () => {
    const works = corpus.filter((work) => work.doi).slice(0, 100);
    const byExternalId = await gql(aliases(100, `paper(externalId: "${SEED}") { title }`));
    expect(byExternalId.errors).toBeUndefined();
    expect(byExternalId.extensions?.trace?.d1Statements).toBeLessThanOrEqual(2);
    const byDoi = await gql(
      `{ ${works.map((work, index) => `d${index}: paper(doi: "https://doi.org/${work.doi}") { doi }`).join(' ')} }`,
    );
    expect(byDoi.errors).toBeUndefined();
    expect(Object.values(byDoi.data ?? {}).map((paper: any) => paper?.doi?.toLowerCase())).toEqual(
      works.map((work) => work.doi!.toLowerCase()),
    );
    expect(byDoi.extensions?.trace?.d1Statements).toBeLessThanOrEqual(2);
  });
});

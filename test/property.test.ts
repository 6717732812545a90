/**
 * Property-based tests (fast-check) through the Worker's fetch, every limit on, over the demo
 * corpus: random documents walked from the schema, and random strings in every identifier and
 * cursor argument. Runs are random each time; on a failure fast-check prints the seed and the
 * shrunk counterexample.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import worker from '../src/index';
import { writeWorks } from '../src/ingest/write';
import { LIMITS } from '../src/limits';
import {
  cursorString,
  documentArbitrary,
  type GeneratedRequest,
  identifierString,
  type Samples,
} from './graphql-arbitraries';

const corpus = demoCorpus();
const schema = buildSchema(inject('committedSchema'));

/** Codes of the limits a document or its variables can break (src/plugins/*). */
const LIMIT_CODES = [
  'TOO_MANY_TOKENS',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'ARGUMENT_TOO_LONG',
  'TOO_MANY_ITEMS',
  'DOCUMENT_TOO_LARGE',
  'VARIABLES_TOO_LARGE',
  'QUERY_TOO_COMPLEX',
  'RESPONSE_TOO_LARGE',
];

interface Answer {
  status: number;
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<
      { message: string; path?: unknown[]; extensions?: Record<string, unknown> } & Record<string, unknown>
    >;
    extensions?: { cost?: { requested: unknown; limit: unknown } };
  } | null;
}

/**
 * POSTs to the Worker's fetch handler itself, without CF-Connecting-IP (so not rate limited). Not
 * through `exports.default.fetch` as the other tests do: there each request is slower than the one
 * before (cloudflare/workers-sdk#15446), and these tests send a few thousand.
 */
async function post(request: GeneratedRequest): Promise<Answer> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request('http://citeql.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    }) as Parameters<typeof worker.fetch>[0],
    env,
    ctx,
  );
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, text, body };
}

/**
 * graphql-js's variable coercion errors ("Variable "$v0" got invalid value ...") are request
 * errors that Yoga sends without a code; every other error must carry one.
 */
function isVariableCoercionError(error: { message: string; path?: unknown[] }): boolean {
  return !error.path && /^Variable "\$\w+" /.test(error.message);
}

/** What must never be seen in an answer, whatever was asked. */
function problemsOf(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  const bytes = new TextEncoder().encode(answer.text).length;
  if (bytes > LIMITS.maxResponseBytes) problems.push(`a ${bytes}-byte response`);
  const { body } = answer;
  if (!body) return [...problems, `a body that is not JSON: ${answer.text.slice(0, 200)}`];
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' && !isVariableCoercionError(error)) {
      problems.push(`an error without a code: ${error.message}`);
    }
    if (error.message === 'Unexpected error.' || code === 'INTERNAL_SERVER_ERROR') {
      problems.push(`a masked error at ${JSON.stringify(error.path)}`);
    }
    if (
      'stack' in error ||
      (error.extensions && ('originalError' in error.extensions || 'stack' in error.extensions))
    ) {
      problems.push(`an error with internals: ${JSON.stringify(error).slice(0, 300)}`);
    }
    if (/\bSELECT\b|SQLITE|sqlite|\bD1_/.test(error.message)) problems.push(`SQL in an error: ${error.message}`);
    const { cost, limit } = error.extensions ?? {};
    if (code === 'QUERY_TOO_COMPLEX' && !(typeof limit === 'number' && Number(cost) > limit)) {
      problems.push(`QUERY_TOO_COMPLEX without cost over limit: ${JSON.stringify(error.extensions)}`);
    }
  }
  // Every operation that reached execution is priced, and says so.
  if ('data' in body) {
    const cost = body.extensions?.cost;
    if (typeof cost?.requested !== 'number' || cost.limit !== LIMITS.maxCost) {
      problems.push(`an executed answer without extensions.cost: ${JSON.stringify(body.extensions)}`);
    }
  }
  return problems;
}

/** Keys of the corpus as clients write them, and real global ids read back through the API. */
async function samplesOf(): Promise<Samples> {
  const works = corpus.filter((_, index) => index % 7 === 0);
  const unique = (values: Array<string | null | undefined>) => [...new Set(values.filter((v): v is string => !!v))];
  const page = await post({
    query: `{ papers(first: 100, orderBy: { field: CITATION_COUNT, direction: DESC }) { edges { node {
      id venue { id } keywords { id } authors { author { id } institutions { id } }
    } } } }`,
    variables: {},
  });
  const globalIds = unique(
    JSON.stringify(page.body?.data)
      .match(/"id":"[^"]+"/g)
      ?.map((m) => m.slice(6, -1)) ?? [],
  );
  if (globalIds.length < 100) throw new Error(`too few ids read back: ${page.text.slice(0, 300)}`);
  const authors = works.flatMap((work) => work.authors);
  const institutions = authors.flatMap((authorship) => authorship.institutions);
  return {
    dois: unique(works.flatMap((work) => [work.doi, work.doi && `https://doi.org/${work.doi}`])),
    externalIds: unique(works.flatMap((work) => work.ids.map((id) => `${id.namespace}:${id.value}`))),
    orcids: unique(authors.flatMap((author) => [author.orcid, author.orcid && `https://orcid.org/${author.orcid}`])),
    rors: unique(institutions.map((institution) => institution.ror)),
    issns: unique(works.map((work) => work.venue?.issn)),
    terms: unique(works.flatMap((work) => work.keywords)),
    globalIds,
  };
}

let samples: Samples;

beforeAll(async () => {
  await writeWorks(env.DB, corpus);
  samples = await samplesOf();
  for (const [name, values] of Object.entries(samples)) {
    if (values.length === 0) throw new Error(`no ${name} in the demo corpus sample`);
  }
});

describe('random documents from the schema', () => {
  it('never answer with a 5xx, an unmasked or codeless error, or an oversized response', async () => {
    const outcomes = { executed: 0, validationFailed: 0, limited: 0, badInput: 0 };
    await fc.assert(
      fc.asyncProperty(documentArbitrary(schema, samples, { maxDepth: 6 }), async (request) => {
        const answer = await post(request);
        expect(problemsOf(answer)).toEqual([]);
        const codes = (answer.body?.errors ?? []).map((error) => error.extensions?.code);
        if (codes.some((code) => code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED')) {
          outcomes.validationFailed += 1;
        } else if (codes.some((code) => LIMIT_CODES.includes(String(code)))) outcomes.limited += 1;
        else if (codes.length > 0) outcomes.badInput += 1;
        else outcomes.executed += 1;
      }),
      { numRuns: 300 },
    );
    // Mostly documents that run, or the property would say little.
    console.log(`random documents: ${JSON.stringify(outcomes)}`);
    expect(outcomes.executed + outcomes.badInput).toBeGreaterThan(outcomes.validationFailed);
  });
});

interface Target {
  /** The argument under test, as `field(arg:)`. */
  name: string;
  query: string;
  /** Variables: `$v` is the random string; `$w` a real id of the right type where the query has one. */
  variables: (value: string) => Record<string, unknown>;
  /** A cursor argument: also given near-misses of the cursor format. */
  cursor?: true;
}

const paperId = () =>
  samples.globalIds.find((id) => atob(id.replace(/-/g, '+').replace(/_/g, '/')).startsWith('Paper:'))!;
const lookup = (field: string, arg: string, type: 'ID' | 'String'): Target => ({
  name: `${field}(${arg}:)`,
  query: `query($v: ${type}!) { ${field}(${arg}: $v) { __typename id } }`,
  variables: (value) => ({ v: value }),
});

const targets: Target[] = [
  lookup('paper', 'id', 'ID'),
  lookup('paper', 'doi', 'String'),
  lookup('paper', 'externalId', 'String'),
  lookup('author', 'id', 'ID'),
  lookup('author', 'orcid', 'String'),
  lookup('institution', 'id', 'ID'),
  lookup('institution', 'ror', 'String'),
  lookup('keyword', 'id', 'ID'),
  lookup('keyword', 'term', 'String'),
  lookup('venue', 'id', 'ID'),
  lookup('venue', 'issn', 'String'),
  lookup('node', 'id', 'ID'),
  {
    name: 'nodes(ids:)',
    query: 'query($v: ID!, $w: ID!) { nodes(ids: [$w, $v, $w]) { __typename id } }',
    variables: (value) => ({ v: value, w: paperId() }),
  },
  {
    name: 'citationPath(from:)',
    query: 'query($v: ID!, $w: ID!) { citationPath(from: $v, to: $w, direction: BOTH) { hops papers { id } } }',
    variables: (value) => ({ v: value, w: paperId() }),
  },
  {
    name: 'citationPath(to:)',
    query: 'query($v: ID!, $w: ID!) { citationPath(from: $w, to: $v) { hops links { source target } } }',
    variables: (value) => ({ v: value, w: paperId() }),
  },
  {
    name: 'papers(after:)',
    cursor: true,
    query:
      'query($v: String!) { papers(first: 3, after: $v) { edges { cursor node { id } } pageInfo { hasNextPage } } }',
    variables: (value) => ({ v: value }),
  },
  {
    name: 'papers(before:)',
    cursor: true,
    query:
      'query($v: String!) { papers(last: 3, before: $v) { totalCount edges { cursor } pageInfo { startCursor } } }',
    variables: (value) => ({ v: value }),
  },
  {
    name: 'Paper.citedBy(after:)',
    cursor: true,
    query: 'query($v: String!, $w: ID!) { paper(id: $w) { citedBy(first: 2, after: $v) { edges { cursor } } } }',
    variables: (value) => ({ v: value, w: paperId() }),
  },
  {
    name: 'Paper.references(before:)',
    cursor: true,
    query: 'query($v: String!, $w: ID!) { paper(id: $w) { references(last: 2, before: $v) { totalCount } } }',
    variables: (value) => ({ v: value, w: paperId() }),
  },
];

/** Either data (possibly null) and no errors, or errors that are all the client's: bad input or a limit. */
function stringProblemsOf(answer: Answer): string[] {
  const problems = problemsOf(answer);
  const errors = answer.body?.errors ?? [];
  if (errors.length === 0 && !answer.body?.data) problems.push('neither data nor errors');
  for (const error of errors) {
    const code = String(error.extensions?.code);
    if (code !== 'BAD_USER_INPUT' && !LIMIT_CODES.includes(code)) problems.push(`${code}: ${error.message}`);
  }
  return problems;
}

describe('QUERY_TOO_COMPLEX', () => {
  it('always comes with extensions.cost over extensions.limit', async () => {
    const answer = await post({
      query: '{ papers(first: 100) { edges { node { coupled(last: 1) { totalCount } } } } }',
      variables: {},
    });
    for (const error of answer.body?.errors ?? []) {
      expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(Number(error.extensions?.cost)).toBeGreaterThan(Number(error.extensions?.limit));
    }
  });
});

describe('random strings in every identifier and cursor argument', () => {
  for (const target of targets) {
    it(`${target.name}: data, null or BAD_USER_INPUT`, async () => {
      const strings = target.cursor ? fc.oneof(cursorString, identifierString(samples)) : identifierString(samples);
      await fc.assert(
        fc.asyncProperty(strings, async (value) => {
          const answer = await post({ query: target.query, variables: target.variables(value) });
          expect(stringProblemsOf(answer), JSON.stringify(answer.body).slice(0, 500)).toEqual([]);
        }),
        { numRuns: 200, examples: [['https://doi.org/%E0%A4%A'], [btoa('Query:1')], [btoa('offset:0')]] },
      );
    });
  }
});

/**
 * The edge cache (src/edge-cache.ts) through the Worker's fetch, over the demo corpus: GET answers
 * are kept and revalidated, an import changes the answer at once, and answers with a trace or
 * errors are never kept.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';
import { exports } from './helpers';

const worker = exports.default;
const corpus = demoCorpus();
const seed = corpus.find((work) => work.ids.some((id) => id.key === 'demo:SEED-BRI'))!;
const QUERY = 'query($id: String!) { paper(externalId: $id) { title citedBy(first: 3) { totalCount } } }';

function get(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const url = new URL('http://citeql.test/graphql');
  url.searchParams.set('query', query);
  url.searchParams.set('variables', JSON.stringify(variables));
  return worker.fetch(url.toString(), { headers: { accept: 'application/json', ...headers } });
}

beforeAll(async () => {
  await writeWorks(env.DB, corpus);
});

describe('edge cache', () => {
  it('keeps a GET answer, serves it again with the same ETag, and answers If-None-Match with 304', async () => {
    const variables = { id: 'demo:SEED-BRI' };
    const first = await get(QUERY, variables);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-citeql-cache')).toBe('MISS');
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+, s-maxage=\d+$/);
    expect(first.headers.get('vary')).toContain('Accept');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const body = await first.text();
    expect(JSON.parse(body).data.paper.title).toBe(seed.title);

    const second = await get(QUERY, variables);
    expect(second.headers.get('x-citeql-cache')).toBe('HIT');
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe(body);

    const revalidated = await get(QUERY, variables, { 'if-none-match': etag! });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    const otherVariables = await get(QUERY, { id: 'demo:NO-SUCH-PAPER' }, { 'if-none-match': etag! });
    expect(otherVariables.status).toBe(200);
    await otherVariables.arrayBuffer();
  });

  it('serves a kept answer without D1, and a new answer as soon as an import has run', async () => {
    const variables = { id: 'demo:SEED-BRI' };
    const before = await get(QUERY, variables);
    await before.arrayBuffer();
    // Changed behind the writer's back: no new data version, so the kept answer is still served,
    // which shows it came from the cache and not from D1.
    await env.DB.prepare("UPDATE paper SET title = 'changed behind the writer' WHERE key = 'demo:SEED-BRI'").run();
    const cached = (await (await get(QUERY, variables)).json()) as any;
    expect(cached.data.paper.title).toBe(seed.title);

    // An import (any import) bumps the data version: the next answer is computed afresh.
    await writeWorks(env.DB, [{ ...seed, title: 'The seed paper, as re-imported' }]);
    const afterImport = await get(QUERY, variables);
    expect(afterImport.headers.get('x-citeql-cache')).toBe('MISS');
    expect(((await afterImport.json()) as any).data.paper.title).toBe('The seed paper, as re-imported');
  });

  it('never keeps or serves a cached answer to a trace request', async () => {
    const variables = { id: 'demo:SEED-BRI' };
    await (await get(QUERY, variables)).arrayBuffer(); // kept
    const traced = await get(QUERY, variables, { 'x-citeql-trace': '1' });
    expect(traced.headers.get('x-citeql-cache')).toBeNull();
    expect(traced.headers.get('cache-control') ?? '').not.toContain('public');
    const body = (await traced.json()) as any;
    expect(body.extensions.trace.d1Statements).toBeGreaterThan(0);
    const plain = await get(QUERY, variables);
    expect(plain.headers.get('x-citeql-cache')).toBe('HIT');
    expect(((await plain.json()) as any).extensions.trace).toBeUndefined();
  });

  it('never keeps an answer with errors', async () => {
    const bad = '{ paper(doi: "not a doi") { title } }';
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await get(bad, {});
      expect(response.headers.get('x-citeql-cache')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});

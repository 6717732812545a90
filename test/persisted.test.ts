/**
 * Persisted documents: automatic persisted queries (Apollo's protocol), the registered documents,
 * the trusted-documents mode, and the edge cache for POSTs by hash.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { sha256Hex } from '../src/hash';
import worker from '../src/index';
import { writeWorks } from '../src/ingest/write';
import { TRUSTED_DOCUMENTS } from '../src/persisted-documents';

const corpus = demoCorpus();
const seed = corpus.find((work) => work.ids.some((id) => id.key === 'demo:SEED-BRI'))!;

async function post(body: Record<string, unknown>, environment: Env = env) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request('http://citeql.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }) as Request<unknown, IncomingRequestCfProperties>,
    environment,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { response, json: (await response.json()) as any };
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

beforeAll(async () => {
  await writeWorks(env.DB, corpus);
});

describe('automatic persisted queries', () => {
  it('asks for an unknown document, keeps it once sent with its hash, then runs it by hash', async () => {
    const query = 'query($id: String!) { paper(externalId: $id) { title year } }';
    const hash = await sha256Hex(query);
    const variables = { id: 'demo:SEED-BRI' };
    const unknown = await post({ variables, extensions: persisted(hash) });
    expect(unknown.json.errors[0].message).toBe('PersistedQueryNotFound');
    expect(unknown.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post({ query, variables, extensions: persisted(hash) });
    expect(registered.json.data.paper.title).toBe(seed.title);
    const byHash = await post({ variables, extensions: persisted(hash) });
    expect(byHash.json.data.paper.title).toBe(seed.title);
  });

  it('refuses a document whose hash is not its sha256, and a malformed hash', async () => {
    const mismatch = await post({ query: '{ __typename }', extensions: persisted('0'.repeat(64)) });
    expect(mismatch.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    const malformed = await post({ extensions: persisted('not a hash') });
    expect(malformed.json.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('knows the registered documents without being sent them, and keeps their answers at the edge', async () => {
    const hash = await sha256Hex(TRUSTED_DOCUMENTS.NodePage!);
    const body = { variables: { id: 'demo:SEED-BRI' }, extensions: persisted(hash) };
    const first = await post(body);
    expect(first.json.errors).toBeUndefined();
    expect(first.json.data.paper.title).toBe(seed.title);
    expect(first.response.headers.get('x-citeql-cache')).toBe('MISS');
    const second = await post(body);
    expect(second.response.headers.get('x-citeql-cache')).toBe('HIT');
    expect(second.json).toEqual(first.json);
  });
});

describe('trusted documents', () => {
  const trusted = { ...env, TRUSTED_DOCUMENTS: 'on' } as Env;

  it('runs registered documents, by hash or in full, and nothing else', async () => {
    const document = TRUSTED_DOCUMENTS.PaperTitle!;
    const variables = { id: 'demo:SEED-BRI' };
    const byHash = await post({ variables, extensions: persisted(await sha256Hex(document)) }, trusted);
    expect(byHash.json.data.paper.title).toBe(seed.title);
    const inFull = await post({ query: document, variables }, trusted);
    expect(inFull.json.data.paper.title).toBe(seed.title);

    const adHoc = await post({ query: '{ papers(first: 1) { totalCount } }' }, trusted);
    expect(adHoc.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const query = '{ __typename }';
    const registering = await post({ query, extensions: persisted(await sha256Hex(query)) }, trusted);
    expect(registering.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });
});

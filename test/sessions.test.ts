/** Reads through D1's Sessions API: the bookmark goes back to the client and is accepted from it. */
import { env } from 'cloudflare:test';
import { beforeAll, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';
import { exports } from './helpers';

const query = JSON.stringify({ query: '{ paper(externalId: "demo:SEED-BRI") { title } }' });
const post = (headers: Record<string, string> = {}) =>
  exports.default.fetch('http://citeql.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: query,
  });

beforeAll(async () => {
  await writeWorks(env.DB, demoCorpus());
});

it('answers with a D1 bookmark, reads after a bookmark it is given, and ignores a malformed one', async () => {
  const first = await post();
  const bookmark = first.headers.get('x-d1-bookmark');
  expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/);
  expect(((await first.json()) as any).data.paper.title).toBeTruthy();

  const after = await post({ 'x-d1-bookmark': bookmark! });
  expect(after.status).toBe(200);
  expect(((await after.json()) as any).data.paper.title).toBeTruthy();
  expect(after.headers.get('x-d1-bookmark')! >= bookmark!).toBe(true);

  const malformed = await post({ 'x-d1-bookmark': "'; DROP TABLE paper; --" });
  expect(malformed.status).toBe(200);
  expect(((await malformed.json()) as any).errors).toBeUndefined();
});

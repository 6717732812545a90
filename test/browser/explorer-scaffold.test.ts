/**
 * The explorer's frame over the demo corpus with `TRUSTED_DOCUMENTS = "on"` (so every operation it
 * sends is a registered document): a paper URL loads straight from the address bar (the assets'
 * single-page fallback), the page asks the API by hash in a GET, and links navigate in place.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoCorpus } from '../../src/demo/corpus';
import { seedPaper } from '../../src/demo/seed-paper';
import { type Harness, shown, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness(demoCorpus(), { vars: { TRUSTED_DOCUMENTS: 'on' } });
});

afterAll(async () => {
  await harness?.close();
});

test('/paper/demo:SEED-BRI loads from its URL and shows the paper, asked for by hash in a GET', async () => {
  const { context, elsewhere } = await harness.offlineContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const apiRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') apiRequests.push(`${request.method()} ${request.url()}`);
  });
  const response = await page.goto(harness.url('/paper/demo:SEED-BRI'));
  expect(response?.status()).toBe(200);
  await expect.poll(() => shown(page.locator('h1'))).toBe(seedPaper.title);
  expect(await page.title()).toBe(`${seedPaper.title} · CiteQL`);
  expect(apiRequests).toHaveLength(1);
  const sent = new URL(apiRequests[0]!.replace(/^GET /, ''));
  expect(apiRequests[0]).toMatch(/^GET /);
  expect(sent.searchParams.get('query')).toBeNull();
  expect(JSON.parse(sent.searchParams.get('extensions')!).persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
  // The header's brand link navigates in place (no reload: the same document).
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page.getByRole('link', { name: 'CiteQL', exact: true }).click();
  await page.waitForURL(harness.url('/'));
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await page.goBack();
  await expect.poll(() => shown(page.locator('h1'))).toBe(seedPaper.title);
  expect(errors).toEqual([]);
  expect(elsewhere).toEqual([]);
  await context.close();
});

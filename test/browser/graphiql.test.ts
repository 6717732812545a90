/**
 * The home page's API part and GraphiQL in headless Chromium with no network but this machine: the
 * Worker runs as under `npm start` with the demo corpus (test/browser/harness.ts), every request to
 * another host is aborted and recorded, and the test fails if there was one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoCorpus } from '../../src/demo/corpus';
import { seedPaper } from '../../src/demo/seed-paper';
import { NODE_PAGE_QUERY } from '../../src/persisted-documents';
import { type Harness, ROOT, shown, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness(demoCorpus());
});

afterAll(async () => {
  await harness?.close();
});

test("the README's node-page query is the one the home page shows and GraphiQL opens with", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const firstGraphql = readme.match(/```graphql\n([\s\S]*?)```/);
  expect(firstGraphql?.[1]).toBe(NODE_PAGE_QUERY);
});

test('/ says what CiteQL is, shows the node-page query and links to GraphiQL', async () => {
  const { context, elsewhere } = await harness.offlineContext();
  const page = await context.newPage();
  const response = await page.goto(harness.url('/'));
  expect(response?.status()).toBe(200);
  expect(await shown(page.locator('h1'))).toBe('CiteQL');
  expect(await shown(page.locator('body'))).toContain('the whole citation neighbourhood of a paper in one request');
  expect(await page.locator('#node-page-query').textContent()).toBe(NODE_PAGE_QUERY);
  const link = page.getByRole('link', { name: 'Open GraphiQL' });
  expect(await link.getAttribute('href')).toBe('/graphql');
  expect(elsewhere).toEqual([]);
  await context.close();
});

test('GraphiQL at /graphql loads from the Worker alone and runs the node-page query', async () => {
  const { context, elsewhere } = await harness.offlineContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.url('/'));
  await page.getByRole('link', { name: 'Open GraphiQL' }).click();
  await page.waitForURL(harness.url('/graphql'));
  await expect
    .poll(() => shown(page.locator('.graphiql-query-editor')), { timeout: 20_000 })
    .toContain('query NodePage($id: String!)');
  await page.locator('.graphiql-execute-button').click();
  await expect
    .poll(() => shown(page.locator('.graphiql-response')), { timeout: 20_000 })
    .toContain(`"title": ${JSON.stringify(seedPaper.title)}`);
  expect(elsewhere).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
});

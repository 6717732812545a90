/**
 * The landing page and GraphiQL in headless Chromium with no network but this machine: the Worker
 * runs as under `npm start` (wrangler's dev engine, a fresh local D1, migrated, demo corpus loaded),
 * every request to another host is aborted and recorded, and the test fails if there was one.
 * Needs Debian's `chromium` (`apt-get install -y chromium`; .ci/run installs it): without it, it fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { getPlatformProxy, unstable_startWorker } from 'wrangler';
import { demoCorpus } from '../../src/demo/corpus';
import { seedPaper } from '../../src/demo/seed-paper';
import { writeWorks } from '../../src/ingest/write';
import { NODE_PAGE_QUERY } from '../../src/persisted-documents';

const ROOT = resolve(import.meta.dirname, '../..');
const WRANGLER_CONFIG = join(ROOT, 'wrangler.toml');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

// At load time, so that the file fails rather than reporting its tests as skipped.
if (!existsSync(CHROMIUM)) {
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
}

let persistDir: string;
let worker: Awaited<ReturnType<typeof unstable_startWorker>> | undefined;
let browser: Browser | undefined;
let base: URL;

beforeAll(async () => {
  persistDir = mkdtempSync(join(tmpdir(), 'citeql-browser-'));
  execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: 'true' },
  });
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: WRANGLER_CONFIG,
    persist: { path: join(persistDir, 'v3') },
  });
  try {
    await writeWorks(proxy.env.DB, demoCorpus());
  } finally {
    await proxy.dispose();
  }
  worker = await unstable_startWorker({
    config: WRANGLER_CONFIG,
    dev: {
      persist: persistDir,
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      watch: false,
      logLevel: 'warn',
    },
  });
  base = await worker.url;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
  if (persistDir) rmSync(persistDir, { recursive: true, force: true });
});

/** A browser context that can reach the Worker only; `elsewhere` collects every other request. */
async function offlineContext(): Promise<{ context: BrowserContext; elsewhere: string[] }> {
  const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 } });
  const elsewhere: string[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).host !== base.host) elsewhere.push(request.url());
  });
  await context.route('**/*', (route) =>
    new URL(route.request().url()).host === base.host ? route.continue() : route.abort('internetdisconnected'),
  );
  return { context, elsewhere };
}

/** The text as the page shows it, whitespace collapsed (Monaco wraps long lines, lays out with no-break spaces). */
async function shown(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point, not the DOM's
  return (await locator.innerText()).replace(/\s+/g, ' ');
}

test("the README's node-page query is the one the landing page shows and GraphiQL opens with", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const firstGraphql = readme.match(/```graphql\n([\s\S]*?)```/);
  expect(firstGraphql?.[1]).toBe(NODE_PAGE_QUERY);
});

test('/ says what CiteQL is, shows the node-page query and links to GraphiQL', async () => {
  const { context, elsewhere } = await offlineContext();
  const page = await context.newPage();
  const response = await page.goto(new URL('/', base).href);
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
  const { context, elsewhere } = await offlineContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(new URL('/', base).href);
  await page.getByRole('link', { name: 'Open GraphiQL' }).click();
  await page.waitForURL(new URL('/graphql', base).href);
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

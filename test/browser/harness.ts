/**
 * What every browser test needs: the Worker as under `npm start` (wrangler's dev engine, a fresh
 * persisted local D1, migrated, loaded with the given works) and headless Chromium with no network
 * but this machine. One harness per test file (beforeAll/afterAll), so files run in parallel.
 * Needs Debian's `chromium` (`apt-get install -y chromium`; .ci/run installs it): without it, the
 * file fails at load time rather than reporting its tests as skipped.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { getPlatformProxy, unstable_startWorker } from 'wrangler';
import type { WorkRecord } from '../../src/ingest/record';
import { writeWorks } from '../../src/ingest/write';

export const ROOT = resolve(import.meta.dirname, '../..');
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

if (!existsSync(CHROMIUM)) {
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
}

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface HarnessOptions {
  /** wrangler.toml `[vars]` to override, e.g. `{ TRUSTED_DOCUMENTS: 'on' }`. */
  vars?: Record<string, string>;
  /**
   * A corpus several files load (AAN): imported once per run into a database of its own, which this
   * harness's D1 starts as a copy of, before `works` are added. Files naming the same `name` must
   * give the same works.
   */
  shared?: { name: string; works: readonly WorkRecord[] };
}

export interface Harness {
  /** The Worker's URL (http://127.0.0.1:<port>/). */
  base: URL;
  browser: Browser;
  /** `path` ("/paper/demo:SEED-BRI") on the Worker. */
  url(path: string): string;
  /** A browser context that can reach the Worker only; `elsewhere` collects every other request. */
  offlineContext(viewport?: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; elsewhere: string[] }>;
  /** A page in a fresh offline context; `errors` collects uncaught page errors (the test expects none). */
  openPage(
    path: string,
    viewport?: { width: number; height: number },
  ): Promise<{ page: Page; errors: string[]; elsewhere: string[]; close: () => Promise<void> }>;
  close(): Promise<void>;
}

/**
 * wrangler.toml without its `[build]` table, written into `dir` with the paths made absolute. Wrangler
 * runs `[build]` (scripts/build-assets.ts, which empties dist/assets and fills it again) when a worker
 * starts, and once more when its file watcher is ready: under test files run side by side, one
 * harness's rebuild removed the pages another was serving. Under vitest the assets are built once,
 * before the files start (test/browser/global-setup.ts).
 */
function configWithoutBuild(dir: string): string {
  const replacements: Array<[RegExp, string]> = [
    [/^\[build\]\n(?:(?!\[).*\n)*/m, ''],
    [/^main = "/m, `main = "${ROOT}/`],
    [/^directory = "/m, `directory = "${ROOT}/`],
    [/^migrations_dir = "/m, `migrations_dir = "${ROOT}/`],
  ];
  let config = readFileSync(WRANGLER_CONFIG, 'utf8');
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(config)) throw new Error(`wrangler.toml has no ${pattern}: update configWithoutBuild`);
    config = config.replace(pattern, replacement);
  }
  const path = join(dir, 'wrangler.toml');
  writeFileSync(path, config);
  return path;
}

/** Imports `works` into the local D1 persisted in `dir` through the one writer, as `npm run import` does. */
async function load(dir: string, works: readonly WorkRecord[]): Promise<void> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: WRANGLER_CONFIG,
    persist: { path: join(dir, 'v3') },
  });
  try {
    await writeWorks(proxy.env.DB, works);
  } finally {
    await proxy.dispose();
  }
}

declare module 'vitest' {
  interface ProvidedContext {
    /** Where this run's prepared local D1 folders go (made and removed by test/browser/global-setup.ts). */
    harnessDatabases: string;
  }
}

/**
 * A local D1 folder prepared once under `root` and only copied afterwards: the first file to ask
 * builds it, the others wait until it is there.
 */
async function prepared(root: string, name: string, build: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(root, name);
  try {
    mkdirSync(`${dir}.claimed`);
  } catch {
    while (!existsSync(dir)) {
      if (existsSync(`${dir}.failed`)) throw new Error(`preparing the ${name} database failed in another file`);
      await sleep(200);
    }
    return dir;
  }
  try {
    await build(`${dir}.building`);
    renameSync(`${dir}.building`, dir);
    return dir;
  } catch (error) {
    writeFileSync(`${dir}.failed`, String(error));
    throw error;
  }
}

/** An empty local D1, migrated as `npm start` migrates it. */
function migrated(root: string): Promise<string> {
  return prepared(root, 'migrated', async (dir) => {
    execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CI: 'true' },
    });
  });
}

/** Starts the Worker over a fresh local D1 holding `works` (after `options.shared`'s), and Chromium. */
export async function startHarness(works: readonly WorkRecord[], options: HarnessOptions = {}): Promise<Harness> {
  const persistDir = mkdtempSync(join(tmpdir(), 'citeql-browser-'));
  const configDir = mkdtempSync(join(tmpdir(), 'citeql-browser-config-'));
  let worker: Awaited<ReturnType<typeof unstable_startWorker>> | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await worker?.dispose();
    for (const dir of [persistDir, configDir]) rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Under vitest, the run's folder (one preparation for all files); elsewhere (npm run bench:explorer),
    // this harness's own.
    const databases = process.env.VITEST ? inject('harnessDatabases') : configDir;
    const empty = await migrated(databases);
    const shared = options.shared;
    const start = shared
      ? await prepared(databases, shared.name, async (dir) => {
          cpSync(empty, dir, { recursive: true });
          await load(dir, shared.works);
        })
      : empty;
    cpSync(start, persistDir, { recursive: true });
    await load(persistDir, works);
    const bindings = Object.fromEntries(
      Object.entries(options.vars ?? {}).map(([name, value]) => [name, { type: 'plain_text' as const, value }]),
    );
    worker = await unstable_startWorker({
      // Outside vitest (npm run bench:explorer), one harness alone: wrangler builds the assets as under npm start.
      config: process.env.VITEST ? configWithoutBuild(configDir) : WRANGLER_CONFIG,
      bindings,
      dev: {
        persist: persistDir,
        server: { hostname: '127.0.0.1', port: 0 },
        inspector: false,
        watch: false,
        logLevel: 'warn',
      },
    });
    const base = await worker.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const openBrowser = browser;
    let clients = 0;
    const offlineContext: Harness['offlineContext'] = async (viewport = DESKTOP) => {
      // Each context is a visitor of its own to the Worker's per-client rate limit (keyed by
      // CF-Connecting-IP): a test file views dozens of pages in seconds, more than one visitor may.
      clients += 1;
      const context = await openBrowser.newContext({
        viewport,
        extraHTTPHeaders: { 'cf-connecting-ip': `10.${clients >> 16}.${(clients >> 8) & 255}.${clients & 255}` },
      });
      const elsewhere: string[] = [];
      context.on('request', (request) => {
        if (new URL(request.url()).host !== base.host) elsewhere.push(request.url());
      });
      await context.route('**/*', (route) =>
        new URL(route.request().url()).host === base.host ? route.continue() : route.abort('internetdisconnected'),
      );
      return { context, elsewhere };
    };
    const url = (path: string) => new URL(path, base).href;
    return {
      base,
      browser,
      url,
      offlineContext,
      async openPage(path, viewport) {
        const { context, elsewhere } = await offlineContext(viewport);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(url(path));
        return { page, errors, elsewhere, close: () => context.close() };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The text as the page shows it, whitespace collapsed. */
export async function shown(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point, not the DOM's
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * npm run bench:compare -- <rev> [--iterations N]
 *
 * The README node page of J93-2004 (AAN) through two builds of the Worker, side by side in one run:
 * <rev> (any git revision) and the working tree, timed inside workerd by the driver Worker of
 * scripts/bench-workers.ts. Each build is timed twice: against D1, and with every D1 answer
 * replayed from memory, which leaves the Worker's own JavaScript (Yoga, limits and price, the
 * resolvers, building statements, serializing the answer) without any wait for D1. So a change's
 * effect on the page is measured against its parent in the same machine state, and a JavaScript
 * regression shows even when D1's time hides it. Prints medians; writes nothing.
 * Needs CITEQL_DATA (default ../shared/data); says so and exits when it is absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { Miniflare } from 'miniflare';
import { parseOpenAlexText } from '../src/ingest/formats/openalex';
import { writeWorks } from '../src/ingest/write';
import { BENCH_DRIVER, NODE_PAGE, UNLIMITED_BUCKET } from './bench-workers';

const ROOT = resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  options: { iterations: { type: 'string', default: '40' } },
  allowPositionals: true,
});
const [base] = positionals;
if (!base) {
  console.error('usage: npm run bench:compare -- <git revision> [--iterations N]');
  process.exit(2);
}
const aanPath = join(resolve(process.env.CITEQL_DATA ?? join(ROOT, '..', 'shared', 'data')), 'aan', 'works.jsonl');
if (!existsSync(aanPath)) {
  console.log(`bench:compare skipped: ${aanPath} is absent (set CITEQL_DATA to the real-data folder)`);
  process.exit(0);
}

/**
 * Wraps the Worker of `./index.js`: its D1 binding (and the sessions it opens) records every
 * statement's answer by SQL text and parameters; a request with `x-bench-replay: 1` gets the
 * recorded answers without asking D1 (falling back to D1 for any statement not yet recorded).
 */
const REPLAY_WRAPPER = `import worker from './index.js';
export * from './index.js';
const recorded = new Map();
let replay = false;
const keyOf = (statement) => statement.sql + '\\u0000' + JSON.stringify(statement.params);
function wrapStatement(real, sql, params) {
  const statement = {
    real, sql, params,
    bind: (...values) => wrapStatement(real.bind(...values), sql, values),
    all: async () => {
      if (replay && recorded.has(keyOf(statement))) return recorded.get(keyOf(statement));
      const result = await real.all();
      recorded.set(keyOf(statement), result);
      return result;
    },
    run: () => real.run(),
    first: (column) => real.first(column),
    raw: (options) => real.raw(options),
  };
  return statement;
}
function wrapDatabase(db) {
  return {
    prepare: (sql) => wrapStatement(db.prepare(sql), sql, []),
    batch: async (statements) => {
      if (replay && statements.every((s) => recorded.has(keyOf(s)))) {
        await null;
        return statements.map((s) => recorded.get(keyOf(s)));
      }
      const results = await db.batch(statements.map((s) => s.real));
      results.forEach((result, index) => recorded.set(keyOf(statements[index]), result));
      return results;
    },
    withSession: (bookmark) => {
      const session = db.withSession(bookmark);
      return { ...wrapDatabase(session), getBookmark: () => session.getBookmark() };
    },
  };
}
export default {
  fetch(request, env, ctx) {
    replay = request.headers.get('x-bench-replay') === '1';
    return worker.fetch(request, { ...env, DB: wrapDatabase(env.DB) }, ctx);
  },
};`;

/** Builds the Worker of a checkout into `outDir` (wrangler's bundle, with the static assets built first). */
function build(checkout: string, outDir: string): void {
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outDir], { cwd: checkout, stdio: 'ignore' });
  writeFileSync(join(outDir, 'wrapper.js'), REPLAY_WRAPPER);
}

// Inside the project: workerd resolves modules relative to it. (.wrangler/ is git-ignored.)
const builds = { base: join(ROOT, '.wrangler', 'compare-base'), head: join(ROOT, '.wrangler', 'compare-head') };
build(ROOT, builds.head);
const baseCheckout = mkdtempSync(join(tmpdir(), 'citeql-compare-'));
rmSync(baseCheckout, { recursive: true });
execFileSync('git', ['worktree', 'add', '--detach', baseCheckout, base], { cwd: ROOT, stdio: 'ignore' });
try {
  symlinkSync(join(ROOT, 'node_modules'), join(baseCheckout, 'node_modules'));
  build(baseCheckout, builds.base);
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', baseCheckout], { cwd: ROOT, stdio: 'ignore' });
}

const citeqlWorker = (name: string, dir: string) => ({
  name,
  modules: [
    { type: 'ESModule' as const, path: join(dir, 'wrapper.js') },
    { type: 'ESModule' as const, path: join(dir, 'index.js') },
  ],
  compatibilityDate: '2026-04-01',
  compatibilityFlags: ['nodejs_compat'],
  d1Databases: { DB: 'citeql-compare' },
  durableObjects: { COST_BUCKET: { className: 'UnlimitedBucket', scriptName: 'bench-bucket' } },
});
const mf = new Miniflare({
  workers: [
    citeqlWorker('base', builds.base),
    citeqlWorker('head', builds.head),
    { name: 'bench-bucket', modules: true, script: UNLIMITED_BUCKET, compatibilityDate: '2026-04-01' },
    {
      name: 'bench-driver',
      modules: true,
      script: BENCH_DRIVER,
      compatibilityDate: '2026-04-01',
      serviceBindings: { BASE: 'base', HEAD: 'head' },
    },
  ],
});
try {
  const d1 = (await mf.getD1Database('DB')) as unknown as D1Database;
  for (const migration of await readD1Migrations(join(ROOT, 'migrations'))) {
    await d1.batch(migration.queries.map((query) => d1.prepare(query)));
  }
  await writeWorks(d1, parseOpenAlexText(readFileSync(aanPath, 'utf8')).works);
  const body = JSON.stringify({ query: NODE_PAGE, variables: { id: 'acl:J93-2004' } });
  const variant = (binding: 'BASE' | 'HEAD', replay: boolean) => ({
    binding,
    url: 'http://citeql.bench/graphql',
    init: {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'cf-connecting-ip': '192.0.2.1',
        'x-bench-replay': replay ? '1' : '0',
      },
      body,
    },
  });
  const iterations = Number(values.iterations);
  const driver = await mf.getWorker('bench-driver');
  const response = await driver.fetch('http://bench-driver/', {
    method: 'POST',
    body: JSON.stringify({
      iterations,
      batch: 10,
      variants: {
        base: variant('BASE', false),
        head: variant('HEAD', false),
        baseReplayed: variant('BASE', true),
        headReplayed: variant('HEAD', true),
      },
    }),
  });
  if (!response.ok) throw new Error(`bench driver: ${await response.text()}`);
  const samples = (await response.json()) as Record<string, number[]>;
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
  const p50 = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
  const ms = (value: number | undefined) => `${value?.toFixed(2)} ms`;
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  console.log(`Node page of J93-2004, ${iterations} samples of 10 calls each, timed inside workerd (medians)

| build | against D1 | D1 answers replayed (the Worker's JavaScript) |
|---|---|---|
| ${base} | ${ms(p50.base)} | ${ms(p50.baseReplayed)} |
| working tree (HEAD ${head}) | ${ms(p50.head)} | ${ms(p50.headReplayed)} |
`);
} finally {
  await mf.dispose();
  for (const dir of Object.values(builds)) rmSync(dir, { recursive: true, force: true });
}

/**
 * npm run bench:explorer [-- --runs N]
 *
 * The explorer's first paint in headless Chromium (/usr/bin/chromium), on the demo corpus: the home
 * page and a paper page whose API answer is already in the edge cache (one warm-up view first),
 * each opened N times (default 15) in a fresh browser context, so the browser caches nothing, and
 * the medians reported: first-contentful-paint, largest-contentful-paint, and when the page's h1
 * is on screen. Then the page weights of the built files (scripts/explorer-weights.ts).
 * Writes its section of bench/RESULTS.md (between the explorer markers; `npm run bench` keeps it).
 * A separate script rather than a section of scripts/bench.ts: that one needs the AAN data and
 * takes minutes; this one needs only the demo corpus and the built assets.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoCorpus } from '../src/demo/corpus';
import { startHarness } from '../test/browser/harness';
import { withExplorerSection } from './bench-sections';
import { explorerWeights, total } from './explorer-weights';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Math.max(1, Number(values.runs));

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'paper (demo:SEED-BRI, API answer cached)', path: '/paper/demo:SEED-BRI' },
  // The demo corpus's most cited paper: every list of the paper page full (references, 286 citers …).
  { name: 'paper (demo:P000153, most cited, API answer cached)', path: '/paper/demo:P000153' },
];

/**
 * In the page: paint timings since navigation start, ms, from buffered performance entries (an
 * entry can be reported a little after the paint, so both are awaited, at most 2 s).
 */
const PAINT_TIMINGS = `new Promise((resolve) => {
  const found = { fcp: NaN, lcp: NaN };
  const done = () => !Number.isNaN(found.fcp) && !Number.isNaN(found.lcp) && resolve(found);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') found.fcp = entry.startTime;
    done();
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    found.lcp = entries[entries.length - 1].startTime;
    done();
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => resolve(found), 2000);
})`;

/** In the page, polled every frame: the time an h1 other than "Loading …" is on screen. */
const H1_SHOWN = `(() => {
  const h1 = document.querySelector('h1');
  return h1 && h1.textContent.trim() !== '' ? performance.now() : null;
})()`;

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

if (!existsSync(join(ROOT, 'dist', 'assets', 'index.html'))) {
  execFileSync('npx', ['tsx', 'scripts/build-assets.ts'], { cwd: ROOT, stdio: 'inherit' });
}
const harness = await startHarness(demoCorpus(), { vars: { TRUSTED_DOCUMENTS: 'on' } });
const rows: string[] = [];
try {
  for (const { name, path } of PAGES) {
    const warm = await harness.openPage(path);
    await warm.page.waitForFunction(H1_SHOWN);
    await warm.close();
    const timings = { fcp: [] as number[], lcp: [] as number[], h1: [] as number[] };
    for (let run = 0; run < runs; run++) {
      const { page, close } = await harness.openPage(path);
      const h1 = (await (await page.waitForFunction(H1_SHOWN, undefined, { polling: 'raf' })).jsonValue()) as number;
      const paint = (await page.evaluate(PAINT_TIMINGS)) as { fcp: number; lcp: number };
      timings.fcp.push(paint.fcp);
      timings.lcp.push(paint.lcp);
      timings.h1.push(h1);
      await close();
    }
    const ms = (numbers: number[]) => `${median(numbers).toFixed(0)} ms`;
    rows.push(`| ${name} | ${ms(timings.fcp)} | ${ms(timings.lcp)} | ${ms(timings.h1)} |`);
  }
} finally {
  await harness.close();
}

const weights = explorerWeights();
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
const section = `## Explorer: first paint and page weight

Written by \`npm run bench:explorer\` (${runs} views of each page, each in a fresh browser context; medians).
Headless Chromium against the Worker under wrangler's dev engine on this machine, demo corpus,
\`TRUSTED_DOCUMENTS = "on"\`. Commit ${commit}, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB.

| page | first-contentful-paint | largest-contentful-paint | h1 on screen |
|---|---|---|---|
${rows.join('\n')}

| built file (dist/assets) | bytes | gzip -9 |
|---|---|---|
| index.html | ${weights.html.bytes} | ${weights.html.gzipBytes} |
${[...weights.initialJs, ...weights.css].map((file) => `| ${file.file} (every page, first load) | ${file.bytes} | ${file.gzipBytes} |`).join('\n')}
${weights.lazyJs.map((file) => `| ${file.file} (on demand) | ${file.bytes} | ${file.gzipBytes} |`).join('\n')}

- JS every page loads first: **${kib(total(weights.initialJs))} gzip** (limit 150 KiB, test/browser/explorer-weight.test.ts)
- JS loaded on demand: ${kib(total(weights.lazyJs))} gzip
`;
const resultsPath = join(ROOT, 'bench', 'RESULTS.md');
const existing = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n';
writeFileSync(resultsPath, withExplorerSection(existing, section));
console.log(section);

/**
 * npm start: applies migrations to the local D1, loads the demo corpus when the database is empty,
 * then serves the Worker with `wrangler dev` on 127.0.0.1:8787 (PORT overrides).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';
import { withD1 } from './d1';

await withD1(async (d1) => {
  const row = await d1.prepare('SELECT count(*) AS papers FROM paper').first<{ papers: number }>();
  if ((row?.papers ?? 0) > 0) {
    console.log(`local D1 has ${row?.papers} papers; not loading the demo corpus`);
    return;
  }
  const started = performance.now();
  const summary = await writeWorks(d1, demoCorpus());
  console.log(
    `loaded the demo corpus: ${summary.papers} papers, ${summary.references} reference entries ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
});

const port = process.env.PORT ?? '8787';
console.log(`serving CiteQL at http://127.0.0.1:${port}/graphql (GraphiQL in a browser)`);
const wrangler = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', port], {
  cwd: resolve(import.meta.dirname, '..'),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => wrangler.kill(signal));
wrangler.on('exit', (code) => process.exit(code ?? 0));

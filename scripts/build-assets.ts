/**
 * tsx scripts/build-assets.ts: builds the Worker's static assets (wrangler.toml `[assets]`) into
 * dist/assets. Wrangler runs it before `wrangler dev` and `wrangler deploy` (`[build]` in
 * wrangler.toml), `npm test` before the tests.
 *
 * - `index.html`: public/index.html, the landing page, with the node-page query filled in;
 * - `graphiql/`: the prebuilt GraphiQL of `@graphql-yoga/graphiql` (bundle with React, CSS with its
 *   fonts inlined, Monaco's workers), copied from node_modules, never committed.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { GRAPHIQL_ASSETS, NODE_PAGE_VARIABLES } from '../src/graphiql';
import { NODE_PAGE_QUERY } from '../src/persisted-documents';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'assets');

const GRAPHIQL_FILES = [
  'graphiql.css',
  'yoga-graphiql.umd.js',
  'monacoeditorwork/editor.worker.bundle.js',
  'monacoeditorwork/json.worker.bundle.js',
  'monacoeditorwork/graphql.worker..bundle.js',
];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function landingPage(): string {
  const values: Record<string, string> = {
    NODE_PAGE_QUERY: escapeHtml(NODE_PAGE_QUERY),
    NODE_PAGE_VARIABLES: escapeHtml(JSON.stringify(NODE_PAGE_VARIABLES)),
  };
  const html = readFileSync(join(ROOT, 'public', 'index.html'), 'utf8').replace(/\{\{(\w+)\}\}/g, (match, name) => {
    const value = values[name];
    if (value === undefined) throw new Error(`public/index.html: unknown placeholder ${match}`);
    return value;
  });
  return html;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'index.html'), landingPage());
for (const name of readdirSync(join(ROOT, 'public'))) {
  if (name !== 'index.html') copyFileSync(join(ROOT, 'public', name), join(OUT, name));
}

const graphiqlDist = join(
  dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')),
  'dist',
);
for (const file of GRAPHIQL_FILES) {
  const target = join(OUT, GRAPHIQL_ASSETS, file);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(graphiqlDist, file), target);
}
console.log(`built static assets in ${OUT}`);

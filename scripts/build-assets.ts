/**
 * tsx scripts/build-assets.ts: builds the Worker's static assets (wrangler.toml `[assets]`) into
 * dist/assets. Wrangler runs it before `wrangler dev` and `wrangler deploy` (`[build]` in
 * wrangler.toml), `npm test` before the tests.
 *
 * - the explorer (explorer/, a Preact app built by Vite with explorer/vite.config.ts): `index.html`,
 *   which the Worker's assets also answer for every unknown path (single-page application), its
 *   hashed files under `assets/`, and public/ copied as is;
 * - `graphiql/`: the prebuilt GraphiQL of `@graphql-yoga/graphiql` (bundle with React, CSS with its
 *   fonts inlined, Monaco's workers), copied from node_modules, never committed.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build } from 'vite';
import explorerConfig from '../explorer/vite.config';
import { GRAPHIQL_ASSETS } from '../src/graphiql';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'assets');

const GRAPHIQL_FILES = [
  'graphiql.css',
  'yoga-graphiql.umd.js',
  'monacoeditorwork/editor.worker.bundle.js',
  'monacoeditorwork/json.worker.bundle.js',
  'monacoeditorwork/graphql.worker..bundle.js',
];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
// The config module is imported here (tsx compiles it with the rest), not loaded by Vite's config loader.
await build({ ...explorerConfig, configFile: false });

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

/**
 * The explorer's page weights, from the built files in dist/assets (scripts/build-assets.ts): what
 * a first visit to any explorer page downloads (index.html, the entry script and the modules it
 * imports statically, the CSS) and the chunks loaded later with import() (the graph library),
 * each gzip-compressed at level 9. Deterministic: sizes of files, not timings. Used by
 * test/browser/explorer-weight.test.ts and `npm run bench:explorer`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ASSETS = resolve(import.meta.dirname, '..', 'dist', 'assets');

export interface FileWeight {
  /** Path under dist/assets, e.g. assets/index-abc123.js. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface ExplorerWeights {
  html: FileWeight;
  /** JS every page loads before it renders: the entry and its static imports (modulepreload). */
  initialJs: FileWeight[];
  css: FileWeight[];
  /** JS loaded only on demand (dynamic import()). */
  lazyJs: FileWeight[];
}

function weigh(file: string): FileWeight {
  const bytes = readFileSync(join(ASSETS, file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

export const total = (files: FileWeight[], key: 'bytes' | 'gzipBytes' = 'gzipBytes') =>
  files.reduce((sum, file) => sum + file[key], 0);

export function explorerWeights(): ExplorerWeights {
  const indexPath = join(ASSETS, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: run npm run build:assets first`);
  const html = readFileSync(indexPath, 'utf8');
  const local = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]!.replace(/^\//, ''));
  const initial = [
    ...local(/<script type="module"[^>]*src="([^"]+)"/g),
    ...local(/<link rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const css = local(/<link rel="stylesheet"[^>]*href="([^"]+)"/g);
  const chunks = readdirSync(join(ASSETS, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  return {
    html: weigh('index.html'),
    initialJs: initial.map(weigh),
    css: css.map(weigh),
    lazyJs: chunks.filter((file) => !initial.includes(file)).map(weigh),
  };
}

/**
 * The explorer's build (scripts/build-assets.ts runs it with Vite's JS API): Preact with JSX, into
 * dist/assets next to GraphiQL's files. `virtual:explorer-documents` gives the app the sha256 of
 * each registered document (src/explorer-documents.ts), the same hash the Worker computes, so the
 * documents' text never ships to the browser; and the node-page example the home page shows.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { EXPLORER_DOCUMENTS } from '../src/explorer-documents';
import { NODE_PAGE_VARIABLES } from '../src/graphiql';
import { NODE_PAGE_QUERY } from '../src/persisted-documents';

const ROOT = resolve(import.meta.dirname, '..');
const VIRTUAL_ID = 'virtual:explorer-documents';
const RESOLVED_VIRTUAL_ID = `\0${VIRTUAL_ID}`;

function explorerDocuments(): Plugin {
  return {
    name: 'citeql-explorer-documents',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_VIRTUAL_ID : undefined),
    load(id) {
      if (id !== RESOLVED_VIRTUAL_ID) return undefined;
      const hashes = Object.fromEntries(
        Object.entries(EXPLORER_DOCUMENTS).map(([name, text]) => [
          name,
          createHash('sha256').update(text).digest('hex'),
        ]),
      );
      return [
        `export const DOCUMENT_HASHES = ${JSON.stringify(hashes)};`,
        `export const NODE_PAGE_EXAMPLE = ${JSON.stringify({ query: NODE_PAGE_QUERY, variables: NODE_PAGE_VARIABLES })};`,
      ].join('\n');
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  publicDir: resolve(ROOT, 'public'),
  logLevel: 'warn',
  plugins: [explorerDocuments()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(ROOT, 'dist', 'assets'),
    // scripts/build-assets.ts empties dist/assets and adds GraphiQL's files after this build.
    emptyOutDir: false,
    target: 'es2022',
    // Small, stable names under /assets/ (hashed, so they can be cached for ever).
    assetsDir: 'assets',
    reportCompressedSize: false,
  },
});

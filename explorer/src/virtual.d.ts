/** The module explorer/vite.config.ts generates at build time. */
declare module 'virtual:explorer-documents' {
  import type { ExplorerDocumentName } from '../../src/explorer-documents';

  /** sha256 (hex) of each registered explorer document, by operation name. */
  export const DOCUMENT_HASHES: Record<ExplorerDocumentName, string>;
  /** The README's node-page query and its variables, shown on the home page. */
  export const NODE_PAGE_EXAMPLE: { query: string; variables: Record<string, string> };
}

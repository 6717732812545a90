/**
 * The explorer's operations (explorer/): every document the web app sends, by operation name. They
 * are registered trusted documents (src/persisted-documents.ts), so the explorer works with
 * `TRUSTED_DOCUMENTS = "on"`; the app ships only their sha256 (the `virtual:explorer-documents`
 * module of explorer/vite.config.ts) and sends them by hash in a GET, so answers come from the edge
 * cache. Worker-side text: no browser code imports this file, only its types.
 *
 * One constant per document, each named after its operation (a test checks key = operation name),
 * listed once in EXPLORER_DOCUMENTS: a flat list, one line per document, easy to merge.
 */

/**
 * The paper page: everything it shows first, in one request (the placeholder asks for the title).
 * Exactly one of $id (a CiteQL id, what the explorer's own links carry) and $externalId (acl:…,
 * doi:…, a URL): explorer/src/router.ts `paperLookup` picks from the URL.
 */
const PAPER_PAGE = `query PaperPage($id: ID, $externalId: String) {
  paper(id: $id, externalId: $externalId) {
    id
    title
    year
  }
}`;

export const EXPLORER_DOCUMENTS = {
  PaperPage: PAPER_PAGE,
} as const satisfies Record<string, string>;

export type ExplorerDocumentName = keyof typeof EXPLORER_DOCUMENTS;

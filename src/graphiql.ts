/**
 * GraphiQL without a CDN: the page Yoga serves for GET /graphql with Accept text/html loads the
 * prebuilt GraphiQL of `@graphql-yoga/graphiql` (the same bundle Yoga's own page takes from a CDN)
 * from the Worker's static assets under /graphiql/, copied there by scripts/build-assets.ts, so it
 * works in a browser with no network and adds nothing to the Worker script.
 */
import type { GraphiQLOptions } from 'graphql-yoga';
import { NODE_PAGE_QUERY } from './persisted-documents';

/** Where scripts/build-assets.ts puts the files of `@graphql-yoga/graphiql/dist`. */
export const GRAPHIQL_ASSETS = '/graphiql';

export const NODE_PAGE_VARIABLES = { id: 'demo:SEED-BRI' };

/**
 * GraphiQL 5 edits with Monaco, whose language services run in web workers; Monaco asks for each by
 * label. Same-origin URLs, so no blob: detour as on Yoga's CDN page.
 */
const MONACO_WORKERS = {
  editorWorkerService: `${GRAPHIQL_ASSETS}/monacoeditorwork/editor.worker.bundle.js`,
  json: `${GRAPHIQL_ASSETS}/monacoeditorwork/json.worker.bundle.js`,
  graphql: `${GRAPHIQL_ASSETS}/monacoeditorwork/graphql.worker..bundle.js`,
};

/** JSON safe inside an inline <script>: no `</script>` or `<!--` can close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * Yoga's `renderGraphiQL`. `query` and `variables` are read by YogaGraphiQL itself (a `?query=` in
 * the URL, kept there while editing, wins), so a reload keeps what was typed.
 */
export function renderGraphiQL(options: GraphiQLOptions): string {
  const props = {
    title: 'CiteQL GraphiQL',
    query: NODE_PAGE_QUERY,
    variables: JSON.stringify(NODE_PAGE_VARIABLES, null, 2),
    ...options,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CiteQL GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${GRAPHIQL_ASSETS}/graphiql.css">
</head>
<body class="no-focus-outline">
<noscript>GraphiQL needs JavaScript. Without it, POST queries to /graphql (see the README).</noscript>
<div id="root">Loading GraphiQL…</div>
<script>
const workers = ${scriptJson(MONACO_WORKERS)};
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
</script>
<script src="${GRAPHIQL_ASSETS}/yoga-graphiql.umd.js"></script>
<script>YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${scriptJson(props)});</script>
</body>
</html>
`;
}

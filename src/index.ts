/**
 * The Worker entry. Yoga and the schema are built once per isolate, at module scope; each request
 * gets a fresh context (its own D1 handle, loaders and trace), built from `env` in one place.
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, maskError } from 'graphql-yoga';
import { createContext } from './context';
import { readDataVersion } from './db/data-version.repository';
import { createDb } from './db/database';
import { RowsReadLimitError } from './db/trace';
import { withEdgeCache } from './edge-cache';
import { renderGraphiQL } from './graphiql';
import { boundedBody, corsPreflight, malformedJsonParameter, requestError, withCors } from './http';
import { LIMITS } from './limits';
import { useCostLimit } from './plugins/cost-limit';
import { useD1Bookmark } from './plugins/d1-bookmark';
import { useDocumentLimits } from './plugins/document-limits';
import { useGraphqlJsExecute } from './plugins/graphql-js-execute';
import { usePersistedDocuments } from './plugins/persisted-documents';
import { useRateLimit } from './plugins/rate-limit';
import { useResponseLimit } from './plugins/response-limit';
import { useD1Trace } from './plugins/trace';
import { schema } from './schema';

export { CostBucket } from './rate-limit';

/** Yoga's masking, except for the row backstop (src/db/trace.ts), which a client should see. */
function maskUnlessRowsReadLimit(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof RowsReadLimitError) {
    return createGraphQLError(
      `This request read ${original.rowsRead} D1 rows, its limit is ${original.limit}, so this field was not ` +
        'resolved. Ask for smaller pages or fewer relations.',
      {
        extensions: { code: 'ROWS_READ_LIMIT', rowsRead: original.rowsRead, limit: original.limit },
        path: error instanceof GraphQLError ? error.path : undefined,
      },
    );
  }
  return maskError(error, message, false);
}

const yoga = createYoga<{ env: Env; ctx: ExecutionContext }>({
  schema,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  renderGraphiQL,
  // Masking stays on, and is the same locally as in production (isDev would add stacks and D1's
  // error text under `wrangler dev`): only errors built with createGraphQLError reach clients.
  maskedErrors: { isDev: false, maskError: maskUnlessRowsReadLimit },
  // CORS is answered in src/http.ts (`*`, never credentials); Yoga's CSRF prevention is off on
  // purpose (README, "CORS and CSRF").
  cors: false,
  // The body is read and bounded before Yoga (boundedBody, src/http.ts), so Yoga's own limit would
  // only pipe the bytes already in memory through a TransformStream again.
  maxRequestBodySize: false,
  context: ({ env, request }) => createContext(env, request),
  // Order matters: a persisted document is resolved from its hash first; document limits before
  // graphql-js validates; the price before the rate limiter spends it; all before any resolver runs.
  plugins: [
    usePersistedDocuments(),
    useDocumentLimits(),
    useCostLimit(),
    useRateLimit(),
    useResponseLimit(),
    useD1Trace(),
    useD1Bookmark(),
    useGraphqlJsExecute(),
  ],
});

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (request.method === 'OPTIONS') return corsPreflight(request);
    return withCors(await answer(request, url, env, ctx));
  },
} satisfies ExportedHandler<Env>;

async function answer(request: Request, url: URL, env: Env, ctx: ExecutionContext): Promise<Response> {
  const maxQueryString = LIMITS.maxDocumentBytes + LIMITS.maxVariablesBytes;
  if (url.search.length > maxQueryString) {
    return requestError(414, 'REQUEST_TOO_LARGE', `The URL's query string is over ${maxQueryString} bytes.`);
  }
  const malformed = malformedJsonParameter(url);
  if (malformed) {
    return requestError(400, 'BAD_REQUEST', `The "${malformed}" parameter must be a JSON object (URL-encoded).`);
  }
  let body: ArrayBuffer | null = null;
  if (request.body) {
    body = await boundedBody(request);
    if (!body) return requestError(413, 'REQUEST_TOO_LARGE', `The request body is over ${LIMITS.maxBodyBytes} bytes.`);
  }
  const bounded = body ? new Request(request, { body }) : request;
  return withEdgeCache(
    request,
    url,
    body,
    env,
    ctx,
    () => readDataVersion(createDb(env.DB)),
    async () => yoga.fetch(bounded, { env, ctx }),
  );
}

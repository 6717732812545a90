/**
 * The Worker entry. Yoga and the schema are built once per isolate, at module scope; each request
 * gets a fresh context (its own D1 handle, loaders and trace), built from `env` in one place.
 */
import { createGraphQLError, createYoga } from 'graphql-yoga';
import { createContext } from './context';
import { LIMITS } from './limits';
import { useCostLimit } from './plugins/cost-limit';
import { useDocumentLimits } from './plugins/document-limits';
import { useRateLimit } from './plugins/rate-limit';
import { useResponseLimit } from './plugins/response-limit';
import { useD1Trace } from './plugins/trace';
import { schema } from './schema';

export { CostBucket } from './rate-limit';

const yoga = createYoga<{ env: Env; ctx: ExecutionContext }>({
  schema,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  // Masking stays on, and is the same locally as in production (isDev would add stacks and D1's
  // error text under `wrangler dev`): only errors built with createGraphQLError reach clients.
  maskedErrors: { isDev: false },
  // Public, read-only data without cookies or other ambient credentials: any origin may read it,
  // never with credentials. Yoga's CSRF prevention is off on purpose (README, "CORS and CSRF").
  cors: { origin: '*', credentials: false, maxAge: 86_400 },
  context: ({ env }) => createContext(env),
  // Order matters: document limits before graphql-js validates; the price before the rate limiter
  // spends it; both before any resolver runs.
  plugins: [useDocumentLimits(), useCostLimit(), useRateLimit(), useResponseLimit(), useD1Trace()],
});

function tooLarge(status: 413 | 414, message: string): Response {
  const error = createGraphQLError(message, { extensions: { code: 'REQUEST_TOO_LARGE' } });
  return Response.json({ errors: [error.toJSON()] }, { status, headers: { 'access-control-allow-origin': '*' } });
}

/**
 * The request body, read up to LIMITS.maxBodyBytes and no further, whatever Content-Length says
 * (a chunked body has none). Null when it is larger.
 */
async function boundedBody(request: Request): Promise<ArrayBuffer | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > LIMITS.maxBodyBytes) return null;
  if (!request.body) return new ArrayBuffer(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > LIMITS.maxBodyBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body.buffer;
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/') return Response.redirect(new URL('/graphql', url).toString(), 302);
    if (url.search.length > LIMITS.maxDocumentBytes + LIMITS.maxVariablesBytes) {
      return tooLarge(
        414,
        `The URL's query string is over ${LIMITS.maxDocumentBytes + LIMITS.maxVariablesBytes} bytes.`,
      );
    }
    let bounded: Request = request;
    if (request.body) {
      const body = await boundedBody(request);
      if (!body) return tooLarge(413, `The request body is over ${LIMITS.maxBodyBytes} bytes.`);
      bounded = new Request(request, { body });
    }
    return yoga.fetch(bounded, { env, ctx });
  },
} satisfies ExportedHandler<Env>;

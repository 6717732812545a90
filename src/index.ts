/**
 * The Worker entry. Yoga and the schema are built once per isolate, at module scope; each request
 * gets a fresh context (its own D1 handle, loaders and trace), built from `env` in one place.
 */
import { createYoga } from 'graphql-yoga';
import { createContext } from './context';
import { useDepthLimit } from './plugins/depth-limit';
import { useD1Trace } from './plugins/trace';
import { schema } from './schema';

/** Deep enough for the node page (node > referenceGroups > references > edges > node > citedPaper > authors > author ...). */
const MAX_QUERY_DEPTH = 12;

const yoga = createYoga<{ env: Env; ctx: ExecutionContext }>({
  schema,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  // Masking stays on: only errors built with createGraphQLError (src/errors.ts) reach clients.
  maskedErrors: true,
  context: ({ env }) => createContext(env),
  plugins: [useDepthLimit(MAX_QUERY_DEPTH), useD1Trace()],
});

export default {
  fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/') return Response.redirect(new URL('/graphql', url).toString(), 302);
    return yoga.fetch(request, { env, ctx });
  },
} satisfies ExportedHandler<Env>;

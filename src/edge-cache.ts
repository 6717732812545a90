/**
 * Answers kept at the edge with the Workers Cache API, under (data version, document hash,
 * variables and operation name, response media type). Every write batch bumps the data version
 * (src/ingest/write.ts), so an answer cached before an import is never served after it and nothing
 * needs purging.
 *
 * Cacheable: GET queries, and POSTs of persisted documents (by hash). Never cached: answers with
 * errors, requests asking for a trace or a lower row allowance (their answers differ), and
 * (once writes exist) authenticated requests.
 *
 * The version is read from D1 at most once per `versionTtlMs` per isolate (default 1 s): a D1 read
 * would cost a round trip on every request, and KV would cost one too (and is eventually consistent
 * for up to 60 s, worse than 1 s). So an answer may be at most that old after an import.
 */
import { sha256Hex as sha256 } from './hash';
import { TRACE_HEADER } from './plugins/trace';

export interface EdgeCacheConfig {
  /** Browser cache lifetime, seconds. */
  maxAge: number;
  /** Shared (CDN, Cache API) lifetime, seconds. */
  sMaxAge: number;
  /** How long an isolate trusts the data version it read, milliseconds. */
  versionTtlMs: number;
}

/** Headers whose presence changes the answer: such requests bypass the cache. */
const PERSONAL_HEADERS = [TRACE_HEADER, 'x-citeql-max-rows-read', 'authorization'];
const VARY = `Accept, ${TRACE_HEADER}, x-citeql-max-rows-read`;

export function edgeCacheConfig(env: Env): EdgeCacheConfig {
  const number = (value: string | undefined, fallback: number) => {
    const parsed = Number(value);
    return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
  };
  return {
    maxAge: number(env.CACHE_MAX_AGE, 60),
    sMaxAge: number(env.CACHE_S_MAXAGE, 3600),
    versionTtlMs: number(env.DATA_VERSION_TTL_MS, 1000),
  };
}

interface GraphQLRequestParts {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

function parseJsonObject(text: string | null): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The parts of a request that decide its answer, or null when it is not cacheable. */
function cacheableParts(request: Request, url: URL, body: ArrayBuffer | null): GraphQLRequestParts | null {
  if (PERSONAL_HEADERS.some((name) => request.headers.has(name))) return null;
  if (request.method === 'GET') {
    // GraphiQL (a GET without a query) and other pages are not GraphQL answers.
    if (!url.searchParams.get('query') && !url.searchParams.get('extensions')) return null;
    return {
      query: url.searchParams.get('query') ?? undefined,
      variables: parseJsonObject(url.searchParams.get('variables')),
      operationName: url.searchParams.get('operationName') ?? undefined,
      extensions: parseJsonObject(url.searchParams.get('extensions')),
    };
  }
  if (request.method === 'POST' && body) {
    // Only persisted documents: a POSTed free-form document is a one-off. Most POSTs are those, and
    // Yoga parses the body anyway, so it is parsed here only when it names a persisted query.
    const text = new TextDecoder().decode(body);
    if (!text.includes('persistedQuery')) return null;
    const parts = parseJsonObject(text) as GraphQLRequestParts | undefined;
    return parts?.extensions?.persistedQuery?.sha256Hash ? parts : null;
  }
  return null;
}

let knownVersion: { version: number; readAt: number } | null = null;

async function dataVersion(config: EdgeCacheConfig, read: () => Promise<number>): Promise<number> {
  const now = Date.now();
  if (knownVersion && now - knownVersion.readAt < config.versionTtlMs) return knownVersion.version;
  knownVersion = { version: await read(), readAt: now };
  return knownVersion.version;
}

async function cacheKey(parts: GraphQLRequestParts, request: Request, version: number): Promise<Request> {
  const hash = parts.extensions?.persistedQuery?.sha256Hash;
  const documentHash = typeof hash === 'string' ? hash : await sha256(String(parts.query ?? ''));
  const rest = await sha256(JSON.stringify([parts.variables ?? null, parts.operationName ?? null]));
  const media = (request.headers.get('accept') ?? '').includes('application/graphql-response+json') ? 'gr' : 'json';
  return new Request(`https://edge-cache.citeql.internal/v${version}/${documentHash}/${rest}/${media}`);
}

function notModified(request: Request, etag: string, cacheControl: string): Response | null {
  const wanted = request.headers.get('if-none-match');
  if (!wanted?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return null;
  return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': cacheControl, Vary: VARY } });
}

/**
 * Serves `request` from the edge cache when it can, else from `origin`, keeping a cacheable answer
 * for the next client. `readVersion` reads the data version from D1.
 */
export async function withEdgeCache(
  request: Request,
  url: URL,
  body: ArrayBuffer | null,
  env: Env,
  ctx: ExecutionContext,
  readVersion: () => Promise<number>,
  origin: () => Promise<Response>,
): Promise<Response> {
  const parts = cacheableParts(request, url, body);
  if (!parts) return origin();
  const config = edgeCacheConfig(env);
  const cacheControl = `public, max-age=${config.maxAge}, s-maxage=${config.sMaxAge}`;
  const key = await cacheKey(parts, request, await dataVersion(config, readVersion));
  // caches.default: the Workers type is shadowed by the CacheStorage of Node's types in the test types.
  const cache = (caches as unknown as { default: Cache }).default;
  const hit = await cache.match(key);
  if (hit) {
    const etag = hit.headers.get('etag') ?? '';
    const unchanged = notModified(request, etag, cacheControl);
    if (unchanged) return unchanged;
    const headers = new Headers(hit.headers);
    headers.set('x-citeql-cache', 'HIT');
    return new Response(hit.body, { status: hit.status, headers });
  }

  const response = await origin();
  if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('json')) return response;
  const text = await response.text();
  const headers = new Headers(response.headers);
  if ((parseJsonObject(text) as { errors?: unknown } | undefined)?.errors !== undefined) {
    headers.set('Cache-Control', 'no-store');
    return new Response(text, { status: response.status, headers });
  }
  const etag = `"${(await sha256(text)).slice(0, 32)}"`;
  headers.set('ETag', etag);
  headers.set('Cache-Control', cacheControl);
  headers.set('Vary', VARY);
  // Per-client headers stay with this answer, not with the copy other clients get.
  const stored = new Headers(headers);
  for (const name of ['ratelimit', 'x-d1-bookmark']) stored.delete(name);
  ctx.waitUntil(cache.put(key, new Response(text, { status: 200, headers: stored })));
  headers.set('x-citeql-cache', 'MISS');
  return notModified(request, etag, cacheControl) ?? new Response(text, { status: 200, headers });
}

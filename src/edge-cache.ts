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
 *
 * Two levels: the isolate's own memory first (`inIsolate`, bounded), then the Cache API, shared by
 * the isolates of a location. A Cache API lookup is a call out of the isolate (and a sha256 of the
 * document for its key); a hot answer asked again of the same isolate (a popular node page) is
 * served from memory, keyed by the request's own text, with no hashing and no call at all. Both
 * levels are keyed by the data version, so both are equally fresh.
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

/** An answer as kept in the isolate: what a Response is rebuilt from. */
interface KeptAnswer {
  /** UTF-8, encoded once: a Response made from bytes copies them, one made from a string encodes it. */
  body: Uint8Array<ArrayBuffer>;
  headers: Array<[string, string]>;
  etag: string;
}

/** The isolate's answers, least recently used first, bounded in entries and in bytes. */
const inIsolate = new Map<string, KeptAnswer>();
const IN_ISOLATE_MAX_ENTRIES = 500;
const IN_ISOLATE_MAX_BYTES = 16 * 1024 * 1024;
let inIsolateBytes = 0;

function recall(key: string): KeptAnswer | undefined {
  const kept = inIsolate.get(key);
  if (kept) {
    inIsolate.delete(key);
    inIsolate.set(key, kept);
  }
  return kept;
}

/**
 * The memory an entry holds: its answer and its key. A key carries the document's whole text (up to
 * LIMITS.maxBodyBytes, two bytes a character in a JS string), so 500 keys alone could hold 128 MiB,
 * the isolate's whole memory, if only answers were counted.
 */
function sizeOf(key: string, answer: KeptAnswer): number {
  return answer.body.byteLength + key.length * 2;
}

function keep(key: string, answer: KeptAnswer): void {
  const size = sizeOf(key, answer);
  if (size > IN_ISOLATE_MAX_BYTES / 8 || inIsolate.has(key)) return;
  inIsolate.set(key, answer);
  inIsolateBytes += size;
  for (const [oldest, old] of inIsolate) {
    if (inIsolate.size <= IN_ISOLATE_MAX_ENTRIES && inIsolateBytes <= IN_ISOLATE_MAX_BYTES) break;
    inIsolate.delete(oldest);
    inIsolateBytes -= sizeOf(oldest, old);
  }
}

/**
 * The isolate-level key: the same parts as the Cache API key, as text. The document stays as sent
 * (not hashed): two spellings of one document are two entries, which costs memory, never a wrong answer.
 */
function isolateKey(parts: GraphQLRequestParts, media: string, version: number): string {
  const hash = parts.extensions?.persistedQuery?.sha256Hash;
  const document = typeof hash === 'string' ? `h:${hash}` : `q:${String(parts.query ?? '')}`;
  return JSON.stringify([version, media, document, parts.variables ?? null, parts.operationName ?? null]);
}

function answerFrom(kept: KeptAnswer, request: Request, cacheControl: string): Response {
  const unchanged = notModified(request, kept.etag, cacheControl);
  if (unchanged) return unchanged;
  const headers = new Headers(kept.headers);
  headers.set('x-citeql-cache', 'HIT');
  return new Response(kept.body, { status: 200, headers });
}

let knownVersion: { version: number; readAt: number } | null = null;

async function dataVersion(config: EdgeCacheConfig, read: () => Promise<number>): Promise<number> {
  const now = Date.now();
  if (knownVersion && now - knownVersion.readAt < config.versionTtlMs) return knownVersion.version;
  knownVersion = { version: await read(), readAt: now };
  return knownVersion.version;
}

/** The response media type the answer is written in (part of both keys). */
function mediaOf(request: Request): string {
  return (request.headers.get('accept') ?? '').includes('application/graphql-response+json') ? 'gr' : 'json';
}

async function cacheKey(parts: GraphQLRequestParts, media: string, version: number): Promise<Request> {
  const hash = parts.extensions?.persistedQuery?.sha256Hash;
  const documentHash = typeof hash === 'string' ? hash : await sha256(String(parts.query ?? ''));
  const rest = await sha256(JSON.stringify([parts.variables ?? null, parts.operationName ?? null]));
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
  const version = await dataVersion(config, readVersion);
  const media = mediaOf(request);
  const memoryKey = isolateKey(parts, media, version);
  const inMemory = recall(memoryKey);
  if (inMemory) return answerFrom(inMemory, request, cacheControl);
  const key = await cacheKey(parts, media, version);
  // caches.default: the Workers type is shadowed by the CacheStorage of Node's types in the test types.
  const cache = (caches as unknown as { default: Cache }).default;
  const hit = await cache.match(key);
  if (hit) {
    const body = new Uint8Array(await hit.arrayBuffer()) as Uint8Array<ArrayBuffer>;
    const kept = { body, headers: [...hit.headers], etag: hit.headers.get('etag') ?? '' };
    keep(memoryKey, kept);
    return answerFrom(kept, request, cacheControl);
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
  keep(memoryKey, { body: new TextEncoder().encode(text), headers: [...stored], etag });
  ctx.waitUntil(cache.put(key, new Response(text, { status: 200, headers: stored })));
  headers.set('x-citeql-cache', 'MISS');
  return notModified(request, etag, cacheControl) ?? new Response(text, { status: 200, headers });
}

/**
 * What happens to a request before GraphQL sees it: CORS, the body bound, and the GET parameters
 * that Yoga would otherwise fail on with a 500.
 *
 * CORS: CiteQL's data is public and it uses no cookies or other ambient credentials, so any origin
 * may read it (`*`) and credentials are never allowed (a browser then sends none). Yoga's own CORS
 * reflects the caller's origin instead of `*`, so it is off and this module answers.
 */
import { createGraphQLError } from 'graphql-yoga';
import { LIMITS } from './limits';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'RateLimit, RateLimit-Policy, Retry-After, ETag, x-d1-bookmark',
} as const;

export function corsPreflight(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': request.headers.get('access-control-request-headers') ?? 'content-type',
      'Access-Control-Max-Age': '86400',
      'Content-Length': '0',
    },
  });
}

export function withCors(response: Response): Response {
  try {
    // A Response made in this Worker (Yoga's, the edge cache's) can take headers as it is; one
    // from fetch() or the Cache API has immutable headers and is copied below.
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
    return response;
  } catch {}
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A client error answered before Yoga: the GraphQL-over-HTTP error shape, with a code. */
export function requestError(status: 400 | 413 | 414, code: string, message: string): Response {
  const error = createGraphQLError(message, { extensions: { code } });
  return Response.json({ errors: [error.toJSON()] }, { status });
}

/** A GET parameter that must be JSON (`variables`, `extensions`) but is not. */
export function malformedJsonParameter(url: URL): string | null {
  for (const name of ['variables', 'extensions']) {
    const value = url.searchParams.get(name);
    if (value === null || value === '') continue;
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) return name;
    } catch {
      return name;
    }
  }
  return null;
}

/**
 * The request body, read up to LIMITS.maxBodyBytes and no further, whatever Content-Length says
 * (a chunked body has none). Null when it is larger.
 */
export async function boundedBody(request: Request): Promise<ArrayBuffer | null> {
  const length = request.headers.get('content-length');
  const declared = Number(length ?? '0');
  if (declared > LIMITS.maxBodyBytes) return null;
  if (!request.body) return new ArrayBuffer(0);
  // A declared length frames the body (the runtime ends the stream there), so it is read at once;
  // reading chunk by chunk below cost about a millisecond of CPU on a node page's POST.
  if (length !== null && Number.isInteger(declared) && declared >= 0) return request.arrayBuffer();
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

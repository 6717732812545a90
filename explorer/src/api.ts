/**
 * The explorer's only way to the API: a registered document by name, sent by its sha256 in a GET
 * (`/graphql?operationName=…&variables=…&extensions={"persistedQuery":…}`), so the Worker's edge
 * cache answers repeated page views. Failures come back as an ApiError whose `kind` says whose
 * fault it was, so a page can tell a person what happened.
 */
import { DOCUMENT_HASHES } from 'virtual:explorer-documents';
import type { ExplorerDocumentName } from '../../src/explorer-documents';

export type Variables = Record<string, unknown>;

/**
 * - `network`: the API could not be reached (offline, DNS, connection reset);
 * - `api`: the API answered with a GraphQL error (`code` is its `extensions.code`);
 * - `http`: the API answered something that is not a GraphQL result (`status` says what).
 */
export type ApiErrorKind = 'network' | 'api' | 'http';

export class ApiError extends Error {
  /** RATE_LIMITED: when the same request will be accepted. */
  retryAfterSeconds?: number;

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
}

/**
 * A search page view is priced about 225,000 units (its five facets), and a client's bucket holds
 * 2,000,000 refilled at 40,000 a second (src/rate-limit.ts): someone clicking through facets fast
 * meets RATE_LIMITED after a burst. A short wait is better than an error page, so the request is
 * sent again after the Retry-After the API gives, when that is short, a few times at most.
 */
const RATE_LIMIT_RETRIES = 3;
const LONGEST_RETRY_WAIT_SECONDS = 10;

function wait(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** The URL a document's GET goes to (also what a test or a curl can reuse). */
export function documentUrl(name: ExplorerDocumentName, variables: Variables): string {
  const params = new URLSearchParams({
    operationName: name,
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: DOCUMENT_HASHES[name] } }),
  });
  return `/graphql?${params}`;
}

export async function query<T>(name: ExplorerDocumentName, variables: Variables, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await queryOnce<T>(name, variables, signal);
    } catch (error) {
      const retryAfter = error instanceof ApiError ? error.retryAfterSeconds : undefined;
      if (retryAfter === undefined || retryAfter > LONGEST_RETRY_WAIT_SECONDS || attempt >= RATE_LIMIT_RETRIES) {
        throw error;
      }
      await wait(retryAfter, signal);
    }
  }
}

async function queryOnce<T>(name: ExplorerDocumentName, variables: Variables, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(documentUrl(name, variables), {
      headers: { accept: 'application/graphql-response+json, application/json' },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('network', 'The CiteQL API could not be reached. Check the connection and try again.');
  }
  let result: GraphQLResult<T>;
  try {
    result = (await response.json()) as GraphQLResult<T>;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(
      'http',
      `The API answered HTTP ${response.status} without a GraphQL result.`,
      undefined,
      response.status,
    );
  }
  const [first] = result.errors ?? [];
  if (first) {
    const error = new ApiError('api', first.message, first.extensions?.code, response.status);
    if (first.extensions?.code === 'RATE_LIMITED') error.retryAfterSeconds = first.extensions.retryAfterSeconds ?? 1;
    throw error;
  }
  if (!result.data) {
    throw new ApiError('http', `The API answered HTTP ${response.status} without data.`, undefined, response.status);
  }
  return result.data;
}

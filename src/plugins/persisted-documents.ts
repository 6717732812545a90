import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { sha256Hex } from '../hash';
import { trustedDocumentsByHash } from '../persisted-documents';

/**
 * Automatic persisted queries (Apollo's protocol: `extensions.persistedQuery.sha256Hash`): a front
 * end sends the hash alone; an unknown hash answers PERSISTED_QUERY_NOT_FOUND and the client sends
 * the document once with its hash. Documents are kept in the isolate and in the Cache API (shared
 * by the isolates of a location), and the registered documents (src/persisted-documents.ts) are
 * always known. With `TRUSTED_DOCUMENTS = "on"` only registered documents run.
 */
const APQ_PREFIX = 'https://apq.citeql.internal/';
const APQ_LIFETIME_SECONDS = 7 * 24 * 3600;
const inIsolate = new Map<string, string>();

function cacheStore(): Cache {
  return (caches as unknown as { default: Cache }).default;
}

async function storedDocument(hash: string): Promise<string | undefined> {
  const known = inIsolate.get(hash);
  if (known !== undefined) return known;
  const response = await cacheStore().match(new Request(APQ_PREFIX + hash));
  if (!response) return undefined;
  const document = await response.text();
  inIsolate.set(hash, document);
  return document;
}

async function storeDocument(hash: string, document: string): Promise<void> {
  if (inIsolate.has(hash)) return;
  inIsolate.set(hash, document);
  const headers = { 'cache-control': `public, max-age=${APQ_LIFETIME_SECONDS}` };
  await cacheStore().put(new Request(APQ_PREFIX + hash), new Response(document, { headers }));
}

/** Thrown, not set as the result: Yoga's own parameter check (after this plugin) needs a query. */
function refusal(code: string, message: string) {
  return createGraphQLError(message, { extensions: { code } });
}

const HASH = /^[0-9a-f]{64}$/;

export function usePersistedDocuments(): Plugin {
  return {
    async onParams({ params, setParams, context }) {
      const { env } = context as unknown as { env: Env };
      const trustedOnly = env.TRUSTED_DOCUMENTS === 'on';
      const registered = await trustedDocumentsByHash();
      const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (hash !== undefined) {
        if (typeof hash !== 'string' || !HASH.test(hash)) {
          throw refusal('BAD_REQUEST', '"extensions.persistedQuery.sha256Hash" must be 64 lowercase hex digits.');
        }
        if (params.query) {
          if ((await sha256Hex(params.query)) !== hash) {
            throw refusal('PERSISTED_QUERY_HASH_MISMATCH', 'The sha256 of "query" is not "sha256Hash".');
          } else if (trustedOnly && !registered.has(hash)) {
            throw refusal('PERSISTED_QUERY_ONLY', 'This server runs registered documents only.');
          } else if (!registered.has(hash)) {
            await storeDocument(hash, params.query);
          }
          return;
        }
        const query = registered.get(hash) ?? (trustedOnly ? undefined : await storedDocument(hash));
        if (query === undefined) {
          // Apollo clients recognise this exact message and resend the document with its hash.
          throw refusal('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
        }
        setParams({ ...params, query });
        return;
      }
      if (trustedOnly && !(params.query && registered.has(await sha256Hex(params.query)))) {
        throw refusal('PERSISTED_QUERY_ONLY', 'This server runs registered documents only: send their sha256 hash.');
      }
    },
  };
}

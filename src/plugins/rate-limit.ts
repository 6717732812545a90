import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { type BucketAnswer, RATE_LIMIT_POLICY } from '../rate-limit';
import { costOfRequest } from './cost-limit';

const POLICY_NAME = 'cost';
const windowSeconds = Math.ceil(RATE_LIMIT_POLICY.capacity / RATE_LIMIT_POLICY.refillPerSecond);
/** draft-ietf-httpapi-ratelimit-headers: the quota, in cost units, over the refill window. */
const POLICY_HEADER = `"${POLICY_NAME}";q=${RATE_LIMIT_POLICY.capacity};w=${windowSeconds}`;

const answerByRequest = new WeakMap<Request, BucketAnswer>();

/**
 * What this isolate knows of each client's bucket: the level its last answer gave, less what has
 * been spent here since. While that shows room for many more requests like this one, a request
 * runs without asking the bucket, and its cost is added to `unsent`: the spends of one client are
 * sent together, at most one Durable Object call per client per SEND_EVERY_MS (a call per request
 * was about 0.7 ms of a node page's CPU under `wrangler dev`, and every call is billed). Near the
 * limit every request waits for the bucket's word, carrying what is unsent. Bounded: the oldest
 * clients are dropped (with at most SEND_EVERY_MS of their spends: an error in their favour).
 */
interface ClientLevel {
  remaining: number;
  unsent: number;
  sending: boolean;
}
const clients = new Map<string, ClientLevel>();
const CLIENTS_KEPT = 10_000;
/** A request goes unawaited only while the last known level covers this many of it. */
const HEADROOM = 10;
const SEND_EVERY_MS = 1000;

/** Records the bucket's answer, less what has been spent here since it was asked (`unsent`). */
function remember(key: string, answer: BucketAnswer): void {
  const known = clients.get(key) ?? { remaining: 0, unsent: 0, sending: false };
  clients.delete(key);
  known.remaining = Math.max(0, answer.remaining - known.unsent);
  clients.set(key, known);
  if (clients.size > CLIENTS_KEPT) clients.delete(clients.keys().next().value!);
}

function bucketOf(env: Env, key: string) {
  return env.COST_BUCKET.get(env.COST_BUCKET.idFromName(key));
}

/** Sends a client's unsent spends after SEND_EVERY_MS, together (one call, kept alive by waitUntil). */
async function sendLater(env: Env, key: string, known: ClientLevel): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SEND_EVERY_MS));
  const unsent = known.unsent;
  known.unsent = 0;
  known.sending = false;
  if (unsent > 0) remember(key, await bucketOf(env, key).settleSpent(unsent));
}

/**
 * The client a request is counted against. Cloudflare sets CF-Connecting-IP on every request
 * from the internet; a request without it comes from inside (tests, a service binding) and is not
 * rate limited.
 */
function clientKey(request: Request): string | null {
  return request.headers.get('cf-connecting-ip');
}

/**
 * Spends each operation's priced cost from its client's bucket (src/rate-limit.ts) before it
 * runs; past the limit the answer is 429 with Retry-After. Every response carries
 * RateLimit-Policy, and RateLimit once the bucket has been asked.
 */
export function useRateLimit(): Plugin<{ env: Env; request: Request; ctx: ExecutionContext }> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const { env, request, ctx } = args.contextValue;
      const key = clientKey(request);
      const cost = costOfRequest(args.contextValue);
      if (!key || !cost) return;
      const known = clients.get(key);
      if (known && known.remaining >= HEADROOM * Math.max(1, cost.requested)) {
        // Spent here, so a burst of parallel requests soon runs out of headroom and waits.
        known.remaining -= cost.requested;
        known.unsent += cost.requested;
        if (!known.sending) {
          known.sending = true;
          ctx.waitUntil(sendLater(env, key, known));
        }
        const { capacity, refillPerSecond } = RATE_LIMIT_POLICY;
        answerByRequest.set(request, {
          allowed: true,
          remaining: known.remaining,
          resetSeconds: Math.ceil((capacity - known.remaining) / refillPerSecond),
          retryAfterSeconds: 0,
        });
        return;
      }
      const unsent = known?.unsent ?? 0;
      if (known) known.unsent = 0;
      const answer = await bucketOf(env, key).spend(cost.requested, unsent);
      remember(key, answer);
      answerByRequest.set(request, answer);
      if (answer.allowed) return;
      setResultAndStopExecution({
        errors: [
          createGraphQLError(
            `Rate limit: this query costs ${cost.requested} and ${answer.remaining} of ` +
              `${RATE_LIMIT_POLICY.capacity} units are left (refilled at ${RATE_LIMIT_POLICY.refillPerSecond}/s). ` +
              `Retry after ${answer.retryAfterSeconds} s, or ask for less.`,
            {
              extensions: {
                code: 'RATE_LIMITED',
                cost: cost.requested,
                retryAfterSeconds: answer.retryAfterSeconds,
                http: { status: 429, headers: { 'Retry-After': String(answer.retryAfterSeconds) } },
              },
            },
          ),
        ],
        extensions: { cost },
      });
    },
    onResponse({ request, response }) {
      response.headers.set('RateLimit-Policy', POLICY_HEADER);
      const answer = answerByRequest.get(request);
      if (answer) response.headers.set('RateLimit', `"${POLICY_NAME}";r=${answer.remaining};t=${answer.resetSeconds}`);
    },
  };
}

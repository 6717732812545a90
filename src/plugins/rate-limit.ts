import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { type BucketAnswer, RATE_LIMIT_POLICY } from '../rate-limit';
import { costOfRequest } from './cost-limit';

const POLICY_NAME = 'cost';
const windowSeconds = Math.ceil(RATE_LIMIT_POLICY.capacity / RATE_LIMIT_POLICY.refillPerSecond);
/** draft-ietf-httpapi-ratelimit-headers: the quota, in cost units, over the refill window. */
const POLICY_HEADER = `"${POLICY_NAME}";q=${RATE_LIMIT_POLICY.capacity};w=${windowSeconds}`;

const answerByRequest = new WeakMap<Request, BucketAnswer>();

/**
 * The last answer each client's bucket gave this isolate. While it shows room for many more
 * requests like this one, the spend is sent without waiting for it (it still reaches the bucket,
 * via waitUntil), so a client far from its limit pays no Durable Object round trip. Near the
 * limit every request waits for the bucket's word. Bounded: the oldest entries are dropped.
 */
const lastAnswer = new Map<string, { remaining: number; at: number }>();
const LAST_ANSWERS_KEPT = 10_000;
/** A request goes unawaited only while the last known level covers this many of it. */
const HEADROOM = 10;

function remember(key: string, answer: BucketAnswer): void {
  lastAnswer.delete(key);
  lastAnswer.set(key, { remaining: answer.remaining, at: Date.now() });
  if (lastAnswer.size > LAST_ANSWERS_KEPT) lastAnswer.delete(lastAnswer.keys().next().value!);
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
      const bucket = env.COST_BUCKET.get(env.COST_BUCKET.idFromName(key));
      const spending = bucket.spend(cost.requested).then((answer) => {
        remember(key, answer);
        return answer;
      });
      const known = lastAnswer.get(key);
      if (known && known.remaining >= HEADROOM * Math.max(1, cost.requested)) {
        ctx.waitUntil(spending);
        const { capacity, refillPerSecond } = RATE_LIMIT_POLICY;
        // Spent here too, so a burst of parallel requests soon runs out of headroom and waits.
        known.remaining = Math.max(0, known.remaining - cost.requested);
        const remaining = known.remaining;
        answerByRequest.set(request, {
          allowed: true,
          remaining,
          resetSeconds: Math.ceil((capacity - remaining) / refillPerSecond),
          retryAfterSeconds: 0,
        });
        return;
      }
      const answer = await spending;
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

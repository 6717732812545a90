import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { type BucketAnswer, RATE_LIMIT_POLICY } from '../rate-limit';
import { costOfRequest } from './cost-limit';

const POLICY_NAME = 'cost';
const windowSeconds = Math.ceil(RATE_LIMIT_POLICY.capacity / RATE_LIMIT_POLICY.refillPerSecond);
/** draft-ietf-httpapi-ratelimit-headers: the quota, in cost units, over the refill window. */
const POLICY_HEADER = `"${POLICY_NAME}";q=${RATE_LIMIT_POLICY.capacity};w=${windowSeconds}`;

const answerByRequest = new WeakMap<Request, BucketAnswer>();

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
export function useRateLimit(): Plugin<{ env: Env; request: Request }> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const { env, request } = args.contextValue;
      const key = clientKey(request);
      const cost = costOfRequest(args.contextValue);
      if (!key || !cost) return;
      const bucket = env.COST_BUCKET.get(env.COST_BUCKET.idFromName(key));
      const answer = await bucket.spend(cost.requested);
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

/**
 * Per-client rate limiting by cost: a token bucket per client in a Durable Object (one instance
 * per client key, so a client's requests are counted in one place whichever Worker serves them).
 * A request spends its priced cost (src/cost/estimate.ts), so an expensive query spends what it
 * costs the database and a lookup spends a few units.
 *
 * Defaults: 2,000,000 units (two of the costliest requests the cost limit admits), refilled at
 * 40,000 a second (full again after 50 s). A README node page prices at about 97,000, so a client
 * gets 20 in a burst and then one every 2.5 s: 40 within 10 s meet 429s. A one-paper lookup prices at
 * 5, so 40 of them spend 200.
 */
import { DurableObject } from 'cloudflare:workers';

export const RATE_LIMIT_POLICY = { capacity: 2_000_000, refillPerSecond: 40_000 } as const;

export interface BucketAnswer {
  allowed: boolean;
  /** Units left after this request (0 when refused). */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** When refused: seconds until this request's cost would be available. */
  retryAfterSeconds: number;
}

/**
 * One client's bucket. The level lives in memory: an evicted bucket starts full again, which errs
 * on the client's side and costs no storage write per request.
 */
export class CostBucket extends DurableObject<Env> {
  private level: number = RATE_LIMIT_POLICY.capacity;
  private updatedAt = Date.now();

  /**
   * Spends `cost` if the bucket holds it. `settled`: units already spent by requests an isolate let
   * run on its own estimate (src/plugins/rate-limit.ts), taken first, whatever the level (not below 0).
   */
  spend(cost: number, settled = 0): BucketAnswer {
    this.settle(settled);
    // A request dearer than the whole bucket can still run once the bucket is full.
    const charge = Math.min(Math.max(1, cost), RATE_LIMIT_POLICY.capacity);
    const allowed = charge <= this.level;
    if (allowed) this.level -= charge;
    return this.answer(allowed, charge);
  }

  /** Takes units already spent (see `spend`) and says what is left. */
  settleSpent(settled: number): BucketAnswer {
    this.settle(settled);
    return this.answer(true, 0);
  }

  private settle(settled: number): void {
    const { capacity, refillPerSecond } = RATE_LIMIT_POLICY;
    const now = Date.now();
    this.level = Math.min(capacity, this.level + ((now - this.updatedAt) / 1000) * refillPerSecond);
    this.level = Math.max(0, this.level - Math.max(0, settled));
    this.updatedAt = now;
  }

  private answer(allowed: boolean, charge: number): BucketAnswer {
    const { capacity, refillPerSecond } = RATE_LIMIT_POLICY;
    return {
      allowed,
      remaining: Math.floor(this.level),
      resetSeconds: Math.ceil((capacity - this.level) / refillPerSecond),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((charge - this.level) / refillPerSecond)),
    };
  }
}

/**
 * The parts of the benchmark Miniflare setups that scripts/bench.ts and scripts/bench-compare.ts
 * share: the node page, the rate-limit bucket they run against, and the in-workerd timer.
 */

/**
 * The node page every benchmark times: the README's (src/persisted-documents.ts NODE_PAGE_QUERY)
 * without `similar`, which the hand-written floor of scripts/bench.ts does not compute.
 */
export const NODE_PAGE = `query NodePage($id: String!) {
  paper(externalId: $id) {
    title year authors { author { name } institutions { name } } keywords { term }
    referenceGroups { sourceDatabase totalCount references(first: 20) { edges { node {
      position rawText citedPaper { title year citationCount } } } } }
    citedBy(first: 20) { totalCount edges { node { title year } } }
    secondaryReferences(first: 10) { totalCount edges { viaCount node { title } } }
    secondaryCitations(first: 10) { totalCount edges { viaCount node { title } } }
    coCited(first: 10) { totalCount edges { count score node { title } } }
    coupled(first: 10) { totalCount edges { count score node { title } } }
    citationsByYear { year count }
  }
}`;

/**
 * Miniflare gives every request a client address, so the Worker spends each node page from a
 * rate-limit bucket; the bench repeats the page faster than a client may. Its bucket always
 * allows (Durable Object calls as in production: one per client per second while far from the limit).
 */
export const UNLIMITED_BUCKET = `import { DurableObject } from 'cloudflare:workers';
export class UnlimitedBucket extends DurableObject {
  spend() { return { allowed: true, remaining: 1e12, resetSeconds: 0, retryAfterSeconds: 0 }; }
  settleSpent() { return this.spend(); }
}
export default { fetch: () => new Response(null, { status: 404 }) };`;

/**
 * The in-workerd timer. Given a plan of variants (a service binding, a URL and a RequestInit), it
 * runs them interleaved, `batch` calls of one variant back to back per sample, so every variant
 * sees the same machine state, in an order rotated every iteration: with a fixed order, the
 * variant after the sub-millisecond ones (300 calls, 200 of them to the GraphQL Worker) was slowed
 * by them: the node page measured 10.1 ms right after them, 8.6 ms right after the SQL Worker, on
 * the same build in the same hour. workerd's clock ticks in whole milliseconds, and a sample is a
 * batch's time divided by its calls. The first answer of each variant is checked (status 200, no
 * GraphQL errors, the edge-cache header it expects) before anything is timed.
 */
export const BENCH_DRIVER = `export default {
  async fetch(request, env) {
    const plan = await request.json();
    const call = async (variant) => {
      const response = await env[variant.binding].fetch(variant.url, variant.init);
      return { response, text: await response.text() };
    };
    for (const [name, variant] of Object.entries(plan.variants)) {
      for (let warm = 0; warm < 3; warm++) {
        const { response, text } = await call(variant);
        const cache = response.headers.get('x-citeql-cache');
        if (response.status !== 200 || text.includes('"errors"') || (variant.cache && cache !== variant.cache && warm > 0)) {
          return new Response(name + ': ' + response.status + ' ' + cache + ' ' + text.slice(0, 500), { status: 500 });
        }
      }
    }
    const samples = Object.fromEntries(Object.keys(plan.variants).map((name) => [name, []]));
    const entries = Object.entries(plan.variants);
    for (let i = 0; i < plan.iterations; i++) {
      // Rotated: iteration i starts with variant i mod n, so each variant follows each other one
      // equally often (what a variant leaves behind, e.g. 100 calls' garbage, is not always paid
      // by the same next one).
      for (let j = 0; j < entries.length; j++) {
        const [name, variant] = entries[(i + j) % entries.length];
        // One untimed call first: whatever the previous variant left behind is paid there, not by
        // this variant's sample.
        await (await env[variant.binding].fetch(variant.url, variant.init)).arrayBuffer();
        const started = performance.now();
        for (let k = 0; k < (variant.batch ?? plan.batch); k++) await (await env[variant.binding].fetch(variant.url, variant.init)).arrayBuffer();
        samples[name].push((performance.now() - started) / (variant.batch ?? plan.batch));
      }
    }
    return Response.json(samples);
  },
};`;

/** Rankings as the oracles compute them, and how an API ranking is compared with one. */

export interface RankedItem {
  id: string;
  count: number;
  score?: number;
}

/** Sort order shared by every ranking: count desc, then id asc (code-unit compare, not locale). */
export function byCountThenId(a: { id: string; count: number }, b: { id: string; count: number }): number {
  return b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function ranked(counts: Map<string, number>, score?: (id: string, count: number) => number): RankedItem[] {
  const items: RankedItem[] = [];
  for (const [id, count] of counts) {
    items.push(score ? { id, count, score: score(id, count) } : { id, count });
  }
  return items.sort(byCountThenId);
}

/**
 * Checks an API top-n ranking against the oracle's full ranking, tolerating a different
 * tie-break among equal counts. Returns null if OK, else a message describing the first problem.
 */
export function topMatches(api: Array<{ id: string; count: number }>, oracle: RankedItem[], n: number): string | null {
  const expected = oracle.slice(0, n);
  const apiCounts = api.map((a) => a.count);
  const oracleCounts = expected.map((o) => o.count);
  if (apiCounts.join(',') !== oracleCounts.join(',')) {
    return `count sequence differs: api [${apiCounts.join(',')}] vs oracle [${oracleCounts.join(',')}]`;
  }
  const truth = new Map(oracle.map((o) => [o.id, o.count]));
  const seen = new Set<string>();
  for (const a of api) {
    if (seen.has(a.id)) return `duplicate id ${a.id}`;
    seen.add(a.id);
    const want = truth.get(a.id);
    if (want === undefined) return `${a.id} is not in the oracle's relation`;
    if (want !== a.count) return `${a.id}: api count ${a.count}, oracle count ${want}`;
  }
  // Ties at the cut-off may be swapped for others, but anything strictly above it is mandatory.
  const cutoff = expected[expected.length - 1]?.count;
  if (cutoff !== undefined) {
    for (const o of expected) {
      if (o.count > cutoff && !seen.has(o.id)) return `${o.id} (count ${o.count}) missing from api top ${n}`;
    }
  }
  return null;
}

/**
 * Independent answers for search tests: which records a one-word search matches, and facet counts,
 * from the raw records with plain string handling (no FTS5, no code under src/).
 */

/** Words as unicode61 (remove_diacritics 2) sees them: letters and digits, case and accents folded. */
export function words(text: string): string[] {
  return (text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).map((word) =>
    word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(),
  );
}

/** Counts of each value, most frequent first, then by value (the facet order). */
export function topCounts<V extends string | number>(values: Iterable<V>, top: number): Array<[V, number]> {
  const counts = new Map<V, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, top);
}

/**
 * The generator's randomness: one seeded PRNG and the draws built on it. Every draw takes the
 * generator, so the order of calls alone decides the corpus.
 */

export type Rng = () => number;

/** mulberry32: a tiny 32-bit PRNG, plenty for fake data and identical on every JS engine. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `items[index]`, or a thrown error instead of `undefined`. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} is outside a list of ${items.length}`);
  return item;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('cannot pick from an empty list');
  return at(items, Math.floor(rng() * items.length));
}

/** An integer in [min, max], both included. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

/** An index drawn with probability proportional to its weight; zero weights are never drawn. */
export function pickIndexWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const weight of weights) total += weight;
  if (!(total > 0)) throw new RangeError('cannot pick: no positive weight');
  let remaining = rng() * total;
  let last = -1;
  for (let index = 0; index < weights.length; index++) {
    const weight = weights[index] ?? 0;
    if (weight <= 0) continue;
    last = index;
    remaining -= weight;
    if (remaining < 0) return index;
  }
  return last; // floating-point rounding left a sliver: the last positive weight takes it
}

export function pickWeighted<T>(rng: Rng, items: readonly T[], weightOf: (item: T, index: number) => number): T {
  return at(items, pickIndexWeighted(rng, items.map(weightOf)));
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(rng() * (index + 1));
    const item = at(copy, index);
    copy[index] = at(copy, other);
    copy[other] = item;
  }
  return copy;
}

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log(0) is never taken
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Zipf-like weights for a ranked list: the first items are used far more than the last. */
export function zipf(rank: number, exponent = 0.9): number {
  return 1 / (rank + 1) ** exponent;
}

/**
 * The citation graph: who cites whom. Preferential attachment with field affinity, ageing and group
 * self-citation, references outside the corpus, and the papers that cite the seed paper.
 */
import type { PlannedPaper } from './papers';
import {
  at,
  chance,
  intBetween,
  normal,
  pick,
  pickIndexWeighted,
  pickWeighted,
  type Rng,
  shuffled,
  zipf,
} from './random';
import { TOPICS } from './topics';
import { type ExternalWork, indexOf, relatedTopics, type World } from './world';

const SEED_CITERS = 15;
const SEED_CITERS_FROM_YEAR = 2018;

export const DATABASES = {
  journals: 'CiteQL Demo Journals Database',
  proceedings: 'CiteQL Demo Conference Proceedings',
  preprints: 'CiteQL Demo Preprints',
  books: 'CiteQL Demo Books',
} as const;

export type PlannedReference =
  | { kind: 'paper'; paper: number; database: string }
  | { kind: 'external'; work: ExternalWork }
  | { kind: 'seed' };

/** Reference-list length: log-normal around 18, kept within 5–40. */
function drawReferenceCount(rng: Rng): number {
  return Math.max(5, Math.min(40, Math.round(Math.exp(Math.log(18) + 0.45 * normal(rng)))));
}

/** How close two fields are, [citing][cited]: own field 1, a related one 0.1, any other 0.002. */
function affinityMatrix(world: World): number[][] {
  return TOPICS.map((_, citing) =>
    TOPICS.map((__, cited) => (citing === cited ? 1 : relatedTopics(world, citing).includes(cited) ? 0.1 : 0.002)),
  );
}

/**
 * Up to `count` distinct indices, each draw proportional to the remaining weights. Keeps a running
 * total, so a draw is one pass over the weights. Zeroes the weights it draws.
 */
function drawDistinct(rng: Rng, weights: number[], count: number): number[] {
  let total = 0;
  for (const weight of weights) total += weight;
  const drawn: number[] = [];
  while (drawn.length < count && total > 1e-12) {
    let remaining = rng() * total;
    let chosen = -1;
    for (let index = 0; index < weights.length; index++) {
      const weight = weights[index] ?? 0;
      if (weight <= 0) continue;
      chosen = index;
      remaining -= weight;
      if (remaining < 0) break;
    }
    if (chosen < 0) break;
    total -= weights[chosen] ?? 0;
    weights[chosen] = 0;
    drawn.push(chosen);
  }
  return drawn;
}

/** ~15 recent papers, Belt and Road ones first, that will cite the seed paper. */
function chooseSeedCiters(rng: Rng, world: World, papers: readonly PlannedPaper[]): Set<number> {
  const bri = indexOf(world.topicIndex, 'belt-and-road');
  const eligible = papers.flatMap((paper, index) => (paper.year >= SEED_CITERS_FROM_YEAR ? [index] : []));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(SEED_CITERS, eligible.length)) {
    chosen.add(
      pickWeighted(rng, eligible, (index) => (chosen.has(index) ? 0 : at(papers, index).topic === bri ? 1 : 0.002)),
    );
  }
  return chosen;
}

/** Where a reference to a corpus paper was indexed: by its venue, or as the preprint it also was. */
function databaseOf(rng: Rng, world: World, paper: PlannedPaper): string {
  if (paper.year >= 1995 && chance(rng, 0.12)) return DATABASES.preprints;
  return at(world.venues, paper.venue).type === 'conference' ? DATABASES.proceedings : DATABASES.journals;
}

/** Works outside the corpus, published by `year`, mostly of the paper's field, classics more often. */
function drawExternal(rng: Rng, world: World, paper: PlannedPaper, used: Set<ExternalWork>): ExternalWork | null {
  const related = relatedTopics(world, paper.topic);
  const topic = related.length > 0 && chance(rng, 0.15) ? pick(rng, related) : paper.topic;
  const works = at(world.externalWorks, topic);
  const weights = works.map((work, rank) => (work.year <= paper.year && !used.has(work) ? zipf(rank) : 0));
  if (!weights.some((weight) => weight > 0)) return null;
  const work = at(works, pickIndexWeighted(rng, weights));
  used.add(work);
  return work;
}

export function planReferences(rng: Rng, world: World, papers: readonly PlannedPaper[]): PlannedReference[][] {
  const citedCount = papers.map(() => 0);
  // Intrinsic appeal (log-normal): without it the oldest papers would take every top spot, since
  // preferential attachment alone rewards being early.
  const fitness = papers.map(() => Math.exp(0.5 * normal(rng)));
  const affinity = affinityMatrix(world);
  const seedCiters = chooseSeedCiters(rng, world, papers);
  const earlierSeedCiters: number[] = [];
  return papers.map((paper, index) => {
    const wanted = drawReferenceCount(rng) - (seedCiters.has(index) ? 1 : 0);
    let wantedExternal = 0;
    for (let slot = 0; slot < wanted; slot++) if (chance(rng, 0.07)) wantedExternal++;

    // Preferential attachment: weight ∝ (citations so far + 1), times the paper's appeal, field
    // affinity, an ageing factor (recent work is cited more) and a self-citation boost for the
    // paper's own group. Candidates are the papers before this one: never later years, never itself.
    const closenessTo = at(affinity, paper.topic);
    const weights: number[] = [];
    let reachable = 0; // how many papers this one could plausibly cite, by field closeness
    for (let candidate = 0; candidate < index; candidate++) {
      const other = at(papers, candidate);
      const closeness = at(closenessTo, other.topic);
      const ageing = Math.exp(-(paper.year - other.year) / 6);
      const ownGroup = other.group === paper.group ? 3 : 1;
      weights.push((at(citedCount, candidate) + 1) * at(fitness, candidate) * closeness * ageing * ownGroup);
      reachable += closeness;
    }

    const cited: number[] = [];
    // Papers citing the seed often cite each other too: the seed's citing papers form a cluster.
    if (seedCiters.has(index) && earlierSeedCiters.length > 0 && chance(rng, 0.6)) {
      const other = pick(rng, earlierSeedCiters);
      cited.push(other);
      weights[other] = 0;
    }
    // Early papers in a young field find little to cite in the corpus: the rest goes outside it.
    const inCorpus = Math.min(wanted - wantedExternal, Math.floor(reachable));
    cited.push(...drawDistinct(rng, weights, inCorpus - cited.length));

    const references: PlannedReference[] = cited.map((target) => ({
      kind: 'paper',
      paper: target,
      database: databaseOf(rng, world, at(papers, target)),
    }));
    const usedExternal = new Set<ExternalWork>();
    while (references.length < wanted) {
      const work = drawExternal(rng, world, paper, usedExternal);
      if (!work) break;
      references.push({ kind: 'external', work });
    }
    const ordered = shuffled(rng, references);
    if (seedCiters.has(index)) {
      ordered.splice(intBetween(rng, 0, ordered.length), 0, { kind: 'seed' });
      earlierSeedCiters.push(index);
    }
    for (const target of cited) citedCount[target] = at(citedCount, target) + 1;
    return ordered;
  });
}

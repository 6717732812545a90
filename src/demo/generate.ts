/**
 * The demo corpus: a deterministic generator of a realistic-looking scholarly graph, so `npm start`
 * has papers, authors, institutions, venues, keywords and a citation network to show on a machine
 * without the real data folder.
 *
 * Realistic here means the shapes the API's relations are about: a few papers collect most citations
 * (preferential attachment), papers cite their own field and recent work, keywords co-occur within a
 * field, authors publish with a stable group and sometimes move, about one reference in ten points
 * outside the corpus, and a handful of recent papers cite the seed paper (`seed-paper.ts`), so its
 * node page has citing, co-cited and coupled literature.
 *
 * Everything comes from one seeded PRNG consumed in a fixed order: the same options always give the
 * same records (no Math.random, no clock, no module state). All names, ids and venues are made up;
 * DOIs use 10.5555, the prefix reserved for examples.
 *
 * The steps, in the order they draw: world.ts (institutions, venues, authors and groups, works
 * outside the corpus), papers.ts, graph.ts (the references), records.ts (the WorkRecords).
 */
import type { WorkRecord } from '../ingest/record';
import { planReferences } from './graph';
import { planPapers } from './papers';
import { at, mulberry32 } from './random';
import { workRecord } from './records';
import { buildWorld } from './world';

const DEFAULT_PAPERS = 1500;
const DEFAULT_SEED = 42;

/**
 * The demo corpus: `papers` works (default 1500) in publication order, the same for the same
 * options. It does not include the seed paper itself (`seedPaper`), which about 15 of them cite.
 */
export function generateDemoCorpus(options: { papers?: number; seed?: number } = {}): WorkRecord[] {
  const count = options.papers ?? DEFAULT_PAPERS;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`papers must be a whole number ≥ 0, got ${count}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const rng = mulberry32(seed);
  const world = buildWorld(rng);
  const papers = planPapers(rng, world, count);
  const references = planReferences(rng, world, papers);
  return papers.map((paper, index) => workRecord(rng, world, papers, paper, at(references, index)));
}

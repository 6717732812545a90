/**
 * The demo corpus `npm start` loads: deterministic, and a citation graph with the properties the
 * generator promises (no citation of the future or of oneself, skewed citation counts), checked on
 * its records.
 */
import { describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { generateDemoCorpus } from '../src/demo/generate';
import { seedPaper } from '../src/demo/seed-paper';

describe('demo corpus', () => {
  const corpus = demoCorpus();
  const byKey = new Map(corpus.flatMap((work) => work.ids.map((id) => [id.key, work] as const)));

  it('is the same every time', () => {
    expect(generateDemoCorpus({ papers: 200, seed: 7 })).toEqual(generateDemoCorpus({ papers: 200, seed: 7 }));
    expect(generateDemoCorpus({ papers: 200, seed: 8 })).not.toEqual(generateDemoCorpus({ papers: 200, seed: 7 }));
  });

  it('never cites the future, itself, or a paper twice', () => {
    for (const work of corpus) {
      const cited = work.references.flatMap((reference) => (reference.target ? [reference.target.key] : []));
      expect(new Set(cited).size, work.ids[0]?.key).toBe(cited.length);
      for (const key of cited) {
        const target = byKey.get(key);
        if (!target) continue; // an unresolved reference to a work outside the corpus
        expect(target, work.ids[0]?.key).not.toBe(work);
        if (target.year !== null && work.year !== null) expect(target.year).toBeLessThanOrEqual(work.year);
      }
    }
  });

  it('has skewed citation counts: the most cited tenth holds a large share of all citations', () => {
    const citations = new Map<string, number>();
    for (const work of corpus) {
      for (const reference of work.references) {
        const target = reference.target && byKey.get(reference.target.key);
        if (target) citations.set(target.ids[0]!.key, (citations.get(target.ids[0]!.key) ?? 0) + 1);
      }
    }
    const counts = corpus.map((work) => citations.get(work.ids[0]!.key) ?? 0).sort((a, b) => b - a);
    const total = counts.reduce((sum, n) => sum + n, 0);
    const topTenth = counts.slice(0, Math.ceil(counts.length / 10)).reduce((sum, n) => sum + n, 0);
    expect(topTenth / total).toBeGreaterThan(0.3);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(0);
  });

  it('includes the seed paper with its four Springer references, cited by later demo papers', () => {
    expect(corpus).toContain(seedPaper);
    expect(seedPaper.references.map((reference) => reference.sourceDatabase)).toEqual(
      Array(4).fill('Springer Journals Database'),
    );
    const citers = corpus.filter((work) =>
      work.references.some((reference) => reference.target?.key === 'demo:SEED-BRI'),
    );
    expect(citers.length).toBeGreaterThan(0);
  });
});

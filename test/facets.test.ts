/**
 * Facets and filters over the demo corpus (which has keywords, institutions and countries, unlike
 * AAN), against counts computed from the generator's records in plain TypeScript.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import type { WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import { gqlData } from './helpers';

const corpus = demoCorpus();
const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** value -> number of papers having it at least once (a paper counts once per value). */
function countBy(works: readonly WorkRecord[], valuesOf: (work: WorkRecord) => Array<string | null>) {
  const counts = new Map<string, number>();
  for (const work of works) {
    for (const value of new Set(valuesOf(work).filter((v): v is string => v !== null))) {
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return counts;
}

const facetValues: Record<string, (work: WorkRecord) => Array<string | null>> = {
  year: (work) => [work.year === null ? null : String(work.year)],
  type: (work) => [work.type],
  venue: (work) => [work.venue?.name ?? null],
  keyword: (work) => work.keywords.map(fold),
  institution: (work) => work.authors.flatMap((author) => author.institutions.map((i) => i.name)),
  country: (work) => work.authors.flatMap((author) => author.institutions.map((i) => i.country)),
};

/** The API's top-N must be N values whose counts are the N largest, each count right. */
function expectTopCounts(api: Array<{ value: string; count: number }>, expected: Map<string, number>, top: number) {
  const key = (value: string) => (expected.has(value) ? value : fold(value));
  for (const entry of api) expect(entry.count, entry.value).toBe(expected.get(key(entry.value)));
  const largest = [...expected.values()].sort((a, b) => b - a).slice(0, top);
  expect(api.map((entry) => entry.count)).toEqual(largest);
}

beforeAll(async () => {
  await writeWorks(env.DB, corpus);
});

describe('facets over the whole result', () => {
  it('counts every facet of all papers as the records do', async () => {
    const { data } = await gqlData(`{ papers(first: 1) { totalCount facets(top: 8) {
      year { value count } type { value count } venue { value count } keyword { value count }
      institution { value count } country { value count } } } }`);
    expect(data.papers.totalCount).toBe(corpus.length);
    for (const [facet, valuesOf] of Object.entries(facetValues)) {
      expectTopCounts(data.papers.facets[facet], countBy(corpus, valuesOf), 8);
    }
  });

  it('counts a filtered result: papers from one country in a year range, with a keyword facet', async () => {
    const country = [...countBy(corpus, facetValues.country!).entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const expected = corpus.filter(
      (work) =>
        work.year !== null &&
        work.year >= 2010 &&
        work.year <= 2020 &&
        work.authors.some((author) => author.institutions.some((i) => i.country === country)),
    );
    const { data } = await gqlData(
      `query($country: String!) { papers(first: 1, filter: { country: [$country], year: { min: 2010, max: 2020 } }) {
        totalCount facets(top: 5) { keyword { value count } year { value count } } } }`,
      { country },
    );
    expect(data.papers.totalCount).toBe(expected.length);
    expectTopCounts(data.papers.facets.keyword, countBy(expected, facetValues.keyword!), 5);
    expectTopCounts(data.papers.facets.year, countBy(expected, facetValues.year!), 5);
  });

  it('filters by a keyword id (OR within the list, AND with hasAbstract) as the records do', async () => {
    const { data: top } = await gqlData('{ papers(first: 1) { facets(top: 2) { keyword { id value } } } }');
    const [first, second] = top.papers.facets.keyword;
    const terms = new Set([fold(first.value), fold(second.value)]);
    const expected = corpus.filter(
      (work) => work.abstract !== null && work.keywords.some((keyword) => terms.has(fold(keyword))),
    );
    const { data } = await gqlData(
      `query($k: [ID!]) { papers(first: 1, filter: { keyword: $k, hasAbstract: true }) { totalCount } }`,
      { k: [first.id, second.id] },
    );
    expect(data.papers.totalCount).toBe(expected.length);
  });
});

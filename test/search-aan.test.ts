/**
 * Search on the whole AAN file (18,041 papers: titles, venues, authors; no abstracts), against
 * answers computed from the file here: exact titles come first, totalCount and facets equal plain
 * counts, and paging a broad search to the end, forwards or backwards, returns every match once.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseOpenAlexText } from '../src/ingest/formats/openalex';
import { writeWorks } from '../src/ingest/write';
import { gql, gqlData, realData } from './helpers';
import { topCounts, words } from './oracle/search';

const text = realData()?.aanWorksJsonl ?? null;

interface AanWork {
  id: string;
  title: string;
  publication_year: number | null;
  authorships: Array<{ author: { display_name: string } }>;
  primary_location?: { source?: { display_name?: string } | null } | null;
}

const PAGE = `query($q: String!, $first: Int, $last: Int, $after: String, $before: String) {
  papers(search: $q, first: $first, last: $last, after: $after, before: $before) {
    totalCount pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
    edges { node { id } }
  } }`;

describe.skipIf(text === null)('search on AAN', () => {
  const works: AanWork[] = (text ?? '')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
  const venueOf = (work: AanWork) => work.primary_location?.source?.display_name ?? null;
  const matching = (word: string) =>
    works.filter((work) =>
      words(
        [work.title, venueOf(work) ?? '', ...work.authorships.map((a) => a.author.display_name)].join(' '),
      ).includes(word),
    );

  beforeAll(async () => {
    const parsed = parseOpenAlexText(text ?? '');
    expect(parsed.errors).toEqual([]);
    await writeWorks(env.DB, parsed.works);
  });

  it('returns each of 20 papers first when searched by its exact title', async () => {
    const titles = new Map<string, number>();
    for (const work of works) titles.set(work.title.toLowerCase(), (titles.get(work.title.toLowerCase()) ?? 0) + 1);
    // Spread over the file; a title two papers share is skipped (either may come first).
    const picked: AanWork[] = [];
    for (let i = 0; picked.length < 20 && i < works.length; i += 887) {
      const work = works[i]!;
      if (titles.get(work.title.toLowerCase()) === 1 && words(work.title).length > 0) picked.push(work);
    }
    expect(picked.length).toBe(20);
    for (const work of picked) {
      const { data } = await gqlData(
        `query($q: String!) { papers(search: $q, first: 1) { edges { node { title externalIds { url } } } } }`,
        { q: work.title.replace(/"/g, ' ') },
      );
      expect(
        data.papers.edges[0]?.node.externalIds.map((e: any) => e.url),
        work.title,
      ).toContain(work.id);
    }
  });

  it('counts and facets a search as the file does', async () => {
    const expected = matching('translation');
    const { data, trace } = await gqlData(
      `{ papers(search: "translation", first: 1) { totalCount
          facets(top: 5) { year { value count } venue { value count } type { value count } } } }`,
    );
    console.log(`[search] "translation": ${expected.length} matches, facets read ${trace?.rowsRead} rows`);
    expect(data.papers.totalCount).toBe(expected.length);
    const years = topCounts(
      expected.flatMap((work) => (work.publication_year === null ? [] : [work.publication_year])),
      5,
    );
    expect(data.papers.facets.year).toEqual(years.map(([value, count]) => ({ value: String(value), count })));
    // A venue is one venue whatever the case and spacing of its name (the import's rule).
    const venueKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    const venues = topCounts(
      expected.flatMap((work) => (venueOf(work) ? [venueKey(venueOf(work)!)] : [])),
      5,
    );
    expect(data.papers.facets.venue.map((v: any) => ({ value: venueKey(v.value), count: v.count }))).toEqual(
      venues.map(([value, count]) => ({ value, count })),
    );
    expect(data.papers.facets.type).toEqual([{ value: 'article', count: expected.length }]);
  });

  it('counts a filtered search as the file does', async () => {
    const expected = matching('parsing').filter((w) => w.publication_year !== null && w.publication_year >= 2000);
    const { data } = await gqlData(
      '{ papers(search: "parsing", filter: { year: { min: 2000 } }, first: 0) { totalCount } }',
    );
    expect(data.papers.totalCount).toBe(expected.length);
  });

  // "of" is AAN's broadest search (over 10,000 matches): no depth wall, no skip, no repeat.
  it.each(['translation', 'of'])(
    'pages a broad search ("%s") to the end, forwards and backwards, each match once',
    async (q) => {
      const expected = matching(q).length;
      const forward: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { data }: { data: any } = await gqlData(PAGE, { q, first: 100, after });
        forward.push(...data.papers.edges.map((edge: any) => edge.node.id));
        expect(data.papers.totalCount).toBe(expected);
        if (!data.papers.pageInfo.hasNextPage) break;
        after = data.papers.pageInfo.endCursor;
      }
      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        const { data }: { data: any } = await gqlData(PAGE, { q, last: 100, before });
        backward.unshift(...data.papers.edges.map((edge: any) => edge.node.id));
        if (!data.papers.pageInfo.hasPreviousPage) break;
        before = data.papers.pageInfo.startCursor;
      }
      expect(forward.length).toBe(expected);
      expect(new Set(forward).size).toBe(expected);
      expect(backward).toEqual(forward);
      console.log(`[search] "${q}": paged ${expected} matches both ways`);
    },
  );
});

describe.skipIf(text === null)('search prices on AAN', () => {
  beforeAll(async () => {
    const parsed = parseOpenAlexText(text ?? '');
    await writeWorks(env.DB, parsed.works);
  });

  const cases: Array<[string, string]> = [
    ['broadest word, page', '{ papers(search: "of", first: 100) { edges { node { title } } } }'],
    ['broadest word, count', '{ papers(search: "of", first: 0) { totalCount } }'],
    ['phrase', '{ papers(search: "\\"machine translation\\"", first: 100) { totalCount edges { node { title } } } }'],
    ['prefix', '{ papers(search: "transl* OR pars*", first: 100) { totalCount edges { node { title } } } }'],
    ['facet year', '{ papers(search: "of", first: 0) { facets(top: 100) { year { value count } } } }'],
    ['facet venue', '{ papers(search: "of", first: 0) { facets(top: 100) { venue { value count } } } }'],
    ['facet type', '{ papers(search: "of", first: 0) { facets(top: 100) { type { value count } } } }'],
    ['facet keyword', '{ papers(search: "of", first: 0) { facets(top: 100) { keyword { value count } } } }'],
    ['facet institution', '{ papers(search: "of", first: 0) { facets { institution { value count } } } }'],
    ['facet country', '{ papers(search: "of", first: 0) { facets { country { value count } } } }'],
    ['no search, all facets', '{ papers(first: 0) { facets { year { count } venue { count } type { count } } } }'],
    [
      'filter, sorted by title',
      '{ papers(filter: { year: { min: 2000 } }, orderBy: { field: TITLE }, first: 100) { totalCount edges { node { id } } } }',
    ],
    [
      'filter by citation count',
      '{ papers(filter: { citationCount: { min: 1 } }, first: 100) { totalCount edges { node { id } } } }',
    ],
    ['cites the hub', '{ papers(filter: { cites: "UGFwZXI6MQ" }, first: 100) { totalCount } }'],
    [
      'citedBy of the hub, filtered, faceted',
      `{ paper(externalId: "acl:J93-2004") { citedBy(first: 100, filter: { year: { min: 2000 } }, orderBy: { field: TITLE }) {
          totalCount edges { node { title } } facets(top: 100) { year { count } venue { count } } } } }`,
    ],
    [
      'citedBy of the hub, searched',
      `{ paper(externalId: "acl:J93-2004") { citedBy(first: 100, search: "translation") { totalCount edges { node { title } } } } }`,
    ],
  ];
  for (const [name, query] of cases) {
    it(`reads no more rows than priced: ${name}`, async () => {
      const response = await gql(query);
      expect(response.errors).toBeUndefined();
      const { rowsRead, d1Statements } = response.extensions!.trace!;
      console.log(
        `[search price] ${name}: ${rowsRead} rows, ${d1Statements} statements, priced ${response.extensions!.cost!.requested}`,
      );
      expect(rowsRead).toBeLessThanOrEqual(response.extensions!.cost!.requested);
    });
  }
});

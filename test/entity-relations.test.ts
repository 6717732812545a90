/**
 * Author, institution and keyword relations, keyword similarity and the seed paper's node page,
 * through the GraphQL API over the project's demo corpus.
 *
 * Every expected value is computed from the generator's records in plain TypeScript by the oracle
 * (test/oracle/entities.ts), never read back from the database and never from src/ code other than
 * demoCorpus and writeWorks, so a bug shared by the writer and the resolvers cannot hide itself.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import type { WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import { gql, gqlData } from './helpers';
import { at } from './oracle/collections';
import {
  type AuthorFacts,
  EntityOracle,
  type ExpectedAuthorInstitution,
  institutionKeyOf,
  normTerm,
} from './oracle/entities';
import { ranked, topMatches } from './oracle/ranking';

const records = demoCorpus();
const oracle = new EntityOracle(records);
const { paperByKey, authors, institutions, keywords, keywordsOf, authorsOn, institutionsOnPaper, authorByName } =
  oracle;

/** The demo id as the API takes it: `paper(externalId: "demo:P000123")`. */
function externalIdOf(record: WorkRecord): string {
  const demo = record.ids.find((id) => id.namespace === 'demo');
  if (!demo) throw new Error(`record without a demo id: ${record.title}`);
  return `demo:${demo.value}`;
}

// -------------------------------------------------------------------------------------------------
// Subjects, picked deterministically from the records

const byName = (a: AuthorFacts, b: AuthorFacts) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const authorsByPapers = [...authors.values()].sort((a, b) => b.papers.size - a.papers.size || byName(a, b));
const institutionCountOf = (author: AuthorFacts) =>
  new Set([...author.institutionsOn.values()].flatMap((keys) => [...keys])).size;
const authorSubjects = [
  ...authorsByPapers.slice(0, 3),
  ...[...authors.values()]
    .filter((author) => author.papers.size === 2)
    .sort(byName)
    .slice(0, 2),
];
// None of those may have moved; the most prolific author who did makes the institutions order matter.
const mover = authorsByPapers.find((author) => institutionCountOf(author) > 1 && !authorSubjects.includes(author));
if (mover) authorSubjects.push(mover);

const institutionSubjects = [...institutions.values()]
  .filter((institution) => institution.record.ror !== null)
  .sort((a, b) => b.papers.size - a.papers.size || ((a.record.ror ?? '') < (b.record.ror ?? '') ? -1 : 1))
  .slice(0, 3);

const keywordsByPapers = [...keywords].sort(([a, x], [b, y]) => y.papers.size - x.papers.size || (a < b ? -1 : 1));
const seedIndex = paperByKey.get('demo:SEED-BRI') ?? -1;

const usedTwice = keywordsByPapers.filter(([, keyword]) => keyword.papers.size === 2);
// The demo corpus happens to have no keyword on exactly 2 papers: then take the rarest on 2 or more.
const rareKeyword = usedTwice[0] ?? keywordsByPapers.filter(([, keyword]) => keyword.papers.size >= 2).at(-1);
// One the seed paper shares with generated papers: the seed has no year, which papersByYear puts last.
const seedKeyword = keywordsByPapers
  .filter(([term, keyword]) => keyword.papers.has(seedIndex) && keyword.papers.size >= 2 && term !== rareKeyword?.[0])
  .at(-1);
const keywordSubjects = [
  ...keywordsByPapers.slice(0, 3),
  ...(rareKeyword ? [rareKeyword] : []),
  ...(seedKeyword ? [seedKeyword] : []),
];

const paperSubjects = [
  // The richest keyword lists, then the seed (one of its keywords is its own) and a mid-corpus paper.
  ...records
    .map((_, paper) => paper)
    .sort((a, b) => at(keywordsOf, b).size - at(keywordsOf, a).size || a - b)
    .slice(0, 3),
  seedIndex,
  Math.floor(records.length / 2),
];

// -------------------------------------------------------------------------------------------------
// Comparing API answers

/** The sequence of ranks must match, and the entries as a whole: so ties may come in any order. */
function expectSameRankedSet<T>(
  label: string,
  api: T[],
  expected: T[],
  rank: (item: T) => string,
  canonical: (item: T) => string,
) {
  expect(api.map(rank), `${label}: rank sequence`).toEqual(expected.map(rank));
  expect(api.map(canonical).sort(), `${label}: entries`).toEqual(expected.map(canonical).sort());
}

beforeAll(async () => {
  await writeWorks(env.DB, records);
});

it('picks subjects that exercise the relations', () => {
  // Guards the subject choice itself, so a corpus change cannot quietly make these tests trivial.
  expect(authorSubjects).toHaveLength(6);
  expect(at(authorSubjects, 0).papers.size).toBeGreaterThan(2);
  expect(institutionCountOf(at(authorSubjects, 5))).toBeGreaterThan(1);
  expect(institutionSubjects).toHaveLength(3);
  expect(new Set(keywordSubjects.map(([term]) => term)).size).toBe(5);
  const reused = [...keywords.values()].map((keyword) => keyword.papers.size).filter((size) => size >= 2);
  expect(at(keywordSubjects, 3)[1].papers.size).toBe(Math.min(...reused));
  expect(at(keywordSubjects, 4)[1].papers.has(seedIndex)).toBe(true);
  expect(new Set(paperSubjects).size).toBe(5);
  expect(seedIndex).toBeGreaterThanOrEqual(0);
});

describe('Author', () => {
  // Authors without an ORCID have no lookup of their own: reach them through one of their papers.
  const AUTHOR_ON_PAPER = `query($x: String!) { paper(externalId: $x) { authors { author {
    name paperCount citationCount hIndex
    coauthors(first: 10) { totalCount edges { sharedPaperCount node { name } } }
    institutions { institution { name ror } paperCount firstYear lastYear }
    keywords(first: 5) { keyword { term } paperCount }
  } } } }`;

  async function fetchAuthor(author: AuthorFacts) {
    const firstPaper = Math.min(...author.papers);
    const { data } = await gqlData(AUTHOR_ON_PAPER, { x: externalIdOf(at(records, firstPaper)) });
    const found = data.paper.authors.find((authorship: any) => authorship.author.name === author.name);
    expect(found, `${author.name} on ${externalIdOf(at(records, firstPaper))}`).toBeDefined();
    return found.author;
  }

  for (const [rank, author] of authorSubjects.entries()) {
    describe(`${author.name} (${author.papers.size} papers, subject ${rank + 1})`, () => {
      it('has citationCount = Σ citations of their papers, and the h-index of those papers', async () => {
        const api = await fetchAuthor(author);
        expect(api.paperCount).toBe(author.papers.size);
        expect(api.citationCount).toBe(oracle.sumCitations(author.papers));
        expect(api.hIndex).toBe(oracle.hIndex(author.papers));
      });

      it('lists co-authors by shared papers, with the total', async () => {
        const api = await fetchAuthor(author);
        const expected = ranked(oracle.sharedPaperCounts(author.papers, (paper) => at(authorsOn, paper), author.key));
        // The ranking is keyed by author key; API answers carry names, so translate.
        const byNameRanking = expected.map((item) => ({ ...item, id: oracle.nameOfAuthorKey(item.id) }));
        expect(api.coauthors.totalCount).toBe(expected.length);
        const edges = api.coauthors.edges.map((edge: any) => ({ id: edge.node.name, count: edge.sharedPaperCount }));
        expect(topMatches(edges, byNameRanking, 10)).toBeNull();
      });

      it('lists institutions with paper counts and first/last years, most recent first', async () => {
        const api = await fetchAuthor(author);
        const expected = oracle.authorInstitutions(author);
        const actual: ExpectedAuthorInstitution[] = api.institutions.map((entry: any) => ({
          name: entry.institution.name,
          ror: entry.institution.ror,
          paperCount: entry.paperCount,
          firstYear: entry.firstYear,
          lastYear: entry.lastYear,
        }));
        expectSameRankedSet(
          `${author.name} institutions`,
          actual,
          expected,
          (item) => `${item.lastYear}/${item.paperCount}`,
          (item) => JSON.stringify([item.ror, item.name, item.paperCount, item.firstYear, item.lastYear]),
        );
      });

      it('lists the top 5 keywords of their papers with paper counts', async () => {
        const api = await fetchAuthor(author);
        const expected = ranked(oracle.keywordCounts(author.papers));
        const entries = api.keywords.map((entry: any) => ({
          id: normTerm(entry.keyword.term),
          count: entry.paperCount,
        }));
        expect(entries).toHaveLength(Math.min(5, expected.length));
        expect(topMatches(entries, expected, 5)).toBeNull();
      });
    });
  }
});

describe('Institution', () => {
  const INSTITUTION = `query($ror: String!) { institution(ror: $ror) {
    name ror paperCount citationCount
    collaborators(first: 10) { totalCount edges { sharedPaperCount node { ror name } } }
  } }`;

  for (const institution of institutionSubjects) {
    const ror = institution.record.ror ?? '';
    it(`${institution.record.name}: paper and citation counts, collaborators by shared papers`, async () => {
      const { data } = await gqlData(INSTITUTION, { ror });
      const api = data.institution;
      expect(api.name).toBe(institution.record.name);
      expect(api.paperCount).toBe(institution.papers.size);
      expect(api.citationCount).toBe(oracle.sumCitations(institution.papers));
      const expected = ranked(
        oracle.sharedPaperCounts(institution.papers, (paper) => at(institutionsOnPaper, paper), ror),
      );
      expect(api.collaborators.totalCount).toBe(expected.length);
      const edges = api.collaborators.edges.map((edge: any) => ({
        id: institutionKeyOf(edge.node),
        count: edge.sharedPaperCount,
      }));
      expect(topMatches(edges, expected, 10)).toBeNull();
    });
  }
});

describe('Keyword', () => {
  const KEYWORD = `query($term: String!) { keyword(term: $term) {
    term paperCount
    cooccurring(first: 10) { totalCount edges { sharedPaperCount node { term } } }
    papersByYear { year count }
  } }`;

  for (const [normalized, keyword] of keywordSubjects) {
    it(`"${keyword.term}": paper count, co-occurring keywords and papers per year`, async () => {
      const { data } = await gqlData(KEYWORD, { term: keyword.term });
      const api = data.keyword;
      expect(normTerm(api.term)).toBe(normalized);
      expect(api.paperCount).toBe(keyword.papers.size);
      const expected = ranked(oracle.sharedPaperCounts(keyword.papers, (paper) => at(keywordsOf, paper), normalized));
      expect(api.cooccurring.totalCount).toBe(expected.length);
      const edges = api.cooccurring.edges.map((edge: any) => ({
        id: normTerm(edge.node.term),
        count: edge.sharedPaperCount,
      }));
      expect(topMatches(edges, expected, 10)).toBeNull();
      expect(api.papersByYear).toEqual(oracle.perYear(keyword.papers));
    });
  }
});

describe('Paper.similar', () => {
  const SIMILAR = `query($x: String!) { paper(externalId: $x) {
    title
    similar(first: 10) { totalCount edges { sharedKeywordCount score node { title externalIds { namespace value } } } }
  } }`;

  for (const paper of paperSubjects) {
    const record = at(records, paper);
    it(`${externalIdOf(record)} (${at(keywordsOf, paper).size} keywords): shared keywords and idf scores, best first`, async () => {
      const { data } = await gqlData(SIMILAR, { x: externalIdOf(record) });
      const api = data.paper;
      expect(api.title).toBe(record.title);
      const expected = oracle.similarTo(paper);
      expect(api.similar.totalCount).toBe(expected.size);
      for (const edge of api.similar.edges) {
        // Matched by demo id rather than title, which is not a key.
        const demo = edge.node.externalIds.find((id: any) => id.namespace === 'demo');
        const other = paperByKey.get(`demo:${String(demo?.value).toUpperCase()}`);
        expect(other, `similar node ${edge.node.title}`).toBeDefined();
        const want = expected.get(other ?? -1);
        expect(want, `${edge.node.title} shares no keyword with ${record.title}`).toBeDefined();
        expect(edge.node.title).toBe(at(records, other ?? -1).title);
        expect(edge.sharedKeywordCount).toBe(want?.shared);
        expect(edge.score).toBeCloseTo(want?.score ?? NaN, 9);
      }
      // The ten returned are the ten best, in order (ties may swap equal scores only).
      const bestScores = [...expected.values()]
        .map((entry) => entry.score)
        .sort((a, b) => b - a)
        .slice(0, 10);
      const scores: number[] = api.similar.edges.map((edge: any) => edge.score);
      expect(scores).toHaveLength(bestScores.length);
      scores.forEach((score, index) => {
        expect(score).toBeCloseTo(at(bestScores, index), 9);
      });
    });
  }
});

describe('the seed paper node page', () => {
  it('groups its four references under Springer and counts its citers per year', async () => {
    const { data } = await gqlData(`{ paper(externalId: "demo:SEED-BRI") {
      referenceGroups { sourceDatabase totalCount references(first: 10) { edges { node { position rawText citedPaper { id } } } } }
      citationsByYear { year count }
      citedBy(first: 50) { totalCount }
    } }`);
    const seed = at(records, seedIndex);
    const groups = data.paper.referenceGroups;
    expect(groups.map((group: any) => [group.sourceDatabase, group.totalCount])).toEqual([
      ['Springer Journals Database', 4],
    ]);
    expect(groups[0].references.edges.map((edge: any) => edge.node)).toEqual(
      // The record's targets are all null, so no entry resolves to a paper.
      seed.references.map((reference, index) => ({
        position: index + 1,
        rawText: reference.rawText,
        citedPaper: null,
      })),
    );
    expect(data.paper.citationsByYear).toEqual(oracle.perYear(oracle.citers(seedIndex)));
    expect(data.paper.citedBy.totalCount).toBe(oracle.citationCount(seedIndex));
  });

  it("pages a group's references fetched with the groups: two windows at once, a cursor, a refused size", async () => {
    const positions = at(records, seedIndex).references.map((_, index) => index + 1);
    const page = (args: string) =>
      `references(${args}) { edges { node { position } } pageInfo { endCursor hasNextPage } }`;
    const { data, trace } = await gqlData(`{ paper(externalId: "demo:SEED-BRI") {
      referenceGroups { two: ${page('first: 2')} all: ${page('first: 10')} } } }`);
    const [group] = data.paper.referenceGroups;
    const of = (connection: any) => connection.edges.map((edge: any) => edge.node.position);
    expect(of(group.two)).toEqual(positions.slice(0, 2));
    expect(group.two.pageInfo.hasNextPage).toBe(true);
    expect(of(group.all)).toEqual(positions);
    // The lookup with the groups and both windows' entries (one statement each, src/schema/prefetch.ts).
    expect(trace?.d1RoundTrips).toBe(1);
    const next = await gqlData(`{ paper(externalId: "demo:SEED-BRI") {
      referenceGroups { ${page(`first: 2, after: "${group.two.pageInfo.endCursor}"`)} } } }`);
    expect(of(next.data.paper.referenceGroups[0].references)).toEqual(positions.slice(2, 4));
    const refused = await gql(`{ paper(externalId: "demo:SEED-BRI") { referenceGroups { ${page('first: 101')} } } }`);
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('reference groups', () => {
  /** A record's groups as the page shows them: by source database, in order of their first entry. */
  const groupsOf = (record: WorkRecord) => {
    const counts = new Map<string | null, number>();
    for (const reference of record.references) {
      const database = reference.sourceDatabase ?? null;
      counts.set(database, (counts.get(database) ?? 0) + 1);
    }
    return [...counts].map(([sourceDatabase, totalCount]) => ({ sourceDatabase, totalCount }));
  };
  const withSeveralGroups = records.filter((record) => groupsOf(record).length > 1).slice(0, 8);

  it('are the same read off a first page of their entries, fetched apart, and in the records', async () => {
    expect(withSeveralGroups.length).toBeGreaterThan(0);
    for (const record of withSeveralGroups) {
      const ask = async (entries: string) => {
        const response = await gql(
          `query($key: String!) { paper(externalId: $key) {
          referenceGroups { sourceDatabase totalCount ${entries} } } }`,
          { key: record.ids[0]!.key },
        );
        expect(response.errors).toBeUndefined();
        const groups = response.data?.paper.referenceGroups as Array<Record<string, unknown>>;
        return { groups: groups.map(({ sourceDatabase, totalCount }) => ({ sourceDatabase, totalCount })), response };
      };
      const expected = groupsOf(record);
      // Alone and behind a last page: the groups' own statement; behind a first page: read off it.
      const alone = await ask('');
      const lastPage = await ask('references(last: 1) { totalCount }');
      const firstPage = await ask('references(first: 1) { edges { node { position } } }');
      expect(alone.groups, record.ids[0]!.key).toEqual(expected);
      expect(lastPage.groups).toEqual(expected);
      expect(firstPage.groups).toEqual(expected);
      expect(firstPage.response.extensions?.trace?.d1Statements).toBe(2); // the lookup and the page
      expect(lastPage.response.extensions?.trace?.d1Statements).toBe(3); // + the groups
    }
  });
});

describe('statement budget', () => {
  const NESTED = `query($n: Int!) { authors: papers(first: $n) { edges { node {
    authors { author {
      name citationCount hIndex
      coauthors(first: $n) { totalCount edges { sharedPaperCount node { name } } }
      institutions { institution { name } firstYear }
      keywords(first: 3) { keyword { term } }
    } }
    similar(first: $n) { totalCount edges { score } }
  } } } }`;

  it('answers author relations and similarity in the same number of D1 statements at page size 5 and 50', async () => {
    const small = await gqlData(NESTED, { n: 5 });
    const large = await gqlData(NESTED, { n: 50 });
    const nodes = (response: typeof small): any[] => response.data.authors.edges.map((edge: any) => edge.node);
    const bylines = (response: typeof small): any[] =>
      nodes(response).flatMap((node) => node.authors.map((a: any) => a.author));
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(nodes(small)).toHaveLength(5);
    expect(nodes(large)).toHaveLength(50);
    // Bigger all the way down, so equal statement counts mean batching rather than luck.
    const similarEdges = (response: typeof small) => sum(nodes(response).map((node) => node.similar.edges.length));
    const coauthorEdges = (response: typeof small) =>
      sum(bylines(response).map((author) => author.coauthors.edges.length));
    expect(similarEdges(large)).toBeGreaterThan(5 * similarEdges(small));
    expect(coauthorEdges(large)).toBeGreaterThan(coauthorEdges(small));
    expect(small.trace?.d1Statements).toBeGreaterThan(0);
    expect(large.trace?.d1Statements).toBe(small.trace?.d1Statements);

    // The batched answers are also right, for every author on the 50 papers.
    for (const api of bylines(large)) {
      const author = authorByName.get(api.name);
      expect(author, api.name).toBeDefined();
      if (!author) continue;
      expect(api.citationCount, `${api.name} citationCount`).toBe(oracle.sumCitations(author.papers));
      expect(api.hIndex, `${api.name} hIndex`).toBe(oracle.hIndex(author.papers));
      const coauthors = oracle.sharedPaperCounts(author.papers, (paper) => at(authorsOn, paper), author.key);
      expect(api.coauthors.totalCount, `${api.name} coauthors`).toBe(coauthors.size);
      expect(new Set(api.institutions.map((entry: any) => entry.institution.name)), `${api.name} institutions`).toEqual(
        new Set(oracle.authorInstitutions(author).map((entry) => entry.name)),
      );
    }
    console.log(`author relations + similar: ${large.trace?.d1Statements} D1 statements at page size 5 and 50`);
  });
});

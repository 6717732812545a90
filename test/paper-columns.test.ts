/**
 * Pages of papers read only the columns a list shows (id, title, year, citation count) unless
 * their selection asks for more (paper.repository `listedPaperColumns`). Whatever a page reads,
 * every Paper field answers the paper's own values (compared with the demo corpus records, in
 * plain TypeScript), on every kind of page; asking for the other columns costs no statement more
 * than not asking; and a row without a column still answers it, from the paper's whole row.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context';
import { findPapersByExternalKeys } from '../src/db/paper.repository';
import { demoCorpus } from '../src/demo/corpus';
import type { WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import { paperColumn, wholePaperRow } from '../src/schema/lookups';
import { gql } from './helpers';

const corpus = demoCorpus();
const SEED = 'demo:SEED-BRI';
/** The seed's references are all outside the corpus: the paper with the most resolvable ones has reference pages. */
const corpusKeys = new Set(corpus.flatMap((record) => record.ids.map((id) => id.key)));
const resolvable = (record: WorkRecord) =>
  record.references.filter((reference) => reference.target && corpusKeys.has(reference.target.key)).length;
const CITING = [...corpus].sort((a, b) => resolvable(b) - resolvable(a))[0]!.ids[0]!.key;
const recordById = new Map(corpus.flatMap((record) => record.ids.map((id) => [`${id.namespace}:${id.value}`, record])));

beforeAll(async () => {
  await writeWorks(env.DB, corpus);
});

/** Every page of papers a paper has, each asking `fields` of its papers (`n` per page). */
function pagesOf(fields: string, n = 20) {
  const edges = `edges { node { ${fields} } }`;
  return `
    citedBy(first: ${n}) { ${edges} }
    references(first: ${n}) { edges { node { citedPaper { ${fields} } } } }
    referenceGroups { references(first: ${n}) { edges { node { citedPaper { ${fields} } } } } }
    secondaryReferences(first: ${n}) { ${edges} }
    secondaryCitations(first: ${n}) { ${edges} }
    coCited(first: ${n}) { ${edges} }
    coupled(first: ${n}) { ${edges} }
    similar(first: ${n}) { ${edges} }
    authors { author { papers(first: ${n}) { ${edges} } } }
    keywords { papers(first: ${n}) { ${edges} } }
    venue { papers(first: ${n}) { ${edges} } }`;
}

const LISTED = 'title year citationCount';
const BEYOND = 'abstract publicationDate doi type language';
const IDS = 'externalIds { namespace value }';

type PaperAnswer = Record<string, unknown> & { externalIds: Array<{ namespace: string; value: string }> };

/** Every object in `value` that has `externalIds` (the papers of the answer). */
function papersIn(value: unknown, found: PaperAnswer[] = []): PaperAnswer[] {
  if (Array.isArray(value)) for (const item of value) papersIn(item, found);
  else if (value && typeof value === 'object') {
    if ('externalIds' in value) found.push(value as PaperAnswer);
    for (const item of Object.values(value)) papersIn(item, found);
  }
  return found;
}

function recordOf(paper: PaperAnswer): WorkRecord {
  const record = paper.externalIds
    .map((id) => recordById.get(`${id.namespace}:${id.value}`))
    .find((found) => found !== undefined);
  if (!record) throw new Error(`no record for ${JSON.stringify(paper.externalIds)}`);
  return record;
}

describe('paper columns a page reads', () => {
  it('answers every column of every page, the records own values, when asked', async () => {
    const fields = `${LISTED} ${BEYOND} venue { name } ${IDS}`;
    const query = `query($seed: String!, $citing: String!) {
      seed: paper(externalId: $seed) { ${pagesOf(fields, 10)} }
      citing: paper(externalId: $citing) { ${pagesOf(fields, 10)} }
    }`;
    const response = await gql(query, { seed: SEED, citing: CITING });
    expect(response.errors).toBeUndefined();
    const papers = papersIn(response.data);
    expect(papers.length).toBeGreaterThan(100);
    // Every kind of page has papers in one of the two, so each is checked.
    for (const page of Object.keys(response.data?.seed ?? {})) {
      const found = papersIn(response.data?.seed[page]).length + papersIn(response.data?.citing[page]).length;
      expect(found, page).toBeGreaterThan(0);
    }
    for (const paper of papers) {
      const record = recordOf(paper);
      expect(paper).toMatchObject({
        title: record.title,
        year: record.year,
        abstract: record.abstract,
        publicationDate: record.publicationDate,
        doi: record.doi,
        type: record.type,
        language: record.language,
        venue: record.venue === null ? null : { name: record.venue.name },
      });
    }
  });

  it('answers a search page with highlights from the abstract', async () => {
    const response = await gql(`{ papers(search: "citation", first: 20) {
      edges { highlight(open: "[", close: "]") { abstract } node { ${IDS} } } } }`);
    expect(response.errors).toBeUndefined();
    const edges = response.data?.papers.edges as Array<{ highlight: { abstract: string | null }; node: PaperAnswer }>;
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      const abstract = recordOf(edge.node).abstract;
      expect(edge.highlight.abstract?.replace(/[[\]]/g, '') ?? null).toBe(abstract);
    }
  });

  it('reads the other columns in the statements the listed ones take, not in more', async () => {
    const ask = async (fields: string) => {
      const response = await gql(`query($key: String!) { paper(externalId: $key) { ${pagesOf(fields)} } }`, {
        key: SEED,
      });
      expect(response.errors).toBeUndefined();
      return response.extensions?.trace;
    };
    const listed = await ask(LISTED);
    const beyond = await ask(`${LISTED} ${BEYOND}`);
    expect(beyond?.d1Statements).toBe(listed?.d1Statements);
    expect(beyond?.d1RoundTrips).toBe(listed?.d1RoundTrips);
  });

  it('reads a column a row lacks from the paper itself', async () => {
    const ctx = createContext(env, new Request('http://citeql.test/graphql'));
    const [found] = await findPapersByExternalKeys(ctx.db, [SEED]);
    const { key: _key, ...whole } = found!;
    const listed = { id: whole.id, title: whole.title, year: whole.year, citation_count: whole.citation_count };
    const record = corpus.find((work) => work.ids.some((id) => id.key === SEED))!;
    expect(await paperColumn(ctx, listed, 'abstract')).toBe(record.abstract);
    expect(await paperColumn(ctx, listed, 'doi')).toBe(record.doi);
    expect(await wholePaperRow(ctx, listed)).toEqual(whole);
    // A whole row is its own answer: no statement.
    const statements = ctx.trace.d1Statements;
    expect(await wholePaperRow(ctx, whole)).toBe(whole);
    expect(ctx.trace.d1Statements).toBe(statements);
  });
});

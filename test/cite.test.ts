/**
 * `Paper.cite` round trip: real records (Crossref, Semantic Scholar, BibTeX, RIS) are imported,
 * cited in each format, and the citation, read back by that format's importer into an emptied
 * database, answers the same title, authors, year, venue, identifiers, abstract and keywords.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseBibtexText } from '../src/ingest/formats/bibtex';
import { parseCrossrefText } from '../src/ingest/formats/crossref';
import { parseCslJsonText } from '../src/ingest/formats/csl-json';
import type { ParsedBatch } from '../src/ingest/formats/format';
import { parseRisText } from '../src/ingest/formats/ris';
import { parseS2Text } from '../src/ingest/formats/s2';
import type { WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import { gql, gqlData, realData } from './helpers';

const files = realData()?.citationFiles;

const IMPORTERS: Record<string, (text: string) => ParsedBatch> = {
  BIBTEX: parseBibtexText,
  RIS: parseRisText,
  CSL_JSON: parseCslJsonText,
};

const PAPER_FIELDS = `title year doi abstract venue { name } externalIds { namespace value }
  authors { author { name } institutions { name } } keywords { term }`;

/** Every table the writer fills, emptied: the database a fresh import meets. */
async function emptyDatabase() {
  const tables = ['authorship_institution', 'authorship', 'paper_keyword', 'reference', 'external_id'];
  for (const table of [...tables, 'paper_search', 'paper', 'keyword', 'author', 'institution', 'venue']) {
    await env.DB.prepare(`DELETE FROM ${table}`).run();
  }
}

const paperBy = async (id: string) =>
  (await gqlData(`query($id: String!) { paper(externalId: $id) { ${PAPER_FIELDS} } }`, { id })).data.paper;

/** The records cited here: one of each source, with affiliations, abstracts, keywords, odd names. */
function sources(): Array<{ label: string; works: WorkRecord[]; id: string }> {
  if (!files) return [];
  const one = (parse: (text: string) => ParsedBatch, text: string | undefined, pick = 0) =>
    text === undefined ? [] : parse(text).works.slice(pick, pick + 1);
  const picked = [
    [
      'Crossref (affiliations, JATS abstract, 36 references)',
      one(parseCrossrefText, files.crossref?.['habanero_works_10.1002_jor.1100150407.json']),
    ],
    [
      'Crossref CSL (a subtitle)',
      one(parseCslJsonText, files['csl-json']?.['habanero_crossref_csl_10.1126_science.169.3946.635.json']),
    ],
    [
      'Semantic Scholar (s2, corpus, MAG ids)',
      one(parseS2Text, files.semanticscholar?.['semanticscholar_tests_Reference.json']),
    ],
    ['BibTeX (20 authors, organisations, keywords)', one(parseBibtexText, files.bibtex?.['zotero_BibTeX_10.bib'])],
    ['BibTeX (TeX accents)', one(parseBibtexText, files.bibtex?.['zotero_BibTeX_15.bib'], 1)],
    ['RIS (no identifier at all)', one(parseRisText, files.ris?.['zotero_RIS_08.ris'])],
    ['RIS (abstract, keywords)', one(parseRisText, files.ris?.['zotero_RIS_00.ris'])],
  ] as const;
  return picked
    .filter(([, works]) => works.length === 1)
    .map(([label, works]) => ({ label, works: [...works], id: works[0]!.ids[0]!.key }));
}

describe.skipIf(!files)('Paper.cite round trip', () => {
  it('reads back, in each format, what was cited', async () => {
    const cases = sources();
    expect(cases.length).toBe(7);
    for (const { label, works, id } of cases) {
      for (const format of Object.keys(IMPORTERS)) {
        await emptyDatabase();
        await writeWorks(env.DB, works);
        const original = await paperBy(id);
        expect(original, label).not.toBeNull();
        const cited = await gqlData(`query($id: String!) { paper(externalId: $id) { cite(format: ${format}) } }`, {
          id,
        });
        const text: string = cited.data.paper.cite;

        await emptyDatabase();
        const parsed = IMPORTERS[format]!(text);
        expect(parsed.errors, `${label} ${format}\n${text}`).toEqual([]);
        expect(parsed.works.length).toBe(1);
        await writeWorks(env.DB, parsed.works);
        const back = await paperBy(parsed.works[0]!.ids[0]!.key);
        const where = `${label}, ${format}:\n${text}`;
        expect(back, where).not.toBeNull();
        expect(back.title, where).toBe(original.title);
        expect(back.year, where).toBe(original.year);
        expect(back.doi?.toLowerCase() ?? null, where).toBe(original.doi?.toLowerCase() ?? null);
        expect(back.venue?.name ?? null, where).toBe(original.venue?.name ?? null);
        expect(
          back.authors.map((a: any) => a.author.name),
          where,
        ).toEqual(original.authors.map((a: any) => a.author.name));
        expect(back.abstract, where).toBe(original.abstract);
        expect(
          back.keywords.map((k: any) => k.term),
          where,
        ).toEqual(original.keywords.map((k: any) => k.term));
        // The identifier that names the record (key, ID, id) and the DOI come back; a `work:` key is derived again.
        const ids = (paper: any) => paper.externalIds.map((x: any) => `${x.namespace}:${x.value.toLowerCase()}`);
        const carried = ids(original).filter(
          (key: string) => key.startsWith('doi:') || key.startsWith('work:') || text.includes(key.split(':')[1]!),
        );
        expect(carried.length, where).toBeGreaterThan(0);
        expect(ids(back), where).toEqual(expect.arrayContaining(carried));
        if (format !== 'BIBTEX') {
          expect(
            back.authors.map((a: any) => a.institutions.map((i: any) => i.name)),
            where,
          ).toEqual(original.authors.map((a: any) => a.institutions.map((i: any) => i.name)));
        }
      }
    }
  });

  it('carries the reference list in CSL-JSON, and reads a level of papers in one round trip', async () => {
    await emptyDatabase();
    const works = sources().flatMap((source) => source.works);
    await writeWorks(env.DB, works);
    const crossrefWork = works.find((work) => work.references.length > 30)!;
    const { data } = await gqlData(`query($id: String!) { paper(externalId: $id) { cite(format: CSL_JSON) } }`, {
      id: crossrefWork.ids[0]!.key,
    });
    const [item] = JSON.parse(data.paper.cite);
    expect(item.reference.length).toBe(crossrefWork.references.length);
    expect(parseCslJsonText(data.paper.cite).works[0]!.references).toEqual(
      crossrefWork.references.map((reference) => ({ ...reference, sourceDatabase: null })),
    );

    const response = await gql(
      `{ papers(first: 10) { edges { node { bib: cite(format: BIBTEX) ris: cite(format: RIS) } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.papers.edges.length).toBe(works.length);
    // papers (page + count) is one level; every cite of every paper is the next: 6 statements, 1 round trip.
    expect(response.extensions?.trace?.d1RoundTrips).toBe(2);
  });
});

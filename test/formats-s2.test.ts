/**
 * The Semantic Scholar importer on raw/semanticscholar (Graph API: Turing 1950 with its 14 references
 * and 1,000 citing papers, a citation, a reference, an author with papers, an id-only paper) and on
 * raw/s2ag_bulk_samples (the `papers` dataset, JSONL). Counted and compared with the JSON read here.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseS2Text, s2 } from '../src/ingest/formats/s2';
import { writeWorks } from '../src/ingest/write';
import { gqlData, realData } from './helpers';

const graph = realData()?.citationFiles.semanticscholar ?? {};
const bulk = realData()?.citationFiles.s2ag_bulk_samples ?? {};

describe.skipIf(Object.keys(graph).length === 0)('Semantic Scholar Graph API import', () => {
  it('reads each file’s papers: the paper, its references and its citing papers', () => {
    const expected: Record<string, number> = {};
    for (const [name, text] of Object.entries(graph)) {
      const document = JSON.parse(text);
      const papers = document.papers ?? [document.citingPaper ?? document.citedPaper ?? document];
      const nested = papers.flatMap((paper: any) => [...(paper.references ?? []), ...(paper.citations ?? [])]);
      expected[name] = [...papers, ...nested].filter((paper: any) => paper.title).length;
      const parsed = parseS2Text(text);
      expect(parsed.works.length, name).toBe(expected[name]);
      // The only refused record: an id with no title, authors, citations or references (all null).
      expect(parsed.errors.length, name).toBe(name.includes('NullValues') ? 1 : 0);
    }
    expect(expected['semanticscholar_tests_Paper.json']).toBe(1015);
  });

  it('answers Turing 1950 as the file says, its references with their parts and its 1,000 citers', async () => {
    const text = graph['semanticscholar_tests_Paper.json'];
    if (!text) return;
    const turing = JSON.parse(text);
    await writeWorks(env.DB, parseS2Text(text).works);
    const { data } = await gqlData(
      `query($id: String!) { paper(externalId: $id) {
          title year doi abstract publicationDate venue { name } externalIds { namespace value }
          authors { author { name } } keywords { term }
          references(first: 20) { totalCount edges { node { title authors year venue doi citedExternalId citedPaper { title } } } }
          citedBy(first: 1) { totalCount }
      } }`,
      { id: `s2:${turing.paperId}` },
    );
    const paper = data.paper;
    expect(paper.title).toBe(turing.title);
    expect(paper.year).toBe(turing.year);
    expect(paper.abstract).toBe(turing.abstract);
    expect(paper.publicationDate).toBe(turing.publicationDate);
    expect(paper.doi).toBe(turing.externalIds.DOI);
    expect(paper.venue.name).toBe(turing.journal.name);
    expect(paper.externalIds.map((id: any) => `${id.namespace}:${id.value}`)).toEqual(
      expect.arrayContaining([`s2corpus:${turing.corpusId}`, `mag:${turing.externalIds.MAG}`]),
    );
    expect(paper.authors.map((a: any) => a.author.name)).toEqual(turing.authors.map((a: any) => a.name));
    expect(paper.keywords.map((k: any) => k.term)).toEqual(turing.fieldsOfStudy);
    expect(paper.references.totalCount).toBe(turing.references.length);
    paper.references.edges.forEach(({ node }: any, index: number) => {
      const cited = turing.references[index];
      expect(node.title).toBe(cited.title);
      expect(node.year).toBe(cited.year);
      expect(node.doi).toBe(cited.externalIds?.DOI ?? null);
      expect(node.authors).toBe(cited.authors.map((a: any) => a.name).join(', ') || null);
      expect(node.venue).toBe(cited.publicationVenue?.name ?? (cited.journal?.name || cited.venue || null));
      if (cited.paperId) {
        expect(node.citedExternalId).toBe(`s2:${cited.paperId}`);
        expect(node.citedPaper?.title).toBe(cited.title); // the referenced paper is imported too
      }
    });
    const citers = new Set(turing.citations.map((paper: any) => paper.paperId));
    expect(paper.citedBy.totalCount).toBe(citers.size);
  });
});

describe.skipIf(Object.keys(bulk).length === 0)('Semantic Scholar bulk datasets (S2AG)', () => {
  it('streams the papers dataset line by line: every row a work, fields as the row says', async () => {
    const [name, text] = Object.entries(bulk).find(([file]) => file.startsWith('papers/')) ?? [];
    if (!name || !text) return;
    expect(s2.lineByLine?.applies(name)).toBe(true);
    const rows = text.split('\n').filter((line) => line.trim());
    const works = rows.map((line, index) => s2.lineByLine!.parse(line, index + 1));
    expect(works.length).toBe(100);
    rows.forEach((line, index) => {
      const row = JSON.parse(line);
      const work = works[index]!;
      expect(work.ids[0]?.key).toBe(`s2corpus:${row.corpusid}`);
      expect(work.title).toBe(row.title);
      expect(work.year).toBe(row.year);
      expect(work.doi).toBe(row.externalids.DOI);
      expect(work.authors.map((a) => a.name)).toEqual(row.authors.map((a: any) => a.name));
      expect(work.venue?.name ?? null).toBe(row.journal?.name || row.venue || null); // the journal's own name first
    });
    const summary = await writeWorks(
      env.DB,
      works.filter((work) => work !== null),
    );
    expect(summary.papers).toBe(100);
  });

  it('says why the datasets that are not papers are not imported as papers; citations and abstracts are merged', () => {
    for (const [name, text] of Object.entries(bulk)) {
      if (name.startsWith('papers/')) continue;
      const first = text.split('\n')[0]!;
      expect(() => s2.lineByLine!.parse(first, 1), name).toThrow(/not a paper/);
      // citations and abstracts add to papers (test/formats-s2-merge.test.ts); the others are not claimed.
      const merged = /^(citations|abstracts)\//.test(name);
      expect(s2.additionsByLine!.applies(first), name).toBe(merged);
    }
  });
});

/**
 * The Crossref importer on raw/crossref (REST /works/{doi} responses and public-dump files, the .gz
 * ones unpacked by global-setup as the CLI unpacks them): every work of every file is imported, and
 * its fields, read from the JSON here without the parser, come back through the GraphQL API.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseCrossrefText } from '../src/ingest/formats/crossref';
import { writeWorks } from '../src/ingest/write';
import { gqlData, realData, sqlValue } from './helpers';

const files = Object.entries(realData()?.citationFiles.crossref ?? {});

/** The works of one file as the JSON says: `{status, message}` or `{items}`. */
const worksIn = (text: string): any[] => {
  const document = JSON.parse(text);
  return document.items ?? [document.message];
};

/** Markup dropped and the few entities Crossref uses decoded: what a reader of the abstract sees. */
const readable = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

const yearOf = (work: any): number | null => {
  for (const field of ['issued', 'published', 'published-print', 'published-online']) {
    const year = work[field]?.['date-parts']?.[0]?.[0];
    if (typeof year === 'number') return year;
  }
  return null;
};

describe.skipIf(files.length === 0)('Crossref import of raw/crossref', () => {
  it('reads every work of every file, none rejected', () => {
    for (const [name, text] of files) {
      const parsed = parseCrossrefText(text);
      expect(parsed.errors, name).toEqual([]);
      expect(parsed.works.length, name).toBe(worksIn(text).length);
      expect(
        parsed.works.map((work) => work.doi),
        name,
      ).toEqual(worksIn(text).map((work) => work.DOI));
    }
  });

  it('answers each work of the REST responses as the file says, references with their parts', async () => {
    const all = files.flatMap(([, text]) => parseCrossrefText(text).works);
    await writeWorks(env.DB, all);
    const distinct = new Set(files.flatMap(([, text]) => worksIn(text).map((work) => work.DOI.toLowerCase())));
    expect(await sqlValue('SELECT count(*) AS n FROM paper')).toBe(distinct.size);

    const small = files.filter(([name]) => !name.endsWith('.gz'));
    for (const [name, text] of small) {
      for (const work of worksIn(text)) {
        const { data } = await gqlData(
          `query($id: String!) { paper(externalId: $id) {
              title year doi abstract venue { name issn }
              authors { rawName author { name orcid } institutions { name } }
              references(first: 100) { totalCount edges { node { rawText doi title authors year venue citedExternalId } } }
          } }`,
          { id: `doi:${work.DOI}` },
        );
        const paper = data.paper;
        expect(paper, `${name}: ${work.DOI}`).not.toBeNull();
        expect(paper.title).toBe(
          readable([work.title?.[0] ?? '', work.subtitle?.[0] ? `: ${work.subtitle[0]}` : ''].join('')),
        );
        expect(paper.doi).toBe(work.DOI);
        expect(paper.year).toBe(yearOf(work));
        expect(paper.venue?.name ?? null).toBe(work['container-title']?.[0] ?? null);
        if (work.abstract) {
          expect(paper.abstract).not.toMatch(/<\/?jats:/);
          // Spacing aside (inline tags join words, block tags separate them): the same text, heading dropped.
          const letters = (value: string) => value.replace(/\s+/g, '');
          expect(letters(paper.abstract)).toBe(letters(readable(work.abstract).replace(/^abstract\s+/i, '')));
        } else expect(paper.abstract).toBeNull();
        const authors = work.author ?? [];
        expect(paper.authors.map((a: any) => a.author.name)).toEqual(
          authors.map((a: any) => a.name ?? [a.given, a.family, a.suffix].filter(Boolean).join(' ')),
        );
        expect(paper.authors.map((a: any) => a.institutions.map((i: any) => i.name))).toEqual(
          authors.map((a: any) => [...new Set((a.affiliation ?? []).map((i: any) => i.name))]),
        );
        expect(paper.authors.map((a: any) => a.author.orcid)).toEqual(
          authors.map((a: any) =>
            typeof a.ORCID === 'string' ? a.ORCID.replace(/^https?:\/\/orcid\.org\//, '') : null,
          ),
        );
        const references = work.reference ?? [];
        expect(paper.references.totalCount).toBe(references.length);
        paper.references.edges.forEach(({ node }: any, index: number) => {
          const entry = references[index];
          expect(node.rawText).toBe(entry.unstructured ?? null);
          expect(node.doi).toBe(entry.DOI ?? null);
          expect(node.citedExternalId).toBe(entry.DOI ? `doi:${entry.DOI}` : null);
          const title = entry['article-title'] ?? entry['volume-title'] ?? entry['series-title'];
          expect(node.title).toBe(title ? readable(title) : null);
          expect(node.authors).toBe(entry.author ?? null);
          expect(node.year).toBe(entry.year ? Number(entry.year.slice(0, 4)) : null);
          const venue = entry['journal-title'] ?? (entry['article-title'] ? entry['volume-title'] : null);
          expect(node.venue).toBe(venue ? readable(venue) : null);
        });
      }
    }
  });

  it('keeps the dump works that have no title (letters registered with a DOI only)', () => {
    const [, dump] = files.find(([name]) => name.endsWith('.gz')) ?? [];
    if (!dump) return;
    const untitled = worksIn(dump).filter((work) => !work.title?.length);
    expect(untitled.length).toBeGreaterThan(0);
    const parsed = parseCrossrefText(dump).works;
    for (const work of untitled) {
      const record = parsed.find((candidate) => candidate.doi === work.DOI);
      expect(record?.title).toBe('');
      expect(record?.venue?.name).toBe(work['container-title'][0]);
    }
  });
});

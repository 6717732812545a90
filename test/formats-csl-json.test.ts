/**
 * The CSL-JSON importer on raw/csl-json (citation.js's Crossref fixtures, keyed by DOI, and a
 * Crossref citeproc-json item): every item imported, fields compared with the JSON read here.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseCslJsonText } from '../src/ingest/formats/csl-json';
import { writeWorks } from '../src/ingest/write';
import { gqlData, realData } from './helpers';

const files = Object.entries(realData()?.citationFiles['csl-json'] ?? {});

/** Items as the file holds them: an array, one item, or lists of items keyed by id. */
function itemsIn(text: string): any[] {
  const document = JSON.parse(text);
  if (Array.isArray(document)) return document;
  if ('type' in document) return [document];
  return Object.values(document).flat();
}

const plain = (value: string) =>
  value
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe.skipIf(files.length === 0)('CSL-JSON import of raw/csl-json', () => {
  it('imports every item and answers its fields as the file says', async () => {
    for (const [name, text] of files) {
      const parsed = parseCslJsonText(text);
      expect(parsed.errors, name).toEqual([]);
      expect(parsed.works.length, name).toBe(itemsIn(text).length);
      await writeWorks(env.DB, parsed.works);
      for (const item of itemsIn(text)) {
        const { data } = await gqlData(
          `query($id: String!) { paper(externalId: $id) {
              title year doi abstract venue { name }
              authors { author { name } institutions { name } }
              keywords { term }
              references(first: 100) { totalCount edges { node { rawText doi year venue } } }
          } }`,
          { id: `doi:${item.DOI}` },
        );
        const paper = data.paper;
        expect(paper, `${name}: ${item.DOI}`).not.toBeNull();
        const subtitle = [item.subtitle].flat()[0];
        expect(paper.title).toBe(plain(subtitle ? `${item.title}: ${subtitle}` : item.title));
        expect(paper.year).toBe(item.issued?.['date-parts']?.[0]?.[0] ?? null);
        expect(paper.venue?.name ?? null).toBe([item['container-title']].flat()[0] ?? null);
        expect(paper.authors.map((a: any) => a.author.name)).toEqual(
          (item.author ?? []).map((a: any) => a.literal ?? [a.given, a.family, a.suffix].filter(Boolean).join(' ')),
        );
        expect(paper.authors.map((a: any) => a.institutions.map((i: any) => i.name))).toEqual(
          (item.author ?? []).map((a: any) => (a.affiliation ?? []).map((i: any) => i.name)),
        );
        // Spacing aside, the same text; a leading "Abstract" heading is not part of it.
        const letters = (value: string) => value.replace(/\s+/g, '');
        if (item.abstract)
          expect(letters(paper.abstract)).toBe(letters(plain(item.abstract)).replace(/^Abstract/i, ''));
        else expect(paper.abstract).toBeNull();
        const references = item.reference ?? [];
        expect(paper.references.totalCount).toBe(references.length);
        paper.references.edges.forEach(({ node }: any, index: number) => {
          expect(node.rawText).toBe(references[index].unstructured ?? null);
          expect(node.doi).toBe(references[index].DOI ?? null);
          expect(node.venue).toBe(references[index]['journal-title'] ?? null);
        });
      }
    }
  });

  it('reads strict CSL: an array, names with particles, literal names, keywords', () => {
    const parsed = parseCslJsonText(
      JSON.stringify([
        {
          id: 'x1',
          type: 'article-journal',
          title: 'A <i>strict</i> item',
          author: [{ family: 'Gogh', 'non-dropping-particle': 'van', given: 'Vincent' }, { literal: 'ACME Lab' }],
          issued: { 'date-parts': [[2001, 2]] },
          keyword: 'one, two; three',
        },
      ]),
    );
    expect(parsed.errors).toEqual([]);
    const [work] = parsed.works;
    expect(work?.title).toBe('A strict item');
    expect(work?.authors.map((a) => a.name)).toEqual(['Vincent van Gogh', 'ACME Lab']);
    expect(work?.publicationDate).toBe('2001-02');
    expect(work?.keywords).toEqual(['one', 'two', 'three']);
    expect(work?.ids[0]?.namespace).toBe('work');
  });
});

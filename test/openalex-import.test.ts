/**
 * The OpenAlex importer on the real records in raw/openalex: every field checked against the JSON
 * file itself (read here independently of the parser), through the public GraphQL API.
 */
import { describe, expect, it } from 'vitest';
import { parseOpenAlexText } from '../src/ingest/formats/openalex';
import { gqlData, importOpenAlex, realData, tableSnapshot } from './helpers';

const data = realData();
const files = Object.entries(data?.openalexFiles ?? {});

/** The abstract, rebuilt here the obvious way: words placed at their positions. */
function expectedAbstract(index: Record<string, number[]> | null): string | null {
  if (!index) return null;
  const words: Array<[number, string]> = [];
  for (const [word, positions] of Object.entries(index)) for (const position of positions) words.push([position, word]);
  words.sort((a, b) => a[0] - b[0]);
  return words.length ? words.map(([, word]) => word).join(' ') : null;
}

/** The works of one file as the JSON says, read without the parser: a {meta, results} page or one work. */
function worksIn(text: string): any[] {
  const parsed = JSON.parse(text);
  return Array.isArray(parsed.results) ? parsed.results : [parsed];
}

describe.skipIf(files.length === 0)('OpenAlex import of raw/openalex', () => {
  it('imports every file and answers each work as the file says', async () => {
    for (const [name, text] of files) {
      const summary = await importOpenAlex(text);
      expect(summary.papers, name).toBeGreaterThan(0);
    }
    for (const [name, text] of files) {
      for (const work of worksIn(text)) {
        const { data } = await gqlData(
          `query($id: String!) { paper(externalId: $id) {
              title year doi abstract type
              venue { name issn }
              externalIds { namespace value url }
              authors { position rawName author { name orcid } institutions { name ror country } }
              keywords { term }
              referenceCount
              references(first: 100) { totalCount edges { node { position citedExternalId citedPaper { id } } } }
          } }`,
          { id: work.id },
        );
        const paper = data.paper;
        expect(paper, `${name}: ${work.id}`).not.toBeNull();
        expect(paper.title).toBe(work.title);
        expect(paper.year).toBe(work.publication_year);
        expect(paper.doi?.toLowerCase()).toBe(work.doi?.replace('https://doi.org/', '').toLowerCase());
        expect(paper.abstract).toBe(expectedAbstract(work.abstract_inverted_index));
        expect(paper.venue?.name ?? null).toBe(work.primary_location?.source?.display_name ?? null);
        expect(paper.externalIds.map((id: any) => `${id.namespace}:${id.value}`)).toContain(
          `openalex:${work.id.replace('https://openalex.org/', '')}`,
        );
        expect(paper.authors.map((a: any) => a.author.name)).toEqual(
          work.authorships.map((a: any) => a.author.display_name),
        );
        expect(paper.authors.map((a: any) => a.rawName)).toEqual(work.authorships.map((a: any) => a.raw_author_name));
        expect(paper.authors.map((a: any) => a.author.orcid)).toEqual(
          work.authorships.map((a: any) => a.author.orcid?.replace('https://orcid.org/', '') ?? null),
        );
        expect(paper.authors.map((a: any) => a.institutions.map((i: any) => i.ror).sort())).toEqual(
          work.authorships.map((a: any) =>
            a.institutions.map((i: any) => i.ror.replace('https://ror.org/', '')).sort(),
          ),
        );
        for (const keyword of work.keywords) {
          expect(paper.keywords.map((k: any) => k.term)).toContain(keyword.display_name ?? keyword.keyword);
        }
        expect(paper.referenceCount).toBe(work.referenced_works.length);
        expect(paper.references.totalCount).toBe(work.referenced_works.length);
        expect(paper.references.edges.map((e: any) => e.node.citedExternalId)).toEqual(
          work.referenced_works
            .slice(0, 100)
            .map((url: string) => `openalex:${url.replace('https://openalex.org/', '')}`),
        );
      }
    }
  });

  it('reads the same works from a {meta, results} page and from JSONL, and names bad lines', async () => {
    const works = files.flatMap(([, text]) => worksIn(text));
    const one = files.flatMap(([, text]) => parseOpenAlexText(text).works);
    const page = parseOpenAlexText(JSON.stringify({ meta: { count: works.length, page: 1 }, results: works }));
    expect(page.errors).toEqual([]);
    expect(page.works).toEqual(one);
    const lines = works.map((work) => JSON.stringify(work));
    lines.splice(2, 0, '{"id": "https://openalex.org/W1", "title": "no year", "publication_year": "soon"}', 'not json');
    const jsonl = parseOpenAlexText(lines.join('\n'));
    expect(jsonl.works).toEqual(one);
    expect(jsonl.errors.map((error) => error.line)).toEqual([3, 4]);
    expect(jsonl.errors[0]?.message).toContain('publication_year');
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await tableSnapshot();
    for (const [, text] of files) await importOpenAlex(text);
    expect(await tableSnapshot()).toEqual(before);
  });
});

/**
 * The whole AAN file (18,041 ACL papers, 82,905 reference entries) through the one writer, checked
 * against a plain pass over the file written here, independent of the importer.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseOpenAlexText } from '../src/ingest/formats/openalex';
import { writeWorks } from '../src/ingest/write';
import { gqlData, realData, sqlValue } from './helpers';

const data = realData();
const text = data?.aanWorksJsonl ?? null;

interface AanWork {
  id: string;
  title: string;
  publication_year: number | null;
  authorships: Array<{ author: { display_name: string } }>;
  referenced_works: string[];
}

describe.skipIf(text === null)('AAN import (whole file)', () => {
  const works: AanWork[] = (text ?? '')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
  const ids = new Set(works.map((work) => work.id));
  const citers = new Map<string, Set<string>>();
  for (const work of works) {
    for (const cited of work.referenced_works) {
      if (!ids.has(cited)) continue;
      if (!citers.has(cited)) citers.set(cited, new Set());
      citers.get(cited)?.add(work.id);
    }
  }

  beforeAll(async () => {
    // Reversed and in two runs: most references point to works imported LATER, so resolution on
    // arrival (not on insert) is what gets them resolved.
    const parsed = parseOpenAlexText(text ?? '');
    expect(parsed.errors).toEqual([]);
    const reversed = [...parsed.works].reverse();
    const half = Math.floor(reversed.length / 2);
    await writeWorks(env.DB, reversed.slice(0, half));
    await writeWorks(env.DB, reversed.slice(half));
  });

  it('has every paper and every reference entry, resolved as the file says', async () => {
    const totalEntries = works.reduce((sum, work) => sum + work.referenced_works.length, 0);
    const inFile = works.reduce((sum, work) => sum + work.referenced_works.filter((id) => ids.has(id)).length, 0);
    expect(totalEntries).toBe(82_905);
    expect(inFile).toBe(82_898);
    expect(await sqlValue('SELECT count(*) AS n FROM paper')).toBe(works.length);
    expect(works.length).toBe(18_041);
    expect(await sqlValue('SELECT count(*) AS n FROM reference')).toBe(totalEntries);
    expect(await sqlValue('SELECT count(*) AS n FROM reference WHERE cited_paper_id IS NOT NULL')).toBe(inFile);
    const { data: page } = await gqlData('{ papers(first: 1) { totalCount } }');
    expect(page.papers.totalCount).toBe(works.length);
  });

  it('answers counts and bylines as a plain pass over the file computes them', async () => {
    const byCitations = [...works].sort((a, b) => (citers.get(b.id)?.size ?? 0) - (citers.get(a.id)?.size ?? 0));
    const sample = [...byCitations.slice(0, 3), works[0], works[1234], works[9999], works[works.length - 1]];
    for (const work of sample) {
      if (!work) continue;
      const { data: result } = await gqlData(
        `query($id: String!) { paper(externalId: $id) {
            title year citationCount referenceCount
            citedBy(first: 1) { totalCount } references(first: 1) { totalCount }
            authors { position author { name } }
            externalIds { namespace value url }
        } }`,
        { id: work.id },
      );
      const paper = result.paper;
      expect(paper.title).toBe(work.title);
      expect(paper.year).toBe(work.publication_year);
      expect(paper.citationCount).toBe(citers.get(work.id)?.size ?? 0);
      expect(paper.citedBy.totalCount).toBe(paper.citationCount);
      expect(paper.referenceCount).toBe(work.referenced_works.length);
      expect(paper.references.totalCount).toBe(paper.referenceCount);
      expect(paper.authors.map((a: any) => a.author.name)).toEqual(work.authorships.map((a) => a.author.display_name));
      expect(paper.externalIds).toContainEqual({
        namespace: 'acl',
        value: work.id.replace('https://aclanthology.org/', ''),
        url: work.id,
      });
    }
  });
});

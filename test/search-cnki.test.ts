/**
 * Chinese search on the CNKI exports in CITEQL_DATA/raw/cnki: every query, two characters and one
 * included, finds exactly the records whose text contains it (computed here by substring), and a
 * record whose title contains the query comes first.
 * The records are imported with the CNKI format (src/ingest/formats/cnki.ts); the expected sets are
 * computed here from the raw text of each record's searchable fields.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { cnki } from '../src/ingest/formats/cnki';
import type { WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import { gqlData, realData } from './helpers';

const files = realData()?.cnkiFiles ?? {};

describe.skipIf(Object.keys(files).length === 0)('Chinese search (CNKI records)', () => {
  const records = Object.values(files).flatMap((text) => {
    const parsed = cnki.parseText(text);
    expect(parsed.errors).toEqual([]);
    return parsed.works;
  });
  const textOf = (work: WorkRecord) =>
    [
      work.title,
      work.abstract ?? '',
      work.keywords.join(' '),
      work.authors.map((a) => a.name).join(' '),
      work.venue?.name ?? '',
    ].join('\n');

  beforeAll(async () => {
    await writeWorks(env.DB, records);
  });

  const search = async (q: string) => {
    const { data } = await gqlData(
      `query($q: String!) { papers(search: $q, first: 100) { totalCount edges { node { title }
          highlight(open: "[", close: "]") { title } } } }`,
      { q },
    );
    return data.papers;
  };

  it('has the records', () => {
    expect(records.length).toBeGreaterThanOrEqual(12);
    expect(records.some((work) => work.title.includes('黄芪多糖'))).toBe(true);
  });

  for (const q of ['黄芪多糖', '黄芪', '多糖', '黄瓜', '糖尿病', '研究', '糖', '复合材料', '参考文献']) {
    it(`finds exactly the records containing ${q} (${[...q].length} characters), a title match first`, async () => {
      const expected = new Set(records.filter((work) => textOf(work).includes(q)).map((work) => work.title));
      expect(expected.size).toBeGreaterThan(0);
      const result = await search(q);
      expect(new Set(result.edges.map((edge: any) => edge.node.title))).toEqual(expected);
      expect(result.totalCount).toBe(expected.size);
      if ([...expected].some((title) => title.includes(q))) {
        expect(result.edges[0].node.title).toContain(q);
        expect(result.edges[0].highlight.title).toContain(`[${q}]`);
      }
    });
  }

  it('finds mixed Chinese-English titles by either part', async () => {
    // A Latin word inside Chinese text: bounded by anything but Latin letters and digits.
    const rnaRecords = records
      .filter((work) => /(?<![A-Za-z0-9])RNA(?![A-Za-z0-9])/i.test(textOf(work)))
      .map((work) => work.title);
    expect(rnaRecords).toContain('灭绝物种RNA首次分离测序');
    const rna = await search('RNA');
    expect(new Set(rna.edges.map((edge: any) => edge.node.title))).toEqual(new Set(rnaRecords));
    const mixed = await search('物种RNA首次');
    expect(mixed.edges.map((edge: any) => edge.node.title)).toEqual(['灭绝物种RNA首次分离测序']);
    const phrase = await search('"灭绝物种 RNA"');
    expect(phrase.totalCount).toBe(1);
    expect((await search('黄芪 NOT 多糖')).edges.map((edge: any) => edge.node.title)).toEqual(
      records.filter((w) => textOf(w).includes('黄芪') && !textOf(w).includes('多糖')).map((w) => w.title),
    );
  });
});

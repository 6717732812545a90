/**
 * Chinese search on the CNKI exports in CITEQL_DATA/raw/cnki: every query, two characters and one
 * included, finds exactly the records whose text contains it (computed here by substring), and a
 * record whose title contains the query comes first.
 *
 * STAND-IN: CiteQL has no CNKI importer yet. `parseCnkiStandIn` below reads just what these tests
 * need (title, authors, keywords, abstract, year) from the RefWorks and EndNote text and writes it
 * through the one writer. Replace it by src/ingest/formats/cnki.ts when the formats issue adds it.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeExternalId } from '../src/ids';
import type { WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import { gqlData, realData } from './helpers';

const files = realData()?.cnkiFiles ?? {};

/** Tag -> values of one RefWorks (`T1 value`) or EndNote (`%T value`) record; untagged lines continue a value. */
function fieldsOf(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    const tagged = /^(%.|[A-Z][A-Z0-9]|[a-z]{2})\s?(.*)$/.exec(line);
    if (tagged && (line.startsWith('%') || /^[A-Za-z][A-Za-z0-9](\s|$|\P{ASCII})/u.test(line))) {
      const tag = tagged[1]!.toUpperCase();
      last = fields.get(tag) ?? [];
      last.push(tagged[2]!.trim());
      fields.set(tag, last);
    } else if (last && line.trim()) {
      last[last.length - 1] += line.trim();
    }
  }
  return fields;
}

function parseCnkiStandIn(name: string, text: string): WorkRecord | null {
  const f = fieldsOf(text);
  const one = (...tags: string[]) => tags.map((tag) => f.get(tag)?.[0]).find((value) => value) ?? null;
  const list = (...tags: string[]) =>
    tags.flatMap((tag) => f.get(tag) ?? []).flatMap((value) => value.split(/[;；,，]/).map((part) => part.trim()));
  const title = one('T1', '%T');
  if (!title) return null;
  const doi = one('DO', '%R');
  const id = (doi && makeExternalId('doi', doi)) || makeExternalId('cnki', name);
  const year = /\d{4}/.exec(one('YR', '%D', 'FD', '%8') ?? '')?.[0];
  return {
    ids: [id!],
    title,
    abstract: one('AB', '%X'),
    year: year ? Number(year) : null,
    publicationDate: null,
    doi,
    type: null,
    language: null,
    venue: null,
    authors: list('A1', '%A')
      .filter(Boolean)
      .map((author) => ({ rawName: author, name: author, orcid: null, ids: [], institutions: [] })),
    keywords: list('K1', '%K').filter(Boolean),
    references: [],
  };
}

describe.skipIf(Object.keys(files).length === 0)('Chinese search (CNKI records)', () => {
  const records = Object.entries(files).flatMap(([name, text]) => parseCnkiStandIn(name, text) ?? []);
  const textOf = (work: WorkRecord) =>
    [work.title, work.abstract ?? '', work.keywords.join(' '), work.authors.map((a) => a.name).join(' ')].join('\n');

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

/**
 * The CNKI format against the files in CITEQL_DATA/raw/cnki (EndNote/Refer and RefWorks): every
 * record parses, and its title, authors, affiliations, keywords and abstract are what the file says,
 * read here by a reading independent of src/ingest/formats/cnki.ts. The CNKI reference style is
 * checked on the entries of the seed node page (CITEQL_DATA/../seed-node-page.txt).
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { cnki } from '../src/ingest/formats/cnki';
import { parseCnkiReference } from '../src/ingest/references';
import { writeWorks } from '../src/ingest/write';
import { realData } from './helpers';

const data = realData();
const files = data?.cnkiFiles ?? {};

/** The first value of each tag, straight from the text: `%T value` (Refer) or `T1 value` (RefWorks). */
function firstValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^(%.|[A-Z][A-Z0-9]|vo) ?(.*)$/.exec(line);
    if (match && !values.has(match[1] ?? '')) values.set(match[1] ?? '', (match[2] ?? '').trim());
  }
  return values;
}

const squash = (text: string) => text.replace(/[\s\u3000]+/g, ' ').trim();

describe.skipIf(Object.keys(files).length === 0)('CNKI exports (raw/cnki)', () => {
  for (const [name, text] of Object.entries(files)) {
    it(`${name}: parses, fields as in the file`, () => {
      expect(cnki.detect(name, text.slice(0, 4096))).toBe(true);
      const parsed = cnki.parseText(text);
      expect(parsed.errors).toEqual([]);
      expect(parsed.works).toHaveLength(1);
      const [work] = parsed.works;
      const refer = text.startsWith('%0');
      const values = firstValues(text);
      const tag = (referTag: string, refWorksTag: string) => values.get(refer ? referTag : refWorksTag);
      expect(work?.title).toBe(squash(tag('%T', 'T1') ?? ''));
      const authorLines = text.split(/\r?\n/).filter((line) => line.startsWith(refer ? '%A' : 'A1'));
      const names = authorLines.flatMap((line) => line.slice(2).trim().split(/[;,]/)).map((n) => n.trim());
      expect(work?.authors.map((author) => author.name)).toEqual(names.filter(Boolean));
      const keywords = tag('%K', 'K1');
      expect(work?.keywords).toEqual(keywords ? keywords.split(';').filter(Boolean) : []);
      const abstract = tag('%X', 'AB');
      if (abstract) expect(work?.abstract?.startsWith(abstract)).toBe(true);
      else expect(work?.abstract).toBeNull();
      const doi = tag('%R', 'DO');
      if (doi) expect(work?.ids[0]?.key).toBe(`doi:${doi.toLowerCase()}`);
      expect(work?.ids.length).toBeGreaterThan(0);
      // Every affiliation the record lists belongs to some author of it.
      const affiliations = (tag('%+', 'AD') ?? '').split(/[;,]/).map((part) => part.split('!')[0]?.trim());
      const held = new Set(work?.authors.flatMap((author) => author.institutions.map((i) => i.name)));
      for (const affiliation of affiliations) if (affiliation) expect(held.has(affiliation)).toBe(true);
    });
  }

  it('ties affiliations to authors only as the export allows', () => {
    const one = cnki.parseText(files['translatorsCN_CNKI_RefWorks_01.refworks.txt'] ?? '').works[0];
    // One affiliation: every author's.
    expect(new Set(one?.authors.map((author) => author.institutions.map((i) => i.name).join()))).toEqual(
      new Set(['福建医科大学省立临床医学院福建省立医院老年科福建省临床老年病研究所']),
    );
    // As many affiliations as authors (the place after "!" is not part of the name): by position.
    const four = cnki.parseText(files['translatorsCN_CNKI_RefWorks_02.refworks.txt'] ?? '').works[0];
    expect(four?.authors.map((author) => [author.name, author.institutions.map((i) => i.name)])).toEqual([
      ['颜宏', ['东北师范大学生命科学学院']],
      ['石德成', ['东北师范大学生命科学学院']],
      ['尹尚军', ['浙江农业技术师范专科学校']],
      ['赵伟', ['长春飞行学院']],
    ]);
  });

  it('the same newspaper article from RefWorks and EndNote is one paper; re-import changes nothing', async () => {
    const works = Object.values(files).flatMap((text) => cnki.parseText(text).works);
    await writeWorks(env.DB, works);
    const count = () => env.DB.prepare('SELECT count(*) AS n FROM paper').first<number>('n');
    const papers = await count();
    expect(papers).toBe(works.length - 1); // RefWorks_06 and Refer_05 share their DOI
    await writeWorks(env.DB, works);
    expect(await count()).toBe(papers);
    const authors = await env.DB.prepare(
      `SELECT count(*) AS n FROM authorship a JOIN author au ON au.id = a.author_id
       JOIN external_id e ON e.entity_id = a.paper_id WHERE e.key = 'doi:10.28502/n.cnki.nkjrb.2023.005521'`,
    ).first<number>('n');
    expect(authors).toBe(1);
  });

  it('a file that is not a CNKI export gives one error', () => {
    expect(cnki.parseText('TY  - JOUR\nTI - x\nER  -\n').errors).toHaveLength(1);
    expect(cnki.parseText('%0 Journal Article\n%A 某人\n%J 无题\n').errors.map((e) => e.message)).toEqual([
      'line 1: record 1 has no title (%T)',
    ]);
  });
});

describe.skipIf(!data?.seedNodePage)('CNKI reference style (seed node page)', () => {
  it('parses `[n] AUTHOR;INSTITUTION;, Title, Journal,` into authors, title and venue', () => {
    const entries = (data?.seedNodePage ?? '').split('\n').filter((line) => /^\s*•\s*\[\d+\]/.test(line));
    expect(entries.length).toBeGreaterThan(2);
    for (const line of entries) {
      const raw = line.replace(/^\s*•\s*/, '').trim();
      const reference = parseCnkiReference(raw);
      const [people = '', rest = ''] = raw.replace(/^\[\d+\]\s*/, '').split(';,');
      const parts = rest
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      expect(reference.rawText).toBe(raw);
      expect(reference.sourceDatabase).toBe('CNKI');
      expect(reference.venue).toBe(parts[parts.length - 1]);
      expect(reference.title).toBe(parts.slice(0, -1).join(', '));
      // The first ;-part is always a person on the page.
      expect(reference.authors?.split('; ')[0]).toBe(people.split(';')[0]?.trim());
    }
    const first = parseCnkiReference(entries[0]?.replace(/^\s*•\s*/, '') ?? '');
    expect(first.authors).toBe('LIU Weidong'); // the two CAS institutions are not authors
  });
});

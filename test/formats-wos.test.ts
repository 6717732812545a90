/**
 * The Web of Science tagged format against the files themselves (raw/wos): expected values are read
 * from the raw text here, by a reading independent of src/ingest/formats/wos.ts, and compared with
 * the parsed records, then imported. The tab-delimited Javeriana set (35 MB, more than the workers
 * can be handed) is tested from Node: test/node/wos-javeriana.test.ts.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { wos } from '../src/ingest/formats/wos';
import { writeWorks } from '../src/ingest/write';
import { realData } from './helpers';

const data = realData();
const tagged = data?.wosFiles ?? {};

/** Tagged records as tag -> lines (continuations appended), read straight from the text. */
function taggedRecords(text: string): Array<Map<string, string[]>> {
  const records: Array<Map<string, string[]>> = [];
  let current: Map<string, string[]> | null = null;
  let tag = '';
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const head = line.slice(0, 2);
    if (head === 'PT') {
      current = new Map();
      records.push(current);
    }
    if (!current || line.trim() === '') continue;
    if (/^[A-Z][A-Z0-9]( |$)/.test(line)) {
      tag = head;
      current.set(tag, [...(current.get(tag) ?? []), line.slice(3).trim()]);
    } else {
      current.get(tag)?.push(line.trim());
    }
    if (head === 'ER') current = null;
  }
  return records;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe.skipIf(Object.keys(tagged).length === 0)('WoS tagged samples (raw/wos)', () => {
  for (const [name, text] of Object.entries(tagged)) {
    it(`${name}: every record parses, fields as in the file`, () => {
      expect(wos.detect(name, text.slice(0, 4096))).toBe(true);
      const parsed = wos.parseText(text);
      expect(parsed.errors).toEqual([]);
      const raw = taggedRecords(text);
      expect(parsed.works).toHaveLength(raw.length);
      parsed.works.forEach((work, index) => {
        const fields = raw[index] ?? new Map<string, string[]>();
        expect(work.title).toBe(squash((fields.get('TI') ?? []).join(' ')));
        expect(work.ids[0]?.value).toBe(fields.get('UT')?.[0]);
        expect(work.year).toBe(Number(fields.get('PY')?.[0]));
        expect(work.authors).toHaveLength((fields.get('AF') ?? fields.get('AU') ?? []).length);
        const ab = fields.get('AB');
        expect(work.abstract).toBe(ab ? squash(ab.join(' ')) : null);
        const de = fields.get('DE');
        if (de)
          expect(work.keywords.slice(0, de.join(' ').split(';').length)).toEqual(squash(de.join(' ')).split('; '));
        if (fields.get('DI')) expect(work.doi).toBe(fields.get('DI')?.[0]);
      });
    });
  }

  it('C1 affiliations go to the authors in their brackets (zotero_Web_of_Science_Tagged_03)', () => {
    const text = tagged['zotero_Web_of_Science_Tagged_03.txt'];
    if (!text) return;
    const [work] = wos.parseText(text).works;
    const byName = new Map(work?.authors.map((author) => [author.rawName, author.institutions.map((i) => i.name)]));
    // [McCormick, MC] Harvard ...; [McCormick, MC; Litt, JS; Smith, VC; Zupancic, JAF] Beth Israel ...;
    // [Litt, JS] Childrens Hosp Boston ...
    expect(byName.get('McCormick, MC')).toEqual(['Harvard Univ', 'Beth Israel Deaconess Med Ctr']);
    expect(byName.get('Litt, JS')).toEqual(['Beth Israel Deaconess Med Ctr', 'Childrens Hosp Boston']);
    expect(byName.get('Smith, VC')).toEqual(['Beth Israel Deaconess Med Ctr']);
    expect(work?.authors[0]?.institutions[0]?.country).toBe('USA');
    expect(work?.keywords).toContain('BRONCHOPULMONARY DYSPLASIA'); // an ID term from a continuation line
  });

  it('unindented continuation lines and e-mails in AU (zotero_Web_of_Science_Tagged_06)', () => {
    const text = tagged['zotero_Web_of_Science_Tagged_06.txt'];
    if (!text) return;
    const [work] = wos.parseText(text).works;
    expect(work?.title).toBe(
      'Importance of methane-derived carbon as a basal resource for two benthic consumers in arctic lakes',
    );
    expect(work?.authors.map((author) => author.name)).toEqual(['Medvedeff, Cassandra A.', 'Hershey, Anne E.']);
  });

  it('a file that is not WoS gives one error, and a cut-off record is named', () => {
    expect(wos.parseText('hello\nworld\nthis is not it\n').errors).toHaveLength(1);
    const cut = wos.parseText('FN Clarivate\nVR 1.0\nPT J\nAU Doe, J\nTI A title\nUT WOS:1\nER\n\nPT J\nTI Cut\n');
    expect(cut.works).toHaveLength(1);
    expect(cut.errors.map((error) => error.message)).toEqual([
      'line 9: record 2 is cut off: the file ends before its ER',
    ]);
  });

  it('imports every sample: authors with their affiliations, keywords, in D1', async () => {
    const works = Object.values(tagged).flatMap((text) => wos.parseText(text).works);
    await writeWorks(env.DB, works);
    const rows = await env.DB.prepare(
      `SELECT a.raw_name, i.name AS institution, i.country FROM external_id e
         JOIN authorship a ON a.paper_id = e.entity_id
         JOIN authorship_institution ai ON ai.paper_id = a.paper_id AND ai.position = a.position
         JOIN institution i ON i.id = ai.institution_id
       WHERE e.key = 'wos:WOS:000290776200020' ORDER BY a.position, i.name`,
    ).all<{ raw_name: string; institution: string; country: string }>();
    expect(rows.results.filter((row) => row.raw_name === 'Litt, JS').map((row) => row.institution)).toEqual([
      'Beth Israel Deaconess Med Ctr',
      'Childrens Hosp Boston',
    ]);
    const papers = await env.DB.prepare('SELECT count(*) AS n FROM paper').first<number>('n');
    expect(papers).toBe(works.length);
    const keywords = await env.DB.prepare(
      `SELECT count(*) AS n FROM paper_keyword pk JOIN external_id e ON e.entity_id = pk.paper_id
       WHERE e.key = 'wos:CABI:19982209000'`,
    ).first<number>('n');
    expect(keywords).toBe(4); // DE anaesthesia; halothane; muscle relaxants; pharmacokinetics
  });
});

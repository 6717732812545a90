/**
 * The RIS importer on raw/ris (Zotero's test files: RefMan, EndNote and Zotero exports, and two
 * per-type specimens with every tag): records counted and read here with a plain tag reader.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseRisText } from '../src/ingest/formats/ris';
import { writeWorks } from '../src/ingest/write';
import { gqlData, realData } from './helpers';

const files = Object.entries(realData()?.citationFiles.ris ?? {});

/** Records as tag -> values, untagged lines joined to the value above with a newline. */
function recordsIn(text: string): Array<Map<string, string[]>> {
  const records: Array<Map<string, string[]>> = [];
  let current: Map<string, string[]> | null = null;
  let last: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    const tagged = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/.exec(line.trimEnd());
    if (tagged) {
      const [, tag, value = ''] = tagged;
      if (tag === 'TY') {
        current = new Map();
        records.push(current);
      }
      if (tag === 'ER' || !current) {
        current = tag === 'ER' ? null : current;
        continue;
      }
      last = current.get(tag!) ?? [];
      last.push(value.trim());
      current.set(tag!, last);
    } else if (current && last && line.trim()) last[last.length - 1] += `\n${line.trim()}`;
  }
  return records;
}

describe.skipIf(files.length === 0)('RIS import of raw/ris', () => {
  it('reads every record of every file, none rejected, with its title, authors, keywords and abstract', () => {
    for (const [name, text] of files) {
      const parsed = parseRisText(text);
      const records = recordsIn(text);
      expect(parsed.errors, name).toEqual([]);
      expect(parsed.works.length, name).toBe(records.length);
      records.forEach((fields, index) => {
        const work = parsed.works[index]!;
        const one = (...tags: string[]) => tags.map((tag) => fields.get(tag)?.[0]).find(Boolean) ?? null;
        const title = one('TI', 'T1', 'CT', fields.get('TY')?.[0] === 'JFULL' ? 'JF' : 'BT');
        expect(work.title, name).toBe(title?.replace(/\s*\n\s*/g, ' ') ?? '');
        const authors = [...text.split(/^TY {1,2}-/m)[index + 1]!.matchAll(/^(?:AU|A1) {1,2}- (.+)$/gm)].map((m) =>
          m[1]!.trim(),
        );
        expect(
          work.authors.map((a) => a.rawName),
          name,
        ).toEqual(authors);
        expect(work.keywords, name).toEqual((fields.get('KW') ?? []).flatMap((value) => value.split('\n')));
        expect(work.abstract, name).toBe((fields.get('AB') ?? fields.get('N2'))?.join('\n') ?? null);
        const doi = one('DO');
        if (doi && /^10\./.test(doi)) expect(work.doi).toBe(doi);
      });
    }
  });

  it('follows the exporters’ rules: DA over the deprecated Y1, A1 and AU in file order, DOI from a URL', async () => {
    const byName = Object.fromEntries(files.map(([name, text]) => [name, parseRisText(text).works]));
    expect(byName['zotero_RIS_07.ris']?.[0]?.year).toBe(1950);
    expect(byName['zotero_RIS_08.ris']?.[0]?.authors.map((a) => a.name)).toEqual([
      'Danko Georgiev',
      'Leon Bello',
      'Avishy Carmi',
      'Eliahu Cohen',
    ]);
    const [castoe] = byName['zotero_RIS_03.ris'] ?? [];
    expect(castoe?.doi).toBe('10.1111/j.1755-0998.2009.02750.x'); // only in UR and N1
    expect(castoe?.venue?.name).toBe('Molecular Ecology Resources');
    const [light] = byName['zotero_RIS_05.ris'] ?? [];
    expect(light?.venue).toMatchObject({ name: 'Augmentative and Alternative Communication', issn: '0743-4618' });
    expect(light?.publicationDate).toBe('2014-06-01');

    await writeWorks(env.DB, Object.values(byName).flat());
    const { data } = await gqlData(
      `{ paper(externalId: "doi:10.3109/07434618.2014.906498") { title year venue { name } authors { rawName author { name } } } }`,
    );
    expect(data.paper.authors).toEqual([
      { rawName: 'Light, Janice', author: { name: 'Janice Light' } },
      { rawName: 'McNaughton, David', author: { name: 'David McNaughton' } },
    ]);
  });
});

/**
 * Tagged exports read a slice of records at a time (src/ingest/slices.ts, what the import CLI does
 * for any size of file) give the same records, and the same errors at the same file positions, as
 * the file parsed whole: for every raw WoS, RIS and CNKI sample, cut after every record, and for
 * files with a broken record in a later slice.
 */
import { describe, expect, it } from 'vitest';
import { cnki } from '../src/ingest/formats/cnki';
import type { IngestFormat } from '../src/ingest/formats/format';
import { ris } from '../src/ingest/formats/ris';
import { wos } from '../src/ingest/formats/wos';
import { parseSlice, slicesOf } from '../src/ingest/slices';
import { realData } from './helpers';

const data = realData();

async function* linesOf(text: string): AsyncGenerator<string> {
  yield* text.split(/\r?\n/);
}

/** What the CLI gets from a file read in slices of `perSlice` records. */
async function sliced(format: IngestFormat, text: string, perSlice: number) {
  const works = [];
  const errors: string[] = [];
  let slices = 0;
  for await (const slice of slicesOf(linesOf(text), format.recordsBegin!, perSlice)) {
    slices++;
    const parsed = 'wholeText' in slice ? format.parseText(slice.wholeText) : parseSlice(format, slice);
    works.push(...parsed.works);
    errors.push(...parsed.errors.map((error) => error.message));
  }
  return { works, errors, slices };
}

function whole(format: IngestFormat, text: string) {
  const parsed = format.parseText(text);
  return { works: parsed.works, errors: parsed.errors.map((error) => error.message) };
}

describe.skipIf(data === null)('tagged exports read in slices', () => {
  const samples: Array<[string, IngestFormat, string]> = [
    ...Object.entries(data?.wosFiles ?? {}).map(([name, text]): [string, IngestFormat, string] => [name, wos, text]),
    ...Object.entries(data?.cnkiFiles ?? {}).map(([name, text]): [string, IngestFormat, string] => [name, cnki, text]),
    ...Object.entries(data?.citationFiles.ris ?? {}).map(([name, text]): [string, IngestFormat, string] => [
      name,
      ris,
      text,
    ]),
  ];

  it('every raw sample, cut after every record, gives the records and errors of the whole file', async () => {
    expect(samples.length).toBeGreaterThan(20);
    for (const [name, format, text] of samples) {
      const expected = whole(format, text);
      const actual = await sliced(format, text, 1);
      expect({ name, ...actual, slices: undefined }, name).toEqual({ name, ...expected, slices: undefined });
    }
  });

  it('a broken record in a later slice is reported at its line and record number in the file', async () => {
    const fourRecords = data?.wosFiles['zotero_Web_of_Science_Tagged_05.txt'] ?? '';
    // The file's records again, the third one without its title.
    const records = fourRecords.replace(/^\uFEFF/, '').split(/\r?\n(?=PT )/);
    expect(records.length).toBeGreaterThanOrEqual(4);
    const broken = [...records.slice(1)];
    broken[2] = (broken[2] ?? '').replace(/^TI .*(\r?\n {3}.*)*\r?\n/m, '');
    const text = [...records, ...broken].join('\n');
    const expected = whole(wos, text);
    expect(expected.errors).toHaveLength(1);
    expect(expected.errors[0]).toMatch(/^line \d+: record \d+ \(.+\) has no TI/);
    const actual = await sliced(wos, text, 2);
    expect(actual.slices).toBeGreaterThan(2);
    expect(actual.errors).toEqual(expected.errors);
    expect(actual.works).toEqual(expected.works);
  });

  it('a tab-delimited export keeps its header row in every slice', async () => {
    const header = 'PT\tAU\tTI\tPY\tUT';
    const rows = Array.from({ length: 7 }, (_, index) =>
      ['J', `Author${index}, A`, index === 5 ? '' : `Title ${index}`, '2020', `WOS:00000000000000${index}`].join('\t'),
    );
    const text = `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
    const expected = whole(wos, text);
    expect(expected.works).toHaveLength(6);
    expect(expected.errors).toEqual(['line 7: record 6 (WOS:000000000000005) has no TI (title)']);
    const actual = await sliced(wos, text, 2);
    expect(actual.slices).toBe(4);
    expect(actual).toEqual({ ...expected, slices: 4 });
  });
});

/**
 * The import CLI (scripts/import.ts) as a person meets it, against a local D1 in a temporary folder:
 * errors they can act on (no stack traces), a broken record leaves the database as it was, a file
 * imported twice changes nothing, .gz is unpacked, --fresh starts from an empty database.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA, runImport, temporaryDir, withLocalD1 } from './local-d1';

const WOS_SAMPLE = join(DATA, 'raw', 'wos', 'zotero_Web_of_Science_Tagged_05.txt');
const CNKI_SAMPLE = join(DATA, 'raw', 'cnki', 'translatorsCN_CNKI_Refer_00.enw.txt');

let d1Dir = '';
let filesDir = '';
const papers = () => withLocalD1(d1Dir, (db) => db.prepare('SELECT count(*) AS n FROM paper').first<number>('n'));
const file = (name: string, text: string | Buffer) => {
  const path = join(filesDir, name);
  writeFileSync(path, text);
  return path;
};
/** No stack trace: no "    at fn (file:line)" lines. */
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+/m);

beforeAll(() => {
  d1Dir = temporaryDir('citeql-cli-d1-');
  filesDir = temporaryDir('citeql-cli-files-');
});
afterAll(() => {
  for (const path of [d1Dir, filesDir]) rmSync(path, { recursive: true, force: true });
});

describe('import CLI', () => {
  it('a missing file fails at once', () => {
    const run = runImport(d1Dir, [join(filesDir, 'nope.txt')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nope.txt: no such file');
    noStack(run.stderr);
  });

  it('an empty file says it is empty', () => {
    const run = runImport(d1Dir, [file('empty.txt', '\uFEFF\n\n')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('empty.txt: the file is empty');
  });

  it('an undetectable file says what it looks like; a wrong --format names the one to try', () => {
    const unknown = runImport(d1Dir, [file('notes.txt', 'Dear reviewer,\nthank you for the comments.\n')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/notes\.txt: not recognised: it looks like text starting "Dear reviewer,"/);
    expect(unknown.stderr).toContain('--format');
    noStack(unknown.stderr);

    const wrong = runImport(d1Dir, ['--format', 'wos', CNKI_SAMPLE]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/does not look like wos: it looks like EndNote\/Refer .*try --format cnki/);
  });

  it('a file that is not the format at all gives one error, not one per line', () => {
    const lines = Array.from({ length: 50 }, (_, index) => `line ${index} of something else`).join('\n');
    const run = runImport(d1Dir, ['--format', 'cnki', file('other.txt', lines)]);
    expect(run.status).toBe(1);
    expect(run.stderr.match(/not a CNKI export/g)).toHaveLength(1);
    noStack(run.stderr);
  });

  it('imports, and importing the same file again changes nothing', async () => {
    const first = runImport(d1Dir, ['--fresh', WOS_SAMPLE]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/imported 4 works \(4 new, 0 updated\)/);
    const again = runImport(d1Dir, [WOS_SAMPLE]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/imported 4 works \(0 new, 4 updated\)/);
    expect(await papers()).toBe(4);
  });

  it('a broken record is reported once with its position, and its batch is not written', async () => {
    const before = await papers();
    const broken = file(
      'broken.txt',
      'FN Clarivate\nVR 1.0\nPT J\nAU Doe, J\nTI A fine record\nPY 2020\nUT WOS:000000000000001\nER\n\n' +
        'PT J\nAU Roe, R\nPY 2020\nUT WOS:000000000000002\nER\n\nEF\n',
    );
    const run = runImport(d1Dir, [broken]);
    expect(run.status).toBe(1);
    expect(run.stderr.match(/record 2/g)).toHaveLength(1);
    expect(run.stderr).toContain('line 10: record 2 (WOS:000000000000002) has no TI (title)');
    noStack(run.stderr);
    expect(await papers()).toBe(before);
  });

  it('streams a tagged file in slices: a broken record deep in it is reported at its line in the file', async () => {
    const before = await papers();
    const record = (index: number, title: string | null) =>
      [
        'PT J',
        `AU Doe, J${index}`,
        ...(title === null ? [] : [`TI ${title}`]),
        'PY 2020',
        `UT WOS:${String(index).padStart(15, '0')}`,
        'ER',
        '',
      ].join('\n');
    // 2,500 records (three slices of 1,000), the 2,345th without a title: 7 lines a record after FN/VR.
    const records = Array.from({ length: 2_500 }, (_, index) =>
      record(index + 1, index + 1 === 2_345 ? null : `Streamed record ${index + 1}`),
    );
    const big = file('big-savedrecs.txt', `FN Clarivate\nVR 1.0\n${records.join('\n')}\nEF\n`);
    const run = runImport(d1Dir, [big]);
    expect(run.status).toBe(1);
    const brokenLine = 2 + 2_344 * 7 + 1;
    expect(run.stderr).toContain(`line ${brokenLine}: record 2345 (WOS:000000000002345) has no TI (title)`);
    expect(run.stderr.match(/has no TI/g)).toHaveLength(1);
    noStack(run.stderr);
    expect(await papers()).toBe(before); // one batch (up to 5,000 works): none of it written

    const fixed = file('fixed-savedrecs.txt', `FN Clarivate\nVR 1.0\n${records.slice(0, 2_000).join('\n')}\nEF\n`);
    const good = runImport(d1Dir, [fixed]);
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/imported 2000 works \(2000 new, 0 updated\)/);
    // Not a terminal: progress comes as lines, with the rate.
    expect(good.stderr).toMatch(/100% 2,000 works written, [\d,]+ works\/s/);
    expect(await papers()).toBe((before ?? 0) + 2_000);
  });

  it('merges S2AG citations into papers already imported, once', async () => {
    const paper = (id: number) =>
      JSON.stringify({ corpusid: id, externalids: { CorpusId: `${id}` }, title: `Paper ${id}` });
    const papersFile = file('papers.jsonl', `${[1, 2].map(paper).join('\n')}\n`);
    const edge = (citing: number, cited: number | null) =>
      JSON.stringify({ citingcorpusid: `${citing}`, citedcorpusid: cited === null ? null : `${cited}` });
    const citationsFile = file('citations.jsonl', [edge(1, 2), edge(1, 3), edge(9, 1), edge(2, null)].join('\n'));
    const first = runImport(d1Dir, ['--fresh', papersFile, citationsFile]);
    expect(first.stderr).not.toMatch(/not a paper|broken/);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(
      'merged 0 abstracts (0 of papers not in the database: not written) and 2 citations (0 already there; ' +
        '1 cite papers not imported yet: kept unresolved, resolved when they arrive; ' +
        '1 whose citing paper is not in the database and 1 naming no cited paper: not written)',
    );
    const again = runImport(d1Dir, [citationsFile]);
    expect(again.stdout).toContain('and 0 citations (2 already there;');
    const cited = await withLocalD1(d1Dir, (db) =>
      db.prepare("SELECT citation_count AS n FROM paper WHERE key = 's2corpus:2'").first<number>('n'),
    );
    expect(cited).toBe(1);
  });

  it('unpacks .gz files', async () => {
    const gz = file('refer.enw.txt.gz', gzipSync(readFileSync(CNKI_SAMPLE)));
    const run = runImport(d1Dir, [gz]);
    expect(run.stderr).not.toMatch(/broken|not recognised|gzip/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/imported 1 works \(1 new/);
  });

  it('--fresh alone (npm run reset) empties the database', async () => {
    expect(await papers()).toBeGreaterThan(0);
    const run = runImport(d1Dir, ['--fresh']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('emptied the database');
    expect(await papers()).toBe(0);
  });
});

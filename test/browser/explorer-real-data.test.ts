/**
 * The explorer over real data (CITEQL_DATA, default ../shared/data; skipped with a note when it is
 * absent): the AAN OpenAlex file and the CNKI exports, imported with the project's own parsers, in
 * one Worker. Totals are compared with counts computed here from the raw files: an English search
 * over AAN, an AAN author's papers, and Chinese searches over the CNKI records.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cnki } from '../../src/ingest/formats/cnki';
import { parseOpenAlexText } from '../../src/ingest/formats/openalex';
import type { WorkRecord } from '../../src/ingest/record';
import { words } from '../oracle/search';
import { type Harness, ROOT, shown, startHarness } from './harness';
import { checkPage } from './page-checks';

const DATA = resolve(ROOT, process.env.CITEQL_DATA ?? '../shared/data');
const AAN = join(DATA, 'aan', 'works.jsonl');
const CNKI = join(DATA, 'raw', 'cnki');
const present = existsSync(AAN) && existsSync(CNKI);
if (!present) console.warn(`[citeql] ${DATA} has no AAN or CNKI data: skipping the explorer's real-data tests.`);

/** The fields of an AAN line the counts need, read from the raw JSON (not through the parser). */
interface AanWork {
  title: string;
  authorships: Array<{ author: { display_name: string } }>;
  primary_location?: { source?: { display_name?: string } | null } | null;
}

describe.skipIf(!present)('the explorer over AAN and CNKI', () => {
  const aanText = present ? readFileSync(AAN, 'utf8') : '';
  const aan: AanWork[] = aanText
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
  const cnkiTexts = present ? readdirSync(CNKI).map((name) => readFileSync(join(CNKI, name), 'utf8')) : [];
  let harness: Harness;

  beforeAll(async () => {
    const parsed = parseOpenAlexText(aanText);
    expect(parsed.errors).toEqual([]);
    const cnkiWorks: WorkRecord[] = cnkiTexts.flatMap((text) => cnki.parseText(text).works);
    // AAN from the run's shared copy (test/browser/explorer-paper-aan.test.ts loads the same), CNKI added to it.
    harness = await startHarness(cnkiWorks, {
      vars: { TRUSTED_DOCUMENTS: 'on' },
      shared: { name: 'aan', works: parsed.works },
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  test('an English search over AAN finds as many papers as the raw file has, and a result opens its paper', async () => {
    const word = 'coreference';
    const expected = aan.filter((work) =>
      words(
        [
          work.title,
          work.primary_location?.source?.display_name ?? '',
          ...work.authorships.map((a) => a.author.display_name),
        ].join(' '),
      ).includes(word),
    );
    expect(expected.length).toBeGreaterThan(20);
    const opened = await harness.openPage(`/search?q=${word}`);
    const { page } = opened;
    await expect.poll(() => shown(page.getByRole('status'))).toBe(`${expected.length} papers`);
    const first = page.locator('.paper-title').first();
    const title = await shown(first);
    await first.click();
    await page.waitForURL(/\/paper\//);
    await expect.poll(() => shown(page.locator('h1'))).toBe(title);
    expect(opened.errors).toEqual([]);
    await opened.close();
  });

  test("an AAN author's page counts the author's papers in the raw file", async () => {
    const opened = await harness.openPage('/search?q=statistical+parsing&sort=citations');
    const { page } = opened;
    const author = page.locator('.paper-meta a[href^="/author/"]').first();
    const name = await shown(author);
    await author.click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(name);
    const papers = aan.filter((work) => work.authorships.some((a) => a.author.display_name === name)).length;
    expect(await shown(page.locator('.facts'))).toContain(`Papers ${papers.toLocaleString('en')}`);
    expect(opened.errors).toEqual([]);
    await opened.close();
  });

  test('a Chinese search finds exactly the CNKI records containing it, marked in the titles', async () => {
    const records = cnkiTexts.flatMap((text) => cnki.parseText(text).works);
    const textOf = (work: WorkRecord) =>
      [
        work.title,
        work.abstract ?? '',
        ...work.keywords,
        ...work.authors.map((a) => a.name),
        work.venue?.name ?? '',
      ].join('\n');
    // The raw files are read as text: the count is of records whose text holds the query.
    const q = '黄芪';
    const expected = records.filter((work) => textOf(work).includes(q));
    expect(expected.length).toBeGreaterThan(0);
    const opened = await harness.openPage('/');
    const { page } = opened;
    const box = page.getByRole('combobox', { name: /Search papers/ });
    await box.fill(q);
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const count = expected.length === 1 ? '1 paper' : `${expected.length} papers`;
    await expect.poll(() => shown(page.getByRole('status'))).toBe(count);
    const titles = await page.locator('.paper-title').allInnerTexts();
    expect(titles.sort()).toEqual(expected.map((work) => work.title).sort());
    expect(await page.locator('.paper-title mark').first().textContent()).toBe(q);
    await checkPage(page, 'search-chinese', { realData: true });
    expect(opened.errors).toEqual([]);
    await opened.close();
  });
});

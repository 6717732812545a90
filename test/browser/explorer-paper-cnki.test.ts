/**
 * The paper page in Chinese: the CNKI EndNote/Refer exports of CITEQL_DATA (raw/cnki/*.enw.txt),
 * imported with the project's CNKI parser, each found by searching its first keyword and opened from
 * the results; title, byline, affiliations, abstract and keywords as the raw records say, read here
 * line by line. Skipped, saying so, when the data is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCnkiText } from '../../src/ingest/formats/cnki';
import { type Harness, ROOT, shown, startHarness } from './harness';
import { checkPage } from './page-checks';

const CNKI = join(resolve(ROOT, process.env.CITEQL_DATA ?? '../shared/data'), 'raw', 'cnki');
const files = existsSync(CNKI)
  ? readdirSync(CNKI)
      .filter((name) => name.endsWith('.enw.txt'))
      .map((name) => readFileSync(join(CNKI, name), 'utf8'))
  : [];
if (files.length === 0)
  console.warn(`[citeql] no CNKI Refer exports under ${CNKI}: the Chinese paper-page test is skipped.`);

/** One Refer record's tags: `%A` repeats, the others are single lines. */
function referTags(text: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const match = /^(%.) (.*)$/.exec(line);
    if (match) tags.set(match[1]!, [...(tags.get(match[1]!) ?? []), match[2]!.trim()]);
  }
  return tags;
}

const split = (value: string | undefined) =>
  (value ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);

const records = files.map(referTags).filter((tags) => tags.has('%K'));

describe.skipIf(records.length === 0)('the paper page of Chinese records', () => {
  let harness: Harness;

  beforeAll(async () => {
    const works = files.flatMap((text) => {
      const parsed = parseCnkiText(text);
      expect(parsed.errors).toEqual([]);
      return parsed.works;
    });
    harness = await startHarness(works, { vars: { TRUSTED_DOCUMENTS: 'on' } });
  });

  afterAll(async () => {
    await harness?.close();
  });

  test('each record, found by its first keyword, shows what the raw record says', async () => {
    const { page, errors, elsewhere, close } = await harness.openPage('/');
    for (const [index, tags] of records.entries()) {
      const title = tags.get('%T')![0]!;
      const keywords = split(tags.get('%K')![0]);
      await page.goto(harness.url(`/search?q=${encodeURIComponent(keywords[0]!)}`));
      await page.locator('.paper-title', { hasText: title }).first().click();
      await expect.poll(() => shown(page.locator('h1'))).toBe(title);
      // A %A line may hold several names joined by ";" (organisations as authors).
      expect(await page.locator('.byline a').allInnerTexts()).toEqual((tags.get('%A') ?? []).flatMap(split));
      const affiliations = split(tags.get('%+')?.[0]);
      for (const shownName of await page.locator('.affiliations a').allInnerTexts()) {
        expect(affiliations).toContain(shownName);
      }
      if (affiliations.length === 1)
        expect(await page.locator('.affiliations a').allInnerTexts()).toEqual(affiliations);
      expect(await page.locator('.keywords a').allInnerTexts()).toEqual(keywords);
      const abstract = tags.get('%X')?.[0];
      if (abstract) expect(await shown(page.locator('.abstract p'))).toBe(abstract.replace(/\s+/g, ' '));
      if (index === 0) await checkPage(page, 'paper-chinese', { realData: true });
    }
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
    await close();
  });
});

/**
 * The explorer's home, search, author, institution, keyword and venue pages, and its not-found and
 * error pages, in headless Chromium over the demo corpus with `TRUSTED_DOCUMENTS = "on"`. What the
 * pages show is compared with answers computed here from the corpus records (citation counts,
 * matches of a word, facet counts, an author's papers and h-index …), not with the API's. Every
 * page also gets checkPage: axe-core, phone width, and screenshots under `npm run screenshots`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoCorpus } from '../../src/demo/corpus';
import type { WorkRecord } from '../../src/ingest/record';
import { topCounts, words } from '../oracle/search';
import { type Harness, shown, startHarness } from './harness';
import { checkPage } from './page-checks';

const corpus = demoCorpus();
const byKey = new Map(corpus.flatMap((work) => work.ids.map((id) => [id.key, work] as const)));

/** Citing works of each work: references whose target is a work of the corpus, each citing work once. */
const citers = new Map<WorkRecord, Set<WorkRecord>>();
for (const work of corpus) {
  for (const reference of work.references) {
    const cited = reference.target && byKey.get(reference.target.key);
    if (cited && cited !== work) citers.set(cited, (citers.get(cited) ?? new Set()).add(work));
  }
}
const citationCount = (work: WorkRecord) => citers.get(work)?.size ?? 0;

/** Who an author is in the corpus: the ORCID when there is one, else the name (the writer merges by it). */
const authorKey = (authorship: WorkRecord['authors'][number]) => authorship.orcid ?? `name:${authorship.name}`;

/** The text search reads: title, abstract, keywords, author names, venue. */
const searchText = (work: WorkRecord) =>
  [work.title, work.abstract ?? '', ...work.keywords, ...work.authors.map((a) => a.name), work.venue?.name ?? ''].join(
    ' ',
  );

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness(corpus, { vars: { TRUSTED_DOCUMENTS: 'on' } });
});

afterAll(async () => {
  await harness?.close();
});

/** Opens `path` in a fresh offline context; the test ends with `done()`, which checks for page errors. */
async function open(path: string) {
  const opened = await harness.openPage(path);
  return {
    page: opened.page,
    async done() {
      expect(opened.errors).toEqual([]);
      expect(opened.elsewhere).toEqual([]);
      await opened.close();
    },
  };
}

/** Presses "More …" under a list until the list has no next page; the list's items are then counted. */
async function expandAll(page: Page, button: string) {
  const more = page.getByRole('button', { name: button });
  while (await more.isVisible()) {
    const before = await page.locator('li').count();
    await more.click();
    await expect.poll(() => page.locator('li').count()).toBeGreaterThan(before);
  }
}

const number = (value: number) => value.toLocaleString('en');

describe('home', () => {
  test('shows the most cited papers (counted from the corpus) and the total, and links to GraphiQL', async () => {
    const { page, done } = await open('/');
    await expect.poll(() => page.locator('.paper-item').count()).toBe(6);
    const expected = corpus
      .map(citationCount)
      .sort((a, b) => b - a)
      .slice(0, 6);
    const items = await page.locator('.paper-item').all();
    const shownCounts: number[] = [];
    for (const item of items) {
      const title = await shown(item.locator('.paper-title'));
      const work = corpus.find((candidate) => candidate.title === title);
      expect(work, title).toBeDefined();
      expect(await shown(item.locator('.paper-meta'))).toContain(`${citationCount(work!)} citations`);
      shownCounts.push(citationCount(work!));
    }
    expect(shownCounts).toEqual(expected);
    expect(await shown(page.locator('main'))).toContain(`Of ${number(corpus.length)} papers.`);
    expect(await page.getByRole('link', { name: 'Open GraphiQL' }).getAttribute('href')).toBe('/graphql');
    await checkPage(page, 'home');
    await page.getByRole('link', { name: 'Browse them all' }).click();
    await page.waitForURL(/\/search\?sort=citations/);
    await expect.poll(() => shown(page.getByRole('status'))).toBe(`${number(corpus.length)} papers`);
    await done();
  });

  test('suggests an author while typing; the keyboard picks it and opens the author page', async () => {
    const { page, done } = await open('/');
    const author = [...corpus].sort((a, b) => citationCount(b) - citationCount(a))[0]!.authors[0]!;
    const box = page.getByRole('combobox', { name: /Search papers/ });
    await box.pressSequentially(author.name.slice(0, 6), { delay: 20 });
    const option = page.getByRole('option', { name: new RegExp(`^${author.name} author$`) });
    await expect.poll(() => option.count()).toBeGreaterThan(0);
    const options = await page.getByRole('option').allInnerTexts();
    for (let index = 0; index <= options.findIndex((text) => text.startsWith(author.name)); index++) {
      await box.press('ArrowDown');
    }
    expect(await box.getAttribute('aria-activedescendant')).toBe(await option.first().getAttribute('id'));
    await box.press('Enter');
    await page.waitForURL(/\/author\//);
    await expect.poll(() => shown(page.locator('h1'))).toBe(author.name);
    await done();
  });

  test('keyboard: the skip link comes first, focus is visible, and Enter on it moves to the content', async () => {
    const { page, done } = await open('/');
    await page.locator('.paper-item').first().waitFor();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await shown(focused)).toBe('Skip to content');
    const outline = await focused.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tabbing on reaches the example papers' links, each with a visible outline.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const next = page.locator(':focus');
    expect(await next.evaluate((element) => element.tagName)).toMatch(/^(A|INPUT|BUTTON)$/);
    expect(await next.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
    await done();
  });
});

describe('search', () => {
  const word = 'conversational';
  const matches = corpus.filter((work) => words(searchText(work)).includes(word));

  test(`finds exactly the papers containing "${word}", highlighted, and pages to the end`, async () => {
    expect(matches.length).toBeGreaterThan(20);
    const { page, done } = await open('/');
    await page.getByRole('combobox', { name: /Search papers/ }).fill(word);
    await page.getByRole('combobox', { name: /Search papers/ }).press('Enter');
    await page.waitForURL(/\/search\?q=conversational/);
    await expect.poll(() => shown(page.getByRole('status'))).toBe(`${matches.length} papers`);
    // Every title holding the word shows it marked.
    for (const item of await page.locator('.paper-item').all()) {
      const title = await shown(item.locator('.paper-title'));
      if (words(title).includes(word)) {
        expect((await item.locator('.paper-title mark').allInnerTexts()).map((text) => text.toLowerCase())).toContain(
          word,
        );
      }
    }
    await checkPage(page, 'search');
    await expandAll(page, 'More results');
    const titles = await page.locator('ol.results .paper-title').allInnerTexts();
    expect(titles.sort()).toEqual(matches.map((work) => work.title).sort());
    await done();
  });

  test('facets count the whole result; a year and a venue filter when clicked, and unfilter', async () => {
    const { page, done } = await open(`/search?q=${word}`);
    await expect.poll(() => shown(page.getByRole('status'))).toBe(`${matches.length} papers`);
    const facet = (name: string) => page.locator('.facet').filter({ has: page.getByRole('heading', { name }) });
    const facetEntries = async (name: string) =>
      (await facet(name).locator('li').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    const years = topCounts(
      matches.flatMap((work) => (work.year === null ? [] : [work.year])),
      10,
    );
    expect(await facetEntries('Year')).toEqual(years.map(([year, count]) => `${year} ${count}`));
    const venues = topCounts(
      matches.flatMap((work) => (work.venue ? [work.venue.name] : [])),
      10,
    );
    expect(await facetEntries('Venue')).toEqual(venues.map(([venue, count]) => `${venue} ${count}`));

    const [year, yearCount] = years[0]!;
    await facet('Year')
      .getByRole('link', { name: String(year) })
      .click();
    await page.waitForURL(new RegExp(`year=${year}`));
    await expect.poll(() => shown(page.getByRole('status'))).toBe(`${yearCount} papers`);
    // The venue facet now counts the papers of that year: its first value is clicked.
    const inYear = matches.filter((work) => work.year === year);
    const [venue] = topCounts(
      inYear.flatMap((work) => (work.venue ? [work.venue.name] : [])),
      1,
    )[0]!;
    await facet('Venue').getByRole('link', { name: venue }).click();
    await page.waitForURL(/venue=/);
    const both = inYear.filter((work) => work.venue?.name === venue).length;
    await expect.poll(() => shown(page.getByRole('status'))).toBe(`${both} paper${both === 1 ? '' : 's'}`);
    await page.getByRole('link', { name: `Remove filter year: ${year}` }).click();
    const venueOnly = matches.filter((work) => work.venue?.name === venue).length;
    await expect.poll(() => shown(page.getByRole('status'))).toBe(`${venueOnly} papers`);
    await page.goBack();
    await expect.poll(() => shown(page.getByRole('status'))).toBe(`${both} paper${both === 1 ? '' : 's'}`);
    await done();
  });

  test('sorts: oldest first, then most cited first', async () => {
    const { page, done } = await open(`/search?q=${word}`);
    await expect.poll(() => shown(page.getByRole('status'))).toBe(`${matches.length} papers`);
    await page.getByLabel('Sort by').selectOption('oldest');
    await page.waitForURL(/sort=oldest/);
    const oldest = Math.min(...matches.flatMap((work) => (work.year === null ? [] : [work.year])));
    await expect.poll(() => shown(page.locator('.paper-meta').first())).toContain(` · ${oldest} · `);
    await page.getByLabel('Sort by').selectOption('citations');
    const most = Math.max(...matches.map(citationCount));
    await expect.poll(() => shown(page.locator('.paper-meta').first())).toContain(`${most} citation`);
    await done();
  });

  test('a malformed search is an API error that says what is wrong and its code', async () => {
    const { page, done } = await open('/search?q=(conversational');
    await expect.poll(() => page.getByRole('heading', { name: 'The API refused this request' }).count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    const alert = await shown(page.getByRole('alert'));
    expect(alert).toContain('"search": a "(" is not closed by a ")"');
    expect(alert).toContain('Error code: BAD_USER_INPUT');
    await checkPage(page, 'error');
    await done();
  });

  test('a network failure says so', async () => {
    const { context } = await harness.offlineContext();
    await context.route('**/graphql?**', (route) => route.abort('internetdisconnected'));
    const page = await context.newPage();
    await page.goto(harness.url(`/search?q=${word}`));
    await expect.poll(() => page.getByRole('heading', { name: 'The API could not be reached' }).count()).toBe(1);
    await context.close();
  });
});

describe('entity pages', () => {
  const seed = [...corpus].sort((a, b) => citationCount(b) - citationCount(a))[0]!;
  const authorship = seed.authors[0]!;
  const authorWorks = corpus.filter((work) => work.authors.some((a) => authorKey(a) === authorKey(authorship)));

  test('an author: papers, citations, h-index and coauthors as counted from the corpus; papers page to the end', async () => {
    const { page, done } = await open('/');
    await page.getByRole('link', { name: authorship.name, exact: true }).first().click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(authorship.name);
    const counts = authorWorks.map(citationCount).sort((a, b) => b - a);
    const hIndex = counts.filter((count, index) => count >= index + 1).length;
    const facts = await shown(page.locator('.facts'));
    expect(facts).toContain(`Papers ${number(authorWorks.length)}`);
    expect(facts).toContain(`Citations ${number(counts.reduce((sum, count) => sum + count, 0))}`);
    expect(facts).toContain(`h-index ${hIndex}`);
    const coauthors = new Set(
      authorWorks.flatMap((work) => work.authors.map(authorKey)).filter((key) => key !== authorKey(authorship)),
    );
    expect(await shown(page.locator('section[aria-labelledby="coauthors"] .list-footer'))).toContain(
      `of ${coauthors.size} shown`,
    );
    await checkPage(page, 'author');
    await expandAll(page, 'More papers');
    const titles = await page.locator('section[aria-labelledby="papers"] .paper-title').allInnerTexts();
    expect(titles.sort()).toEqual(authorWorks.map((work) => work.title).sort());
    await done();
  });

  test('an institution, a keyword and a venue, each from a link, with their paper counts', async () => {
    const { page, done } = await open('/');
    await page.getByRole('link', { name: authorship.name, exact: true }).first().click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(authorship.name);

    const institution = await shown(page.locator('.data-table a').first());
    await page.locator('.data-table a').first().click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(institution);
    const institutionWorks = corpus.filter((work) =>
      work.authors.some((a) => a.institutions.some((i) => i.name === institution)),
    );
    expect(await shown(page.locator('.facts'))).toContain(`Papers ${number(institutionWorks.length)}`);
    await checkPage(page, 'institution');

    await page.goBack();
    await expect.poll(() => shown(page.locator('h1'))).toBe(authorship.name);
    const keyword = await shown(page.locator('section[aria-labelledby="keywords"] a').first());
    await page.locator('section[aria-labelledby="keywords"] a').first().click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(keyword);
    const keywordWorks = corpus.filter((work) => work.keywords.some((k) => k.toLowerCase() === keyword.toLowerCase()));
    expect(await shown(page.locator('.facts'))).toContain(`Papers ${number(keywordWorks.length)}`);
    const chart = await page.getByRole('img', { name: /Papers per year/ }).getAttribute('aria-label');
    for (const [year, count] of topCounts(
      keywordWorks.flatMap((work) => (work.year === null ? [] : [work.year])),
      1000,
    )) {
      expect(chart).toContain(`${year}: ${count}`);
    }
    await checkPage(page, 'keyword');

    const venueLink = page.locator('.paper-meta a[href^="/venue/"]').first();
    const venue = await shown(venueLink);
    await venueLink.click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(venue);
    const venueWorks = corpus.filter((work) => work.venue?.name === venue);
    expect(await shown(page.locator('.facts'))).toContain(`Papers ${number(venueWorks.length)}`);
    await checkPage(page, 'venue');
    await done();
  });
});

describe('not found', () => {
  test('an unknown paper, a malformed author id and an unknown path are "not found" pages with a search box', async () => {
    for (const [path, says] of [
      ['/paper/demo:NO-SUCH-PAPER', 'No paper has the id "demo:NO-SUCH-PAPER"'],
      ['/author/not-an-id', 'No author has the id "not-an-id"'],
      ['/keyword/no such keyword at all', 'No paper in CiteQL has the keyword "no such keyword at all"'],
      ['/nothing/here', 'There is no page at /nothing/here'],
    ]) {
      const { page, done } = await open(path!);
      await expect.poll(() => shown(page.locator('h1'))).toBe('Not found');
      expect(await shown(page.locator('main'))).toContain(says);
      await expect.poll(() => page.getByRole('searchbox').or(page.getByRole('combobox')).count()).toBeGreaterThan(1);
      if (path === '/nothing/here') await checkPage(page, 'not-found');
      await done();
    }
  });
});

/**
 * The paper page, its citation network and the path tool over the demo corpus, with
 * `TRUSTED_DOCUMENTS = "on"`. Every number the pages show is checked against the corpus's records
 * read here in plain TypeScript (the citation oracle of test/oracle, fed the records as OpenAlex
 * lines), never against the API.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoCorpus } from '../../src/demo/corpus';
import { seedPaper } from '../../src/demo/seed-paper';
import type { WorkRecord } from '../../src/ingest/record';
import { CitationGraph } from '../oracle/citation-graph';
import { DESKTOP, type Harness, PHONE, shown, startHarness } from './harness';
import { checkPage } from './page-checks';
import { expectListsAsComputed } from './paper-lists';

const works = demoCorpus();
const keyOf = (work: WorkRecord) => work.ids[0]!.key;
const byKey = new Map(works.map((work) => [keyOf(work), work]));
/** The corpus as the oracle reads it: each work's primary id and its resolved references. */
const graph = CitationGraph.fromJsonl(
  works
    .map((work) =>
      JSON.stringify({
        id: keyOf(work),
        title: work.title,
        publication_year: work.year,
        referenced_works: work.references.flatMap((reference) => (reference.target ? [reference.target.key] : [])),
      }),
    )
    .join('\n'),
);
/** The most cited paper: the page's every list is long. */
const hub = graph.mostCited(1)[0]!;
const hubWork = byKey.get(hub)!;

/** The reference list's groups as the record has them: source database → positions, in order of first entry. */
function groupsOf(work: WorkRecord): Map<string | null, number[]> {
  const groups = new Map<string | null, number[]>();
  work.references.forEach((reference, index) => {
    const positions = groups.get(reference.sourceDatabase) ?? [];
    positions.push(index + 1);
    groups.set(reference.sourceDatabase, positions);
  });
  return groups;
}

/** `/graphql` requests from now on, as "operationName" of each GET (the test expects GETs only). */
function recordApiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname !== '/graphql') return;
    calls.push(request.method() === 'GET' ? (url.searchParams.get('operationName') ?? '?') : `${request.method()}!`);
  });
  return calls;
}

/** The identifiers line of a paper page ("Identifiers: demo:P000153"), as keys. */
async function shownIds(page: Page): Promise<string[]> {
  const text = await shown(page.locator('.identifiers'));
  return text.replace(/^Identifiers:\s*/, '').split(/,\s*/);
}

let harness: Harness;

/** `path` in a fresh offline page, recording page errors, API calls (recordApiCalls) and scripts loaded. */
async function openWatched(path: string) {
  const { context, elsewhere } = await harness.offlineContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  const calls = recordApiCalls(page);
  await page.goto(harness.url(path));
  return { page, errors, elsewhere, calls, scripts, close: () => context.close() };
}

beforeAll(async () => {
  harness = await startHarness(works, { vars: { TRUSTED_DOCUMENTS: 'on' } });
});

afterAll(async () => {
  await harness?.close();
});

describe('the paper page', () => {
  test('shows the paper, its grouped references and every list with the totals the records give, from one GET', async () => {
    const { page, errors, elsewhere, calls, close } = await openWatched(`/paper/${hub}`);
    await expect.poll(() => shown(page.locator('h1'))).toBe(hubWork.title);
    await page.locator('#co-cited-heading').waitFor();
    expect(calls).toEqual(['PaperPage']);
    expect(await page.locator('h1').count()).toBe(1);

    // The byline and its affiliations, the keywords: each a link.
    for (const authorship of hubWork.authors) {
      expect(await page.locator('.byline').getByRole('link', { name: authorship.name }).count()).toBe(1);
      for (const institution of authorship.institutions) {
        expect(await page.locator('.affiliations').getByRole('link', { name: institution.name }).count()).toBe(1);
      }
    }
    for (const term of hubWork.keywords) {
      expect(await page.locator('.keywords').getByRole('link', { name: term, exact: true }).count()).toBe(1);
    }

    // References: one group per source database, in order of first entry, each with its total.
    const groups = groupsOf(hubWork);
    expect(await shown(page.locator('#references-heading'))).toBe(`References (${hubWork.references.length})`);
    expect(await page.locator('.reference-group h3').allInnerTexts()).toEqual(
      [...groups].map(
        ([database, positions]) => `${database ?? 'Source database not given'} Total: ${positions.length}`,
      ),
    );

    // Each list's total, and the largest count first where the list is ranked.
    await expectListsAsComputed(page, graph, hub);

    // Citations by year: the chart reads the citing papers' years.
    const label = await page.locator('#citations-by-year-heading ~ figure svg').getAttribute('aria-label');
    for (const { year, count } of graph.citationsByYear(hub)) expect(label).toContain(`${year}: ${count}`);

    // "More" pages each list with its own small document, by GET, without repeating an item.
    const citing = page.locator('section[aria-labelledby="cited-by-heading"] .paper-title');
    expect(await citing.count()).toBe(10);
    await page.getByRole('button', { name: 'More citing papers' }).click();
    await expect.poll(() => citing.count()).toBe(30);
    const citingTitles = await citing.allInnerTexts();
    const citerTitles = new Set([...graph.citers(hub)].map((id) => graph.title(id)));
    expect(citingTitles.every((title) => citerTitles.has(title))).toBe(true);
    const citingHrefs = await citing.evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(new Set(citingHrefs).size).toBe(30);

    const [database, positions] = [...groups].find(([, entries]) => entries.length > 10)!;
    const group = page.locator('.reference-group').filter({ has: page.getByRole('heading', { name: database! }) });
    await group.getByRole('button', { name: `More references from ${database}` }).click();
    await expect.poll(() => group.locator('.position').count()).toBe(Math.min(positions.length, 30));
    expect(await group.locator('.position').allInnerTexts()).toEqual(positions.slice(0, 30).map((n) => `[${n}]`));
    expect(calls).toEqual(['PaperPage', 'PaperCitedByPage', 'PaperReferenceGroupPage']);

    await checkPage(page, 'paper', { scrollTo: 'h1' });
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
    await close();
  });

  test('a co-cited paper, its author, and back', async () => {
    const { page, errors, close } = await harness.openPage(`/paper/${hub}`);
    const coCited = page.locator('section[aria-labelledby="co-cited-heading"] .paper-title').first();
    const title = await shown(coCited);
    await coCited.click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(title);
    const [key] = await shownIds(page);
    expect(graph.coCited(hub).find((item) => item.id === key)?.count).toBe(graph.coCited(hub)[0]!.count);
    const author = byKey.get(key!)!.authors[0]!;
    await page.locator('.byline a').first().click();
    await page.waitForURL(/\/author\//);
    await expect.poll(() => shown(page.locator('h1'))).toBe(author.name);
    await page.goBack();
    await expect.poll(() => shown(page.locator('h1'))).toBe(title);
    expect(errors).toEqual([]);
    await close();
  });

  test('"Find a citation path from here" opens the path tool with this paper as its start', async () => {
    const { page, errors, close } = await harness.openPage(`/paper/${hub}`);
    await page.getByRole('link', { name: 'Find a citation path from here' }).click();
    await page.waitForURL(/\/path\?/);
    await expect.poll(() => page.getByLabel('From paper').inputValue()).toBe(hubWork.title);
    expect(await page.getByLabel('To paper').inputValue()).toBe('');
    expect(await page.locator('#path-result-heading').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  test('an unknown or unreadable id is a not-found page with a search box', async () => {
    for (const id of ['demo:NO-SUCH-PAPER', 'not-a-citeql-id']) {
      const { page, errors, close } = await harness.openPage(`/paper/${id}`);
      await expect.poll(() => shown(page.locator('h1'))).toBe('Not found');
      expect(await shown(page.locator('main'))).toContain(id);
      expect(await page.getByLabel('Search CiteQL instead').count()).toBe(1);
      expect(errors).toEqual([]);
      await close();
    }
  });
});

describe('the citation network', () => {
  test('loads the graph library only when opened, says when it is truncated, lists its papers, and opens a clicked one', async () => {
    const { page, errors, elsewhere, calls, scripts, close } = await openWatched(`/paper/${hub}`);
    await page.locator('#network-heading').waitFor();
    const before = scripts.length;
    expect(scripts.some((path) => path.includes('/draw-'))).toBe(false);

    // Opened from the keyboard: the controls are plain buttons and selects.
    await page.getByRole('button', { name: 'Show the citation network' }).focus();
    await page.keyboard.press('Enter');
    const canvas = page.locator('.network-canvas[data-drawn="true"]');
    await canvas.waitFor();
    expect(scripts.slice(before).some((path) => path.includes('/draw-'))).toBe(true);
    expect(calls).toEqual(['PaperPage', 'PaperNetwork']);

    // Both ways, one hop: the hub's neighbourhood is larger than the 150 papers drawn.
    const both = graph.neighbourhood(hub, 1, 'BOTH').nodes.size;
    expect(both).toBeGreaterThan(150);
    expect(await shown(page.locator('.network-summary'))).toContain(
      `truncated: 150 of the ${both} papers within 1 hop are drawn`,
    );
    expect(await page.locator('.network-list li').count()).toBe(150);
    expect(await page.locator('.network-legend').count()).toBe(1);
    await checkPage(page, 'paper-network', { scrollTo: '#network-heading' });

    // References only: all of them drawn, not truncated; each is in the text alternative.
    // Scrolled before it is drawn, so the drawing's idea of where it is on the page stays true.
    await page.locator('#network-heading').evaluate((element) => element.scrollIntoView());
    await page.getByLabel('Direction').selectOption('REFERENCES');
    const references = graph.neighbourhood(hub, 1, 'REFERENCES').nodes;
    await expect.poll(() => page.locator('.network-list li').count()).toBe(references.size);
    expect(await shown(page.locator('.network-summary'))).not.toContain('truncated');
    await canvas.waitFor();

    // Click a cited paper's node: its page opens.
    const target = page.locator('.network-list li a').nth(1);
    const targetTitle = (await target.textContent())!; // in the closed <details>: not shown, still read
    const targetId = decodeURIComponent((await target.getAttribute('href'))!.replace('/paper/', ''));
    const box = (await canvas.boundingBox())!;
    const position = await canvas.evaluate(
      (element, id) =>
        (
          element as unknown as { citeqlNetwork: { nodePosition(id: string): { x: number; y: number } } }
        ).citeqlNetwork.nodePosition(id),
      targetId,
    );
    await page.mouse.click(box.x + position.x, box.y + position.y);
    await expect.poll(() => shown(page.locator('h1'))).toBe(targetTitle);
    const [key] = await shownIds(page);
    expect(references.has(key!)).toBe(true);
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
    await close();
  });
});

describe('the path tool', () => {
  /** A paper the hub reaches along references in exactly three hops, and no fewer. */
  const far = graph.ids.find((id) => graph.shortestPathHops(hub, id, 3) === 3)!;
  const titleCount = (title: string) => works.filter((work) => work.title === title).length;

  test('finds the shortest chain along references, each step a link, from external ids in the URL', async () => {
    const { page, errors, close } = await harness.openPage(`/path?from=${hub}&to=${far}`);
    await expect.poll(() => shown(page.locator('#path-result-heading'))).toBe('3 hops');
    const titles = await page.locator('.path-steps .paper-title').allInnerTexts();
    expect(titles).toHaveLength(4);
    expect(titles.every((title) => titleCount(title) === 1)).toBe(true);
    const keys = titles.map((title) => keyOf(works.find((work) => work.title === title)!));
    expect(keys[0]).toBe(hub);
    expect(keys[3]).toBe(far);
    expect(graph.isCitationChain(keys)).toBe(true);
    expect(await page.locator('.path-link').allInnerTexts()).toEqual(['↓ cites', '↓ cites', '↓ cites']);
    // The form shows the two ends by title once they are read.
    expect(await page.getByLabel('From paper').inputValue()).toBe(hubWork.title);
    expect(await page.getByLabel('To paper').inputValue()).toBe(byKey.get(far)!.title);
    await checkPage(page, 'path');
    await page.locator('.path-steps .paper-title').nth(1).click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(titles[1]);
    expect(errors).toEqual([]);
    await close();
  });

  test('says clearly when there is no path within the hops asked', async () => {
    const seed = keyOf(seedPaper);
    expect(graph.shortestPathHops(seed, hub, 6)).toBeNull();
    const { page, errors, close } = await harness.openPage(`/path?from=${seed}&to=${hub}&hops=2`);
    await expect.poll(() => shown(page.locator('#path-result-heading'))).toBe('No path within 2 hops');
    expect(await shown(page.locator('.no-path'))).toContain(seedPaper.title);
    expect(errors).toEqual([]);
    await close();
  });

  test('picks papers by title with suggestions, on a phone', async () => {
    const { page, errors, close } = await harness.openPage('/path', PHONE);
    await page.getByLabel('From paper').fill(hubWork.title.slice(0, 12));
    await page.getByRole('button', { name: hubWork.title }).click();
    expect(await page.getByLabel('From paper').inputValue()).toBe(hubWork.title);
    await page.getByLabel('To paper').fill(far);
    await page.getByRole('button', { name: 'Find the path' }).click();
    await expect.poll(() => shown(page.locator('#path-result-heading'))).toBe('3 hops');
    expect(new URL(page.url()).searchParams.get('from')).not.toBe(hub); // the picked paper's CiteQL id
    await page.setViewportSize(DESKTOP);
    expect(errors).toEqual([]);
    await close();
  });
});

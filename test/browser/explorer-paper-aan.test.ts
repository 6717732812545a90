/**
 * The paper page over the whole AAN corpus (18,041 ACL papers, CITEQL_DATA's aan/works.jsonl, read
 * by the project's OpenAlex parser): search → a result → its paper page, whose reference list and
 * lists are checked against counts computed here from the raw file (test/oracle), then a co-cited
 * paper → its first author → back. Skipped, saying so, when the data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseOpenAlexText } from '../../src/ingest/formats/openalex';
import { CitationGraph } from '../oracle/citation-graph';
import { type Harness, ROOT, shown, startHarness } from './harness';
import { expectListsAsComputed } from './paper-lists';

const AAN = join(resolve(ROOT, process.env.CITEQL_DATA ?? '../shared/data'), 'aan', 'works.jsonl');
const text = existsSync(AAN) ? readFileSync(AAN, 'utf8') : null;
if (text === null) console.warn(`[citeql] ${AAN} is absent: the AAN paper-page test is skipped.`);

interface RawWork {
  id: string;
  title: string;
  authorships: { author: { display_name: string } }[];
  referenced_works: string[];
}

describe.skipIf(text === null)('the paper page over AAN', () => {
  const raw = new Map<string, RawWork>(
    (text ?? '')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const work = JSON.parse(line) as RawWork;
        return [work.id, work];
      }),
  );
  const graph = CitationGraph.fromJsonl(text ?? '');
  let harness: Harness;

  beforeAll(async () => {
    const parsed = parseOpenAlexText(text ?? '');
    expect(parsed.errors).toEqual([]);
    harness = await startHarness([], {
      vars: { TRUSTED_DOCUMENTS: 'on' },
      shared: { name: 'aan', works: parsed.works },
    });
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
  });

  test('search → the most cited paper → its grouped references and lists as the file counts them → a co-cited paper → its author → back', async () => {
    const [hub] = graph.mostCited(1) as [string];
    const title = graph.title(hub);
    const { page, errors, elsewhere, close } = await harness.openPage('/');
    const box = page.getByRole('combobox', { name: /Search papers/ });
    await box.fill(title.replace(/[^\p{L}\p{N}\s]/gu, ' '));
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.locator('.paper-title', { hasText: title }).first().click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(title);

    // AAN gives no source databases: one group, the whole reference list, entries outside the file included.
    const entries = raw.get(hub)!.referenced_works.length;
    expect(await shown(page.locator('#references-heading'))).toBe(`References (${entries})`);
    expect(await page.locator('.reference-group h3').allInnerTexts()).toEqual([
      `Source database not given Total: ${entries}`,
    ]);
    await expectListsAsComputed(page, graph, hub);
    const topCoCited = graph.coCited(hub)[0]!.count;
    const coCited = page.locator('section[aria-labelledby="co-cited-heading"] li').first();

    // The co-cited paper: one of those cited together with the hub most often.
    const coCitedTitle = await shown(coCited.locator('.paper-title'));
    await coCited.locator('.paper-title').click();
    await expect.poll(() => shown(page.locator('h1'))).toBe(coCitedTitle);
    // The page names it acl:<ACL id>; the file, by its Anthology URL.
    const aclId = (await shown(page.locator('.identifiers'))).match(/acl:([^\s,]+)/)?.[1];
    const top = graph.coCited(hub).filter((item) => item.count === topCoCited);
    expect(top.map((item) => item.id)).toContain(`https://aclanthology.org/${aclId}`);

    const firstAuthor = page.locator('.byline a').first();
    const name = raw.get(`https://aclanthology.org/${aclId}`)!.authorships[0]!.author.display_name;
    expect(await shown(firstAuthor)).toBe(name);
    await firstAuthor.click();
    await page.waitForURL(/\/author\//);
    await expect.poll(() => shown(page.locator('h1'))).toBe(name);
    await page.goBack();
    await expect.poll(() => shown(page.locator('h1'))).toBe(coCitedTitle);
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
    await close();
  });
});

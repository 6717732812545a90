/**
 * The checks every explorer page gets in the browser tests: axe-core (no serious or critical
 * violation), no sideways scrolling at phone width, and the screenshots of `npm run screenshots`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DESKTOP, PHONE, ROOT } from './harness';

/** Serious and critical axe-core violations on the page as it is now (rule id: the first offending nodes). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Whether the page is wider than its viewport (a phone would scroll sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** `npm run screenshots` sets it: the tests then write docs/screenshots/<name>-<width>.png. */
const SCREENSHOTS = process.env.CITEQL_SCREENSHOTS === '1';
const SCREENSHOT_DIR = join(ROOT, 'docs', 'screenshots');
/**
 * Pages that show the shared real records (AAN, CNKI) are pictures of that data, which must not be
 * copied into the repository: their screenshots go to this git-ignored folder, for a person to look at.
 */
const REAL_DATA_SCREENSHOT_DIR = join(SCREENSHOT_DIR, 'real-data');

export interface PageCheckOptions {
  /** A selector scrolled to the top of the view before the screenshot. */
  scrollTo?: string;
  /** The page shows records of CITEQL_DATA: its screenshot is not written into the tracked folder. */
  realData?: boolean;
}

/**
 * The checks every explorer page gets, at desktop then at phone width: no serious or critical axe
 * violation, no sideways scrolling on a phone, and (with CITEQL_SCREENSHOTS=1) a screenshot of
 * each width as docs/screenshots/<name>-desktop.png and -phone.png (real-data pages: under
 * docs/screenshots/real-data/, git-ignored). The viewport is left at desktop.
 */
export async function checkPage(page: Page, name: string, options: PageCheckOptions = {}): Promise<void> {
  const directory = options.realData ? REAL_DATA_SCREENSHOT_DIR : SCREENSHOT_DIR;
  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    expect(await seriousAxeViolations(page), `${name} at ${width} width`).toEqual([]);
    expect(await horizontalOverflow(page), `${name}: sideways scrolling at ${width} width`).toBeLessThanOrEqual(0);
    if (SCREENSHOTS) {
      mkdirSync(directory, { recursive: true });
      if (options.scrollTo)
        await page
          .locator(options.scrollTo)
          .first()
          .evaluate((element) => element.scrollIntoView());
      // The viewport only (not the full page): small files that show the top of each page.
      await page.screenshot({ path: join(directory, `${name}-${width}.png`) });
    }
  }
  await page.setViewportSize(DESKTOP);
}

/** What the paper page's lists must say for a paper, as the citation oracle computes it from the raw records. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CitationGraph } from '../oracle/citation-graph';
import { shown } from './harness';

/** Each list's total, and its first item's count where the list is ranked by one. */
export async function expectListsAsComputed(page: Page, graph: CitationGraph, paper: string): Promise<void> {
  const total = async (list: string) => shown(page.locator(`#${list}-heading .total`));
  expect(await total('cited-by')).toBe(`(${graph.citationCount(paper)})`);
  expect(await total('secondary-references')).toBe(`(${graph.secondaryReferences(paper).length})`);
  expect(await total('secondary-citations')).toBe(`(${graph.secondaryCitations(paper).length})`);
  expect(await total('co-cited')).toBe(`(${graph.coCited(paper).length})`);
  expect(await total('coupled')).toBe(`(${graph.coupled(paper).length})`);
  const firstNote = async (list: string) =>
    shown(page.locator(`section[aria-labelledby="${list}-heading"] .edge-note`).first());
  expect(await firstNote('co-cited')).toBe(`${graph.coCited(paper)[0]!.count} together`);
  expect(await firstNote('coupled')).toBe(`${graph.coupled(paper)[0]!.count} shared`);
  expect(await firstNote('secondary-references')).toBe(`via ${graph.secondaryReferences(paper)[0]!.count}`);
}

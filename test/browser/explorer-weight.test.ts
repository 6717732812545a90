/**
 * The explorer stays light: what a first visit to any page (the paper page included) downloads is
 * at most 150 KiB of gzip-compressed JS, the graph library excepted, which must load only on demand
 * (a dynamic import, not in the entry's static imports). Measured on the built files (npm test
 * builds them first), so the numbers are deterministic.
 */
import { expect, test } from 'vitest';
import { explorerWeights, total } from '../../scripts/explorer-weights';

const INITIAL_JS_LIMIT = 150 * 1024;

test('the JS every page loads first is at most 150 KiB gzip, and only JS loaded on demand is outside it', () => {
  const weights = explorerWeights();
  expect(weights.initialJs.length).toBeGreaterThan(0);
  const initial = total(weights.initialJs);
  console.log(
    `[explorer weight] initial JS ${(initial / 1024).toFixed(1)} KiB gzip (${weights.initialJs.length} files), ` +
      `CSS ${(total(weights.css) / 1024).toFixed(1)} KiB, index.html ${weights.html.gzipBytes} B, ` +
      `on demand ${(total(weights.lazyJs) / 1024).toFixed(1)} KiB (${weights.lazyJs.length} files)`,
  );
  expect(initial).toBeLessThanOrEqual(INITIAL_JS_LIMIT);
  // The page's HTML only points at the bundle: it is small and carries no inline script.
  expect(weights.html.bytes).toBeLessThan(2048);
});

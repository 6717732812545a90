import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * test/node first: its files (the import CLI run again and again, the Javeriana set imported twice)
 * are the longest, and mostly wait on child processes; started first, the browser files run beside
 * them instead of after them.
 */
class NodeFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isNode = (file: TestSpecification) => file.moduleId.includes('/test/node/');
    return [...sorted.filter(isNode), ...sorted.filter((file) => !isNode(file))];
  }
}

// Tests that need Node: a real browser (test/browser: the Worker under `wrangler dev`'s engine,
// headless Chromium) and the import CLI with files on disk (test/node). npm test runs them after the
// workerd tests (vitest.config.mts).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts', 'test/node/**/*.test.ts'],
    environment: 'node',
    // Two files at a time: one harness (a Worker, Chromium) or one CLI run per file, each a few
    // processes that mostly wait on one another. Harnesses may run side by side (test/browser/harness.ts).
    maxWorkers: 2,
    sequence: { sequencer: NodeFilesFirst },
    globalSetup: ['./test/browser/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // expect.poll waits for a page to show something: loaded, and it may wait out the API's
    // Retry-After when a burst of searches meets the rate limit (explorer/src/api.ts).
    expect: { poll: { timeout: 20_000 } },
  },
});

import { defineConfig } from 'vitest/config';

// Tests that need Node: a real browser (test/browser: the Worker under `wrangler dev`'s engine,
// headless Chromium) and the import CLI with files on disk (test/node). npm test runs them after the
// workerd tests (vitest.config.mts).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts', 'test/node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // expect.poll waits for a page to show something: loaded, and it may wait out the API's
    // Retry-After when a burst of searches meets the rate limit (explorer/src/api.ts).
    expect: { poll: { timeout: 20_000 } },
  },
});

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
  },
});

import { defineConfig } from 'vitest/config';

// Tests that need Node and a real browser (test/browser): the Worker under `wrangler dev`'s engine,
// headless Chromium. npm test runs them after the workerd tests (vitest.config.mts).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

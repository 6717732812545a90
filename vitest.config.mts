import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  // The same migration files `wrangler d1 migrations apply` uses; applied in test/apply-migrations.ts.
  const migrations = await readD1Migrations('migrations');
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        // DATA_VERSION_TTL_MS 0: tests import and then read at once, so no isolate may trust an old version.
        // PREPARED_VERIFY on: every kept statement (src/db/prepared.ts) is checked against a fresh build.
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, DATA_VERSION_TTL_MS: '0', PREPARED_VERIFY: 'on' } },
      }),
    ],
    test: {
      // test/browser and test/node run in Node (vitest.browser.config.mts), not inside workerd.
      exclude: [...configDefaults.exclude, 'test/browser/**', 'test/node/**'],
      // Each file gets a workerd of its own, and most of a file's time is starting it and loading the
      // test runner into it (a few seconds, on one core): two at a time use both cores of a CI runner.
      maxWorkers: 2,
      globalSetup: ['./test/global-setup.ts'],
      setupFiles: ['./test/apply-migrations.ts'],
      testTimeout: 120_000,
      hookTimeout: 300_000,
    },
  };
});

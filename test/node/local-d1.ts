/**
 * The import CLI as a user runs it (`npx tsx scripts/import.ts`), against a local D1 in a temporary
 * folder (CITEQL_D1_DIR, read by scripts/d1.ts), and that D1 opened from Node to check what it holds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getPlatformProxy } from 'wrangler';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DATA = resolve(ROOT, process.env.CITEQL_DATA ?? '../shared/data');

export function temporaryDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface ImportRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run import -- ...args` into the D1 in `d1Dir`: the script's command (`tsx scripts/import.ts`)
 * with node_modules/.bin's tsx, as npm runs it, without npm's banner or npx's lookup (a second a run).
 */
export function runImport(d1Dir: string, args: string[]): ImportRun {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/import.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, CITEQL_D1_DIR: d1Dir, CI: 'true' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Opens the D1 in `d1Dir` (as the CLI left it) for `work`. */
export async function withLocalD1<T>(d1Dir: string, work: (db: D1Database) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: join(ROOT, 'wrangler.toml'),
    persist: { path: join(d1Dir, 'v3') },
  });
  try {
    return await work(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}

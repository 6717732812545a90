/**
 * The D1 that command-line tools write to: the same local database `npm start` (wrangler dev)
 * serves, reached through wrangler's getPlatformProxy, or the deployed one with `remote: true`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getPlatformProxy } from 'wrangler';

const ROOT = resolve(import.meta.dirname, '..');
const WRANGLER_CONFIG = join(ROOT, 'wrangler.toml');
/** Where the local D1 lives: wrangler's default, or CITEQL_D1_DIR (the CLI tests use a temporary one). */
const PERSIST_DIR = process.env.CITEQL_D1_DIR;

/** Applies pending migrations (the same files the tests apply), so tools work before any `npm start`. */
export function applyMigrations(remote: boolean): void {
  const where = remote ? ['--remote'] : ['--local', ...(PERSIST_DIR ? ['--persist-to', PERSIST_DIR] : [])];
  execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', ...where], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: 'true' }, // never prompt: this is a script
  });
}

/**
 * A config whose D1 binding is remote: getPlatformProxy then proxies every statement to the
 * deployed database (needs `wrangler login` and the real database_id in wrangler.toml).
 */
function remoteConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citeql-remote-'));
  const config = readFileSync(WRANGLER_CONFIG, 'utf8')
    .replace(/^main = "src\//m, `main = "${ROOT}/src/`)
    .replace(/^migrations_dir = "/m, `remote = true\nmigrations_dir = "${ROOT}/`);
  const path = join(dir, 'wrangler.toml');
  writeFileSync(path, config);
  return path;
}

/** Runs `work` with the D1 binding and disposes of the proxy afterwards, whatever happens. */
export async function withD1<T>(work: (db: D1Database) => Promise<T>, options: { remote?: boolean } = {}): Promise<T> {
  const remote = options.remote ?? false;
  applyMigrations(remote);
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: remote ? remoteConfig() : WRANGLER_CONFIG,
    persist: PERSIST_DIR ? { path: join(PERSIST_DIR, 'v3') } : true,
    remoteBindings: remote,
  });
  try {
    return await work(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}

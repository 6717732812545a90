/**
 * Runs once before the Node-side test files: builds the static assets (the harnesses start the
 * Worker without wrangler's `[build]`, which rebuilt them at every start; test/browser/harness.ts),
 * and makes a folder for the local D1 databases the harnesses prepare once per run and copy, removed
 * at the end. Nothing in it outlives the run or is read from an earlier one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = resolve(import.meta.dirname, '../..');

export default function setup(project: TestProject) {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/build-assets.ts'], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'citeql-harness-databases-'));
  project.provide('harnessDatabases', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

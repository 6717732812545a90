/**
 * Runs once before the Node-side test files: a folder for the local D1 databases the browser
 * harnesses prepare once per run and copy (test/browser/harness.ts), removed at the end. Nothing in
 * it outlives the run or is read from an earlier one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'citeql-harness-databases-'));
  project.provide('harnessDatabases', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs in Node before the workers start: reads the real data under CITEQL_DATA (default
 * ../shared/data) and hands it to the tests with `provide` (tests run inside workerd, which has no
 * host filesystem). When the folder is absent, provides null and the real-data tests skip, saying so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

export interface CiteqlData {
  root: string;
  /** aan/works.jsonl, whole (17 MB). */
  aanWorksJsonl: string | null;
  /** raw/openalex/*.json: file name -> text. */
  openalexFiles: Record<string, string>;
  /** raw/cnki/*: file name -> text (RefWorks and EndNote exports). */
  cnkiFiles: Record<string, string>;
}

function dataRoot(): string {
  return resolve(process.env.CITEQL_DATA ?? '../shared/data');
}

export default function setup(project: TestProject) {
  project.provide('committedSchema', readFileSync(resolve('schema/schema.graphql'), 'utf8'));
  const root = dataRoot();
  if (!existsSync(root)) {
    console.warn(`[citeql] CITEQL_DATA folder ${root} is absent: real-data tests will be skipped.`);
    project.provide('citeqlData', null);
    return;
  }
  const aanPath = join(root, 'aan', 'works.jsonl');
  const openalexDir = join(root, 'raw', 'openalex');
  const openalexFiles: Record<string, string> = {};
  if (existsSync(openalexDir)) {
    for (const name of readdirSync(openalexDir).sort())
      openalexFiles[name] = readFileSync(join(openalexDir, name), 'utf8');
  }
  const cnkiDir = join(root, 'raw', 'cnki');
  const cnkiFiles: Record<string, string> = {};
  if (existsSync(cnkiDir)) {
    for (const name of readdirSync(cnkiDir).sort()) cnkiFiles[name] = readFileSync(join(cnkiDir, name), 'utf8');
  }
  project.provide('citeqlData', {
    root,
    cnkiFiles,
    aanWorksJsonl: existsSync(aanPath) ? readFileSync(aanPath, 'utf8') : null,
    openalexFiles,
  });
}

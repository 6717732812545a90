/**
 * Runs in Node before the workers start: reads the real data under CITEQL_DATA (default
 * ../shared/data) once and serves it, as one JSON document, from a local HTTP server for this run;
 * the tests (inside workerd, which has no host filesystem) fetch it (test/helpers.ts). Not handed
 * over with `provide`: vitest sends the provided context to every test file, serialized anew
 * (devalue), which cost about 4 s a file for these 25 MB. When the folder is absent, provides a null
 * address and the real-data tests skip, saying so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { TestProject } from 'vitest/node';

export interface CiteqlData {
  root: string;
  /** aan/works.jsonl, whole (17 MB). */
  aanWorksJsonl: string | null;
  /** raw/openalex/*.json: file name -> text. */
  openalexFiles: Record<string, string>;
  /** raw/cnki/*: file name -> text (RefWorks and EndNote exports). */
  cnkiFiles: Record<string, string>;
  /** raw/wos/*: file name -> text (tagged exports). */
  wosFiles: Record<string, string>;
  /** ../seed-node-page.txt (the CNKI node page the project started from), or null. */
  seedNodePage: string | null;
  /**
   * The citation formats' samples, by folder (crossref, csl-json, bibtex, ris, semanticscholar,
   * s2ag_bulk_samples): file name (`dataset/name` in s2ag_bulk_samples) -> text, `.gz` files unpacked
   * here as the import CLI unpacks them (their name keeps `.gz`).
   */
  citationFiles: Record<string, Record<string, string>>;
}

const CITATION_FOLDERS = ['crossref', 'csl-json', 'bibtex', 'ris', 'semanticscholar', 's2ag_bulk_samples'];

/** Files of a folder, one level of subfolders included (`dataset/name`), READMEs left out. */
function citationFilesIn(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  const read = (path: string) => {
    const bytes = readFileSync(path);
    return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  };
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      for (const name of readdirSync(join(dir, entry.name)).sort()) {
        if (!/^README/i.test(name)) files[`${entry.name}/${name}`] = read(join(dir, entry.name, name));
      }
    } else if (!/^README/i.test(entry.name)) files[entry.name] = read(join(dir, entry.name));
  }
  return files;
}

function filesIn(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (existsSync(dir)) for (const name of readdirSync(dir).sort()) files[name] = readFileSync(join(dir, name), 'utf8');
  return files;
}

function dataRoot(): string {
  return resolve(process.env.CITEQL_DATA ?? '../shared/data');
}

function readData(root: string): CiteqlData {
  const aanPath = join(root, 'aan', 'works.jsonl');
  const openalexDir = join(root, 'raw', 'openalex');
  const openalexFiles: Record<string, string> = {};
  if (existsSync(openalexDir)) {
    for (const name of readdirSync(openalexDir).sort())
      openalexFiles[name] = readFileSync(join(openalexDir, name), 'utf8');
  }
  const citationFiles: Record<string, Record<string, string>> = {};
  for (const folder of CITATION_FOLDERS) citationFiles[folder] = citationFilesIn(join(root, 'raw', folder));
  const seedPath = join(root, '..', 'seed-node-page.txt');
  return {
    root,
    cnkiFiles: filesIn(join(root, 'raw', 'cnki')),
    wosFiles: filesIn(join(root, 'raw', 'wos')),
    seedNodePage: existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : null,
    citationFiles,
    aanWorksJsonl: existsSync(aanPath) ? readFileSync(aanPath, 'utf8') : null,
    openalexFiles,
  };
}

export default async function setup(project: TestProject) {
  project.provide('committedSchema', readFileSync(resolve('schema/schema.graphql'), 'utf8'));
  const root = dataRoot();
  if (!existsSync(root)) {
    console.warn(`[citeql] CITEQL_DATA folder ${root} is absent: real-data tests will be skipped.`);
    project.provide('citeqlDataUrl', null);
    return;
  }
  const body = Buffer.from(JSON.stringify(readData(root)));
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  project.provide('citeqlDataUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return () => new Promise<void>((closed) => server.close(() => closed()));
}

import { env } from 'cloudflare:test';
import { exports as workerExports } from 'cloudflare:workers';
import { inject } from 'vitest';
import type { D1Trace } from '../src/db/trace';
import { parseOpenAlexText } from '../src/ingest/formats/openalex';
import type { WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import type { CiteqlData } from './global-setup';

/** The Worker's own exports (src/index.ts), typed by `wrangler types`: tests call its fetch. */
export const exports = workerExports;
const worker = exports.default;

interface GraphQLResponse<Data = Record<string, any>> {
  data?: Data | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: { trace?: D1Trace; cost?: { requested: number; limit: number } };
}

/** POSTs a query to the Worker's own fetch handler, as a client would. */
export async function gql<Data = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data>> {
  const response = await worker.fetch('http://citeql.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-citeql-trace': '1', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<Data>;
}

/** Like gql, but fails the test on any GraphQL error and returns data. */
export async function gqlData<Data = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) {
  const response = await gql<Data>(query, variables);
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  if (!response.data) throw new Error('GraphQL response without data');
  return { data: response.data, trace: response.extensions?.trace };
}

/** Where test/global-setup.ts serves CITEQL_DATA; fetched once per test file, when the file loads. */
const dataUrl = inject('citeqlDataUrl');
const citeqlData = dataUrl ? ((await (await fetch(dataUrl)).json()) as CiteqlData) : null;

/** The real data served by test/global-setup.ts, or null (and a note) when CITEQL_DATA is absent. */
export function realData(): CiteqlData | null {
  if (!citeqlData) console.warn('[citeql] CITEQL_DATA is absent: skipping real-data tests');
  return citeqlData;
}

/** Imports OpenAlex text into this test file's D1 through the one writer; fails on record errors. */
export async function importOpenAlex(text: string) {
  const parsed = parseOpenAlexText(text);
  if (parsed.errors.length) throw new Error(parsed.errors.map((error) => error.message).join('\n'));
  return writeWorks(env.DB, parsed.works);
}

/** Row counts of every table: "changes nothing" is asserted by comparing two of these. */
export async function tableSnapshot(): Promise<Record<string, unknown>> {
  const tables = [
    'paper',
    'author',
    'institution',
    'keyword',
    'venue',
    'authorship',
    'authorship_institution',
    'paper_keyword',
    'reference',
    'external_id',
  ];
  const snapshot: Record<string, unknown> = {};
  for (const table of tables) {
    const rows = await env.DB.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();
    snapshot[table] = rows.results;
  }
  return snapshot;
}

/** The `n` column of the first row a query returns, against this test file's D1. */
export function sqlValue(sql: string) {
  return env.DB.prepare(sql).first<number>('n');
}

/** A record's primary identity: the key of its first id. */
export function primaryKeyOf(work: WorkRecord): string {
  return work.ids[0]?.key ?? '';
}

/**
 * Who cites what, straight from the records: each reference target's key, with the primary keys
 * of the records citing it. Targets outside the records are kept (nobody looks them up).
 */
export function citersByTargetKey(works: readonly WorkRecord[]): Map<string, Set<string>> {
  const citers = new Map<string, Set<string>>();
  for (const work of works) {
    for (const reference of work.references) {
      if (!reference.target) continue;
      const set = citers.get(reference.target.key) ?? new Set<string>();
      set.add(primaryKeyOf(work));
      citers.set(reference.target.key, set);
    }
  }
  return citers;
}

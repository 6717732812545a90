/**
 * The one writer (src/ingest/write.ts): atomic batches, idempotence, identity across identifiers,
 * references resolved whatever the order of arrival.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { type ExternalIdRef, makeExternalId } from '../src/ids';
import { referenceRecord, type WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import { tableSnapshot } from './helpers';

const id = (namespace: string, value: string): ExternalIdRef => makeExternalId(namespace, value)!;

function work(ids: ExternalIdRef[], title: string, cites: ExternalIdRef[] = []): WorkRecord {
  return {
    ids,
    title,
    abstract: null,
    year: 2020,
    publicationDate: null,
    doi: ids.find((ref) => ref.namespace === 'doi')?.value ?? null,
    type: 'article',
    language: null,
    venue: { name: 'Journal of Tests', issn: null, type: 'journal', ids: [] },
    authors: [{ rawName: 'Doe, J.', name: 'Jane Doe', orcid: null, ids: [], institutions: [] }],
    keywords: ['testing'],
    references: cites.map((target) => referenceRecord({ target })),
  };
}

const count = (sql: string) => env.DB.prepare(sql).first<number>('n');

describe('writer', () => {
  it('leaves the database exactly as it was when a batch fails', async () => {
    await writeWorks(env.DB, [work([id('demo', 'KEEP')], 'Already here')]);
    const before = await tableSnapshot();
    // A record no parser would produce (a null title) makes a late statement of the batch fail:
    // the statements before it (venue, authors ...) must be rolled back with it.
    const broken = { ...work([id('demo', 'BROKEN')], 'x'), title: null as unknown as string };
    const fine = work([id('demo', 'FINE')], 'Would be written', [id('demo', 'KEEP')]);
    await expect(writeWorks(env.DB, [fine, broken])).rejects.toThrow(/NOT NULL/);
    expect(await tableSnapshot()).toEqual(before);
  });

  it('changes nothing when the same records are written again', async () => {
    const corpus = demoCorpus().slice(0, 300);
    await writeWorks(env.DB, corpus);
    const once = await tableSnapshot();
    const summary = await writeWorks(env.DB, corpus);
    expect(summary.created).toBe(0);
    expect(summary.updated).toBe(300);
    expect(await tableSnapshot()).toEqual(once);
  });

  it('resolves a reference when its work arrives later, and keeps one paper per identity', async () => {
    const citing = work([id('openalex', 'W100')], 'Citing', [id('doi', '10.5555/LATE'), id('acl', 'X00-0001')]);
    await writeWorks(env.DB, [citing]);
    const unresolved = () =>
      count(`SELECT count(*) AS n FROM reference r JOIN paper p ON p.id = r.citing_paper_id
             WHERE p.key = 'openalex:W100' AND r.cited_paper_id IS NULL`);
    expect(await unresolved()).toBe(2);
    // The cited work arrives from another source under another primary id, with the DOI in another case.
    await writeWorks(env.DB, [work([id('openalex', 'W200'), id('doi', '10.5555/late')], 'Late')]);
    expect(await unresolved()).toBe(1);
    // And again under a third id that shares the DOI: the same paper, not a second one.
    await writeWorks(env.DB, [work([id('mag', '200'), id('doi', '10.5555/LATE')], 'Late (MAG)')]);
    expect(
      await count(`SELECT count(*) AS n FROM external_id WHERE key IN ('openalex:W200', 'mag:200', 'doi:10.5555/late')
                        GROUP BY entity_id`),
    ).toBe(3);
    expect(
      await count(`SELECT count(DISTINCT entity_id) AS n FROM external_id
                        WHERE key IN ('openalex:W200', 'mag:200', 'doi:10.5555/late')`),
    ).toBe(1);
    expect(await count(`SELECT title AS n FROM paper WHERE key = 'openalex:W200'`)).toBe('Late (MAG)');
  });

  it('writes a record repeated in one input once (the last one wins)', async () => {
    const first = work([id('demo', 'TWICE')], 'First version');
    const second = work([id('demo', 'TWICE')], 'Second version');
    await writeWorks(env.DB, [first, second]);
    expect(await count(`SELECT count(*) AS n FROM paper WHERE key = 'demo:TWICE'`)).toBe(1);
    expect(await count(`SELECT title AS n FROM paper WHERE key = 'demo:TWICE'`)).toBe('Second version');
  });
});

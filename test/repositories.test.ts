/**
 * Repositories called directly (no GraphQL), over the demo corpus: batched per-parent pages and
 * counts agree with the generator's records, for many parents in one statement.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { countReferencesOfPapers, referencesOfPapers } from '../src/db/citation.repository';
import { createDb } from '../src/db/database';
import { findEntityIdsByKeys } from '../src/db/external-id.repository';
import { countPapers, findPapersByIds } from '../src/db/paper.repository';
import { countPaperSet, type KeysetPage, keysetPage } from '../src/db/search.repository';
import { emptyTrace, traceD1 } from '../src/db/trace';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';

const corpus = demoCorpus();
const keyOf = (work: (typeof corpus)[number]) => work.ids[0]!.key;
const citers = new Map<string, Set<string>>();
for (const work of corpus) {
  for (const reference of work.references) {
    if (!reference.target) continue;
    citers.set(reference.target.key, (citers.get(reference.target.key) ?? new Set()).add(keyOf(work)));
  }
}

describe('repositories', () => {
  const trace = emptyTrace();
  const db = createDb(traceD1(env.DB, trace));
  const subjects = corpus.filter((_, index) => index % 97 === 3);
  const idByKey = new Map<string, number>();

  beforeAll(async () => {
    await writeWorks(env.DB, corpus);
    const found = await findEntityIdsByKeys(db, 'paper', subjects.map(keyOf));
    for (const work of subjects) idByKey.set(keyOf(work), found.get(keyOf(work))!);
  });

  it('counts citers and reference entries of many papers in one statement each', async () => {
    const ids = subjects.map((work) => idByKey.get(keyOf(work))!);
    const before = trace.d1Statements;
    const allCiters = { match: null, filters: {} };
    const [citations, references] = await Promise.all([
      countPaperSet(db, allCiters, ids),
      countReferencesOfPapers(db, ids),
    ]);
    expect(trace.d1Statements - before).toBe(2);
    for (const work of subjects) {
      const paperId = idByKey.get(keyOf(work))!;
      expect(citations.get(paperId) ?? 0, keyOf(work)).toBe(citers.get(keyOf(work))?.size ?? 0);
      expect(references.get(paperId), keyOf(work)).toBe(work.references.length);
    }
  });

  it('pages children per parent: the same window of every parent, in order', async () => {
    const ids = subjects.map((work) => idByKey.get(keyOf(work))!);
    const page = await referencesOfPapers(db, ids, { after: [2], before: null, backward: false, limit: 3 });
    for (const work of subjects) {
      const rows = page.filter((row) => row.parent_id === idByKey.get(keyOf(work)));
      expect(rows.map((row) => row.position)).toEqual(work.references.slice(2, 5).map((_, index) => index + 3));
      expect(rows.map((row) => row.cited_external_id)).toEqual(
        work.references.slice(2, 5).map((ref) => (ref.target ? `${ref.target.namespace}:${ref.target.value}` : null)),
      );
      for (const row of rows) expect(row.total_in_parent).toBe(work.references.length);
    }
    const everyCiter: KeysetPage = {
      field: 'YEAR',
      direction: 'DESC',
      after: null,
      before: null,
      limit: 1000,
      fromEnd: false,
    };
    const citing = await keysetPage(db, { match: null, filters: {} }, ids, everyCiter);
    for (const work of subjects) {
      const rows = citing.filter((row) => row.parent_id === idByKey.get(keyOf(work)));
      expect(rows).toHaveLength(citers.get(keyOf(work))?.size ?? 0);
      const years = rows.map((row) => row.year ?? -1);
      expect(years).toEqual([...years].sort((a, b) => b - a));
    }
  });

  it('finds papers by id and lists them in a stable order', async () => {
    const ids = [...idByKey.values()];
    const rows = await findPapersByIds(db, [...ids, 999_999]);
    expect(rows.map((row) => row.title).sort()).toEqual(subjects.map((work) => work.title).sort());
    expect(await countPapers(db)).toBe(corpus.length);
    const newestFirst: KeysetPage = {
      field: 'YEAR',
      direction: 'DESC',
      after: null,
      before: null,
      limit: 10,
      fromEnd: false,
    };
    const all = { match: null, filters: {} };
    const firstTen = await keysetPage(db, all, null, newestFirst);
    const last = firstTen[firstTen.length - 1]!;
    const nextTen = await keysetPage(db, all, null, { ...newestFirst, after: { value: last.sort_value, id: last.id } });
    const newest = [...corpus]
      .map((work) => work.year ?? -1)
      .sort((a, b) => b - a)
      .slice(0, 20);
    expect([...firstTen, ...nextTen].map((row) => row.year ?? -1)).toEqual(newest);
    expect(new Set([...firstTen, ...nextTen].map((row) => row.id)).size).toBe(20);
  });
});

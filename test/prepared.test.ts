/**
 * src/db/prepared.ts: a statement kept per shape must answer every later call with that call's own
 * values, exactly as building it afresh would; whatever it cannot keep safely it builds each time.
 * Answers are checked against hand-written SQL run on the D1 binding directly.
 */
import { env } from 'cloudflare:test';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/database';
import { inList, limitClause } from '../src/db/paging';
import { preparedQuery, verifyPreparedStatements } from '../src/db/prepared';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';

const db = createDb(env.DB);

/** id and title of the papers `ids`, by id, the first `limit`: written by hand, not by kysely. */
async function oracle(ids: readonly number[], limit: number): Promise<Array<{ id: number; title: string }>> {
  const marks = ids.map(() => '?').join(', ');
  const { results } = await env.DB.prepare(`SELECT id, title FROM paper WHERE id IN (${marks}) ORDER BY id LIMIT ?`)
    .bind(...ids, limit)
    .all<{ id: number; title: string }>();
  return results;
}

describe('preparedQuery', () => {
  let ids: number[] = [];

  beforeAll(async () => {
    await writeWorks(env.DB, demoCorpus());
    const { results } = await env.DB.prepare('SELECT id FROM paper ORDER BY id LIMIT 40').all<{ id: number }>();
    ids = results.map((row) => row.id);
  });

  afterEach(() => verifyPreparedStatements(false));

  it('builds once per shape and answers each call with its own values', async () => {
    let builds = 0;
    const titles = preparedQuery((db, paperIds: readonly number[], limit: number) => {
      builds += 1;
      return db
        .selectFrom('paper')
        .select(['id', 'title'])
        .where('id', 'in', inList(paperIds))
        .orderBy('id')
        .limit(limit);
    });
    // Shape: one id. Every call names another paper.
    for (const id of ids.slice(0, 5)) expect(await titles(db, [id], 5)).toEqual(await oracle([id], 5));
    expect(builds).toBe(1);
    // Shape: three ids, and other limits.
    for (let start = 0; start < 12; start += 3) {
      const some = ids.slice(start, start + 3);
      expect(await titles(db, some, start % 2 ? 2 : 3)).toEqual(await oracle(some, start % 2 ? 2 : 3));
    }
    expect(builds).toBe(2);
  });

  it('binds a value that reads like its own placeholder as the value it is', async () => {
    const byTitle = preparedQuery((db, titles: readonly string[]) =>
      db.selectFrom('paper').select('id').where('title', 'in', inList(titles)).orderBy('id'),
    );
    const { results } = await env.DB.prepare('SELECT title FROM paper WHERE id = ?')
      .bind(ids[0]!)
      .all<{ title: string }>();
    const real = results[0]!.title;
    for (const titles of [['\u0000prepared:0'], [real], ['\u0000prepared:0', real], [real, '\\u0000prepared:1']]) {
      const marks = titles.map(() => '?').join(', ');
      const expected = (
        await env.DB.prepare(`SELECT id FROM paper WHERE title IN (${marks}) ORDER BY id`)
          .bind(...titles)
          .all<{ id: number }>()
      ).results;
      expect(expected.length > 0, 'the oracle finds only the real title').toBe(titles.includes(real));
      expect(await byTitle(db, titles), JSON.stringify(titles)).toEqual(expected);
    }
  });

  it('keeps nulls and booleans as shape: a cursor given or not is another statement', async () => {
    let builds = 0;
    const beyond = preparedQuery((db, window: { after: number | null; descending: boolean }) => {
      builds += 1;
      return db
        .selectFrom('paper')
        .select('id')
        .$if(window.after !== null, (qb) => qb.where('id', window.descending ? '<' : '>', window.after as number))
        .orderBy('id', window.descending ? 'desc' : 'asc')
        .limit(3);
    });
    const pick = async (query: string, ...values: number[]) =>
      (
        await env.DB.prepare(query)
          .bind(...values)
          .all<{ id: number }>()
      ).results;
    expect(await beyond(db, { after: null, descending: false })).toEqual(
      await pick('SELECT id FROM paper ORDER BY id LIMIT 3'),
    );
    expect(await beyond(db, { after: ids[10]!, descending: false })).toEqual(
      await pick('SELECT id FROM paper WHERE id > ? ORDER BY id LIMIT 3', ids[10]!),
    );
    expect(await beyond(db, { after: ids[20]!, descending: true })).toEqual(
      await pick('SELECT id FROM paper WHERE id < ? ORDER BY id DESC LIMIT 3', ids[20]!),
    );
    expect(await beyond(db, { after: ids[30]!, descending: false })).toEqual(
      await pick('SELECT id FROM paper WHERE id > ? ORDER BY id LIMIT 3', ids[30]!),
    );
    expect(builds).toBe(3);
  });

  it("keeps a window's page size as shape, written into the text (limitClause): one statement per limit", async () => {
    let builds = 0;
    const page = preparedQuery((db, window: { after: number; limit: number }) => {
      builds += 1;
      const rows = sql<{
        id: number;
      }>`(SELECT id FROM paper WHERE id > ${window.after} ORDER BY id ${limitClause(window.limit)})`;
      return db.selectFrom(rows.as('page')).selectAll();
    });
    const oracleAfter = async (after: number, limit: number) =>
      (
        await env.DB.prepare('SELECT id FROM paper WHERE id > ? ORDER BY id LIMIT ?')
          .bind(after, limit)
          .all<{ id: number }>()
      ).results;
    verifyPreparedStatements(true);
    for (const [after, limit] of [
      [ids[0]!, 3],
      [ids[5]!, 3],
      [ids[9]!, 7],
      [ids[20]!, 7],
      [ids[2]!, 3],
    ] as const) {
      expect(await page(db, { after, limit })).toEqual(await oracleAfter(after, limit));
    }
    // Verification builds each call afresh too: 5 calls + 2 shapes (limits 3 and 7) kept.
    expect(builds).toBe(5 + 2);
    expect(() => limitClause(2.5)).toThrow(RangeError);
    expect(() => limitClause(-1)).toThrow(RangeError);
    expect(() => limitClause(Number.NaN)).toThrow(RangeError);
    const compiled = db
      .selectFrom(sql`(SELECT id FROM paper ${limitClause(11)})`.as('p'))
      .selectAll()
      .compile();
    expect(compiled.sql).toContain('LIMIT 11');
    expect(compiled.parameters).toEqual([]);
  });

  it('builds every time what it cannot keep: a value in the SQL text, a value changed, data that is not plain', async () => {
    let builds = 0;
    const inText = preparedQuery((db, limit: number) => {
      builds += 1;
      return db
        .selectFrom('paper')
        .select('id')
        .orderBy('id')
        .limit(sql.raw<number>(String(limit)));
    });
    const changed = preparedQuery((db, limit: number) => {
      builds += 1;
      return db
        .selectFrom('paper')
        .select('id')
        .orderBy('id')
        .limit(limit + 1);
    });
    const notPlain = preparedQuery((db, wanted: Set<number>) => {
      builds += 1;
      return db
        .selectFrom('paper')
        .select('id')
        .where('id', 'in', inList([...wanted]))
        .orderBy('id');
    });
    for (const limit of [2, 4, 6]) {
      expect((await inText(db, limit)).map((row) => row.id)).toEqual(ids.slice(0, limit));
      expect((await changed(db, limit)).map((row) => row.id)).toEqual(ids.slice(0, limit + 1));
      expect((await notPlain(db, new Set(ids.slice(limit, limit + 2)))).map((row) => row.id)).toEqual(
        ids.slice(limit, limit + 2),
      );
    }
    // Each call built its query (plus the first call of each kept nothing).
    expect(builds).toBe(3 * 3 + 2);
  });

  it('in verification, refuses a builder that decides from a value instead of the shape', async () => {
    // The one mistake the placeholders cannot see: kept from a call with a small limit, the text
    // has no ORDER BY, and a later call with a large limit would silently run it.
    const decides = preparedQuery((db, limit: number) => {
      const query = db.selectFrom('paper').select('id');
      return (limit > 10 ? query.orderBy('id', 'desc') : query.orderBy('id')).limit(limit);
    });
    verifyPreparedStatements(true);
    expect((await decides(db, 3)).map((row) => row.id)).toEqual(ids.slice(0, 3));
    await expect(decides(db, 20)).rejects.toThrow(/differs from a fresh build/);
  });
});

/**
 * SQL at its floor: the maintained citation_count agrees with the edges it summarises (whatever
 * the import order, re-imports and duplicate entries), ranked relations stay right on duplicate
 * edges, and the hot statements search the intended indexes (EXPLAIN QUERY PLAN).
 */
import { env } from 'cloudflare:test';
import type { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as citation from '../src/db/citation.repository';
import { createDb, type Db } from '../src/db/database';
import * as institution from '../src/db/institution.repository';
import * as network from '../src/db/network.repository';
import * as paper from '../src/db/paper.repository';
import * as search from '../src/db/search.repository';
import { demoCorpus } from '../src/demo/corpus';
import { type ExternalIdRef, makeExternalId } from '../src/ids';
import { referenceRecord, type WorkRecord } from '../src/ingest/record';
import { writeWorks } from '../src/ingest/write';
import { citersByTargetKey, gqlData, primaryKeyOf, realData, sqlValue } from './helpers';

const ref = (value: string): ExternalIdRef => makeExternalId('acl', value)!;

function work(value: string, cites: string[]): WorkRecord {
  return {
    ids: [ref(value)],
    title: `Paper ${value}`,
    abstract: null,
    year: 2000 + value.charCodeAt(0) - 65,
    publicationDate: null,
    doi: null,
    type: 'article',
    language: null,
    venue: null,
    authors: [],
    keywords: [],
    references: cites.map((target) => referenceRecord({ target: ref(target) })),
  };
}

/** Papers whose citation_count differs from the distinct citers of their resolved entries. */
const DRIFT = `SELECT count(*) AS n FROM paper p WHERE citation_count <>
  (SELECT count(DISTINCT citing_paper_id) FROM reference r WHERE r.cited_paper_id = p.id)`;

/** citation_count of every paper, by primary key. */
async function citationCounts(): Promise<Map<string, number>> {
  const rows = await env.DB.prepare('SELECT key, citation_count FROM paper').all<{ key: string; n: number }>();
  return new Map(rows.results.map((row: any) => [row.key, row.citation_count]));
}

/** The oracle: citers per work straight from the records (each citing work once). */
function expectedCounts(works: readonly WorkRecord[]): Map<string, number> {
  const citers = citersByTargetKey(works);
  return new Map(works.map((w) => [primaryKeyOf(w), citers.get(primaryKeyOf(w))?.size ?? 0]));
}

describe('citation_count and duplicate edges', () => {
  it('counts each citing paper once, on arrival, on re-import and on a changed list', async () => {
    // D cites B twice (two entries), and arrives before B: resolution on arrival must count it.
    const first = [work('D', ['B', 'B', 'C']), work('E', ['B', 'C'])];
    await writeWorks(env.DB, first);
    const second = [work('B', ['A']), work('C', ['A', 'B']), work('A', [])];
    await writeWorks(env.DB, second);
    const all = [...first, ...second];
    expect(
      await sqlValue(`SELECT count(*) AS n FROM (SELECT citing_paper_id FROM reference
      WHERE cited_paper_id IS NOT NULL GROUP BY citing_paper_id, cited_paper_id HAVING count(*) > 1)`),
    ).toBe(1);
    expect(await citationCounts()).toEqual(expectedCounts(all));
    expect(await sqlValue(DRIFT)).toBe(0);

    const { data } = await gqlData(`{ paper(externalId: "acl:B") { citationCount citedBy(first: 10) {
        totalCount edges { node { title } } }
      coCited(first: 10) { totalCount edges { count node { title } } }
      secondaryCitations(first: 10) { totalCount edges { viaCount node { title } } } } }`);
    const b = data.paper;
    expect(b.citationCount).toBe(3); // C, D (twice in its list), E
    expect(b.citedBy.totalCount).toBe(3);
    expect(b.citedBy.edges.map((e: any) => e.node.title).sort()).toEqual(['Paper C', 'Paper D', 'Paper E']);
    // Co-cited with B: C by D and E (each once, though D names B twice), A by C.
    expect(b.coCited.edges.map((e: any) => [e.node.title, e.count])).toEqual([
      ['Paper C', 2],
      ['Paper A', 1],
    ]);
    expect(b.coCited.totalCount).toBe(2);
    expect(b.secondaryCitations.totalCount).toBe(2); // D and E cite C, which cites B
    expect(b.secondaryCitations.edges.map((e: any) => e.viaCount)).toEqual([1, 1]);

    // The same records again change nothing; a changed list moves the counts.
    await writeWorks(env.DB, all);
    expect(await citationCounts()).toEqual(expectedCounts(all));
    const changed = [work('D', ['A']), work('E', ['B', 'B'])];
    await writeWorks(env.DB, changed);
    const now = [...changed, ...second];
    expect(await citationCounts()).toEqual(expectedCounts(now));
    expect(await sqlValue(DRIFT)).toBe(0);
  });

  it('agrees with the records of the demo corpus', async () => {
    const corpus = demoCorpus();
    await writeWorks(env.DB, corpus);
    const counts = await citationCounts();
    for (const [key, count] of expectedCounts(corpus)) expect(counts.get(key), key).toBe(count);
    expect(await sqlValue(DRIFT)).toBe(0);
  });
});

/** Runs `run` against a db that records the statements it sends, and answers them. */
async function statementsOf(run: (db: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const sent: CompiledQuery[] = [];
  const spy = {
    prepare: (text: string) => {
      const statement = env.DB.prepare(text);
      return {
        bind: (...parameters: unknown[]) => {
          sent.push({ sql: text, parameters } as unknown as CompiledQuery);
          return statement.bind(...parameters);
        },
      };
    },
  } as unknown as D1Database;
  await run(createDb(spy));
  return sent;
}

/** The plans of the statements `run` sends. */
async function plansOf(run: (db: Db) => Promise<unknown>): Promise<string[][]> {
  const plans: string[][] = [];
  for (const query of await statementsOf(run)) {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .bind(...query.parameters)
      .all<{ detail: string }>();
    plans.push(plan.results.map((row) => row.detail));
  }
  return plans;
}

/**
 * A full pass over reference or paper (the aliases the repositories give them included), except the
 * walk of paper_citation_count in order, which LIMIT stops after a page.
 */
const TABLE_SCAN = /^SCAN (reference|paper|r|p|h|n|parent)\b(?! USING INDEX paper_citation_count$)/;
/** An automatic index on one column of a level, where (root, id) lookups need both. */
const HALF_INDEX = /USING AUTOMATIC COVERING INDEX \((root|id)=\?\)$/;

describe('query plans of the hot statements', () => {
  const ids = [1, 2, 3];
  const everyPaper = { match: null, filters: {} };
  const firstPage = { after: null, before: null, limit: 21, fromEnd: false };
  const keyset = { after: null, before: null, backward: false, limit: 20 };
  const cases: Array<[string, (db: Db) => Promise<unknown>, RegExp[]]> = [
    [
      'papers by citation count',
      (db) => search.keysetPage(db, everyPaper, null, { ...firstPage, field: 'CITATION_COUNT', direction: 'DESC' }),
      [/SCAN p USING INDEX paper_citation_count/],
    ],
    [
      'paper by identifier',
      (db) => paper.findPapersByExternalKeys(db, ['acl:A']),
      [/SEARCH e USING PRIMARY KEY \(key=\?\)/],
    ],
    [
      'citedBy page',
      (db) => search.keysetPage(db, everyPaper, ids, { ...firstPage, field: 'YEAR', direction: 'DESC' }),
      [/SEARCH reference USING COVERING INDEX reference_cited/, /SEARCH p USING INTEGER PRIMARY KEY/],
    ],
    [
      'reference page',
      (db) => citation.referencesOfPapers(db, ids, keyset),
      [/SEARCH r USING PRIMARY KEY \(citing_paper_id=\?\)/],
    ],
    [
      'secondaryReferences',
      (db) => network.secondaryReferences.page(db, ids, keyset),
      [/SEARCH h USING COVERING INDEX reference_citing/, /SEARCH r USING COVERING INDEX reference_citing/],
    ],
    [
      'secondaryCitations',
      (db) => network.secondaryCitations.page(db, ids, keyset),
      [/SEARCH h USING COVERING INDEX reference_cited/, /SEARCH r USING COVERING INDEX reference_cited/],
    ],
    [
      'coCited',
      (db) => network.coCited.page(db, ids, keyset),
      [/SEARCH h USING COVERING INDEX reference_cited/, /SEARCH r USING COVERING INDEX reference_citing/],
    ],
    [
      'coupled',
      (db) => network.coupled.page(db, ids, keyset),
      [/SEARCH h USING COVERING INDEX reference_citing/, /SEARCH r USING COVERING INDEX reference_cited/],
    ],
    [
      'coCited count',
      (db) => network.coCited.count(db, ids),
      [/SEARCH h USING COVERING INDEX reference_cited/, /SEARCH r USING COVERING INDEX reference_citing/],
    ],
    [
      'citation network',
      (db) => network.citationNeighbourhoods(db, ids, { depth: 2, direction: 'BOTH', limit: 100 }),
      [
        /MULTI-INDEX OR/,
        /SEARCH s USING AUTOMATIC COVERING INDEX \(root=\? AND id=\?\)/,
        /SEARCH cited USING AUTOMATIC COVERING INDEX \(root=\? AND id=\?\)/,
      ],
    ],
    [
      'citation path',
      (db) => network.shortestCitationPath(db, 1, 2, { maxHops: 4, direction: 'REFERENCES' }),
      [/SEARCH r USING COVERING INDEX reference_citing/],
    ],
  ];
  // The same statements with the papers given as their lookup (src/schema/prefetch.ts): the key
  // subquery searches external_id by its primary key, and the relation the same indexes as with ids.
  const lookup = /SEARCH external_id USING PRIMARY KEY \(key=\?\)/;
  for (const paperKeys of [['acl:A'], ['acl:A', 'acl:B']]) {
    const byKeys = { paperKeys };
    const label = `by ${paperKeys.length} key${paperKeys.length > 1 ? 's' : ''}`;
    cases.push(
      [
        `citedBy page ${label}`,
        (db) => search.keysetPage(db, everyPaper, byKeys, { ...firstPage, field: 'YEAR', direction: 'DESC' }),
        [lookup, /SEARCH reference USING COVERING INDEX reference_cited/, /SEARCH p USING INTEGER PRIMARY KEY/],
      ],
      [
        `reference group pages ${label}`,
        (db) => citation.referencesOfPaperGroups(db, byKeys, keyset),
        [lookup, /SEARCH r USING PRIMARY KEY \(citing_paper_id=\?\)/],
      ],
      [
        `reference groups ${label}`,
        (db) => network.referenceGroupsOfPapers(db, byKeys),
        [lookup, /SEARCH reference USING PRIMARY KEY \(citing_paper_id=\?\)/],
      ],
      // Each two-hop relation searches the edge index of its first hop (h), then of its second (r).
      ...(
        [
          ['secondaryReferences', network.secondaryReferences, 'citing', 'citing'],
          ['secondaryCitations', network.secondaryCitations, 'cited', 'cited'],
          ['coCited', network.coCited, 'cited', 'citing'],
          ['coupled', network.coupled, 'citing', 'cited'],
        ] as const
      ).map(([name, relation, first, second]): (typeof cases)[number] => [
        `${name} ${label}`,
        (db) => relation.page(db, byKeys, keyset),
        [
          lookup,
          new RegExp(`SEARCH h USING COVERING INDEX reference_${first}\\b`),
          new RegExp(`SEARCH r USING COVERING INDEX reference_${second}\\b`),
        ],
      ]),
      [
        `byline with its institutions ${label}`,
        (db) => institution.authorshipsWithInstitutionsOfPapers(db, byKeys),
        [
          lookup,
          /SEARCH a USING PRIMARY KEY \(paper_id=\?\)/,
          /SEARCH ai USING PRIMARY KEY \(paper_id=\? AND position=\?\)/,
        ],
      ],
      [
        `citationsByYear ${label}`,
        (db) => network.citationsByYear(db, byKeys),
        [lookup, /SEARCH reference USING COVERING INDEX reference_cited/, /SEARCH p USING INTEGER PRIMARY KEY/],
      ],
    );
  }
  it("one parent's page writes its LIMIT into the text: a bound LIMIT costs every run more (paging.ts limitClause)", async () => {
    const onePage = cases.filter(([name]) => /^(citedBy page|secondary\w+|coCited|coupled) by 1 key$/.test(name));
    expect(onePage.length).toBe(5);
    for (const [name, run] of onePage) {
      const texts = (await statementsOf(run)).map((query) => query.sql);
      expect(texts.length, name).toBe(1);
      expect(texts[0], name).toMatch(/\bLIMIT \d+\b/);
      expect(texts[0], name).not.toMatch(/\bLIMIT \?/);
    }
  });
  for (const [name, run, expected] of cases) {
    it(`${name}: searches its indexes and scans no table`, async () => {
      const plans = await plansOf(run);
      expect(plans.length).toBe(1);
      const plan = plans[0]!;
      for (const pattern of expected)
        expect(
          plan.some((line) => pattern.test(line)),
          `${pattern} in\n${plan.join('\n')}`,
        ).toBe(true);
      expect(plan.filter((line) => TABLE_SCAN.test(line))).toEqual([]);
      expect(plan.filter((line) => HALF_INDEX.test(line))).toEqual([]);
    });
  }
});

const data = realData();
describe.skipIf(!data)('citation_count on the whole AAN file', () => {
  it('equals the citers a plain pass over the records counts, for every paper', async () => {
    const { parseOpenAlexText } = await import('../src/ingest/formats/openalex');
    const works = parseOpenAlexText(data?.aanWorksJsonl ?? '').works;
    // Reversed: most entries are resolved when their work arrives, not on insert.
    await writeWorks(env.DB, [...works].reverse());
    const counts = await citationCounts();
    const expected = expectedCounts(works);
    let checked = 0;
    for (const [key, count] of expected) {
      expect(counts.get(key), key).toBe(count);
      checked++;
    }
    expect(checked).toBe(18_041);
    expect(await sqlValue(DRIFT)).toBe(0);
    const { data: top } = await gqlData(`{ papers(first: 1, orderBy: { field: CITATION_COUNT, direction: DESC }) {
      edges { node { citationCount citedBy(first: 1) { totalCount } externalIds { namespace value } } } } }`);
    const hub = top.papers.edges[0].node;
    expect(hub.citationCount).toBe(770);
    expect(hub.citedBy.totalCount).toBe(770);
  });
});

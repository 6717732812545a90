/**
 * Reference resolution (migration 0005, src/db/work-write.repository.ts): each rule on its own, the
 * order between them, "a rule that could match two papers matches none", resolution when the cited
 * work arrives in a later import (and undone when a later paper makes a rule ambiguous), and the
 * identity rules for authors (ORCID, name within a scope) and institutions (ROR, else name + country).
 * Citation counts are checked against the edges after every step.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ExternalIdRef, makeExternalId } from '../src/ids';
import { type AuthorshipRecord, type ReferenceRecord, referenceRecord, type WorkRecord } from '../src/ingest/record';
import { parseUnstructuredReference, parseWosReference } from '../src/ingest/references';
import { emptyDatabase, writeWorks } from '../src/ingest/write';
import { tableSnapshot } from './helpers';

const id = (namespace: string, value: string) => makeExternalId(namespace, value) as ExternalIdRef;

function author(name: string, extra: Partial<AuthorshipRecord> = {}): AuthorshipRecord {
  return { rawName: name, name, orcid: null, ids: [], institutions: [], ...extra };
}

function paper(key: string, extra: Partial<WorkRecord> = {}): WorkRecord {
  return {
    ids: [id('wos', key)],
    title: `Paper ${key}`,
    abstract: null,
    year: 2001,
    publicationDate: null,
    doi: null,
    type: 'article',
    language: null,
    venue: null,
    authors: [author('Smith, John')],
    keywords: [],
    references: [],
    ...extra,
  };
}

function cites(parts: Partial<ReferenceRecord>): ReferenceRecord {
  return referenceRecord(parts);
}

interface Entry {
  cited: string | null;
  rule: string | null;
}

/** How the citing paper's entries resolved: the cited paper's primary key and the rule. */
async function entriesOf(citingKey: string): Promise<Entry[]> {
  const rows = await env.DB.prepare(
    `SELECT p.key AS cited, r.resolved_by AS rule FROM reference r
       JOIN paper c ON c.id = r.citing_paper_id LEFT JOIN paper p ON p.id = r.cited_paper_id
     WHERE c.key = ? ORDER BY r.position`,
  )
    .bind(`wos:${citingKey}`)
    .all<Entry>();
  return rows.results;
}

const at = (key: string) => `wos:${key}`;

/** Every paper's maintained count equals its distinct citers. */
async function expectCountsAgree() {
  const wrong = await env.DB.prepare(
    `SELECT count(*) AS n FROM paper p WHERE citation_count <>
       (SELECT count(DISTINCT citing_paper_id) FROM reference r WHERE r.cited_paper_id = p.id)`,
  ).first<number>('n');
  expect(wrong).toBe(0);
}

async function countOf(key: string) {
  return env.DB.prepare('SELECT citation_count AS n FROM paper WHERE key = ?').bind(at(key)).first<number>('n');
}

beforeEach(async () => {
  await emptyDatabase(env.DB);
});

describe('resolution rules', () => {
  it('papers written before migration 0006 get their keys before the next import resolves against them', async () => {
    const legacy = paper('L', {
      title: 'Malic Acid Production by Saccharomyces cerevisiae',
      year: 2008,
      authors: [author('Zelle, Rintze M.')],
      references: [parseWosReference('Pino JF, 2010, J MOL BIOL, V12, P345')],
    });
    await writeWorks(env.DB, [legacy]);
    // The state a database written before 0006 is in: no match row, entries without keys or locator
    // parts; then migration 0007's own statement lists the paper.
    await env.DB.batch([
      env.DB.prepare("DELETE FROM paper_match WHERE paper_id = (SELECT id FROM paper WHERE key = 'wos:L')"),
      env.DB.prepare(
        `UPDATE reference SET title_key = NULL, locator_key = NULL, volume = NULL, first_page = NULL
         WHERE citing_paper_id = (SELECT id FROM paper WHERE key = 'wos:L')`,
      ),
      env.DB.prepare(
        'INSERT INTO match_key_backfill (paper_id) SELECT id FROM paper WHERE id NOT IN (SELECT paper_id FROM paper_match)',
      ),
    ]);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM match_key_backfill').first<number>('n')).toBe(1);

    const citing = paper('A', {
      references: [cites({ title: 'Malic acid production by Saccharomyces-cerevisiae.', year: 2008 })],
    });
    const cited = paper('P', {
      title: 'Another paper',
      year: 2010,
      authors: [author('Pino, Juan F.')],
      volume: '12',
      firstPage: '345',
    });
    await writeWorks(env.DB, [citing, cited]);
    expect(await entriesOf('A')).toEqual([{ cited: at('L'), rule: 'title_year' }]);
    expect(await entriesOf('L')).toEqual([{ cited: at('P'), rule: 'author_year_volume_page' }]);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM match_key_backfill').first<number>('n')).toBe(0);
    expect(await countOf('L')).toBe(1);
    expect(await countOf('P')).toBe(1);
    await expectCountsAgree();

    const before = await tableSnapshot();
    await writeWorks(env.DB, [citing, cited]);
    expect(await tableSnapshot()).toEqual(before);
  });

  it('DOI, then another identifier, then title + year, then first author + year + volume + first page', async () => {
    const target = paper('T', {
      ids: [id('wos', 'T'), id('doi', '10.1000/T')],
      doi: '10.1000/T',
      title: 'Malic Acid Production by Saccharomyces cerevisiae',
      year: 2008,
      authors: [author('Zelle, Rintze M.')],
      volume: '74',
      firstPage: '2766',
    });
    const citing = paper('A', {
      references: [
        cites({ target: id('doi', '10.1000/t') }),
        cites({ target: id('wos', 'T') }),
        cites({ title: 'Malic acid production by Saccharomyces-cerevisiae.', year: 2008 }),
        parseWosReference('Zelle RM, 2008, APPL ENVIRON MICROB, V74, P2766'),
        // A DOI nobody has falls through to the next rule that matches.
        parseWosReference('Zelle RM, 2008, APPL ENVIRON MICROB, V74, P2766, DOI 10.9999/missing'),
        cites({ title: 'Malic acid production by Saccharomyces cerevisiae', year: 2009 }),
      ],
    });
    await writeWorks(env.DB, [target, citing]);
    expect(await entriesOf('A')).toEqual([
      { cited: at('T'), rule: 'doi' },
      { cited: at('T'), rule: 'identifier' },
      { cited: at('T'), rule: 'title_year' },
      { cited: at('T'), rule: 'author_year_volume_page' },
      { cited: at('T'), rule: 'author_year_volume_page' },
      { cited: null, rule: null },
    ]);
    expect(await countOf('T')).toBe(1);
    await expectCountsAgree();
  });

  it('a rule that could match two papers matches none (and the next rule may still match one)', async () => {
    const twin = (key: string, page: string) =>
      paper(key, { title: 'Introduction to the special issue', year: 2010, volume: '5', firstPage: page });
    const citing = paper('A', {
      references: [
        cites({ title: 'Introduction to the Special Issue', year: 2010 }),
        cites({
          title: 'Introduction to the Special Issue',
          year: 2010,
          authors: 'Smith J',
          volume: '5',
          firstPage: '7',
        }),
      ],
    });
    await writeWorks(env.DB, [twin('X', '1'), twin('Y', '7'), citing]);
    expect(await entriesOf('A')).toEqual([
      { cited: null, rule: null },
      { cited: at('Y'), rule: 'author_year_volume_page' },
    ]);
    // Two papers with the same locator: no match by it either.
    await writeWorks(env.DB, [paper('Z', { title: 'Another paper', year: 2010, volume: '5', firstPage: '7' })]);
    expect(await entriesOf('A')).toEqual([
      { cited: null, rule: null },
      { cited: null, rule: null },
    ]);
    await expectCountsAgree();
  });

  it('never resolves an entry to its own paper by a key rule', async () => {
    const selfish = paper('S', {
      title: 'A paper citing its own title',
      references: [cites({ title: 'A paper citing its own title', year: 2001 })],
    });
    await writeWorks(env.DB, [selfish]);
    expect(await entriesOf('S')).toEqual([{ cited: null, rule: null }]);
  });
});

describe('resolution when either side arrives later', () => {
  it('resolves when the cited work arrives in a later import, and undoes it when a second match arrives', async () => {
    const citing = paper('A', {
      references: [
        cites({ title: 'Rethinking political competition', year: 2021 }),
        parseWosReference('Afzal M, 2014, PUBLIC CHOICE, V161, P51'),
      ],
    });
    await writeWorks(env.DB, [citing]);
    expect(await entriesOf('A')).toEqual([
      { cited: null, rule: null },
      { cited: null, rule: null },
    ]);

    await writeWorks(env.DB, [
      paper('R', { title: 'Rethinking Political Competition', year: 2021 }),
      paper('F', {
        title: 'Something else',
        year: 2014,
        authors: [author('Afzal, M.')],
        volume: '161',
        firstPage: '51',
      }),
    ]);
    expect(await entriesOf('A')).toEqual([
      { cited: at('R'), rule: 'title_year' },
      { cited: at('F'), rule: 'author_year_volume_page' },
    ]);
    expect(await countOf('R')).toBe(1);
    await expectCountsAgree();

    // A second paper with the same title and year: the rule is ambiguous now, R loses the citation.
    await writeWorks(env.DB, [paper('R2', { title: 'Rethinking political competition!', year: 2021 })]);
    expect((await entriesOf('A'))[0]).toEqual({ cited: null, rule: null });
    expect(await countOf('R')).toBe(0);
    await expectCountsAgree();
  });

  it('an identifier arriving later takes over from a key rule', async () => {
    const citing = paper('A', { references: [parseWosReference('Lee K, 2019, NATURE, V570, P10, DOI 10.1038/x1')] });
    const lookalike = paper('L', { authors: [author('Lee, Kim')], year: 2019, volume: '570', firstPage: '10' });
    await writeWorks(env.DB, [citing, lookalike]);
    expect(await entriesOf('A')).toEqual([{ cited: at('L'), rule: 'author_year_volume_page' }]);

    await writeWorks(env.DB, [paper('D', { ids: [id('wos', 'D'), id('doi', '10.1038/X1')], doi: '10.1038/X1' })]);
    expect(await entriesOf('A')).toEqual([{ cited: at('D'), rule: 'doi' }]);
    expect(await countOf('L')).toBe(0);
    expect(await countOf('D')).toBe(1);
    await expectCountsAgree();
  });

  it('importing the same records again changes nothing', async () => {
    const works = [
      paper('T', { title: 'Anaplerotic role for cytosolic malic enzyme', year: 2011, volume: '77', firstPage: '732' }),
      paper('A', {
        references: [
          cites({ title: 'Anaplerotic Role for Cytosolic Malic Enzyme', year: 2011 }),
          parseWosReference('Smith J, 2011, APPL ENVIRON MICROB, V77, P732'),
          parseUnstructuredReference('Smith, J. (2011). "Anaplerotic role for cytosolic malic enzyme." AEM 77.'),
        ],
      }),
    ];
    await writeWorks(env.DB, works);
    const first = await tableSnapshot();
    const rules = await entriesOf('A');
    expect(rules.map((entry) => entry.rule)).toEqual(['title_year', 'author_year_volume_page', 'title_year']);
    await writeWorks(env.DB, works);
    expect(await tableSnapshot()).toEqual(first);
    expect(await entriesOf('A')).toEqual(rules);
    await expectCountsAgree();
  });
});

describe('author and institution identity', () => {
  const authorCount = () => env.DB.prepare('SELECT count(*) AS n FROM author').first<number>('n');

  it('the same ORCID is one author; two different ORCIDs never merge, even sharing another id', async () => {
    const shared = id('openalex', 'A1');
    await writeWorks(env.DB, [
      paper('A', {
        authors: [
          author('Ana Pérez', { orcid: '0000-0001-0000-0001', ids: [id('orcid', '0000-0001-0000-0001'), shared] }),
        ],
      }),
      paper('B', {
        authors: [author('A. Perez', { orcid: '0000-0001-0000-0001', ids: [id('orcid', '0000-0001-0000-0001')] })],
      }),
      paper('C', {
        authors: [
          author('Ana Perez', { orcid: '0000-0002-0000-0002', ids: [id('orcid', '0000-0002-0000-0002'), shared] }),
        ],
      }),
    ]);
    expect(await authorCount()).toBe(2);
  });

  it('name-only authors merge within their scope (same affiliation) or, without one, everywhere', async () => {
    const at = (scope: string | null) => author('Garcia, J', { nameScope: scope });
    await writeWorks(env.DB, [
      paper('A', { authors: [at('Pontificia Univ Javeriana, Colombia')] }),
      paper('B', { authors: [at('Pontificia Univ Javeriana, Colombia')] }),
      paper('C', { authors: [at('Univ Nacl Colombia, Colombia')] }),
      paper('D', { authors: [at('WOS:D#1')] }),
      paper('E', { authors: [author('Jane Roe')] }),
      paper('F', { authors: [author('Jane Roe')] }),
    ]);
    // A+B one, C one, D one (its record's own), E+F one (no scope: AAN's disambiguated names).
    expect(await authorCount()).toBe(4);
  });

  it('institutions: by ROR, else by name and country', async () => {
    const inst = (name: string, country: string | null, ror: string | null = null) => ({
      name,
      country,
      ror,
      type: null,
      ids: ror ? [id('ror', ror)] : [],
    });
    await writeWorks(env.DB, [
      paper('A', { authors: [author('X', { institutions: [inst('Univ Nacl', 'Colombia')] })] }),
      paper('B', { authors: [author('Y', { institutions: [inst('UNIV NACL', 'Colombia')] })] }),
      paper('C', { authors: [author('Z', { institutions: [inst('Univ Nacl', 'Peru')] })] }),
      paper('D', { authors: [author('W', { institutions: [inst('Universidad Nacional', 'Colombia', '059yx9a68')] })] }),
      paper('E', { authors: [author('V', { institutions: [inst('UNAL', null, '059yx9a68')] })] }),
    ]);
    const institutions = await env.DB.prepare('SELECT count(*) AS n FROM institution').first<number>('n');
    expect(institutions).toBe(3);
  });
});

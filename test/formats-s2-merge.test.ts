/**
 * The Semantic Scholar bulk `citations` and `abstracts` datasets merged into papers already in the
 * database (the writer's merge mode), on raw/s2ag_bulk_samples. The sample rows name papers of the
 * whole corpus, so some of the papers they name are written here first (as bare works with their
 * corpus id); what the merge must do is computed from the rows in plain TypeScript.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { s2 } from '../src/ingest/formats/s2';
import type { Addition, WorkRecord } from '../src/ingest/record';
import { mergeAdditions, writeWorks } from '../src/ingest/write';
import { gqlData, realData, sqlValue, tableSnapshot } from './helpers';

const bulk = realData()?.citationFiles.s2ag_bulk_samples ?? {};
const citationsText = bulk['citations/citations-sample.jsonl.gz'];
const abstractsText = bulk['abstracts/abstracts-sample.jsonl.gz'];

const rowsOf = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
const additionsOf = (text: string) =>
  text
    .split('\n')
    .map((line, index) => s2.additionsByLine!.parse(line, index + 1))
    .filter((addition): addition is Addition => addition !== null);

const work = (corpusId: string): WorkRecord => ({
  ids: [{ key: `s2corpus:${corpusId}`, namespace: 's2corpus', value: corpusId }],
  title: `S2 paper ${corpusId}`,
  abstract: null,
  year: 2020,
  publicationDate: null,
  doi: null,
  type: null,
  language: null,
  venue: null,
  authors: [],
  keywords: [],
  references: [],
});

describe.skipIf(!citationsText || !abstractsText)('S2AG citations and abstracts merged by corpus id', () => {
  const citations: Array<{ citingcorpusid: string; citedcorpusid: string | null }> = rowsOf(citationsText ?? '');
  const abstracts: Array<{ corpusid: number; abstract: string | null }> = rowsOf(abstractsText ?? '');
  // Present before the merge: every other citing paper, the papers cited by the first 30 rows, every other abstract's.
  const citing = [...new Set(citations.map((row) => row.citingcorpusid))];
  const presentCiting = new Set(citing.filter((_, index) => index % 2 === 0));
  const cited = [...new Set(citations.map((row) => row.citedcorpusid).filter((id): id is string => id !== null))];
  const presentCited = new Set(cited.slice(0, 30));
  const lateCited = cited.find(
    (id) =>
      !presentCited.has(id) &&
      citations.some((row) => row.citedcorpusid === id && presentCiting.has(row.citingcorpusid)),
  );
  const presentAbstracts = new Set(abstracts.filter((_, index) => index % 2 === 0).map((row) => String(row.corpusid)));
  const present = new Set([...presentCiting, ...presentCited, ...presentAbstracts]);

  // What the rows say the merge does.
  const edges = new Map<string, Set<string>>(); // present citing -> cited ids
  for (const row of citations) {
    if (row.citedcorpusid === null || !presentCiting.has(row.citingcorpusid)) continue;
    if (!edges.has(row.citingcorpusid)) edges.set(row.citingcorpusid, new Set());
    edges.get(row.citingcorpusid)?.add(row.citedcorpusid);
  }
  const edgeCount = [...edges.values()].reduce((sum, set) => sum + set.size, 0);
  const citersOf = (id: string) => [...edges].filter(([, targets]) => targets.has(id)).length;

  /** The paper's count and citedBy list agree with the distinct present citers the rows give it. */
  async function expectCitedAsTheRowsSay(id: string) {
    const { data } = await gqlData(
      'query($id: String!) { paper(externalId: $id) { citationCount citedBy { totalCount } } }',
      { id: `s2corpus:${id}` },
    );
    expect(data.paper.citationCount).toBe(citersOf(id));
    expect(data.paper.citedBy.totalCount).toBe(citersOf(id));
  }

  beforeAll(async () => {
    await writeWorks(env.DB, [...present].map(work));
  });

  it('adds each edge of a paper present to its reference list, resolved when the cited paper is present', async () => {
    const summary = await mergeAdditions(env.DB, additionsOf(citationsText ?? ''));
    expect(summary.citationsWithoutCitedPaper).toBe(citations.filter((row) => row.citedcorpusid === null).length);
    expect(summary.citationsWithoutCitingPaper).toBe(
      citations.filter((row) => row.citedcorpusid !== null && !presentCiting.has(row.citingcorpusid)).length,
    );
    expect(summary.citations).toBe(edgeCount);
    expect(edgeCount).toBeGreaterThan(10);
    const unresolved = [...edges.values()].flatMap((set) => [...set]).filter((id) => !present.has(id)).length;
    expect(summary.unresolved).toBe(unresolved);

    for (const [citingId, targets] of edges) {
      const { data } = await gqlData(
        `query($id: String!) { paper(externalId: $id) {
            references(first: 100) { totalCount edges { node { citedExternalId sourceDatabase citedPaper { title } } } } } }`,
        { id: `s2corpus:${citingId}` },
      );
      const nodes = data.paper.references.edges.map((edge: any) => edge.node);
      expect(data.paper.references.totalCount).toBe(targets.size);
      expect(nodes.map((node: any) => node.citedExternalId).sort()).toEqual(
        [...targets].map((id) => `s2corpus:${id}`).sort(),
      );
      for (const node of nodes) {
        const id = node.citedExternalId.replace('s2corpus:', '');
        expect(node.sourceDatabase).toBe('Semantic Scholar');
        expect(node.citedPaper?.title ?? null).toBe(present.has(id) ? `S2 paper ${id}` : null);
      }
    }
    expect([...presentCited].filter((id) => citersOf(id) > 0).length).toBeGreaterThan(0);
    for (const id of presentCited) await expectCitedAsTheRowsSay(id);
  });

  it('merging the same rows again changes nothing', async () => {
    const before = await tableSnapshot();
    const counts = await env.DB.prepare('SELECT id, citation_count FROM paper ORDER BY id').all();
    const summary = await mergeAdditions(env.DB, additionsOf(citationsText ?? ''));
    expect(summary.citations).toBe(0);
    expect(summary.citationsAlreadyThere).toBe(edgeCount);
    expect(await tableSnapshot()).toEqual(before);
    expect((await env.DB.prepare('SELECT id, citation_count FROM paper ORDER BY id').all()).results).toEqual(
      counts.results,
    );
  });

  it('a cited paper imported after the merge resolves the entries waiting for it', async () => {
    expect(lateCited).toBeDefined();
    if (!lateCited) return;
    await writeWorks(env.DB, [work(lateCited)]);
    await expectCitedAsTheRowsSay(lateCited);
  });

  it('sets the abstracts of the papers present, searchable; the others are counted, not written', async () => {
    const summary = await mergeAdditions(env.DB, additionsOf(abstractsText ?? ''));
    const withText = abstracts.filter((row) => row.abstract !== null && row.abstract.trim() !== '');
    expect(summary.abstracts).toBe(withText.filter((row) => presentAbstracts.has(String(row.corpusid))).length);
    expect(summary.abstractsWithoutPaper).toBe(
      withText.filter((row) => !presentAbstracts.has(String(row.corpusid))).length,
    );
    for (const row of withText) {
      const { data } = await gqlData('query($id: String!) { paper(externalId: $id) { abstract } }', {
        id: `s2corpus:${row.corpusid}`,
      });
      if (!presentAbstracts.has(String(row.corpusid))) expect(data.paper).toBeNull();
      else expect(data.paper.abstract).toBe(row.abstract?.trim());
    }
    // The search index has them too: a long word of an abstract finds its paper.
    const sample = withText.find((row) => presentAbstracts.has(String(row.corpusid)))!;
    const word = sample.abstract!.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0]!;
    const { data } = await gqlData(
      'query($q: String!) { papers(search: $q, first: 100) { edges { node { title } } } }',
      {
        q: word,
      },
    );
    expect(data.papers.edges.map((edge: any) => edge.node.title)).toContain(`S2 paper ${sample.corpusid}`);
    const again = await tableSnapshot();
    await mergeAdditions(env.DB, additionsOf(abstractsText ?? ''));
    expect(await tableSnapshot()).toEqual(again);
    expect(await sqlValue('SELECT count(*) AS n FROM citation_count_stale')).toBe(0);
  });
});

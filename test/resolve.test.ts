/** resolve(ids:) and autocomplete on the demo corpus: input order, reasons, and their statements. */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';
import { gql, gqlData } from './helpers';

describe('resolve and autocomplete', () => {
  const corpus = demoCorpus();
  const withDoi = corpus.filter((work) => work.doi).slice(0, 40);
  const author = corpus.flatMap((work) => work.authors).find((a) => a.orcid)!;
  const institution = corpus.flatMap((w) => w.authors.flatMap((a) => a.institutions)).find((i) => i.ror)!;

  beforeAll(async () => {
    await writeWorks(env.DB, corpus);
  });

  it('answers up to 100 mixed identifiers in input order, in two round trips', async () => {
    const ids = [
      ...withDoi.map((work, i) =>
        i % 3 === 0 ? `https://doi.org/${work.doi!.toUpperCase()}` : i % 3 === 1 ? work.doi! : `doi:${work.doi}`,
      ),
      `orcid:${author.orcid}`,
      `https://ror.org/${institution.ror}`,
      'doi:10.9999/not-here',
      'hello world',
      '',
    ];
    const response = await gql(
      `query($ids: [String!]!) { resolve(ids: $ids) { input reason node { __typename id ... on Paper { doi } ... on Author { orcid } ... on Institution { ror } } } }`,
      { ids },
    );
    expect(response.errors).toBeUndefined();
    const results = response.data!.resolve;
    expect(results.map((r: any) => r.input)).toEqual(ids);
    withDoi.forEach((work, i) => {
      expect(results[i].node?.doi?.toLowerCase(), ids[i]).toBe(work.doi!.toLowerCase());
    });
    const n = withDoi.length;
    expect(results[n].node.orcid).toBe(author.orcid);
    expect(results[n + 1].node.ror).toBe(institution.ror);
    expect(results.slice(n + 2).map((r: any) => [r.node, r.reason])).toEqual([
      [null, 'NOT_FOUND'],
      [null, 'NOT_AN_IDENTIFIER'],
      [null, 'NOT_AN_IDENTIFIER'],
    ]);
    const trace = response.extensions!.trace!;
    console.log(`resolve of ${ids.length} ids: ${trace.d1Statements} statements, ${trace.d1RoundTrips} round trips`);
    expect(trace.d1RoundTrips).toBeLessThanOrEqual(2);
    // One lookup, then one load per entity type present (papers, authors, institutions).
    expect(trace.d1Statements).toBeLessThanOrEqual(4);
  });

  it('answers a paper that the same request also loads through nodes(ids:)', async () => {
    const work = withDoi[0]!;
    const { data: found } = await gqlData('query($doi: String!) { paper(doi: $doi) { id } }', { doi: work.doi });
    const id = found.paper.id;
    const ids = [id, id, `doi:${work.doi}`];
    const { data } = await gqlData(
      `query($id: ID!, $ids: [String!]!) {
        nodes(ids: [$id]) { id }
        resolve(ids: $ids) { input reason node { ... on Paper { title } } }
      }`,
      { id, ids },
    );
    expect(data.nodes).toEqual([{ id }]);
    expect(data.resolve).toEqual(ids.map((input) => ({ input, reason: null, node: { title: work.title } })));
  });

  it('suggests by prefix, ASCII case ignored, in one indexed statement', async () => {
    const title = corpus[0]!.title;
    const prefix = title.slice(0, 4).toUpperCase();
    const response = await gql(
      'query($p: String!) { autocomplete(prefix: $p, first: 5) { kind label id node { id } } }',
      { p: prefix },
    );
    expect(response.errors).toBeUndefined();
    const hits = response.data!.autocomplete;
    const papers = hits.filter((h: any) => h.kind === 'PAPER');
    expect(papers.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.label.toLowerCase().startsWith(prefix.toLowerCase()), hit.label).toBe(true);
    const expected = corpus
      .map((w) => w.title)
      .filter((t) => t.toLowerCase().startsWith(prefix.toLowerCase()))
      .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))
      .slice(0, 5);
    expect(papers.map((h: any) => h.label.toLowerCase())).toEqual(expected.map((t) => t.toLowerCase()));
    const { trace } = await gqlData('query($p: String!) { autocomplete(prefix: $p, first: 5) { label id } }', {
      p: prefix,
    });
    console.log(`autocomplete "${prefix}": ${trace!.d1Statements} statement, ${trace!.rowsRead} rows read`);
    expect(trace!.d1Statements).toBe(1);
    expect(trace!.rowsRead).toBeLessThanOrEqual(5 * 5 + 5);
    const plan = await env.DB.prepare(
      "EXPLAIN QUERY PLAN SELECT id FROM institution WHERE name COLLATE NOCASE >= 'a' AND name COLLATE NOCASE < 'b' ORDER BY name COLLATE NOCASE, id LIMIT 5",
    ).all();
    expect(JSON.stringify(plan.results)).toMatch(/institution_name/);
  });
});

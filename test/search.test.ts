/**
 * Search, filters, facets, sorting and keyset paging of `papers` and `citedBy` on the demo corpus
 * (it has abstracts, keywords, institutions and countries), checked against plain passes over the
 * records; and the search-string grammar on its own.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';
import { highlightText } from '../src/search/highlight';
import { parseSearch, SearchSyntaxError } from '../src/search/query';
import { gql, gqlData } from './helpers';

describe('search grammar', () => {
  it('quotes every term and keeps operators, phrases and prefixes', () => {
    expect(parseSearch('machine translation').match).toBe('("machine" AND "translation")');
    expect(parseSearch('"machine translation"').match).toBe('"machine translation"');
    expect(parseSearch('transl*').match).toBe('"transl" *');
    expect(parseSearch('a OR b c').match).toBe('("a" OR ("b" AND "c"))');
    expect(parseSearch('a AND NOT b').match).toBe('("a" NOT "b")');
    expect(parseSearch('(a OR b) NOT c').match).toBe('(("a" OR "b") NOT "c")');
    expect(parseSearch('title:foo^ +bar').match).toBe('("title:foo^" AND "+bar")');
    expect(parseSearch('"unclosed phrase').match).toBe('"unclosed phrase"');
    expect(parseSearch('say "hi"" there').match).toBe('(("say" AND "hi") AND "there")');
  });

  it('turns CJK runs into the bigrams the index holds', () => {
    expect(parseSearch('黄芪多糖').match).toBe('"黄芪 芪多 多糖"');
    expect(parseSearch('多糖').match).toBe('"多糖"');
    expect(parseSearch('糖').match).toBe('"糖" *');
    expect(parseSearch('基于BERT').match).toBe('"基于 于 BERT"');
  });

  it('refuses what it cannot read, with a message', () => {
    for (const input of ['(a', 'a)', 'a AND', 'OR b', 'NOT a', '()', '', '   ', '---', 'a (']) {
      expect(() => parseSearch(input), input).toThrow(SearchSyntaxError);
    }
  });

  it('highlights with the client markers, escaping the text only', () => {
    const { highlight } = parseSearch('transl* "neural" 翻译');
    expect(
      highlightText('Neural <Translation> & 机器翻译', highlight, { open: '<b>', close: '</b>', escape: 'HTML' }),
    ).toBe('<b>Neural</b> &lt;<b>Translation</b>&gt; &amp; 机器<b>翻译</b>');
    expect(highlightText('a <b> translation', highlight, { open: '[', close: ']', escape: 'NONE' })).toBe(
      'a <b> [translation]',
    );
    const negated = parseSearch('parsing NOT tagging').highlight;
    expect(highlightText('parsing tagging', negated, { open: '[', close: ']', escape: 'NONE' })).toBe(
      '[parsing] tagging',
    );
  });
});

describe('papers(search:) on the demo corpus', () => {
  const corpus = demoCorpus();

  beforeAll(async () => {
    await writeWorks(env.DB, corpus);
  });

  it('finds a paper by its exact title first', async () => {
    for (const work of [corpus[0]!, corpus[700]!, corpus[1400]!]) {
      const { data } = await gqlData(
        'query($q: String!) { papers(search: $q, first: 3) { totalCount edges { node { title } } } }',
        { q: `"${work.title}"` },
      );
      expect(data.papers.edges[0].node.title).toBe(work.title);
    }
  });

  it('answers a bad search with BAD_USER_INPUT, never a 500', async () => {
    for (const q of ['(a', 'AND', 'a)', '"', '***', 'NOT']) {
      const response = await gql('query($q: String!) { papers(search: $q) { totalCount } }', { q });
      expect(response.errors?.[0]?.extensions?.code, q).toBe('BAD_USER_INPUT');
    }
  });
});

describe('keyset cursors on the demo corpus', () => {
  beforeAll(async () => {
    await writeWorks(env.DB, demoCorpus());
  });

  it('pages every paper by title, across scripts, forwards and backwards, each once', async () => {
    const query = `query($first: Int, $last: Int, $after: String, $before: String) {
      papers(orderBy: { field: TITLE }, first: $first, last: $last, after: $after, before: $before) {
        totalCount pageInfo { startCursor endCursor hasNextPage hasPreviousPage } edges { node { id } } } }`;
    const forward: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const { data }: { data: any } = await gqlData(query, { first: 100, after });
      total = data.papers.totalCount;
      forward.push(...data.papers.edges.map((edge: any) => edge.node.id));
      if (!data.papers.pageInfo.hasNextPage) break;
      after = data.papers.pageInfo.endCursor;
    }
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const { data }: { data: any } = await gqlData(query, { last: 100, before });
      backward.unshift(...data.papers.edges.map((edge: any) => edge.node.id));
      if (!data.papers.pageInfo.hasPreviousPage) break;
      before = data.papers.pageInfo.startCursor;
    }
    expect(new Set(forward).size).toBe(total);
    expect(forward.length).toBe(total);
    expect(backward).toEqual(forward);
  });
});

describe('search input with control characters', () => {
  it('reads control characters (NUL included) as spaces, never as a masked error', async () => {
    const response = await gql('query($q: String!) { papers(search: $q, first: 1) { totalCount } }', { q: '\u0000A' });
    expect(response.errors).toBeUndefined();
    const nothing = await gql('query($q: String!) { papers(search: $q, first: 1) { totalCount } }', {
      q: '\u0000\u0007',
    });
    expect(nothing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('statement budget of the finding paths', () => {
  // Search with filters and facets, a nested citedBy search, an entity list with nested papers, autocomplete:
  // the statements and round trips must not grow with the page sizes.
  const FINDING = `query($n: Int!, $top: Int!) {
    papers(search: "learning OR network", filter: { year: { min: 1990 } }, first: $n) {
      totalCount edges { node { title citedBy(first: $n, search: "model") { totalCount edges { node { title } } } } }
      facets(top: $top) { year { value count } keyword { value count } country { value count } }
    }
    authors(first: $n, orderBy: PAPER_COUNT) { totalCount edges { node { name papers(first: $n) { totalCount } } } }
    autocomplete(prefix: "a", first: $top) { label }
  }`;

  it('answers search, facets, entity lists and autocomplete in the same statements at page size 5 and 40', async () => {
    const small = await gql(FINDING, { n: 5, top: 3 });
    const large = await gql(FINDING, { n: 40, top: 20 });
    expect(small.errors, JSON.stringify(small.errors)).toBeUndefined();
    expect(large.errors, JSON.stringify(large.errors)).toBeUndefined();
    expect(large.data?.papers.edges.length).toBeGreaterThan(small.data?.papers.edges.length);
    expect(small.extensions?.trace?.d1Statements).toBeGreaterThan(0);
    expect(large.extensions?.trace?.d1Statements).toBe(small.extensions?.trace?.d1Statements);
    expect(large.extensions?.trace?.d1RoundTrips).toBe(small.extensions?.trace?.d1RoundTrips);
    console.log(
      `finding paths: ${small.extensions?.trace?.d1Statements} D1 statements, ` +
        `${small.extensions?.trace?.d1RoundTrips} round trips at page size 5 and 40`,
    );
  });
});

/**
 * The price list covers the schema, and its prices hold: on the demo corpus, no priced query reads
 * more D1 rows than it was priced at (the prices are worst cases measured on the larger AAN data).
 */
import { env } from 'cloudflare:test';
import { type GraphQLOutputType, getNamedType, isListType, isNonNullType, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIELD_COSTS } from '../src/cost/field-costs';
import { demoCorpus } from '../src/demo/corpus';
import { writeWorks } from '../src/ingest/write';
import { schema } from '../src/schema';
import { citersByTargetKey, gql } from './helpers';

const PLUMBING = /(Connection|Edge)$|^PageInfo$/;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

describe('price list', () => {
  it('prices every field with arguments, a list, or an entity type, and names only real fields', () => {
    const unpriced: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || PLUMBING.test(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        const entity = isObjectType(named) && named.getInterfaces().some((face) => face.name === 'Node');
        const needsPrice = field.args.length > 0 || isList(field.type) || entity || PLUMBING.test(named.name);
        if (needsPrice && !(`${type.name}.${field.name}` in FIELD_COSTS)) unpriced.push(`${type.name}.${field.name}`);
      }
    }
    expect(unpriced, 'add these to src/cost/field-costs.ts').toEqual([]);
    for (const coordinate of Object.keys(FIELD_COSTS)) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName);
      expect(isObjectType(type) && fieldName in type.getFields(), `${coordinate} is not in the schema`).toBe(true);
    }
  });
});

describe('prices are upper bounds on the demo corpus', () => {
  const corpus = demoCorpus();
  const citers = citersByTargetKey(corpus);
  const hub = [...citers.entries()].sort((a, b) => b[1].size - a[1].size)[0]![0];

  beforeAll(async () => {
    await writeWorks(env.DB, corpus);
  });

  const selections = [
    'title citationCount referenceCount',
    'bibtex: cite(format: BIBTEX) ris: cite(format: RIS) csl: cite(format: CSL_JSON)',
    'authors { author { name citationCount hIndex paperCount } institutions { name paperCount } }',
    'keywords { term paperCount papersByYear { year count } }',
    'referenceGroups { totalCount references(first: 50) { edges { node { citedPaper { title citationCount } } } } }',
    'citedBy(first: 100) { totalCount edges { node { title venue { name } } } }',
    'secondaryReferences(first: 100) { totalCount } secondaryCitations(first: 100) { totalCount }',
    'coCited(first: 100) { totalCount } coupled(first: 100) { totalCount } similar(first: 100) { totalCount }',
    'citationsByYear { year count } externalIds { value }',
    'citationNetwork(depth: 2, direction: BOTH, limit: 200) { nodeCount nodes { paper { title } } edges { source } }',
    'authors { author { coauthors(first: 50) { totalCount } papers(first: 50) { totalCount } keywords(first: 5) { paperCount } } }',
  ];

  for (const selection of selections) {
    it(`reads no more rows than priced: ${selection.slice(0, 60)}`, async () => {
      const response = await gql(`query($id: String!) { paper(externalId: $id) { ${selection} } }`, { id: hub });
      expect(response.errors).toBeUndefined();
      const rowsRead = response.extensions!.trace!.rowsRead;
      expect(rowsRead).toBeGreaterThan(0);
      expect(rowsRead).toBeLessThanOrEqual(response.extensions!.cost!.requested);
    });
  }

  // Root lists, autocomplete and resolve: every ordering and a name search, with their totals.
  const roots = [
    ...['authors', 'institutions', 'keywords', 'venues'].flatMap((list) =>
      ['NAME', 'PAPER_COUNT', 'CITATION_COUNT'].flatMap((order) => [
        `{ ${list}(first: 100, orderBy: ${order}) { totalCount edges { node { id } } } }`,
        `{ ${list}(first: 100, orderBy: ${order}, query: "an") { totalCount edges { node { id } } } }`,
      ]),
    ),
    '{ autocomplete(prefix: "a", first: 10) { label node { id } } }',
    '{ autocomplete(prefix: "ma", first: 10) { label node { id } } }',
    `{ resolve(ids: ${JSON.stringify([hub, 'doi:10.9999/none', 'not an id', ...corpus.slice(0, 40).map((work) => work.ids[0]!.key)])}) { input reason node { id } } }`,
  ];
  for (const query of roots) {
    it(`reads no more rows than priced: ${query.slice(0, 70)}`, async () => {
      const response = await gql(query);
      expect(response.errors).toBeUndefined();
      expect(response.extensions!.trace!.rowsRead).toBeLessThanOrEqual(response.extensions!.cost!.requested);
    });
  }
});

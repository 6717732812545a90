/**
 * The explorer's documents (src/explorer-documents.ts): each is named after its operation, valid
 * against the schema, registered, and accepted by the cost model at its worst case: every page-size
 * or depth variable at the largest value the schema accepts.
 */
import { getOperationAST, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateOperationCost } from '../src/cost/estimate';
import { EXPLORER_DOCUMENTS } from '../src/explorer-documents';
import { LIMITS } from '../src/limits';
import { TRUSTED_DOCUMENTS } from '../src/persisted-documents';
import { schema } from '../src/schema';
import { MAX_PAGE_SIZE } from '../src/schema/connection';

/**
 * The costliest value of each variable that changes a price, by name: the bounds the schema states
 * (page sizes 0..MAX_PAGE_SIZE, facets top 1..100, network depth 1..3 and limit 1..500, path hops
 * 1..6, both directions). A document with another Int variable fails until it is listed here.
 */
const WORST_CASE: Record<string, unknown> = {
  first: MAX_PAGE_SIZE,
  last: MAX_PAGE_SIZE,
  top: 100,
  depth: 3,
  limit: 500,
  maxHops: 6,
  direction: 'BOTH',
};

describe.each(Object.entries(EXPLORER_DOCUMENTS))('explorer document %s', (name, text) => {
  const document = parse(text);
  const operation = getOperationAST(document);

  it('is one operation named after its key, valid against the schema, and registered', () => {
    expect(operation?.name?.value).toBe(name);
    expect(validate(schema, document)).toEqual([]);
    expect(TRUSTED_DOCUMENTS[name]).toBe(text);
  });

  it('costs at most the limit with every page size and depth at its maximum', () => {
    const variables: Record<string, unknown> = {};
    for (const definition of operation?.variableDefinitions ?? []) {
      const variable = definition.variable.name.value;
      const type = definition.type.kind === 'NonNullType' ? definition.type.type : definition.type;
      const typeName = type.kind === 'NamedType' ? type.name.value : '';
      if (variable in WORST_CASE) variables[variable] = WORST_CASE[variable];
      else if (typeName === 'Int') throw new Error(`${name}: add $${variable}'s worst case to WORST_CASE`);
    }
    const cost = estimateOperationCost(schema, document, operation!, variables);
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeLessThanOrEqual(LIMITS.maxCost);
  });
});

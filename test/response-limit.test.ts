/**
 * The response limit measures the answer as it will be sent and hands Yoga that text: an answer
 * over the limit is one RESPONSE_TOO_LARGE error, and one under it is sent as the very JSON of
 * the result (extensions included), whether it has errors or not. A small Yoga with the plugin
 * alone: the real schema's cost limit keeps its answers far below 4 MiB.
 */
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/limits';
import { useResponseLimit } from '../src/plugins/response-limit';

/** A plugin that adds `extensions` to every result, as cost-limit.ts and trace.ts do. */
const addExtension: Plugin = {
  onExecutionResult({ result, setResult }) {
    if (result && !(Symbol.asyncIterator in result)) setResult({ ...result, extensions: { n: 1 } });
  },
};

const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { text(length: Int!): String, failing: String }',
    resolvers: {
      Query: {
        text: (_root: unknown, args: { length: number }) => 'é'.repeat(args.length),
        failing: () => {
          throw new Error('boom');
        },
      },
    },
  }),
  logging: false,
  plugins: [useResponseLimit(), addExtension],
});

async function ask(query: string) {
  const response = await yoga.fetch('http://yoga.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, text: await response.text() };
}

describe('response limit', () => {
  it('sends an answer under the limit as the JSON of the result, extensions included', async () => {
    const { status, text } = await ask('{ text(length: 3) }');
    expect(status).toBe(200);
    expect(text).toBe(JSON.stringify({ data: { text: 'ééé' }, extensions: { n: 1 } }));
  });

  it('refuses an answer over the limit with RESPONSE_TOO_LARGE, keeping the extensions', async () => {
    const { text } = await ask(`{ text(length: ${LIMITS.maxResponseBytes}) }`);
    const body = JSON.parse(text);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: LIMITS.maxResponseBytes });
    expect(body.errors[0].extensions.bytes).toBeGreaterThan(LIMITS.maxResponseBytes);
    expect(body.extensions).toEqual({ n: 1 });
  });

  it('measures the data of an answer with errors, and still refuses it when too large', async () => {
    const small = JSON.parse((await ask('{ text(length: 2) failing }')).text);
    expect(small.data).toEqual({ text: 'éé', failing: null });
    expect(small.errors).toHaveLength(1);
    const large = JSON.parse((await ask(`{ text(length: ${LIMITS.maxResponseBytes}) failing }`)).text);
    expect(large.data).toBeUndefined();
    expect(large.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual([
      'RESPONSE_TOO_LARGE',
    ]);
  });
});

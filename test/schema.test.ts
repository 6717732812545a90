import { printSchema } from 'graphql';
import { expect, inject, it } from 'vitest';
import { schema } from '../src/schema';

it('schema/schema.graphql is the schema the code builds (regenerate with `npm run schema`)', () => {
  const printed = `${printSchema(schema)}\n`;
  if (printed !== inject('committedSchema')) {
    throw new Error('schema/schema.graphql is out of date: run `npm run schema` and commit the result');
  }
  expect(printed).toContain('type Paper implements Node');
});

/** Writes schema/schema.graphql from the code (`npm run schema`); a test fails when they drift. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { schema } from '../src/schema';

const path = join(import.meta.dirname, '..', 'schema', 'schema.graphql');
writeFileSync(path, `${printSchema(schema)}\n`);
console.log(`wrote ${path}`);

/**
 * The root lists of authors, institutions, keywords and venues: a name search and three sorts,
 * paged by keys (src/schema/connection.ts). Shared by the four type files, which declare the fields.
 */
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder';
import type { Context } from '../context';
import {
  countEntities,
  type EntityOrderField,
  entityOrder,
  type ListedEntity,
  listEntities,
} from '../db/entity-list.repository';
import { badUserInput } from '../errors';
import { keysetListConnection } from './connection';

export const EntityOrderFieldEnum = builder.enumType('EntityOrderField', {
  values: {
    NAME: { description: 'Name, A to Z (ASCII case folded); a keyword by its folded term.' },
    PAPER_COUNT: { description: 'Most papers first.' },
    CITATION_COUNT: { description: 'Most citations of its papers first (the sum of their citationCount).' },
  } satisfies Record<EntityOrderField, { description: string }>,
});

/** Longest name search: a name, not a document. */
const MAX_QUERY_LENGTH = 200;

/** The arguments every entity list takes besides the connection's. */
export interface EntityListArgs {
  query?: string | null;
  orderBy?: EntityOrderField | null;
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** One keyset page of an entity list: one statement, and one more for totalCount when asked. */
export function entityListConnection<Row extends object>(kind: ListedEntity, args: EntityListArgs, ctx: Context) {
  const query = args.query?.trim() || null;
  if (query && query.length > MAX_QUERY_LENGTH) {
    throw badUserInput(`"query" is at most ${MAX_QUERY_LENGTH} characters (got ${query.length})`);
  }
  const order = args.orderBy ?? 'NAME';
  return keysetListConnection<Row>(
    args,
    `${kind}s:${order}`,
    entityOrder(kind, order),
    async (window) => (await listEntities(ctx.db, kind, { query, order, window })) as Row[],
    () => countEntities(ctx.db, kind, query),
  );
}

export const entityListDescription = (plural: string) =>
  `All ${plural}, or those whose name contains \`query\` (ASCII case ignored), by name (default), papers or citations.`;

type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/** Declares the root list `plural` of an entity type (`authors`, `institutions` ...). */
export function entityListField<Shape extends object>(
  plural: string,
  ref: ObjectRef<SchemaTypes, Shape | number>,
  kind: ListedEntity,
): void {
  builder.queryField(plural, (t) =>
    t.connection({
      type: ref,
      description: entityListDescription(plural),
      args: {
        query: t.arg.string({ description: 'Part of the name (for keywords, of the term).' }),
        orderBy: t.arg({ type: EntityOrderFieldEnum, defaultValue: 'NAME' }),
      },
      resolve: (_root, args, ctx) => entityListConnection<Shape>(kind, args, ctx),
    }),
  );
}

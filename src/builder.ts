import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context';
import { decodeGlobalId, encodeGlobalId } from './schema/global-id';

/** The SchemaBuilder and its plugins only; types live in src/schema/<type>.ts. */
export const builder = new SchemaBuilder<{
  Context: Context;
  // Non-null unless a field says otherwise: a missing value is `nullable: true` on purpose.
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  // Every connection resolver returns a lazy total: counted only when a client asks for it, and by
  // the same loader as the matching count field (citationCount === citedBy.totalCount).
  Connection: { totalCount: () => Promise<number> };
}>({
  plugins: [RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
  },
});

builder.queryType({});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'Number of items in the whole connection, across all pages.',
    resolve: (connection) => connection.totalCount(),
  }),
);

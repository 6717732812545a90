import { builder } from '../builder';
import type { Context } from '../context';
import { externalIdsOf } from '../db/external-id.repository';
import type { ListedPaperRow } from '../db/paper.repository';
import { papersOfVenues } from '../db/paper-list.repository';
import { exactlyOneArgument, namespacedIdArgument } from './arguments';
import { type Relation, relationConnection, relationCount } from './connection';
import { entityListField } from './entity-list';
import { localIdOf } from './global-id';
import { readsListedPaperColumnsOnly } from './lookahead';
import { entityIdByKey } from './lookups';
import { ExternalId, Paper, Venue } from './refs';

const papersInVenue: Relation<ListedPaperRow> = {
  name: 'Venue.papers',
  ...papersOfVenues,
};

Venue.implement({
  description: 'A journal, conference or other source that publishes papers.',
  fields: (t) => ({
    name: t.exposeString('name'),
    issn: t.exposeString('issn', { nullable: true, description: 'Linking ISSN (ISSN-L), when known.' }),
    type: t.exposeString('type', { nullable: true, description: 'journal, conference, repository ...' }),
    externalIds: t.loadableGroup({
      type: ExternalId,
      load: (ids: number[], ctx: Context) => externalIdsOf(ctx.db, 'venue', ids),
      group: (row) => row.entity_id,
      resolve: (venue) => venue.id,
    }),
    papers: t.connection({
      type: Paper,
      description: 'Papers published here, newest first.',
      resolve: (venue, args, ctx, info) =>
        relationConnection(
          ctx,
          papersInVenue,
          venue.id,
          args,
          readsListedPaperColumnsOnly(info, info.fieldNodes, 'node'),
        ),
    }),
    paperCount: t.int({
      description: 'Always papers.totalCount.',
      resolve: (venue, _args, ctx) => relationCount(ctx, papersInVenue, venue.id),
    }),
  }),
});

builder.queryField('venue', (t) =>
  t.field({
    type: Venue,
    nullable: true,
    description: 'One venue by exactly one of: CiteQL id, ISSN. Null when unknown.',
    args: { id: t.arg.id(), issn: t.arg.string({ description: 'ISSN-L, e.g. 0891-2017.' }) },
    resolve: (_root, args, ctx) => {
      if (exactlyOneArgument('venue', args) === 'id') return localIdOf(String(args.id), 'Venue');
      return entityIdByKey(ctx, 'venue', namespacedIdArgument(String(args.issn), 'issn', 'issn').key);
    },
  }),
);

entityListField('venues', Venue, 'venue');

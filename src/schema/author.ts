import { builder } from '../builder';
import type { Context } from '../context';
import { findAuthorsByIds, type AuthorRow } from '../db/author.repository';
import { externalIdsOf, findEntityIdByKey } from '../db/external-id.repository';
import { countPapersOfAuthors, papersOfAuthors, type PaperRow } from '../db/paper.repository';
import { relationConnection, relationCount, type Relation } from './connection';
import { ExternalId } from './external-id';
import { localIdOf } from './global-id';
import { exactlyOneArgument, namespacedIdArgument } from './lookup';
import { Paper } from './paper';

export const Author = builder.loadableNodeRef('Author', {
  id: { resolve: (author: AuthorRow) => author.id, parse: (id) => Number(id) },
  load: (ids: number[], ctx: Context) => findAuthorsByIds(ctx.db, ids),
  sort: (author) => author.id,
});

const papersOfAuthor: Relation<PaperRow> = {
  name: 'Author.papers',
  page: papersOfAuthors,
  count: countPapersOfAuthors,
};

Author.implement({
  description: 'A person who authored papers.',
  fields: (t) => ({
    name: t.exposeString('name'),
    orcid: t.exposeString('orcid', { nullable: true, description: 'ORCID iD (0000-0000-0000-0000), when known.' }),
    externalIds: t.loadableGroup({
      type: ExternalId,
      load: (ids: number[], ctx: Context) => externalIdsOf(ctx.db, 'author', ids),
      group: (row) => row.entity_id,
      resolve: (author) => author.id,
    }),
    papers: t.connection({
      type: Paper,
      description: 'Papers with this author on the byline, newest first.',
      resolve: (author, args, ctx) => relationConnection(ctx, papersOfAuthor, author.id, args),
    }),
    paperCount: t.int({
      description: 'Always papers.totalCount.',
      resolve: (author, _args, ctx) => relationCount(ctx, papersOfAuthor, author.id),
    }),
  }),
});

builder.queryField('author', (t) =>
  t.field({
    type: Author,
    nullable: true,
    description: 'One author by exactly one of: CiteQL id, ORCID. Null when unknown.',
    args: { id: t.arg.id(), orcid: t.arg.string({ description: 'Bare (0000-0002-1825-0097) or as a URL.' }) },
    resolve: (_root, args, ctx) => {
      if (exactlyOneArgument('author', args) === 'id') return localIdOf(String(args.id), 'Author');
      return findEntityIdByKey(ctx.db, 'author', namespacedIdArgument(String(args.orcid), 'orcid', 'orcid').key);
    },
  }),
);

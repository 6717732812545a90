import { builder } from '../builder';
import type { Context } from '../context';
import {
  authorCitationMetrics,
  type CoauthorRow,
  coauthorsOfAuthors,
  countCoauthorsOfAuthors,
  institutionsOfAuthors,
  topKeywordsOfAuthors,
} from '../db/author.repository';
import { externalIdsOf } from '../db/external-id.repository';
import type { ListedPaperRow } from '../db/paper.repository';
import { papersOfAuthors } from '../db/paper-list.repository';
import { checkRange, exactlyOneArgument, namespacedIdArgument } from './arguments';
import { MAX_PAGE_SIZE, type Relation, relationConnection, relationCount, requestLoader } from './connection';
import { entityListField } from './entity-list';
import { localIdOf } from './global-id';
import { readsListedPaperColumnsOnly } from './lookahead';
import { entityIdByKey } from './lookups';
import { Author, AuthorInstitution, ExternalId, Institution, Keyword, KeywordCount, Paper } from './refs';

const papersOfAuthor: Relation<ListedPaperRow> = {
  name: 'Author.papers',
  ...papersOfAuthors,
};

const coauthorsOfAuthor: Relation<CoauthorRow> = {
  name: 'Author.coauthors',
  page: coauthorsOfAuthors,
  count: countCoauthorsOfAuthors,
};

/** Citation count and h-index of authors, one statement for every author in the response. */
const authorMetrics = (ctx: Context, authorId: number) =>
  requestLoader(ctx, 'Author.metrics', async (ids: number[]) => {
    const metrics = await authorCitationMetrics(ctx.db, ids);
    return ids.map((id) => metrics.get(id) ?? { parent_id: id, citation_count: 0, h_index: 0 });
  }).load(authorId);

AuthorInstitution.implement({
  description: 'An institution an author gave on their papers, with when.',
  fields: (t) => ({
    institution: t.field({ type: Institution, resolve: (row) => row.institution_id }),
    paperCount: t.int({ resolve: (row) => Number(row.paper_count) }),
    firstYear: t.exposeInt('first_year', { nullable: true }),
    lastYear: t.exposeInt('last_year', { nullable: true }),
  }),
});

KeywordCount.implement({
  description: "A keyword and on how many of the author's papers it appears.",
  fields: (t) => ({
    keyword: t.field({ type: Keyword, resolve: (row) => ({ id: row.keyword_id, term: row.term }) }),
    paperCount: t.int({ resolve: (row) => Number(row.paper_count) }),
  }),
});

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
      resolve: (author, args, ctx, info) =>
        relationConnection(
          ctx,
          papersOfAuthor,
          author.id,
          args,
          readsListedPaperColumnsOnly(info, info.fieldNodes, 'node'),
        ),
    }),
    paperCount: t.int({
      description: 'Always papers.totalCount.',
      resolve: (author, _args, ctx) => relationCount(ctx, papersOfAuthor, author.id),
    }),
    citationCount: t.int({
      description: "Citations of the author's papers: the sum of their citationCount.",
      resolve: async (author, _args, ctx) => (await authorMetrics(ctx, author.id)).citation_count,
    }),
    hIndex: t.int({
      description: "The largest h such that h of the author's papers have at least h citations each.",
      resolve: async (author, _args, ctx) => (await authorMetrics(ctx, author.id)).h_index,
    }),
    coauthors: t.connection(
      {
        type: Author,
        description: 'People who wrote papers with this author, most shared papers first.',
        resolve: (author, args, ctx) => relationConnection(ctx, coauthorsOfAuthor, author.id, args),
      },
      {},
      {
        fields: (edge) => ({
          sharedPaperCount: edge.int({ resolve: (e) => (e.node as CoauthorRow).shared_paper_count }),
        }),
      },
    ),
    institutions: t.loadableGroup({
      type: AuthorInstitution,
      description: "Institutions from the author's authorships, with the years of those papers; most recent first.",
      load: (ids: number[], ctx: Context) => institutionsOfAuthors(ctx.db, ids),
      group: (row) => row.author_id,
      resolve: (author) => author.id,
    }),
    keywords: t.field({
      type: [KeywordCount],
      description: "The keywords most frequent on the author's papers.",
      args: { first: t.arg.int({ required: true, defaultValue: 10, description: `1 to ${MAX_PAGE_SIZE}.` }) },
      resolve: (author, args, ctx) => {
        checkRange(args.first, 'first', 1, MAX_PAGE_SIZE);
        return requestLoader(ctx, `Author.keywords:${args.first}`, async (ids: number[]) => {
          const rows = await topKeywordsOfAuthors(ctx.db, ids, args.first);
          return ids.map((id) => rows.filter((row) => row.parent_id === id));
        }).load(author.id);
      },
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
      return entityIdByKey(ctx, 'author', namespacedIdArgument(String(args.orcid), 'orcid', 'orcid').key);
    },
  }),
);

entityListField('authors', Author, 'author');

import { builder } from '../builder';
import type { Context } from '../context';
import {
  type CooccurringKeywordRow,
  cooccurringKeywords,
  countCooccurringKeywords,
  keywordPapersByYear,
} from '../db/keyword.repository';
import type { ListedPaperRow } from '../db/paper.repository';
import { papersOfKeywords } from '../db/paper-list.repository';
import { normalizeText } from '../ids';
import { exactlyOneArgument } from './arguments';
import { type Relation, relationConnection, relationCount } from './connection';
import { entityListField } from './entity-list';
import { localIdOf } from './global-id';
import { readsListedPaperColumnsOnly } from './lookahead';
import { keywordIdByKey } from './lookups';
import { Keyword, Paper, YearCount } from './refs';

const papersWithKeyword: Relation<ListedPaperRow> = {
  name: 'Keyword.papers',
  ...papersOfKeywords,
};

const cooccurringWithKeyword: Relation<CooccurringKeywordRow> = {
  name: 'Keyword.cooccurring',
  page: cooccurringKeywords,
  count: countCooccurringKeywords,
};

Keyword.implement({
  description: 'A subject term given to papers (author keywords, OpenAlex keywords and concepts).',
  fields: (t) => ({
    term: t.exposeString('term'),
    papers: t.connection({
      type: Paper,
      description: 'Papers with this keyword, newest first.',
      resolve: (keyword, args, ctx, info) =>
        relationConnection(
          ctx,
          papersWithKeyword,
          keyword.id,
          args,
          readsListedPaperColumnsOnly(info, info.fieldNodes, 'node'),
        ),
    }),
    paperCount: t.int({
      description: 'Always papers.totalCount.',
      resolve: (keyword, _args, ctx) => relationCount(ctx, papersWithKeyword, keyword.id),
    }),
    cooccurring: t.connection(
      {
        type: Keyword,
        description: 'Keywords given to the same papers, most papers in common first.',
        resolve: (keyword, args, ctx) => relationConnection(ctx, cooccurringWithKeyword, keyword.id, args),
      },
      {},
      {
        fields: (edge) => ({
          sharedPaperCount: edge.int({ resolve: (e) => (e.node as CooccurringKeywordRow).shared_paper_count }),
        }),
      },
    ),
    papersByYear: t.loadableGroup({
      type: YearCount,
      description: 'Papers with this keyword per publication year (oldest first; unknown year last).',
      load: (ids: number[], ctx: Context) => keywordPapersByYear(ctx.db, ids),
      group: (row) => row.parent_id,
      resolve: (keyword) => keyword.id,
    }),
  }),
});

builder.queryField('keyword', (t) =>
  t.field({
    type: Keyword,
    nullable: true,
    description: 'One keyword by exactly one of: CiteQL id, term (case and spacing ignored). Null when unknown.',
    args: { id: t.arg.id(), term: t.arg.string() },
    resolve: (_root, args, ctx) => {
      if (exactlyOneArgument('keyword', args) === 'id') return localIdOf(String(args.id), 'Keyword');
      return keywordIdByKey(ctx, normalizeText(String(args.term)));
    },
  }),
);

entityListField('keywords', Keyword, 'keyword');

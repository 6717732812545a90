import { builder } from '../builder';
import type { Context } from '../context';
import { findKeywordIdByKey, findKeywordsByIds, type KeywordRow } from '../db/keyword.repository';
import { countPapersOfKeywords, papersOfKeywords, type PaperRow } from '../db/paper.repository';
import { normalizeText } from '../ids';
import { relationConnection, relationCount, type Relation } from './connection';
import { localIdOf } from './global-id';
import { exactlyOneArgument } from './lookup';
import { Paper } from './paper';

export const Keyword = builder.loadableNodeRef('Keyword', {
  id: { resolve: (keyword: KeywordRow) => keyword.id, parse: (id) => Number(id) },
  load: (ids: number[], ctx: Context) => findKeywordsByIds(ctx.db, ids),
  sort: (keyword) => keyword.id,
});

const papersWithKeyword: Relation<PaperRow> = {
  name: 'Keyword.papers',
  page: papersOfKeywords,
  count: countPapersOfKeywords,
};

Keyword.implement({
  description: 'A subject term given to papers (author keywords, OpenAlex keywords and concepts).',
  fields: (t) => ({
    term: t.exposeString('term'),
    papers: t.connection({
      type: Paper,
      description: 'Papers with this keyword, newest first.',
      resolve: (keyword, args, ctx) => relationConnection(ctx, papersWithKeyword, keyword.id, args),
    }),
    paperCount: t.int({
      description: 'Always papers.totalCount.',
      resolve: (keyword, _args, ctx) => relationCount(ctx, papersWithKeyword, keyword.id),
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
      return findKeywordIdByKey(ctx.db, normalizeText(String(args.term)));
    },
  }),
);

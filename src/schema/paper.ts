import { builder } from '../builder';
import type { Context } from '../context';
import { authorshipsOfPapers } from '../db/author.repository';
import { countReferencesOfPapers, type ReferenceRow, referencesOfPapers } from '../db/citation.repository';
import { externalIdsOf } from '../db/external-id.repository';
import { type KeywordOfPaperRow, keywordsOfPapers } from '../db/keyword.repository';
import { countPapers } from '../db/paper.repository';
import type { SortDirection } from '../db/search.repository';
import { badUserInput } from '../errors';
import { bareDoi, type ExternalIdRef, makeExternalId, parseExternalId } from '../ids';
import { exactlyOneArgument } from './arguments';
import { type Relation, relationConnection, relationCount } from './connection';
import { localIdOf } from './global-id';
import { subfieldNodes } from './lookahead';
import { institutionsByPosition, paperByKey } from './lookups';
import {
  connectionFields,
  edgeFields,
  orderOf,
  PaperFilterInput,
  paperSetConnection,
  paperSetOf,
  SortFieldEnum,
} from './paper-search';
import { Authorship, ExternalId, Keyword, Paper, Reference, Venue } from './refs';

/** `references`: every entry of the paper's reference list, in order, resolved or not. */
const referencesRelation: Relation<ReferenceRow> = {
  name: 'Paper.references',
  page: referencesOfPapers,
  count: countReferencesOfPapers,
};

Paper.implement({
  description: 'A scholarly work: article, proceedings paper, book chapter ...',
  fields: (t) => ({
    title: t.exposeString('title'),
    abstract: t.exposeString('abstract', { nullable: true }),
    year: t.exposeInt('year', { nullable: true, description: 'Publication year.' }),
    publicationDate: t.exposeString('publication_date', { nullable: true, description: 'ISO date, when known.' }),
    doi: t.exposeString('doi', { nullable: true, description: 'Bare DOI (10.xxxx/...), as the source wrote it.' }),
    type: t.exposeString('type', { nullable: true, description: 'Work type as the source names it (article ...).' }),
    language: t.exposeString('language', { nullable: true }),
    venue: t.field({ type: Venue, nullable: true, resolve: (paper) => paper.venue_id }),
    externalIds: t.loadableGroup({
      type: ExternalId,
      description: 'Every identifier of the paper: DOI, OpenAlex, ACL Anthology ...',
      load: (ids: number[], ctx: Context) => externalIdsOf(ctx.db, 'paper', ids),
      group: (row) => row.entity_id,
      resolve: (paper) => paper.id,
    }),
    authors: t.loadableGroup({
      type: Authorship,
      description: 'The byline, in order; each authorship carries the institutions given on this paper.',
      load: (ids: number[], ctx: Context) => authorshipsOfPapers(ctx.db, ids),
      group: (row) => row.paper_id,
      resolve: (paper, _args, ctx, info) => {
        // Asked for below: fetched with the byline, in its round trip, instead of a level later.
        // (Its rejection, if any, reaches the client through Authorship.institutions' own load.)
        if (subfieldNodes(info, 'institutions').length) institutionsByPosition(ctx, paper.id).catch(() => {});
        return paper.id;
      },
    }),
    keywords: t.loadableGroup({
      type: Keyword,
      load: (ids: number[], ctx: Context) => keywordsOfPapers(ctx.db, ids),
      // Typed with the Keyword shape; the loaded rows also carry the paper they belong to.
      group: (row) => (row as KeywordOfPaperRow).paper_id,
      resolve: (paper) => paper.id,
    }),
    references: t.connection({
      type: Reference,
      description: 'The reference list, in order; entries whose work is not in CiteQL have a null citedPaper.',
      resolve: (paper, args, ctx) => relationConnection(ctx, referencesRelation, paper.id, args),
    }),
    referenceCount: t.int({
      description: 'Entries in the reference list (always references.totalCount).',
      resolve: (paper, _args, ctx) => relationCount(ctx, referencesRelation, paper.id),
    }),
    citedBy: t.connection(
      {
        type: Paper,
        description:
          'Papers that cite this one, newest first (or as `orderBy` says), optionally searched and filtered. ' +
          'Keyset cursors: see `papers`.',
        args: {
          search: t.arg.string({ description: 'Full-text search within the citing papers (syntax: see `papers`).' }),
          filter: t.arg({ type: PaperFilterInput }),
          orderBy: t.arg({ type: PaperOrder }),
        },
        resolve: (paper, args, ctx) => {
          const set = paperSetOf(args.search, args.filter);
          const order = orderOf(args.orderBy, set, { field: 'YEAR', direction: 'DESC' });
          // Unsearched and unfiltered, the total is the maintained citation count, already in the row.
          const plain = set.match === null && Object.values(set.filters).every((value) => value === undefined);
          const count = plain ? async () => paper.citation_count : undefined;
          return paperSetConnection(ctx, set, order, args, paper.id, count);
        },
      },
      { name: 'PaperCitedByConnection', fields: connectionFields },
      { name: 'PaperCitedByConnectionEdge', fields: edgeFields },
    ),
    citationCount: t.exposeInt('citation_count', {
      description: 'Papers that cite this one (always citedBy.totalCount).',
    }),
  }),
});

const OrderDirectionEnum = builder.enumType('OrderDirection', {
  values: { ASC: {}, DESC: {} } satisfies Record<SortDirection, object>,
});

const PaperOrder = builder.inputType('PaperOrder', {
  fields: (t) => ({
    field: t.field({ type: SortFieldEnum, required: true }),
    direction: t.field({ type: OrderDirectionEnum, required: true, defaultValue: 'ASC' }),
  }),
});

builder.queryFields((t) => ({
  paper: t.field({
    type: Paper,
    nullable: true,
    description: 'One paper by exactly one of: its CiteQL id, its DOI, or any external identifier. Null when unknown.',
    args: {
      id: t.arg.id(),
      doi: t.arg.string({ description: 'A DOI, bare (10.1000/xyz) or as a URL (https://doi.org/10.1000/xyz).' }),
      externalId: t.arg.string({
        description: '"namespace:value" (acl:P08-1001, openalex:W2741809807, doi:10.1000/x) or an id URL.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const given = exactlyOneArgument('paper', args);
      if (given === 'id') return localIdOf(String(args.id), 'Paper');
      const ref = given === 'doi' ? doiArgument(String(args.doi)) : externalIdArgument(String(args.externalId));
      // The row itself, not its id: the lookup and the load are one statement.
      return paperByKey(ctx, ref.key);
    },
  }),
  papers: t.connection(
    {
      type: Paper,
      description:
        'Papers, optionally searched and filtered, in a stable order (ties broken by id). Without `search`: ' +
        'by id unless `orderBy` says otherwise; with it, most relevant first. `search` reads words (all must ' +
        'occur), "phrases", prefix* and AND, OR, NOT (upper case) with brackets, over title, abstract, ' +
        'keywords, venue and author names; Chinese, Japanese and Korean text matches from two characters ' +
        '(one character as a prefix). Cursors are keyset positions: a page boundary does not move when ' +
        'papers are added; a RELEVANCE cursor is exact for the data version it came from.',
      args: {
        search: t.arg.string(),
        filter: t.arg({ type: PaperFilterInput }),
        orderBy: t.arg({ type: PaperOrder }),
      },
      resolve: (_root, args, ctx) => {
        const set = paperSetOf(args.search, args.filter);
        const order = orderOf(args.orderBy, set, { field: 'ID', direction: 'ASC' });
        // Unsearched and unfiltered, the total is the table's row count (no join).
        const plain = set.match === null && Object.values(set.filters).every((value) => value === undefined);
        return paperSetConnection(ctx, set, order, args, null, plain ? () => countPapers(ctx.db) : undefined);
      },
    },
    { name: 'QueryPapersConnection', fields: connectionFields },
    { name: 'QueryPapersConnectionEdge', fields: edgeFields },
  ),
}));

/** `namespace:value` or an identifier URL, or an error that shows the accepted forms. */
function externalIdArgument(input: string): ExternalIdRef {
  const ref = parseExternalId(input);
  if (!ref) {
    throw badUserInput(
      '"externalId" must be "namespace:value" (e.g. "acl:P08-1001", "openalex:W2741809807", "doi:10.1000/xyz") ' +
        `or an identifier URL (e.g. "https://aclanthology.org/P08-1001"); got "${input}"`,
    );
  }
  return ref;
}

/** A DOI in any written form (src/ids.ts grammar) that also looks like one (10.<registrant>/<suffix>). */
function doiArgument(input: string) {
  const bare = bareDoi(input);
  const ref = bare !== null && /^10\.\d{4,9}\/\S+$/.test(bare) ? makeExternalId('doi', bare) : null;
  if (!ref) throw badUserInput(`"doi" must look like 10.1000/xyz (or https://doi.org/10.1000/xyz); got "${input}"`);
  return ref;
}

import { builder } from '../builder';
import type { Context } from '../context';
import { type AuthorshipRow, authorshipsOfPapers } from '../db/author.repository';
import { countReferencesOfPapers, type ReferenceRow, referencesOfPapers } from '../db/citation.repository';
import { externalIdsOf } from '../db/external-id.repository';
import { authorshipsWithInstitutionsOfPapers, splitAuthorshipsWithInstitutions } from '../db/institution.repository';
import { keywordsOfPapers } from '../db/keyword.repository';
import { countPapers } from '../db/paper.repository';
import { keysetPage, type SortDirection } from '../db/search.repository';
import { badUserInput } from '../errors';
import { bareDoi, type ExternalIdRef, makeExternalId, parseExternalId } from '../ids';
import { exactlyOneArgument } from './arguments';
import { type Relation, relationConnection, relationCount, requestLoader, rowsByKey } from './connection';
import { localIdOf } from './global-id';
import { readsListedPaperColumnsOnly, subfieldNodes } from './lookahead';
import {
  institutionsByPosition,
  institutionsByPositionOf,
  institutionsLoader,
  paperByKey,
  paperColumn,
} from './lookups';
import {
  connectionFields,
  edgeFields,
  type Order,
  orderOf,
  PaperFilterInput,
  paperSetConnection,
  paperSetOf,
  paperSetPageLoader,
  paperSetPageOf,
  paperSetRowParent,
  SortFieldEnum,
} from './paper-search';
import { paperRowsLoad, prefetchPaperFields, primeAll, primeByPaper, registerPaperPrefetch } from './prefetch';
import { Authorship, ExternalId, Keyword, Paper, Reference, Venue } from './refs';

/** `references`: every entry of the paper's reference list, in order, resolved or not. */
const referencesRelation: Relation<ReferenceRow> = {
  name: 'Paper.references',
  page: referencesOfPapers,
  count: countReferencesOfPapers,
};

/** Each paper's byline, with its authors' rows (src/schema/prefetch.ts primes it with the paper's lookup). */
const bylineLoader = (ctx: Context) =>
  requestLoader<number, AuthorshipRow[]>(ctx, 'Paper.authors', async (ids) =>
    rowsByKey(ids, await authorshipsOfPapers(ctx.db, ids), (row) => row.paper_id),
  );
/** Each paper's keywords, in order. */
const keywordsOf = paperRowsLoad('keywords', keywordsOfPapers, (row) => row.paper_id);

/** `citedBy` without `orderBy`: newest first. */
const CITED_BY_ORDER: Order = { field: 'YEAR', direction: 'DESC' };

Paper.implement({
  description: 'A scholarly work: article, proceedings paper, book chapter ...',
  fields: (t) => ({
    title: t.exposeString('title'),
    // The columns a page may leave out (listedPaperColumns) are read with paperColumn, never exposed.
    abstract: t.string({ nullable: true, resolve: (paper, _args, ctx) => paperColumn(ctx, paper, 'abstract') }),
    year: t.exposeInt('year', { nullable: true, description: 'Publication year.' }),
    publicationDate: t.string({
      nullable: true,
      description: 'ISO date, when known.',
      resolve: (paper, _args, ctx) => paperColumn(ctx, paper, 'publication_date'),
    }),
    doi: t.string({
      nullable: true,
      description: 'Bare DOI (10.xxxx/...), as the source wrote it.',
      resolve: (paper, _args, ctx) => paperColumn(ctx, paper, 'doi'),
    }),
    type: t.string({
      nullable: true,
      description: 'Work type as the source names it (article ...).',
      resolve: (paper, _args, ctx) => paperColumn(ctx, paper, 'type'),
    }),
    language: t.string({ nullable: true, resolve: (paper, _args, ctx) => paperColumn(ctx, paper, 'language') }),
    venue: t.field({
      type: Venue,
      nullable: true,
      resolve: (paper, _args, ctx) => paperColumn(ctx, paper, 'venue_id'),
    }),
    externalIds: t.loadableGroup({
      type: ExternalId,
      description: 'Every identifier of the paper: DOI, OpenAlex, ACL Anthology ...',
      load: (ids: number[], ctx: Context) => externalIdsOf(ctx.db, 'paper', ids),
      group: (row) => row.entity_id,
      resolve: (paper) => paper.id,
    }),
    authors: t.field({
      type: [Authorship],
      description: 'The byline, in order; each authorship carries the institutions given on this paper.',
      resolve: (paper, _args, ctx, info) => {
        // Asked for below: fetched with the byline, in its round trip, instead of a level later.
        // (Its rejection, if any, reaches the client through Authorship.institutions' own load.)
        if (subfieldNodes(info, 'institutions').length) institutionsByPosition(ctx, paper.id).catch(() => {});
        return bylineLoader(ctx).load(paper.id);
      },
    }),
    keywords: t.field({
      type: [Keyword],
      resolve: (paper, _args, ctx) => keywordsOf(ctx, paper.id),
    }),
    references: t.connection({
      type: Reference,
      description: 'The reference list, in order; entries whose work is not in CiteQL have a null citedPaper.',
      resolve: (paper, args, ctx, info) =>
        relationConnection(
          ctx,
          referencesRelation,
          paper.id,
          args,
          readsListedPaperColumnsOnly(info, info.fieldNodes, 'citedPaper'),
        ),
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
        resolve: (paper, args, ctx, info) => {
          const set = paperSetOf(args.search, args.filter);
          const order = orderOf(args.orderBy, set, CITED_BY_ORDER);
          const listed = readsListedPaperColumnsOnly(info, info.fieldNodes, 'node');
          // Unsearched and unfiltered, the total is the maintained citation count, already in the row.
          const plain = set.match === null && Object.values(set.filters).every((value) => value === undefined);
          const count = plain ? async () => paper.citation_count : undefined;
          return paperSetConnection(ctx, set, order, args, paper.id, listed, count);
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

// The byline, with its institutions in the same statement when they are asked below it (the
// resolver itself starts them with the byline, a statement each).
registerPaperPrefetch('authors', ({ ctx, info, nodes, fetch }) => {
  const byPaper = (row: AuthorshipRow) => row.paper_id;
  if (subfieldNodes(info, 'institutions', nodes).length === 0) {
    fetch(
      'Paper.authors',
      (papers) => authorshipsOfPapers(ctx.db, papers),
      (rows, paperIds) => primeByPaper(bylineLoader(ctx), paperIds, rows, byPaper),
    );
    return;
  }
  fetch(
    'Paper.authors+institutions',
    (papers) => authorshipsWithInstitutionsOfPapers(ctx.db, papers),
    (rows, paperIds) => {
      const { authorships, institutions } = splitAuthorshipsWithInstitutions(rows);
      primeByPaper(bylineLoader(ctx), paperIds, authorships, byPaper);
      primeAll(institutionsLoader(ctx), paperIds, institutionsByPositionOf(paperIds, institutions));
    },
  );
});

// `citedBy` as a plain list (any order; no search, no filter): the page the field would load. A
// searched or filtered one keeps its own round trip.
registerPaperPrefetch('citedBy', ({ ctx, info, uses, fetch }) => {
  for (const { args: fieldArgs, nodes } of uses) {
    if (fieldArgs.search != null || fieldArgs.filter != null) continue;
    const set = paperSetOf(null, null);
    const listed = readsListedPaperColumnsOnly(info, nodes, 'node');
    let page: ReturnType<typeof paperSetPageOf>;
    try {
      page = paperSetPageOf(orderOf(fieldArgs.orderBy as Order | null, set, CITED_BY_ORDER), fieldArgs, listed);
    } catch {
      continue; // refused arguments: the field reports them
    }
    if (page.limit <= 1) continue; // an empty page loads nothing
    fetch(
      `Paper.citedBy:${JSON.stringify(page)}`,
      (papers) => keysetPage(ctx.db, set, papers, page),
      (rows, paperIds) => primeByPaper(paperSetPageLoader(ctx, set, page, true), paperIds, rows, paperSetRowParent),
    );
  }
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
    resolve: async (_root, args, ctx, info) => {
      const given = exactlyOneArgument('paper', args);
      // The fields asked for below go with the paper's row, in the same round trip (src/schema/prefetch.ts).
      if (given === 'id') {
        const id = localIdOf(String(args.id), 'Paper');
        const [paper] = await Promise.all([Paper.getDataloader(ctx).load(id), prefetchPaperFields(ctx, { id }, info)]);
        return paper;
      }
      const ref = given === 'doi' ? doiArgument(String(args.doi)) : externalIdArgument(String(args.externalId));
      // The row itself, not its id: the lookup and the load are one statement.
      const [paper] = await Promise.all([paperByKey(ctx, ref.key), prefetchPaperFields(ctx, { key: ref.key }, info)]);
      return paper;
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
      resolve: (_root, args, ctx, info) => {
        const set = paperSetOf(args.search, args.filter);
        const order = orderOf(args.orderBy, set, { field: 'ID', direction: 'ASC' });
        const listed = readsListedPaperColumnsOnly(info, info.fieldNodes, 'node');
        // Unsearched and unfiltered, the total is the table's row count (no join).
        const plain = set.match === null && Object.values(set.filters).every((value) => value === undefined);
        return paperSetConnection(ctx, set, order, args, null, listed, plain ? () => countPapers(ctx.db) : undefined);
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

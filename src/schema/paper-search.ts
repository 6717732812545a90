/**
 * Search, filters, sorting, facets and keyset cursors for the paper sets `papers` and `citedBy`.
 *
 * Cursors are keyset positions: base64 of [sort field, sort value, paper id]. A page is "the items
 * after (or before) this position", so a page boundary stays put when other papers arrive, there is
 * no depth wall, and paging a set to the end in either direction yields every item once. For
 * RELEVANCE the value is the bm25 score, which depends on the whole index (document count, average
 * lengths): a cursor is exact for the data version it came from; after an import the scores move a
 * little and a cursor resumes at the nearest score, possibly skipping or repeating an item near the
 * boundary. Sorting by a column has no such drift.
 */

import { builder } from '../builder';
import type { Context } from '../context';
import {
  countPaperSet,
  type FacetKind,
  type FacetRow,
  facetCounts,
  type Keyset,
  type KeysetPage,
  keysetPage,
  type PaperFilters,
  type PaperSetQuery,
  type SortDirection,
  type SortedPaperRow,
  type SortField,
} from '../db/search.repository';
import { badUserInput } from '../errors';
import { type HighlightEscape, highlightText } from '../search/highlight';
import { type HighlightTerms, parseSearch, SearchSyntaxError } from '../search/query';
import {
  checkPageSize,
  decodeCursor,
  encodeCursor,
  lazyCursorPage,
  requestLoader,
  rowsByKey,
  withPaperColumns,
} from './connection';
import { encodeGlobalId, localIdOf } from './global-id';
import { paperColumn } from './lookups';

const DEFAULT_PAGE_SIZE = 20;
const MAX_FACET_SIZE = 100;
const MAX_MARKER_LENGTH = 64;

export const SortFieldEnum = builder.enumType('PaperOrderField', {
  values: {
    RELEVANCE: { description: 'bm25 rank of the search (title weighted above abstract); needs `search`.' },
    ID: { description: 'Order of arrival in CiteQL.' },
    YEAR: { description: 'Publication year (papers without one come first ascending, last descending).' },
    TITLE: { description: 'Title, case-insensitive.' },
    CITATION_COUNT: { description: 'Number of citing papers.' },
  } satisfies Record<SortField, { description: string }>,
});

const IntRange = builder.inputType('IntRange', {
  description: 'An inclusive range; either end may be left open.',
  fields: (t) => ({ min: t.int(), max: t.int() }),
});

export const PaperFilterInput = builder.inputType('PaperFilter', {
  description: 'Every field given must hold (AND); a list matches any of its values (OR).',
  fields: (t) => ({
    year: t.field({ type: IntRange }),
    type: t.stringList({ description: 'Work types as the source names them (article, proceedings-article ...).' }),
    venue: t.idList(),
    author: t.idList(),
    institution: t.idList({ description: 'Papers with an author who gave one of these institutions on them.' }),
    country: t.stringList({ description: 'Countries of the institutions given on the paper, as stored (ISO codes).' }),
    keyword: t.idList(),
    hasAbstract: t.boolean(),
    hasDoi: t.boolean(),
    citationCount: t.field({ type: IntRange }),
    cites: t.id({ description: 'Papers that cite this paper.' }),
    citedBy: t.id({ description: 'Papers that this paper cites.' }),
  }),
});

const HighlightEscapeEnum = builder.enumType('HighlightEscape', {
  values: {
    NONE: { description: 'The text as stored, markers inserted.' },
    HTML: { description: 'The text HTML-escaped (& < > " \'), the markers inserted as given: safe in HTML.' },
  } satisfies Record<HighlightEscape, object>,
});

interface FilterArgs {
  year?: { min?: number | null; max?: number | null } | null;
  type?: readonly string[] | null;
  venue?: readonly (string | number)[] | null;
  author?: readonly (string | number)[] | null;
  institution?: readonly (string | number)[] | null;
  country?: readonly string[] | null;
  keyword?: readonly (string | number)[] | null;
  hasAbstract?: boolean | null;
  hasDoi?: boolean | null;
  citationCount?: { min?: number | null; max?: number | null } | null;
  cites?: string | number | null;
  citedBy?: string | number | null;
}

const ids = (list: readonly (string | number)[] | null | undefined, typename: string) =>
  list ? [...new Set(list.map((id) => localIdOf(String(id), typename)))] : undefined;
const orUndefined = <T>(value: T | null | undefined) => (value === null ? undefined : value);

/** The repository's filters, ids decoded (BAD_USER_INPUT for an id of the wrong type). */
export function filtersOf(args: FilterArgs | null | undefined): PaperFilters {
  if (!args) return {};
  return {
    yearMin: orUndefined(args.year?.min),
    yearMax: orUndefined(args.year?.max),
    types: args.type ? [...args.type] : undefined,
    venueIds: ids(args.venue, 'Venue'),
    authorIds: ids(args.author, 'Author'),
    institutionIds: ids(args.institution, 'Institution'),
    countries: args.country ? [...args.country] : undefined,
    keywordIds: ids(args.keyword, 'Keyword'),
    hasAbstract: orUndefined(args.hasAbstract),
    hasDoi: orUndefined(args.hasDoi),
    citationCountMin: orUndefined(args.citationCount?.min),
    citationCountMax: orUndefined(args.citationCount?.max),
    cites: args.cites == null ? undefined : localIdOf(String(args.cites), 'Paper'),
    citedBy: args.citedBy == null ? undefined : localIdOf(String(args.citedBy), 'Paper'),
  };
}

/** A paper set as the client described it: the MATCH, the filters and the highlight terms. */
export interface PaperSet extends PaperSetQuery {
  highlight: HighlightTerms | null;
  /** Keys the request's loaders: equal sets share statements. */
  signature: string;
}

export function paperSetOf(search: string | null | undefined, filter: FilterArgs | null | undefined): PaperSet {
  let match: string | null = null;
  let highlight: HighlightTerms | null = null;
  if (search !== null && search !== undefined) {
    try {
      const parsed = parseSearch(search);
      match = parsed.match;
      highlight = parsed.highlight;
    } catch (error) {
      if (error instanceof SearchSyntaxError) throw badUserInput(`"search": ${error.message}`);
      throw error;
    }
  }
  const filters = filtersOf(filter);
  return { match, filters, highlight, signature: JSON.stringify([match, filters]) };
}

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const CURSOR_PREFIX = 'keyset:';

/** A TITLE cursor holds any script: encodeCursor takes UTF-8. */
function paperCursor(field: SortField, row: SortedPaperRow): string {
  return encodeCursor(CURSOR_PREFIX, [field, row.sort_value, row.id]);
}

function decodePaperCursor(cursor: string, field: SortField, argName: string): Keyset {
  const parsed = decodeCursor(CURSOR_PREFIX, cursor);
  const valid =
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    parsed[0] === field &&
    (parsed[1] === null || typeof parsed[1] === 'number' || typeof parsed[1] === 'string') &&
    Number.isSafeInteger(parsed[2]);
  if (!valid) {
    throw badUserInput(
      `"${argName}" is not a cursor of this list in this order; pass a cursor from its edges or pageInfo`,
    );
  }
  const [, value, id] = parsed as [string, number | string | null, number];
  return { value, id };
}

export interface Order {
  field: SortField;
  direction: SortDirection;
}

/** The order asked for, or the default: relevance with a search, `fallback` without. */
export function orderOf(
  orderBy: { field: SortField; direction?: SortDirection | null } | null | undefined,
  set: PaperSet,
  fallback: Order,
): Order {
  if (!orderBy) return set.match !== null ? { field: 'RELEVANCE', direction: 'DESC' } : fallback;
  if (orderBy.field === 'RELEVANCE' && set.match === null) {
    throw badUserInput('orderBy RELEVANCE needs a "search"');
  }
  return { field: orderBy.field, direction: orderBy.direction ?? 'ASC' };
}

export interface SearchEdge {
  cursor: string;
  node: SortedPaperRow;
  terms: HighlightTerms | null;
}

export interface PaperSetConnection {
  edges: SearchEdge[];
  pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean };
  totalCount: () => Promise<number>;
  facetSource: FacetSource;
}

interface FacetSource {
  set: PaperSet;
  parentId: number;
  /** Null for a root list; the parent's citers otherwise. */
  nested: boolean;
}

/**
 * The page of a paper set that Relay arguments select, fetched with one row more than it shows;
 * `listedPaperColumns`: its papers are read for their listed columns only (lookahead.ts).
 */
export function paperSetPageOf(order: Order, args: PageArgs, listedPaperColumns: boolean): KeysetPage {
  checkPageSize(args.first, 'first');
  checkPageSize(args.last, 'last');
  const after = args.after ? decodePaperCursor(args.after, order.field, 'after') : null;
  const before = args.before ? decodePaperCursor(args.before, order.field, 'before') : null;
  const fromEnd = args.last != null && args.first == null;
  const limit = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
  return withPaperColumns<KeysetPage>({ ...order, after, before, fromEnd, limit: limit + 1 }, listedPaperColumns);
}

/** The parent a paper-set row belongs to (D1 may hand the column back as text). */
export const paperSetRowParent = (row: SortedPaperRow) => Number(row.parent_id);

/**
 * The request's loader of one page of a paper set: the root list (`nested` false, key 0), or the
 * citers of each paper asked for in this tick (src/schema/prefetch.ts primes it with the lookup).
 */
export function paperSetPageLoader(ctx: Context, set: PaperSet, page: KeysetPage, nested: boolean) {
  return requestLoader<number, SortedPaperRow[]>(
    ctx,
    `PaperSet#page:${nested}:${set.signature}:${JSON.stringify(page)}`,
    // A root list's rows are all parent 0's.
    async (parents) =>
      rowsByKey(parents, await keysetPage(ctx.db, set, nested ? parents : null, page), paperSetRowParent),
  );
}

/**
 * One page of a paper set as a connection. `parentId` null: the root list (one statement);
 * otherwise the citers of that paper, batched with every parent asked for the same page in this tick.
 */
export async function paperSetConnection(
  ctx: Context,
  set: PaperSet,
  order: Order,
  args: PageArgs,
  parentId: number | null,
  listedPaperColumns: boolean,
  count?: () => Promise<number>,
): Promise<PaperSetConnection> {
  const page = paperSetPageOf(order, args, listedPaperColumns);
  const { after, before, fromEnd } = page;
  const limit = page.limit - 1;
  const nested = parentId !== null;
  const key = nested ? parentId : 0;
  const rows = limit > 0 ? await paperSetPageLoader(ctx, set, page, nested).load(key) : [];
  const more = rows.length > limit;
  let nodes = fromEnd ? rows.slice(Math.max(rows.length - limit, 0)) : rows.slice(0, limit);
  if (args.first != null && args.last != null) nodes = nodes.slice(Math.max(nodes.length - args.last, 0));

  let total: Promise<number> | null = null;
  const totalCount =
    count ??
    (() =>
      (total ??= requestLoader<number, number>(ctx, `PaperSet#count:${nested}:${set.signature}`, async (parents) => {
        const counts = await countPaperSet(ctx.db, set, nested ? parents : null);
        return parents.map((parent) => counts.get(parent) ?? 0);
      }).load(key)));
  return {
    ...lazyCursorPage(
      nodes,
      (node) => paperCursor(order.field, node),
      fromEnd ? more : after !== null,
      fromEnd ? before !== null : more,
      { terms: set.highlight },
    ),
    totalCount,
    facetSource: { set, parentId: key, nested },
  };
}

interface FacetValueShape {
  value: string;
  count: number;
  id: string | null;
}

const FacetValue = builder.objectRef<FacetValueShape>('FacetValue').implement({
  description: 'One value of a facet and the number of papers of the whole result that have it.',
  fields: (t) => ({
    value: t.exposeString('value'),
    count: t.exposeInt('count'),
    id: t.exposeID('id', {
      nullable: true,
      description: 'The Venue, Keyword or Institution id, to filter by; null for year, type and country.',
    }),
  }),
});

const ENTITY_OF: Partial<Record<FacetKind, string>> = {
  VENUE: 'Venue',
  KEYWORD: 'Keyword',
  INSTITUTION: 'Institution',
};

function facetField(kind: FacetKind) {
  return (source: FacetSource & { top: number }, _args: unknown, ctx: Context) =>
    requestLoader<number, FacetValueShape[]>(
      ctx,
      `PaperSet#facet:${kind}:${source.top}:${source.nested}:${source.set.signature}`,
      async (parents) => {
        const rows = await facetCounts(ctx.db, source.set, source.nested ? parents : null, kind, source.top);
        const entity = ENTITY_OF[kind];
        const shape = (row: FacetRow): FacetValueShape => ({
          value: String(row.value),
          count: row.count,
          id: entity && row.entity_id !== null ? encodeGlobalId(entity, row.entity_id) : null,
        });
        return parents.map((parent) => rows.filter((row) => row.parent_id === parent).map(shape));
      },
    ).load(source.parentId);
}

const PaperFacets = builder.objectRef<FacetSource & { top: number }>('PaperFacets').implement({
  description:
    'Counts over the whole result (every page), the most frequent values first, then by value. ' +
    'A paper counts once per value; papers without the value are not counted.',
  fields: (t) => ({
    year: t.field({ type: [FacetValue], resolve: facetField('YEAR') }),
    type: t.field({ type: [FacetValue], resolve: facetField('TYPE') }),
    venue: t.field({ type: [FacetValue], resolve: facetField('VENUE') }),
    keyword: t.field({ type: [FacetValue], resolve: facetField('KEYWORD') }),
    institution: t.field({ type: [FacetValue], resolve: facetField('INSTITUTION') }),
    country: t.field({ type: [FacetValue], resolve: facetField('COUNTRY') }),
  }),
});

const PaperHighlight = builder.objectRef<{ title: string; abstract: string | null }>('PaperHighlight').implement({
  fields: (t) => ({
    title: t.exposeString('title'),
    abstract: t.exposeString('abstract', { nullable: true }),
  }),
});

/** The `facets` field of a paper-set connection. */
export const connectionFields = (t: PothosConnectionFieldBuilder) => ({
  facets: t.field({
    type: PaperFacets,
    description: 'Facet counts over the whole result, whatever the page.',
    args: { top: t.arg.int({ defaultValue: 10, description: `Values per facet, 1 to ${MAX_FACET_SIZE}.` }) },
    resolve: (connection: unknown, args: { top?: number | null }) => {
      const top = args.top ?? 10;
      if (top < 1 || top > MAX_FACET_SIZE) throw badUserInput(`"top" must be between 1 and ${MAX_FACET_SIZE}`);
      return { ...(connection as PaperSetConnection).facetSource, top };
    },
  }),
});

/** The `highlight` field of a paper-set edge. */
export const edgeFields = (t: PothosEdgeFieldBuilder) => ({
  highlight: t.field({
    type: PaperHighlight,
    nullable: true,
    description:
      'Title and abstract with the searched terms between `open` and `close`; null without a search. ' +
      'With escape: HTML the text is HTML-escaped and the markers are not.',
    args: {
      open: t.arg.string({ defaultValue: '<b>' }),
      close: t.arg.string({ defaultValue: '</b>' }),
      escape: t.arg({ type: HighlightEscapeEnum, defaultValue: 'NONE' }),
    },
    resolve: async (
      edge: unknown,
      args: { open?: string | null; close?: string | null; escape?: HighlightEscape | null },
      ctx: Context,
    ) => {
      const { node, terms } = edge as SearchEdge;
      if (!terms) return null;
      const open = args.open ?? '<b>';
      const close = args.close ?? '</b>';
      if (open.length > MAX_MARKER_LENGTH || close.length > MAX_MARKER_LENGTH) {
        throw badUserInput(`"open" and "close" are at most ${MAX_MARKER_LENGTH} characters`);
      }
      const marks = { open, close, escape: args.escape ?? 'NONE' };
      // The page reads every column when `highlight` is asked (lookahead.ts `readsListedPaperColumnsOnly`), so
      // this is the row's own abstract.
      const abstract = await paperColumn(ctx, node, 'abstract');
      return {
        title: highlightText(node.title, terms, marks),
        abstract: abstract === null ? null : highlightText(abstract, terms, marks),
      };
    },
  }),
});

// biome-ignore lint/suspicious/noExplicitAny: Pothos' field builder types for connection/edge objects
type PothosConnectionFieldBuilder = any;
// biome-ignore lint/suspicious/noExplicitAny: as above
type PothosEdgeFieldBuilder = any;

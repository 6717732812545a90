/**
 * Every object type's ref, declared before any type is implemented (the Pothos circular-references
 * layout): each type file imports the refs it needs from here and implements its own, so type files
 * never import one another. Node refs carry their loader because Pothos takes it at declaration.
 */
import { builder } from '../builder';
import type { Context } from '../context';
import {
  type AuthorInstitutionRow,
  type AuthorRow,
  type AuthorshipRow,
  findAuthorsByIds,
  type TermCountRow,
} from '../db/author.repository';
import type { ReferenceRow } from '../db/citation.repository';
import type { ExternalIdRow } from '../db/external-id.repository';
import { findInstitutionsByIds, type InstitutionRow } from '../db/institution.repository';
import { findKeywordsByIds, type KeywordRow } from '../db/keyword.repository';
import type {
  NetworkDirection as Direction,
  NetworkRows,
  ReferenceGroupRow,
  YearCountRow,
} from '../db/network.repository';
import { findPapersByIds, type ListedPaperRow } from '../db/paper.repository';
import { findVenuesByIds, type VenueRow } from '../db/venue.repository';

/**
 * A Paper is backed by a page's row, which may lack the columns its page did not ask for
 * (paper.repository `ListedPaperRow`); Paper's fields read those through `paperColumn`.
 */
export const Paper = builder.loadableNodeRef('Paper', {
  id: { resolve: (paper: ListedPaperRow) => paper.id, parse: (id) => Number(id) },
  load: (ids: number[], ctx: Context) => findPapersByIds(ctx.db, ids),
  sort: (paper) => paper.id,
});

export const Author = builder.loadableNodeRef('Author', {
  id: { resolve: (author: AuthorRow) => author.id, parse: (id) => Number(id) },
  load: (ids: number[], ctx: Context) => findAuthorsByIds(ctx.db, ids),
  sort: (author) => author.id,
});

export const Institution = builder.loadableNodeRef('Institution', {
  id: { resolve: (institution: InstitutionRow) => institution.id, parse: (id) => Number(id) },
  load: (ids: number[], ctx: Context) => findInstitutionsByIds(ctx.db, ids),
  sort: (institution) => institution.id,
});

export const Keyword = builder.loadableNodeRef('Keyword', {
  id: { resolve: (keyword: KeywordRow) => keyword.id, parse: (id) => Number(id) },
  load: (ids: number[], ctx: Context) => findKeywordsByIds(ctx.db, ids),
  sort: (keyword) => keyword.id,
});

export const Venue = builder.loadableNodeRef('Venue', {
  id: { resolve: (venue: VenueRow) => venue.id, parse: (id) => Number(id) },
  load: (ids: number[], ctx: Context) => findVenuesByIds(ctx.db, ids),
  sort: (venue) => venue.id,
});

export const Authorship = builder.objectRef<AuthorshipRow>('Authorship');
export const AuthorInstitution = builder.objectRef<AuthorInstitutionRow>('AuthorInstitution');
export const KeywordCount = builder.objectRef<TermCountRow>('KeywordCount');
export const ExternalId = builder.objectRef<ExternalIdRow>('ExternalId');
export const Reference = builder.objectRef<ReferenceRow>('Reference');
export const ReferenceGroup = builder.objectRef<ReferenceGroupRow>('ReferenceGroup');
export const YearCount = builder.objectRef<YearCountRow>('YearCount');

export interface CitationNetworkShape {
  nodes: NetworkRows['nodes'];
  edges: NetworkRows['edges'];
  /** Papers in the neighbourhood before `limit` cut it. */
  reached: number;
}

type CitationPathShape = Array<{ id: number; citedByPrevious: boolean }>;

export const CitationNetwork = builder.objectRef<CitationNetworkShape>('CitationNetwork');
export const NetworkNode = builder.objectRef<NetworkRows['nodes'][number]>('NetworkNode');
export const CitationEdge = builder.objectRef<{ citing: number; cited: number }>('CitationEdge');
export const CitationPath = builder.objectRef<CitationPathShape>('CitationPath');

/** An enum is complete where it is declared; its values are typed by the repository that takes them. */
export const NetworkDirection = builder.enumType('NetworkDirection', {
  values: {
    REFERENCES: { description: 'Follow reference lists: what the paper cites, and what those cite.' },
    CITATIONS: { description: 'Follow citations: who cites the paper, and who cites those.' },
    BOTH: { description: 'Either way.' },
  } satisfies Record<Direction, { description: string }>,
});

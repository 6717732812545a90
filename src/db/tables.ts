import type { Insertable } from 'kysely';

/**
 * Kysely table types: one interface per table, columns as SQL names them. Result types of
 * repositories are declared next to the repository (`Selectable<...>` or narrower); these
 * interfaces are never used as GraphQL shapes directly.
 */
export interface PaperTable {
  id: number;
  key: string;
  title: string;
  abstract: string | null;
  year: number | null;
  publication_date: string | null;
  doi: string | null;
  type: string | null;
  language: string | null;
  venue_id: number | null;
  /** Distinct papers citing this one (= citedBy.totalCount); kept by the writer, never inserted. */
  citation_count: number;
}

/** What reference entries are matched against when they have no identifier of the paper (migration 0005). */
export interface PaperMatchTable {
  paper_id: number;
  volume: string | null;
  first_page: string | null;
  /** `year|folded title` (src/ingest/references.ts): the title + year resolution rule's key. */
  title_key: string | null;
  /** `surname|year|volume|first page` of the first author: the locator resolution rule's key. */
  locator_key: string | null;
}

export interface VenueTable {
  id: number;
  key: string;
  name: string;
  issn: string | null;
  type: string | null;
}

export interface AuthorTable {
  id: number;
  key: string;
  name: string;
  orcid: string | null;
}

export interface InstitutionTable {
  id: number;
  key: string;
  name: string;
  ror: string | null;
  country: string | null;
  type: string | null;
}

export interface KeywordTable {
  id: number;
  key: string;
  term: string;
}

export interface AuthorshipTable {
  paper_id: number;
  position: number;
  author_id: number;
  raw_name: string;
}

export interface AuthorshipInstitutionTable {
  paper_id: number;
  position: number;
  institution_id: number;
}

export interface PaperKeywordTable {
  paper_id: number;
  keyword_id: number;
  position: number;
}

export interface ReferenceTable {
  citing_paper_id: number;
  position: number;
  raw_text: string | null;
  source_database: string | null;
  cited_paper_id: number | null;
  cited_key: string | null;
  cited_external_id: string | null;
  title: string | null;
  authors: string | null;
  year: number | null;
  venue: string | null;
  doi: string | null;
  volume: string | null;
  first_page: string | null;
  title_key: string | null;
  locator_key: string | null;
  /** Which rule resolved the entry (migration 0005); null while unresolved. Set by the writer's UPDATE. */
  resolved_by: ResolutionRule | null;
}

export type ResolutionRule = 'doi' | 'identifier' | 'title_year' | 'author_year_volume_page';

/** Scratch of one write batch: papers whose citation count it recomputes (empty between batches). */
export interface CitationCountStaleTable {
  paper_id: number;
}

export type EntityType = 'paper' | 'author' | 'institution' | 'venue';

/** One row (id 1): the counter of write batches, part of every edge-cache key. */
export interface DataVersionTable {
  id: number;
  version: number;
}

export interface ExternalIdTable {
  key: string;
  namespace: string;
  value: string;
  entity_type: EntityType;
  entity_id: number;
}

/**
 * Rows as the writer inserts them (src/db/work-write.repository.ts). Required: every column is given,
 * so a column the writer forgets fails to compile instead of being written as NULL.
 */
export type NewPaper = Omit<Required<Insertable<PaperTable>>, 'citation_count'>;
export type NewPaperMatch = Required<Insertable<PaperMatchTable>>;
export type NewVenue = Required<Insertable<VenueTable>>;
export type NewAuthor = Required<Insertable<AuthorTable>>;
export type NewInstitution = Required<Insertable<InstitutionTable>>;
export type NewKeyword = Required<Insertable<KeywordTable>>;
export type NewAuthorship = Required<Insertable<AuthorshipTable>>;
export type NewAuthorshipInstitution = Required<Insertable<AuthorshipInstitutionTable>>;
export type NewPaperKeyword = Required<Insertable<PaperKeywordTable>>;
/** `cited_paper_id` is never inserted: the writer's UPDATE resolves it once the cited paper exists. */
export type NewReference = Omit<Required<Insertable<ReferenceTable>>, 'cited_paper_id' | 'resolved_by'>;
export type NewExternalId = Required<Insertable<ExternalIdTable>>;

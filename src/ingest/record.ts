/**
 * The one normalized shape every ingest format parses into. The writer (`write.ts`) only ever sees
 * this, so a new format is a new module under `formats/` and nothing else.
 *
 * Identifiers are `ExternalIdRef`s (see `src/ids.ts`): `key` is the normalized lookup key
 * (`doi:10.1000/x`, `acl:P08-1001`), `value` is the identifier as the source wrote it.
 */
import type { ExternalIdRef } from '../ids';

export interface WorkRecord {
  /** Identifiers of the work; the first one is its primary identity in the source. Never empty. */
  ids: ExternalIdRef[];
  title: string;
  abstract: string | null;
  year: number | null;
  publicationDate: string | null;
  /** Bare DOI as written (`10.2307/1885099`), or null. */
  doi: string | null;
  type: string | null;
  language: string | null;
  venue: VenueRecord | null;
  /** In author order. */
  authors: AuthorshipRecord[];
  /** Display terms, in the source's order; duplicates (case-insensitive) are dropped by the writer. */
  keywords: string[];
  /** The reference list, in the source's order. */
  references: ReferenceRecord[];
  /**
   * Where the work sits in its venue, when the source says: what the first author + year + volume +
   * first page rule matches reference entries against (src/ingest/references.ts). Optional: formats
   * without them leave them out.
   */
  volume?: string | null;
  firstPage?: string | null;
}

export interface VenueRecord {
  name: string;
  issn: string | null;
  type: string | null;
  ids: ExternalIdRef[];
}

export interface AuthorshipRecord {
  /** The name as printed on this paper. */
  rawName: string;
  /** The author's display name (may equal rawName). */
  name: string;
  orcid: string | null;
  /** Author identifiers (OpenAlex author id, ORCID ...); empty when the source has none. */
  ids: ExternalIdRef[];
  institutions: InstitutionRecord[];
  /**
   * For an author with no identifier: where the name is taken to name one person. Absent or null:
   * everywhere (the writer merges same-name authors across records, as AAN's disambiguated names
   * allow). A string: only together with it (WoS and CNKI give the affiliation, so the same name at
   * the same institution is one author, and a name with no affiliation is its record's own).
   */
  nameScope?: string | null;
}

export interface InstitutionRecord {
  name: string;
  ror: string | null;
  country: string | null;
  type: string | null;
  ids: ExternalIdRef[];
}

export interface ReferenceRecord {
  /** The entry as printed, when the source has one; otherwise the writer keeps what it has. */
  rawText: string | null;
  /** Where the entry was found/indexed (the seed page's "Springer Journals Database"), or null. */
  sourceDatabase: string | null;
  /** The cited work's identifier when known: resolved to a paper now or when that paper arrives. */
  target: ExternalIdRef | null;
  title: string | null;
  authors: string | null;
  year: number | null;
  venue: string | null;
  doi: string | null;
  volume: string | null;
  firstPage: string | null;
}

/** A reference entry of which only `known` is known; every other part is null. */
export function referenceRecord(known: Partial<ReferenceRecord>): ReferenceRecord {
  return {
    rawText: null,
    sourceDatabase: null,
    target: null,
    title: null,
    authors: null,
    year: null,
    venue: null,
    doi: null,
    volume: null,
    firstPage: null,
    ...known,
  };
}

/** A record that could not be normalized; `line` is 1-based in the input file when known. */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'RecordError';
  }
}

/**
 * A row that adds to a paper already in the database instead of being a work (the Semantic Scholar
 * bulk `abstracts` and `citations` datasets): written by the writer's merge mode (`mergeAdditions`
 * in ./write.ts), which finds the paper by the identifier given.
 */
export type Addition =
  | { kind: 'abstract'; paper: ExternalIdRef; abstract: string }
  /** `cited` null: the source names no cited paper (S2 could not match the entry): counted, not written. */
  | { kind: 'citation'; citing: ExternalIdRef; cited: ExternalIdRef | null };

import { Kysely } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import type {
  AuthorshipInstitutionTable,
  AuthorshipTable,
  AuthorTable,
  ExternalIdTable,
  InstitutionTable,
  KeywordTable,
  PaperKeywordTable,
  PaperTable,
  ReferenceTable,
  VenueTable,
} from './tables';

export interface Database {
  paper: PaperTable;
  venue: VenueTable;
  author: AuthorTable;
  institution: InstitutionTable;
  keyword: KeywordTable;
  authorship: AuthorshipTable;
  authorship_institution: AuthorshipInstitutionTable;
  paper_keyword: PaperKeywordTable;
  reference: ReferenceTable;
  external_id: ExternalIdTable;
}

export type Db = Kysely<Database>;

/** One Kysely per request: the D1 binding arrives with the request (see src/index.ts). */
export function createDb(d1: D1Database): Db {
  return new Kysely<Database>({ dialect: new D1Dialect({ database: d1 }) });
}

/**
 * Binds a list as ONE parameter, for `IN (SELECT value FROM json_each(?))`: D1 allows at most 100
 * bound parameters a statement, and one JSON array keeps any batch size to one statement.
 */
export function jsonList(values: readonly (string | number)[]): string {
  return JSON.stringify(values);
}

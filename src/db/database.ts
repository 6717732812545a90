import { type CompiledQuery, type DatabaseConnection, type Driver, Kysely, type QueryResult } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import type {
  AuthorshipInstitutionTable,
  AuthorshipTable,
  AuthorTable,
  DataVersionTable,
  ExternalIdTable,
  InstitutionTable,
  KeywordTable,
  PaperKeywordTable,
  PaperMatchTable,
  PaperTable,
  ReferenceTable,
  VenueTable,
} from './tables';

export interface Database {
  paper: PaperTable;
  paper_match: PaperMatchTable;
  venue: VenueTable;
  author: AuthorTable;
  institution: InstitutionTable;
  keyword: KeywordTable;
  authorship: AuthorshipTable;
  authorship_institution: AuthorshipInstitutionTable;
  paper_keyword: PaperKeywordTable;
  reference: ReferenceTable;
  external_id: ExternalIdTable;
  data_version: DataVersionTable;
}

export type Db = Kysely<Database>;

/**
 * kysely-d1 0.4 (the newest) still also returns kysely's pre-0.23 `numUpdatedOrDeletedRows`, which
 * makes kysely 0.28 print an "outdated driver" warning in every process. The same number is in
 * `numAffectedRows`; this drops the old name.
 */
class D1DialectWithoutLegacyResult extends D1Dialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async (): Promise<DatabaseConnection> => {
      const connection = await acquire();
      return {
        async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
          const { numUpdatedOrDeletedRows: _legacy, ...result } = (await connection.executeQuery<R>(
            query,
          )) as QueryResult<R> & {
            numUpdatedOrDeletedRows?: bigint;
          };
          return result;
        },
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      };
    };
    return driver;
  }
}

/** One Kysely per request: the D1 binding arrives with the request (see src/index.ts). */
export function createDb(d1: D1Database): Db {
  return new Kysely<Database>({ dialect: new D1DialectWithoutLegacyResult({ database: d1 }) });
}

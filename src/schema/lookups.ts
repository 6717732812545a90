/**
 * Root lookups by natural key, batched per request: 100 aliases of `paper(doi:)` or
 * `author(orcid:)` in one query are one statement (plus one for the rows of the ids found). Also
 * the loaders two type files share (one starts them, the other reads them).
 */
import type { Context } from '../context';
import { type ReferenceRow, referencesOfPaperGroups } from '../db/citation.repository';
import { findEntityIdsByKeys } from '../db/external-id.repository';
import {
  type InstitutionOfAuthorshipRow,
  type InstitutionRow,
  institutionsOfAuthorships,
} from '../db/institution.repository';
import { findKeywordIdsByKeys } from '../db/keyword.repository';
import {
  countReferencesOfGroups,
  type ReferenceGroupRow,
  referenceGroupsOfPapers,
  referencesOfGroups,
} from '../db/network.repository';
import type { KeysetWindow, ParentRow } from '../db/paging';
import {
  findPapersByExternalKeys,
  type ListedPaperRow,
  type PaperRow,
  unlistedPaperColumns,
} from '../db/paper.repository';
import type { EntityType } from '../db/tables';
import { prefetchRelationPages, type Relation, requestLoader, rowsByKey } from './connection';
import { Paper } from './refs';

/** The paper an identifier key names, with its row (one statement for every key of the request). */
export function paperByKey(ctx: Context, key: string): Promise<PaperRow | null> {
  const loader = requestLoader<string, PaperRow | null>(ctx, 'lookup:paper', async (keys) => {
    const rows = await findPapersByExternalKeys(ctx.db, keys);
    const byKey = new Map(rows.map(({ key, ...paper }) => [key, paper]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
  return loader.load(key);
}

/**
 * The paper's whole row: `paper` itself when it has every column, else its row by id (Paper's
 * loader: one statement for every such paper of the tick). A page's row lacks the columns its
 * selection did not ask for (paper.repository `listedPaperColumns`).
 */
export function wholePaperRow(ctx: Context, paper: ListedPaperRow): PaperRow | Promise<PaperRow> {
  if (unlistedPaperColumns.every((column) => paper[column] !== undefined)) return paper as PaperRow;
  // Paper's loader reads findPapersByIds, which selects every column.
  return Paper.getDataloader(ctx).load(paper.id) as Promise<PaperRow>;
}

/** Column `column` of the paper, from its row, or from its whole row when the row lacks it (`wholePaperRow`). */
export function paperColumn<Column extends keyof PaperRow>(
  ctx: Context,
  paper: ListedPaperRow,
  column: Column,
): PaperRow[Column] | Promise<PaperRow[Column]> {
  const value = paper[column];
  if (value !== undefined) return value as PaperRow[Column];
  return Promise.resolve(wholePaperRow(ctx, paper)).then((row) => row[column]);
}

/** The id of the author, institution or venue an identifier key names. */
export function entityIdByKey(ctx: Context, entityType: EntityType, key: string): Promise<number | null> {
  const loader = requestLoader<string, number | null>(ctx, `lookup:${entityType}`, async (keys) => {
    const ids = await findEntityIdsByKeys(ctx.db, entityType, keys);
    return keys.map((key) => ids.get(key) ?? null);
  });
  return loader.load(key);
}

/** The id of the keyword with this folded term. */
export function keywordIdByKey(ctx: Context, key: string): Promise<number | null> {
  const loader = requestLoader<string, number | null>(ctx, 'lookup:keyword', async (keys) => {
    const ids = await findKeywordIdsByKeys(ctx.db, keys);
    return keys.map((key) => ids.get(key) ?? null);
  });
  return loader.load(key);
}

/**
 * The institutions of every authorship of a paper, by byline position (one statement for every
 * paper of the request). `Paper.authors` starts it with the byline when `institutions` is asked
 * for, so both come in one round trip; `Authorship.institutions` reads it.
 */
export function institutionsByPosition(ctx: Context, paperId: number): Promise<Map<number, InstitutionRow[]>> {
  return institutionsLoader(ctx).load(paperId);
}

/** The loader of `institutionsByPosition` (src/schema/prefetch.ts primes it with the paper's lookup). */
export function institutionsLoader(ctx: Context) {
  return requestLoader<number, Map<number, InstitutionRow[]>>(ctx, 'Authorship.institutions', async (ids) =>
    institutionsByPositionOf(ids, await institutionsOfAuthorships(ctx.db, ids)),
  );
}

/** Each paper's institutions by byline position, from the rows of `institutionsOfAuthorships`. */
export function institutionsByPositionOf(
  ids: readonly number[],
  rows: readonly InstitutionOfAuthorshipRow[],
): Map<number, InstitutionRow[]>[] {
  const byPaper = new Map<number, Map<number, InstitutionRow[]>>(ids.map((id) => [id, new Map()]));
  for (const { paper_id, position, ...institution } of rows) {
    const positions = byPaper.get(paper_id);
    if (!positions) continue;
    const institutions = positions.get(position);
    if (institutions) institutions.push(institution);
    else positions.set(position, [institution]);
  }
  return ids.map((id) => byPaper.get(id)!);
}

/** The entries of a reference group (keyed by `referenceGroupKey`), as a paged relation. */
export const referencesOfGroup: Relation<ReferenceRow, string> = {
  name: 'ReferenceGroup.references',
  page: referencesOfGroups,
  count: countReferencesOfGroups,
};

/** A use of `ReferenceGroup.references` below a paper's groups: its arguments, and the columns it reads. */
export interface ReferencePageUse {
  args: Record<string, unknown>;
  listedPaperColumns: boolean;
}

/**
 * A paper's reference groups. With `pageUses` (each `references` asked for below them), the first
 * pages of every group come in the same round trip as the groups, and are primed for
 * `ReferenceGroup.references`: a node page's groups and their entries are one level.
 */
export async function referenceGroupsOf(
  ctx: Context,
  paperId: number,
  pageUses: readonly ReferencePageUse[],
): Promise<ReferenceGroupRow[]> {
  const firstPages: Promise<ParentRow<ReferenceRow, string>[]>[] = [];
  const prefetched = pageUses.map((use) =>
    prefetchRelationPages(ctx, referencesOfGroup, use.args, use.listedPaperColumns, (fetchWindow) => {
      const page = referenceGroupPagesLoader(ctx, fetchWindow).load(paperId);
      if (isFirstPage(fetchWindow)) firstPages.push(page);
      return page;
    }).catch(() => {}),
  );
  // The groups come with a first page of their entries when one is asked (no statement of their
  // own); if that page fails, they are fetched apart, and the page's field reports its error.
  const fetchGroups = () => referenceGroupsLoader(ctx).load(paperId);
  const groups = firstPages[0]
    ? firstPages[0].then((rows) => groupsOfFirstPages(paperId, rows), fetchGroups)
    : fetchGroups();
  // Primed before any group's `references` asks (a failed prefetch leaves them to ask for themselves).
  await Promise.all(prefetched);
  return groups;
}

/** A window that starts at the beginning of each list: every group's first entry is on its page. */
export function isFirstPage(window: KeysetWindow): boolean {
  return !window.backward && window.after === null && window.before === null && window.limit > 0;
}

/**
 * A paper's reference groups read off a first page of every group's entries (`isFirstPage`,
 * rows of `referenceGroupPagesLoader`): a group exists only with an entry, so each is on the page;
 * its size is its rows' `total_in_parent`, and the groups are ordered by their first entry, as
 * `referenceGroupsOfPapers` orders them.
 */
export function groupsOfFirstPages(paperId: number, rows: readonly ParentRow<ReferenceRow, string>[]) {
  const groups = new Map<string, { group: ReferenceGroupRow; firstPosition: number }>();
  for (const row of rows) {
    if (row.citing_paper_id !== paperId) continue;
    const known = groups.get(row.parent_id);
    if (known) known.firstPosition = Math.min(known.firstPosition, row.position);
    else {
      const group = {
        paper_id: paperId,
        source_database: row.source_database,
        total_count: Number(row.total_in_parent),
      };
      groups.set(row.parent_id, { group, firstPosition: row.position });
    }
  }
  return [...groups.values()].sort((a, b) => a.firstPosition - b.firstPosition).map(({ group }) => group);
}

/** Each paper's reference groups (src/schema/prefetch.ts primes it with the paper's lookup). */
export function referenceGroupsLoader(ctx: Context) {
  return requestLoader<number, ReferenceGroupRow[]>(ctx, 'Paper.referenceGroups', async (ids) => {
    const rows = await referenceGroupsOfPapers(ctx.db, ids);
    return rowsByKey(ids, rows, (row) => row.paper_id);
  });
}

/** The page `fetchWindow` of every reference group of each paper, by paper (primed as the groups are). */
export function referenceGroupPagesLoader(ctx: Context, fetchWindow: KeysetWindow) {
  return requestLoader<number, ParentRow<ReferenceRow, string>[]>(
    ctx,
    `ReferenceGroup.references#prefetch:${JSON.stringify(fetchWindow)}`,
    async (ids) => {
      const rows = await referencesOfPaperGroups(ctx.db, ids, fetchWindow);
      return rowsByKey(ids, rows, (row) => row.citing_paper_id);
    },
  );
}

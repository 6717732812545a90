/**
 * Root lookups by natural key, batched per request: 100 aliases of `paper(doi:)` or
 * `author(orcid:)` in one query are one statement (plus one for the rows of the ids found).
 */
import type { Context } from '../context';
import { findEntityIdsByKeys } from '../db/external-id.repository';
import { findKeywordIdsByKeys } from '../db/keyword.repository';
import { findPapersByExternalKeys, type PaperRow } from '../db/paper.repository';
import type { EntityType } from '../db/tables';
import { requestLoader } from './connection';

/** The paper an identifier key names, with its row (one statement for every key of the request). */
export function paperByKey(ctx: Context, key: string): Promise<PaperRow | null> {
  const loader = requestLoader<string, PaperRow | null>(ctx, 'lookup:paper', async (keys) => {
    const rows = await findPapersByExternalKeys(ctx.db, keys);
    const byKey = new Map(rows.map(({ key, ...paper }) => [key, paper]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
  return loader.load(key);
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

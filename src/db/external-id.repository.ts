import type { Selectable } from 'kysely';
import type { Db } from './database';
import { inList } from './paging';
import type { EntityType, ExternalIdTable } from './tables';

export type ExternalIdRow = Selectable<ExternalIdTable>;

/** The entity an identifier key (`doi:10.1000/x`, `orcid:0000-...`) belongs to, or null. */
export async function findEntityIdByKey(db: Db, entityType: EntityType, key: string): Promise<number | null> {
  const row = await db
    .selectFrom('external_id')
    .select('entity_id')
    .where('key', '=', key)
    .where('entity_type', '=', entityType)
    .executeTakeFirst();
  return row?.entity_id ?? null;
}

/** All identifiers of entities, in namespace order. */
export async function externalIdsOf(db: Db, entityType: EntityType, ids: readonly number[]): Promise<ExternalIdRow[]> {
  return db
    .selectFrom('external_id')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', inList(ids))
    .orderBy('entity_id')
    .orderBy('namespace')
    .orderBy('key')
    .execute();
}

import type { Selectable } from 'kysely';
import type { Db } from './database';
import { inList, unindexed } from './paging';
import type { EntityType, ExternalIdTable } from './tables';

export type ExternalIdRow = Selectable<ExternalIdTable>;

/** The entities identifier keys (`doi:10.1000/x`, `orcid:0000-...`) belong to; unknown keys are absent. */
export async function findEntityIdsByKeys(
  db: Db,
  entityType: EntityType,
  keys: readonly string[],
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('external_id')
    .select(['key', 'entity_id'])
    .where('key', 'in', inList(keys))
    .where(unindexed<EntityType>('entity_type'), '=', entityType)
    .execute();
  return new Map(rows.map((row) => [row.key, row.entity_id]));
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

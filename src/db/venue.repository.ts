import type { Selectable } from 'kysely';
import type { Db } from './database';
import { inList } from './paging';
import type { VenueTable } from './tables';

export type VenueRow = Omit<Selectable<VenueTable>, 'key'>;

export async function findVenuesByIds(db: Db, ids: readonly number[]): Promise<VenueRow[]> {
  return db.selectFrom('venue').select(['id', 'name', 'issn', 'type']).where('id', 'in', inList(ids)).execute();
}

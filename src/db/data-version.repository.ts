import type { CompiledQuery } from 'kysely';
import type { Db } from './database';

/** The current data version: 0 before the first write. */
export async function readDataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? 0;
}

/** The statement every write batch ends with: the version goes up in the same transaction. */
export function bumpDataVersion(db: Db): CompiledQuery {
  return db
    .insertInto('data_version')
    .values({ id: 1, version: 1 })
    .onConflict((conflict) => conflict.column('id').doUpdateSet((eb) => ({ version: eb('version', '+', 1) })))
    .compile();
}

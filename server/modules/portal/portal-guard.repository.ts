/** Kysely queries for the portal's wrong-code guard (portal_guard: one row per key and window). */
import { sql, type Kysely } from 'kysely';
import type { DB, PortalGuardTable } from '../../db/schema.ts';

export async function findPortalGuard(db: Kysely<DB>, key: string): Promise<PortalGuardTable | undefined> {
  return db.selectFrom('portal_guard').selectAll().where('key', '=', key).executeTakeFirst();
}

/**
 * Count one failure in one statement and return the count: one more in a window still open at
 * `now`, else 1 in a new window ending `windowUntil`. Atomic, so failures sent at once all count.
 */
export async function countPortalGuardFailure(
  db: Kysely<DB>,
  key: string,
  now: string,
  windowUntil: string,
): Promise<number> {
  const row = await db
    .insertInto('portal_guard')
    .values({ key, failures: 1, window_until: windowUntil })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when portal_guard.window_until > ${now} then portal_guard.failures + 1 else 1 end`,
        window_until: sql<string>`case when portal_guard.window_until > ${now} then portal_guard.window_until else ${windowUntil} end`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** Forget the windows that closed before `now`. */
export async function deletePassedPortalGuards(db: Kysely<DB>, now: string): Promise<void> {
  await db.deleteFrom('portal_guard').where('window_until', '<=', now).execute();
}

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function listNotifications(db: Kysely<DB>, userId: string, limit: number) {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function countUnread(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** @returns false when the notification is not the user's (or does not exist) */
export async function markRead(db: Kysely<DB>, userId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return true;
  const existing = await db
    .selectFrom('notification')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return existing !== undefined;
}

/** Kysely queries for server-side sessions. */
import type { Kysely } from 'kysely';
import type { DB, SessionTable } from '../../db/schema.ts';

export async function insertSession(db: Kysely<DB>, row: SessionTable): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

export async function findSession(db: Kysely<DB>, id: string): Promise<SessionTable | undefined> {
  return db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Ends every session of a user, optionally keeping one (the caller's own). */
export async function deleteSessionsOfUser(db: Kysely<DB>, userId: string, keepId?: string): Promise<void> {
  let query = db.deleteFrom('session').where('user_id', '=', userId);
  if (keepId !== undefined) query = query.where('id', '!=', keepId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: string): Promise<number> {
  const result = await db.deleteFrom('session').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

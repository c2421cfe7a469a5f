/** Kysely queries for in-app notifications and the outbox of messages that leave the system. */
import { sql, type Kysely } from 'kysely';
import type { DB, NotificationTable, OutboxAttemptTable, OutboxMessageTable } from '../../db/schema.ts';

export async function listNotifications(
  db: Kysely<DB>,
  userId: string,
  options: { unreadOnly: boolean; limit: number; offset: number },
) {
  let query = db.selectFrom('notification').selectAll().where('user_id', '=', userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function countNotifications(db: Kysely<DB>, userId: string): Promise<{ total: number; unread: number }> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      sql<number | string>`sum(case when read_at is null then 1 else 0 end)`.as('unread'),
    ])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), unread: Number(row.unread) };
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

export async function markAllRead(db: Kysely<DB>, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Which of these people already hold a notification under which of these keys (the unique
 * (user, key) index answers it): `${userId} ${dedupeKey}` for each. A sweep that runs every few
 * minutes skips, with one look-up per slice, the notices `notify` would write nothing for.
 */
export async function toldAlready(
  db: Kysely<DB>,
  userIds: readonly string[],
  dedupeKeys: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0 || dedupeKeys.length === 0) return new Set();
  const rows = await db
    .selectFrom('notification')
    .select(['user_id', 'dedupe_key'])
    .where('user_id', 'in', [...new Set(userIds)])
    .where('dedupe_key', 'in', [...new Set(dedupeKeys)])
    .execute();
  return new Set(rows.map((r) => `${r.user_id} ${r.dedupe_key}`));
}

/** Insert notifications, each once per (user, dedupe key). @returns the ids actually written */
export async function insertNotifications(db: Kysely<DB>, rows: readonly NotificationTable[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const written = await db
    .insertInto('notification')
    .values([...rows])
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .returning('id')
    .execute();
  return written.map((row) => row.id);
}

export async function insertOutboxMessages(db: Kysely<DB>, rows: readonly OutboxMessageTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outbox_message')
    .values([...rows])
    .execute();
}

/** Messages due for a (first or next) attempt: pending ones whose time has come, and claims that expired. */
export async function dueOutboxIds(db: Kysely<DB>, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox_message')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Claim one message for an attempt: one conditional UPDATE, so two senders (or a sender and the
 * one that crashed before it) never both take it. @returns the claimed row, or undefined
 */
export async function claimOutboxMessage(
  db: Kysely<DB>,
  id: string,
  now: string,
  claimedUntil: string,
): Promise<OutboxMessageTable | undefined> {
  return db
    .updateTable('outbox_message')
    .set((eb) => ({ status: 'sending', claimed_until: claimedUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function finishOutboxMessage(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Pick<OutboxMessageTable, 'status' | 'sent_at' | 'next_attempt_at' | 'last_error' | 'body_enc'>>,
): Promise<void> {
  await db
    .updateTable('outbox_message')
    .set({ ...patch, claimed_until: null })
    .where('id', '=', id)
    .execute();
}

export async function insertOutboxAttempt(db: Kysely<DB>, row: OutboxAttemptTable): Promise<void> {
  await db.insertInto('outbox_attempt').values(row).execute();
}

export async function outboxCounts(db: Kysely<DB>) {
  return db
    .selectFrom('outbox_message')
    .select(['channel', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['channel', 'status'])
    .execute();
}

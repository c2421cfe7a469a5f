/** Kysely queries for server-side sessions and the log-in guard. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, LoginGuardTable, SessionTable } from '../../db/schema.ts';

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

export async function findLoginGuards(db: Kysely<DB>, keys: string[]): Promise<LoginGuardTable[]> {
  return db.selectFrom('login_guard').selectAll().where('key', 'in', keys).execute();
}

/**
 * When the lock after an attempt ends, by the attempt's count: `untilByCount[i]` for count
 * `firstLockedCount + i`, the last entry for every count beyond; no lock below `firstLockedCount`.
 */
export type LockSchedule = { firstLockedCount: number; untilByCount: [string, ...string[]] };

function lockAt(schedule: LockSchedule, count: number): string | null {
  const { firstLockedCount, untilByCount } = schedule;
  if (count < firstLockedCount) return null;
  return untilByCount[Math.min(count - firstLockedCount, untilByCount.length - 1)] ?? null;
}

/** The same as `lockAt`, as SQL over a count expression (a CASE with one branch per step). */
function lockAtSql(schedule: LockSchedule, count: RawBuilder<number>): RawBuilder<string | null> {
  const steps = schedule.untilByCount.slice(0, -1);
  const branches = steps.map((until, i) => sql`when ${count} = ${schedule.firstLockedCount + i} then ${until}`);
  const last = schedule.untilByCount[schedule.untilByCount.length - 1] ?? null;
  return sql<
    string | null
  >`case when ${count} < ${schedule.firstLockedCount} then null ${sql.join(branches, sql` `)} else ${last} end`;
}

/**
 * Count one attempt under `key` in a single statement — an upsert whose update adds one — unless a
 * lock is in force at `now`; set the lock that applies if this attempt turns out to be a failure.
 * Concurrent attempts therefore each get their own count, and no attempt passes a lock another one
 * set a moment earlier. A count last touched at or before `forgetBefore` starts again at 1.
 * @returns the count and lock after this attempt, or undefined when a lock was in force (nothing counted).
 */
export async function countLoginAttempt(
  db: Kysely<DB>,
  input: { key: string; userId: string | null; now: string; forgetBefore: string; schedule: LockSchedule },
): Promise<{ failures: number; locked_until: string | null } | undefined> {
  const { key, userId, now, forgetBefore, schedule } = input;
  const count = sql<number>`case when login_guard.counted_at <= ${forgetBefore} then 1 else login_guard.failures + 1 end`;
  return db
    .insertInto('login_guard')
    .values({
      key,
      user_id: userId,
      failures: 1,
      counted_at: now,
      locked_until: lockAt(schedule, 1),
      known_until: null,
    })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ failures: count, counted_at: now, locked_until: lockAtSql(schedule, count), user_id: userId })
        .where(sql<boolean>`login_guard.locked_until is null or login_guard.locked_until <= ${now}`),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirst();
}

/**
 * Take back an attempt counted by `countLoginAttempt` that was not a failure (the password was
 * right). The lock it set goes with it, unless another attempt was counted since (then that one's
 * lock stands).
 */
export async function uncountLoginAttempt(db: Kysely<DB>, key: string, countedAs: number): Promise<void> {
  await db
    .updateTable('login_guard')
    .set({
      failures: sql<number>`case when failures > 0 then failures - 1 else 0 end`,
      locked_until: sql<string | null>`case when failures = ${countedAs} then null else locked_until end`,
    })
    .where('key', '=', key)
    .execute();
}

/** A successful log-in from an address: its count starts again, and the address is known until `knownUntil`. */
export async function markLoginSucceeded(
  db: Kysely<DB>,
  input: { key: string; userId: string; now: string; knownUntil: string },
): Promise<void> {
  const row = { failures: 0, counted_at: input.now, locked_until: null, known_until: input.knownUntil };
  await db
    .insertInto('login_guard')
    .values({ key: input.key, user_id: input.userId, ...row })
    .onConflict((oc) => oc.column('key').doUpdateSet({ ...row, user_id: input.userId }))
    .execute();
}

/** Lift every lock and count that names an account (an administrator reset its password or enabled it). */
export async function deleteLoginGuardsOfUser(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('login_guard').where('user_id', '=', userId).execute();
}

/** Forget rows with nothing left to enforce: no count since `forgetBefore`, no lock and no known address still running. */
export async function deleteStaleLoginGuards(db: Kysely<DB>, now: string, forgetBefore: string): Promise<void> {
  await db
    .deleteFrom('login_guard')
    .where('counted_at', '<=', forgetBefore)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .where((eb) => eb.or([eb('known_until', 'is', null), eb('known_until', '<=', now)]))
    .execute();
}

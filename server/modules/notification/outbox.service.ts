/**
 * Delivering the outbox: a lease-protected job claims messages that are due (one conditional
 * UPDATE each, so two instances never take the same one), sends each through its channel's
 * adapter, records the attempt, and marks it sent — or schedules the next attempt with exponential
 * back-off (1, 2, 4 … minutes, at most 6 hours). A message that fails 8 times is marked failed and
 * the enterprise's administrators are told. A sender that crashes mid-way leaves its claims behind;
 * they expire after `claimMs` and the next round takes them up, so nothing is lost across
 * restarts. A text that carried a secret (a tracking code) is blanked once it is delivered.
 */
import { ADMIN_ROLES } from '../../../common/domain/access.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { findRootUnit } from '../unit/index.ts';
import { activePeopleAt, usersByIds } from '../user/index.ts';
import type { Senders } from './outbound-channels.ts';
import {
  claimOutboxMessage,
  dueOutboxIds,
  finishOutboxMessage,
  insertOutboxAttempt,
  outboxCounts,
} from './notification.repository.ts';
import { notify, type NotifyDeps } from './notification.service.ts';

export const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MINUTES = 360;

export type OutboxDeps = Pick<ServiceDeps, 'db' | 'clock' | 'ids' | 'log'> & NotifyDeps;

export type DeliveryResult = { sent: number; retried: number; failed: number };

/** Minutes before the next attempt after `attempts` failures: 1, 2, 4 … 360. */
export function backoffMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MINUTES);
}

/** Deliver up to `limit` due messages through `senders`; channels without a sender wait. */
export async function deliverOutbox(
  deps: OutboxDeps,
  senders: Senders,
  options: { limit?: number; claimMs?: number } = {},
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  const claimMs = options.claimMs ?? 60_000;
  const ids = await dueOutboxIds(deps.db, deps.clock.now().toISOString(), options.limit ?? 100);
  for (const id of ids) {
    const started = deps.clock.now();
    const row = await claimOutboxMessage(
      deps.db,
      id,
      started.toISOString(),
      new Date(started.getTime() + claimMs).toISOString(),
    );
    if (row === undefined) continue;
    const send = senders[row.channel];
    if (send === undefined) {
      // Not configured here (any more): put it back for when it is, without counting an attempt against it.
      await finishOutboxMessage(deps.db, row.id, {
        status: 'pending',
        next_attempt_at: new Date(started.getTime() + 3_600_000).toISOString(),
        last_error: 'channel not configured',
      });
      continue;
    }
    let error: string | null = null;
    const t0 = performance.now();
    try {
      await send({
        id: row.id,
        channel: row.channel,
        kind: row.kind,
        address: deps.cipher.decrypt(row.address_enc),
        subject: row.subject,
        body: deps.cipher.decrypt(row.body_enc),
      });
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 480);
    }
    const duration = Math.round(performance.now() - t0);
    const at = deps.clock.now();
    await deps.db.transaction().execute(async (trx) => {
      await insertOutboxAttempt(trx, {
        id: deps.ids.next(),
        message_id: row.id,
        attempt: row.attempts,
        at: at.toISOString(),
        ok: error === null ? 1 : 0,
        detail: error,
        duration_ms: duration,
      });
      if (error === null) {
        await finishOutboxMessage(trx, row.id, {
          status: 'sent',
          sent_at: at.toISOString(),
          last_error: null,
          ...(row.blank_after_sending === 1 ? { body_enc: '' } : {}),
        });
        result.sent += 1;
      } else if (row.attempts >= MAX_ATTEMPTS) {
        await finishOutboxMessage(trx, row.id, { status: 'failed', last_error: error });
        await tellAdministrators(trx, deps, row.user_id, {
          channel: row.channel,
          kind: row.kind,
          attempts: row.attempts,
          messageId: row.id,
        });
        result.failed += 1;
      } else {
        await finishOutboxMessage(trx, row.id, {
          status: 'pending',
          last_error: error,
          next_attempt_at: new Date(at.getTime() + backoffMinutes(row.attempts) * 60_000).toISOString(),
        });
        result.retried += 1;
      }
    });
    if (error !== null)
      deps.log.warn(
        { category: 'outbox', channel: row.channel, attempts: row.attempts, err: error },
        'message not delivered',
      );
  }
  return result;
}

/** The administrators of the enterprise the message was for (the first enterprise for a petitioner's text). */
async function tellAdministrators(
  trx: Kysely<DB>,
  deps: OutboxDeps,
  userId: string | null,
  data: { channel: string; kind: string; attempts: number; messageId: string },
): Promise<void> {
  const user = userId === null ? undefined : (await usersByIds(trx, [userId]))[0];
  const rootId = user === undefined ? (await findRootUnit(trx))?.id : user.unit_path.split('/').filter(Boolean)[0];
  if (rootId === undefined) return;
  const admins = await activePeopleAt(trx, [rootId], ADMIN_ROLES);
  await notify(trx, deps, {
    kind: 'outbox_failed',
    recipients: admins.map((a) => a.id),
    data: { channel: data.channel, attempts: data.attempts },
    dedupeKey: `outbox_failed:${data.messageId}`,
  });
}

/** Counts by channel and status, for the administrator's page. */
export async function outboxSummary(db: Kysely<DB>): Promise<{ channel: string; status: string; count: number }[]> {
  return (await outboxCounts(db)).map((row) => ({ channel: row.channel, status: row.status, count: Number(row.n) }));
}

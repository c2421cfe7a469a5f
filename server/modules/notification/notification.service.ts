/**
 * Notifications: the one way a person is told something. `notify` is the only writer of the
 * in-app `notification` table and the only producer of outbound messages to staff; it applies the
 * one recipient rule before anything is written — a recipient who may not read the case (recusal:
 * named in it or a declared conflict; scope; an unresolved named person's namesakes) or who is the
 * subject of a warning is dropped, whatever the caller asked. What leaves the system (SMS, e-mail,
 * 企业微信 robot, webhook) goes to the outbox in the same transaction and is delivered with retries
 * (outbox.service.ts). Each user reads and marks only their own notifications.
 */
import type { Kysely } from 'kysely';
import { enterpriseOf, type Actor } from '../../../common/domain/access.ts';
import { notificationSentence } from '../../../common/domain/notification-text.ts';
import { DomainError } from '../../../common/errors.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import {
  NotificationListQuerySchema,
  type NotificationKind,
  type NotificationListQuery,
  type NotificationListView,
} from '../../../common/schemas/notification.ts';
import type { DB, NotificationTable, OutboxMessageTable } from '../../db/schema.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { readSetting } from '../setting/index.ts';
import { caseAudience } from '../petition/index.ts';
import { usersByIds, type UserRow } from '../user/index.ts';
import {
  countNotifications,
  insertNotifications,
  insertOutboxMessages,
  listNotifications,
  markAllRead,
  markRead,
  toldAlready,
} from './notification.repository.ts';

export type NotifyDeps = Pick<ServiceDeps, 'clock' | 'ids' | 'cipher' | 'outbound'>;

export type NoticeData = Record<string, string | number | boolean | null>;

/**
 * What to tell whom. `recipients` is who the caller thinks should know; `notify` keeps only those
 * the case (or every case behind the warning) is visible to, and never a warning's subjects.
 */
export type Notice = {
  kind: NotificationKind;
  recipients: readonly string[];
  /** The case it is about. */
  petitionId?: string | null;
  /** The warning it is about: its unit (for the 企业微信 robot), its cases, and the people it names. */
  warning?: { id: string; unitPath: string; petitionIds: readonly string[]; subjectUserIds: readonly string[] };
  data: NoticeData;
  /** Once per recipient and key: a sweep that runs again, or a retried step, tells nobody twice. */
  dedupeKey: string;
  /**
   * Written already read, with no outbound copy: the row is there to open the case from, while one
   * digest notice tells the person (the deadline sweep, when it would otherwise flood the bell).
   */
  quiet?: boolean;
};

const WARNING_KINDS = new Set<NotificationKind>(['warning_raised', 'warning_level_up', 'warning_escalated']);

function actorOf(user: UserRow): Actor {
  return { id: user.id, role: user.role, unitId: user.unit_id, unitPath: user.unit_path };
}

/**
 * Tell people something, in the caller's transaction. @returns the ids of the users told (after the
 * recipient rule and de-duplication).
 */
export async function notify(trx: Kysely<DB>, deps: NotifyDeps, notice: Notice): Promise<string[]> {
  const wanted = [...new Set(notice.recipients)];
  if (wanted.length === 0) return [];
  const subjects = new Set(notice.warning?.subjectUserIds ?? []);
  let users = (await usersByIds(trx, wanted)).filter((u) => u.active === 1 && !subjects.has(u.id));
  const cases = [
    ...new Set([...(notice.petitionId == null ? [] : [notice.petitionId]), ...(notice.warning?.petitionIds ?? [])]),
  ];
  if (cases.length > 0 && users.length > 0) {
    const mayRead = await caseAudience(trx, cases, deps.clock.now().toISOString());
    users = users.filter((u) => mayRead(actorOf(u)));
  }
  if (users.length === 0) return [];
  const at = deps.clock.now().toISOString();
  const data_json = JSON.stringify({
    ...notice.data,
    ...(notice.warning === undefined ? {} : { warningId: notice.warning.id }),
  });
  const rows: NotificationTable[] = users.map((user) => ({
    id: deps.ids.next(),
    user_id: user.id,
    kind: notice.kind,
    petition_id: notice.petitionId ?? null,
    warning_id: notice.warning?.id ?? null,
    dedupe_key: notice.dedupeKey,
    data_json,
    created_at: at,
    read_at: notice.quiet === true ? at : null,
  }));
  const written = new Set(await insertNotifications(trx, rows));
  const told = rows.filter((row) => written.has(row.id));
  if (told.length > 0 && notice.quiet !== true) await queueOutbound(trx, deps, notice, told, users);
  return told.map((row) => row.user_id);
}

/**
 * The notices of a batch that may still tell someone: those where some recipient does not yet hold
 * a notification under the notice's key. The others `notify` would write nothing for (de-duplicated),
 * so a periodic sweep skips them with one look-up instead of a transaction each (issue #20).
 */
export async function notYetTold<N extends Pick<Notice, 'recipients' | 'dedupeKey'>>(
  db: Kysely<DB>,
  notices: readonly N[],
): Promise<N[]> {
  const told = await toldAlready(
    db,
    notices.flatMap((n) => n.recipients),
    notices.map((n) => n.dedupeKey),
  );
  return notices.filter((n) => n.recipients.some((id) => !told.has(`${id} ${n.dedupeKey}`)));
}

/** The outbound copies of the notifications just written, as the enterprise's policy says. */
async function queueOutbound(
  trx: Kysely<DB>,
  deps: NotifyDeps,
  notice: Notice,
  told: readonly NotificationTable[],
  users: readonly UserRow[],
): Promise<void> {
  const first = users[0];
  if (first === undefined) return;
  const enterprise = enterpriseOf(actorOf(first));
  const policy = await readSetting(trx, enterprise.path, 'notify.outbound');
  const at = deps.clock.now().toISOString();
  const sentence = notificationSentence(zhCN, notice.kind, notice.data);
  const byId = new Map(users.map((u) => [u.id, u]));
  const messages: OutboxMessageTable[] = [];
  const message = (
    row: NotificationTable | null,
    channel: OutboxMessageTable['channel'],
    addressEnc: string,
    body: string,
    subject: string | null,
  ): OutboxMessageTable => ({
    id: deps.ids.next(),
    channel,
    kind: notice.kind,
    user_id: row?.user_id ?? null,
    notification_id: row?.id ?? null,
    address_enc: addressEnc,
    subject,
    body_enc: deps.cipher.encrypt(body),
    blank_after_sending: 0,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    claimed_until: null,
    last_error: null,
    created_at: at,
    sent_at: null,
  });
  for (const row of told) {
    const user = byId.get(row.user_id);
    if (user === undefined) continue;
    if (deps.outbound.sms && user.mobile_enc !== null && policy.sms.includes(notice.kind)) {
      messages.push(message(row, 'sms', user.mobile_enc, `${zhCN.work.smsPrefix}${sentence}`, null));
    }
    if (deps.outbound.email && user.email !== null && policy.email.includes(notice.kind)) {
      messages.push(message(row, 'email', deps.cipher.encrypt(user.email), sentence, sentence.slice(0, 120)));
    }
    if (deps.outbound.webhook) {
      // A system on the other end, not a person: ids and the kind, never the text.
      const event = {
        notificationId: row.id,
        kind: notice.kind,
        userId: row.user_id,
        petitionId: row.petition_id,
        warningId: row.warning_id,
        at,
      };
      messages.push(message(row, 'webhook', deps.cipher.encrypt('webhook'), JSON.stringify(event), null));
    }
  }
  // The unit's 企业微信 group robot: a group chat is not a person the recipient rule can check, so it
  // is told only that something new waits, with the unit's name — no case, no title, no names.
  if (notice.warning !== undefined && WARNING_KINDS.has(notice.kind) && policy.wecom.includes(notice.kind)) {
    const robot = await readSetting(trx, notice.warning.unitPath, 'notify.wecomRobotUrl');
    if (robot !== null) {
      const kinds = zhCN.work.robotKinds;
      const kindLabel = notice.kind in kinds ? kinds[notice.kind as keyof typeof kinds] : kinds.other;
      const unitName = typeof notice.data.unitName === 'string' ? notice.data.unitName : '';
      const text = zhCN.work.robotText.replace('{unitName}', unitName).replace('{kindLabel}', kindLabel);
      messages.push(message(null, 'wecom', deps.cipher.encrypt(robot), text, null));
    }
  }
  await insertOutboxMessages(trx, messages);
}

/**
 * A message to someone outside the accounts (the petitioner's receipt by SMS): straight to the
 * outbox, encrypted. `blankAfterSending` for a text carrying a secret (a tracking code).
 */
export async function queueMessage(
  trx: Kysely<DB>,
  deps: NotifyDeps,
  message: { channel: 'sms' | 'email'; kind: string; address: string; body: string; blankAfterSending: boolean },
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await insertOutboxMessages(trx, [
    {
      id: deps.ids.next(),
      channel: message.channel,
      kind: message.kind,
      user_id: null,
      notification_id: null,
      address_enc: deps.cipher.encrypt(message.address),
      subject: null,
      body_enc: deps.cipher.encrypt(message.body),
      blank_after_sending: message.blankAfterSending ? 1 : 0,
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      claimed_until: null,
      last_error: null,
      created_at: at,
      sent_at: null,
    },
  ]);
}

// ---------------------------------------------------------------------------------------------
// Reading one's own

export async function listMyNotifications(
  deps: ServiceDeps,
  actor: Actor,
  rawQuery: NotificationListQuery = {},
): Promise<NotificationListView> {
  const query = NotificationListQuerySchema.parse(rawQuery);
  const [rows, counts] = await Promise.all([
    listNotifications(deps.db, actor.id, {
      unreadOnly: query.unread === 'true',
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    countNotifications(deps.db, actor.id),
  ]);
  return {
    unread: counts.unread,
    total: query.unread === 'true' ? counts.unread : counts.total,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      petitionId: r.petition_id,
      warningId: r.warning_id,
      data: JSON.parse(r.data_json) as Record<string, unknown>,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
  };
}

/** @throws NOT_FOUND for a notification that is not the actor's */
export async function markNotificationRead(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  if (!(await markRead(deps.db, actor.id, id, deps.clock.now().toISOString()))) {
    throw new DomainError('NOT_FOUND', { message: 'Notification not found' });
  }
}

/** 全部标为已读. @returns how many were unread */
export async function markAllNotificationsRead(deps: ServiceDeps, actor: Actor): Promise<number> {
  return markAllRead(deps.db, actor.id, deps.clock.now().toISOString());
}

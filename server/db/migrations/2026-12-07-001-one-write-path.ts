/**
 * One owner per mechanism (issue #12):
 *  - settings per unit (`setting_value`): a value set at the enterprise or at a mine, replacing the
 *    single global `setting` table (its rows move to every enterprise root, keys renamed);
 *  - the outbox of messages that leave the system (SMS, e-mail, 企业微信, webhook) with one row per
 *    delivery attempt, replacing `sms_outbox` (its pending texts move over);
 *  - contact details of accounts for outbound notifications (`app_user.email`, `mobile_enc`);
 *  - `notification.warning_id`, so a warning notification links to its warning;
 *  - petitioner identity versions: a filing never overwrites a person on file; a new record that
 *    shares a known ID number or phone but differs points at it (`same_as_id`) until an officer
 *    reconciles the two (`reconciled_at`); `source` says who entered it (office, portal, import);
 *  - `attachment.identity_document`: a file marked at upload as an identity document (an ID card)
 *    follows the identity rule — never shown to whom the petitioner's identity is hidden;
 *  - `warning.subject_user_ids_json`: the accounts a warning is about (a cadre named often), who are
 *    never told of it;
 *  - `petition.event_seq` (the last event's number, bumped in the same UPDATE as the version, so
 *    writing an event needs no `max(seq)` read) and `petition.policy_json` (the time limits in force
 *    when the case was registered: a later settings change applies to new cases only).
 * Frozen: Kysely<any>, no app imports.
 */
import { sql, type Kysely } from 'kysely';

const RENAMED: Record<string, string> = { 'ledger.statistics_month_start_day': 'ledger.statisticsMonthStartDay' };

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setting_value')
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('key', 'varchar(80)', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('setting_value_pk', ['unit_id', 'key'])
    .execute();
  const roots = await db.selectFrom('unit').select('id').where('parent_id', 'is', null).execute();
  const old = await db.selectFrom('setting').selectAll().execute();
  for (const root of roots) {
    for (const row of old) {
      await db
        .insertInto('setting_value')
        .values({
          unit_id: root.id,
          key: RENAMED[String(row.key)] ?? String(row.key),
          value_json: row.value_json,
          updated_by: null,
          updated_at: row.updated_at,
        })
        .execute();
    }
  }
  await db.schema.dropTable('setting').execute();

  await db.schema
    .createTable('outbox_message')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('notification_id', 'varchar(40)')
    // Phone, e-mail address or URL, and the text: AES-256-GCM ciphertext (they may carry a tracking code).
    .addColumn('address_enc', 'text', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)')
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('blank_after_sending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('claimed_until', 'varchar(32)')
    .addColumn('last_error', 'varchar(500)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('outbox_message_due_idx')
    .on('outbox_message')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createTable('outbox_attempt')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('message_id', 'varchar(40)', (c) => c.notNull().references('outbox_message.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('detail', 'varchar(500)')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_attempt_message_idx').on('outbox_attempt').columns(['message_id']).execute();
  const pending = await db.selectFrom('sms_outbox').selectAll().where('status', '=', 'pending').execute();
  for (const row of pending) {
    await db
      .insertInto('outbox_message')
      .values({
        id: row.id,
        channel: 'sms',
        kind: row.kind,
        user_id: null,
        notification_id: null,
        address_enc: row.phone_enc,
        subject: null,
        body_enc: row.body_enc,
        blank_after_sending: 1,
        status: 'pending',
        attempts: row.attempts,
        next_attempt_at: row.created_at,
        claimed_until: null,
        last_error: null,
        created_at: row.created_at,
        sent_at: null,
      })
      .execute();
  }
  await db.schema.dropTable('sms_outbox').execute();

  await db.schema.alterTable('petitioner').addColumn('source', 'varchar(10)', (c) => c.notNull().defaultTo('office')).execute();
  await db.schema.alterTable('petitioner').addColumn('same_as_id', 'varchar(40)').execute();
  await db.schema.alterTable('petitioner').addColumn('reconciled_at', 'varchar(32)').execute();

  await db.schema
    .alterTable('attachment')
    .addColumn('identity_document', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.alterTable('app_user').addColumn('email', 'varchar(200)').execute();
  await db.schema.alterTable('app_user').addColumn('mobile_enc', 'varchar(200)').execute();
  await db.schema.alterTable('notification').addColumn('warning_id', 'varchar(40)').execute();
  await db.schema
    .alterTable('warning')
    .addColumn('subject_user_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createIndex('notification_unread_idx')
    .on('notification')
    .columns(['user_id', 'read_at', 'created_at'])
    .execute();

  await db.schema
    .alterTable('petition')
    .addColumn('event_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('petition').addColumn('policy_json', 'text').execute();
  await sql`update petition set event_seq = coalesce((select max(e.seq) from petition_event e where e.petition_id = petition.id), 0)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').dropColumn('policy_json').execute();
  await db.schema.alterTable('petition').dropColumn('event_seq').execute();
  await db.schema.dropIndex('notification_unread_idx').execute();
  await db.schema.alterTable('warning').dropColumn('subject_user_ids_json').execute();
  await db.schema.alterTable('notification').dropColumn('warning_id').execute();
  await db.schema.alterTable('app_user').dropColumn('mobile_enc').execute();
  await db.schema.alterTable('attachment').dropColumn('identity_document').execute();
  await db.schema.alterTable('petitioner').dropColumn('reconciled_at').execute();
  await db.schema.alterTable('petitioner').dropColumn('same_as_id').execute();
  await db.schema.alterTable('petitioner').dropColumn('source').execute();
  await db.schema.alterTable('app_user').dropColumn('email').execute();
  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('phone_enc', 'varchar(200)', (c) => c.notNull())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)')
    .execute();
  await db.schema.dropTable('outbox_attempt').execute();
  await db.schema.dropTable('outbox_message').execute();
  await db.schema
    .createTable('setting')
    .addColumn('key', 'varchar(80)', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.dropTable('setting_value').execute();
}

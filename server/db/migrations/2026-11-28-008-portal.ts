/**
 * The petitioner's side: messages between petitioner and office, the petitioner's evaluation of
 * each reply, the SMS outbox (phone and text encrypted), and the portal's abuse guards — spent
 * proof-of-work challenges and failure counters per tracked case. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_message')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('direction', 'varchar(10)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('petition_message_petition_idx').on('petition_message').columns(['petition_id', 'created_at']).execute();

  await db.schema
    .createTable('petition_evaluation')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('reply_event_id', 'varchar(40)', (c) => c.notNull().references('petition_event.id'))
    .addColumn('satisfaction', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('petition_evaluation_reply_key', ['petition_id', 'reply_event_id'])
    .execute();

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
  await db.schema.createIndex('sms_outbox_status_idx').on('sms_outbox').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('portal_challenge_spent')
    .addColumn('challenge_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('portal_guard')
    .addColumn('key', 'varchar(120)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_until', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['portal_guard', 'portal_challenge_spent', 'sms_outbox', 'petition_evaluation', 'petition_message']) {
    await db.schema.dropTable(table).execute();
  }
}

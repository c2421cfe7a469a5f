/**
 * The petition and everything hanging off it: petitioners (identity encrypted, with blind indexes),
 * persons named (被反映人, for recusal), involved units, events (the timeline the deadlines are
 * computed from), attachments, notifications, conflict declarations, the category taxonomy, the
 * working-day calendar, and scheduler leases. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('category')
    .addColumn('code', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('parent_code', 'varchar(10)', (c) => c.references('category.code'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('national_category', 'varchar(40)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('petitioner')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('id_number_enc', 'varchar(200)')
    .addColumn('id_number_index', 'varchar(64)')
    .addColumn('phone_enc', 'varchar(200)')
    .addColumn('phone_index', 'varchar(64)')
    .addColumn('identity', 'varchar(20)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(40)', (c) => c.references('unit.id'))
    .addColumn('address', 'varchar(200)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('petitioner_id_number_idx').on('petitioner').column('id_number_index').execute();
  await db.schema.createIndex('petitioner_phone_idx').on('petitioner').column('phone_index').execute();

  await db.schema
    .createTable('petition')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('case_number', 'varchar(30)', (c) => c.notNull().unique())
    .addColumn('tracking_code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('state', 'varchar(30)', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('category_code', 'varchar(10)', (c) => c.references('category.code'))
    .addColumn('title', 'varchar(120)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('registered_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('registered_unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('handling_unit_id', 'varchar(40)', (c) => c.references('unit.id'))
    .addColumn('owner_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('owner_confirmed_at', 'varchar(32)')
    .addColumn('handler_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('is_anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('headcount', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('representative_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_group', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_skip_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_repeat', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_first', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('repeat_of_id', 'varchar(40)', (c) => c.references('petition.id'))
    .addColumn('reply_result', 'varchar(20)')
    .addColumn('outcome', 'varchar(20)')
    .addColumn('satisfaction', 'integer')
    .addColumn('supervision_level', 'varchar(20)')
    .addColumn('due_date', 'varchar(10)')
    .addColumn('due_kind', 'varchar(30)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('petition_received_idx').on('petition').column('received_at').execute();
  await db.schema.createIndex('petition_state_due_idx').on('petition').columns(['state', 'due_date']).execute();
  await db.schema.createIndex('petition_handling_unit_idx').on('petition').columns(['handling_unit_id', 'received_at']).execute();
  await db.schema.createIndex('petition_registered_unit_idx').on('petition').columns(['registered_unit_id', 'received_at']).execute();
  await db.schema.createIndex('petition_owner_idx').on('petition').column('owner_id').execute();
  await db.schema.createIndex('petition_handler_idx').on('petition').column('handler_id').execute();

  await db.schema
    .createTable('petition_petitioner')
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('petitioner_id', 'varchar(40)', (c) => c.notNull().references('petitioner.id'))
    .addColumn('is_representative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('petition_petitioner_pk', ['petition_id', 'petitioner_id'])
    .execute();
  await db.schema.createIndex('petition_petitioner_person_idx').on('petition_petitioner').column('petitioner_id').execute();

  await db.schema
    .createTable('petition_named_person')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('user_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(40)', (c) => c.references('unit.id'))
    .addColumn('position', 'varchar(60)')
    .execute();
  await db.schema.createIndex('petition_named_person_petition_idx').on('petition_named_person').column('petition_id').execute();
  await db.schema.createIndex('petition_named_person_user_idx').on('petition_named_person').column('user_id').execute();

  await db.schema
    .createTable('petition_unit')
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_unit_pk', ['petition_id', 'unit_id', 'role'])
    .execute();

  await db.schema
    .createTable('petition_co_handler')
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('petition_co_handler_pk', ['petition_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('conflict_declaration')
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('conflict_declaration_pk', ['petition_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('petition_event')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('from_state', 'varchar(30)')
    .addColumn('to_state', 'varchar(30)')
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('petition_event_seq_uq', ['petition_id', 'seq'])
    .execute();

  await db.schema
    .createTable('attachment')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('event_id', 'varchar(40)', (c) => c.references('petition_event.id'))
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachment_petition_idx').on('attachment').column('petition_id').execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(40)', (c) => c.references('petition.id'))
    .addColumn('dedupe_key', 'varchar(120)', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .addUniqueConstraint('notification_dedupe_uq', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('calendar_day')
    .addColumn('date', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(40)')
    .execute();

  await db.schema
    .createTable('job_lease')
    .addColumn('name', 'varchar(60)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(60)', (c) => c.notNull())
    .addColumn('lease_until', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_counter')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'case_counter', 'job_lease', 'calendar_day', 'notification', 'attachment', 'petition_event', 'conflict_declaration',
    'petition_co_handler', 'petition_unit', 'petition_named_person', 'petition_petitioner', 'petition', 'petitioner', 'category',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

/**
 * Intake as it happens at the window and on the phone (issue #14): visit records (来访登记, each on a
 * case, with the transcript the petitioner confirms and the materials handed over) and call records
 * (来电登记: the call-back number encrypted with its blind index, the call-back promised and done, and
 * the case a call became). Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visit_record')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('recorded_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('received_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('arrived_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('left_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('companions_json', 'text', (c) => c.notNull())
    .addColumn('transcript', 'text', (c) => c.notNull())
    .addColumn('materials_json', 'text', (c) => c.notNull())
    .addColumn('confirmation_method', 'varchar(20)')
    .addColumn('confirmed_at', 'varchar(32)')
    .addColumn('confirmed_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('transcript_sha256', 'varchar(64)')
    .addColumn('signature_attachment_id', 'varchar(40)', (c) => c.references('attachment.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_record_petition_idx').on('visit_record').columns(['petition_id', 'arrived_at']).execute();
  await db.schema.createIndex('visit_record_unit_idx').on('visit_record').columns(['unit_id', 'arrived_at']).execute();

  await db.schema
    .createTable('call_record')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('recorded_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('called_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer', (c) => c.notNull())
    .addColumn('caller_name', 'varchar(40)')
    .addColumn('caller_number_enc', 'varchar(200)')
    .addColumn('caller_number_index', 'varchar(64)')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('callback_due_at', 'varchar(32)')
    .addColumn('callback_done_at', 'varchar(32)')
    .addColumn('callback_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('callback_note', 'text')
    .addColumn('petition_id', 'varchar(40)', (c) => c.references('petition.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_record_unit_idx').on('call_record').columns(['unit_id', 'called_at']).execute();
  // The call-backs due: those promised and not yet done, soonest first.
  await db.schema
    .createIndex('call_record_callback_idx')
    .on('call_record')
    .columns(['callback_done_at', 'callback_due_at'])
    .execute();
  await db.schema.createIndex('call_record_petition_idx').on('call_record').column('petition_id').execute();
  await db.schema.createIndex('call_record_number_idx').on('call_record').column('caller_number_index').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('call_record').execute();
  await db.schema.dropTable('visit_record').execute();
}

/**
 * 征求意见 (issue #17, 《信访工作条例》第5条, 第29条): a draft decision or policy published by an office
 * with the units asked and a deadline, its files, and the workers' comments with the office's answer
 * and reason. A comment keeps no phone number: only `person_key`, a keyed hash of the draft and the
 * number, unique per draft (one comment per person). A named comment keeps the name given; an
 * anonymous one, nothing but its unit. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consultation')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('decided_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_unit_idx').on('consultation').columns(['unit_id', 'created_at']).execute();
  await db.schema
    .createTable('consultation_unit')
    .addColumn('consultation_id', 'varchar(40)', (c) => c.notNull().references('consultation.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addPrimaryKeyConstraint('consultation_unit_pk', ['consultation_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('consultation_attachment')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('consultation_id', 'varchar(40)', (c) => c.notNull().references('consultation.id'))
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultation_attachment_idx')
    .on('consultation_attachment')
    .column('consultation_id')
    .execute();
  await db.schema
    .createTable('consultation_comment')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('consultation_id', 'varchar(40)', (c) => c.notNull().references('consultation.id'))
    .addColumn('person_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(40)')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('answer', 'varchar(12)')
    .addColumn('reason', 'text')
    .addColumn('answered_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('answered_at', 'varchar(32)')
    .addUniqueConstraint('consultation_comment_person_uq', ['consultation_id', 'person_key'])
    .execute();
  await db.schema
    .createIndex('consultation_comment_idx')
    .on('consultation_comment')
    .columns(['consultation_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['consultation_comment', 'consultation_attachment', 'consultation_unit', 'consultation'])
    await db.schema.dropTable(table).execute();
}

/**
 * Written documents (DOMAIN.md §1.3): versioned templates an administrator edits, the documents
 * generated for a petition (content frozen at generation, with the template version it came from,
 * and its delivery), and the 发文字号 sequence per prefix and year. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_template')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('addressee', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('number_prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('document_template_kind_version_key', ['kind', 'version'])
    .execute();

  await db.schema
    .createTable('petition_document')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('number', 'varchar(60)', (c) => c.notNull().unique())
    .addColumn('template_id', 'varchar(40)', (c) => c.notNull().references('document_template.id'))
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('source_event_id', 'varchar(40)', (c) => c.notNull().references('petition_event.id'))
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('addressed_to_petitioner', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('delivery_method', 'varchar(20)')
    .addColumn('delivery_tracking', 'varchar(60)')
    .addColumn('sent_at', 'varchar(32)')
    .addColumn('delivered_at', 'varchar(32)')
    .addColumn('delivery_recorded_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('petition_document_petition_idx').on('petition_document').columns(['petition_id', 'created_at']).execute();

  await db.schema
    .createTable('document_sequence')
    .addColumn('prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_sequence_pkey', ['prefix', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_sequence').execute();
  await db.schema.dropTable('petition_document').execute();
  await db.schema.dropTable('document_template').execute();
}

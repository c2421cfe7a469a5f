/**
 * The ledger (台账): column mappings saved per layout of an imported sheet, import jobs, and the
 * source key of every imported row (unique, so re-importing the same file or rows adds nothing).
 * Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_mapping')
    .addColumn('layout_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('headers_json', 'text', (c) => c.notNull())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_import')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('format', 'varchar(10)', (c) => c.notNull())
    .addColumn('layout_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('headers_json', 'text', (c) => c.notNull())
    .addColumn('mapping_json', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('errors_json', 'text')
    .addColumn('result_json', 'text')
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('petition_import_source')
    .addColumn('source_key', 'varchar(80)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addColumn('import_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('source_case_number', 'varchar(60)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('petition_import_source_petition_idx').on('petition_import_source').column('petition_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['petition_import_source', 'ledger_import', 'ledger_mapping']) {
    await db.schema.dropTable(table).execute();
  }
}

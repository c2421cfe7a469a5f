/**
 * Early warning (预警研判): each petition's risk score, level and reasons (kept current with its
 * events), warnings raised from cases and signals across cases with the analyses recorded on them,
 * and the sensitive periods an administrator keeps. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('risk_score', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('petition').addColumn('risk_level', 'varchar(10)', (c) => c.notNull().defaultTo('none')).execute();
  await db.schema.alterTable('petition').addColumn('risk_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.createIndex('petition_risk_idx').on('petition').columns(['risk_level', 'state']).execute();

  await db.schema
    .createTable('sensitive_period')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('created_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('sensitive_period_dates_idx').on('sensitive_period').columns(['start_date', 'end_date']).execute();

  await db.schema
    .createTable('warning')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('level', 'varchar(10)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    .addColumn('petition_ids_json', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(160)', (c) => c.notNull().unique())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', 'varchar(32)')
    .addColumn('acknowledged_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('acknowledged_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warning_status_idx').on('warning').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('warning_analysis')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('warning_id', 'varchar(40)', (c) => c.notNull().references('warning.id'))
    .addColumn('author_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('judgement', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('responsible', 'varchar(100)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warning_analysis_warning_idx').on('warning_analysis').column('warning_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('warning_analysis').execute();
  await db.schema.dropTable('warning').execute();
  await db.schema.dropTable('sensitive_period').execute();
  await db.schema.dropIndex('petition_risk_idx').execute();
  for (const column of ['risk_json', 'risk_level', 'risk_score']) await db.schema.alterTable('petition').dropColumn(column).execute();
}

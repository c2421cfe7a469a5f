/**
 * 日报告 / 零报告 (issue #15): one report per reporting unit and working day — nil, or items (职工诉求,
 * 矛盾纠纷, 隐患, 困难职工) each with its text and head count — keyed by the phone's report key so a
 * resubmission is the same row. An item may become a petition (`petition_id`) or, once the hazard
 * ledger exists, a hazard (`hazard_id`, no foreign key yet: the ledger's migration adds its table).
 * Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('daily_report')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('report_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('report_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('nil', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('submitted_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // One report per unit and day, and one row per key: what makes a resubmission idempotent.
  await db.schema
    .createIndex('daily_report_unit_date_uq')
    .on('daily_report')
    .columns(['unit_id', 'report_date'])
    .unique()
    .execute();
  await db.schema.createIndex('daily_report_key_uq').on('daily_report').column('report_key').unique().execute();
  // The morning view and the figures read one day (or a period) for many units: the day first, then
  // every column they read, so a year of rows is never visited (2,000 random row reads per day cost
  // the morning view 190 ms at 730,000 reports; bench/report.bench.ts).
  await db.schema
    .createIndex('daily_report_date_idx')
    .on('daily_report')
    .columns(['report_date', 'unit_id', 'late', 'nil', 'item_count', 'submitted_at', 'id'])
    .execute();

  await db.schema
    .createTable('daily_report_item')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('report_id', 'varchar(40)', (c) => c.notNull().references('daily_report.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(40)', (c) => c.references('petition.id'))
    .addColumn('hazard_id', 'varchar(40)')
    .addColumn('linked_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('daily_report_item_report_idx')
    .on('daily_report_item')
    .columns(['report_id', 'seq'])
    .unique()
    .execute();
  await db.schema.createIndex('daily_report_item_petition_idx').on('daily_report_item').column('petition_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('daily_report_item').execute();
  await db.schema.dropTable('daily_report').execute();
}

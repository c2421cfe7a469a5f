/**
 * The daily-report figures read a period for every unit of a subtree, grouped by unit (the appraisal
 * reads a year: 730,000 reports of 2,000 units). The date-first index makes that a sort of every row of
 * the period; this one is unit-first and holds every column the figures read, so the grouping streams
 * in index order and no report row is visited. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('daily_report_unit_figures_idx')
    .on('daily_report')
    .columns(['unit_id', 'report_date', 'late', 'item_count'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('daily_report_unit_figures_idx').execute();
}

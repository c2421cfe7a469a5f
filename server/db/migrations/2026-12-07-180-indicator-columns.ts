/**
 * Two appraisal indicators (issue #18) need a fact kept:
 * - 包案确认 in time: the owner leader's confirmation limit (企业规定, 《信访工作条例》第18条 领导包案) kept
 *   on the case like the 受理告知 and 办结 limits — its due date and its status, refreshed with every
 *   event — so the figure and the petition list's drill-down read the same two columns, indexed for a
 *   period's range scan. Older cases get them with their next event.
 * - 预警研判 in time: a warning escalated unanalysed moves up the tree (its `unit_id` changes), so the
 *   unit it was raised for is kept apart: the late analysis counts against that unit. Null on older
 *   warnings (read as their current unit).
 * Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('ownership_due', 'varchar(10)').execute();
  await db.schema.alterTable('petition').addColumn('ownership_status', 'varchar(20)').execute();
  await db.schema
    .createIndex('petition_ownership_due_idx')
    .on('petition')
    .columns(['ownership_due', 'ownership_status'])
    .execute();
  await db.schema.alterTable('warning').addColumn('raised_unit_id', 'varchar(40)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('warning').dropColumn('raised_unit_id').execute();
  await db.schema.dropIndex('petition_ownership_due_idx').execute();
  await db.schema.alterTable('petition').dropColumn('ownership_status').execute();
  await db.schema.alterTable('petition').dropColumn('ownership_due').execute();
}

/**
 * 奖惩与问责 (issue #18; 《信访工作条例》第39条, 第42–46条): one row per measure decided — 表彰, 通报批评,
 * 约谈, 挂牌督办, 限期整改, 责任追究 — against a unit or a person (the person's unit kept beside them), with
 * its basis (a round's indicator, a case, an incident: at least one, checked by the service), the
 * decision document frozen as generated (number and content), and the 整改 deadline with its
 * completion. Indexed by the subject unit and person (their pages) and by the open deadlines (the
 * chase). Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accountability_record')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('subject_unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('subject_user_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('basis_round_id', 'varchar(40)', (c) => c.references('appraisal_round.id'))
    .addColumn('basis_figure_key', 'varchar(60)')
    .addColumn('basis_petition_id', 'varchar(40)', (c) => c.references('petition.id'))
    .addColumn('basis_incident_id', 'varchar(40)', (c) => c.references('incident.id'))
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('document_number', 'varchar(60)', (c) => c.notNull())
    .addColumn('document_json', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('rectify_due', 'varchar(10)')
    .addColumn('rectified_at', 'varchar(30)')
    .addColumn('rectified_by', 'varchar(40)')
    .addColumn('rectify_note', 'text')
    .addColumn('decided_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('decided_unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('decided_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('accountability_subject_unit_idx')
    .on('accountability_record')
    .columns(['subject_unit_id', 'decided_at'])
    .execute();
  await db.schema
    .createIndex('accountability_subject_user_idx')
    .on('accountability_record')
    .column('subject_user_id')
    .execute();
  await db.schema
    .createIndex('accountability_rectify_due_idx')
    .on('accountability_record')
    .columns(['rectify_due', 'rectified_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('accountability_record').execute();
}

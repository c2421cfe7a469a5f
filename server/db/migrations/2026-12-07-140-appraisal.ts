/**
 * 考核 (issue #18, 《信访工作条例》第39条): schemes, rounds, each unit's result and its evidence.
 * A scheme's indicators, weights, targets, thresholds and bonus/deduction rules are one JSON
 * definition with a version (bumped on every edit, frozen once a round opens). A round stores the
 * scheme as it was and, per unit, the indicator values it read with their versions, so a round
 * recomputes to the same numbers whatever the data becomes. Scores are hundredths of a point
 * (integers: the same on both dialects). Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appraisal_scheme')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('period_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('level', 'varchar(20)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'varchar(30)')
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('appraisal_round')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('scheme_id', 'varchar(40)', (c) => c.notNull().references('appraisal_scheme.id'))
    .addColumn('scheme_version', 'integer', (c) => c.notNull())
    .addColumn('scheme_json', 'text', (c) => c.notNull())
    .addColumn('period_key', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_to', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('computed_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('opened_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('appraisal_round_scheme_period_uq', ['scheme_id', 'period_key'])
    .execute();
  await db.schema
    .createTable('appraisal_result')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('round_id', 'varchar(40)', (c) => c.notNull().references('appraisal_round.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('inputs_json', 'text', (c) => c.notNull())
    .addColumn('items_json', 'text', (c) => c.notNull())
    .addColumn('computed_centi', 'integer', (c) => c.notNull())
    .addColumn('adjustment_centi', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('adjust_reason', 'text')
    .addColumn('rank', 'integer')
    .addColumn('self_text', 'text')
    .addColumn('self_by', 'varchar(40)')
    .addColumn('self_at', 'varchar(30)')
    .addColumn('reviewed_by', 'varchar(40)')
    .addColumn('reviewed_at', 'varchar(30)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('appraisal_result_round_unit_uq', ['round_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('appraisal_evidence')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('result_id', 'varchar(40)', (c) => c.notNull().references('appraisal_result.id'))
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appraisal_evidence_result_idx').on('appraisal_evidence').column('result_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appraisal_evidence').execute();
  await db.schema.dropTable('appraisal_result').execute();
  await db.schema.dropTable('appraisal_round').execute();
  await db.schema.dropTable('appraisal_scheme').execute();
}

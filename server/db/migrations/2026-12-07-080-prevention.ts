/**
 * Prevention at the grassroots (issue #15 part A): the three-level network kept with each unit (its
 * 包联领导 and its 信息员, an account or a named contact), screening campaigns (矛盾隐患排查) with one
 * return per covered unit, and the hazard ledger (排查台账): hazards, their measures, progress notes
 * (append-only) and the links to petitions both ways. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('unit')
    .addColumn('leader_user_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .execute();
  await db.schema
    .alterTable('unit')
    .addColumn('info_officer_user_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.alterTable('unit').addColumn('info_officer_name', 'varchar(40)').execute();
  await db.schema.alterTable('unit').addColumn('info_officer_phone', 'varchar(20)').execute();

  await db.schema
    .createTable('screening_campaign')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('unit_path', 'varchar(1000)', (c) => c.notNull())
    .addColumn('topic', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('period_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_to', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('unit_kinds', 'varchar(200)')
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('screening_campaign_unit_idx').on('screening_campaign').columns(['unit_path']).execute();

  await db.schema
    .createTable('screening_return')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('campaign_id', 'varchar(40)', (c) => c.notNull().references('screening_campaign.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('unit_path', 'varchar(1000)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    // pending | nil (无隐患) | hazards
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('hazard_count', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('answered_at', 'varchar(32)')
    .addColumn('answered_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('on_time', 'integer')
    .addColumn('chased_at', 'varchar(32)')
    .addColumn('escalated_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('screening_return_campaign_unit_uq')
    .on('screening_return')
    .columns(['campaign_id', 'unit_id'])
    .unique()
    .execute();
  await db.schema.createIndex('screening_return_path_idx').on('screening_return').columns(['unit_path', 'due_date']).execute();
  await db.schema.createIndex('screening_return_chase_idx').on('screening_return').columns(['status', 'due_date']).execute();

  await db.schema
    .createTable('hazard')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('unit_path', 'varchar(1000)', (c) => c.notNull())
    // The 集团/矿/公司 that owns it (the unit's office level); 销号 is approved above it.
    .addColumn('owner_path', 'varchar(1000)', (c) => c.notNull())
    .addColumn('campaign_id', 'varchar(40)', (c) => c.references('screening_campaign.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('location', 'varchar(200)', (c) => c.notNull())
    .addColumn('workers_involved', 'integer', (c) => c.notNull())
    .addColumn('category_code', 'varchar(10)')
    .addColumn('risk_level', 'varchar(10)', (c) => c.notNull())
    .addColumn('lead_leader_id', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('responsible_department', 'varchar(100)')
    // open | clearing (销号 requested) | cleared
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    // The latest measure deadline: when it is due to be cleared (figures).
    .addColumn('due_date', 'varchar(10)')
    .addColumn('clear_evidence', 'text')
    .addColumn('clear_requested_at', 'varchar(32)')
    .addColumn('clear_requested_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('cleared_at', 'varchar(32)')
    .addColumn('cleared_by', 'varchar(40)', (c) => c.references('app_user.id'))
    // The local date (UTC+8) of the approval, compared with due_date for "cleared on time".
    .addColumn('cleared_on', 'varchar(10)')
    .addColumn('found_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hazard_path_idx').on('hazard').columns(['unit_path', 'found_date']).execute();
  await db.schema.createIndex('hazard_campaign_idx').on('hazard').columns(['campaign_id']).execute();
  await db.schema.createIndex('hazard_open_idx').on('hazard').columns(['state', 'category_code']).execute();

  await db.schema
    .createTable('hazard_measure')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('hazard_id', 'varchar(40)', (c) => c.notNull().references('hazard.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('done_at', 'varchar(32)')
    .addColumn('done_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hazard_measure_hazard_idx').on('hazard_measure').columns(['hazard_id']).execute();

  await db.schema
    .createTable('hazard_note')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('hazard_id', 'varchar(40)', (c) => c.notNull().references('hazard.id'))
    // note | clear_requested | cleared | sent_back
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hazard_note_hazard_idx').on('hazard_note').columns(['hazard_id', 'created_at']).execute();

  await db.schema
    .createTable('hazard_petition')
    .addColumn('hazard_id', 'varchar(40)', (c) => c.notNull().references('hazard.id'))
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    // became (the hazard was turned into this petition) | revealed (the petition revealed the hazard)
    .addColumn('relation', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('hazard_petition_pk', ['hazard_id', 'petition_id'])
    .execute();
  await db.schema.createIndex('hazard_petition_petition_idx').on('hazard_petition').columns(['petition_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hazard_petition').execute();
  await db.schema.dropTable('hazard_note').execute();
  await db.schema.dropTable('hazard_measure').execute();
  await db.schema.dropTable('hazard').execute();
  await db.schema.dropTable('screening_return').execute();
  await db.schema.dropTable('screening_campaign').execute();
  for (const column of ['info_officer_phone', 'info_officer_name', 'info_officer_user_id', 'leader_user_id']) {
    await db.schema.alterTable('unit').dropColumn(column).execute();
  }
}

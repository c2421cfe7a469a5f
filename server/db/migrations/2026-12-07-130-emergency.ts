/**
 * 应急处置 (issue #16): contingency plans (预案, versioned: each edit bumps `version`, the audit keeps
 * before and after), incidents opened by activating a plan (a snapshot of the plan as activated, so
 * an edit later does not rewrite what people were told), their timeline entries (each with the time
 * it happened), tasks with their confirmation. Drills are incidents with `drill` = 1.
 * Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('emergency_plan')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('title', 'varchar(80)', (c) => c.notNull())
    .addColumn('incident_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('level', 'varchar(10)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('roles_json', 'text', (c) => c.notNull())
    .addColumn('steps_json', 'text', (c) => c.notNull())
    .addColumn('contacts_json', 'text', (c) => c.notNull())
    .addColumn('notify_user_ids_json', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('emergency_plan_unit_idx').on('emergency_plan').columns(['unit_id', 'level']).execute();

  await db.schema
    .createTable('incident')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('plan_id', 'varchar(40)', (c) => c.notNull().references('emergency_plan.id'))
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('plan_json', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('title', 'varchar(80)', (c) => c.notNull())
    .addColumn('summary', 'varchar(200)', (c) => c.notNull())
    .addColumn('incident_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('level', 'varchar(10)', (c) => c.notNull())
    .addColumn('drill', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('source_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('source_id', 'varchar(40)')
    .addColumn('commander_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('people_json', 'text', (c) => c.notNull())
    .addColumn('activated_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('activated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('first_arrival_at', 'varchar(32)')
    // Minutes from activation to first_arrival_at: the response-time figure sums it in SQL.
    .addColumn('arrival_minutes', 'integer')
    .addColumn('stood_down_at', 'varchar(32)')
    .addColumn('stood_down_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('stand_down_note', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_unit_idx').on('incident').columns(['unit_id', 'activated_at']).execute();
  await db.schema.createIndex('incident_activated_idx').on('incident').columns(['activated_at']).execute();

  await db.schema
    .createTable('incident_entry')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(40)', (c) => c.notNull().references('incident.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('occurred_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('headcount', 'integer')
    .addColumn('outside_body', 'varchar(60)')
    .addColumn('recorded_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_entry_incident_idx')
    .on('incident_entry')
    .columns(['incident_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('incident_task')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(40)', (c) => c.notNull().references('incident.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('assignee_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('assigned_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('assigned_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('confirmed_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('incident_task_incident_idx').on('incident_task').column('incident_id').execute();
  await db.schema.createIndex('incident_task_assignee_idx').on('incident_task').column('assignee_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('incident_task').execute();
  await db.schema.dropTable('incident_entry').execute();
  await db.schema.dropTable('incident').execute();
  await db.schema.dropTable('emergency_plan').execute();
}

/**
 * 值班带班 and 领导接待日 (issue #15): a unit's duty shifts (leader and officer on duty, the duty
 * phone, the handover note that closes the shift), swap requests the office decides, the duty log's
 * entries (a call or visit entry may become a petition), and the leaders' published reception days.
 * Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('duty_shift')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('start_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('end_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('leader_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('officer_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('phone', 'varchar(40)', (c) => c.notNull())
    .addColumn('handover_note', 'text')
    .addColumn('handed_over_at', 'varchar(32)')
    .addColumn('handed_over_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_shift_unit_idx').on('duty_shift').columns(['unit_id', 'start_at']).execute();
  await db.schema.createIndex('duty_shift_start_idx').on('duty_shift').columns(['start_at', 'end_at']).execute();

  await db.schema
    .createTable('duty_swap')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('shift_id', 'varchar(40)', (c) => c.notNull().references('duty_shift.id'))
    .addColumn('slot', 'varchar(10)', (c) => c.notNull())
    .addColumn('requested_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('colleague_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_swap_shift_idx').on('duty_swap').columns(['shift_id', 'state']).execute();

  await db.schema
    .createTable('duty_log_entry')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('shift_id', 'varchar(40)', (c) => c.notNull().references('duty_shift.id'))
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('occurred_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('petition_id', 'varchar(40)', (c) => c.references('petition.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('duty_log_entry_shift_idx')
    .on('duty_log_entry')
    .columns(['shift_id', 'occurred_at'])
    .execute();
  await db.schema.createIndex('duty_log_entry_petition_idx').on('duty_log_entry').column('petition_id').execute();

  await db.schema
    .createTable('reception_day')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('leader_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('start_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('end_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('place', 'varchar(200)', (c) => c.notNull())
    .addColumn('topic', 'varchar(200)', (c) => c.notNull())
    .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reception_day_unit_idx').on('reception_day').columns(['unit_id', 'date']).execute();
  await db.schema.createIndex('reception_day_date_idx').on('reception_day').column('date').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reception_day').execute();
  await db.schema.dropTable('duty_log_entry').execute();
  await db.schema.dropTable('duty_swap').execute();
  await db.schema.dropTable('duty_shift').execute();
}

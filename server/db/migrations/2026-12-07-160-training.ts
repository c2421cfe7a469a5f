/**
 * 干部培训 (issue #17, 《信访工作条例》第16条): courses (the topic, the roles bound, hours, how long a
 * qualification lasts, an optional short test with its right answers and pass mark), sessions (date,
 * trainer, the unit holding it), the attendees with their attendance and the score the server gave their
 * test, certificates with their expiry, and the setup steps a new officer has ticked.
 * Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_course')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    // JSON array of role names.
    .addColumn('required_roles_json', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    // Null: the qualification does not expire.
    .addColumn('validity_months', 'integer')
    // Null (both): no test; the questions with their right answers as JSON.
    .addColumn('pass_mark', 'integer')
    .addColumn('questions_json', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_course_unit_idx').on('training_course').column('unit_id').execute();

  await db.schema
    .createTable('training_session')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('course_id', 'varchar(40)', (c) => c.notNull().references('training_course.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('trainer', 'varchar(50)', (c) => c.notNull())
    .addColumn('place', 'varchar(100)')
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_session_unit_idx').on('training_session').columns(['unit_id', 'held_on']).execute();
  await db.schema.createIndex('training_session_course_idx').on('training_session').column('course_id').execute();

  await db.schema
    .createTable('training_attendee')
    .addColumn('session_id', 'varchar(40)', (c) => c.notNull().references('training_session.id'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    // Null until the office records it; then 1 present, 0 absent.
    .addColumn('attended', 'integer')
    .addColumn('attendance_recorded_at', 'varchar(32)')
    // The server's score (whole percent) of the last attempt, and whether it reached the pass mark.
    .addColumn('score', 'integer')
    .addColumn('passed', 'integer')
    .addColumn('test_taken_at', 'varchar(32)')
    .addPrimaryKeyConstraint('training_attendee_pk', ['session_id', 'user_id'])
    .execute();
  await db.schema.createIndex('training_attendee_user_idx').on('training_attendee').column('user_id').execute();

  await db.schema
    .createTable('training_certificate')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('course_id', 'varchar(40)', (c) => c.notNull().references('training_course.id'))
    .addColumn('session_id', 'varchar(40)', (c) => c.notNull().references('training_session.id'))
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    // Null: does not expire.
    .addColumn('expires_on', 'varchar(10)')
    .addColumn('issued_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('training_certificate_session_user_uq', ['session_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('training_certificate_user_idx')
    .on('training_certificate')
    .columns(['user_id', 'course_id'])
    .execute();
  await db.schema.createIndex('training_certificate_expiry_idx').on('training_certificate').column('expires_on').execute();

  await db.schema
    .createTable('training_onboarding_step')
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('step_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('done_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_onboarding_step_pk', ['user_id', 'step_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'training_onboarding_step',
    'training_certificate',
    'training_attendee',
    'training_session',
    'training_course',
  ])
    await db.schema.dropTable(table).execute();
}

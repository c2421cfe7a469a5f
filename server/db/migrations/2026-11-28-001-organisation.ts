/**
 * Organisation, people, sessions, audit trail and settings.
 * Frozen in time: takes Kysely<any> and imports nothing from the app.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('parent_id', 'varchar(40)', (c) => c.references('unit.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('code', 'varchar(30)', (c) => c.notNull())
    .addColumn('path', 'varchar(1000)', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unit_path_idx').on('unit').column('path').execute();
  await db.schema.createIndex('unit_parent_idx').on('unit').column('parent_id').execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(40)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_login_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('last_login_at', 'varchar(32)')
    .addColumn('password_changed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('app_user_unit_idx').on('app_user').column('unit_id').execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();
  await db.schema.createIndex('session_expires_idx').on('session').column('expires_at').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(40)')
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();

  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_chain_head').values({ id: 1, last_seq: 0, last_hash: '0'.repeat(64) }).execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', 'varchar(80)', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['setting', 'audit_chain_head', 'audit_log', 'session', 'app_user', 'unit']) {
    await db.schema.dropTable(table).execute();
  }
}

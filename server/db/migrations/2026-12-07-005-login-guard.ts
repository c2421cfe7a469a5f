/**
 * Log-in failures counted per account and client address, per address, and per account (issue #11,
 * docs/adr/0003): one row per key. The key is a keyed hash of scope and subject, so the table holds
 * no usernames and no addresses; user_id (when the username is an account) lets an administrator's
 * password reset lift the account's locks. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_guard')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)')
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('counted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('known_until', 'varchar(32)')
    .execute();
  await db.schema.createIndex('login_guard_user_idx').on('login_guard').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_guard').execute();
}

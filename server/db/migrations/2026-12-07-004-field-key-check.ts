/**
 * The field-encryption key check (issue #11): one row holding a check value derived from the key
 * that encrypts ID numbers and phones, so the server and a restore can tell cheaply whether the
 * configured key is the one the data was written with, and refuse instead of answering 500s. The
 * row is written at start-up by the application (a migration does not know the key). Frozen:
 * Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('field_key_check')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('check_value', 'varchar(80)', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('field_key_check').execute();
}

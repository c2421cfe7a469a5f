/**
 * The migrator of a test's database, for the tests that take a database down to an older migration
 * and up again (their data must stay readable): the one migration history, its table in the test's
 * PostgreSQL schema when it has one.
 */
import { Migrator } from 'kysely';
import type { Database } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';

export function migratorOf(database: Database): Migrator {
  const { db, schema } = database;
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema === null ? {} : { migrationTableSchema: schema }),
  });
}

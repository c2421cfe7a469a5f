/**
 * Stateless instances (issue #21): what one process used to keep for itself moves into the database
 * so that several instances behind nginx give the same answers.
 * - `stored_file`: the bytes of attachments, appraisal evidence and uploaded ledgers when files are
 *   kept in the database (the default on PostgreSQL; SQLite keeps them on disk).
 * - `rate_limit_hit`: the counters of the per-address rate limits (log-in, portal), one row per
 *   route and client key, with the end of its window.
 * - `ledger_import.progress_json`: a running import's progress, for a poll answered by another instance.
 * - `job_lease.runs` and `last_started_at`: how often and when a periodic job ran, over all instances
 *   (an operator's check, and the cluster test's proof that a job asked of every instance ran once).
 * Frozen: Kysely<any>, no app imports.
 */
import { SqliteAdapter, type Kysely } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stored_file')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('data', isSqlite(db) ? 'blob' : 'bytea', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rate_limit_hit')
    .addColumn('key', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_ends', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hit_window_idx').on('rate_limit_hit').column('window_ends').execute();
  await db.schema.alterTable('ledger_import').addColumn('progress_json', 'text').execute();
  await db.schema
    .alterTable('job_lease')
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('job_lease').addColumn('last_started_at', 'varchar(30)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('job_lease').dropColumn('last_started_at').execute();
  await db.schema.alterTable('job_lease').dropColumn('runs').execute();
  await db.schema.alterTable('ledger_import').dropColumn('progress_json').execute();
  await db.schema.dropTable('rate_limit_hit').execute();
  await db.schema.dropTable('stored_file').execute();
}

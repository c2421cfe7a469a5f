/**
 * Opens the database named by the configuration: embedded SQLite (default) or PostgreSQL.
 * Dialect differences stay here and in `DialectCapabilities`; repositories write one query.
 */
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, sql, PostgresDialect, SqliteDialect, type MigrationResultSet } from 'kysely';
import type { DatabaseConfig } from '../config.ts';
import type { Dialect } from '../../common/schemas/health.ts';
import { ensurePrivateFile, makePrivateDir, restrictToOwner } from '../platform/private-files.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

export type Database = {
  db: Kysely<DB>;
  dialect: Dialect;
  /** PostgreSQL schema the connection's search_path points at, when not the default. */
  schema: string | null;
  close: () => Promise<void>;
};

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** COUNT(*) and SUM() come back as int8/numeric strings; our counts and sums fit in a JS number. */
function numericTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, Number);
  types.setTypeParser(NUMERIC_OID, Number);
  return types;
}

/**
 * Keep prepared statements by their SQL text: Kysely asks better-sqlite3 to prepare every query it
 * runs, and compiling the same few hundred statements again and again was about 40% of a
 * registration's time. SQLite re-prepares a cached statement itself after a schema change. A
 * statement still iterating (a stream) is busy: then a fresh one is prepared.
 */
function cacheStatements(sqlite: SqliteDatabase.Database, max = 2000): void {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  const cached = (source: string): SqliteDatabase.Statement => {
    const hit = cache.get(source);
    if (hit !== undefined && !hit.busy) return hit;
    const statement = prepare(source);
    if (hit === undefined && cache.size >= max) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(source, statement);
    return statement;
  };
  Object.defineProperty(sqlite, 'prepare', { value: cached });
}

/**
 * The database file exists and only its owner may read it before SQLite opens it: SQLite gives the
 * -wal and -shm files it creates the database file's mode, so all three end up 0600. A missing
 * directory is created 0700.
 */
function prepareSqliteFile(file: string): void {
  makePrivateDir(path.dirname(file));
  ensurePrivateFile(file);
  for (const companion of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) restrictToOwner(companion);
}

/** Open a connection (pool) and apply the pragmas each engine needs; does not migrate. */
export function openDatabase(config: DatabaseConfig): Database {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') prepareSqliteFile(config.file);
    const sqlite = new SqliteDatabase(config.file);
    // WAL lets readers run beside the one writer; NORMAL is durable across process crashes in WAL.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    cacheStatements(sqlite);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', schema: null, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    ...(config.schema === null ? {} : { options: `-c search_path=${config.schema}` }),
    types: numericTypes(),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema: config.schema, close: () => db.destroy() };
}

/** Bring the schema to the latest migration. @throws the first migration error. */
export async function migrateToLatest({ db, schema }: Database): Promise<MigrationResultSet> {
  if (schema !== null) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  // Name the schema: Kysely looks for its lock table across every schema it can see, so another
  // schema's table (a parallel test run's) would otherwise count as ours.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema === null ? {} : { migrationTableSchema: schema }),
  });
  const result = await migrator.migrateToLatest();
  if (result.error !== undefined)
    throw result.error instanceof Error ? result.error : new Error('migration failed', { cause: result.error });
  return result;
}

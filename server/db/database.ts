/**
 * Opens the database named by the configuration: embedded SQLite (default) or PostgreSQL.
 * Dialect differences stay here and in `DialectCapabilities`; repositories write one query.
 */
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  sql,
  PostgresDialect,
  SqliteDialect,
  type Dialect as KyselyDialect,
  type MigrationResultSet,
} from 'kysely';
import { RoutingDriver } from './read-routing.ts';
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
  /** PostgreSQL: the pools behind `db` (the replica's when DATABASE_READ_URL is set), for health and read-your-writes. */
  pools: { primary: pg.Pool; replica: pg.Pool | null } | null;
};

/** What /api/health tells of the database: its role, and the replica's lag behind the primary. */
export type DatabaseStatus = {
  role: 'primary' | 'replica' | 'sqlite';
  replica: { reachable: boolean; lagBytes: number | null; lagSeconds: number | null } | null;
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
 *
 * Bounded by count and by parameters, least recently used out first: a statement's text changes
 * with its data (an `IN` list of a look-up's samples, a multi-row insert or upsert), each length a
 * new text, and its memory grows with its parameters — 2,000 such statements held ~145 MB, so a
 * cache bounded by count alone filled over a soak and the server's RSS climbed to a plateau far
 * above its working set (issue #20). The shapes in daily use are hit again and stay.
 */
export const CACHED_STATEMENTS_MAX = 1000;
export const CACHED_PARAMETERS_MAX = 40_000;

export function cacheStatements(
  sqlite: SqliteDatabase.Database,
  limits: { statements: number; parameters: number } = {
    statements: CACHED_STATEMENTS_MAX,
    parameters: CACHED_PARAMETERS_MAX,
  },
): { size: () => number; parameters: () => number } {
  const cache = new Map<string, { statement: SqliteDatabase.Statement; weight: number }>();
  let parameters = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  const cached = (source: string): SqliteDatabase.Statement => {
    const hit = cache.get(source);
    if (hit !== undefined && !hit.statement.busy) {
      // Most recently used last: the first in the map is the one to drop.
      cache.delete(source);
      cache.set(source, hit);
      return hit.statement;
    }
    const statement = prepare(source);
    if (hit !== undefined) {
      hit.statement = statement;
      return statement;
    }
    const weight = parameterCount(source) + 1;
    if (weight > limits.parameters) return statement;
    while (cache.size > 0 && (cache.size >= limits.statements || parameters + weight > limits.parameters)) {
      const [oldest, entry] = cache.entries().next().value as [string, { weight: number }];
      cache.delete(oldest);
      parameters -= entry.weight;
    }
    cache.set(source, { statement, weight });
    parameters += weight;
    return statement;
  };
  Object.defineProperty(sqlite, 'prepare', { value: cached });
  return { size: () => cache.size, parameters: () => parameters };
}

/** The `?` placeholders of a statement Kysely compiled (its values are parameters, never inline). */
function parameterCount(source: string): number {
  let count = 0;
  for (let i = source.indexOf('?'); i !== -1; i = source.indexOf('?', i + 1)) count += 1;
  return count;
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

/**
 * Every SQLite transaction begins IMMEDIATE, taking the write lock at its start. With a second
 * connection on the file (a ledger import's worker thread, issue #20), a DEFERRED transaction that
 * reads, then writes after the other connection committed, fails at once with SQLITE_BUSY_SNAPSHOT
 * (its snapshot is stale and cannot be upgraded); begun IMMEDIATE it waits (busy_timeout) for the
 * other writer instead. In one process with one connection nothing changes.
 */
function immediateTransactions(dialect: SqliteDialect): SqliteDialect {
  const createDriver = dialect.createDriver.bind(dialect);
  dialect.createDriver = () => {
    const driver = createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  };
  return dialect;
}

export type OpenOptions = {
  /** Told when the replica cannot be reached (its reads then go to the primary). */
  onReplicaError: (error: unknown) => void;
};

const IGNORE: OpenOptions = { onReplicaError: () => {} };

/** Open a connection (pool) and apply the pragmas each engine needs; does not migrate. */
export function openDatabase(config: DatabaseConfig, options: OpenOptions = IGNORE): Database {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') prepareSqliteFile(config.file);
    const sqlite = new SqliteDatabase(config.file);
    // WAL lets readers run beside the one writer; NORMAL is durable across process crashes in WAL.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    cacheStatements(sqlite);
    const db = new Kysely<DB>({ dialect: immediateTransactions(new SqliteDialect({ database: sqlite })) });
    // Closing folds the WAL back into the database file and truncates it (once the connection is free:
    // a transaction in progress finishes first), so a stopped server leaves one file behind (issue #20).
    let closed = false;
    const close = async () => {
      if (closed) return; // closing twice is harmless, as Kysely's destroy() is
      closed = true;
      if (config.file !== ':memory:') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
      await db.destroy();
    };
    return { db, dialect: 'sqlite', schema: null, close, pools: null };
  }
  const poolOf = (url: string) =>
    new pg.Pool({
      connectionString: url,
      max: config.poolSize,
      ...(config.schema === null ? {} : { options: `-c search_path=${config.schema}` }),
      types: numericTypes(),
    });
  const pool = poolOf(config.url);
  const primary = new PostgresDialect({ pool });
  if (config.readUrl === undefined || config.readUrl === null) {
    const db = new Kysely<DB>({ dialect: primary });
    return {
      db,
      dialect: 'postgres',
      schema: config.schema,
      close: () => db.destroy(),
      pools: { primary: pool, replica: null },
    };
  }
  const readPool = poolOf(config.readUrl);
  // An idle replica connection that breaks (the replica restarted) must not take the process down.
  readPool.on('error', (error) => options.onReplicaError(error));
  const replica = new PostgresDialect({ pool: readPool });
  const routing: KyselyDialect = {
    createAdapter: () => primary.createAdapter(),
    createDriver: () => new RoutingDriver(primary.createDriver(), replica.createDriver(), options.onReplicaError),
    createIntrospector: (db) => primary.createIntrospector(db),
    createQueryCompiler: () => primary.createQueryCompiler(),
  };
  const db = new Kysely<DB>({ dialect: routing });
  return {
    db,
    dialect: 'postgres',
    schema: config.schema,
    close: () => db.destroy(),
    pools: { primary: pool, replica: readPool },
  };
}

/** The primary's current WAL position (after a commit: at or past it), as PostgreSQL prints it. */
export async function primaryWalLsn(database: Database): Promise<string | null> {
  if (database.pools === null) return null;
  const result = await database.pools.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
  return result.rows[0]?.lsn ?? null;
}

/** Whether the replica has replayed the WAL up to `lsn` (false when there is no replica or it cannot be asked). */
export async function replicaHasReplayed(database: Database, lsn: string): Promise<boolean> {
  const replica = database.pools?.replica ?? null;
  if (replica === null) return false;
  try {
    const result = await replica.query<{ ok: boolean | null }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [
      lsn,
    ]);
    return result.rows[0]?.ok === true;
  } catch {
    return false;
  }
}

/**
 * The database's role (a primary, or a server in recovery — a replica — when DATABASE_URL points at
 * one by mistake) and the replica's lag: bytes of WAL not yet replayed, and seconds since the last
 * replayed transaction when some are outstanding (0 when it has replayed everything).
 */
export async function databaseStatus(database: Database): Promise<DatabaseStatus> {
  if (database.pools === null) return { role: 'sqlite', replica: null };
  const primary = await database.pools.primary.query<{ recovery: boolean; lsn: string }>(
    'select pg_is_in_recovery() as recovery, (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)::text as lsn',
  );
  const row = primary.rows[0];
  const role = row?.recovery === true ? 'replica' : 'primary';
  const replicaPool = database.pools.replica;
  if (replicaPool === null || row === undefined) return { role, replica: null };
  try {
    const replica = await replicaPool.query<{ lag_bytes: number | null; lag_seconds: number | null }>(
      `select pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::float8 as lag_bytes,
              extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as lag_seconds`,
      [row.lsn],
    );
    const lag = replica.rows[0];
    const lagBytes = lag?.lag_bytes === null || lag === undefined ? null : Math.max(0, lag.lag_bytes);
    return {
      role,
      replica: {
        reachable: true,
        lagBytes,
        lagSeconds: lagBytes === 0 ? 0 : (lag?.lag_seconds ?? null),
      },
    };
  } catch {
    return { role, replica: { reachable: false, lagBytes: null, lagSeconds: null } };
  }
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

/**
 * The query planner's statistics (SQLite's sqlite_stat1), gathered where they are missing or stale.
 * SQLite never gathers them by itself: without them it judged the list's index choices blind and, at
 * a million petitions, read a mine's 143,000 cases to sort them for a page of twenty (issue #20).
 * `PRAGMA optimize` analyses only the tables that need it, sampling a bounded number of index entries
 * (0x10: SQLite's own analysis limit, about a second at a million petitions, nothing when current).
 * `allTables` (0x10000) at start-up checks every table, not only those this connection has used.
 * It must run on the connection that plans the queries: another connection's ANALYZE does not change
 * the schema version, so this one would keep planning without the new figures. PostgreSQL's
 * autovacuum keeps its own statistics.
 */
export async function refreshPlannerStatistics(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  allTables: boolean,
): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql.raw(`pragma optimize = ${allTables ? '0x10012' : '0x12'}`).execute(db);
}

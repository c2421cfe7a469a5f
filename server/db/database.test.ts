import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SqliteDatabase from 'better-sqlite3';
import {
  CACHED_PARAMETERS_MAX,
  CACHED_STATEMENTS_MAX,
  cacheStatements,
  openDatabase,
  refreshPlannerStatistics,
} from './database.ts';

// Issue #11 finding 14: the SQLite file holds every petition; other users of the machine must not
// read it (it was created 0644 in a 0755 directory).
let base: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-db-'));
});
afterEach(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/** Open, write (so the write-ahead log and its index exist) and return the modes while open. */
async function modesWhileOpen(file: string): Promise<Record<string, number>> {
  const database = openDatabase({ dialect: 'sqlite', file });
  try {
    await sql`create table if not exists probe (x integer)`.execute(database.db);
    await sql`insert into probe (x) values (1)`.execute(database.db);
    const modes: Record<string, number> = {};
    for (const name of [file, `${file}-wal`, `${file}-shm`]) modes[path.basename(name)] = modeOf(name);
    return modes;
  } finally {
    await database.close();
  }
}

const OWNER_ONLY = { 'xinfang.db': 0o600, 'xinfang.db-wal': 0o600, 'xinfang.db-shm': 0o600 };

describe('openDatabase on SQLite: file modes', () => {
  it('creates missing directories 0700 and the database, -wal and -shm 0600', async () => {
    const dir = path.join(base, 'var', 'data');
    const file = path.join(dir, 'xinfang.db');
    expect(await modesWhileOpen(file)).toEqual(OWNER_ONLY);
    expect(modeOf(path.join(base, 'var'))).toBe(0o700);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('narrows a database an earlier version left readable by everyone, and its -wal and -shm with it', async () => {
    const file = path.join(base, 'xinfang.db');
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o644);
    expect(await modesWhileOpen(file)).toEqual(OWNER_ONLY);
    expect(modeOf(file)).toBe(0o600);
  });

  it('leaves an existing directory as it is (it may be shared on purpose)', async () => {
    fs.chmodSync(base, 0o750);
    await modesWhileOpen(path.join(base, 'xinfang.db'));
    expect(modeOf(base)).toBe(0o750);
  });
});

describe('closing on SQLite (issue #20)', () => {
  it('checkpoints and truncates the write-ahead log even while another connection (an import worker) is open', async () => {
    const file = path.join(base, 'xinfang.db');
    const worker = openDatabase({ dialect: 'sqlite', file });
    const server = openDatabase({ dialect: 'sqlite', file });
    await sql`create table probe (x text)`.execute(server.db);
    for (let i = 0; i < 200; i++) await sql`insert into probe (x) values (${'x'.repeat(1000)})`.execute(server.db);
    await sql`select count(*) from probe`.execute(worker.db);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(100_000);
    await server.close();
    // Not the last connection, so SQLite itself would have left the log as it was.
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
    await worker.close();
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    // Nothing lost: the rows are in the database file.
    const reopened = openDatabase({ dialect: 'sqlite', file });
    expect(await sql<{ n: number }>`select count(*) as n from probe`.execute(reopened.db)).toMatchObject({
      rows: [{ n: 200 }],
    });
    await reopened.close();
  });
});

describe('the prepared-statement cache (issue #20)', () => {
  const inList = (n: number) => `select a from t where a in (${Array.from({ length: n }, () => '?').join(', ')})`;

  it('keeps the statements in use, bounded by parameters: IN lists of every length do not pile up', () => {
    const sqlite = new SqliteDatabase(':memory:');
    sqlite.exec('create table t (a text)');
    const cache = cacheStatements(sqlite, { statements: 1000, parameters: 5_000 });
    const few = 'select a from t where a = ?';
    const kept = sqlite.prepare(few);
    // Look-ups of every length from 1 to 400 (80,000 parameters in all), the short one used between them.
    for (let n = 1; n <= 400; n++) {
      sqlite.prepare(inList(n));
      expect(sqlite.prepare(few)).toBe(kept);
    }
    expect(cache.parameters()).toBeLessThanOrEqual(5_000);
    expect(cache.size()).toBeLessThan(400);
    // A recent long one is still kept, and every statement still runs.
    expect(sqlite.prepare(inList(400))).toBe(sqlite.prepare(inList(400)));
    expect(sqlite.prepare(inList(3)).all('x', 'y', 'z')).toEqual([]);
    sqlite.close();
  });

  it('holds at most the given number of statements, the least recently used dropped first', () => {
    const sqlite = new SqliteDatabase(':memory:');
    cacheStatements(sqlite, { statements: 3, parameters: CACHED_PARAMETERS_MAX });
    const one = sqlite.prepare('select 1');
    const two = sqlite.prepare('select 2');
    sqlite.prepare('select 3');
    expect(sqlite.prepare('select 1')).toBe(one); // used again: now the most recent
    sqlite.prepare('select 4'); // drops `select 2`
    expect(sqlite.prepare('select 1')).toBe(one);
    expect(sqlite.prepare('select 2')).not.toBe(two);
    expect(CACHED_STATEMENTS_MAX).toBeLessThanOrEqual(1000);
    sqlite.close();
  });
});

// Issue #20: SQLite never analyses by itself; without statistics its plans for the list at a million
// petitions read a whole mine's cases to sort them. Start-up and a daily job gather them.
describe('refreshPlannerStatistics on SQLite', () => {
  it('gathers statistics for a table and its indexes that have none, and leaves current ones alone', async () => {
    const database = openDatabase({ dialect: 'sqlite', file: path.join(base, 'xinfang.db') });
    try {
      await sql`create table probe (x integer, y text)`.execute(database.db);
      await sql`create index probe_y_idx on probe (y, x)`.execute(database.db);
      await sql`with recursive n(v) as (select 1 union all select v + 1 from n where v < 5000)
        insert into probe (x, y) select v, 'u' || (v % 7) from n`.execute(database.db);
      await refreshPlannerStatistics(database, true);
      const stats = async () =>
        (
          await sql<{ idx: string; stat: string }>`select idx, stat from sqlite_stat1 where tbl = 'probe'`.execute(
            database.db,
          )
        ).rows;
      const first = await stats();
      expect(first.map((r) => r.idx)).toContain('probe_y_idx');
      expect(first.find((r) => r.idx === 'probe_y_idx')?.stat.split(' ')[0]).toBe('5000');
      await refreshPlannerStatistics(database, false);
      expect(await stats()).toEqual(first);
    } finally {
      await database.close();
    }
  });
});

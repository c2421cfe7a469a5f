/**
 * Every table's row count and a checksum of its rows, so a test can prove that a refused request
 * wrote nothing ("nothing half-written"): take a snapshot before, one after, and compare.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

export type TableState = { rows: number; checksum: string };
export type DbSnapshot = ReadonlyMap<string, TableState>;

/** Sorted keys, so two equal rows serialise alike whatever order the driver gave their columns. */
function canonical(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );
}

/** The tables of the database's own schema (on PostgreSQL, a test's private schema only). */
export async function tableNames(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables
    .filter((t) => !t.isView && (database.schema === null || t.schema === database.schema))
    .map((t) => t.name)
    .filter((name) => !name.startsWith('sqlite_'))
    .sort();
}

/** Row count and checksum of every table but `ignore`. */
export async function snapshotTables(database: Database, ignore: readonly string[] = []): Promise<DbSnapshot> {
  const out = new Map<string, TableState>();
  const names = (await tableNames(database)).filter((name) => !ignore.includes(name));
  if (database.dialect === 'postgres') {
    // One statement, summed up where the rows are: each row as text, sorted, hashed.
    const parts = names.map(
      (name) =>
        sql<{
          name: string;
          n: string;
          h: string;
        }>`select ${name} as name, count(*) as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.table(name)} t`,
    );
    const { rows } = await sql<{ name: string; n: string; h: string }>`${sql.join(parts, sql` union all `)}`.execute(
      database.db,
    );
    for (const row of rows) out.set(row.name, { rows: Number(row.n), checksum: row.h });
    return out;
  }
  for (const name of names) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(database.db);
    const lines = rows.map(canonical).sort();
    out.set(name, { rows: rows.length, checksum: createHash('sha256').update(lines.join('\n')).digest('hex') });
  }
  return out;
}

/** The tables whose rows differ between two snapshots, with their counts before and after. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => before.get(name)?.checksum !== after.get(name)?.checksum)
    .map((name) => `${name} (${before.get(name)?.rows ?? 0} → ${after.get(name)?.rows ?? 0} rows)`);
}

/**
 * The petition list at a million petitions (issue #20): the overdue list (`due_date < today`,
 * newest first) had no index that both finds the open cases with a due date and keeps them in the
 * order of receipt, so each page scanned the receipt index and read the table row of every case
 * (closed ones included) until twenty overdue ones turned up — 360 ms at 1M on SQLite, and its count
 * scanned a whole index. Only open cases carry a `due_date`, so a partial index on (received_at,
 * due_date) holds those few: the page walks it newest first and stops at the page, the capped count
 * reads its entries alone. Both engines prove `due_date < ?` implies the index's `due_date is not
 * null`. Its build reads the table once (seconds at 1M) and writes only the open cases.
 * Frozen: Kysely<any>, no app imports.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index petition_open_received_idx on petition (received_at, due_date) where due_date is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('petition_open_received_idx').execute();
}

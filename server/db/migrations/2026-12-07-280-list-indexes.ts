/**
 * The petition list at a million petitions (issue #20).
 * - The overdue list (`due_date < today`, newest first) had no index that both finds the open cases
 *   with a due date and keeps them in the order of receipt, so each page scanned the receipt index
 *   and read the table row of every case (closed ones included) until twenty overdue ones turned up
 *   — 360 ms at 1M on SQLite — and its count scanned a whole index. Only open cases carry a
 *   `due_date`, so a partial index on (received_at, due_date) holds those few: the page walks it
 *   newest first and stops at the page, the capped count reads its entries alone. Both engines prove
 *   `due_date < ?` implies the index's `due_date is not null`.
 * - The list pages each term of a viewer's scope on its own index in the order of receipt (the
 *   owner's and the handler's cases, like the handling and registering units' already), so the
 *   owner and handler indexes gain received_at; they replace the one-column ones, whose every use
 *   they still serve.
 * Each build reads the table once (seconds at 1M). Frozen: Kysely<any>, no app imports.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index petition_open_received_idx on petition (received_at, due_date) where due_date is not null`.execute(
    db,
  );
  for (const column of ['owner', 'handler']) {
    await db.schema
      .createIndex(`petition_${column}_received_idx`)
      .on('petition')
      .columns([`${column}_id`, 'received_at'])
      .execute();
    await db.schema.dropIndex(`petition_${column}_idx`).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['owner', 'handler']) {
    await db.schema.createIndex(`petition_${column}_idx`).on('petition').column(`${column}_id`).execute();
    await db.schema.dropIndex(`petition_${column}_received_idx`).execute();
  }
  await db.schema.dropIndex('petition_open_received_idx').execute();
}

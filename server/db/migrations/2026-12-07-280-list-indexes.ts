/**
 * The petition list at a million petitions (issue #20).
 * - The overdue list (`due_date < today`, newest first) had no index that both finds the open cases
 *   with a due date and keeps them in the order of receipt, so each page scanned the receipt index
 *   and read the table row of every case (closed ones included) until twenty overdue ones turned up
 *   — 360 ms at 1M on SQLite — and its count scanned a whole index. Only open cases carry a
 *   `due_date`, so a partial index on (received_at, due_date) holds those few: the page walks it
 *   newest first and stops at the page, the capped count reads its entries alone. Both engines prove
 *   `due_date < ?` implies the index's `due_date is not null`.
 * - The list counts and pages each term of a viewer's scope on its own index in the order of
 *   receipt: registered in the subtree and not handled there; the viewer's as owner, as handler.
 *   Each index holds, after (column, received_at), the columns that keep the terms disjoint, so a
 *   count reads the index alone: without them SQLite judged a look-up per row dearer than one scan
 *   of the whole covering petition_received_stats_idx (200 ms at 1M for a term matching nothing).
 *   They replace the narrower owner, handler and registering-unit indexes, whose every use they
 *   still serve.
 * Each build reads the table once (seconds at 1M). Frozen: Kysely<any>, no app imports.
 */
import { sql, type Kysely } from 'kysely';

/** [index, columns, the index it replaces] */
const TERMS: [string, string[], string][] = [
  [
    'petition_registered_scope_idx',
    ['registered_unit_id', 'received_at', 'handling_unit_id'],
    'petition_registered_unit_idx',
  ],
  [
    'petition_owner_scope_idx',
    ['owner_id', 'received_at', 'handling_unit_id', 'registered_unit_id'],
    'petition_owner_idx',
  ],
  [
    'petition_handler_scope_idx',
    ['handler_id', 'received_at', 'handling_unit_id', 'registered_unit_id', 'owner_id'],
    'petition_handler_idx',
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index petition_open_received_idx on petition (received_at, due_date) where due_date is not null`.execute(
    db,
  );
  for (const [index, columns, replaced] of TERMS) {
    await db.schema.createIndex(index).on('petition').columns(columns).execute();
    await db.schema.dropIndex(replaced).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('petition_owner_idx').on('petition').column('owner_id').execute();
  await db.schema.createIndex('petition_handler_idx').on('petition').column('handler_id').execute();
  await db.schema
    .createIndex('petition_registered_unit_idx')
    .on('petition')
    .columns(['registered_unit_id', 'received_at'])
    .execute();
  for (const [index] of TERMS) await db.schema.dropIndex(index).execute();
  await db.schema.dropIndex('petition_open_received_idx').execute();
}

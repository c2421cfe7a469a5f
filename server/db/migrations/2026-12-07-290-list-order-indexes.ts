/**
 * The petition list's orders read from indexes that stop at the page (issue #20).
 * - Newest first, the id breaking ties (`received_at desc, id desc`: a page must not shift when two
 *   cases share an instant). The indexes the list walks held `received_at` but not `id`, so SQLite
 *   kept a temporary B-tree for the last term and read every entry of the term before it could cut
 *   the page: a handler's own unit (30,000 cases at 1M) took 22 ms at p50 and 90 ms at p95 for
 *   twenty rows. With `id` right after `received_at` the walk stops at the page on both engines. The
 *   columns after it stay as they were: they keep a term's count on the index (2026-12-07-280).
 * - The order of receipt itself: the dashboard's covering index (received_at, …, id, …) is rebuilt
 *   with `id` second, so the same index serves the figures' ranges and the list's walk, and a scope
 *   too wide to page term by term (a mine office's subtree) or a filter such as channel + month is
 *   judged on the index alone, without the table row. It replaces the plain receipt index too.
 * - Overdue (`due_date < today`, newest first): the partial index of the cases with a due date
 *   gets `id` after `received_at` for the same reason.
 * - Nearest deadline first had no index in its order: `coalesce(due_date, …), received_at` sorted
 *   every open case for each page (PostgreSQL 230 ms at 1M). The list now reads the cases with a due
 *   date by (due_date, received_at, id) — a partial index of those few, holding the state and the
 *   scope's columns its filters judge — and the rest by receipt.
 * Each index is built before the one it replaces is dropped. Frozen: Kysely<any>, no app imports.
 */
import { sql, type Kysely } from 'kysely';

/** The dashboard's covering columns after the instant of receipt (2026-11-28-010-dashboard). */
const FIGURE_COLUMNS = [
  'registered_unit_id',
  'handling_unit_id',
  'owner_id',
  'handler_id',
  'channel',
  'type',
  'category_code',
  'state',
  'headcount',
  'is_group',
  'is_skip_level',
  'is_repeat',
  'is_anonymous',
  'acceptance_status',
  'acceptance_due',
  'conclusion_status',
  'conclusion_due',
  'satisfaction',
];

/** [index, columns, the index it replaces, that index's columns] */
const ORDERED: [string, string[], string, string[]][] = [
  [
    'petition_received_order_idx',
    ['received_at', 'id', ...FIGURE_COLUMNS],
    'petition_received_stats_idx',
    ['received_at', ...FIGURE_COLUMNS.slice(0, 4), 'id', ...FIGURE_COLUMNS.slice(4)],
  ],
  [
    'petition_handling_unit_order_idx',
    ['handling_unit_id', 'received_at', 'id'],
    'petition_handling_unit_idx',
    ['handling_unit_id', 'received_at'],
  ],
  [
    'petition_registered_order_idx',
    ['registered_unit_id', 'received_at', 'id', 'handling_unit_id'],
    'petition_registered_scope_idx',
    ['registered_unit_id', 'received_at', 'handling_unit_id'],
  ],
  [
    'petition_owner_order_idx',
    ['owner_id', 'received_at', 'id', 'handling_unit_id', 'registered_unit_id'],
    'petition_owner_scope_idx',
    ['owner_id', 'received_at', 'handling_unit_id', 'registered_unit_id'],
  ],
  [
    'petition_handler_order_idx',
    ['handler_id', 'received_at', 'id', 'handling_unit_id', 'registered_unit_id', 'owner_id'],
    'petition_handler_scope_idx',
    ['handler_id', 'received_at', 'handling_unit_id', 'registered_unit_id', 'owner_id'],
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [index, columns, replaced] of ORDERED) {
    await db.schema.createIndex(index).on('petition').columns(columns).execute();
    await db.schema.dropIndex(replaced).execute();
  }
  await db.schema.dropIndex('petition_received_idx').execute();
  await sql`create index petition_overdue_order_idx on petition (received_at, id, due_date) where due_date is not null`.execute(
    db,
  );
  await db.schema.dropIndex('petition_open_received_idx').execute();
  await sql`create index petition_due_order_idx on petition (due_date, received_at, id, state, handling_unit_id, registered_unit_id, owner_id, handler_id) where due_date is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('petition_due_order_idx').execute();
  await sql`create index petition_open_received_idx on petition (received_at, due_date) where due_date is not null`.execute(
    db,
  );
  await db.schema.dropIndex('petition_overdue_order_idx').execute();
  await db.schema.createIndex('petition_received_idx').on('petition').column('received_at').execute();
  for (const [index, , replaced, columns] of ORDERED) {
    await db.schema.createIndex(replaced).on('petition').columns(columns).execute();
    await db.schema.dropIndex(index).execute();
  }
}

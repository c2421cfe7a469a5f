/**
 * The leaders' dashboard: each petition's acceptance-notice and conclusion deadline (due date and
 * status open/met/met_late/overdue) kept with its events, so on-time rates are one grouped count,
 * and received_at-leading indexes for the period aggregates. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('acceptance_due', 'varchar(10)').execute();
  await db.schema.alterTable('petition').addColumn('acceptance_status', 'varchar(10)').execute();
  await db.schema.alterTable('petition').addColumn('conclusion_due', 'varchar(10)').execute();
  await db.schema.alterTable('petition').addColumn('conclusion_status', 'varchar(10)').execute();
  // One covering index for the period aggregates: the range on received_at, then every column the
  // scope predicate (units, owner, handler, id for co-handlers) and the grouped counts read, so a
  // year of a million petitions is an index scan without a table look-up per row.
  await db.schema
    .createIndex('petition_received_stats_idx')
    .on('petition')
    .columns([
      'received_at', 'registered_unit_id', 'handling_unit_id', 'owner_id', 'handler_id', 'id',
      'channel', 'type', 'category_code', 'state', 'headcount', 'is_group', 'is_skip_level', 'is_repeat', 'is_anonymous',
      'acceptance_status', 'acceptance_due', 'conclusion_status', 'conclusion_due', 'satisfaction',
    ])
    .execute();
  // Overdue open cases by owner (the dashboard's list and the daily digest): state, due date, owner from the index alone.
  await db.schema.createIndex('petition_state_due_owner_idx').on('petition').columns(['state', 'due_date', 'owner_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('petition_state_due_owner_idx').execute();
  await db.schema.dropIndex('petition_received_stats_idx').execute();
  for (const column of ['conclusion_status', 'conclusion_due', 'acceptance_status', 'acceptance_due']) {
    await db.schema.alterTable('petition').dropColumn(column).execute();
  }
}

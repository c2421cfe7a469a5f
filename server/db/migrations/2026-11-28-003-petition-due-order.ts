/**
 * The to-do order (open petitions, nearest deadline first) read from one covering index: state,
 * due date and received time, so counting and paging never visit the table rows. Replaces the
 * (state, due_date) index of 002. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('petition_state_due_received_idx').on('petition').columns(['state', 'due_date', 'received_at']).execute();
  await db.schema.dropIndex('petition_state_due_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('petition_state_due_idx').on('petition').columns(['state', 'due_date']).execute();
  await db.schema.dropIndex('petition_state_due_received_idx').execute();
}

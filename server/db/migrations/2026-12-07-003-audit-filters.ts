/**
 * The audit page filters by person, action and date, newest first: an index per filter ending in
 * the sequence number, so a page of one person's or one action's entries is read in order from the
 * index. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_actor_seq_idx').on('audit_log').columns(['actor_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_action_seq_idx').on('audit_log').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_at_idx').execute();
  await db.schema.dropIndex('audit_log_action_seq_idx').execute();
  await db.schema.dropIndex('audit_log_actor_seq_idx').execute();
}

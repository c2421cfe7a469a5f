/**
 * The dashboard's on-time rates count the 受理告知 and 办结 deadlines that fall due in a period:
 * one index per kind on its due date and status, so a month is a range scan and the grouping by
 * status reads the index alone. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('petition_acceptance_due_idx').on('petition').columns(['acceptance_due', 'acceptance_status']).execute();
  await db.schema.createIndex('petition_conclusion_due_idx').on('petition').columns(['conclusion_due', 'conclusion_status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('petition_conclusion_due_idx').execute();
  await db.schema.dropIndex('petition_acceptance_due_idx').execute();
}

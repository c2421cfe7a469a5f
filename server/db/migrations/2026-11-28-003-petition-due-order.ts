/**
 * An index in the order the to-do list and "sort by due date" read petitions: nearest deadline
 * first, petitions without one last. Frozen: Kysely<any>, no app imports.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('petition_due_order_idx')
    .on('petition')
    .expression(sql`coalesce(due_date, '9999-12-31')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('petition_due_order_idx').execute();
}

/**
 * 四个到位 become part of the reply (issue #13 point 7): a reply records every one of the four that
 * applies, so the petition keeps a list (`outcomes`, codes comma-separated in table order) where it
 * kept the single outcome chosen at 办结. Existing cases keep theirs as a list of one; the old column
 * goes. Frozen: Kysely<any>, no app imports.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('outcomes', 'varchar(80)').execute();
  await db
    .updateTable('petition')
    .set({ outcomes: sql`outcome` })
    .where('outcome', 'is not', null)
    .execute();
  await db.schema.alterTable('petition').dropColumn('outcome').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition').addColumn('outcome', 'varchar(20)').execute();
  const rows = await db.selectFrom('petition').select(['id', 'outcomes']).where('outcomes', 'is not', null).execute();
  for (const row of rows) {
    await db
      .updateTable('petition')
      .set({ outcome: String(row.outcomes).split(',')[0] })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema.alterTable('petition').dropColumn('outcomes').execute();
}

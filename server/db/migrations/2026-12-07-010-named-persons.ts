/**
 * 被反映人 as a first-class part of intake (issue #11 finding 1). A named person keeps the unit as
 * the petitioner wrote it when it matches no unit (`unit_text`), and how an officer resolved the
 * name: `unresolved` (every account of that name in the unit named is recused), `account` (the
 * officer confirmed the account in `user_id`) or `no_account` (the officer confirmed none is the
 * person). An account carries its position (职务) so a proposal can be told apart from a namesake.
 * The namesake look-ups join names: both sides are indexed. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petition_named_person').addColumn('unit_text', 'varchar(100)').execute();
  await db.schema
    .alterTable('petition_named_person')
    .addColumn('resolution', 'varchar(20)', (c) => c.notNull().defaultTo('unresolved'))
    .execute();
  await db
    .updateTable('petition_named_person')
    .set({ resolution: 'account' })
    .where('user_id', 'is not', null)
    .execute();
  await db.schema.alterTable('app_user').addColumn('position', 'varchar(60)').execute();
  await db.schema.createIndex('app_user_display_name_idx').on('app_user').column('display_name').execute();
  await db.schema.createIndex('petition_named_person_name_idx').on('petition_named_person').column('name').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('petition_named_person_name_idx').execute();
  await db.schema.dropIndex('app_user_display_name_idx').execute();
  await db.schema.alterTable('app_user').dropColumn('position').execute();
  await db.schema.alterTable('petition_named_person').dropColumn('resolution').execute();
  await db.schema.alterTable('petition_named_person').dropColumn('unit_text').execute();
}

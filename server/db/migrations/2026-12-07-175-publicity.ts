/**
 * 宣传教育 (issue #17): publicity activities (法治宣传进区队, 典型案例, 政策解读) with the date, the units
 * and people reached and the topics as petition category codes, so the dashboard can set them beside
 * the hotspots; `knowledge_ref` is a free reference to the knowledge base's article or typical case
 * until that module's ids are settled. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publicity_activity')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('people_reached', 'integer', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('knowledge_ref', 'varchar(200)')
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('publicity_activity_unit_idx')
    .on('publicity_activity')
    .columns(['unit_id', 'held_on'])
    .execute();
  await db.schema
    .createTable('publicity_unit')
    .addColumn('activity_id', 'varchar(40)', (c) => c.notNull().references('publicity_activity.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('unit.id'))
    .addPrimaryKeyConstraint('publicity_unit_pk', ['activity_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('publicity_topic')
    .addColumn('activity_id', 'varchar(40)', (c) => c.notNull().references('publicity_activity.id'))
    .addColumn('category_code', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('publicity_topic_pk', ['activity_id', 'category_code'])
    .execute();
  await db.schema.createIndex('publicity_topic_code_idx').on('publicity_topic').column('category_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['publicity_topic', 'publicity_unit', 'publicity_activity'])
    await db.schema.dropTable(table).execute();
}

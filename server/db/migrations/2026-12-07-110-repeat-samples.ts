/**
 * The repeat index by containment (issue #19): each petition is filed under a content-defined
 * sample of its 5-character shingles (server/text/repeat-engine.ts), so a new letter that keeps only
 * part of an old one still meets it. Replaces the LSH band rows of migration 012, which found a text
 * only by its resemblance to the whole old letter. The fingerprints are cleared: they are of the old
 * shingles, and the server refills every petition's fingerprint and samples at start
 * (ensureRepeatIndex). Frozen: Kysely<any>, no app imports.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('petition_lsh_band').execute();
  await db.deleteFrom('petition_fingerprint').execute();
  // The samples a petition is filed under (base64 of int32), to remove its rows when its text changes.
  await db.schema.alterTable('petition_fingerprint').addColumn('samples', 'text').execute();
  // One row per sample: the primary key is the only index (a look-up is `shingle in (…)`); on SQLite
  // the table IS that index (without rowid).
  await db.schema
    .createTable('petition_text_sample')
    .addColumn('shingle', 'integer', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addPrimaryKeyConstraint('petition_text_sample_pk', ['shingle', 'petition_id'])
    .$call((builder) => (isSqlite(db) ? builder.modifyEnd(sql`without rowid`) : builder))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('petition_text_sample').execute();
  await db.schema.alterTable('petition_fingerprint').dropColumn('samples').execute();
  await db.schema
    .createTable('petition_lsh_band')
    .addColumn('band_key', 'varchar(16)', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addPrimaryKeyConstraint('petition_lsh_band_pk', ['band_key', 'petition_id'])
    .$call((builder) => (isSqlite(db) ? builder.modifyEnd(sql`without rowid`) : builder))
    .execute();
}

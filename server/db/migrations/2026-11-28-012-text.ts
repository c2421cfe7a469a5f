/**
 * The text engine in the database (issue #6): each petition's MinHash fingerprint and its LSH band
 * keys, so every instance shares one repeat index and a look-up is an indexed `band_key in (…)`
 * (never a scan of history); and the trained text models (category suggestion) with their
 * training date and size. Frozen: Kysely<any>, no app imports.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_fingerprint')
    .addColumn('petition_id', 'varchar(40)', (c) => c.primaryKey().references('petition.id'))
    // 120 uint32 minimums, little-endian, base64 (640 characters): portable, no bytea/blob split.
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('shingle_count', 'integer', (c) => c.notNull())
    .execute();
  // `<band>:<30-bit hash in base 36>`: one row per band of a fingerprint (40 per petition). The
  // primary key is the only index: a look-up is a range of it, and removing a petition's rows goes by
  // its old keys (kept in its fingerprint). On SQLite the table IS that index (without rowid), which
  // halves the 40 rows a petition costs.
  await db.schema
    .createTable('petition_lsh_band')
    .addColumn('band_key', 'varchar(16)', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addPrimaryKeyConstraint('petition_lsh_band_pk', ['band_key', 'petition_id'])
    .$call((builder) => (isSqlite(db) ? builder.modifyEnd(sql`without rowid`) : builder))
    .execute();
  await db.schema
    .createTable('text_model')
    .addColumn('kind', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('model_json', 'text', (c) => c.notNull())
    .addColumn('trained_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('trained_by', 'varchar(40)')
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    .addColumn('class_count', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('text_model').execute();
  await db.schema.dropTable('petition_lsh_band').execute();
  await db.schema.dropTable('petition_fingerprint').execute();
}

/**
 * The text engine in the database (issue #6): each petition's MinHash fingerprint and its LSH band
 * keys, so every instance shares one repeat index and a look-up is an indexed `band_key in (…)`
 * (never a scan of history); and the trained text models (category suggestion) with their
 * training date and size. Frozen: Kysely<any>, no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_fingerprint')
    .addColumn('petition_id', 'varchar(40)', (c) => c.primaryKey().references('petition.id'))
    // 120 uint32 minimums, little-endian, base64 (640 characters): portable, no bytea/blob split.
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('shingle_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('petition_lsh_band')
    // `<band>:<30-bit hash in base 36>`: one row per band of a fingerprint (40 per petition).
    .addColumn('band_key', 'varchar(16)', (c) => c.notNull())
    .addColumn('petition_id', 'varchar(40)', (c) => c.notNull().references('petition.id'))
    .addPrimaryKeyConstraint('petition_lsh_band_pk', ['band_key', 'petition_id'])
    .execute();
  // Removing a petition's bands on a re-fingerprint goes by petition.
  await db.schema.createIndex('petition_lsh_band_petition_idx').on('petition_lsh_band').column('petition_id').execute();
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

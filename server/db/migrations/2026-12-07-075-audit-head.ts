/**
 * The audit chain head follows its last row by itself (issue #12, statements per write): a trigger
 * sets `last_hash` when the row whose `seq` is the head's `last_seq` is inserted — the last row an
 * append reserved. `appendAudit` then sends two statements instead of three (bump the head, insert
 * the row), and the head can no longer disagree with the row it names. A bulk append fires it once,
 * for its last row. On PostgreSQL the inserting transaction already holds the head's row lock (the
 * bump), so appends stay in commit order. A restore (pg_restore, SQLite copy) loads the head as it
 * was dumped; a trigger firing on the load writes the same value. Frozen: Kysely<any>, no app imports.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await sql`
      CREATE TRIGGER audit_head_follows AFTER INSERT ON audit_log FOR EACH ROW
      WHEN NEW.seq = (SELECT last_seq FROM audit_chain_head WHERE id = 1)
      BEGIN
        UPDATE audit_chain_head SET last_hash = NEW.hash WHERE id = 1;
      END`.execute(db);
    return;
  }
  await sql`
    CREATE FUNCTION audit_head_follows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE audit_chain_head SET last_hash = NEW.hash WHERE id = 1 AND last_seq = NEW.seq;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_head_follows AFTER INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_head_follows()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await sql`DROP TRIGGER audit_head_follows`.execute(db);
    return;
  }
  await sql`DROP TRIGGER audit_head_follows ON audit_log`.execute(db);
  await sql`DROP FUNCTION audit_head_follows()`.execute(db);
}

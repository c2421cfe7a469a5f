/**
 * Full-text search over each petition's text (title, body, notes, replies) as character bigrams
 * (server/text/segment.ts indexableBigrams): on SQLite an FTS5 table with the unicode61 tokenizer,
 * on PostgreSQL a table with a generated `simple` tsvector under a GIN index. Two-character terms
 * (工伤, 欠薪, 塌陷) are single tokens, longer ones phrases of their bigrams. The application keeps
 * the rows current in the transaction of every event. Frozen: Kysely<any>, no app imports.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await sql`create virtual table petition_search using fts5(content, petition_id unindexed, tokenize = 'unicode61')`.execute(db);
    return;
  }
  await sql`create table petition_search (
    petition_id varchar(40) primary key references petition(id),
    content text not null,
    tsv tsvector generated always as (to_tsvector('simple', content)) stored
  )`.execute(db);
  await sql`create index petition_search_tsv_idx on petition_search using gin (tsv)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table petition_search`.execute(db);
}

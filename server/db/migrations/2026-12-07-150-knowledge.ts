/**
 * 法规政策库 (knowledge base, issue #17): documents, their articles (条款, the citable unit), each
 * article's versions with the dates they are in force (last day inclusive; null while in force), the
 * petition categories an article is tagged with, and the search rows of every version as character
 * bigrams — the text engine's index of migration 011 (FTS5 on SQLite, a `simple` tsvector under GIN on
 * PostgreSQL), a sibling table of `petition_search`. Frozen: Kysely<any>, no app imports.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('knowledge_document')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('issuer', 'varchar(60)', (c) => c.notNull())
    .addColumn('document_number', 'varchar(60)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    // The key of a document shipped with the system (the 《信访工作条例》), so the seed runs once.
    .addColumn('built_in_key', 'varchar(40)', (c) => c.unique())
    .addColumn('created_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('knowledge_article')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('document_id', 'varchar(40)', (c) => c.notNull().references('knowledge_document.id'))
    .addColumn('number', 'varchar(30)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_article_document_idx')
    .on('knowledge_article')
    .columns(['document_id', 'sort_order'])
    .execute();

  await db.schema
    .createTable('knowledge_article_version')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('article_id', 'varchar(40)', (c) => c.notNull().references('knowledge_article.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('effective_to', 'varchar(10)')
    .addColumn('created_by', 'varchar(40)', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_version_article_idx')
    .on('knowledge_article_version')
    .columns(['article_id', 'effective_from'])
    .execute();

  await db.schema
    .createTable('knowledge_article_category')
    .addColumn('article_id', 'varchar(40)', (c) => c.notNull().references('knowledge_article.id'))
    .addColumn('category_code', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('knowledge_article_category_pk', ['article_id', 'category_code'])
    .execute();
  await db.schema
    .createIndex('knowledge_article_category_code_idx')
    .on('knowledge_article_category')
    .columns(['category_code'])
    .execute();

  if (isSqlite(db)) {
    await sql`create virtual table knowledge_search using fts5(content, version_id unindexed, tokenize = 'unicode61')`.execute(
      db,
    );
    return;
  }
  await sql`create table knowledge_search (
    version_id varchar(40) primary key references knowledge_article_version(id),
    content text not null,
    tsv tsvector generated always as (to_tsvector('simple', content)) stored
  )`.execute(db);
  await sql`create index knowledge_search_tsv_idx on knowledge_search using gin (tsv)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table knowledge_search`.execute(db);
  await db.schema.dropTable('knowledge_article_category').execute();
  await db.schema.dropTable('knowledge_article_version').execute();
  await db.schema.dropTable('knowledge_article').execute();
  await db.schema.dropTable('knowledge_document').execute();
}

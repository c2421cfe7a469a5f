/** Kysely queries of the 法规政策库 (knowledge base): documents, articles, versions, tags, hits. */
import type { Kysely, RawBuilder } from 'kysely';
import type {
  DB,
  KnowledgeArticleTable,
  KnowledgeArticleVersionTable,
  KnowledgeDocumentTable,
} from '../../db/schema.ts';

export type DocumentRow = KnowledgeDocumentTable & { article_count: number };

export function listDocumentRows(db: Kysely<DB>): Promise<DocumentRow[]> {
  return db
    .selectFrom('knowledge_document')
    .selectAll('knowledge_document')
    .select((eb) =>
      eb
        .selectFrom('knowledge_article')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('knowledge_article.document_id', '=', 'knowledge_document.id')
        .as('article_count'),
    )
    .orderBy('knowledge_document.kind')
    .orderBy('knowledge_document.title')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, article_count: Number(r.article_count ?? 0) })));
}

export function findDocumentRow(db: Kysely<DB>, id: string): Promise<KnowledgeDocumentTable | undefined> {
  return db.selectFrom('knowledge_document').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDocumentByKey(db: Kysely<DB>, key: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('knowledge_document').select('id').where('built_in_key', '=', key).executeTakeFirst();
}

export async function insertDocument(trx: Kysely<DB>, row: KnowledgeDocumentTable): Promise<void> {
  await trx.insertInto('knowledge_document').values(row).execute();
}

export async function updateDocument(
  trx: Kysely<DB>,
  id: string,
  patch: Partial<Omit<KnowledgeDocumentTable, 'id'>>,
): Promise<void> {
  await trx.updateTable('knowledge_document').set(patch).where('id', '=', id).execute();
}

export function articlesOfDocument(db: Kysely<DB>, documentId: string): Promise<KnowledgeArticleTable[]> {
  return db
    .selectFrom('knowledge_article')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export function findArticleRow(db: Kysely<DB>, id: string): Promise<KnowledgeArticleTable | undefined> {
  return db.selectFrom('knowledge_article').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function nextArticleOrder(db: Kysely<DB>, documentId: string): Promise<number> {
  const row = await db
    .selectFrom('knowledge_article')
    .select((eb) => eb.fn.max<number | string | null>('sort_order').as('m'))
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return row?.m === null || row?.m === undefined ? 0 : Number(row.m) + 1;
}

export async function insertArticle(trx: Kysely<DB>, row: KnowledgeArticleTable): Promise<void> {
  await trx.insertInto('knowledge_article').values(row).execute();
}

export async function updateArticle(
  trx: Kysely<DB>,
  id: string,
  patch: Partial<Pick<KnowledgeArticleTable, 'number' | 'updated_at'>>,
): Promise<void> {
  await trx.updateTable('knowledge_article').set(patch).where('id', '=', id).execute();
}

export function versionsOfArticles(
  db: Kysely<DB>,
  articleIds: readonly string[],
): Promise<KnowledgeArticleVersionTable[]> {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('knowledge_article_version')
    .selectAll()
    .where('article_id', 'in', articleIds)
    .orderBy('article_id')
    .orderBy('effective_from')
    .execute();
}

export async function insertVersion(trx: Kysely<DB>, row: KnowledgeArticleVersionTable): Promise<void> {
  await trx.insertInto('knowledge_article_version').values(row).execute();
}

export async function endVersion(trx: Kysely<DB>, id: string, effectiveTo: string): Promise<void> {
  await trx.updateTable('knowledge_article_version').set({ effective_to: effectiveTo }).where('id', '=', id).execute();
}

export async function tagsOfArticles(db: Kysely<DB>, articleIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (articleIds.length === 0) return out;
  const rows = await db
    .selectFrom('knowledge_article_category')
    .select(['article_id', 'category_code'])
    .where('article_id', 'in', articleIds)
    .orderBy('category_code')
    .execute();
  for (const r of rows) out.set(r.article_id, [...(out.get(r.article_id) ?? []), r.category_code]);
  return out;
}

export async function replaceTags(trx: Kysely<DB>, articleId: string, codes: readonly string[]): Promise<void> {
  await trx.deleteFrom('knowledge_article_category').where('article_id', '=', articleId).execute();
  if (codes.length === 0) return;
  await trx
    .insertInto('knowledge_article_category')
    .values(codes.map((code) => ({ article_id: articleId, category_code: code })))
    .execute();
}

/** An article version with its article and document, as hits are shown. */
export type HitRow = {
  version_id: string;
  article_id: string;
  document_id: string;
  document_kind: KnowledgeDocumentTable['kind'];
  document_title: string;
  number: string;
  text: string;
  effective_from: string;
  effective_to: string | null;
  sort_order: number;
};

function hitQuery(db: Kysely<DB>) {
  return db
    .selectFrom('knowledge_article_version')
    .innerJoin('knowledge_article', 'knowledge_article.id', 'knowledge_article_version.article_id')
    .innerJoin('knowledge_document', 'knowledge_document.id', 'knowledge_article.document_id')
    .select([
      'knowledge_article_version.id as version_id',
      'knowledge_article.id as article_id',
      'knowledge_document.id as document_id',
      'knowledge_document.kind as document_kind',
      'knowledge_document.title as document_title',
      'knowledge_article.number',
      'knowledge_article_version.text',
      'knowledge_article_version.effective_from',
      'knowledge_article_version.effective_to',
      'knowledge_article.sort_order',
    ]);
}

/**
 * Article versions in force on `on`, narrowed by a text predicate (the text engine's), a kind and a
 * category (a first-level code covers its second level; a second-level code also finds articles
 * tagged with its first level). In document then article order.
 */
export function searchHits(
  db: Kysely<DB>,
  q: {
    on: string;
    text: RawBuilder<boolean> | null;
    kind?: KnowledgeDocumentTable['kind'] | undefined;
    categoryCode?: string | undefined;
    limit: number;
  },
): Promise<HitRow[]> {
  let query = hitQuery(db)
    .where('knowledge_article_version.effective_from', '<=', q.on)
    .where((eb) =>
      eb.or([
        eb('knowledge_article_version.effective_to', 'is', null),
        eb('knowledge_article_version.effective_to', '>=', q.on),
      ]),
    );
  if (q.text !== null) query = query.where(q.text);
  if (q.kind !== undefined) query = query.where('knowledge_document.kind', '=', q.kind);
  const code = q.categoryCode;
  if (code !== undefined) {
    const codes = code.length === 4 ? [code, code.slice(0, 2)] : [code];
    query = query.where((eb) =>
      eb(
        'knowledge_article.id',
        'in',
        eb
          .selectFrom('knowledge_article_category')
          .select('knowledge_article_category.article_id')
          .where((e) =>
            e.or([
              e('knowledge_article_category.category_code', 'in', codes),
              ...(code.length === 2 ? [e('knowledge_article_category.category_code', 'like', `${code}__`)] : []),
            ]),
          ),
      ),
    );
  }
  return query
    .orderBy('knowledge_document.kind')
    .orderBy('knowledge_document.title')
    .orderBy('knowledge_article.sort_order')
    .limit(q.limit)
    .execute();
}

export function hitsByVersionIds(db: Kysely<DB>, ids: readonly string[]): Promise<HitRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return hitQuery(db).where('knowledge_article_version.id', 'in', ids).execute();
}

/**
 * 法规政策库 (knowledge base, issue #17): laws, regulations, the group's own policies, 答复口径 and
 * 典型案例 with their articles (条款) as citable units. An article's text changes only by a new version
 * with the date it takes effect (the one before ends the day before); a repealed article keeps its
 * versions, so a document of its time still quotes it. Read by all staff (`knowledge.read`), kept by the
 * office and the admin at the root (`knowledge.manage`, target: the enterprise). Every version is
 * indexed by the text engine (server/modules/text: character bigrams, FTS5 / tsvector) in the same
 * transaction that writes it.
 */
import type { Kysely } from 'kysely';
import { can, enterpriseOf, hasAction, type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import {
  endOfReplaced,
  inForceOn,
  latestVersion,
  newVersionProblem,
  quoteArticle,
  tagMatch,
  versionInForce,
} from '../../../common/domain/knowledge.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import {
  ArticleSearchQuerySchema,
  KNOWLEDGE_KINDS,
  type ArticleHitListView,
  type ArticleHitView,
  type ArticleSearchQuery,
  type KnowledgeArticleEdit,
  type KnowledgeArticleInput,
  KnowledgeArticleInputSchema,
  type KnowledgeDocumentDetailView,
  type KnowledgeDocumentInput,
  KnowledgeDocumentInputSchema,
  type KnowledgeDocumentListView,
  type KnowledgeDocumentView,
  type KnowledgeVersionInput,
  type SuggestedArticleView,
  type SuggestionListView,
} from '../../../common/schemas/knowledge.ts';
import type { DB, KnowledgeDocumentTable } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { categoryRows } from '../category/index.ts';
import { loadReadable } from '../petition/index.ts';
import { knowledgeSearchPredicate, salientWords, writeKnowledgeSearchText } from '../text/index.ts';
import { normaliseText } from '../../text/normalise.ts';
import {
  articlesOfDocument,
  findArticleRow,
  findDocumentRow,
  hitsByVersionIds,
  insertArticle,
  insertDocument,
  insertVersion,
  endVersion,
  listDocumentRows,
  nextArticleOrder,
  replaceTags,
  searchHits,
  tagsOfArticles,
  updateArticle,
  updateDocument as updateDocumentRow,
  versionsOfArticles,
  type HitRow,
} from './knowledge.repository.ts';

function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', { message: `${what} not found` });
}

function assertRead(actor: Actor): void {
  if (!hasAction(actor.role, 'knowledge.read')) {
    throw new DomainError('FORBIDDEN', { message: 'The knowledge base is for staff' });
  }
}

function mayManage(actor: Actor): boolean {
  return can(actor, 'knowledge.manage', enterpriseOf(actor));
}

function assertManage(actor: Actor): void {
  if (!mayManage(actor)) {
    throw new DomainError('FORBIDDEN', { message: 'The knowledge base is kept by the office at the group' });
  }
}

function today(deps: Pick<ServiceDeps, 'clock'>): string {
  return localDateOf(deps.clock.now().toISOString());
}

function documentView(row: KnowledgeDocumentTable, articleCount: number): KnowledgeDocumentView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    issuer: row.issuer,
    documentNumber: row.document_number,
    summary: row.summary,
    builtIn: row.built_in_key !== null,
    articleCount,
    updatedAt: row.updated_at,
  };
}

function hitView(row: HitRow, tags: readonly string[], on: string): ArticleHitView {
  return {
    versionId: row.version_id,
    articleId: row.article_id,
    documentId: row.document_id,
    documentKind: row.document_kind,
    documentTitle: row.document_title,
    number: row.number,
    text: row.text,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    categoryCodes: [...tags],
    inForce: inForceOn({ effectiveFrom: row.effective_from, effectiveTo: row.effective_to }, on),
  };
}

async function hitViews(db: Kysely<DB>, rows: readonly HitRow[], on: string): Promise<ArticleHitView[]> {
  const tags = await tagsOfArticles(db, [...new Set(rows.map((r) => r.article_id))]);
  return rows.map((r) => hitView(r, tags.get(r.article_id) ?? [], on));
}

/** The words a version is found by: its document's title, its number and its text. */
function searchTextOfVersion(documentTitle: string, number: string, text: string): string {
  return `${documentTitle}\n${number}\n${text}`;
}

// ---------------------------------------------------------------------------------------------
// Documents

export async function listDocuments(deps: ServiceDeps, actor: Actor): Promise<KnowledgeDocumentListView> {
  assertRead(actor);
  const rows = await listDocumentRows(deps.db);
  // Laws first, then regulations, the group's policies, model replies and typical cases; by title within.
  const rank = (kind: KnowledgeDocumentTable['kind']) => KNOWLEDGE_KINDS.indexOf(kind);
  rows.sort((a, b) => rank(a.kind) - rank(b.kind) || a.title.localeCompare(b.title, 'zh-CN'));
  return { items: rows.map((r) => documentView(r, r.article_count)), canManage: mayManage(actor) };
}

export async function getDocument(deps: ServiceDeps, actor: Actor, id: string): Promise<KnowledgeDocumentDetailView> {
  assertRead(actor);
  return detailOf(deps, deps.db, actor, id);
}

async function detailOf(
  deps: Pick<ServiceDeps, 'clock'>,
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<KnowledgeDocumentDetailView> {
  const row = await findDocumentRow(db, id);
  if (row === undefined) throw notFound('Document');
  const articles = await articlesOfDocument(db, id);
  const ids = articles.map((a) => a.id);
  const [versions, tags] = await Promise.all([versionsOfArticles(db, ids), tagsOfArticles(db, ids)]);
  const on = today(deps);
  return {
    ...documentView(row, articles.length),
    canManage: mayManage(actor),
    articles: articles.map((a) => {
      const own = versions
        .filter((v) => v.article_id === a.id)
        .map((v) => ({ id: v.id, text: v.text, effectiveFrom: v.effective_from, effectiveTo: v.effective_to }));
      return {
        id: a.id,
        number: a.number,
        categoryCodes: tags.get(a.id) ?? [],
        versions: own,
        currentVersionId: versionInForce(own, on)?.id ?? null,
      };
    }),
  };
}

/** 新增文件: a law, a regulation, the group's policy, a 答复口径 or a 典型案例 (the office at the group). */
export async function createDocument(
  deps: ServiceDeps,
  actor: Actor,
  raw: KnowledgeDocumentInput,
): Promise<KnowledgeDocumentDetailView> {
  assertManage(actor);
  const input = KnowledgeDocumentInputSchema.parse(raw);
  const id = deps.ids.next();
  const at = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await insertDocument(trx, {
      id,
      kind: input.kind,
      title: input.title,
      issuer: input.issuer,
      document_number: input.documentNumber,
      summary: input.summary,
      built_in_key: null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'knowledge.document.create',
      entityType: 'knowledge_document',
      entityId: id,
      after: input,
    });
    return detailOf(deps, trx, actor, id);
  });
}

/** The document's title, kind, issuer, 文号 and summary; its versions are re-indexed under a new title. */
export async function updateDocument(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  raw: KnowledgeDocumentInput,
): Promise<KnowledgeDocumentDetailView> {
  assertManage(actor);
  const input = KnowledgeDocumentInputSchema.parse(raw);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findDocumentRow(trx, id);
    if (before === undefined) throw notFound('Document');
    await updateDocumentRow(trx, id, {
      kind: input.kind,
      title: input.title,
      issuer: input.issuer,
      document_number: input.documentNumber,
      summary: input.summary,
      updated_at: deps.clock.now().toISOString(),
    });
    if (before.title !== input.title) {
      const articles = await articlesOfDocument(trx, id);
      const numbers = new Map(articles.map((a) => [a.id, a.number]));
      for (const v of await versionsOfArticles(
        trx,
        articles.map((a) => a.id),
      )) {
        await writeKnowledgeSearchText(
          trx,
          deps.dialect,
          v.id,
          searchTextOfVersion(input.title, numbers.get(v.article_id) ?? '', v.text),
        );
      }
    }
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'knowledge.document.update',
      entityType: 'knowledge_document',
      entityId: id,
      before: {
        kind: before.kind,
        title: before.title,
        issuer: before.issuer,
        documentNumber: before.document_number,
        summary: before.summary,
      },
      after: input,
    });
    return detailOf(deps, trx, actor, id);
  });
}

// ---------------------------------------------------------------------------------------------
// Articles and versions

/** A category code must name a category of the taxonomy (server/modules/category). */
async function assertCategories(db: Kysely<DB>, codes: readonly string[], field: string): Promise<void> {
  if (codes.length === 0) return;
  const known = new Set(await existingCategoryCodes(db, codes));
  codes.forEach((code, index) => {
    if (!known.has(code)) throw fieldError([field, index], `no category ${code} in the taxonomy`);
  });
}

/**
 * 新增条款: an article with its first version (its text from `effectiveFrom`) and its category tags.
 * @throws NOT_FOUND, VALIDATION_FAILED (categoryCodes.<i>)
 */
export async function addArticle(
  deps: ServiceDeps,
  actor: Actor,
  documentId: string,
  raw: KnowledgeArticleInput,
): Promise<KnowledgeDocumentDetailView> {
  assertManage(actor);
  const input = KnowledgeArticleInputSchema.parse(raw);
  return deps.db.transaction().execute(async (trx) => {
    const document = await findDocumentRow(trx, documentId);
    if (document === undefined) throw notFound('Document');
    await writeArticle(trx, deps, actor.id, document, input);
    return detailOf(deps, trx, actor, documentId);
  });
}

/** The article, its first version, its tags, its search row and its audit row, in the caller's transaction. */
export async function writeArticle(
  trx: Kysely<DB>,
  deps: Pick<ServiceDeps, 'ids' | 'clock' | 'dialect'>,
  actorId: string | null,
  document: Pick<KnowledgeDocumentTable, 'id' | 'title'>,
  input: { number: string; text: string; effectiveFrom: string; categoryCodes: string[] },
): Promise<string> {
  await assertCategories(trx, input.categoryCodes, 'categoryCodes');
  const at = deps.clock.now().toISOString();
  const articleId = deps.ids.next();
  const versionId = deps.ids.next();
  await insertArticle(trx, {
    id: articleId,
    document_id: document.id,
    number: input.number,
    sort_order: await nextArticleOrder(trx, document.id),
    created_at: at,
    updated_at: at,
  });
  await insertVersion(trx, {
    id: versionId,
    article_id: articleId,
    text: input.text,
    effective_from: input.effectiveFrom,
    effective_to: null,
    created_by: actorId,
    created_at: at,
  });
  await replaceTags(trx, articleId, input.categoryCodes);
  await writeKnowledgeSearchText(
    trx,
    deps.dialect,
    versionId,
    searchTextOfVersion(document.title, input.number, input.text),
  );
  await updateDocumentRow(trx, document.id, { updated_at: at });
  await appendAudit(trx, deps.clock, {
    actorId,
    action: 'knowledge.article.create',
    entityType: 'knowledge_article',
    entityId: articleId,
    after: { documentId: document.id, versionId, ...input },
  });
  return articleId;
}

/** An article's number and tags; its text changes only by a new version. */
export async function editArticle(
  deps: ServiceDeps,
  actor: Actor,
  articleId: string,
  input: KnowledgeArticleEdit,
): Promise<KnowledgeDocumentDetailView> {
  assertManage(actor);
  return deps.db.transaction().execute(async (trx) => {
    const article = await findArticleRow(trx, articleId);
    if (article === undefined) throw notFound('Article');
    await assertCategories(trx, input.categoryCodes, 'categoryCodes');
    const before = { number: article.number, categoryCodes: (await tagsOfArticles(trx, [articleId])).get(articleId) };
    await updateArticle(trx, articleId, { number: input.number, updated_at: deps.clock.now().toISOString() });
    await replaceTags(trx, articleId, input.categoryCodes);
    if (input.number !== article.number) {
      const document = await findDocumentRow(trx, article.document_id);
      for (const v of await versionsOfArticles(trx, [articleId])) {
        await writeKnowledgeSearchText(
          trx,
          deps.dialect,
          v.id,
          searchTextOfVersion(document?.title ?? '', input.number, v.text),
        );
      }
    }
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'knowledge.article.update',
      entityType: 'knowledge_article',
      entityId: articleId,
      before,
      after: input,
    });
    return detailOf(deps, trx, actor, article.document_id);
  });
}

/**
 * 修订: a new text of the article from `effectiveFrom`; the version before ends the day before. The
 * new version must take effect after the latest one began, and an article repealed before then takes
 * no new text (a repealed article is re-enacted as a new article).
 * @throws NOT_FOUND, VALIDATION_FAILED (effectiveFrom)
 */
export async function addVersion(
  deps: ServiceDeps,
  actor: Actor,
  articleId: string,
  input: KnowledgeVersionInput,
): Promise<KnowledgeDocumentDetailView> {
  assertManage(actor);
  return deps.db.transaction().execute(async (trx) => {
    const article = await findArticleRow(trx, articleId);
    if (article === undefined) throw notFound('Article');
    const versions = await versionsOfArticles(trx, [articleId]);
    const ranges = versions.map((v) => ({ ...v, effectiveFrom: v.effective_from, effectiveTo: v.effective_to }));
    const problem = newVersionProblem(ranges, input.effectiveFrom);
    if (problem === 'not_after_latest') {
      throw fieldError(['effectiveFrom'], 'a new version takes effect after the latest version began');
    }
    if (problem === 'ended') throw fieldError(['effectiveFrom'], 'the article was repealed before this date');
    const latest = latestVersion(ranges);
    if (latest !== undefined && (latest.effectiveTo === null || latest.effectiveTo >= input.effectiveFrom)) {
      await endVersion(trx, latest.id, endOfReplaced(input.effectiveFrom));
    }
    const at = deps.clock.now().toISOString();
    const versionId = deps.ids.next();
    await insertVersion(trx, {
      id: versionId,
      article_id: articleId,
      text: input.text,
      effective_from: input.effectiveFrom,
      effective_to: null,
      created_by: actor.id,
      created_at: at,
    });
    const document = await findDocumentRow(trx, article.document_id);
    await writeKnowledgeSearchText(
      trx,
      deps.dialect,
      versionId,
      searchTextOfVersion(document?.title ?? '', article.number, input.text),
    );
    await updateArticle(trx, articleId, { updated_at: at });
    await updateDocumentRow(trx, article.document_id, { updated_at: at });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'knowledge.version.create',
      entityType: 'knowledge_article',
      entityId: articleId,
      before: latest === undefined ? null : { versionId: latest.id, effectiveTo: latest.effective_to },
      after: { versionId, text: input.text, effectiveFrom: input.effectiveFrom },
    });
    return detailOf(deps, trx, actor, article.document_id);
  });
}

/**
 * 废止: the article's latest version ends on `effectiveTo` (its last day in force). The versions stay:
 * a document dated before then still quotes it.
 * @throws NOT_FOUND, VALIDATION_FAILED (effectiveTo)
 */
export async function repealArticle(
  deps: ServiceDeps,
  actor: Actor,
  articleId: string,
  input: { effectiveTo: string },
): Promise<KnowledgeDocumentDetailView> {
  assertManage(actor);
  return deps.db.transaction().execute(async (trx) => {
    const article = await findArticleRow(trx, articleId);
    if (article === undefined) throw notFound('Article');
    const versions = await versionsOfArticles(trx, [articleId]);
    const latest = latestVersion(
      versions.map((v) => ({ ...v, effectiveFrom: v.effective_from, effectiveTo: v.effective_to })),
    );
    if (latest === undefined || latest.effectiveTo !== null) {
      throw fieldError(['effectiveTo'], 'the article is already repealed');
    }
    if (input.effectiveTo < latest.effectiveFrom) {
      throw fieldError(['effectiveTo'], 'the last day in force cannot be before the current version began');
    }
    await endVersion(trx, latest.id, input.effectiveTo);
    await updateArticle(trx, articleId, { updated_at: deps.clock.now().toISOString() });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'knowledge.article.repeal',
      entityType: 'knowledge_article',
      entityId: articleId,
      before: { versionId: latest.id, effectiveTo: null },
      after: { versionId: latest.id, effectiveTo: input.effectiveTo },
    });
    return detailOf(deps, trx, actor, article.document_id);
  });
}

// ---------------------------------------------------------------------------------------------
// Finding, suggesting, citing

/**
 * 检索: the article versions in force on a date (today unless given) whose document title, number or
 * text holds every term of `q` (Chinese by character bigrams), narrowed by kind and category.
 */
export async function searchArticles(
  deps: ServiceDeps,
  actor: Actor,
  raw: ArticleSearchQuery,
): Promise<ArticleHitListView> {
  assertRead(actor);
  const query = ArticleSearchQuerySchema.parse(raw);
  const on = query.on ?? today(deps);
  const text =
    query.q === undefined ? null : knowledgeSearchPredicate(deps.dialect, query.q, 'knowledge_article_version.id');
  if (query.q !== undefined && query.q !== '' && text === null) return { on, items: [] };
  const rows = await searchHits(deps.db, {
    on,
    text,
    kind: query.kind,
    categoryCode: query.categoryCode,
    limit: query.limit,
  });
  return { on, items: await hitViews(deps.db, rows, on) };
}

/** The article versions with these ids (a case's citations shown back), in the order asked. */
export async function articleVersions(
  deps: ServiceDeps,
  actor: Actor,
  ids: readonly string[],
): Promise<ArticleHitListView> {
  assertRead(actor);
  const on = today(deps);
  const rows = await hitsByVersionIds(deps.db, ids);
  const byId = new Map((await hitViews(deps.db, rows, on)).map((h) => [h.versionId, h]));
  return { on, items: ids.map((id) => byId.get(id)).filter((h): h is ArticleHitView => h !== undefined) };
}

/** At most this many suggestions on a case page. */
const SUGGESTIONS = 8;

/**
 * 推荐条款 for a case: articles in force today tagged with the case's category (the exact category
 * ranks above its first level) or holding words of its title and text (the text engine's words and
 * index), ranked by tag closeness ×3 plus the words found (title words count twice). Only for staff
 * who may read the case and the library.
 * @throws NOT_FOUND (a case the actor may not read), FORBIDDEN
 */
export async function suggestArticles(
  deps: ServiceDeps,
  actor: Actor,
  petitionId: string,
): Promise<SuggestionListView> {
  assertRead(actor);
  const loaded = await loadReadable(deps, actor, petitionId);
  const { title, body, category_code: code } = loaded.petition;
  const on = today(deps);
  const words = salientWords(title, body);
  const text =
    words.length === 0
      ? null
      : knowledgeSearchPredicate(deps.dialect, words.join(' '), 'knowledge_article_version.id', 'any');
  const [byCategory, byText] = await Promise.all([
    code === null ? [] : searchHits(deps.db, { on, text: null, categoryCode: code, limit: 50 }),
    text === null ? [] : searchHits(deps.db, { on, text, limit: 100 }),
  ]);
  const rows = new Map<string, HitRow>();
  for (const r of [...byCategory, ...byText]) rows.set(r.version_id, r);
  const hits = await hitViews(deps.db, [...rows.values()], on);
  const titleWords = new Set(salientWords(title, ''));
  const scored = hits.map((hit): [SuggestedArticleView, number] => {
    const folded = normaliseText(`${hit.documentTitle}${hit.text}`);
    const matchedWords = words.filter((w) => folded.includes(w));
    const tag = tagMatch(hit.categoryCodes, code);
    const reasons: SuggestedArticleView['reasons'] = [];
    if (tag > 0) reasons.push('category');
    if (matchedWords.length > 0) reasons.push('text');
    const score = tag * 3 + matchedWords.reduce((sum, w) => sum + (titleWords.has(w) ? 2 : 1), 0);
    return [{ ...hit, reasons, matchedWords }, score];
  });
  const items = scored
    .filter(([, score]) => score > 0)
    .sort(([a, sa], [b, sb]) => sb - sa || a.documentTitle.localeCompare(b.documentTitle, 'zh-CN'))
    .slice(0, SUGGESTIONS)
    .map(([view]) => view);
  return { on, items };
}

/**
 * The cited article versions, checked: each exists and is in force on `date` (the document's date).
 * A reply or opinion cites the law as it stands when it is signed (第32条 法律法规依据).
 * @throws VALIDATION_FAILED naming `<field>.<i>`
 */
export async function assertCitable(
  db: Kysely<DB>,
  ids: readonly string[],
  date: string,
  field: string,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = new Map((await hitsByVersionIds(db, ids)).map((r) => [r.version_id, r]));
  ids.forEach((id, index) => {
    const row = rows.get(id);
    if (row === undefined) throw fieldError([field, index], 'no such article version');
    if (!inForceOn({ effectiveFrom: row.effective_from, effectiveTo: row.effective_to }, date)) {
      throw fieldError(
        [field, index],
        `${row.document_title}${row.number} (version from ${row.effective_from}) is not in force on ${date}`,
      );
    }
  });
}

/** The cited articles as a printed document quotes them, one line each, in the order cited. */
export async function quoteCitations(db: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  const rows = new Map((await hitsByVersionIds(db, ids)).map((r) => [r.version_id, r]));
  return ids
    .map((id) => rows.get(id))
    .filter((r): r is HitRow => r !== undefined)
    .map((r) => quoteArticle({ documentTitle: r.document_title, number: r.number, text: r.text }));
}

async function existingCategoryCodes(db: Kysely<DB>, codes: readonly string[]): Promise<string[]> {
  // The taxonomy is a few dozen rows: read it whole rather than add a query to another module.
  const wanted = new Set(codes);
  return (await categoryRows(db, false)).map((c) => c.code).filter((c) => wanted.has(c));
}

/** 法规政策库 endpoints: documents, articles and versions, search, suggestions for a case, cited versions. */
import {
  ArticleHitListViewSchema,
  KnowledgeDocumentDetailViewSchema,
  KnowledgeDocumentListViewSchema,
  SuggestionListViewSchema,
  type ArticleHitListView,
  type KnowledgeArticleEdit,
  type KnowledgeArticleInput,
  type KnowledgeDocumentDetailView,
  type KnowledgeDocumentInput,
  type KnowledgeDocumentListView,
  type KnowledgeKind,
  type KnowledgeVersionInput,
  type SuggestionListView,
} from '../../../common/schemas/knowledge.ts';
import { api } from './client.ts';

const id = (value: string) => encodeURIComponent(value);

export function listKnowledgeDocuments(): Promise<KnowledgeDocumentListView> {
  return api.get('/api/knowledge/documents', KnowledgeDocumentListViewSchema);
}

export function getKnowledgeDocument(documentId: string): Promise<KnowledgeDocumentDetailView> {
  return api.get(`/api/knowledge/documents/${id(documentId)}`, KnowledgeDocumentDetailViewSchema);
}

export function createKnowledgeDocument(input: KnowledgeDocumentInput): Promise<KnowledgeDocumentDetailView> {
  return api.post('/api/knowledge/documents', KnowledgeDocumentDetailViewSchema, input);
}

export function updateKnowledgeDocument(
  documentId: string,
  input: KnowledgeDocumentInput,
): Promise<KnowledgeDocumentDetailView> {
  return api.put(`/api/knowledge/documents/${id(documentId)}`, KnowledgeDocumentDetailViewSchema, input);
}

export function addKnowledgeArticle(
  documentId: string,
  input: KnowledgeArticleInput,
): Promise<KnowledgeDocumentDetailView> {
  return api.post(`/api/knowledge/documents/${id(documentId)}/articles`, KnowledgeDocumentDetailViewSchema, input);
}

export function editKnowledgeArticle(
  articleId: string,
  input: KnowledgeArticleEdit,
): Promise<KnowledgeDocumentDetailView> {
  return api.put(`/api/knowledge/articles/${id(articleId)}`, KnowledgeDocumentDetailViewSchema, input);
}

export function addKnowledgeVersion(
  articleId: string,
  input: KnowledgeVersionInput,
): Promise<KnowledgeDocumentDetailView> {
  return api.post(`/api/knowledge/articles/${id(articleId)}/versions`, KnowledgeDocumentDetailViewSchema, input);
}

export function repealKnowledgeArticle(articleId: string, effectiveTo: string): Promise<KnowledgeDocumentDetailView> {
  return api.post(`/api/knowledge/articles/${id(articleId)}/repeal`, KnowledgeDocumentDetailViewSchema, {
    effectiveTo,
  });
}

export function searchKnowledgeArticles(query: {
  q?: string | undefined;
  kind?: KnowledgeKind | undefined;
  categoryCode?: string | undefined;
  on?: string | undefined;
  limit?: number | undefined;
}): Promise<ArticleHitListView> {
  return api.get('/api/knowledge/articles', ArticleHitListViewSchema, query);
}

export function articleVersionsById(ids: readonly string[]): Promise<ArticleHitListView> {
  return api.get('/api/knowledge/article-versions', ArticleHitListViewSchema, { ids: ids.join(',') });
}

export function suggestedArticles(petitionId: string): Promise<SuggestionListView> {
  return api.get(`/api/knowledge/suggestions/${id(petitionId)}`, SuggestionListViewSchema);
}

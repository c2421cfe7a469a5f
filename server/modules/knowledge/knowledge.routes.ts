/** 法规政策库 over HTTP: documents, articles and versions; search; suggestions for a case; cited versions. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  ArticleHitListViewSchema,
  ArticleSearchQuerySchema,
  KnowledgeArticleEditSchema,
  KnowledgeArticleInputSchema,
  KnowledgeDocumentDetailViewSchema,
  KnowledgeDocumentInputSchema,
  KnowledgeDocumentListViewSchema,
  KnowledgeRepealInputSchema,
  KnowledgeVersionInputSchema,
  SuggestionListViewSchema,
  VersionIdsQuerySchema,
} from '../../../common/schemas/knowledge.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import * as service from './knowledge.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });
const Detail = { 200: KnowledgeDocumentDetailViewSchema, ...errors };

export const knowledgeRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['knowledge'];

  app.get(
    '/knowledge/documents',
    {
      schema: {
        tags,
        summary: '法规政策库: the documents',
        response: { 200: KnowledgeDocumentListViewSchema, ...errors },
      },
    },
    async (request) => service.listDocuments(deps, requireSession(request).actor),
  );

  app.get(
    '/knowledge/documents/:id',
    { schema: { tags, summary: 'A document with its articles and versions', params: IdParams, response: Detail } },
    async (request) => service.getDocument(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/knowledge/documents',
    {
      schema: {
        tags,
        summary: 'Add a document (the office at the group)',
        body: KnowledgeDocumentInputSchema,
        response: Detail,
      },
    },
    async (request) => service.createDocument(deps, requireSession(request).actor, request.body),
  );

  app.put(
    '/knowledge/documents/:id',
    {
      schema: {
        tags,
        summary: 'Edit a document',
        params: IdParams,
        body: KnowledgeDocumentInputSchema,
        response: Detail,
      },
    },
    async (request) => service.updateDocument(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/knowledge/documents/:id/articles',
    {
      schema: {
        tags,
        summary: 'Add an article (条款) with its first version',
        params: IdParams,
        body: KnowledgeArticleInputSchema,
        response: Detail,
      },
    },
    async (request) => service.addArticle(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.put(
    '/knowledge/articles/:id',
    {
      schema: {
        tags,
        summary: "An article's number and category tags",
        params: IdParams,
        body: KnowledgeArticleEditSchema,
        response: Detail,
      },
    },
    async (request) => service.editArticle(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/knowledge/articles/:id/versions',
    {
      schema: {
        tags,
        summary: 'A new version of an article from a date (the one before ends the day before)',
        params: IdParams,
        body: KnowledgeVersionInputSchema,
        response: Detail,
      },
    },
    async (request) => service.addVersion(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/knowledge/articles/:id/repeal',
    {
      schema: {
        tags,
        summary: '废止: the article ends on a date (its versions stay citable for their time)',
        params: IdParams,
        body: KnowledgeRepealInputSchema,
        response: Detail,
      },
    },
    async (request) => service.repealArticle(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.get(
    '/knowledge/articles',
    {
      schema: {
        tags,
        summary: 'Search the articles in force on a date (Chinese full text, kind, category)',
        querystring: ArticleSearchQuerySchema,
        response: { 200: ArticleHitListViewSchema, ...errors },
      },
    },
    async (request) => service.searchArticles(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/knowledge/article-versions',
    {
      schema: {
        tags,
        summary: 'Article versions by id (what a reply cited)',
        querystring: VersionIdsQuerySchema,
        response: { 200: ArticleHitListViewSchema, ...errors },
      },
    },
    async (request) => service.articleVersions(deps, requireSession(request).actor, request.query.ids),
  );

  app.get(
    '/knowledge/suggestions/:id',
    {
      schema: {
        tags,
        summary: 'Articles suggested for a case (its category and its words)',
        params: IdParams,
        response: { 200: SuggestionListViewSchema, ...errors },
      },
    },
    async (request) => service.suggestArticles(deps, requireSession(request).actor, request.params.id),
  );
};

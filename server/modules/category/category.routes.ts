/** The content taxonomy over HTTP: one schema, one service call, one reply per route. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  CategoryCodeParamsSchema,
  CategoryListQuerySchema,
  CategoryListViewSchema,
  CategoryViewSchema,
  CreateCategoryInputSchema,
  RenameCategoryInputSchema,
  ReorderCategoryInputSchema,
} from '../../../common/schemas/category.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import {
  activateCategory,
  createCategory,
  deactivateCategory,
  listCategories,
  renameCategory,
  reorderCategory,
} from './category.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const EmptyBodySchema = z.object({}).strict().optional();

export const categoryRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/categories',
    {
      schema: {
        tags: ['category'],
        summary: 'The content taxonomy in picker order (selectable entries; an admin may ask for all)',
        querystring: CategoryListQuerySchema,
        response: { 200: CategoryListViewSchema, ...errors },
      },
    },
    async (request) =>
      listCategories(deps, requireSession(request).actor, {
        includeInactive: request.query.includeInactive === 'true',
      }),
  );

  app.post(
    '/categories',
    {
      schema: {
        tags: ['category'],
        summary: 'Create a top level or a second level',
        body: CreateCategoryInputSchema,
        response: { 200: CategoryViewSchema, ...errors },
      },
    },
    async (request) => createCategory(deps, requireSession(request).actor, request.body),
  );

  app.post(
    '/categories/:code/rename',
    {
      schema: {
        tags: ['category'],
        summary: 'Rename a category',
        params: CategoryCodeParamsSchema,
        body: RenameCategoryInputSchema,
        response: { 200: CategoryViewSchema, ...errors },
      },
    },
    async (request) => renameCategory(deps, requireSession(request).actor, request.params.code, request.body),
  );

  app.post(
    '/categories/:code/reorder',
    {
      schema: {
        tags: ['category'],
        summary: 'Move a category among its siblings',
        params: CategoryCodeParamsSchema,
        body: ReorderCategoryInputSchema,
        response: { 200: CategoryViewSchema, ...errors },
      },
    },
    async (request) => reorderCategory(deps, requireSession(request).actor, request.params.code, request.body),
  );

  app.post(
    '/categories/:code/deactivate',
    {
      schema: {
        tags: ['category'],
        summary: 'Deactivate a category (never deleted)',
        params: CategoryCodeParamsSchema,
        body: EmptyBodySchema,
        response: { 200: CategoryViewSchema, ...errors },
      },
    },
    async (request) => deactivateCategory(deps, requireSession(request).actor, request.params.code),
  );

  app.post(
    '/categories/:code/activate',
    {
      schema: {
        tags: ['category'],
        summary: 'Activate a category again',
        params: CategoryCodeParamsSchema,
        body: EmptyBodySchema,
        response: { 200: CategoryViewSchema, ...errors },
      },
    },
    async (request) => activateCategory(deps, requireSession(request).actor, request.params.code),
  );
};

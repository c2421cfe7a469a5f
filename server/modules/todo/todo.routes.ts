/** 我的待办 over HTTP. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { TodoListQuerySchema, TodoListViewSchema } from '../../../common/schemas/todo.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { listTodos } from './todo.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };

export const todoRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.get(
    '/todos',
    {
      schema: {
        tags: ['petition'],
        summary: '我的待办: the cases on which I must take the next step, most urgent first, paged',
        querystring: TodoListQuerySchema,
        response: { 200: TodoListViewSchema, ...errors },
      },
    },
    async (request) => listTodos(deps, requireSession(request).actor, request.query),
  );
};

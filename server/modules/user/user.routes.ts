/** User administration over HTTP. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  CreateUserInputSchema,
  ResetPasswordInputSchema,
  UserIdParamsSchema,
  UserListQuerySchema,
  UserListViewSchema,
  UserViewSchema,
  UserContactInputSchema,
} from '../../../common/schemas/user.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { createUser, disableUser, enableUser, listUsers, resetPassword, setUserContact } from './user.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const EmptyBodySchema = z.object({}).strict().optional();

export const userRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/users',
    {
      schema: {
        tags: ['user'],
        summary: 'Users in my scope',
        querystring: UserListQuerySchema,
        response: { 200: UserListViewSchema, ...errors },
      },
    },
    async (request) => ({ users: await listUsers(deps, requireSession(request).actor, request.query) }),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['user'],
        summary: 'Create a user',
        body: CreateUserInputSchema,
        response: { 200: UserViewSchema, ...errors },
      },
    },
    async (request) => createUser(deps, requireSession(request).actor, request.body),
  );

  app.post(
    '/users/:id/disable',
    {
      schema: {
        tags: ['user'],
        summary: 'Disable a user',
        params: UserIdParamsSchema,
        body: EmptyBodySchema,
        response: { 200: UserViewSchema, ...errors },
      },
    },
    async (request) => disableUser(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/users/:id/enable',
    {
      schema: {
        tags: ['user'],
        summary: 'Enable a user',
        params: UserIdParamsSchema,
        body: EmptyBodySchema,
        response: { 200: UserViewSchema, ...errors },
      },
    },
    async (request) => enableUser(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags: ['user'],
        summary: "Reset a user's password",
        params: UserIdParamsSchema,
        body: ResetPasswordInputSchema,
        response: { 200: UserViewSchema, ...errors },
      },
    },
    async (request) => resetPassword(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/users/:id/contact',
    {
      schema: {
        tags: ['user'],
        summary: 'Set where notifications go beyond the workbench (e-mail, mobile); oneself or an administrator',
        params: UserIdParamsSchema,
        body: UserContactInputSchema,
        response: { 200: UserViewSchema, ...errors },
      },
    },
    async (request) => setUserContact(deps, requireSession(request).actor, request.params.id, request.body),
  );
};

/** Session endpoints: log in, who am I, log out, change password. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  ChangePasswordInputSchema,
  LoginInputSchema,
  OkViewSchema,
  SESSION_COOKIE,
  SessionViewSchema,
} from '../../../common/schemas/auth.ts';
import { requireSession } from '../../platform/auth.ts';
import { changePassword, login, logout, type AuthDeps } from './auth.service.ts';

export type AuthRouteOptions = { deps: AuthDeps; cookieSecure: boolean; loginRateLimitPerMinute: number };

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (
  app,
  { deps, cookieSecure, loginRateLimitPerMinute },
) => {
  const errors = {
    400: ErrorBodySchema,
    401: ErrorBodySchema,
    403: ErrorBodySchema,
    423: ErrorBodySchema,
    429: ErrorBodySchema,
  };

  app.get(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'The signed-in user and CSRF token',
        response: { 200: SessionViewSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => {
      const session = requireSession(request);
      return { user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );

  app.post(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Log in',
        body: LoginInputSchema,
        response: { 200: SessionViewSchema, ...errors },
      },
      config: { rateLimit: { max: loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      // request.ip honours TRUST_PROXY: behind a load balancer, the client it names.
      const result = await login(deps, request.body, request.ip);
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: cookieSecure,
        path: '/',
        expires: new Date(result.session.expiresAt),
      });
      return result.session;
    },
  );

  app.delete(
    '/session',
    {
      schema: { tags: ['session'], summary: 'Log out', response: { 200: OkViewSchema, ...errors } },
    },
    async (request, reply) => {
      await logout(deps, requireSession(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/session/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Change my password',
        body: ChangePasswordInputSchema,
        response: { 200: OkViewSchema, ...errors },
      },
    },
    async (request) => {
      await changePassword(deps, requireSession(request), request.body);
      return { ok: true as const };
    },
  );
};

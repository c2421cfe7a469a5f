/** An app over a test context, plus helpers to log in and call it the way the browser does. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '../../common/schemas/auth.ts';
import { buildApp, type AppConfig } from '../app.ts';
import type { Logger } from '../platform/logger.ts';
import { petitionDepsOf, TEST_PASSWORD, type TestContext } from './test-context.ts';

export const TEST_APP_CONFIG: AppConfig = {
  version: '0.0.0-test',
  demo: false,
  sessionTtlHours: 12,
  cookieSecure: false,
  trustProxy: false,
  logRequests: false,
  webDir: '/nonexistent',
  // Replaced by the context's private temporary directory in buildTestApp.
  dataDir: '/nonexistent',
  loginRateLimitPerMinute: 1000,
  publicUrl: 'https://xinfang.example.com',
  apiDocs: true,
};

export async function buildTestApp(
  ctx: TestContext,
  overrides: Partial<AppConfig> = {},
  logger?: Logger,
): Promise<FastifyInstance> {
  const app = await buildApp({
    config: { ...TEST_APP_CONFIG, dataDir: ctx.dataDir, ...overrides },
    database: ctx.database,
    clock: ctx.clock,
    ids: ctx.deps.ids,
    logger: logger ?? ctx.deps.log,
    hasher: ctx.deps.hasher,
    cipher: petitionDepsOf(ctx).cipher,
  });
  await app.ready();
  return app;
}

export type Client = {
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
  cookie: string;
  csrfToken: string;
};

/** Log in as `username` and return a client that sends the cookie and the CSRF header. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  const headers = { cookie: `${SESSION_COOKIE}=${cookie}`, [CSRF_HEADER]: csrfToken };
  return {
    cookie,
    csrfToken,
    get: (url) => app.inject({ method: 'GET', url, headers }),
    post: (url, body = {}) => app.inject({ method: 'POST', url, headers, payload: body as Record<string, unknown> }),
    put: (url, body = {}) => app.inject({ method: 'PUT', url, headers, payload: body as Record<string, unknown> }),
    del: (url) => app.inject({ method: 'DELETE', url, headers }),
  };
}

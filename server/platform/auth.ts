/**
 * Resolves the session cookie on every request and guards state changes with a CSRF token.
 *
 * CSRF: the session row holds a random token the browser receives in the session view and must
 * echo in `x-csrf-token` on every non-GET request; with SameSite=Strict cookies this is defence in
 * depth. Requests without a session (log-in, the public portal) carry no token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../common/errors.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../common/schemas/auth.ts';
import type { Actor } from '../../common/domain/access.ts';
import type { UserView } from '../../common/schemas/user.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: ResolvedSession | null;
  }
}

/** What a request carries once its cookie names a live session (the auth module resolves it). */
export type ResolvedSession = {
  sessionId: string;
  actor: Actor;
  user: UserView;
  csrfToken: string;
  expiresAt: string;
};

/** Platform does not know modules: the app hands in the function that resolves a token. */
export type SessionResolver = (token: string) => Promise<ResolvedSession | null>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const authPlugin = fp(
  async (app: FastifyInstance, opts: { resolve: SessionResolver }) => {
    app.decorateRequest('auth', null);
    app.addHook('onRequest', async (request) => {
      // The petitioner portal is public: it never uses a session, so a staff cookie in the same
      // browser neither authorises nor blocks (CSRF) its requests.
      if (!request.url.startsWith('/api/') || request.url.startsWith('/api/portal/')) return;
      const token = request.cookies[SESSION_COOKIE];
      if (token === undefined || token.length === 0) return;
      request.auth = await opts.resolve(token);
      if (request.auth !== null && !SAFE_METHODS.has(request.method)) {
        const header = request.headers[CSRF_HEADER];
        if (typeof header !== 'string' || !tokensEqual(header, request.auth.csrfToken)) {
          throw new DomainError('CSRF_TOKEN_INVALID', { message: `Missing or wrong ${CSRF_HEADER} header` });
        }
      }
    });
  },
  { name: 'xinfang-auth', dependencies: ['@fastify/cookie'] },
);

/** The caller's session. @throws UNAUTHENTICATED when nobody is logged in. */
export function requireSession(request: FastifyRequest): ResolvedSession {
  if (request.auth === null) throw new DomainError('UNAUTHENTICATED', { message: 'Log in first' });
  return request.auth;
}

/**
 * Log-in, log-out, session resolution and password change.
 *
 * Sessions live in the database (so several app instances share them); the cookie holds a random
 * token and the table only its SHA-256. Repeated failures lock the account with a growing back-off.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { ChangePasswordInput, LoginInput, SessionView } from '../../../common/schemas/auth.ts';
import type { UserView } from '../../../common/schemas/user.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { randomToken } from '../../platform/ids.ts';
import {
  assertPasswordAcceptable,
  findUserById,
  findUserByUsername,
  toUserView,
  updateUser,
  type UserRow,
} from '../user/index.ts';

import { deleteSession, deleteSessionsOfUser, findSession, insertSession, touchSession } from './auth.repository.ts';

/** Failures allowed before the first lock. */
export const MAX_FAILED_LOGINS = 5;
const MAX_LOCK_MINUTES = 60;
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export type AuthDeps = ServiceDeps & { sessionTtlHours: number };

export type ResolvedSession = {
  sessionId: string;
  actor: Actor;
  user: UserView;
  csrfToken: string;
  expiresAt: string;
};

export type LoginResult = { token: string; session: SessionView };

/** Minutes an account stays locked after `failures` consecutive failures (1, 2, 4 … 60). */
export function lockMinutes(failures: number): number {
  if (failures < MAX_FAILED_LOGINS) return 0;
  return Math.min(2 ** (failures - MAX_FAILED_LOGINS), MAX_LOCK_MINUTES);
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// A real argon2 hash to verify against when the username is unknown, so timing does not reveal
// which usernames exist.
let dummyHash: Promise<string> | null = null;

/**
 * Check credentials and open a session.
 * @throws INVALID_CREDENTIALS, ACCOUNT_LOCKED (details.lockedUntil), ACCOUNT_DISABLED
 */
export async function login(deps: AuthDeps, input: LoginInput): Promise<LoginResult> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const user = await findUserByUsername(deps.db, input.username.toLowerCase());
  if (user === undefined) {
    dummyHash ??= deps.hasher.hash('not-a-real-password');
    await deps.hasher.verify(await dummyHash, input.password);
    throw new DomainError('INVALID_CREDENTIALS', { message: 'Wrong username or password' });
  }
  if (user.locked_until !== null && user.locked_until > nowIso) {
    throw new DomainError('ACCOUNT_LOCKED', {
      message: 'Too many failed log-ins; the account is locked',
      details: { lockedUntil: user.locked_until },
    });
  }
  const valid = await deps.hasher.verify(user.password_hash, input.password);
  if (!valid) {
    await recordFailure(deps, user, now);
    throw new DomainError('INVALID_CREDENTIALS', { message: 'Wrong username or password' });
  }
  if (user.active !== 1) throw new DomainError('ACCOUNT_DISABLED', { message: 'The account is disabled' });

  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const sessionId = hashSessionToken(token);
  const expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3_600_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      id: sessionId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: nowIso,
      expires_at: expiresAt,
      last_seen_at: nowIso,
    });
    await updateUser(trx, user.id, {
      failed_login_count: 0,
      locked_until: null,
      last_login_at: nowIso,
      updated_at: nowIso,
    });
    await appendAudit(trx, deps.clock, {
      actorId: user.id,
      action: 'session.login',
      entityType: 'user',
      entityId: user.id,
    });
  });
  const view = toUserView({ ...user, last_login_at: nowIso, locked_until: null }, deps.cipher);
  return { token, session: { user: view, csrfToken, expiresAt } };
}

async function recordFailure(deps: AuthDeps, user: UserRow, now: Date): Promise<void> {
  const failures = user.failed_login_count + 1;
  const minutes = lockMinutes(failures);
  const lockedUntil = minutes > 0 ? new Date(now.getTime() + minutes * 60_000).toISOString() : null;
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      failed_login_count: failures,
      locked_until: lockedUntil,
      updated_at: now.toISOString(),
    });
    await appendAudit(trx, deps.clock, {
      actorId: null,
      action: lockedUntil === null ? 'session.login_failed' : 'user.lock',
      entityType: 'user',
      entityId: user.id,
      after: { failedLoginCount: failures, lockedUntil },
    });
  });
  if (lockedUntil !== null)
    deps.log.warn({ category: 'auth', userId: user.id, lockedUntil }, 'account locked after failed log-ins');
}

/** The session behind a cookie token, or null when unknown, expired, or its user is disabled. */
export async function resolveSession(deps: AuthDeps, token: string): Promise<ResolvedSession | null> {
  const sessionId = hashSessionToken(token);
  const session = await findSession(deps.db, sessionId);
  const now = deps.clock.now();
  if (session === undefined) return null;
  if (session.expires_at <= now.toISOString()) {
    await deleteSession(deps.db, sessionId);
    return null;
  }
  const user = await findUserById(deps.db, session.user_id);
  if (user === undefined || user.active !== 1) return null;
  if (now.getTime() - Date.parse(session.last_seen_at) > TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, sessionId, now.toISOString());
  }
  return {
    sessionId,
    actor: { id: user.id, role: user.role, unitId: user.unit_id, unitPath: user.unit_path },
    user: toUserView(user, deps.cipher),
    csrfToken: session.csrf_token,
    expiresAt: session.expires_at,
  };
}

export async function logout(deps: AuthDeps, session: ResolvedSession): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await deleteSession(trx, session.sessionId);
    await appendAudit(trx, deps.clock, {
      actorId: session.actor.id,
      action: 'session.logout',
      entityType: 'user',
      entityId: session.actor.id,
    });
  });
}

/**
 * Change one's own password; every other session of the user ends.
 * @throws PASSWORD_INCORRECT, PASSWORD_TOO_WEAK
 */
export async function changePassword(
  deps: AuthDeps,
  session: ResolvedSession,
  input: ChangePasswordInput,
): Promise<void> {
  const user = await findUserById(deps.db, session.actor.id);
  if (user === undefined) throw new DomainError('UNAUTHENTICATED');
  if (!(await deps.hasher.verify(user.password_hash, input.currentPassword))) {
    throw new DomainError('PASSWORD_INCORRECT', {
      message: 'The current password is wrong',
      details: { issues: [{ path: ['currentPassword'], message: 'incorrect' }] },
    });
  }
  assertPasswordAcceptable(input.newPassword, user.username, 'newPassword');
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const nowIso = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: passwordHash, password_changed_at: nowIso, updated_at: nowIso });
    await deleteSessionsOfUser(trx, user.id, session.sessionId);
    await appendAudit(trx, deps.clock, {
      actorId: user.id,
      action: 'user.change_password',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

/**
 * Log-in, log-out, session resolution and password change.
 *
 * Sessions live in the database (so several app instances share them); the cookie holds a random
 * token and the table only its SHA-256. Failed log-ins are counted per (account, address), per
 * address and per account, each with its own back-off (docs/adr/0003-sessions-csrf-lockout.md).
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../../common/errors.ts';
import type { ChangePasswordInput, LoginInput, SessionView } from '../../../common/schemas/auth.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ResolvedSession } from '../../platform/auth.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
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

import {
  countLoginAttempt,
  deleteSession,
  deleteSessionsOfUser,
  deleteStaleLoginGuards,
  findLoginGuards,
  findSession,
  insertSession,
  markLoginSucceeded,
  touchSession,
  uncountLoginAttempt,
  type LockSchedule,
} from './auth.repository.ts';

/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

/** `cipher` keys the hashes the log-in guard stores instead of usernames and addresses. */
export type AuthDeps = ServiceDeps & { sessionTtlHours: number; cipher: Pick<FieldCipher, 'blindIndex'> };

export type { ResolvedSession };

export type LoginResult = { token: string; session: SessionView };

/**
 * The three counts every log-in attempt falls under. Keyed by the name typed, never by whether
 * it is an account, so a real and an unknown username get the same answers (issue #11).
 */
export type LoginGuardScope = 'accountAddress' | 'address' | 'account';
const SCOPES: LoginGuardScope[] = ['accountAddress', 'address', 'account'];

type GuardPolicy = {
  /** Failures counted before the first lock. */
  free: number;
  firstLockMinutes: number;
  /** The lock doubles with each further failure up to this. */
  maxLockMinutes: number;
  /** An address the account logged in from before (KNOWN_ADDRESS_DAYS) is not held by this lock. */
  knownAddressPasses: boolean;
};

/** The counts, their thresholds and back-offs; docs/adr/0003 says why each is what it is. */
export const LOGIN_GUARD_POLICY: Record<LoginGuardScope, GuardPolicy> = {
  // One place guessing one account: the growing back-off, up to an hour. Nobody else is held by it.
  accountAddress: { free: 5, firstLockMinutes: 1, maxLockMinutes: 60, knownAddressPasses: false },
  // One place guessing many accounts (password spraying), whatever names it tries.
  address: { free: 30, firstLockMinutes: 1, maxLockMinutes: 60, knownAddressPasses: true },
  // Many places guessing one account: a high threshold and a short back-off that slows, never an
  // hour's lock a stranger could keep the owner under.
  account: { free: 50, firstLockMinutes: 1, maxLockMinutes: 5, knownAddressPasses: true },
};
/** A count with no attempt for this long starts again. */
const FORGET_AFTER_MS = 24 * 3_600_000;
/** A successful log-in makes its address known to the account for this long. */
const KNOWN_ADDRESS_DAYS = 30;

/** Minutes locked after `failures` failures counted in `scope`: 0 below the threshold, then 1, 2, 4 … up to the cap. */
export function lockMinutes(scope: LoginGuardScope, failures: number): number {
  const policy = LOGIN_GUARD_POLICY[scope];
  if (failures < policy.free) return 0;
  return Math.min(policy.firstLockMinutes * 2 ** (failures - policy.free), policy.maxLockMinutes);
}

function lockScheduleOf(scope: LoginGuardScope, now: Date): LockSchedule {
  const policy = LOGIN_GUARD_POLICY[scope];
  const untilOf = (count: number) => new Date(now.getTime() + lockMinutes(scope, count) * 60_000).toISOString();
  const untilByCount: [string, ...string[]] = [untilOf(policy.free)];
  for (let count = policy.free + 1; lockMinutes(scope, count - 1) < policy.maxLockMinutes; count++)
    untilByCount.push(untilOf(count));
  return { firstLockedCount: policy.free, untilByCount };
}

/** The guard rows of one attempt: keyed hashes, so the table holds no usernames or addresses. */
function guardKeys(deps: AuthDeps, username: string, address: string): Record<LoginGuardScope, string> {
  const key = (subject: string) => deps.cipher.blindIndex(`login-guard:${subject}`);
  return {
    accountAddress: key(`account-address:${username}\n${address}`),
    address: key(`address:${address}`),
    account: key(`account:${username}`),
  };
}

function refusal(scope: LoginGuardScope, lockedUntil: string, now: Date): DomainError {
  if (scope === 'address') {
    return new DomainError('RATE_LIMITED', {
      message: 'Too many failed log-ins from this address',
      details: { retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000)) },
    });
  }
  return new DomainError('ACCOUNT_LOCKED', {
    message: 'Too many failed log-ins; the account is locked',
    details: { lockedUntil },
  });
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// A real argon2 hash to verify against when the username is unknown, so timing does not reveal
// which usernames exist.
let dummyHash: Promise<string> | null = null;

/** The cost of a password check for a name that is no account; always false. */
async function verifyAgainstNoAccount(deps: AuthDeps, password: string): Promise<false> {
  dummyHash ??= deps.hasher.hash('not-a-real-password');
  await deps.hasher.verify(await dummyHash, password);
  return false;
}

type Counted = Partial<Record<LoginGuardScope, { failures: number; locked_until: string | null }>>;

/**
 * Check credentials from client `address` and open a session. Every answer before the password
 * check depends only on the name typed and the address, so an unknown username is answered
 * exactly like an account (same codes, same details, one argon2 verification either way).
 * @throws INVALID_CREDENTIALS, ACCOUNT_LOCKED (details.lockedUntil), RATE_LIMITED (an address
 *   that failed for many names; details.retryAfterSeconds), ACCOUNT_DISABLED
 */
export async function login(deps: AuthDeps, input: LoginInput, address: string): Promise<LoginResult> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const username = input.username.toLowerCase();
  const keys = guardKeys(deps, username, address);

  // A lock in force refuses without looking at the password (nor at whether the account exists).
  const rows = new Map((await findLoginGuards(deps.db, Object.values(keys))).map((row) => [row.key, row]));
  const knownUntil = rows.get(keys.accountAddress)?.known_until ?? null;
  const known = knownUntil !== null && knownUntil > nowIso;
  for (const scope of SCOPES) {
    const lockedUntil = rows.get(keys[scope])?.locked_until ?? null;
    if (lockedUntil !== null && lockedUntil > nowIso && !(known && LOGIN_GUARD_POLICY[scope].knownAddressPasses))
      throw refusal(scope, lockedUntil, now);
  }

  const user = await findUserByUsername(deps.db, username);
  // Counted before the password is checked, so attempts sent at once cannot all pass the check
  // above before the first failure is written (issue #11: 20 at once counted as one).
  const counted = await countAttempt(deps, keys, user?.id ?? null, known, now);
  const valid =
    user === undefined
      ? await verifyAgainstNoAccount(deps, input.password)
      : await deps.hasher.verify(user.password_hash, input.password);
  if (user === undefined || !valid) {
    await recordFailure(deps, user === undefined ? { nameKey: keys.account } : { user }, counted, now);
    await deleteStaleLoginGuards(deps.db, nowIso, new Date(now.getTime() - FORGET_AFTER_MS).toISOString());
    throw new DomainError('INVALID_CREDENTIALS', { message: 'Wrong username or password' });
  }
  // The right password is no failure: its counts are taken back.
  await uncountAttempt(deps, keys, counted);
  if (user.active !== 1) throw new DomainError('ACCOUNT_DISABLED', { message: 'The account is disabled' });

  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const sessionId = hashSessionToken(token);
  const expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3_600_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await markLoginSucceeded(trx, {
      key: keys.accountAddress,
      userId: user.id,
      now: nowIso,
      knownUntil: new Date(now.getTime() + KNOWN_ADDRESS_DAYS * 86_400_000).toISOString(),
    });
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

/**
 * Count the attempt in every scope. A lock that landed since the check (an attempt sent at the
 * same moment) refuses this one too, and what was already counted for it is taken back.
 * @throws ACCOUNT_LOCKED, RATE_LIMITED
 */
async function countAttempt(
  deps: AuthDeps,
  keys: Record<LoginGuardScope, string>,
  userId: string | null,
  known: boolean,
  now: Date,
): Promise<Counted> {
  const nowIso = now.toISOString();
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  const counted: Counted = {};
  for (const scope of SCOPES) {
    const result = await countLoginAttempt(deps.db, {
      key: keys[scope],
      userId: scope === 'address' ? null : userId,
      now: nowIso,
      forgetBefore,
      schedule: lockScheduleOf(scope, now),
    });
    if (result !== undefined) {
      counted[scope] = result;
      continue;
    }
    // Locked: a known address passes (uncounted) where the policy says so; anyone else is refused.
    if (known && LOGIN_GUARD_POLICY[scope].knownAddressPasses) continue;
    await uncountAttempt(deps, keys, counted);
    const row = (await findLoginGuards(deps.db, [keys[scope]]))[0];
    throw refusal(scope, row?.locked_until ?? nowIso, now);
  }
  return counted;
}

async function uncountAttempt(deps: AuthDeps, keys: Record<LoginGuardScope, string>, counted: Counted): Promise<void> {
  for (const scope of SCOPES) {
    const count = counted[scope];
    if (count !== undefined) await uncountLoginAttempt(deps.db, keys[scope], count.failures);
  }
}

/**
 * One audit row per failure, for an account and for a name that is none alike (the same work on
 * both paths keeps their timing alike; the row names an unknown name only by its keyed hash). When
 * the failure set a lock on an account (from this address or from everywhere), the user row shows
 * it to administrators.
 */
async function recordFailure(
  deps: AuthDeps,
  subject: { user: UserRow } | { nameKey: string },
  counted: Counted,
  now: Date,
): Promise<void> {
  const locks = [counted.accountAddress?.locked_until, counted.account?.locked_until].filter(
    (until): until is string => typeof until === 'string',
  );
  const lockedUntil = locks.length === 0 ? null : locks.reduce((a, b) => (a > b ? a : b));
  const after = {
    failedLoginCount: counted.accountAddress?.failures ?? null,
    failedLoginCountAllAddresses: counted.account?.failures ?? null,
    lockedUntil,
  };
  const user = 'user' in subject ? subject.user : null;
  await deps.db.transaction().execute(async (trx) => {
    if ('nameKey' in subject) {
      await appendAudit(trx, deps.clock, {
        actorId: null,
        action: 'session.login_failed',
        entityType: 'login_name',
        entityId: subject.nameKey.slice(0, 32),
        after,
      });
      return;
    }
    if (lockedUntil !== null)
      await updateUser(trx, subject.user.id, { locked_until: lockedUntil, updated_at: now.toISOString() });
    await appendAudit(trx, deps.clock, {
      actorId: null,
      action: lockedUntil === null ? 'session.login_failed' : 'user.lock',
      entityType: 'user',
      entityId: subject.user.id,
      after,
    });
  });
  if (user !== null && lockedUntil !== null)
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

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../common/errors.ts';
import { createOrg, createTestContext, TEST_PASSWORD, type Org, type TestContext } from '../../test/test-context.ts';
import { codeOf } from '../../test/outcome.ts';
import { disableUser } from '../user/user.service.ts';
import {
  changePassword,
  lockMinutes,
  login,
  logout,
  MAX_FAILED_LOGINS,
  resolveSession,
  type AuthDeps,
} from './auth.service.ts';

let ctx: TestContext;
let org: Org;
let deps: AuthDeps;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = { ...ctx.deps, sessionTtlHours: 12 };
});
afterEach(async () => {
  await ctx.close();
});

describe('lockMinutes', () => {
  it.each([
    [4, 0],
    [5, 1],
    [6, 2],
    [8, 8],
    [11, 60],
    [30, 60],
  ])('after %i failures → %i minutes', (failures, minutes) => {
    expect(lockMinutes(failures)).toBe(minutes);
  });
});

describe('login', () => {
  it('opens a session stored only as a hash, resolvable from the token', async () => {
    const { token, session } = await login(deps, { username: 'officer.root', password: TEST_PASSWORD });
    expect(session.user).toMatchObject({ username: 'officer.root', role: 'officer' });
    const rows = await ctx.deps.db.selectFrom('session').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe(token);
    const resolved = await resolveSession(deps, token);
    expect(resolved?.actor).toMatchObject({ role: 'officer', unitPath: org.units.root.path });
    expect(resolved?.csrfToken).toBe(session.csrfToken);
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    expect(await codeOf(login(deps, { username: 'nobody', password: 'whatever-123' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(login(deps, { username: 'officer.root', password: 'wrong-password' }))).toBe(
      'INVALID_CREDENTIALS',
    );
  });

  it('locks after repeated failures, refuses even the right password while locked, and backs off', async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect(await codeOf(login(deps, { username: 'chief.root', password: 'wrong-password' }))).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    const locked = await login(deps, { username: 'chief.root', password: TEST_PASSWORD }).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(DomainError);
    expect((locked as DomainError).code).toBe('ACCOUNT_LOCKED');
    expect((locked as DomainError).details?.lockedUntil).toBe('2026-03-02T01:01:00.000Z');
    ctx.clock.advance(61_000);
    // One more failure after the lock lifts doubles the wait.
    await codeOf(login(deps, { username: 'chief.root', password: 'wrong-password' }));
    const row = await ctx.deps.db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', 'chief.root')
      .executeTakeFirstOrThrow();
    expect(row.locked_until).toBe('2026-03-02T01:03:01.000Z');
    ctx.clock.advance(121_000);
    const { session } = await login(deps, { username: 'chief.root', password: TEST_PASSWORD });
    expect(session.user.lockedUntil).toBeNull();
    const after = await ctx.deps.db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', 'chief.root')
      .executeTakeFirstOrThrow();
    expect(after.failed_login_count).toBe(0);
    const lockAudit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.lock')
      .execute();
    expect(lockAudit).toHaveLength(2);
  });

  it('refuses a disabled account and ends its open sessions', async () => {
    const { token } = await login(deps, { username: 'handler.depthr', password: TEST_PASSWORD });
    await disableUser(ctx.deps, org.admin, org.users['handler@deptHr']!.id);
    expect(await resolveSession(deps, token)).toBeNull();
    expect(await codeOf(login(deps, { username: 'handler.depthr', password: TEST_PASSWORD }))).toBe('ACCOUNT_DISABLED');
  });

  it('expires sessions after their time to live', async () => {
    const { token } = await login(deps, { username: 'officer.root', password: TEST_PASSWORD });
    ctx.clock.advance(12 * 3_600_000);
    expect(await resolveSession(deps, token)).toBeNull();
    expect(await ctx.deps.db.selectFrom('session').selectAll().execute()).toHaveLength(0);
  });
});

describe('logout and changePassword', () => {
  it('logout deletes the session', async () => {
    const { token } = await login(deps, { username: 'officer.root', password: TEST_PASSWORD });
    const session = await resolveSession(deps, token);
    await logout(deps, session!);
    expect(await resolveSession(deps, token)).toBeNull();
  });

  it('changePassword checks the current one, rejects weak ones, and ends the other sessions', async () => {
    const first = await login(deps, { username: 'officer.root', password: TEST_PASSWORD });
    const second = await login(deps, { username: 'officer.root', password: TEST_PASSWORD });
    const session = (await resolveSession(deps, first.token))!;
    expect(
      await codeOf(
        changePassword(deps, session, { currentPassword: 'not-it-at-all', newPassword: 'a-new-long-secret' }),
      ),
    ).toBe('PASSWORD_INCORRECT');
    expect(
      await codeOf(changePassword(deps, session, { currentPassword: TEST_PASSWORD, newPassword: 'officer.root-2026' })),
    ).toBe('PASSWORD_TOO_WEAK');
    await changePassword(deps, session, { currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-secret' });
    expect(await resolveSession(deps, first.token)).not.toBeNull();
    expect(await resolveSession(deps, second.token)).toBeNull();
    expect(await codeOf(login(deps, { username: 'officer.root', password: TEST_PASSWORD }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(await codeOf(login(deps, { username: 'officer.root', password: 'a-new-long-secret' }))).toBe('OK');
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../common/errors.ts';
import type { Role } from '../../../common/schemas/user.ts';
import { TEST_PASSWORD, type Org, type TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { createUser, disableUser, enableUser, listUsers, resetPassword } from './user.service.ts';

let ctx: TestContext;
let org: Org;
serviceWorld((world) => ({ ctx, org } = world));

describe('listUsers', () => {
  it.each([
    ['officer@root', 13],
    ['officer@mineA', 7],
    ['handler@teamA1', 0],
    ['unit_head@teamA1', 3],
    ['partner@deptHr', 0],
    ['auditor@root', 13],
  ])('%s sees %i accounts', async (who, count) => {
    expect(await listUsers(ctx.deps, org.users[who]!, {})).toHaveLength(count);
  });

  it('filters by role and text, and never returns a password hash', async () => {
    const officers = await listUsers(ctx.deps, org.admin, { role: 'officer' });
    expect(officers.map((u) => u.username).sort()).toEqual(['officer.mineA'.toLowerCase(), 'officer.root']);
    const found = await listUsers(ctx.deps, org.admin, { q: 'crew' });
    expect(found.map((u) => u.username)).toEqual(['unit-head.crewa1']);
    expect(JSON.stringify(officers)).not.toContain('argon2');
  });

  it('names each unit along the tree below the enterprise, so two mines’ units differ', async () => {
    const users = await listUsers(ctx.deps, org.admin, {});
    const unitOf = (username: string) => users.find((u) => u.username === username)?.unitPathName;
    expect(unitOf('unit-head.crewa1')).toBe('甲矿 综采一队 甲班');
    expect(unitOf('handler.teama1')).toBe('甲矿 综采一队');
    expect(unitOf('handler.depthr')).toBe('人力资源部');
    expect(unitOf('officer.root')).toBe('测试能源集团');
  });

  it('treats % and _ in the search text literally', async () => {
    expect(await listUsers(ctx.deps, org.admin, { q: '%' })).toHaveLength(0);
  });
});

describe('createUser', () => {
  const input = (role: Role, unitId: string, username = 'new.user') => ({
    username,
    displayName: '新用户',
    role,
    unitId,
    password: TEST_PASSWORD,
  });

  it('creates an account and writes the audit row without the hash', async () => {
    const user = await createUser(ctx.deps, org.admin, input('handler', org.units.teamB1.id));
    expect(user).toMatchObject({ username: 'new.user', role: 'handler', unitName: '掘进一队', active: true });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('user.create');
    expect(audit.after_json).not.toContain('argon2');
  });

  it.each([
    ['admin@mineA', 'teamA1', 'officer', 'OK'],
    ['admin@mineA', 'teamB1', 'officer', 'NOT_FOUND'],
    ['admin@mineA', 'teamA1', 'auditor', 'FORBIDDEN'],
    ['admin@root', 'teamA1', 'auditor', 'OK'],
    ['officer@root', 'teamA1', 'handler', 'FORBIDDEN'],
    ['chief@root', 'teamA1', 'handler', 'FORBIDDEN'],
  ] as const)('%s creating a %s in %s → %s', async (who, unit, role, expected) => {
    expect(await codeOf(createUser(ctx.deps, org.users[who]!, input(role, org.units[unit].id)))).toBe(expected);
  });

  it('refuses a taken username and names the field', async () => {
    const error = await createUser(ctx.deps, org.admin, input('handler', org.units.teamA1.id, 'officer.root')).catch(
      (e: unknown) => e,
    );
    expect((error as DomainError).code).toBe('USERNAME_TAKEN');
    expect((error as DomainError).details).toMatchObject({ issues: [{ path: ['username'] }] });
  });
});

describe('disableUser, enableUser, resetPassword', () => {
  it('disables and enables within scope, never oneself', async () => {
    const target = org.users['handler@teamA1']!;
    expect(await codeOf(disableUser(ctx.deps, org.admin, org.admin.id))).toBe('SELF_DISABLE_FORBIDDEN');
    expect(await codeOf(disableUser(ctx.deps, org.users['admin@mineA']!, org.users['handler@deptHr']!.id))).toBe(
      'NOT_FOUND',
    );
    expect((await disableUser(ctx.deps, org.users['admin@mineA']!, target.id)).active).toBe(false);
    expect(await listUsers(ctx.deps, org.admin, { q: 'handler.teama1' })).toHaveLength(0);
    expect(await listUsers(ctx.deps, org.admin, { q: 'handler.teama1', includeInactive: 'true' })).toHaveLength(1);
    expect((await enableUser(ctx.deps, org.admin, target.id)).active).toBe(true);
  });

  it('resetPassword lifts a lock', async () => {
    const target = org.users['chief@mineA']!;
    await ctx.deps.db
      .updateTable('app_user')
      .set({ failed_login_count: 9, locked_until: '2099-01-01T00:00:00.000Z' })
      .where('id', '=', target.id)
      .execute();
    const view = await resetPassword(ctx.deps, org.admin, target.id, { newPassword: 'brand-new-secret' });
    expect(view.lockedUntil).toBeNull();
  });
});

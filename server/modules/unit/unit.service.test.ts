import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../common/errors.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { activateUnit, createUnit, deactivateUnit, getUnit, listUnits, moveUnit, renameUnit } from './unit.service.ts';

let ctx: TestContext;
let org: Org;
serviceWorld((world) => ({ ctx, org } = world));

describe('listUnits', () => {
  it('shows each user the subtree of their unit only', async () => {
    const names = async (key: string) =>
      (await listUnits(ctx.deps, org.users[key]!, { includeInactive: false })).map((u) => u.name);
    expect(await names('officer@root')).toHaveLength(7);
    expect(await names('officer@mineA')).toEqual(['甲矿', '综采一队', '甲班']);
    expect(await names('unit_head@teamA1')).toEqual(['综采一队', '甲班']);
    expect(await names('partner@deptHr')).toEqual(['人力资源部']);
    expect(await names('auditor@root')).toHaveLength(7);
  });

  it('counts active users per unit', async () => {
    const units = await listUnits(ctx.deps, org.admin, { includeInactive: false });
    expect(units.find((u) => u.id === org.units.teamA1.id)?.userCount).toBe(2);
  });
});

describe('createUnit', () => {
  it('creates a crew under a district team with a derived code, path and audit row', async () => {
    const crew = await createUnit(ctx.deps, org.admin, { parentId: org.units.teamA1.id, kind: 'crew', name: '乙班' });
    expect(crew).toMatchObject({ parentId: org.units.teamA1.id, kind: 'crew', name: '乙班', depth: 3, active: true });
    const row = await ctx.deps.db.selectFrom('unit').selectAll().where('id', '=', crew.id).executeTakeFirstOrThrow();
    expect(row.path).toBe(`${org.units.teamA1.path}${crew.id}/`);
    const audit = await ctx.deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', crew.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['unit.create']);
  });

  it('refuses a kind the parent cannot contain, naming the field', async () => {
    const error = await createUnit(ctx.deps, org.admin, {
      parentId: org.units.crewA1.id,
      kind: 'crew',
      name: '子班',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('UNIT_PARENT_INVALID');
    expect((error as DomainError).details).toMatchObject({ issues: [{ path: ['parentId'] }] });
  });

  it('lets a mine admin work in its mine only', async () => {
    const mineAdmin = org.users['admin@mineA']!;
    expect(
      await codeOf(
        createUnit(ctx.deps, mineAdmin, { parentId: org.units.mineA.id, kind: 'district_team', name: '机电队' }),
      ),
    ).toBe('OK');
    expect(
      await codeOf(
        createUnit(ctx.deps, mineAdmin, { parentId: org.units.mineB.id, kind: 'district_team', name: '机电队' }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        createUnit(ctx.deps, org.users['officer@root']!, {
          parentId: org.units.mineA.id,
          kind: 'district_team',
          name: '机电队',
        }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('moveUnit', () => {
  it('moves a team with its crews to another mine and rewrites every path and depth', async () => {
    await moveUnit(ctx.deps, org.admin, org.units.teamA1.id, { parentId: org.units.mineB.id });
    const crew = await ctx.deps.db
      .selectFrom('unit')
      .selectAll()
      .where('id', '=', org.units.crewA1.id)
      .executeTakeFirstOrThrow();
    expect(crew.path).toBe(`${org.units.mineB.path}${org.units.teamA1.id}/${org.units.crewA1.id}/`);
    expect(crew.depth).toBe(3);
    const bNames = (await listUnits(ctx.deps, org.users['officer@root']!, { includeInactive: false }))
      .filter((u) => u.parentId === org.units.mineB.id)
      .map((u) => u.name);
    expect(bNames).toContain('综采一队');
  });

  it('refuses to move a unit under its own descendant', async () => {
    expect(await codeOf(moveUnit(ctx.deps, org.admin, org.units.mineA.id, { parentId: org.units.teamA1.id }))).toBe(
      'UNIT_MOVE_CYCLE',
    );
  });

  it('refuses to move the enterprise', async () => {
    expect(await codeOf(moveUnit(ctx.deps, org.admin, org.units.root.id, { parentId: org.units.mineA.id }))).toBe(
      'UNIT_ROOT_IMMUTABLE',
    );
  });
});

describe('deactivateUnit and activateUnit', () => {
  it('refuses while active children or users remain, then deactivates and keeps the unit', async () => {
    expect(await codeOf(deactivateUnit(ctx.deps, org.admin, org.units.teamA1.id))).toBe('UNIT_HAS_ACTIVE_CHILDREN');
    const teamB = await createUnit(ctx.deps, org.admin, {
      parentId: org.units.mineB.id,
      kind: 'district_team',
      name: '运输队',
    });
    const done = await deactivateUnit(ctx.deps, org.admin, teamB.id);
    expect(done.active).toBe(false);
    expect((await getUnit(ctx.deps, org.admin, teamB.id)).name).toBe('运输队');
    expect((await listUnits(ctx.deps, org.admin, { includeInactive: false })).some((u) => u.id === teamB.id)).toBe(
      false,
    );
    expect((await listUnits(ctx.deps, org.admin, { includeInactive: true })).some((u) => u.id === teamB.id)).toBe(true);
    expect(await codeOf(createUnit(ctx.deps, org.admin, { parentId: teamB.id, kind: 'crew', name: '甲班' }))).toBe(
      'UNIT_PARENT_INVALID',
    );
    expect((await activateUnit(ctx.deps, org.admin, teamB.id)).active).toBe(true);
  });

  it('refuses to deactivate a unit that still has active users', async () => {
    expect(await codeOf(deactivateUnit(ctx.deps, org.admin, org.units.crewA1.id))).toBe('UNIT_HAS_ACTIVE_USERS');
  });

  it('renames with an audit row carrying before and after, and the chain stays intact', async () => {
    await renameUnit(ctx.deps, org.admin, org.units.mineB.id, { name: '乙矿（新）' });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'unit.rename')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json ?? 'null')).toEqual({ name: '乙矿' });
    expect(JSON.parse(audit.after_json ?? 'null')).toEqual({ name: '乙矿（新）' });
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });
});

/**
 * 三级网络 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): a unit shows its heads
 * (the unit_head accounts) and its 包联领导 and 信息员 as set by whoever manages units; the leader
 * must lead the unit or a level above it, the 信息员 is an account at the unit or a named contact.
 */
import { describe, expect, it } from 'vitest';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { getUnitNetwork, setUnitNetwork } from './unit.service.ts';

let ctx: TestContext;
let org: Org;
serviceWorld((world) => ({ ctx, org } = world));

const none = { leaderUserId: null, infoOfficerUserId: null, infoOfficerName: null, infoOfficerPhone: null };

describe('the three-level network of a unit', () => {
  it('shows the heads; the admin names the mine chief as 包联领导 and a named 信息员; audited without the phone', async () => {
    const team = org.units.teamA1.id;
    const chief = org.users['chief@mineA']!;
    const set = await setUnitNetwork(ctx.deps, org.admin, team, {
      ...none,
      leaderUserId: chief.id,
      infoOfficerName: '刘信息',
      infoOfficerPhone: '13912345678',
    });
    expect(set).toMatchObject({
      heads: [{ id: org.users['unit_head@teamA1']!.id }],
      leader: { id: chief.id, name: 'chief.minea' },
      infoOfficer: { userId: null, name: '刘信息', phone: '13912345678' },
      canManage: true,
    });
    // A head reads his own unit's network, and may not change it.
    const head = org.users['unit_head@teamA1']!;
    expect((await getUnitNetwork(ctx.deps, head, team)).canManage).toBe(false);
    expect(await codeOf(setUnitNetwork(ctx.deps, head, team, none))).toBe('FORBIDDEN');
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', '=', 'unit.set_network')
      .executeTakeFirstOrThrow();
    expect(audit.after_json).not.toContain('13912345678');
  });

  it('refuses a leader who is not a leader above the unit, an account elsewhere, a contact without a phone; nothing written', async () => {
    const team = org.units.teamA1.id;
    for (const [input, field] of [
      [{ ...none, leaderUserId: org.users['officer@mineA']!.id }, 'leaderUserId'],
      [
        { ...none, leaderUserId: org.users['chief@root']!.id, infoOfficerUserId: org.users['unit_head@crewA1']!.id },
        'infoOfficerUserId',
      ],
      [{ ...none, infoOfficerName: '刘信息' }, 'infoOfficerPhone'],
    ] as const) {
      const refused = await setUnitNetwork(ctx.deps, org.admin, team, input).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: [field] }] } });
    }
    expect((await getUnitNetwork(ctx.deps, org.admin, team)).leader).toBeNull();
  });
});

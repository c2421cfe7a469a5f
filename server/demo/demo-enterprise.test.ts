import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../common/schemas/user.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { createTestContext, type TestContext } from '../test/test-context.ts';
import { login } from '../modules/auth/auth.service.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoEnterprise } from './demo-enterprise.ts';
import { seedDemoPetitions } from './demo-petitions.ts';
import { seedDemoDuty } from './demo-duty.ts';
import { demoActor } from './demo-people.ts';
import { portalDuty } from '../modules/duty/index.ts';
import { whoIsOnDuty } from '../modules/duty/roster.service.ts';
import { petitionDepsOf } from '../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../modules/category/index.ts';
import { listPlans } from '../modules/emergency/emergency-plan.service.ts';
import { getIncident, listIncidents } from '../modules/emergency/emergency.service.ts';
import { seedDemoEmergency } from './demo-emergency.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoEnterprise(ctx.deps);
});
afterAll(async () => {
  await ctx.close();
});

describe('seedDemoEnterprise', () => {
  it('builds a coal group: departments, three mines with 6–8 district teams each, crews under the teams', async () => {
    const units = await ctx.deps.db.selectFrom('unit').selectAll().execute();
    const byKind = (kind: string) => units.filter((u) => u.kind === kind);
    expect(byKind('enterprise')).toHaveLength(1);
    expect(byKind('mine')).toHaveLength(3);
    for (const mine of byKind('mine')) {
      const teams = units.filter((u) => u.parent_id === mine.id && u.kind === 'district_team' && u.active === 1);
      expect(teams.length).toBeGreaterThanOrEqual(6);
      expect(teams.length).toBeLessThanOrEqual(8);
    }
    const groupDepartments = units.filter((u) => u.depth === 1 && u.kind === 'department').map((u) => u.name);
    expect(groupDepartments).toEqual(expect.arrayContaining(['人力资源部', '工会', '安全监察部', '财务部', '纪委']));
    expect(byKind('crew').length).toBeGreaterThan(50);
  });

  it('creates about forty accounts covering every role', async () => {
    const users = await ctx.deps.db.selectFrom('app_user').select(['role']).execute();
    expect(users.length).toBeGreaterThanOrEqual(35);
    expect(users.length).toBeLessThanOrEqual(45);
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
  });

  it('leaves history: a merged team is deactivated, not deleted, and every step is on an intact audit chain', async () => {
    const merged = await ctx.deps.db
      .selectFrom('unit')
      .selectAll()
      .where('name', '=', '综采三队（已撤并）')
      .executeTakeFirstOrThrow();
    expect(merged.active).toBe(0);
    const verify = await verifyAuditChain(ctx.deps.db);
    expect(verify.ok).toBe(true);
    expect(verify.checked).toBeGreaterThan(150);
  });

  it('lets every printed demo log-in sign in', async () => {
    for (const demo of DEMO_LOGINS) {
      const { session } = await login(
        { ...ctx.deps, sessionTtlHours: 1, cipher: petitionDepsOf(ctx).cipher },
        { username: demo.username, password: DEMO_PASSWORD },
        '127.0.0.1',
      );
      expect(session.user.role).toBe(demo.role);
    }
  });
});

describe('seedDemoPetitions', () => {
  it('replays a dozen petitions to realistic steps through the services', async () => {
    await ensureDefaultTaxonomy(ctx.deps.db);
    const count = await seedDemoPetitions(petitionDepsOf(ctx), ctx.clock.now());
    expect(count).toBeGreaterThanOrEqual(12);
    const states = (await ctx.deps.db.selectFrom('petition').select('state').execute()).map((p) => p.state);
    expect(new Set(states)).toEqual(
      new Set([
        'registered',
        'triaged',
        'assigned',
        'accepted',
        'in_progress',
        'replied',
        'concluded',
        'final',
        'declined',
        'diverted',
      ]),
    );
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });
});

describe('seedDemoDuty', () => {
  it('gives the group and 东山煤矿 three weeks of shifts, handed-over shifts with log entries, and reception days ahead', async () => {
    const duty = await seedDemoDuty(petitionDepsOf(ctx), ctx.clock.now());
    expect(duty.receptionDays).toBe(2);
    expect(duty.shifts).toBeGreaterThan(0);
    expect(await ctx.deps.db.selectFrom('duty_shift').select('id').execute()).toHaveLength(2 * (15 + 14 + 14));
    const officer = await demoActor(ctx.deps.db, 'dongshan.officer');
    const now = await whoIsOnDuty(ctx.deps, officer);
    expect(now.items.map((i) => i.shift !== null)).toEqual([true, true]);
    const entries = await ctx.deps.db.selectFrom('duty_log_entry').select('kind').execute();
    expect(entries).toHaveLength(4);
    expect((await portalDuty(ctx.deps)).dutyPhone).toBe('0351-7661000');
  });
});

describe('seedDemoEmergency', () => {
  it('keeps three plans and a drill of forty days ago with its whole timeline, through the services', async () => {
    const deps = petitionDepsOf(ctx);
    expect(await seedDemoEmergency(deps, ctx.clock.now())).toEqual({ plans: 3, drills: 1 });
    const officer = await demoActor(ctx.deps.db, 'dongshan.officer');
    const { items } = await listIncidents(deps, officer, {});
    expect(items.map((i) => [i.title, i.drill, i.status])).toEqual([['东山煤矿集体上访应急预案', true, 'stood_down']]);
    const drill = await getIncident(deps, officer, items[0]!.id);
    expect(drill.timeline.map((e) => e.kind)).toEqual([
      'activated',
      'task_assigned',
      'task_confirmed',
      'arrival',
      'gathered',
      'talks',
      'promise',
      'stood_down',
    ]);
    expect(drill.responseTimes).toEqual({ toFirstArrival: 16, toStandDown: 61 });
    const chief = await demoActor(ctx.deps.db, 'beiling.chief');
    expect((await listPlans(deps, chief)).items.map((p) => [p.title, p.canActivate])).toEqual([
      ['北岭煤矿群体性事件应急预案', true],
    ]);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });
});

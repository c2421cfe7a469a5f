import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPetition } from '../intake/index.ts';
import type { Actor } from '../../../common/domain/access.ts';
import type { DashboardView, DrillDown } from '../../../common/schemas/dashboard.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import type { WarningTable } from '../../db/schema.ts';
import { codeOf } from '../../test/outcome.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../category/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { acceptPetition, assignPetition, triagePetition } from '../petition/index.ts';
import { rebuildRollup } from '../rollup/index.ts';
import { listPetitions } from '../ledger/index.ts';
import { sendNotice } from '../../test/notices.ts';
import { getDashboard, getDashboardHotspots } from './dashboard.service.ts';

const DAY = 86_400_000;
let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
const ids: Record<string, string> = {};

function input(overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'letter',
    type: 'appeal',
    purpose: 'request',
    categoryCode: '0103',
    title: '综采一队拖欠加班工资',
    body: '本人在综采一队工作，加班工资未发放，请求尽快补发。',
    petitioners: [{ name: '王大山', identity: 'employee' }],
    ...overrides,
  });
}

function withoutCategory(overrides: Partial<RegisterPetitionInput>) {
  const { categoryCode, ...rest } = input(overrides);
  expect(categoryCode).toBeDefined();
  return rest;
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = petitionDepsOf(ctx);
  await ensureDefaultTaxonomy(ctx.deps.db);
  const mineOfficer = org.users['officer@mineA'] as Actor;
  const groupOfficer = org.users['officer@root'] as Actor;
  const owner = org.users['chief@mineA'] as Actor;
  // 2026-03-02 (the clock's start). A February petition lies outside the default month.
  ids.feb = (
    await registerPetition(
      deps,
      mineOfficer,
      input({
        receivedAt: '2026-02-10T02:00:00Z',
        title: '二月的来信',
        body: '单身宿舍冬季供暖不足，室温太低，请求检修暖气管道。',
      }),
    )
  ).petition.id;
  // A1: a group visit of 6 at mine A, accepted the same day (notice met), owned by mine A's chief.
  ids.a1 = (
    await registerPetition(
      deps,
      mineOfficer,
      input({
        channel: 'visit',
        headcount: 6,
        petitioners: [{ name: '王大山', identity: 'employee', isRepresentative: true }],
      }),
    )
  ).petition.id;
  await triagePetition(deps, mineOfficer, ids.a1, {});
  await acceptPetition(deps, mineOfficer, ids.a1, { ownerId: owner.id });
  await sendNotice(deps, mineOfficer, ids.a1, 'acceptance_notice');
  // A2: skip-level letter about social insurance, accepted late (below).
  ids.a2 = (
    await registerPetition(
      deps,
      mineOfficer,
      input({
        skipLevel: true,
        categoryCode: '0201',
        title: '养老保险断缴',
        body: '养老保险断缴两年，请求补缴。',
        petitioners: [{ name: '李四', identity: 'retiree' }],
      }),
    )
  ).petition.id;
  await triagePetition(deps, mineOfficer, ids.a2, {});
  // A3: anonymous online, never accepted (notice overdue).
  ids.a3 = (
    await registerPetition(
      deps,
      mineOfficer,
      input({
        channel: 'online',
        anonymous: true,
        petitioners: [],
        title: '食堂饭菜涨价',
        body: '矿食堂饭菜涨价，班中餐补贴没有提高。',
      }),
    )
  ).petition.id;
  // B1: registered at the group, no handling unit (the group's own); B2: assigned to mine B's team.
  ids.b1 = (
    await registerPetition(
      deps,
      groupOfficer,
      withoutCategory({
        channel: 'phone',
        type: 'suggestion',
        purpose: 'suggestion',
        title: '建议增设班车',
        body: '建议增设矿区至市区的职工班车。',
      }),
    )
  ).petition.id;
  ids.b2 = (
    await registerPetition(
      deps,
      groupOfficer,
      input({
        channel: 'phone',
        title: '乙矿拖欠工资',
        body: '乙矿掘进一队拖欠三个月工资。',
        petitioners: [{ name: '孙乙', identity: 'employee' }],
      }),
    )
  ).petition.id;
  await triagePetition(deps, groupOfficer, ids.b2, {});
  await assignPetition(deps, groupOfficer, ids.b2, { handlingUnitId: org.units.teamB1.id });
  ctx.clock.advance(20 * DAY); // 2026-03-22: the 15-day notice (due 03-17) has passed
  await acceptPetition(deps, mineOfficer, ids.a2, {});
  await sendNotice(deps, mineOfficer, ids.a2, 'acceptance_notice');
  await ctx.deps.db.updateTable('petition').set({ satisfaction: 5 }).where('id', '=', ids.a1).execute();
  await ctx.deps.db.updateTable('petition').set({ satisfaction: 3 }).where('id', '=', ids.a2).execute();
  // The scores were written past the engine, as a repair would: the rollup is rebuilt as an operator would then.
  await rebuildRollup(ctx.deps.db, ctx.deps.dialect);
  const at = ctx.clock.now().toISOString();
  const warning = (
    id: string,
    level: WarningTable['level'],
    status: WarningTable['status'],
    unitId: string,
  ): WarningTable => ({
    id,
    kind: 'petition_risk',
    level,
    unit_id: unitId,
    title: 't',
    reasons_json: '[]',
    petition_ids_json: '[]',
    subject_user_ids_json: '[]',
    raised_unit_id: null,
    dedupe_key: id,
    status,
    escalation_level: 0,
    escalated_at: null,
    acknowledged_by: null,
    acknowledged_at: null,
    created_at: at,
    updated_at: at,
  });
  await ctx.deps.db
    .insertInto('warning')
    .values([
      warning('W1', 'red', 'open', org.units.teamA1.id),
      warning('W2', 'orange', 'closed', org.units.mineA.id),
      warning('W3', 'yellow', 'analysed', org.units.mineB.id),
    ])
    .execute();
});
afterAll(async () => {
  await ctx.close();
});

/** Every drill-down of the view, with the value it must reproduce. */
function drills(view: DashboardView): [string, number, DrillDown][] {
  const out: [string, number, DrillDown][] = [];
  const push = (name: string, value: number, drill: DrillDown | null) => {
    if (drill !== null) out.push([name, value, drill]);
  };
  for (const key of ['petitions', 'visitBatches', 'groupBatches', 'skipLevel', 'repeat', 'anonymous'] as const)
    push(key, view.totals[key].value, view.totals[key].drill);
  for (const list of ['series', 'byUnit', 'byCategory', 'byChannel', 'byType', 'overdueByOwner'] as const)
    for (const b of view[list]) push(`${list}:${b.label}`, b.count, b.drill);
  for (const kind of ['acceptance', 'conclusion'] as const)
    for (const s of ['met', 'metLate', 'overdue', 'open'] as const)
      push(`${kind}.${s}`, view.onTime[kind][s].value, view.onTime[kind][s].drill);
  return out;
}

describe('getDashboard', () => {
  it('counts the default statistics month over the whole enterprise for the group chief', async () => {
    const view = await getDashboard(deps, org.users['chief@root'] as Actor, {});
    expect(view).toMatchObject({ from: '2026-03-01', to: '2026-03-31', today: '2026-03-22', granularity: 'day' });
    expect(view.totals.petitions.value).toBe(5);
    expect(view.totals.persons.value).toBe(10);
    expect(view.totals.visitBatches.value).toBe(1);
    expect(view.totals.visitPersons.value).toBe(6);
    expect(view.totals.groupBatches.value).toBe(1);
    expect(view.totals.groupPersons.value).toBe(6);
    expect(view.totals.skipLevel.value).toBe(1);
    expect(view.totals.anonymous.value).toBe(1);
    expect(view.rates).toEqual({ repeat: 0, skipLevel: 0.2 });
    expect(view.byChannel.map((b) => [b.key, b.count])).toEqual([
      ['phone', 2],
      ['letter', 1],
      ['online', 1],
      ['visit', 1],
    ]);
    expect(view.byType.map((b) => [b.key, b.count])).toEqual([
      ['appeal', 4],
      ['suggestion', 1],
    ]);
    expect(view.byCategory.map((b) => [b.label, b.count])).toEqual(
      [
        ['工资薪酬', 3],
        ['', 1],
        ['社会保险', 1],
      ].sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0]))),
    );
    // Mines A and B, the HR department holds nothing; B1 (registered at the group, unhandled) is the group's own.
    expect(view.byUnit.map((b) => [b.label, b.count])).toEqual([
      ['甲矿', 3],
      ['乙矿', 1],
      ['测试能源集团', 1],
    ]);
    expect(view.onTime.acceptance).toMatchObject({
      met: { value: 1 },
      metLate: { value: 1 },
      overdue: { value: 3 },
      open: { value: 0 },
      rate: 0.2,
    });
    // The two 60-day 办结 limits of A1 and A2 fall due in May, not in this month.
    expect(view.onTime.conclusion).toMatchObject({
      met: { value: 0 },
      metLate: { value: 0 },
      overdue: { value: 0 },
      open: { value: 0 },
      rate: null,
    });
    expect(view.satisfaction).toEqual({
      count: 2,
      average: 4,
      distribution: [
        { score: 1, count: 0 },
        { score: 2, count: 0 },
        { score: 3, count: 1 },
        { score: 4, count: 0 },
        { score: 5, count: 1 },
      ],
    });
    expect(view.warnings).toEqual({ red: 1, orange: 0, yellow: 1, blue: 0 });
    expect(view.series.find((b) => b.key === '2026-03-02')?.count).toBe(5);
    // 03-01 to today (03-22): the rest of the month is not drawn as zeros.
    expect(view.series).toHaveLength(22);
    // A1's owner did not confirm within 3 days: overdue, owned by mine A's chief.
    expect(view.overdueByOwner.map((b) => [b.key, b.count])).toEqual([[org.users['chief@mineA']?.id, 1]]);
  });

  it('keeps a mine officer to the mine', async () => {
    const view = await getDashboard(deps, org.users['officer@mineA'] as Actor, {});
    expect(view.unit.id).toBe(org.units.mineA.id);
    expect(view.totals.petitions.value).toBe(3);
    expect(view.onTime.acceptance).toMatchObject({ met: { value: 1 }, metLate: { value: 1 }, overdue: { value: 1 } });
    expect(view.onTime.acceptance.rate).toBeCloseTo(1 / 3);
    expect(view.warnings).toEqual({ red: 1, orange: 0, yellow: 0, blue: 0 });
    expect(view.byUnit.map((b) => [b.label, b.count])).toEqual([['甲矿', 3]]);
    expect(await codeOf(getDashboard(deps, org.users['officer@mineA'] as Actor, { unitId: org.units.mineB.id }))).toBe(
      'NOT_FOUND',
    );
  });

  it('narrows to a chosen unit and a longer range by month', async () => {
    const view = await getDashboard(deps, org.users['chief@root'] as Actor, {
      unitId: org.units.mineA.id,
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(view.granularity).toBe('month');
    expect(view.series.map((b) => [b.key, b.count])).toEqual([
      ['2026-01', 0],
      ['2026-02', 1],
      ['2026-03', 3],
    ]);
    expect(view.totals.petitions.value).toBe(4);
    expect(view.totals.petitions.drill).toEqual({
      receivedFrom: '2026-01-01',
      receivedTo: '2026-03-31',
      unitId: org.units.mineA.id,
    });
  });

  it('does not count a warning behind a case naming the viewer (recusal, as on the warnings page)', async () => {
    const chief = org.users['chief@root'] as Actor;
    const at = ctx.clock.now().toISOString();
    const { petition } = await registerPetition(
      deps,
      org.users['officer@root'] as Actor,
      input({ title: '反映集团领导', namedPersons: [{ name: '领导', userId: chief.id }] }),
    );
    await ctx.deps.db
      .insertInto('warning')
      .values({
        id: 'W9',
        kind: 'named_cadre',
        level: 'orange',
        unit_id: org.units.root.id,
        title: '领导',
        reasons_json: '[]',
        petition_ids_json: JSON.stringify([petition.id]),
        subject_user_ids_json: '[]',
        dedupe_key: 'W9',
        status: 'open',
        escalation_level: 0,
        escalated_at: null,
        acknowledged_by: null,
        acknowledged_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    try {
      expect((await getDashboard(deps, chief, {})).warnings.orange).toBe(0);
      expect((await getDashboard(deps, org.users['officer@root'] as Actor, {})).warnings.orange).toBe(1);
    } finally {
      await ctx.deps.db.deleteFrom('warning').where('id', '=', 'W9').execute();
    }
  });

  it('refuses handlers, unit heads, partners and admins', async () => {
    for (const key of ['handler@teamA1', 'unit_head@teamA1', 'partner@deptHr', 'admin@root']) {
      expect(await codeOf(getDashboard(deps, org.users[key] as Actor, {}))).toBe('FORBIDDEN');
    }
    expect(
      await codeOf(getDashboard(deps, org.users['chief@root'] as Actor, { from: '2026-03-10', to: '2026-03-01' })),
    ).toBe('VALIDATION_FAILED');
  });

  it('every drill-down lists exactly the petitions its figure counts', async () => {
    const cases: [Actor, Parameters<typeof getDashboard>[2]][] = [
      [org.users['chief@root'] as Actor, {}],
      [org.users['officer@mineA'] as Actor, {}],
      [org.users['auditor@root'] as Actor, { from: '2026-01-01', to: '2026-03-31' }],
      [org.users['chief@root'] as Actor, { unitId: org.units.mineA.id, from: '2026-01-01', to: '2026-03-31' }],
    ];
    let checked = 0;
    for (const [actor, query] of cases) {
      const view = await getDashboard(deps, actor, query);
      for (const [name, value, drill] of drills(view)) {
        const list = await listPetitions(deps, actor, { ...drill, pageSize: 1 });
        expect([name, list.total]).toEqual([name, value]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('finds hotspots among the period’s petitions', async () => {
    const view = await getDashboardHotspots(deps, org.users['chief@root'] as Actor, {});
    expect(view.analysed).toBe(5);
    expect(Array.isArray(view.items)).toBe(true);
  });
});

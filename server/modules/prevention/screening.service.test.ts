/**
 * 矛盾隐患排查 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): a campaign cascades
 * to every covered unit and tells its heads; each unit answers once, for itself; the roll-up by mine;
 * the chase at the cut-off (24:00 China) — the heads, then after the grace the office above; the figures.
 */
import { describe, expect, it } from 'vitest';
import {
  AnswerReturnInputSchema,
  CampaignInputSchema,
  type AnswerReturnInput,
  type CampaignInput,
} from '../../../common/schemas/prevention.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { figureSources } from './prevention.figures.ts';
import {
  answerCampaign,
  chaseScreeningReturns,
  createCampaign,
  getCampaignRollup,
  listCampaigns,
  listMyReturns,
} from './screening.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld(
  {
    taxonomy: true,
    people: [
      ['unit_head', 'teamB1'],
      ['officer', 'mineB'],
    ],
  },
  (world) => ({ ctx, org, deps } = world),
);

// TEST_START is 2026-03-02T01:00Z (09:00 in China).
function campaign(overrides: Partial<CampaignInput> = {}) {
  return CampaignInputSchema.parse({
    topic: '两会前矛盾隐患排查',
    description: '全面排查欠薪、工伤、改制安置等矛盾隐患',
    periodFrom: '2026-03-02',
    periodTo: '2026-03-15',
    dueDate: '2026-03-05',
    ...overrides,
  });
}
const answer = (input: AnswerReturnInput) => AnswerReturnInputSchema.parse(input);
const hazard = {
  title: '综采一队井下班中餐补贴停发',
  location: '综采一队',
  workersInvolved: 46,
  categoryCode: '0101',
  riskLevel: 'high' as const,
  measures: [{ text: '与财务科核对补贴标准', dueDate: '2026-03-20' }],
};

async function rows(table: 'screening_campaign' | 'screening_return' | 'hazard') {
  return ctx.deps.db.selectFrom(table).selectAll().execute();
}

async function notified(kind: string) {
  return ctx.deps.db
    .selectFrom('notification')
    .innerJoin('app_user', 'app_user.id', 'notification.user_id')
    .select('app_user.username')
    .where('kind', '=', kind)
    .orderBy('app_user.username')
    .execute()
    .then((r) => r.map((x) => x.username));
}

describe('createCampaign', () => {
  it('cascades to every active unit below the group and tells those who answer for each', async () => {
    const opened = await createCampaign(deps, org.users['officer@root']!, campaign());
    expect(opened.counts).toMatchObject({ total: 6, answered: 0, pending: 6, missing: 0 });
    const returns = await rows('screening_return');
    expect(returns.map((r) => r.unit_id).sort()).toEqual(
      ['deptHr', 'mineA', 'teamA1', 'crewA1', 'mineB', 'teamB1'].map((k) => org.units[k as 'mineA'].id).sort(),
    );
    expect(await notified('screening_opened')).toEqual(
      [
        'chief.minea',
        'deputy.minea',
        'officer.mineb',
        'officer.minea',
        'unit-head.crewa1',
        'unit-head.teama1',
        'unit-head.teamb1',
      ].sort(),
    );
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'screening_campaign')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['screening.create']);
  });

  it('narrows to the unit kinds chosen; a mine opens one over its own subtree only', async () => {
    const teams = await createCampaign(deps, org.users['chief@root']!, campaign({ unitKinds: ['district_team'] }));
    expect(teams.counts.total).toBe(2);
    const mine = await createCampaign(deps, org.users['officer@mineA']!, campaign());
    expect(mine.counts.total).toBe(2); // team A1 and crew A1
    expect(
      await codeOf(createCampaign(deps, org.users['officer@mineA']!, campaign({ unitId: org.units.mineB.id }))),
    ).toBe('NOT_FOUND');
  });

  it('refuses answers due before the period, a reversed period, a level without an office, a head; nothing written', async () => {
    const officer = org.users['officer@root']!;
    for (const [input, field] of [
      [campaign({ dueDate: '2026-03-01', periodFrom: '2026-03-02' }), 'dueDate'],
      [campaign({ periodFrom: '2026-03-10', periodTo: '2026-03-03', dueDate: '2026-03-12' }), 'periodTo'],
      [campaign({ unitId: org.units.teamA1.id }), 'unitId'],
    ] as const) {
      const refused = await createCampaign(deps, officer, input).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: [field] }] } });
    }
    expect(
      await codeOf(createCampaign(deps, org.users['unit_head@teamA1']!, campaign({ unitId: org.units.teamA1.id }))),
    ).toBe('FORBIDDEN');
    expect(await rows('screening_campaign')).toHaveLength(0);
    expect(await rows('screening_return')).toHaveLength(0);
  });
});

describe('answerCampaign', () => {
  it('a 区队 head answers 无隐患 once, on time; a second answer is refused naming the unit', async () => {
    const opened = await createCampaign(deps, org.users['officer@root']!, campaign());
    const head = org.users['unit_head@teamA1']!;
    expect((await listMyReturns(deps, head)).items).toMatchObject([
      { campaignId: opened.id, status: 'pending', canAnswer: true },
    ]);
    const answered = await answerCampaign(deps, head, opened.id, answer({ nil: true }));
    expect(answered).toMatchObject({ status: 'nil', onTime: true, canAnswer: false });
    const again = await answerCampaign(deps, head, opened.id, answer({ nil: false, hazards: [hazard] })).catch(
      (e: unknown) => e,
    );
    expect(again).toMatchObject({ code: 'SCREENING_RETURN_ANSWERED', details: { field: 'unitId' } });
    expect(await rows('hazard')).toHaveLength(0);
  });

  it('reports hazards into the ledger, linked to the campaign and owned by the mine', async () => {
    const opened = await createCampaign(deps, org.users['officer@root']!, campaign());
    const answered = await answerCampaign(
      deps,
      org.users['unit_head@teamA1']!,
      opened.id,
      answer({ nil: false, hazards: [hazard, { ...hazard, title: '掘进工资结算延迟', measures: [] }] }),
    );
    expect(answered).toMatchObject({ status: 'hazards', hazardCount: 2 });
    const hazards = await rows('hazard');
    expect(hazards.map((h) => [h.campaign_id, h.unit_id, h.owner_path, h.due_date])).toEqual([
      [opened.id, org.units.teamA1.id, org.units.mineA.path, '2026-03-20'],
      [opened.id, org.units.teamA1.id, org.units.mineA.path, null],
    ]);
  });

  it("refuses a unit outside the campaign, another unit's return, a measure in the past — naming the field, nothing written", async () => {
    const mineB = await createCampaign(deps, org.users['officer@mineB']!, campaign());
    const group = await createCampaign(deps, org.users['officer@root']!, campaign());
    const head = org.users['unit_head@teamA1']!;
    const outside = await answerCampaign(deps, head, mineB.id, answer({ nil: true })).catch((e: unknown) => e);
    expect(outside).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['unitId'] }] } });
    // The crew's head answers for the crew, not for the team above it.
    expect(
      await codeOf(
        answerCampaign(
          deps,
          org.users['unit_head@crewA1']!,
          group.id,
          answer({ nil: true, unitId: org.units.teamA1.id }),
        ),
      ),
    ).toBe('FORBIDDEN');
    const past = await answerCampaign(
      deps,
      head,
      group.id,
      answer({ nil: false, hazards: [{ ...hazard, measures: [{ text: '核对', dueDate: '2026-03-01' }] }] }),
    ).catch((e: unknown) => e);
    expect(past).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['hazards', 0, 'measures', 0, 'dueDate'] }] },
    });
    // A measure without a deadline never passes the schema, and names it.
    const noDeadline = AnswerReturnInputSchema.safeParse({
      nil: false,
      hazards: [{ ...hazard, measures: [{ text: '核对' }] }],
    });
    expect(noDeadline.error?.issues.map((i) => i.path)).toEqual([['hazards', 0, 'measures', 0, 'dueDate']]);
    const bothWays = AnswerReturnInputSchema.safeParse({ nil: true, hazards: [hazard] });
    expect(bothWays.error?.issues.map((i) => i.path)).toEqual([['hazards']]);
    expect(await rows('hazard')).toHaveLength(0);
    expect((await rows('screening_return')).filter((r) => r.status !== 'pending')).toHaveLength(0);
  });

  it('counts an answer after 24:00 (China) of the due date as late', async () => {
    const opened = await createCampaign(deps, org.users['officer@root']!, campaign());
    ctx.clock.set('2026-03-05T16:00:00.000Z'); // 2026-03-06 00:00 in China
    expect(await answerCampaign(deps, org.users['unit_head@teamA1']!, opened.id, answer({ nil: true }))).toMatchObject({
      onTime: false,
    });
  });
});

describe('getCampaignRollup', () => {
  it('rolls up per mine at the group, drills down into a mine, and shows a mine only its own subtree', async () => {
    const opened = await createCampaign(deps, org.users['officer@root']!, campaign());
    await answerCampaign(deps, org.users['unit_head@teamA1']!, opened.id, answer({ nil: false, hazards: [hazard] }));
    await answerCampaign(deps, org.users['unit_head@crewA1']!, opened.id, answer({ nil: true }));
    ctx.clock.set('2026-03-06T01:00:00.000Z'); // past the cut-off: the rest are missing
    const group = await getCampaignRollup(deps, org.users['chief@root']!, opened.id, undefined);
    expect(group.total).toMatchObject({
      total: 6,
      answered: 2,
      nil: 1,
      withHazards: 1,
      hazards: 1,
      missing: 4,
      pending: 0,
    });
    const byName = Object.fromEntries(
      group.byUnit.map((u) => [u.unitName, [u.total, u.answered, u.missing, u.hazards]]),
    );
    expect(byName).toEqual({ 人力资源部: [1, 0, 1, 0], 甲矿: [3, 2, 1, 1], 乙矿: [2, 0, 2, 0] });
    const mineA = await getCampaignRollup(deps, org.users['chief@root']!, opened.id, org.units.mineA.id);
    expect(mineA.byUnit.map((u) => [u.unitName, u.total, u.answered])).toEqual([['综采一队', 2, 2]]);
    expect(mineA.returns.map((r) => [r.unit.name, r.status, r.overdue])).toEqual(
      expect.arrayContaining([
        ['甲矿', 'pending', true],
        ['综采一队', 'hazards', false],
      ]),
    );
    // Mine B's officer meets the group's campaign, with his own subtree's counts; never mine A's.
    const seen = await listCampaigns(deps, org.users['officer@mineB']!);
    expect(seen.items.map((c) => [c.id, c.counts.total])).toEqual([[opened.id, 2]]);
    expect(await codeOf(getCampaignRollup(deps, org.users['officer@mineB']!, opened.id, org.units.mineA.id))).toBe(
      'NOT_FOUND',
    );
    expect((await getCampaignRollup(deps, org.users['officer@mineB']!, opened.id, undefined)).unit.name).toBe('乙矿');
  });
});

describe('chaseScreeningReturns', () => {
  it('tells nobody before the cut-off, the heads at it, the office above after the grace — each once', async () => {
    const opened = await createCampaign(
      deps,
      org.users['officer@root']!,
      campaign({ unitKinds: ['district_team', 'crew'] }),
    );
    await answerCampaign(deps, org.users['unit_head@teamB1']!, opened.id, answer({ nil: true }));
    ctx.clock.set('2026-03-05T15:59:00.000Z'); // 23:59 on the due date in China
    expect(await chaseScreeningReturns(ctx.deps)).toEqual({ chased: 0, escalated: 0 });
    ctx.clock.set('2026-03-05T16:00:00.000Z'); // 24:00
    expect(await chaseScreeningReturns(ctx.deps)).toEqual({ chased: 2, escalated: 0 });
    expect(await notified('screening_overdue')).toEqual(['unit-head.crewa1', 'unit-head.teama1']);
    expect(await chaseScreeningReturns(ctx.deps)).toEqual({ chased: 0, escalated: 0 });
    ctx.clock.set('2026-03-06T15:59:00.000Z'); // 23 h 59 later: still within the 24 h grace
    expect(await chaseScreeningReturns(ctx.deps)).toEqual({ chased: 0, escalated: 0 });
    ctx.clock.set('2026-03-06T16:00:00.000Z');
    expect(await chaseScreeningReturns(ctx.deps)).toEqual({ chased: 0, escalated: 2 });
    // Team A1 and crew A1 both work under mine A: its office is told (once per return, never the group).
    expect(await notified('screening_escalated')).toEqual([
      'chief.minea',
      'chief.minea',
      'deputy.minea',
      'deputy.minea',
      'officer.minea',
      'officer.minea',
    ]);
    expect(await chaseScreeningReturns(ctx.deps)).toEqual({ chased: 0, escalated: 0 });
    const returns = await rows('screening_return');
    expect(returns.filter((r) => r.escalated_at !== null)).toHaveLength(2);
  });

  it('escalates a mine that did not answer to the group office', async () => {
    await createCampaign(deps, org.users['officer@root']!, campaign({ unitKinds: ['mine'] }));
    ctx.clock.set('2026-03-07T00:00:00.000Z');
    expect(await chaseScreeningReturns(ctx.deps)).toEqual({ chased: 2, escalated: 0 });
    expect(await chaseScreeningReturns(ctx.deps)).toEqual({ chased: 0, escalated: 2 });
    expect([...new Set(await notified('screening_escalated'))]).toEqual(['chief.root', 'officer.root']);
  });
});

describe('figures', () => {
  const source = (key: string) => figureSources.find((s) => s.key === key)!;
  it('counts returns answered on time, hazards found and cleared on time per unit subtree (hand-counted)', async () => {
    const opened = await createCampaign(deps, org.users['officer@root']!, campaign());
    // team A1: on time with a hazard; crew A1: late; team B1: on time 无隐患; mine A, mine B, HR: never.
    await answerCampaign(deps, org.users['unit_head@teamA1']!, opened.id, answer({ nil: false, hazards: [hazard] }));
    await answerCampaign(deps, org.users['unit_head@teamB1']!, opened.id, answer({ nil: true }));
    ctx.clock.set('2026-03-06T02:00:00.000Z');
    await answerCampaign(deps, org.users['unit_head@crewA1']!, opened.id, answer({ nil: true }));
    const units = [org.units.root, org.units.mineA, org.units.teamA1, org.units.mineB, org.units.deptHr];
    const period = { from: '2026-03-01', to: '2026-03-31' };
    const onTime = await source('screening.answeredOnTime').compute(ctx.deps, units, period);
    expect([...onTime.values()]).toEqual([
      { value: 2, of: 6 },
      { value: 1, of: 3 },
      { value: 1, of: 2 },
      { value: 1, of: 2 },
      { value: 0, of: 1 },
    ]);
    const found = await source('hazard.found').compute(ctx.deps, units, period);
    expect([...found.values()].map((v) => v.value)).toEqual([1, 1, 1, 0, 0]);
    // Its measure is due 2026-03-20: due in March, not yet cleared → 0 of 1; nothing due in April.
    const cleared = await source('hazard.clearedOnTime').compute(ctx.deps, units, period);
    expect([...cleared.values()]).toEqual([
      { value: 0, of: 1 },
      { value: 0, of: 1 },
      { value: 0, of: 1 },
      { value: 0, of: 0 },
      { value: 0, of: 0 },
    ]);
    const april = await source('screening.answeredOnTime').compute(ctx.deps, units, {
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expect([...april.values()].every((v) => v.of === 0)).toBe(true);
  });
});

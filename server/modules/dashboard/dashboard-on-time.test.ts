/**
 * The dashboard's on-time rates against the petition list's overdue cases, period by period and
 * scope by scope: every overdue 受理告知 or 办结 deadline the list shows as falling due in a period
 * is an overdue in that period's rates, so a rate of 100 % never sits beside overdue cases of the
 * same period. (Before, the rates counted the petitions *received* in the period: a month's 按期办结率
 * could not see a 60-day limit, and 本月 read 100 % while the list held overdue cases due that month.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import type { DashboardQuery } from '../../../common/schemas/dashboard.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../category/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { registerPetition } from '../intake/index.ts';
import { acceptPetition, triagePetition } from '../petition/index.ts';
import { listPetitions } from '../ledger/index.ts';
import { sendNotice } from '../../test/notices.ts';
import { getDashboard } from './dashboard.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;

function input(title: string, overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'letter',
    type: 'appeal',
    purpose: 'request',
    categoryCode: '0103',
    title,
    body: `${title}，请求处理。`,
    petitioners: [{ name: '王大山', identity: 'employee' }],
    ...overrides,
  });
}

/** Register at `at` (UTC), then optionally triage and accept at `acceptAt`. */
async function petition(actor: Actor, title: string, at: string, acceptAt?: string): Promise<string> {
  ctx.clock.set(at);
  const { petition: p } = await registerPetition(deps, actor, input(title));
  if (acceptAt !== undefined) {
    ctx.clock.set(acceptAt);
    await triagePetition(deps, actor, p.id, {});
    await acceptPetition(deps, actor, p.id, {});
    // The 15-day limit is met by the written notice going out (第23条), handed over the same day.
    await sendNotice(deps, actor, p.id, 'acceptance_notice');
  }
  return p.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = petitionDepsOf(ctx);
  await ensureDefaultTaxonomy(ctx.deps.db);
  const mine = org.users['officer@mineA'] as Actor;
  const group = org.users['officer@root'] as Actor;
  // 受理告知 (15 days): due in February — one never answered, one on time, one late.
  await petition(mine, '一月来信未告知', '2026-01-20T02:00:00Z');
  await petition(mine, '二月按期受理', '2026-02-10T02:00:00Z', '2026-02-12T02:00:00Z');
  await petition(mine, '二月逾期受理', '2026-02-01T02:00:00Z', '2026-02-20T02:00:00Z');
  // Due in March: one still open, one never answered at the group.
  await petition(mine, '二月下旬来信', '2026-02-26T02:00:00Z');
  await petition(group, '集团来信未告知', '2026-02-16T02:00:00Z');
  // 办结 (60 days from 受理): due in January and February, neither concluded.
  await petition(mine, '去年十一月受理未办结', '2025-11-20T02:00:00Z', '2025-11-21T02:00:00Z');
  await petition(group, '去年十二月受理未办结', '2025-12-10T02:00:00Z', '2025-12-11T02:00:00Z');
  ctx.clock.set('2026-03-10T04:00:00Z');
});
afterAll(async () => {
  await ctx.close();
});

describe('getDashboard on-time rates', () => {
  it('agree with the overdue cases the list shows as due in the same period, for every scope', async () => {
    const chief = org.users['chief@root'] as Actor;
    const cases: [string, Actor, DashboardQuery][] = [
      ['group chief, this month', chief, {}],
      ['group chief, February', chief, { from: '2026-02-01', to: '2026-02-28' }],
      ['group chief, January', chief, { from: '2026-01-01', to: '2026-01-31' }],
      ['group chief, the year', chief, { from: '2026-01-01', to: '2026-12-31' }],
      ['group chief, mine A, the quarter', chief, { from: '2026-01-01', to: '2026-03-31', unitId: org.units.mineA.id }],
      ['mine officer, this month', org.users['officer@mineA'] as Actor, {}],
      ['mine officer, the quarter', org.users['officer@mineA'] as Actor, { from: '2026-01-01', to: '2026-03-31' }],
      ['auditor, February', org.users['auditor@root'] as Actor, { from: '2026-02-01', to: '2026-02-28' }],
    ];
    for (const [name, actor, query] of cases) {
      const view = await getDashboard(deps, actor, query);
      // The list's overdue cases (超期, open) in the same scope, by the deadline that is overdue.
      const overdue = await listPetitions(deps, actor, {
        open: 'true',
        overdue: 'true',
        pageSize: 200,
        ...(query.unitId === undefined ? {} : { unitId: query.unitId }),
      });
      const dueInPeriod = (kind: string) =>
        overdue.items.filter(
          (p) => p.dueKind === kind && p.dueDate !== null && p.dueDate >= view.from && p.dueDate <= view.to,
        ).length;
      for (const [kind, dueKind] of [
        ['acceptance', 'acceptance_notice'],
        ['conclusion', 'conclusion'],
      ] as const) {
        const rates = view.onTime[kind];
        expect([name, kind, rates.overdue.value]).toEqual([name, kind, dueInPeriod(dueKind)]);
        const decided = rates.met.value + rates.metLate.value + rates.overdue.value;
        expect([name, kind, rates.rate]).toEqual([name, kind, decided === 0 ? null : rates.met.value / decided]);
        if (rates.overdue.value > 0) expect(rates.rate).toBeLessThan(1);
        // Each figure is the list under its drill-down.
        for (const status of ['met', 'metLate', 'overdue', 'open'] as const) {
          const listed = await listPetitions(deps, actor, { ...rates[status].drill, pageSize: 1 });
          expect([name, kind, status, listed.total]).toEqual([name, kind, status, rates[status].value]);
        }
      }
    }
  });

  it('rates February by the deadlines due in it, not by the petitions received in it', async () => {
    const view = await getDashboard(deps, org.users['chief@root'] as Actor, { from: '2026-02-01', to: '2026-02-28' });
    expect(view.onTime.acceptance).toMatchObject({
      met: { value: 1 },
      metLate: { value: 1 },
      overdue: { value: 1 },
      open: { value: 0 },
    });
    expect(view.onTime.acceptance.rate).toBeCloseTo(1 / 3);
    expect(view.onTime.conclusion).toMatchObject({ met: { value: 0 }, overdue: { value: 1 }, rate: 0 });
    // This month: the group's unanswered letter is overdue, the late-February one not yet due.
    const march = await getDashboard(deps, org.users['chief@root'] as Actor, {});
    expect(march.onTime.acceptance).toMatchObject({ overdue: { value: 1 }, open: { value: 1 }, rate: 0 });
    // The mine officer does not see the group's letter.
    const mine = await getDashboard(deps, org.users['officer@mineA'] as Actor, {});
    expect(mine.onTime.acceptance).toMatchObject({ overdue: { value: 0 }, open: { value: 1 }, rate: null });
  });

  it('stops the series at today', async () => {
    const view = await getDashboard(deps, org.users['chief@root'] as Actor, {});
    expect(view.series.at(-1)?.key).toBe('2026-03-10');
    const year = await getDashboard(deps, org.users['chief@root'] as Actor, { from: '2026-01-01', to: '2026-12-31' });
    expect(year.series.map((b) => b.key)).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});

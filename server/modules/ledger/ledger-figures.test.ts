/**
 * The petition indicators (考核指标) on constructed data, each against a hand-worked figure per unit,
 * and each drill-down's list totals equal to the figure (value, and `of` for a rate): the rows behind
 * a score are the rows it counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import type { FigureKey, FigureValue } from '../../../common/schemas/figure.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import type { FigureUnit } from '../../platform/figure-source.ts';
import { sendNotice } from '../../test/notices.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../category/index.ts';
import { registerPetition } from '../intake/index.ts';
import { acceptPetition, triagePetition, type PetitionDeps } from '../petition/index.ts';
import { figureSources } from './ledger-figures.ts';
import { listPetitions } from './ledger-list.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
const period = { from: '2026-02-01', to: '2026-02-28' };

let n = 0;
async function petition(actor: Actor, at: string, overrides: Partial<RegisterPetitionInput> = {}): Promise<string> {
  ctx.clock.set(at);
  n += 1;
  const { petition: p } = await registerPetition(
    deps,
    actor,
    RegisterPetitionInputSchema.parse({
      channel: 'letter',
      type: 'appeal',
      purpose: 'request',
      categoryCode: '0103',
      title: `来信第${n}号`,
      body: `${
        [
          '宿舍暖气不热',
          '班车时刻调整',
          '工资条看不懂',
          '食堂价格上涨',
          '劳保用品不足',
          '澡堂热水不够',
          '矿灯充电故障',
        ][n % 7] ?? ''
      }（第${n}件）`,
      petitioners: [{ name: `信访人${n}`, identity: 'employee' }],
      ...overrides,
    }),
  );
  return p.id;
}

/**
 * February 2026 (the period), clock afterwards on 2026-03-10:
 * 甲矿 (mine A): P1 group visit of 6, notice sent on time; P2 skip-level, notice sent late; P3 never
 *   accepted (notice overdue); P0 in January (outside).
 * 乙矿 (mine B): P4 and P5 by the same phone (P5 a repeat); P4 replied and rated 4, P5 replied and
 *   rated 2, P6 replied, not rated — all three registered by the group office and moved on by hand
 *   (their notice limit stays open, so overdue).
 * 集团 (root, its own office): P7 skip-level.
 */
beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = petitionDepsOf(ctx);
  await ensureDefaultTaxonomy(ctx.deps.db);
  const mineA = org.users['officer@mineA'] as Actor;
  const root = org.users['officer@root'] as Actor;
  await petition(mineA, '2026-01-20T02:00:00Z');
  const p1 = await petition(mineA, '2026-02-02T02:00:00Z', {
    channel: 'visit',
    headcount: 6,
    petitioners: [{ name: '王大山', identity: 'employee', isRepresentative: true }],
  });
  await triagePetition(deps, mineA, p1, {});
  await acceptPetition(deps, mineA, p1, {});
  await sendNotice(deps, mineA, p1, 'acceptance_notice');
  const p2 = await petition(mineA, '2026-02-03T02:00:00Z', { skipLevel: true });
  await triagePetition(deps, mineA, p2, {});
  await petition(mineA, '2026-02-04T02:00:00Z');
  // Mine B's petitions, registered by the group office and handled at mine B (set by hand: the facts
  // the evaluation figures read — a reply issued, a score — are what this test is about).
  const phone = { name: '赵乙', identity: 'employee' as const, phone: '13800138000' };
  const p4 = await petition(root, '2026-02-05T02:00:00Z', { petitioners: [phone] });
  const p5 = await petition(root, '2026-02-06T02:00:00Z', { petitioners: [phone] });
  const p6 = await petition(root, '2026-02-07T02:00:00Z');
  await petition(root, '2026-02-10T02:00:00Z', { skipLevel: true });
  const set = (id: string, satisfaction: number | null) =>
    ctx.deps.db
      .updateTable('petition')
      .set({ handling_unit_id: org.units.mineB.id, state: 'replied', satisfaction })
      .where('id', '=', id)
      .execute();
  await set(p4, 4);
  await set(p5, 2);
  await set(p6, null);
  ctx.clock.set('2026-03-05T02:00:00Z');
  await acceptPetition(deps, mineA, p2, {});
  await sendNotice(deps, mineA, p2, 'acceptance_notice');
  ctx.clock.set('2026-03-10T04:00:00Z');
});
afterAll(async () => {
  await ctx.close();
});

const source = (key: FigureKey) => figureSources.find((s) => s.key === key)!;
const units = (): FigureUnit[] => [org.units.mineA, org.units.mineB, org.units.root];

/** Hand-worked [mine A, mine B, root] per indicator. */
const EXPECTED: [FigureKey, FigureValue, FigureValue, FigureValue][] = [
  ['petition.received', { value: 3, of: null }, { value: 3, of: null }, { value: 7, of: null }],
  // Notice limits due in February: A met (P1), met late (P2), overdue (P3, and P0 of January, due
  // 02-04); B three overdue; the root's own P7 overdue.
  ['petition.acceptedOnTime', { value: 1, of: 4 }, { value: 0, of: 3 }, { value: 1, of: 8 }],
  // 办结 limits (60 days) fall due in April: none in February.
  ['petition.concludedOnTime', { value: 0, of: 0 }, { value: 0, of: 0 }, { value: 0, of: 0 }],
  // Rated: P4 (4, satisfied), P5 (2): 1 of 2.
  ['petition.satisfied', { value: 0, of: 0 }, { value: 1, of: 2 }, { value: 1, of: 2 }],
  // Replied: P4, P5, P6; rated two of them.
  ['petition.evaluated', { value: 0, of: 0 }, { value: 2, of: 3 }, { value: 2, of: 3 }],
  ['petition.repeatRate', { value: 0, of: 3 }, { value: 1, of: 3 }, { value: 1, of: 7 }],
  ['petition.skipLevelRate', { value: 1, of: 3 }, { value: 0, of: 3 }, { value: 2, of: 7 }],
  ['petition.group', { value: 1, of: null }, { value: 0, of: null }, { value: 1, of: null }],
  // Open and past the nearest deadline on 03-10: P0 (January, never accepted) and P3 at A; at B the
  // three moved on by hand keep their notice limit (due 02-20, 02-23, 02-23); the root's own P7.
  ['petition.overdueOpen', { value: 2, of: null }, { value: 3, of: null }, { value: 6, of: null }],
];

describe('the petition indicators', () => {
  it.each(EXPECTED)('%s per unit equals the hand-worked figure', async (key, a, b, root) => {
    const values = await source(key).compute(deps, units(), period);
    expect([values.get(org.units.mineA.id), values.get(org.units.mineB.id), values.get(org.units.root.id)]).toEqual([
      a,
      b,
      root,
    ]);
  });

  it.each(EXPECTED.map(([key]) => key))('%s: the drill-down lists as many petitions as it counts', async (key) => {
    const chief = org.users['chief@root'] as Actor;
    const values = await source(key).compute(deps, units(), period);
    const total = async (filters: readonly object[]) => {
      let sum = 0;
      for (const f of filters) sum += (await listPetitions(deps, chief, { ...f, pageSize: 1 })).total;
      return sum;
    };
    for (const unit of units()) {
      const drill = source(key).drill(unit, period);
      if (drill.kind !== 'petitions') throw new Error('a petition figure drills to petitions');
      const value = values.get(unit.id)!;
      expect(await total(drill.value)).toBe(value.value);
      expect(drill.of === null ? null : await total(drill.of)).toBe(value.of);
    }
  });
});

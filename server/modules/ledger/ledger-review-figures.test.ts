/**
 * The indicators of 复查/复核 (第35–36条) and of 包案 confirmed in time (第18条) on constructed cases,
 * each against a hand-worked figure per unit, and each drill-down's list totals equal to the figure:
 * the rows behind a score are the rows it counted.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import type { FigureKey, FigureValue } from '../../../common/schemas/figure.ts';
import type { FigureUnit } from '../../platform/figure-source.ts';
import { overtimeVisit as visit, serviceWorld } from '../../test/factories.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { registerPetition } from '../intake/index.ts';
import * as svc from '../petition/index.ts';
import { figureSources } from './ledger-figures.ts';
import { listPetitions } from './ledger-list.service.ts';

let ctx: TestContext;
let org: Org;
let deps: svc.PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;
const period = { from: '2026-03-01', to: '2026-03-31' };
const REPLY = {
  request: '补发加班工资',
  factsAndReasons: '经核实，加班记录属实。',
  opinion: '责成综采一队补发。',
  legalBasis: '《工资支付暂行规定》第十三条',
  result: 'support' as const,
  outcomes: [{ kind: 'resolved' as const, measures: '已补发' }],
};

/** Registered by the group office, assigned to team A1 (under mine A), accepted with mine A's chief as owner. */
async function acceptedCase(): Promise<string> {
  const officer = org.users['officer@root']!;
  const { petition } = await registerPetition(deps, officer, visit());
  await svc.triagePetition(deps, officer, petition.id, {});
  await svc.assignPetition(deps, officer, petition.id, { handlingUnitId: org.units.teamA1.id });
  await svc.signForPetition(deps, org.users['handler@teamA1']!, petition.id);
  await svc.acceptPetition(deps, org.users['officer@mineA']!, petition.id, {
    ownerId: org.users['chief@mineA']!.id,
    handlerId: org.users['handler@teamA1']!.id,
  });
  return petition.id;
}

/** Confirmed at once, replied (支持), a 复查 requested and its opinion issued by the group with `result`. */
async function reviewedCase(result: 'support' | 'reject'): Promise<void> {
  const id = await acceptedCase();
  const owner = org.users['chief@mineA']!;
  const handler = org.users['handler@teamA1']!;
  await svc.confirmOwnership(deps, owner, id);
  await svc.startInvestigation(deps, handler, id);
  await svc.draftReply(deps, handler, id, REPLY);
  await svc.issueReply(deps, owner, id, { deliveryMethod: 'in_person' });
  await svc.requestReview(deps, org.users['officer@root']!, id, { reason: '对处理意见不服' });
  await svc.issueReviewOpinion(deps, org.users['officer@root']!, id, {
    opinion: result === 'support' ? '维持原处理意见' : '撤销原处理意见',
    result,
    deliveryMethod: 'in_person',
  });
}

const source = (key: FigureKey) => figureSources.find((s) => s.key === key)!;
const units = (): FigureUnit[] => [org.units.mineA, org.units.mineB, org.units.root];

/**
 * March 2026 (clock from 03-02): at team A1 (mine A), R1 reviewed and upheld, R2 reviewed and
 * overturned (支持 → 不支持), both owners confirming on the day; C3 never confirmed (limit 03-05,
 * overdue); C4 confirmed on 03-09 (limit 03-05: met late); R0, reviewed in April, outside the period.
 * Nothing at mine B. Computed on 04-10.
 */
const EXPECTED: [FigureKey, FigureValue, FigureValue, FigureValue][] = [
  ['petition.reviewed', { value: 2, of: null }, { value: 0, of: null }, { value: 2, of: null }],
  ['petition.overturned', { value: 1, of: 2 }, { value: 0, of: 0 }, { value: 1, of: 2 }],
  // Limits due in March: R1, R2 met; C3 overdue; C4 met late (R0's limit falls in April).
  ['petition.ownershipConfirmedOnTime', { value: 2, of: 4 }, { value: 0, of: 0 }, { value: 2, of: 4 }],
];

describe('the review and ownership indicators', () => {
  it('count the constructed cases as worked by hand, and each drill-down lists as many', async () => {
    await reviewedCase('support');
    await reviewedCase('reject');
    await acceptedCase();
    const c4 = await acceptedCase();
    ctx.clock.advance(7 * DAY); // 03-09
    await svc.confirmOwnership(deps, org.users['chief@mineA']!, c4);
    ctx.clock.set('2026-04-02T02:00:00Z');
    await reviewedCase('reject');
    ctx.clock.set('2026-04-10T02:00:00Z');

    const chief = org.users['chief@root'] as Actor;
    const total = async (filters: readonly object[]) => {
      let sum = 0;
      for (const f of filters) sum += (await listPetitions(deps, chief, { ...f, pageSize: 1 })).total;
      return sum;
    };
    for (const [key, a, b, root] of EXPECTED) {
      const values = await source(key).compute(deps, units(), period);
      expect(
        [values.get(org.units.mineA.id), values.get(org.units.mineB.id), values.get(org.units.root.id)],
        key,
      ).toEqual([a, b, root]);
      for (const unit of units()) {
        const drill = source(key).drill(unit, period);
        if (drill.kind !== 'petitions') throw new Error('a petition figure drills to petitions');
        const value = values.get(unit.id)!;
        expect(await total(drill.value), `${key} value`).toBe(value.value);
        expect(drill.of === null ? null : await total(drill.of), `${key} of`).toBe(value.of);
      }
    }
  });
});

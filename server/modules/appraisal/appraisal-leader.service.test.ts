/**
 * 考核 of leaders (第39条: leaders as well as units) through the service, on SQLite and PostgreSQL
 * (TEST_DATABASE_URL): the per-owner figures on constructed cases against hand-worked values, each
 * drill-down's list totals equal to the figure; a leader round scored from them, recomputed from its
 * stored inputs; self-assessment by the leader himself only, review by the level above, publication,
 * the rank change against the previous round; bad input refused naming the field, nothing written.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Actor } from '../../../common/domain/access.ts';
import type { AppraisalSchemeInput } from '../../../common/schemas/appraisal.ts';
import type { FigureKey, FigureValue } from '../../../common/schemas/figure.ts';
import { overtimeVisit as visit, serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { OWNER_FIGURE_SOURCES } from '../figure/figure.registry.ts';
import { registerPetition } from '../intake/index.ts';
import { listPetitions } from '../ledger/index.ts';
import * as svc from '../petition/index.ts';
import * as service from './appraisal.service.ts';

let ctx: TestContext;
let org: Org;
let deps: svc.PetitionDeps;
serviceWorld({ once: true }, (world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;
const REPLY = {
  request: '补发加班工资',
  factsAndReasons: '经核实，加班记录属实。',
  opinion: '责成综采一队补发。',
  legalBasis: '《工资支付暂行规定》第十三条',
  result: 'support' as const,
  outcomes: [{ kind: 'resolved' as const, measures: '已补发' }],
};

/** Registered by the group office, handled by team A1, accepted at mine A with `owner` as 包案 leader. */
async function ownedCase(owner: Actor): Promise<string> {
  const officer = org.users['officer@root']!;
  const { petition } = await registerPetition(deps, officer, visit());
  await svc.triagePetition(deps, officer, petition.id, {});
  await svc.assignPetition(deps, officer, petition.id, { handlingUnitId: org.units.teamA1.id });
  await svc.signForPetition(deps, org.users['handler@teamA1']!, petition.id);
  await svc.acceptPetition(deps, org.users['officer@mineA']!, petition.id, {
    ownerId: owner.id,
    handlerId: org.users['handler@teamA1']!.id,
  });
  return petition.id;
}

/** Confirmed at once, replied by the owner the same day, rated `satisfaction` by the office, 办结. */
async function repliedCase(owner: Actor, satisfaction: number): Promise<void> {
  const id = await ownedCase(owner);
  const handler = org.users['handler@teamA1']!;
  await svc.confirmOwnership(deps, owner, id);
  await svc.startInvestigation(deps, handler, id);
  await svc.draftReply(deps, handler, id, REPLY);
  await svc.issueReply(deps, owner, id, { deliveryMethod: 'in_person' });
  await svc.evaluatePetition(deps, org.users['officer@mineA']!, id, { satisfaction });
  await svc.concludePetition(deps, org.users['officer@mineA']!, id, {});
}

const Q2 = { from: '2026-04-01', to: '2026-06-30' };
const MARCH_TO_JUNE = { from: '2026-03-01', to: '2026-06-30' };

/**
 * Chief A (O1) owns K1 (replied, rated 4: satisfied), K2 (replied, rated 1: not satisfied) and K3
 * (never confirmed, never replied); deputy A (O2) owns K4 (confirmed on 03-09, past its 03-05
 * limit; never replied). All received 03-02, so the 包案 limits fall on 03-05 and the 60-day 办结
 * limits in early May. Computed on 2026-07-10 over March–June.
 */
const EXPECTED: [FigureKey, FigureValue, FigureValue][] = [
  // K1, K2 replied in time; K3 past its limit unreplied | K4 past its limit unreplied.
  ['petition.concludedOnTime', { value: 2, of: 3 }, { value: 0, of: 1 }],
  // K1, K2 confirmed on the day; K3 never (overdue) | K4 confirmed late.
  ['petition.ownershipConfirmedOnTime', { value: 2, of: 3 }, { value: 0, of: 1 }],
  // K1 satisfied of K1, K2 rated | nothing rated.
  ['petition.satisfied', { value: 1, of: 2 }, { value: 0, of: 0 }],
  // K3 open past its nearest deadline | K4.
  ['petition.overdueOpen', { value: 1, of: null }, { value: 1, of: null }],
];

let o1: Actor;
let o2: Actor;
let groupChief: Actor;

async function fieldOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof ZodError) return error.issues.map((i) => i.path.join('.'));
  const details = (error as { details?: { issues?: { path: string[] }[] } } | null)?.details;
  return details?.issues?.map((i) => i.path.join('.')) ?? ['none'];
}

const LEADER_SCHEME: AppraisalSchemeInput = {
  name: '矿领导包案考核',
  periodKind: 'quarter',
  level: 'mine',
  subjectKind: 'leader',
  definition: {
    indicators: [
      { key: 'petition.concludedOnTime', weight: 50, target: 100, threshold: 50 },
      { key: 'petition.satisfied', weight: 50, target: 100, threshold: 0 },
    ],
    rules: [{ key: 'petition.overdueOpen', points: -5, cap: 20, label: '每件超期扣5分' }],
  },
};

describe('leader appraisal', () => {
  it('computes the figures per owner as worked by hand, and each drill-down lists as many', async () => {
    o1 = org.users['chief@mineA']!;
    o2 = org.users['deputy@mineA']!;
    groupChief = org.users['chief@root']!;
    await repliedCase(o1, 4);
    await repliedCase(o1, 1);
    await ownedCase(o1);
    const k4 = await ownedCase(o2);
    ctx.clock.advance(7 * DAY); // 03-09
    await svc.confirmOwnership(deps, o2, k4);
    ctx.clock.set('2026-07-10T02:00:00Z');

    const total = async (filters: readonly object[]) => {
      let sum = 0;
      for (const f of filters) sum += (await listPetitions(deps, groupChief, { ...f, pageSize: 1 })).total;
      return sum;
    };
    for (const [key, a, b] of EXPECTED) {
      const source = OWNER_FIGURE_SOURCES.find((s) => s.key === key)!;
      const values = await source.compute(deps, [o1.id, o2.id], MARCH_TO_JUNE);
      expect([values.get(o1.id), values.get(o2.id)], key).toEqual([a, b]);
      for (const owner of [o1, o2]) {
        const drill = source.drill(owner.id, MARCH_TO_JUNE);
        if (drill.kind !== 'petitions') throw new Error('a petition figure drills to petitions');
        const value = values.get(owner.id)!;
        expect(await total(drill.value), `${key} value`).toBe(value.value);
        expect(drill.of === null ? null : await total(drill.of), `${key} of`).toBe(value.of);
      }
    }
  });

  it('refuses a leader scheme scoring a unit-only figure, naming the field, writing nothing', async () => {
    const bad: AppraisalSchemeInput = {
      ...LEADER_SCHEME,
      definition: {
        indicators: [
          { key: 'petition.concludedOnTime', weight: 50, target: 100, threshold: 50 },
          { key: 'report.onTime', weight: 50, target: 100, threshold: 50 },
        ],
        rules: [{ key: 'petition.skipLevelRate', points: -5 }],
      },
    };
    expect(await fieldOf(service.createScheme(deps, org.admin, bad))).toEqual([
      'definition.indicators.1.key',
      'definition.rules.0.key',
    ]);
    expect((await service.listSchemes(deps, org.admin)).items).toEqual([]);
  });

  let schemeId: string;
  let roundId: string;
  const resultOf = async (actor: Actor, userId: string) =>
    (await service.getRound(deps, actor, roundId)).results.find((r) => r.leader?.id === userId)!;

  it('scores each leader of the mines from the figures of his own cases (hand-worked)', async () => {
    const scheme = await service.createScheme(deps, org.admin, LEADER_SCHEME);
    expect(scheme.subjectKind).toBe('leader');
    schemeId = scheme.id;
    const view = await service.openRound(deps, org.admin, { schemeId, period: '2026-Q2' });
    roundId = view.id;
    expect(view.scheme.subjectKind).toBe('leader');
    // The leaders of the mines: chief and deputy of mine A; the group's chief is not at a mine.
    expect(view.results.map((r) => r.leader?.id).sort()).toEqual([o1.id, o2.id].sort());
    const r1 = view.results.find((r) => r.leader?.id === o1.id)!;
    const r2 = view.results.find((r) => r.leader?.id === o2.id)!;
    // O1 in Q2: 办结 limits (early May) K1, K2 met, K3 overdue → 66.67% → 50 × (66.67 − 50)/50 = 16.67;
    // nothing received in Q2 rated → satisfaction earns its 50; K3 overdue open → −5. Total 61.67.
    expect([r1.items.map((i) => i.points), r1.rules.map((r) => r.points), r1.total]).toEqual([
      [16.67, 50],
      [-5],
      61.67,
    ]);
    // O2: K4's limit overdue → 0% → 0; satisfaction 50; K4 overdue → −5. Total 45.
    expect([r2.items.map((i) => i.points), r2.rules.map((r) => r.points), r2.total]).toEqual([[0, 50], [-5], 45]);
    expect(r1.unit.id).toBe(org.units.mineA.id);
    expect([r1.rank, r2.rank]).toEqual([1, 2]);
    // A leader's point drills to his own cases: the list's ownerId, not the unit.
    expect(r1.items[0]?.drill).toMatchObject({
      kind: 'petitions',
      value: [{ ownerId: o1.id, conclusion: 'met', conclusionDueFrom: Q2.from, conclusionDueTo: Q2.to }],
    });
    const told = await ctx.deps.db
      .selectFrom('notification')
      .select('user_id')
      .where('kind', '=', 'appraisal_round_opened')
      .execute();
    expect(told.map((t) => t.user_id).sort()).toEqual([o1.id, o2.id].sort());
  });

  it('recomputes from its stored inputs to the same scores, whatever the data became', async () => {
    // O2 takes, answers and concludes a new case (K5, July): the live figures move, the round does not.
    await repliedCase(o2, 5);
    const stored = new Map(
      (await service.getRound(deps, groupChief, roundId)).results.map((r) => [r.leader!.id, r.computed * 100]),
    );
    const recomputed = await service.recomputeRound(deps, roundId);
    expect(recomputed).toEqual(stored);
    expect(recomputed.get(o2.id)).toBe(4500);
  });

  it('lets a leader assess only himself: another leader’s result is refused naming it, nothing written', async () => {
    const r2 = await resultOf(groupChief, o2.id);
    const r1 = await resultOf(groupChief, o1.id);
    expect(await fieldOf(service.selfAssess(deps, o1, r2.id, { text: '代副矿长自评' }))).toEqual(['id']);
    expect(await codeOf(service.selfAssess(deps, o1, r2.id, { text: '代副矿长自评' }))).toBe('FORBIDDEN');
    expect((await resultOf(groupChief, o2.id)).selfAssessment).toBeNull();
    const seen = await service.getRound(deps, o1, roundId);
    expect(seen.results.find((r) => r.id === r1.id)?.can.selfAssess).toBe(true);
    expect(seen.results.find((r) => r.id === r2.id)?.can.selfAssess).toBe(false);
    await service.selfAssess(deps, o1, r1.id, { text: '二季度一件超期，已督办。' });
    expect((await resultOf(groupChief, o1.id)).selfAssessment?.text).toBe('二季度一件超期，已督办。');
  });

  it('is reviewed by the level above the leader’s unit, an adjustment needing a reason; published with ranks', async () => {
    const r2 = await resultOf(groupChief, o2.id);
    expect(await codeOf(service.reviewResult(deps, o1, r2.id, { adjustment: 0 }))).toBe('FORBIDDEN');
    expect(await fieldOf(service.reviewResult(deps, groupChief, r2.id, { adjustment: 20 }))).toEqual(['reason']);
    await service.reviewResult(deps, groupChief, r2.id, { adjustment: 20, reason: '超期件系上级转办延误' });
    const published = await service.publishRound(deps, groupChief, roundId);
    expect(published.results.map((r) => [r.leader?.id, r.total, r.rank])).toEqual(
      expect.arrayContaining([
        [o1.id, 61.67, 2],
        [o2.id, 65, 1],
      ]),
    );
    const history = await service.unitHistory(deps, o2, org.units.mineA.id, schemeId, o2.id);
    expect(history.points.map((p) => [p.period, p.total])).toEqual([['2026-Q2', 65]]);
    const reviewedTold = await ctx.deps.db
      .selectFrom('notification')
      .select('user_id')
      .where('kind', '=', 'appraisal_reviewed')
      .execute();
    expect(reviewedTold.map((t) => t.user_id)).toEqual([o2.id]);
  });

  it('shows each leader’s rank change against the previous published round of the scheme', async () => {
    ctx.clock.set('2026-10-10T02:00:00Z');
    const q3 = await service.openRound(deps, org.admin, { schemeId, period: '2026-Q3' });
    const previous = Object.fromEntries(q3.results.map((r) => [r.leader!.id, [r.previousRank, r.rank]]));
    // Q2 published: O2 first (65), O1 second. Q3: O1 — nothing due, nothing rated (50 + 50), K3 still
    // overdue (−5) = 95; O2 — K5's 办结 limit met (50), K5 rated 5 (50), K4 still overdue (−5) = 95.
    // Both first now: O1 up one place.
    expect(previous).toEqual({ [o1.id]: [2, 1], [o2.id]: [1, 1] });
  });

  it('exports a leader round naming each leader with his unit', async () => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const q2 = (await service.listRounds(deps, groupChief)).items.find((r) => r.period === '2026-Q2')!;
    await service.exportRound(deps, groupChief, q2.id, out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('考核排名')!;
    const cell = (row: number, col: number) => (sheet.getRow(row).values as unknown[])[col];
    expect(cell(1, 2)).toBe('领导');
    // By rank: O2 (65, with the review's +20) first, then O1.
    expect([cell(2, 2), cell(3, 2)]).toEqual(['deputy.minea（甲矿）', 'chief.minea（甲矿）']);
  });
});

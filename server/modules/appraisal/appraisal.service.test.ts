/**
 * 考核 end to end through the service (SQLite, and PostgreSQL with TEST_DATABASE_URL): a scheme, a
 * round on a closed quarter with hand-worked scores, the round recomputed from its stored inputs,
 * self-assessment by the unit itself only, review by the level above with a reasoned adjustment,
 * publication and the ranking; every refusal names its field and writes nothing.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Actor } from '../../../common/domain/access.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import type { AppraisalSchemeInput } from '../../../common/schemas/appraisal.ts';
import { codeOf } from '../../test/outcome.ts';
import { sendNotice } from '../../test/notices.ts';
import {
  addPerson,
  createOrg,
  createTestContext,
  petitionDepsOf,
  type Org,
  type TestContext,
} from '../../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../category/index.ts';
import { registerPetition } from '../intake/index.ts';
import { acceptPetition, triagePetition, type PetitionDeps } from '../petition/index.ts';
import * as service from './appraisal.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
let admin: Actor;
let groupChief: Actor;
let chiefA: Actor;
let chiefB: Actor;

let n = 0;
async function petition(actor: Actor, at: string, accept: boolean, extra: Partial<RegisterPetitionInput> = {}) {
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
      title: `考核样本${n}`,
      body: `${['井口澡堂热水不足', '班车发车太早', '夜班补贴未发'][n % 3] ?? ''}，第${n}件。`,
      petitioners: [{ name: `职工${n}`, identity: 'employee' }],
      ...extra,
    }),
  );
  if (!accept) return p.id;
  await triagePetition(deps, actor, p.id, {});
  await acceptPetition(deps, actor, p.id, {});
  await sendNotice(deps, actor, p.id, 'acceptance_notice');
  return p.id;
}

const SCHEME: AppraisalSchemeInput = {
  name: '2026年度季度信访考核',
  periodKind: 'quarter',
  level: 'mine',
  definition: {
    indicators: [
      { key: 'petition.acceptedOnTime', weight: 60, target: 100, threshold: 50 },
      { key: 'petition.skipLevelRate', weight: 40, target: 0, threshold: 50 },
    ],
    rules: [{ key: 'petition.skipLevelRate', points: -5, cap: 20, label: '每件越级访扣5分' }],
  },
};

/**
 * Q1 2026: mine A — two notices on time, one skip-level petition never accepted (its notice overdue);
 * mine B — one notice on time. The round opens on 2026-04-10.
 */
beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = petitionDepsOf(ctx);
  await ensureDefaultTaxonomy(ctx.deps.db);
  admin = org.admin;
  groupChief = org.users['chief@root'] as Actor;
  chiefA = org.users['chief@mineA'] as Actor;
  chiefB = await addPerson(ctx.deps, org, 'chief', 'mineB');
  const officerA = org.users['officer@mineA'] as Actor;
  const officerB = await addPerson(ctx.deps, org, 'officer', 'mineB');
  await petition(officerA, '2026-02-02T02:00:00Z', true);
  await petition(officerA, '2026-02-03T02:00:00Z', true);
  await petition(officerA, '2026-02-04T02:00:00Z', false, { skipLevel: true });
  await petition(officerB, '2026-02-05T02:00:00Z', true);
  ctx.clock.set('2026-04-10T02:00:00Z');
});
afterAll(async () => {
  await ctx.close();
});

const count = async (table: 'appraisal_scheme' | 'appraisal_round' | 'appraisal_result' | 'audit_log') =>
  Number(
    (
      await ctx.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function fieldOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof ZodError) return error.issues.map((i) => i.path.join('.'));
  const details = (error as { details?: { issues?: { path: string[] }[] } } | null)?.details;
  return details?.issues?.map((i) => i.path.join('.')) ?? ['none'];
}

describe('schemes', () => {
  it('refuses weights that do not add up to 100, naming the field, writing nothing', async () => {
    const before = await count('audit_log');
    const bad = {
      ...SCHEME,
      definition: { ...SCHEME.definition, indicators: [{ ...SCHEME.definition.indicators[0]!, weight: 70 }] },
    };
    expect(await fieldOf(service.createScheme(deps, admin, bad))).toContain('definition.indicators');
    expect(await count('appraisal_scheme')).toBe(0);
    expect(await count('audit_log')).toBe(before);
  });

  it('is kept by the enterprise admin only', async () => {
    expect(await codeOf(service.createScheme(deps, groupChief, SCHEME))).toBe('FORBIDDEN');
    expect(await codeOf(service.createScheme(deps, org.users['admin@mineA'] as Actor, SCHEME))).toBe('FORBIDDEN');
  });
});

describe('a round on Q1 2026', () => {
  let schemeId: string;
  let roundId: string;
  const resultOf = async (actor: Actor, unitId: string) =>
    (await service.getRound(deps, actor, roundId)).results.find((r) => r.unit.id === unitId);

  beforeAll(async () => {
    const created = await service.createScheme(deps, admin, SCHEME);
    // A second version before any round: allowed, and the version counts up.
    const edited = await service.updateScheme(deps, admin, created.id, { ...SCHEME, name: '季度信访考核' });
    expect(edited.version).toBe(2);
    schemeId = created.id;
  });

  it('is refused on a period not over yet, naming the period, writing nothing', async () => {
    expect(await fieldOf(service.openRound(deps, admin, { schemeId, period: '2026-Q2' }))).toEqual(['period']);
    expect(await fieldOf(service.openRound(deps, admin, { schemeId, period: '2025' }))).toEqual(['period']);
    expect(await count('appraisal_round')).toBe(0);
  });

  it('scores every mine from its figures (hand-worked)', async () => {
    const view = await service.openRound(deps, admin, { schemeId, period: '2026-Q1' });
    roundId = view.id;
    expect(view.scheme.version).toBe(2);
    const byName = Object.fromEntries(view.results.map((r) => [r.unit.name, r]));
    // Mine A: notices 2 of 3 on time = 66.67% → 60 × (66.67 − 50)/50 = 20.00; skip-level 1 of 3 =
    // 33.33% → 40 × (50 − 33.33)/50 = 13.33; one 越级 −5 → 28.33.
    expect(byName['甲矿']?.items.map((i) => i.points)).toEqual([20, 13.33]);
    expect(byName['甲矿']?.rules.map((r) => r.points)).toEqual([-5]);
    expect(byName['甲矿']?.total).toBe(28.33);
    // Mine B: 1 of 1 on time → 60; no skip-level → 40; no deduction → 100.
    expect(byName['乙矿']?.total).toBe(100);
    expect(view.results.map((r) => [r.unit.name, r.rank])).toEqual([
      ['甲矿', 2],
      ['乙矿', 1],
    ]);
    // Each point drills down to its petitions: mine A's on-time notices listed by the list's filters.
    expect(byName['甲矿']?.items[0]?.drill).toMatchObject({
      kind: 'petitions',
      value: [{ unitId: org.units.mineA.id, acceptance: 'met', acceptanceDueFrom: '2026-01-01' }],
    });
  });

  it('freezes the scheme and refuses a second round for the period', async () => {
    expect(await codeOf(service.updateScheme(deps, admin, schemeId, SCHEME))).toBe('APPRAISAL_STATE_ILLEGAL');
    expect(await codeOf(service.openRound(deps, admin, { schemeId, period: '2026-Q1' }))).toBe(
      'APPRAISAL_STATE_ILLEGAL',
    );
  });

  it('recomputes from its stored inputs to the same scores, whatever the data became', async () => {
    // A late-registered Q1 skip-level petition at mine B changes the live figures, not the round.
    await petition(org.users['officer@mineB'] as Actor, '2026-03-20T02:00:00Z', false, { skipLevel: true });
    ctx.clock.set('2026-04-11T02:00:00Z');
    const stored = new Map(
      (await service.getRound(deps, groupChief, roundId)).results.map((r) => [r.unit.id, r.computed * 100]),
    );
    const recomputed = await service.recomputeRound(deps, roundId);
    expect(recomputed).toEqual(stored);
    expect(recomputed.get(org.units.mineB.id)).toBe(10000);
  });

  it('shows a mine only its own result before publication', async () => {
    const view = await service.getRound(deps, chiefB, roundId);
    expect(view.results.map((r) => r.unit.name)).toEqual(['乙矿']);
    expect(view.results[0]?.can).toEqual({ selfAssess: true, review: false });
    expect(view.can.publish).toBe(false);
  });

  it('lets a unit assess itself only: another unit’s result is refused, nothing written', async () => {
    const resultA = (await resultOf(groupChief, org.units.mineA.id))!;
    const resultB = (await resultOf(groupChief, org.units.mineB.id))!;
    expect(await codeOf(service.selfAssess(deps, chiefB, resultA.id, { text: '代甲矿自评' }))).toBe('NOT_FOUND');
    expect(await codeOf(service.selfAssess(deps, groupChief, resultB.id, { text: '集团代评' }))).toBe('FORBIDDEN');
    expect((await resultOf(groupChief, org.units.mineA.id))?.selfAssessment).toBeNull();
    const view = await service.selfAssess(deps, chiefA, resultA.id, { text: '一季度越级访一件，已约谈区队长。' });
    expect(view.results[0]?.selfAssessment?.text).toBe('一季度越级访一件，已约谈区队长。');
    const withEvidence = await service.addEvidence(deps, chiefA, resultA.id, {
      fileName: '整改报告.txt',
      contentType: 'text/plain',
      data: Buffer.from('整改报告：已召开专题会。', 'utf8'),
    });
    expect(withEvidence.results[0]?.evidence.map((e) => e.fileName)).toEqual(['整改报告.txt']);
    const opened = await service.openEvidence(deps, groupChief, withEvidence.results[0]!.evidence[0]!.id);
    expect(opened.data.toString('utf8')).toBe('整改报告：已召开专题会。');
    expect(await codeOf(service.openEvidence(deps, chiefB, withEvidence.results[0]!.evidence[0]!.id))).toBe(
      'NOT_FOUND',
    );
  });

  it('is reviewed by the level above: an adjustment without a reason refused, the mine’s own refused', async () => {
    const resultA = (await resultOf(groupChief, org.units.mineA.id))!;
    expect(await fieldOf(service.reviewResult(deps, groupChief, resultA.id, { adjustment: 3 }))).toEqual(['reason']);
    expect(await codeOf(service.reviewResult(deps, chiefA, resultA.id, { adjustment: 0 }))).toBe('FORBIDDEN');
    expect((await resultOf(groupChief, org.units.mineA.id))?.reviewedAt).toBeNull();
    const view = await service.reviewResult(deps, groupChief, resultA.id, {
      adjustment: 3,
      reason: '越级访已妥善化解，酌情加分',
    });
    const reviewed = view.results.find((r) => r.id === resultA.id)!;
    expect([reviewed.computed, reviewed.adjustment, reviewed.total]).toEqual([28.33, 3, 31.33]);
    // Reviewed: the self-assessment is closed.
    expect(await codeOf(service.selfAssess(deps, chiefA, resultA.id, { text: '补充' }))).toBe(
      'APPRAISAL_STATE_ILLEGAL',
    );
    const told = await ctx.deps.db
      .selectFrom('notification')
      .select(['user_id', 'kind'])
      .where('kind', 'in', ['appraisal_round_opened', 'appraisal_reviewed'])
      .execute();
    expect(told.filter((t) => t.kind === 'appraisal_reviewed').map((t) => t.user_id)).toEqual(
      expect.arrayContaining([chiefA.id]),
    );
    expect(told.filter((t) => t.kind === 'appraisal_round_opened').map((t) => t.user_id)).toEqual(
      expect.arrayContaining([chiefA.id, chiefB.id]),
    );
  });

  it('is published by the enterprise level; the ranking is then visible to every mine', async () => {
    expect(await codeOf(service.publishRound(deps, chiefA, roundId))).toBe('FORBIDDEN');
    await service.publishRound(deps, groupChief, roundId);
    const seen = await service.getRound(deps, chiefB, roundId);
    expect(seen.status).toBe('published');
    expect(seen.results.map((r) => [r.unit.name, r.total, r.rank])).toEqual([
      ['甲矿', 31.33, 2],
      ['乙矿', 100, 1],
    ]);
    expect(await codeOf(service.publishRound(deps, groupChief, roundId))).toBe('APPRAISAL_STATE_ILLEGAL');
    expect(await codeOf(service.reviewResult(deps, groupChief, seen.results[0]!.id, { adjustment: 0 }))).toBe(
      'APPRAISAL_STATE_ILLEGAL',
    );
    const history = await service.unitHistory(deps, chiefA, org.units.mineA.id, schemeId);
    expect(history.points).toEqual([{ roundId, period: '2026-Q1', total: 31.33, rank: 2 }]);
    const actions = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'appraisal.%')
      .execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set([
        'appraisal.scheme_create',
        'appraisal.scheme_update',
        'appraisal.round_open',
        'appraisal.self_assess',
        'appraisal.evidence_add',
        'appraisal.review',
        'appraisal.publish',
      ]),
    );
  });

  it('exports the ranking as the sheet offices send up: values and points per indicator, adjustment, reason, total', async () => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    await service.exportRound(deps, groupChief, roundId, out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('考核排名')!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    const header = values(1);
    expect(header.slice(0, 2)).toEqual(['排名', '单位']);
    expect(header.slice(-5)).toEqual(['加减分', '计算得分', '审核调整', '调整理由', '总分']);
    expect(header).toContain('按期受理告知率（实际值）');
    expect(header).toContain('按期受理告知率（得分）');
    // By rank: 乙矿 first; 甲矿 with its adjustment and the reason.
    expect([values(2)[0], values(2)[1], values(2).at(-1)]).toEqual([1, '乙矿', 100]);
    expect([values(3)[0], values(3)[1], ...values(3).slice(-3)]).toEqual([
      2,
      '甲矿',
      3,
      '越级访已妥善化解，酌情加分',
      31.33,
    ]);
    expect(sheet.rowCount).toBe(3);
  });
});

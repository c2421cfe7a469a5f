/**
 * 日报告/零报告 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): filing with a
 * report key (a resubmission is the same report, a second different one refused), late and closed
 * days, who files, who sees a person in difficulty, the morning view by mine, an item that becomes a
 * petition, the chase at the cut-off and after the grace, and the figures counted by hand.
 *
 * The test organisation (createOrg): mines A and B, team A1 with crew A1 under mine A, team B1 under
 * mine B, and the group's 人力资源部 (a department, not a reporting unit by default). The clock starts
 * on Monday 2026-03-02 09:00 local; the cut-off is 17:00 local (09:00Z).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { DailyReportInputSchema, type DailyReportInput } from '../../../common/schemas/daily-report.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { DomainError } from '../../../common/errors.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { getPetition, type PetitionDeps } from '../petition/index.ts';
import { updateSetting } from '../setting/index.ts';
import { chaseDailyReports } from './report-chase.ts';
import { figureSources } from './report-figures.ts';
import {
  getDailyReport,
  itemToHazard,
  itemToPetition,
  morningView,
  submitDailyReport,
  todayOfUnit,
} from './report.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld(
  {
    people: [
      ['officer', 'mineB'],
      ['unit_head', 'teamB1'],
    ],
  },
  (world) => ({ ctx, org, deps } = world),
);

const MONDAY = '2026-03-02';
const TUESDAY = '2026-03-03';
/** Local time on a day, as an instant (UTC+8). */
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

function report(overrides: Partial<DailyReportInput> = {}) {
  return DailyReportInputSchema.parse({ reportKey: randomUUID(), reportDate: MONDAY, nil: true, ...overrides });
}

const items = (...kinds: ('concern' | 'dispute' | 'hazard' | 'difficulty')[]) =>
  kinds.map((kind, i) => ({ kind, text: `第${i + 1}项：${kind} 的情况说明`, headcount: i + 2 }));

async function issueOf(promise: Promise<unknown>): Promise<{ code: string; field: unknown }> {
  try {
    await promise;
    return { code: 'OK', field: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const details = error.details as { issues?: { path: unknown[] }[] } | undefined;
    return { code: error.code, field: details?.issues?.[0]?.path[0] ?? null };
  }
}

async function rows() {
  return ctx.deps.db.selectFrom('daily_report').selectAll().orderBy('submitted_at').execute();
}

const u = (key: string): Actor => org.users[key]!;

describe('submitDailyReport', () => {
  it('files a nil report on time, audited without any text', async () => {
    const head = u('unit_head@crewA1');
    const filed = await submitDailyReport(deps, head, report());
    expect(filed).toMatchObject({ unitId: org.units.crewA1.id, reportDate: MONDAY, nil: true, late: false, items: [] });
    expect(await rows()).toHaveLength(1);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_type', '=', 'daily_report')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['daily_report.submit']);
  });

  it('returns the same report for the same key (200, one row), and refuses a different second report naming reportDate', async () => {
    const head = u('unit_head@crewA1');
    const first = report();
    const filed = await submitDailyReport(deps, head, first);
    ctx.clock.advance(60_000);
    const again = await submitDailyReport(deps, head, first);
    expect(again.id).toBe(filed.id);
    expect(again.submittedAt).toBe(filed.submittedAt);
    expect(await issueOf(submitDailyReport(deps, head, report({ nil: false, items: items('concern') })))).toEqual({
      code: 'DAILY_REPORT_ALREADY_SUBMITTED',
      field: 'reportDate',
    });
    // The office staff of the same unit file for the same unit: also refused.
    expect(await rows()).toHaveLength(1);
    expect(await issueOf(submitDailyReport(deps, head, { ...first, reportDate: TUESDAY }))).toEqual({
      code: 'DAILY_REPORT_KEY_REUSED',
      field: 'reportKey',
    });
    expect(await issueOf(submitDailyReport(deps, u('unit_head@teamA1'), first))).toEqual({
      code: 'DAILY_REPORT_KEY_REUSED',
      field: 'reportKey',
    });
    expect(await rows()).toHaveLength(1);
  });

  it('takes a report after the cut-off as late until the next working day’s cut-off, then refuses it (closed)', async () => {
    ctx.clock.set(at(MONDAY, '17:00'));
    const late = await submitDailyReport(deps, u('unit_head@crewA1'), report());
    expect(late.late).toBe(true);
    // Friday's report is still open on Monday before 17:00 (the weekend is not counted) …
    ctx.clock.set(at('2026-03-09', '16:59'));
    expect((await submitDailyReport(deps, u('unit_head@teamA1'), report({ reportDate: '2026-03-06' }))).late).toBe(
      true,
    );
    // … and closed at 17:00.
    ctx.clock.set(at(TUESDAY, '17:00'));
    expect(await issueOf(submitDailyReport(deps, u('unit_head@teamA1'), report()))).toEqual({
      code: 'DAILY_REPORT_DAY_CLOSED',
      field: 'reportDate',
    });
    expect(await rows()).toHaveLength(2);
  });

  it.each([
    ['a Saturday', '2026-03-07'],
    ['a day not begun', TUESDAY],
  ])('refuses %s naming reportDate, nothing written', async (_, date) => {
    expect(await issueOf(submitDailyReport(deps, u('unit_head@crewA1'), report({ reportDate: date })))).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'reportDate',
    });
    expect(await rows()).toHaveLength(0);
  });

  it.each([
    ['the mine chief (not its office staff)', 'chief@mineA', 'FORBIDDEN'],
    ['a handler', 'handler@teamA1', 'FORBIDDEN'],
    ['the auditor', 'auditor@root', 'FORBIDDEN'],
    ['the mine office', 'officer@mineA', 'OK'],
    ['the group office (the group itself does not report by default)', 'officer@root', 'FORBIDDEN'],
  ])('%s (%s) → %s', async (_, key, code) => {
    expect(await codeOf(submitDailyReport(deps, u(key), report()))).toBe(code);
  });

  it('refuses a unit whose kind the enterprise took off the reporting list', async () => {
    await updateSetting(deps, org.admin, 'report.unitKinds', { unitId: org.units.root.id, value: ['mine'] });
    expect(await codeOf(submitDailyReport(deps, u('unit_head@crewA1'), report()))).toBe('FORBIDDEN');
    expect((await todayOfUnit(deps, u('unit_head@crewA1'))).reportingUnit).toBe(false);
  });

  it('shows the phone form its day, its cut-off and what was sent; nothing is due on a day off', async () => {
    const head = u('unit_head@crewA1');
    expect(await todayOfUnit(deps, head)).toMatchObject({
      reportingUnit: true,
      reportDate: MONDAY,
      cutoff: '17:00',
      cutoffAt: '2026-03-02T09:00:00.000Z',
      report: null,
    });
    const filed = await submitDailyReport(deps, head, report());
    expect((await todayOfUnit(deps, head)).report?.id).toBe(filed.id);
    ctx.clock.set(at('2026-03-07', '10:00'));
    expect((await todayOfUnit(deps, head)).reportDate).toBeNull();
  });
});

describe('people in difficulty (帮扶救助): seen only by the unit and the office handling them', () => {
  it.each([
    ['the crew head who filed it', 'unit_head@crewA1', 'text'],
    ['the mine office (handles the help)', 'officer@mineA', 'text'],
    ['the mine chief (the mine office)', 'chief@mineA', 'text'],
    ['the group office', 'officer@root', 'hidden'],
    ['the group chief', 'chief@root', 'hidden'],
    ['the auditor', 'auditor@root', 'hidden'],
    ['the team head above the crew', 'unit_head@teamA1', 'no report'],
    ['the other mine’s office', 'officer@mineB', 'no report'],
  ])('%s: %s', async (_, key, expected) => {
    const filed = await submitDailyReport(
      deps,
      u('unit_head@crewA1'),
      report({ nil: false, items: items('concern', 'difficulty') }),
    );
    const seen = await getDailyReport(deps, u(key), filed.id).catch((e: unknown) => e);
    if (expected === 'no report') {
      expect(seen).toBeInstanceOf(DomainError);
      return;
    }
    const view = seen as Awaited<ReturnType<typeof getDailyReport>>;
    expect(view.items[0]?.text).toContain('concern');
    const difficulty = view.items[1]!;
    expect(difficulty.kind).toBe('difficulty');
    expect(difficulty.text === null ? 'hidden' : 'text').toBe(expected);
    expect(difficulty.restricted).toBe(expected === 'hidden');
    if (expected === 'hidden') {
      expect(difficulty.actions).toEqual([]);
      expect(await codeOf(itemToPetition(deps, u(key), difficulty.id, { petition: petitionInput() }))).toBe(
        'NOT_FOUND',
      );
    }
  });

  it('the morning view of the group hides the text; the mine’s shows it', async () => {
    await submitDailyReport(deps, u('unit_head@crewA1'), report({ nil: false, items: items('difficulty') }));
    ctx.clock.set(at(TUESDAY, '08:00'));
    const group = await morningView(deps, u('chief@root'), {});
    expect(group.items.map((i) => [i.kind, i.text])).toEqual([['difficulty', null]]);
    const mine = await morningView(deps, u('officer@mineA'), {});
    expect(mine.items[0]?.text).toContain('difficulty');
  });
});

function petitionInput() {
  return RegisterPetitionInputSchema.parse({
    channel: 'screening',
    type: 'appeal',
    purpose: 'request',
    title: '班组反映夜班补贴未发放',
    body: '日报告反映：班组职工称三月份夜班补贴至今未发放，请求核实。',
    petitioners: [{ name: '赵师傅', identity: 'employee' }],
    headcount: 3,
  });
}

describe('itemToPetition', () => {
  it('registers the item at the reporting unit, links it both ways, once', async () => {
    const head = u('unit_head@teamA1');
    const filed = await submitDailyReport(deps, head, report({ nil: false, items: items('concern', 'hazard') }));
    const concern = filed.items[0]!;
    expect(concern.actions).toEqual(['petition']);
    ctx.clock.advance(3_600_000);
    const officer = u('officer@mineA');
    const { item, receipt } = await itemToPetition(deps, officer, concern.id, { petition: petitionInput() });
    expect(item.petition).toEqual({ id: receipt.petitionId, caseNumber: receipt.caseNumber });
    expect(item.actions).toEqual([]);
    expect(receipt.receivedAt).toBe(filed.submittedAt);
    const view = await getPetition(deps, officer, receipt.petitionId);
    expect(view.events.map((e) => e.kind)).toEqual(['register', 'fromDailyReport']);
    const petitionRow = await ctx.deps.db
      .selectFrom('petition')
      .select('registered_unit_id')
      .where('id', '=', receipt.petitionId)
      .executeTakeFirstOrThrow();
    expect(petitionRow.registered_unit_id).toBe(org.units.teamA1.id);
    expect((await getDailyReport(deps, head, filed.id)).items[0]?.petition?.id).toBe(receipt.petitionId);
    expect(await codeOf(itemToPetition(deps, officer, concern.id, { petition: petitionInput() }))).toBe(
      'DAILY_REPORT_ITEM_ALREADY_LINKED',
    );
    // The hazard item keeps its kind and an empty link, ready for the hazard ledger.
    expect(filed.items[1]).toMatchObject({ kind: 'hazard', hazardId: null });
    // Another mine's office cannot reach the item.
    expect(
      await codeOf(itemToPetition(deps, u('officer@mineB'), filed.items[1]!.id, { petition: petitionInput() })),
    ).toBe('NOT_FOUND');
  });

  it('turns a hazard item into a hazard of the ledger at the reporting unit, linked, once; bad data named', async () => {
    const head = u('unit_head@teamA1');
    const filed = await submitDailyReport(deps, head, report({ nil: false, items: items('hazard') }));
    const item = filed.items[0]!;
    const officer = u('officer@mineA');
    const hazard = {
      title: '综采一队工资分配有争议',
      location: '综采一队',
      workersInvolved: 12,
      riskLevel: 'medium' as const,
      measures: [{ text: '召开班组会解释分配办法', dueDate: '2026-03-20' }],
    };
    const bad = await codeOf(
      itemToHazard(deps, officer, item.id, {
        hazard: { ...hazard, measures: [{ text: '补发', dueDate: '2020-01-01' }] },
      }),
    );
    expect(bad).toBe('VALIDATION_FAILED');
    expect(await ctx.deps.db.selectFrom('hazard').select('id').execute()).toEqual([]);
    const { item: linked, hazardId } = await itemToHazard(deps, officer, item.id, { hazard });
    expect(linked.hazardId).toBe(hazardId);
    const row = await ctx.deps.db
      .selectFrom('hazard')
      .select(['unit_id', 'title'])
      .where('id', '=', hazardId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ unit_id: org.units.teamA1.id, title: hazard.title });
    expect(await codeOf(itemToHazard(deps, officer, item.id, { hazard }))).toBe('DAILY_REPORT_ITEM_ALREADY_LINKED');
    expect(await codeOf(itemToHazard(deps, u('officer@mineB'), item.id, { hazard }))).toBe('NOT_FOUND');
  });
});

describe('morningView (晨报)', () => {
  /** Monday: crew A1 nil on time, team A1 late with two items, mine B's office nil on time; mine A and team B1 silent. */
  async function monday() {
    await submitDailyReport(deps, u('unit_head@crewA1'), report());
    await submitDailyReport(deps, u('officer@mineB'), report());
    ctx.clock.set(at(MONDAY, '18:30'));
    await submitDailyReport(deps, u('unit_head@teamA1'), report({ nil: false, items: items('concern', 'dispute') }));
  }

  it('counts the last working day by mine, the silent ones missing; the items listed', async () => {
    await monday();
    ctx.clock.set(at(TUESDAY, '08:00'));
    const view = await morningView(deps, u('chief@root'), {});
    expect(view).toMatchObject({ date: MONDAY, closed: false, workingDay: true });
    expect(view.totals).toEqual({ due: 5, onTime: 2, late: 1, nil: 2, missing: 2, pending: 0, items: 2 });
    const byMine = Object.fromEntries(view.groups.map((g) => [g.unitName, g]));
    expect(byMine['甲矿']).toMatchObject({ due: 3, onTime: 1, late: 1, nil: 1, missing: 1, items: 2 });
    expect(byMine['乙矿']).toMatchObject({ due: 2, onTime: 1, late: 0, nil: 1, missing: 1, items: 0 });
    expect(view.units).toEqual([]);
    expect(view.items.map((i) => [i.kind, i.unitName])).toEqual([
      ['concern', '甲矿 综采一队'],
      ['dispute', '甲矿 综采一队'],
    ]);
  });

  it('drills down to a mine, unit by unit; is closed once Tuesday’s cut-off passed', async () => {
    await monday();
    ctx.clock.set(at(TUESDAY, '17:00'));
    const view = await morningView(deps, u('chief@root'), { date: MONDAY, unitId: org.units.mineA.id });
    expect(view.closed).toBe(true);
    expect(view.units.map((x) => [x.unitName, x.status, x.nil, x.itemCount])).toEqual(
      expect.arrayContaining([
        ['甲矿', 'missing', false, 0],
        ['甲矿 综采一队', 'late', false, 2],
        ['甲矿 综采一队 甲班', 'on_time', true, 0],
      ]),
    );
    expect(view.units).toHaveLength(3);
  });

  it('shows pending before the cut-off, nothing due on a day off; refuses those without the overview', async () => {
    const today = await morningView(deps, u('officer@mineA'), { date: MONDAY });
    expect(today.totals).toMatchObject({ due: 3, pending: 3, missing: 0 });
    expect((await morningView(deps, u('officer@mineA'), { date: '2026-03-07' })).totals.due).toBe(0);
    expect(await codeOf(morningView(deps, u('unit_head@teamA1'), {}))).toBe('FORBIDDEN');
    expect(await codeOf(morningView(deps, u('officer@mineA'), { unitId: org.units.mineB.id }))).toBe('FORBIDDEN');
  });
});

describe('chaseDailyReports', () => {
  async function told(kind: string) {
    return ctx.deps.db
      .selectFrom('notification')
      .select(['user_id', 'data_json'])
      .where('kind', '=', kind)
      .orderBy('user_id')
      .execute();
  }

  it('tells nobody before the cut-off; at it, the heads of each silent unit, once; after the grace, the office above', async () => {
    await submitDailyReport(deps, u('unit_head@crewA1'), report());
    ctx.clock.set(at(MONDAY, '16:59'));
    // Friday's chase (the day before) may run, but the test organisation did not exist then.
    expect((await chaseDailyReports(deps)).missing).toBe(0);
    expect(await told('daily_report_missing')).toEqual([]);

    ctx.clock.set(at(MONDAY, '17:00'));
    const first = await chaseDailyReports(deps);
    expect(first).toMatchObject({ days: [MONDAY], missing: 4, escalated: 0 });
    const heads = (await told('daily_report_missing')).map((r) => r.user_id).sort();
    // Team A1 and team B1: their heads; mines A and B: their office staff.
    expect(heads).toEqual(
      [u('unit_head@teamA1'), u('unit_head@teamB1'), u('officer@mineA'), u('officer@mineB')].map((a) => a.id).sort(),
    );
    expect((await chaseDailyReports(deps)).told).toBe(0);
    expect(await told('daily_report_missing')).toHaveLength(4);

    ctx.clock.set(at(MONDAY, '19:00'));
    const later = await chaseDailyReports(deps);
    expect(later.escalated).toBeGreaterThan(0);
    const escalated = await told('daily_report_escalated');
    // Team A1 → mine A's office; team B1 → mine B's office; mines A and B → the group's office.
    const byUnit = escalated.map((r) => [r.user_id, (JSON.parse(r.data_json) as { unitName: string }).unitName]);
    expect(byUnit).toEqual(
      expect.arrayContaining([
        [u('officer@mineA').id, '甲矿 综采一队'],
        [u('officer@mineB').id, '乙矿 掘进一队'],
        [u('officer@root').id, '甲矿'],
        [u('officer@root').id, '乙矿'],
      ]),
    );
    expect(escalated).toHaveLength(4);
    expect((await chaseDailyReports(deps)).escalated).toBe(0);
    // The crew that reported is told nothing.
    expect((await told('daily_report_missing')).map((r) => r.user_id)).not.toContain(u('unit_head@crewA1').id);
  });
});

describe('figureSources', () => {
  it('counts on time, missing and items by hand over two days', async () => {
    // Monday: crew A1 on time (nil), team A1 late with 2 items, mine B on time (nil); Tuesday: crew A1 on time with 1 item.
    await submitDailyReport(deps, u('unit_head@crewA1'), report());
    await submitDailyReport(deps, u('officer@mineB'), report());
    ctx.clock.set(at(MONDAY, '18:30'));
    await submitDailyReport(deps, u('unit_head@teamA1'), report({ nil: false, items: items('concern', 'dispute') }));
    ctx.clock.set(at(TUESDAY, '10:00'));
    await submitDailyReport(
      deps,
      u('unit_head@crewA1'),
      report({ reportDate: TUESDAY, nil: false, items: items('hazard') }),
    );
    ctx.clock.set(at('2026-03-04', '08:00')); // Wednesday morning: Monday and Tuesday are due, Wednesday not yet
    const units = [org.units.root, org.units.mineA, org.units.mineB, org.units.crewA1];
    const period = { from: MONDAY, to: '2026-03-06' };
    const value = async (key: string) => {
      const source = figureSources.find((s) => s.key === key)!;
      const map = await source.compute(ctx.deps, units, period);
      return units.map((x) => map.get(x.id));
    };
    // Due: 5 reporting units × 2 days = 10 (mine A 3 × 2 = 6, mine B 2 × 2 = 4, crew A1 2).
    expect(await value('report.onTime')).toEqual([
      { value: 3, of: 10 },
      { value: 2, of: 6 },
      { value: 1, of: 4 },
      { value: 2, of: 2 },
    ]);
    // Missing: 10 − 4 reports = 6; mine A 6 − 3 = 3; mine B 4 − 1 = 3; crew A1 0.
    expect((await value('report.missing')).map((v) => v?.value)).toEqual([6, 3, 3, 0]);
    expect((await value('report.itemsRaised')).map((v) => v?.value)).toEqual([3, 3, 0, 1]);
  });
});

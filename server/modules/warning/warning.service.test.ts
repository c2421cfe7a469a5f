import { describe, expect, it } from 'vitest';
import { registerPetition } from '../intake/index.ts';
import type { Actor } from '../../../common/domain/access.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { codeOf } from '../../test/outcome.ts';
import { addPerson, type Org, type TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import * as petitions from '../petition/index.ts';
import { addSensitivePeriod, saveRiskPolicy } from './sensitive-period.service.ts';
import { scanWarnings } from './warning-scan.service.ts';
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import { startOfLocalDay } from './warning-signals.ts';
import { categorisedCountsBetween, categorisedSince } from './warning.repository.ts';
import {
  acknowledgeWarning,
  analyseWarning,
  closeWarning,
  getWarning,
  listWarnings,
  type WarningDeps,
} from './warning.service.ts';

let ctx: TestContext;
let org: Org;
let deps: WarningDeps;
serviceWorld({ taxonomy: true }, (world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;
let serial = 0;

function petition(overrides: Partial<RegisterPetitionInput> = {}) {
  serial += 1;
  return RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    categoryCode: '0103',
    title: `拖欠工资 ${serial}`,
    body: '综采队工资拖欠，请求尽快发放。',
    petitioners: [
      { name: `职工${serial}`, phone: `139${String(10_000_000 + serial).slice(0, 8)}`, identity: 'employee' },
    ],
    ...overrides,
  });
}

/** `n` wage petitions at mine A, received `daysAgo` days before the test clock. */
async function wages(n: number, daysAgo: number, by: Actor = org.users['officer@mineA']!) {
  const receivedAt = new Date(ctx.clock.now().getTime() - daysAgo * DAY).toISOString();
  for (let i = 0; i < n; i++) await registerPetition(deps, by, petition({ receivedAt }));
}

/** Eight ordinary weeks: about two wage petitions a week. */
async function usualHistory() {
  const perWeek = [2, 1, 3, 2, 2, 1, 2, 3];
  for (const [week, n] of perWeek.entries()) await wages(n, 7 * (week + 1) + 2);
}

describe('signals on constructed histories', () => {
  it('a wage-day surge at a mine fires a spike warning with its reasons and cases', async () => {
    await usualHistory();
    await wages(9, 1);
    const result = await scanWarnings(deps);
    expect(result.raised).toBeGreaterThanOrEqual(1);
    const { items } = await listWarnings(deps, org.users['officer@mineA']!, {});
    const spike = items.find((w) => w.kind === 'spike');
    expect(spike).toMatchObject({ level: 'orange', title: '甲矿 工资薪酬', petitionCount: 9, unitName: '甲矿' });
    expect(spike?.reasons[0]).toMatchObject({
      code: 'spike',
      detail: { observed: 9, expected: 2, category: '工资薪酬' },
    });
    // A second scan raises nothing new.
    expect((await scanWarnings(deps)).raised).toBe(0);
  });

  it('counts a day of categorised petitions in SQL exactly as the petitions read one by one', async () => {
    const mineB = await addPerson(deps, org, 'officer', 'mineB');
    await wages(3, 9);
    await wages(2, 9, mineB);
    for (let i = 0; i < 2; i++)
      await registerPetition(
        deps,
        mineB,
        petition({ categoryCode: '0201', receivedAt: new Date(ctx.clock.now().getTime() - 9 * DAY).toISOString() }),
      );
    await registerPetition(deps, mineB, petition({ categoryCode: undefined }));
    await wages(1, 10);
    const day = localDateOf(new Date(ctx.clock.now().getTime() - 9 * DAY).toISOString());
    const from = startOfLocalDay(day);
    const to = startOfLocalDay(addCalendarDays(day, 1));
    const rows = await categorisedSince(deps.db, from, to);
    const byRow = new Map<string, number>();
    for (const r of rows) {
      const key = `${r.path}|${r.handling_path}|${(r.category_code ?? '').slice(0, 2)}`;
      byRow.set(key, (byRow.get(key) ?? 0) + 1);
    }
    const counted = await categorisedCountsBetween(deps.db, from, to);
    expect(new Map(counted.map((c) => [`${c.path}|${c.handling_path}|${c.category}`, c.n]))).toEqual(byRow);
    expect(counted.reduce((sum, c) => sum + c.n, 0)).toBe(7);
  });

  it('a normal week does not fire', async () => {
    await usualHistory();
    await wages(3, 1);
    await scanWarnings(deps);
    const { items } = await listWarnings(deps, org.users['officer@root']!, {});
    expect(items.filter((w) => w.kind === 'spike')).toEqual([]);
  });

  it('a sensitive period makes the same week fire', async () => {
    await usualHistory();
    await wages(5, 1);
    await scanWarnings(deps);
    expect((await listWarnings(deps, org.users['officer@root']!, {})).items.filter((w) => w.kind === 'spike')).toEqual(
      [],
    );
    await addSensitivePeriod(deps, org.admin, {
      name: '春节',
      kind: 'holiday',
      startDate: '2026-02-25',
      endDate: '2026-03-05',
    });
    await scanWarnings(deps);
    expect(
      (await listWarnings(deps, org.users['officer@root']!, {})).items
        .filter((w) => w.kind === 'spike')
        .map((w) => w.level),
    ).toEqual(['blue']);
  });

  it('flags a person petitioning again and again, and a cadre named in many petitions', async () => {
    const officer = org.users['officer@mineA']!;
    const same = { name: '赵大成', phone: '13700001111', identity: 'employee' as const };
    for (let i = 0; i < 3; i++) {
      await registerPetition(
        deps,
        officer,
        petition({
          petitioners: [same],
          namedPersons: [{ name: '钱队长', userId: org.users['unit_head@teamA1']!.id }],
        }),
      );
    }
    await scanWarnings(deps);
    const { items } = await listWarnings(deps, org.users['officer@root']!, {});
    expect(items.find((w) => w.kind === 'repeat_person')).toMatchObject({
      level: 'yellow',
      title: '赵大成',
      petitionCount: 3,
    });
    expect(items.find((w) => w.kind === 'named_cadre')).toMatchObject({
      level: 'yellow',
      title: '钱队长',
      petitionCount: 3,
    });
  });
});

describe('the risk of a case', () => {
  it('is kept with every event, explained, and raised as a warning at orange', async () => {
    const officer = org.users['officer@root']!;
    const { petition: view } = await registerPetition(
      deps,
      officer,
      petition({
        headcount: 30,
        body: '三个月没发工资，大家商量集体上访，不解决就堵门讨说法。',
        petitioners: [1, 2, 3].map((i) => ({ name: `代表${i}`, identity: 'employee', isRepresentative: true })),
      }),
    );
    expect(view.risk.reasons.map((r) => r.code)).toEqual([
      'group',
      'representatives',
      'threat_words',
      'category_weight',
    ]);
    expect(view.risk.level).toBe('orange');
    await scanWarnings(deps);
    const warning = (await listWarnings(deps, officer, {})).items.find((w) => w.kind === 'petition_risk');
    expect(warning).toMatchObject({ level: 'orange', petitionCount: 1 });
    expect(warning?.reasons.map((r) => r.code)).toContain('risk.threat_words');
    // The enterprise edits the policy: without the threat words the case falls to yellow with the next event.
    await saveRiskPolicy(deps, org.admin, {
      threatTerms: ['进京'],
      categoryWeights: { '01': 10 },
      thresholds: { blue: 15, yellow: 30, orange: 50, red: 70 },
      sensitiveTightening: 10,
    });
    const triaged = await petitions.triagePetition(deps, officer, view.id, {});
    expect(triaged.risk.level).toBe('yellow');
  });

  it('grows when time makes the case overdue (the scan refreshes it)', async () => {
    const officer = org.users['officer@root']!;
    const { petition: view } = await registerPetition(deps, officer, petition({ categoryCode: '1201' }));
    expect(view.risk.reasons).toEqual([]);
    ctx.clock.advance(16 * DAY);
    await scanWarnings(deps);
    const after = await petitions.getPetition(deps, officer, view.id);
    expect(after.risk.reasons.map((r) => r.code)).toEqual(['overdue']);
  });
});

describe('analysis and escalation', () => {
  async function spikeWarning(): Promise<string> {
    await usualHistory();
    await wages(9, 1);
    await scanWarnings(deps);
    const id = (await listWarnings(deps, org.users['officer@mineA']!, {})).items.find((w) => w.kind === 'spike')?.id;
    if (id === undefined) throw new Error('no spike');
    return id;
  }

  it('escalates an unanalysed warning to the level above and a colour up after 24 hours', async () => {
    const id = await spikeWarning();
    ctx.clock.advance(25 * 3_600_000);
    const result = await scanWarnings(deps);
    expect(result.escalated).toBe(1);
    const escalated = await getWarning(deps, org.users['chief@root']!, id);
    expect(escalated).toMatchObject({ level: 'red', unitName: '测试能源集团', escalationLevel: 1 });
    // Now the mine's office no longer holds it: it sits with the group.
    expect(await codeOf(getWarning(deps, org.users['officer@mineA']!, id))).toBe('NOT_FOUND');
    const notified = await ctx.deps.db
      .selectFrom('notification')
      .select('user_id')
      .where('kind', '=', 'warning_escalated')
      .execute();
    expect(notified.map((n) => n.user_id)).toContain(org.users['chief@root']!.id);
  });

  it('records the analysis (研判), which stops escalation; then closes', async () => {
    const id = await spikeWarning();
    const officer = org.users['officer@mineA']!;
    expect((await acknowledgeWarning(deps, officer, id)).status).toBe('acknowledged');
    const bad = await analyseWarning(deps, officer, id, {
      judgement: '发薪日前集中反映',
      measures: '约谈',
      responsible: '人力资源科',
      dueDate: '2026-01-01',
    }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['dueDate'] }] } });
    const analysed = await analyseWarning(deps, officer, id, {
      judgement: '发薪日前集中反映欠薪，属同一原因',
      measures: '财务科三日内补发，队长逐一回访',
      responsible: '甲矿人力资源科 王科长',
      dueDate: '2026-03-05',
    });
    expect(analysed).toMatchObject({
      status: 'analysed',
      analyses: [{ responsible: '甲矿人力资源科 王科长' }],
      actions: ['analyse', 'close'],
    });
    ctx.clock.advance(30 * 3_600_000);
    expect((await scanWarnings(deps)).escalated).toBe(0);
    expect((await closeWarning(deps, officer, id, '已补发')).status).toBe('closed');
    expect(await codeOf(closeWarning(deps, officer, id))).toBe('WARNING_STATE_ILLEGAL');
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });
});

describe('who sees warnings', () => {
  it('follows the unit scope, hides a warning from a cadre named in its cases, and lets auditors read only', async () => {
    const officer = org.users['officer@mineA']!;
    for (let i = 0; i < 3; i++)
      await registerPetition(
        deps,
        officer,
        petition({ namedPersons: [{ name: '钱队长', userId: org.users['unit_head@teamA1']!.id }] }),
      );
    await scanWarnings(deps);
    const id = (await listWarnings(deps, officer, {})).items.find((w) => w.kind === 'named_cadre')?.id ?? '';
    const cases: [string, 'act' | 'read' | 'none'][] = [
      ['officer@mineA', 'act'],
      ['chief@mineA', 'act'],
      ['officer@root', 'act'],
      ['chief@root', 'act'],
      ['auditor@root', 'read'],
      ['handler@teamA1', 'none'],
      ['unit_head@teamA1', 'none'], // the cadre named
      ['admin@root', 'none'],
    ];
    for (const [key, expected] of cases) {
      const actor = org.users[key]!;
      const listed = (await listWarnings(deps, actor, {})).items.some((w) => w.id === id);
      expect(listed, key).toBe(expected !== 'none');
      if (expected === 'none') {
        expect(await codeOf(getWarning(deps, actor, id)), key).toBe('NOT_FOUND');
      } else {
        expect((await getWarning(deps, actor, id)).actions.length > 0, key).toBe(expected === 'act');
      }
    }
    expect(await codeOf(acknowledgeWarning(deps, org.users['auditor@root']!, id))).toBe('FORBIDDEN');
    // Another mine's office does not see mine A's warning.
    await registerPetition(deps, org.users['officer@root']!, petition());
    expect(
      await codeOf(
        addSensitivePeriod(deps, org.users['officer@root']!, {
          name: 'x',
          kind: 'other',
          startDate: '2026-03-01',
          endDate: '2026-03-02',
        }),
      ),
    ).toBe('FORBIDDEN');
  });
});

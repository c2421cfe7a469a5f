/**
 * 应急处置 on a real database (SQLite, and PostgreSQL with TEST_DATABASE_URL): plans, activation and
 * who may, the timeline with its times, tasks confirmed by their assignee only, stand-down, the
 * figures by hand-counted rows, and every refusal writing nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { PlanInput } from '../../../common/schemas/emergency.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { changedTables, snapshotTables } from '../../test/db-snapshot.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { registerPetition } from '../intake/index.ts';
import { setUserContact } from '../user/user.service.ts';
import { scanWarnings } from '../warning/index.ts';
import { listWarnings } from '../warning/warning.service.ts';
import { createPlan, editPlan, listPlans } from './emergency-plan.service.ts';
import { figureSources } from './emergency-figures.ts';
import {
  activatePlan,
  assignTask,
  confirmTask,
  getIncident,
  listIncidents,
  recordEntry,
  standDown,
  type EmergencyDeps,
} from './emergency.service.ts';

let ctx: TestContext;
let org: Org;
let deps: EmergencyDeps;
serviceWorld({ taxonomy: true, people: [['officer', 'mineB']] }, (world) => ({ ctx, org, deps } = world));

const MIN = 60_000;
const u = (key: string): Actor => {
  const actor = org.users[key];
  if (actor === undefined) throw new Error(key);
  return actor;
};
const at = (minutes: number) => new Date(ctx.clock.now().getTime() + minutes * MIN).toISOString();

/** 甲矿's 群体性事件 plan: the mine's chief commands, its deputy and the team head on the spot, the officer liaises. */
function minePlan(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    unitId: org.units.mineA.id,
    title: '甲矿群体性事件应急预案',
    incidentType: 'mass_incident',
    level: 'red',
    roles: [
      { role: 'commander', userIds: [u('chief@mineA').id] },
      { role: 'onsite', userIds: [u('deputy@mineA').id, u('unit_head@teamA1').id] },
      { role: 'liaison', userIds: [u('officer@mineA').id] },
    ],
    steps: ['总指挥赶赴现场', '现场处置组劝导疏散', '联络组通报乡镇政府和派出所'],
    contacts: [{ body: '甲镇人民政府', name: '王镇长', phone: '0351-1234567' }],
    notifyUserIds: [u('chief@root').id],
    ...overrides,
  };
}

async function planAndIncident(drill = false) {
  const plan = await createPlan(deps, u('officer@mineA'), minePlan());
  const { incident, told } = await activatePlan(deps, drill ? u('officer@mineA') : u('chief@mineA'), {
    planId: plan.id,
    source: { kind: 'leader' },
    drill,
  });
  return { plan, incident, told };
}

async function refusedWithoutWriting(call: () => Promise<unknown>): Promise<DomainError> {
  const before = await snapshotTables(ctx.database);
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(changedTables(before, await snapshotTables(ctx.database))).toEqual([]);
  return error as DomainError;
}

function fieldsOf(error: DomainError): string[] {
  const issues = (error.details?.issues ?? []) as { path: (string | number)[] }[];
  return issues.map((i) => i.path.join('.'));
}

async function notificationsOf(kind: string) {
  return ctx.deps.db.selectFrom('notification').select(['user_id', 'data_json']).where('kind', '=', kind).execute();
}

describe('contingency plans (预案)', () => {
  it('the office keeps a plan; an edit is a new version with the old one in the audit', async () => {
    const plan = await createPlan(deps, u('officer@mineA'), minePlan());
    expect(plan).toMatchObject({ version: 1, level: 'red', incidentType: 'mass_incident', canManage: true });
    expect(plan.roles.map((r) => [r.role, r.people.map((p) => p.name)])).toEqual([
      ['commander', ['chief.minea']],
      ['onsite', ['deputy.minea', 'unit-head.teama1']],
      ['liaison', ['officer.minea']],
    ]);
    const edited = await editPlan(deps, u('deputy@mineA'), plan.id, minePlan({ steps: ['总指挥到场', '劝导疏散'] }));
    expect(edited).toMatchObject({ version: 2, steps: ['总指挥到场', '劝导疏散'] });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'before_json'])
      .where('entity_id', '=', plan.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['emergency.plan.create', 'emergency.plan.update']);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ version: 1, steps: minePlan().steps });
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true });
  });

  it.each([
    ['a team head', 'unit_head@teamA1', 'FORBIDDEN'],
    ['a handler', 'handler@teamA1', 'FORBIDDEN'],
    ['the office of another mine', 'officer@mineB', 'FORBIDDEN'],
    ['the group office', 'officer@root', 'OK'],
  ])('%s keeping a plan of the mine: %s', async (_who, key, code) => {
    expect(await codeOf(createPlan(deps, u(key), minePlan()))).toBe(code);
  });

  it('refuses, naming the field, a plan binding a partner or naming no commander', async () => {
    const partner = await refusedWithoutWriting(() =>
      createPlan(deps, u('officer@mineA'), minePlan({ notifyUserIds: [u('partner@deptHr').id] })),
    );
    expect(fieldsOf(partner)).toEqual(['notifyUserIds.0']);
    const noCommander = await refusedWithoutWriting(() =>
      createPlan(deps, u('officer@mineA'), minePlan({ roles: [{ role: 'onsite', userIds: [u('deputy@mineA').id] }] })),
    );
    expect(noCommander.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(noCommander)).toEqual(['roles']);
  });

  it('the plans of a subtree only', async () => {
    await createPlan(deps, u('officer@mineA'), minePlan());
    expect((await listPlans(deps, u('unit_head@teamA1'))).items).toHaveLength(0);
    expect((await listPlans(deps, u('deputy@mineA'))).items).toHaveLength(1);
    expect((await listPlans(deps, u('officer@mineB'))).items).toHaveLength(0);
    expect(await codeOf(listPlans(deps, u('auditor@root')))).toBe('FORBIDDEN');
  });
});

describe('activatePlan', () => {
  it('a leader activates: the incident opens and every person of the plan is told at once, by SMS too', async () => {
    deps = { ...deps, outbound: { sms: true, email: false, webhook: false } };
    await setUserContact(deps, org.admin, u('deputy@mineA').id, { mobile: '13900000001', email: null });
    const { incident, told } = await planAndIncident();
    expect(incident).toMatchObject({ status: 'active', drill: false, level: 'red', commanderName: 'chief.minea' });
    expect(incident.timeline.map((e) => e.kind)).toEqual(['activated']);
    // The chief started it; the other four of the plan are told.
    expect(told).toBe(4);
    const rows = await notificationsOf('emergency_activated');
    expect(rows.map((r) => r.user_id).sort()).toEqual(
      [u('deputy@mineA'), u('unit_head@teamA1'), u('officer@mineA'), u('chief@root')].map((a) => a.id).sort(),
    );
    expect(JSON.parse(rows[0]!.data_json)).toMatchObject({ incidentId: incident.id, drill: false });
    const sms = await ctx.deps.db
      .selectFrom('outbox_message')
      .select(['user_id', 'channel'])
      .where('kind', '=', 'emergency_activated')
      .execute();
    expect(sms).toEqual([{ user_id: u('deputy@mineA').id, channel: 'sms' }]);
  });

  it('refuses a real activation by the office officer, naming the plan, and writes nothing', async () => {
    const plan = await createPlan(deps, u('officer@mineA'), minePlan());
    const error = await refusedWithoutWriting(() =>
      activatePlan(deps, u('officer@mineA'), { planId: plan.id, source: { kind: 'leader' } }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.details).toMatchObject({ field: 'planId' });
  });

  it.each([
    ['the mine chief', 'chief@mineA', false, 'OK'],
    ['the group chief', 'chief@root', false, 'OK'],
    ['a team head', 'unit_head@teamA1', false, 'FORBIDDEN'],
    ['a handler', 'handler@teamA1', true, 'FORBIDDEN'],
    ['the office officer, a drill', 'officer@mineA', true, 'OK'],
    ['another mine’s officer, a drill', 'officer@mineB', true, 'FORBIDDEN'],
  ])('%s (drill %s): %s', async (_who, key, drill, code) => {
    const plan = await createPlan(deps, u('officer@mineA'), minePlan());
    expect(await codeOf(activatePlan(deps, u(key), { planId: plan.id, source: { kind: 'leader' }, drill }))).toBe(code);
  });

  it('a drill is marked as one in the incident and in every notice', async () => {
    const { incident } = await planAndIncident(true);
    expect(incident.drill).toBe(true);
    const rows = await notificationsOf('emergency_activated');
    expect(rows.every((r) => (JSON.parse(r.data_json) as { drill: boolean }).drill)).toBe(true);
  });

  it('from a warning the leader may act on; an unknown warning is not found and nothing is written', async () => {
    const plan = await createPlan(deps, u('officer@mineA'), minePlan());
    // A wage-day surge at mine A raises a real warning through the scan.
    for (const [week, n] of [2, 1, 3, 2, 2, 1, 2, 3].entries()) await wages(n, 7 * (week + 1) + 2);
    await wages(9, 1);
    await scanWarnings(deps);
    const warning = (await listWarnings(deps, u('chief@mineA'), {})).items[0]!;
    const { incident } = await activatePlan(deps, u('chief@mineA'), {
      planId: plan.id,
      source: { kind: 'warning', id: warning.id },
    });
    expect(incident.source).toEqual({ kind: 'warning', id: warning.id });
    const error = await refusedWithoutWriting(() =>
      activatePlan(deps, u('chief@mineA'), { planId: plan.id, source: { kind: 'warning', id: 'NO-SUCH' } }),
    );
    expect(error.code).toBe('NOT_FOUND');
  });

  it('a duty-log source needs the entry it came from', async () => {
    const plan = await createPlan(deps, u('officer@mineA'), minePlan());
    const error = await refusedWithoutWriting(() =>
      activatePlan(deps, u('chief@mineA'), { planId: plan.id, source: { kind: 'duty_log' } }),
    );
    expect(fieldsOf(error)).toEqual(['source.id']);
    const unknown = await refusedWithoutWriting(() =>
      activatePlan(deps, u('chief@mineA'), { planId: plan.id, source: { kind: 'duty_log', id: 'NO-SUCH-ENTRY' } }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
  });
});

let letters = 0;
async function wages(n: number, daysAgo: number) {
  const receivedAt = new Date(ctx.clock.now().getTime() - daysAgo * 86_400_000).toISOString();
  for (let i = 0; i < n; i++) {
    letters += 1;
    await registerPetition(
      deps,
      u('officer@mineA'),
      RegisterPetitionInputSchema.parse({
        channel: 'visit',
        type: 'appeal',
        purpose: 'request',
        categoryCode: '0103',
        title: `拖欠工资 ${letters}`,
        body: '综采队工资拖欠，请求尽快发放。',
        petitioners: [{ name: `职工${letters}`, identity: 'employee' }],
        receivedAt,
      }),
    );
  }
}

describe('the timeline', () => {
  it('grows with each step and its time; the first arrival gives the response time', async () => {
    const { incident } = await planAndIncident();
    ctx.clock.advance(30 * MIN);
    await recordEntry(deps, u('deputy@mineA'), incident.id, {
      kind: 'arrival',
      occurredAt: at(-12),
      text: '副矿长到达矿办公楼前',
    });
    await recordEntry(deps, u('unit_head@teamA1'), incident.id, {
      kind: 'gathered',
      occurredAt: at(-10),
      text: '约三十名村民聚集',
      headcount: 30,
    });
    const view = await recordEntry(deps, u('officer@mineA'), incident.id, {
      kind: 'liaison',
      occurredAt: at(-5),
      text: '通报甲镇政府，派员到场',
      outsideBody: '甲镇人民政府',
    });
    expect(view.timeline.map((e) => [e.kind, e.headcount, e.outsideBody])).toEqual([
      ['activated', null, null],
      ['arrival', null, null],
      ['gathered', 30, null],
      ['liaison', null, '甲镇人民政府'],
    ]);
    expect(view.responseTimes).toEqual({ toFirstArrival: 18, toStandDown: null });
  });

  it.each([
    ['no time', { kind: 'talks', text: '对话' }, 'occurredAt'],
    ['a time an hour ahead', { kind: 'talks', text: '对话', occurredAt: '2026-03-02T02:00:00.000Z' }, 'occurredAt'],
    [
      'two days before activation',
      { kind: 'talks', text: '对话', occurredAt: '2026-02-28T01:00:00.000Z' },
      'occurredAt',
    ],
    [
      'people gathered, no number',
      { kind: 'gathered', text: '聚集', occurredAt: '2026-03-02T01:00:00.000Z' },
      'headcount',
    ],
    ['liaison, no body', { kind: 'liaison', text: '通报', occurredAt: '2026-03-02T01:00:00.000Z' }, 'outsideBody'],
  ])('refuses a step with %s, naming the field, and writes nothing', async (_what, input, field) => {
    const { incident } = await planAndIncident();
    const error = await refusedWithoutWriting(() =>
      recordEntry(deps, u('deputy@mineA'), incident.id, input as Parameters<typeof recordEntry>[3]),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual([field]);
  });

  it('is read by the incident’s people and the office only (no one else learns who was there)', async () => {
    const { incident } = await planAndIncident();
    for (const key of ['deputy@mineA', 'unit_head@teamA1', 'chief@root', 'officer@root'])
      expect(await codeOf(getIncident(deps, u(key), incident.id)), key).toBe('OK');
    for (const key of ['handler@teamA1', 'unit_head@crewA1', 'officer@mineB', 'auditor@root', 'partner@deptHr'])
      expect(await codeOf(getIncident(deps, u(key), incident.id)), key).toBe('NOT_FOUND');
    expect((await listIncidents(deps, u('handler@teamA1'), {})).items).toEqual([]);
    expect((await listIncidents(deps, u('unit_head@teamA1'), {})).items.map((i) => i.id)).toEqual([incident.id]);
    expect((await listIncidents(deps, u('officer@mineB'), {})).items).toEqual([]);
  });
});

describe('tasks', () => {
  it('the commander assigns; the assignee is told, confirms, and the timeline says so', async () => {
    const { incident } = await planAndIncident();
    let view = await assignTask(deps, u('chief@mineA'), incident.id, {
      assigneeId: u('handler@teamA1').id,
      title: '准备饮用水和临时座椅',
    });
    expect(view.unconfirmedTasks).toBe(1);
    const told = await notificationsOf('emergency_task_assigned');
    expect(told.map((r) => r.user_id)).toEqual([u('handler@teamA1').id]);
    // The assignee becomes one of the incident's people.
    view = await confirmTask(deps, u('handler@teamA1'), view.tasks[0]!.id);
    expect(view.unconfirmedTasks).toBe(0);
    expect(view.tasks[0]!.confirmedAt).toBe(ctx.clock.now().toISOString());
    expect(view.timeline.map((e) => e.kind)).toEqual(['activated', 'task_assigned', 'task_confirmed']);
  });

  it('refuses a task confirmed by someone else (naming the assignee) or twice, writing nothing', async () => {
    const { incident } = await planAndIncident();
    const view = await assignTask(deps, u('officer@mineA'), incident.id, {
      assigneeId: u('deputy@mineA').id,
      title: '带队到现场劝导',
    });
    const taskId = view.tasks[0]!.id;
    const other = await refusedWithoutWriting(() => confirmTask(deps, u('chief@mineA'), taskId));
    expect([other.code, other.details]).toEqual(['FORBIDDEN', { field: 'assigneeId' }]);
    await confirmTask(deps, u('deputy@mineA'), taskId);
    const twice = await refusedWithoutWriting(() => confirmTask(deps, u('deputy@mineA'), taskId));
    expect([twice.code, twice.details]).toEqual(['INCIDENT_STATE_ILLEGAL', { field: 'confirmedAt' }]);
  });

  it.each([
    ['a person on the spot who is not the commander', 'unit_head@teamA1', 'handler@teamA1', 'FORBIDDEN'],
    ['the commander, to a partner', 'chief@mineA', 'partner@deptHr', 'ASSIGNEE_INVALID'],
  ])('refuses %s', async (_what, by, to, code) => {
    const { incident } = await planAndIncident();
    const error = await refusedWithoutWriting(() =>
      assignTask(deps, u(by), incident.id, { assigneeId: u(to).id, title: '任务' }),
    );
    expect(error.code).toBe(code);
  });
});

describe('standDown', () => {
  it('the commander stands down: people told, response time kept, nothing recorded afterwards', async () => {
    const { incident } = await planAndIncident();
    ctx.clock.advance(95 * MIN);
    const view = await standDown(deps, u('chief@mineA'), incident.id, { note: '村民散去，镇政府牵头后续评估' });
    expect(view).toMatchObject({ status: 'stood_down', responseTimes: { toStandDown: 95 }, actions: [] });
    expect((await notificationsOf('emergency_stood_down')).map((r) => r.user_id)).toHaveLength(4);

    const again = await refusedWithoutWriting(() => standDown(deps, u('chief@mineA'), incident.id, { note: '再次' }));
    expect([again.code, again.details]).toEqual(['INCIDENT_STATE_ILLEGAL', { field: 'status', status: 'stood_down' }]);
    const late = await refusedWithoutWriting(() =>
      recordEntry(deps, u('deputy@mineA'), incident.id, { kind: 'other', text: '补记', occurredAt: at(0) }),
    );
    expect(late.code).toBe('INCIDENT_STATE_ILLEGAL');
  });

  it.each([
    ['a team head on the spot', 'unit_head@teamA1', false, 'FORBIDDEN'],
    ['the office officer', 'officer@mineA', false, 'FORBIDDEN'],
    ['the office officer, a drill', 'officer@mineA', true, 'OK'],
    ['the mine deputy (a leader)', 'deputy@mineA', false, 'OK'],
  ])('%s (drill %s): %s', async (_who, key, drill, code) => {
    const { incident } = await planAndIncident(drill);
    expect(await codeOf(standDown(deps, u(key), incident.id, { note: '结束' }))).toBe(code);
  });
});

describe('figures', () => {
  it('counts incidents and drills by subtree and the mean minutes to arrival, by hand', async () => {
    const plan = await createPlan(deps, u('officer@mineA'), minePlan());
    const start = async (drill: boolean, arrivalAfter: number | null) => {
      const { incident } = await activatePlan(deps, drill ? u('officer@mineA') : u('chief@mineA'), {
        planId: plan.id,
        source: { kind: 'leader' },
        drill,
      });
      if (arrivalAfter !== null) {
        ctx.clock.advance(arrivalAfter * MIN);
        await recordEntry(deps, u('deputy@mineA'), incident.id, {
          kind: 'arrival',
          occurredAt: at(0),
          text: '到场',
        });
        // A later arrival does not change the first one.
        ctx.clock.advance(10 * MIN);
        await recordEntry(deps, u('unit_head@teamA1'), incident.id, {
          kind: 'arrival',
          occurredAt: at(0),
          text: '到场',
        });
      }
    };
    // 2026-03-02 (local): a real incident reached in 12 minutes, one in 30, one nobody reached yet, a drill in 8.
    await start(false, 12);
    await start(false, 30);
    await start(false, null);
    await start(true, 8);
    // The next month: outside the period.
    ctx.clock.set('2026-04-02T01:00:00.000Z');
    await start(false, 5);

    const units = [org.units.root, org.units.mineA, org.units.mineB].map((x) => ({ id: x.id, path: x.path }));
    const period = { from: '2026-03-01', to: '2026-03-31' };
    const value = async (key: string) => {
      const source = figureSources.find((s) => s.key === key)!;
      const out = await source.compute(ctx.deps, units, period);
      return [org.units.root.id, org.units.mineA.id, org.units.mineB.id].map((id) => out.get(id));
    };
    expect(await value('emergency.incidents')).toEqual([
      { value: 3, of: null },
      { value: 3, of: null },
      { value: 0, of: null },
    ]);
    expect(await value('emergency.drillsHeld')).toEqual([
      { value: 1, of: null },
      { value: 1, of: null },
      { value: 0, of: null },
    ]);
    expect(await value('emergency.responseMinutes')).toEqual([
      { value: 42, of: 2 },
      { value: 42, of: 2 },
      { value: 0, of: 0 },
    ]);
  });
});

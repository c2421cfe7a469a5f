/**
 * 值班带班, 值班日志 and 领导接待日 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL):
 * the roster's rules (no overlap, 24 hours in a sensitive period), who is on duty at an instant,
 * swaps decided by the office and told to both, the log and its handover to the next shift, a call
 * turned into a petition linked both ways, reception days on the portal and on the case, the figures.
 *
 * The clock starts at Monday 2026-03-02 09:00 (UTC+8) = 01:00Z.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import type { ShiftInput } from '../../../common/schemas/duty.ts';
import { DomainError } from '../../../common/errors.ts';
import { serviceWorld, WAGES_VISIT } from '../../test/factories.ts';
import { changedTables, snapshotTables } from '../../test/db-snapshot.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { registerPetition } from '../intake/index.ts';
import { getPetition, type PetitionDeps } from '../petition/index.ts';
import { addSensitivePeriod } from '../warning/sensitive-period.service.ts';
import { figureSources } from './index.ts';
import { addDutyEntry, entryToPetition, getDutyLog, handOver } from './duty-log.service.ts';
import {
  cancelReceptionDay,
  listReceptionDays,
  portalDuty,
  publishReceptionDay,
  receptionOfPetition,
} from './reception.service.ts';
import { decideSwapRequest, getRosterWeek, requestSwap, saveRosterWeek, whoIsOnDuty } from './roster.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const WEEK = '2026-03-02';
const PHONE = '0351-7000110';
const officer = () => org.users['officer@mineA']!;
const chief = () => org.users['chief@mineA']!;
const deputy = () => org.users['deputy@mineA']!;
const mineA = () => org.units.mineA.id;

/** 08:00–20:00 local on `date`. */
function day(date: string, leader: Actor = chief(), on: Actor = officer()): ShiftInput {
  return {
    startAt: `${date}T08:00:00+08:00`,
    endAt: `${date}T20:00:00+08:00`,
    leaderId: leader.id,
    officerId: on.id,
    phone: PHONE,
  };
}
/** 20:00 local on `date` to 08:00 the next day. */
function night(date: string, next: string, leader: Actor = deputy(), on: Actor = officer()): ShiftInput {
  return {
    startAt: `${date}T20:00:00+08:00`,
    endAt: `${next}T08:00:00+08:00`,
    leaderId: leader.id,
    officerId: on.id,
    phone: PHONE,
  };
}
const DATES = [
  '2026-03-02',
  '2026-03-03',
  '2026-03-04',
  '2026-03-05',
  '2026-03-06',
  '2026-03-07',
  '2026-03-08',
  '2026-03-09',
];
/** Day and night shifts all week, Monday 08:00 local to the next Monday 08:00. */
function fullWeek(): ShiftInput[] {
  return DATES.slice(0, 7).flatMap((d, i) => [day(d), night(d, DATES[i + 1]!)]);
}

async function save(shifts: ShiftInput[], by: Actor = officer(), weekStart = WEEK) {
  return saveRosterWeek(deps, by, { unitId: mineA(), weekStart, shifts });
}

async function issues(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, issues: e.details?.['issues'] };
    throw e;
  }
  return 'OK';
}

async function unchanged<T>(run: () => Promise<T>): Promise<T> {
  const before = await snapshotTables(ctx.database);
  const result = await run();
  expect(changedTables(before, await snapshotTables(ctx.database))).toEqual([]);
  return result;
}

async function spring() {
  // 春节-shaped sensitive period: Wednesday and Thursday of the week.
  await addSensitivePeriod(deps, org.admin, {
    name: '两会',
    kind: 'meeting',
    startDate: '2026-03-04',
    endDate: '2026-03-05',
  });
}

describe('saveRosterWeek', () => {
  it('saves a week of day and night shifts, audited once, and shows it', async () => {
    const view = await save(fullWeek());
    expect(view.shifts).toHaveLength(14);
    expect(view.shifts[0]).toMatchObject({
      startAt: '2026-03-02T00:00:00.000Z',
      endAt: '2026-03-02T12:00:00.000Z',
      leader: { id: chief().id },
      officer: { id: officer().id },
      phone: PHONE,
    });
    expect(view.mayManage).toBe(true);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', 'like', 'duty.%')
      .execute();
    expect(audit).toEqual([
      {
        action: 'duty.roster.save',
        after_json: JSON.stringify({ weekStart: WEEK, added: 14, changed: 0, removed: 0 }),
      },
    ]);
  });

  it('refuses two overlapping shifts, naming the later one, and writes nothing', async () => {
    const shifts = [day('2026-03-02'), { ...night('2026-03-02', '2026-03-03'), startAt: '2026-03-02T19:00:00+08:00' }];
    expect(await unchanged(() => issues(save(shifts)))).toEqual({
      code: 'DUTY_SHIFT_OVERLAP',
      issues: [{ path: ['shifts', 1, 'startAt'], message: 'overlaps another shift' }],
    });
  });

  it('refuses a shift overlapping the last shift of the week before', async () => {
    await save([night('2026-03-01', '2026-03-02')], officer(), '2026-02-23');
    expect(await codeOf(save([{ ...day('2026-03-02'), startAt: '2026-03-02T07:00:00+08:00' }]))).toBe(
      'DUTY_SHIFT_OVERLAP',
    );
    expect(await codeOf(save([day('2026-03-02')]))).toBe('OK');
  });

  it('in a sensitive period, refuses a roster with a gap (24-hour duty, 第5条) and accepts it covered', async () => {
    await spring();
    const noThursdayNight = fullWeek().filter((s) => s.startAt !== '2026-03-05T20:00:00+08:00');
    const refused = await unchanged(async () => {
      try {
        await save(noThursdayNight);
      } catch (e) {
        return e as DomainError;
      }
      return null;
    });
    expect(refused?.code).toBe('DUTY_COVERAGE_GAP');
    expect(refused?.details?.['issues']).toEqual([
      { path: ['shifts'], message: 'hours of a sensitive period are not covered' },
    ]);
    // Thursday 20:00 local to the period's end at Thursday 24:00 local.
    expect(refused?.details?.['gaps']).toEqual([
      { startAt: '2026-03-05T12:00:00.000Z', endAt: '2026-03-05T16:00:00.000Z' },
    ]);
    // Outside the period, days alone are fine; inside it, the full roster passes.
    expect(await codeOf(save([day('2026-03-02')]))).toBe('DUTY_COVERAGE_GAP');
    const saved = await save(fullWeek());
    expect(saved.gaps).toEqual([]);
    expect(saved.sensitivePeriods).toEqual([{ name: '两会', startDate: '2026-03-04', endDate: '2026-03-05' }]);
  });

  it.each([
    ['weekStart not a Monday', () => ({ weekStart: '2026-03-03' }), ['weekStart']],
    ['a shift starting outside the week', () => ({ shifts: [day('2026-03-09')] }), ['shifts', 0, 'startAt']],
    [
      'ending before it starts',
      () => ({ shifts: [{ ...day('2026-03-02'), endAt: '2026-03-02T07:00:00+08:00' }] }),
      ['shifts', 0, 'endAt'],
    ],
    [
      'longer than 26 hours',
      () => ({ shifts: [{ ...day('2026-03-02'), endAt: '2026-03-04T08:00:00+08:00' }] }),
      ['shifts', 0, 'endAt'],
    ],
    [
      'an officer as the leader on duty',
      () => ({ shifts: [{ ...day('2026-03-02'), leaderId: officer().id }] }),
      ['shifts', 0, 'leaderId'],
    ],
    [
      'a worker of the other mine as the officer on duty',
      () => ({ shifts: [{ ...day('2026-03-02'), officerId: org.users['officer@root']!.id }] }),
      ['shifts', 0, 'officerId'],
    ],
  ] as const)('refuses %s, naming the field', async (_name, patch, path) => {
    const input = { unitId: mineA(), weekStart: WEEK, shifts: [day('2026-03-02')], ...patch() };
    const outcome = (await unchanged(() => issues(saveRosterWeek(deps, officer(), input)))) as {
      code: string;
      issues: { path: unknown }[];
    };
    expect(outcome.code).toBe('VALIDATION_FAILED');
    expect(outcome.issues[0]?.path).toEqual(path);
  });

  it.each([
    ['the office of the mine', 'officer@mineA', 'OK'],
    ['the group office (subtree)', 'officer@root', 'OK'],
    ['a handler', 'handler@teamA1', 'FORBIDDEN'],
    ['a team head', 'unit_head@teamA1', 'FORBIDDEN'],
    ['the auditor (reads only)', 'auditor@root', 'FORBIDDEN'],
  ])('who keeps the roster: %s → %s', async (_name, key, expected) => {
    expect(await codeOf(save([day('2026-03-02')], org.users[key]))).toBe(expected);
  });

  it('edits and removes shifts of the week; a logged shift keeps its times and stays', async () => {
    const first = await save([day('2026-03-02'), day('2026-03-03')]);
    const [mon, tue] = first.shifts;
    const edited = await save([{ ...day('2026-03-02', deputy()), id: mon!.id }]);
    expect(edited.shifts.map((s) => [s.id, s.leader.id])).toEqual([[mon!.id, deputy().id]]);
    expect(tue).toBeDefined();
    await addDutyEntry(deps, officer(), mon!.id, { kind: 'event', text: '井口交接正常' });
    expect(await codeOf(save([]))).toBe('DUTY_SHIFT_CLOSED');
    expect(
      await codeOf(save([{ ...day('2026-03-02', deputy()), id: mon!.id, endAt: '2026-03-02T21:00:00+08:00' }])),
    ).toBe('DUTY_SHIFT_CLOSED');
  });
});

describe('whoIsOnDuty', () => {
  it('names the shift running at the instant at my unit and above, and the next one', async () => {
    await save(fullWeek());
    // 09:00 local Monday: the day shift.
    let view = await whoIsOnDuty(deps, officer());
    expect(view.items.map((i) => [i.unit.id, i.shift?.startAt, i.next?.startAt])).toEqual([
      [mineA(), '2026-03-02T00:00:00.000Z', '2026-03-02T12:00:00.000Z'],
    ]);
    ctx.clock.set('2026-03-02T12:00:00.000Z'); // 20:00 local: the night shift has started
    view = await whoIsOnDuty(deps, org.users['unit_head@teamA1']!);
    expect(view.items[0]?.shift).toMatchObject({ startAt: '2026-03-02T12:00:00.000Z', leader: { id: deputy().id } });
    expect(await codeOf(whoIsOnDuty(deps, org.users['handler@teamA1']!))).toBe('FORBIDDEN');
  });
});

describe('swaps (换班)', () => {
  it('the leader on duty asks, the office approves: the deputy takes the shift, both told, audited', async () => {
    const roster = await save([day('2026-03-03')]);
    const shift = roster.shifts[0]!;
    expect(
      await codeOf(requestSwap(deps, deputy(), shift.id, { slot: 'leader', colleagueId: deputy().id, reason: '有事' })),
    ).toBe('FORBIDDEN');
    const swap = await requestSwap(deps, chief(), shift.id, {
      slot: 'leader',
      colleagueId: deputy().id,
      reason: '到集团开会',
    });
    expect(swap).toMatchObject({ state: 'pending', actions: [] });
    expect(await codeOf(decideSwapRequest(deps, chief(), swap.id, 'approved', undefined))).toBe('FORBIDDEN');
    expect((await getRosterWeek(deps, officer(), { unitId: mineA(), weekStart: WEEK })).swaps[0]?.actions).toEqual([
      'approve',
      'refuse',
    ]);
    const decided = await decideSwapRequest(deps, officer(), swap.id, 'approved', '同意');
    expect(decided).toMatchObject({ state: 'approved', decisionNote: '同意' });
    const after = await getRosterWeek(deps, officer(), { unitId: mineA(), weekStart: WEEK });
    expect(after.shifts[0]?.leader.id).toBe(deputy().id);
    const told = await ctx.deps.db
      .selectFrom('notification')
      .select(['user_id', 'kind'])
      .where('kind', 'like', 'duty_swap%')
      .execute();
    expect(told.map((t) => t.user_id).sort()).toEqual([chief().id, deputy().id].sort());
    expect(await codeOf(decideSwapRequest(deps, officer(), swap.id, 'refused', undefined))).toBe('DUTY_SWAP_DECIDED');
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'duty_swap')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['duty.swap.request', 'duty.swap.approve']);
  });

  it('a refusal tells the requester only and changes nothing on the shift', async () => {
    const shift = (await save([day('2026-03-03')])).shifts[0]!;
    const swap = await requestSwap(deps, officer(), shift.id, {
      slot: 'officer',
      colleagueId: org.users['unit_head@teamA1']!.id,
      reason: '轮休',
    });
    expect(await codeOf(decideSwapRequest(deps, org.users['handler@teamA1']!, swap.id, 'approved', undefined))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(decideSwapRequest(deps, officer(), swap.id, 'refused', undefined))).toBe('FORBIDDEN');
    await decideSwapRequest(deps, org.users['officer@root']!, swap.id, 'refused', undefined);
    expect((await getRosterWeek(deps, officer(), { unitId: mineA(), weekStart: WEEK })).shifts[0]?.officer.id).toBe(
      officer().id,
    );
    const told = await ctx.deps.db.selectFrom('notification').select(['user_id', 'kind']).execute();
    expect(told).toEqual([{ user_id: officer().id, kind: 'duty_swap_refused' }]);
  });

  it('refuses a colleague who may not stand the place, naming colleagueId', async () => {
    const shift = (await save([day('2026-03-03')])).shifts[0]!;
    expect(
      await issues(requestSwap(deps, chief(), shift.id, { slot: 'leader', colleagueId: officer().id, reason: '有事' })),
    ).toEqual({
      code: 'VALIDATION_FAILED',
      issues: [{ path: ['colleagueId'], message: 'the colleague may not stand this place on the shift' }],
    });
  });
});

describe('the duty log', () => {
  it('logs on the shift now, hands over, and the next shift reads the handover; a closed shift takes nothing more', async () => {
    await save(fullWeek());
    const log = await getDutyLog(deps, officer(), undefined);
    expect(log).toMatchObject({
      shift: { startAt: '2026-03-02T00:00:00.000Z' },
      previousHandover: null,
      entries: [],
      mayLog: true,
    });
    const shiftId = log.shift!.id;
    const logged = await addDutyEntry(deps, officer(), shiftId, {
      kind: 'call',
      occurredAt: '2026-03-02T00:30:00.000Z',
      text: '职工王某来电反映三月工资少发',
    });
    expect(logged.entries).toMatchObject([
      { kind: 'call', text: '职工王某来电反映三月工资少发', petition: null, actions: ['petition'] },
    ]);
    expect(
      await issues(
        addDutyEntry(deps, officer(), shiftId, {
          kind: 'event',
          occurredAt: '2026-03-01T23:00:00.000Z',
          text: '早于本班',
        }),
      ),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: ['occurredAt'] }],
    });
    await handOver(deps, officer(), shiftId, { note: '王某工资问题已转信访，夜班留意回访' });
    expect(await codeOf(handOver(deps, officer(), shiftId, { note: '再交一次' }))).toBe('DUTY_SHIFT_CLOSED');
    expect(await codeOf(addDutyEntry(deps, officer(), shiftId, { kind: 'event', text: '交班后' }))).toBe(
      'DUTY_SHIFT_CLOSED',
    );
    ctx.clock.set('2026-03-02T12:30:00.000Z');
    const next = await getDutyLog(deps, officer(), undefined);
    expect(next.shift?.startAt).toBe('2026-03-02T12:00:00.000Z');
    expect(next.previousHandover).toMatchObject({ note: '王某工资问题已转信访，夜班留意回访' });
    expect(
      await codeOf(
        addDutyEntry(deps, org.users['officer@mineB'] ?? org.users['handler@deptHr']!, next.shift!.id, {
          kind: 'event',
          text: 'x',
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('turns a call into a petition in one step: channel, time and text from the entry, linked both ways', async () => {
    await save(fullWeek());
    const shiftId = (await getDutyLog(deps, officer(), undefined)).shift!.id;
    const log = await addDutyEntry(deps, officer(), shiftId, {
      kind: 'call',
      occurredAt: '2026-03-02T00:30:00.000Z',
      text: '职工王某来电反映三月工资少发两千元',
    });
    const entryId = log.entries[0]!.id;
    const turned = await entryToPetition(deps, officer(), entryId, { title: '三月工资少发', petitionerName: '王某' });
    expect(turned.entry.petition).toEqual(turned.petition);
    expect(turned.entry.actions).toEqual([]);
    const detail = await getPetition(deps, officer(), turned.petition.id);
    expect(detail).toMatchObject({
      channel: 'phone',
      receivedAt: '2026-03-02T00:30:00.000Z',
      body: '职工王某来电反映三月工资少发两千元',
    });
    const events = await ctx.deps.db
      .selectFrom('petition_event')
      .select('kind')
      .where('petition_id', '=', turned.petition.id)
      .execute();
    expect(events.map((e) => e.kind)).toContain('recordDutyEntry');
    expect(await codeOf(entryToPetition(deps, officer(), entryId, { title: '再转一次' }))).toBe(
      'DUTY_ENTRY_ALREADY_LINKED',
    );
    const event = await addDutyEntry(deps, officer(), shiftId, { kind: 'instruction', text: '集团要求加强节前排查' });
    expect(await codeOf(entryToPetition(deps, officer(), event.entries[1]!.id, { title: '指示' }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('reception days (领导接待日)', () => {
  it('publishes a day, shows it on the portal with the duty phone, and links a visit that day to the leader', async () => {
    await save(fullWeek(), officer());
    await publishReceptionDay(deps, officer(), {
      unitId: mineA(),
      leaderId: chief().id,
      date: '2026-03-04',
      startTime: '09:00',
      endTime: '11:30',
      place: '矿信访接待室',
      topic: '工资与社保',
    });
    expect(
      await issues(
        publishReceptionDay(deps, officer(), {
          unitId: mineA(),
          leaderId: officer().id,
          date: '2026-03-04',
          startTime: '09:00',
          endTime: '11:00',
          place: '接待室',
          topic: '工资',
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: ['leaderId'] }] });
    expect(
      await codeOf(
        publishReceptionDay(deps, officer(), {
          unitId: mineA(),
          leaderId: chief().id,
          date: '2026-03-01',
          startTime: '09:00',
          endTime: '11:00',
          place: '接待室',
          topic: '工资',
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    // The group's duty phone: the group keeps no roster yet, so none; the reception day is public.
    expect(await portalDuty(deps)).toEqual({
      dutyPhone: null,
      receptionDays: [
        {
          unitName: '甲矿',
          leaderName: 'chief.minea',
          date: '2026-03-04',
          startTime: '09:00',
          endTime: '11:30',
          place: '矿信访接待室',
          topic: '工资与社保',
        },
      ],
    });
    ctx.clock.set('2026-03-04T02:00:00.000Z'); // 10:00 local on the day
    const visit = await registerPetition(
      deps,
      officer(),
      RegisterPetitionInputSchema.parse({ ...WAGES_VISIT, categoryCode: undefined }),
    );
    expect(await receptionOfPetition(deps, officer(), visit.petition.id)).toMatchObject({
      reception: { leaderName: 'chief.minea', date: '2026-03-04', place: '矿信访接待室' },
    });
    const list = await listReceptionDays(deps, officer(), {});
    expect(list.items.map((i) => [i.date, i.visits])).toEqual([['2026-03-04', 1]]);
    await cancelReceptionDay(deps, officer(), list.items[0]!.id);
    expect((await portalDuty(deps)).receptionDays).toEqual([]);
  });

  it('publishes the duty phone of the group office on the portal while its shift runs', async () => {
    await saveRosterWeek(deps, org.users['officer@root']!, {
      unitId: org.units.root.id,
      weekStart: WEEK,
      shifts: [
        {
          startAt: '2026-03-02T08:00:00+08:00',
          endAt: '2026-03-02T20:00:00+08:00',
          leaderId: org.users['chief@root']!.id,
          officerId: org.users['officer@root']!.id,
          phone: '0351-1234567',
        },
      ],
    });
    expect((await portalDuty(deps)).dutyPhone).toBe('0351-1234567');
    ctx.clock.set('2026-03-02T12:00:00.000Z');
    expect((await portalDuty(deps)).dutyPhone).toBeNull();
  });
});

describe('figures', () => {
  const source = (key: string) => figureSources.find((s) => s.key === key)!;
  const units = () => [
    { id: org.units.root.id, path: org.units.root.path },
    { id: org.units.mineA.id, path: org.units.mineA.path },
    { id: org.units.mineB.id, path: org.units.mineB.path },
  ];

  it('duty.shiftsCovered: sensitive hours covered out of sensitive hours of each rostering unit', async () => {
    // Before the period exists: mine A covers Wednesday fully and Thursday only 08:00–20:00.
    const shifts = fullWeek().filter(
      (s) =>
        s.startAt.startsWith('2026-03-04') ||
        s.startAt === '2026-03-05T08:00:00+08:00' ||
        s.startAt === '2026-03-03T20:00:00+08:00',
    );
    await save(shifts);
    await spring();
    const values = await source('duty.shiftsCovered').compute(deps, units(), { from: '2026-03-01', to: '2026-03-31' });
    // Sensitive: 48 h. Covered: Wed 00:00–24:00 (24 h) + Thu 00:00–08:00 (night of Wed) + 08:00–20:00 = 44 h.
    expect(values.get(mineA())).toEqual({ value: 44, of: 48 });
    expect(values.get(org.units.root.id)).toEqual({ value: 44, of: 48 });
    expect(values.get(org.units.mineB.id)).toEqual({ value: 0, of: 0 });
  });

  it('duty.handoversOnTime: shifts ended by now handed over within the hour, out of those ended', async () => {
    await save([day('2026-03-02'), night('2026-03-02', '2026-03-03'), day('2026-03-03')]);
    const [mon, monNight] = (await getRosterWeek(deps, officer(), { unitId: mineA(), weekStart: WEEK })).shifts;
    ctx.clock.set('2026-03-02T12:30:00.000Z'); // 30 minutes after the day shift ended
    await handOver(deps, officer(), mon!.id, { note: '无异常' });
    ctx.clock.set('2026-03-03T02:00:00.000Z'); // two hours after the night shift ended
    await handOver(deps, officer(), monNight!.id, { note: '夜班无异常' });
    const values = await source('duty.handoversOnTime').compute(deps, units(), {
      from: '2026-03-02',
      to: '2026-03-08',
    });
    // Ended by now: Monday day (on time) and night (late); Tuesday's day shift is still running.
    expect(values.get(mineA())).toEqual({ value: 1, of: 2 });
    expect(values.get(org.units.mineB.id)).toEqual({ value: 0, of: 0 });
  });

  it('duty.receptionDaysHeld: published days dated by today, cancelled ones not', async () => {
    const publish = (date: string) =>
      publishReceptionDay(deps, officer(), {
        unitId: mineA(),
        leaderId: chief().id,
        date,
        startTime: '09:00',
        endTime: '11:00',
        place: '接待室',
        topic: '综合',
      });
    await publish('2026-03-02');
    await publish('2026-03-03');
    const cancelled = await publish('2026-03-04');
    await publish('2026-03-20');
    await cancelReceptionDay(deps, officer(), cancelled.items.find((i) => i.date === '2026-03-04')!.id);
    ctx.clock.set('2026-03-05T02:00:00.000Z');
    const values = await source('duty.receptionDaysHeld').compute(deps, units(), {
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(values.get(mineA())).toEqual({ value: 2, of: null });
    expect(values.get(org.units.root.id)).toEqual({ value: 2, of: null });
    expect(values.get(org.units.mineB.id)).toEqual({ value: 0, of: null });
  });
});

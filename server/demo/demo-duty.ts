/**
 * The demo's duty (值班带班, 值班日志, 领导接待日), made through the duty services as the office would:
 * three weeks of day and night shifts at the group and at 东山煤矿 (last week, this week, next week),
 * a few log entries and handovers on the shifts already over, and the leaders' reception days ahead.
 */
import { addCalendarDays, localDateOf, weekdayOf } from '../../common/domain/calendar.ts';
import type { ShiftInput } from '../../common/schemas/duty.ts';
import { addDutyEntry, handOver } from '../modules/duty/duty-log.service.ts';
import { publishReceptionDay } from '../modules/duty/reception.service.ts';
import { getRosterWeek, saveRosterWeek } from '../modules/duty/roster.service.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';
import { demoActor } from './demo-people.ts';

const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

/** Day 08:00–20:00 and night 20:00–08:00 (UTC+8) for the seven days from `monday`, leaders and officers in turn. */
function week(
  monday: string,
  [lead1, lead2]: readonly [string, string],
  [officer1, officer2]: readonly [string, string],
  phone: string,
  first: boolean,
): ShiftInput[] {
  const shifts: ShiftInput[] = [];
  // The first week opens at Monday 00:00, so the roster has no gap at its start.
  if (first)
    shifts.push({
      startAt: at(monday, '00:00'),
      endAt: at(monday, '08:00'),
      leaderId: lead2,
      officerId: officer2,
      phone,
    });
  for (let i = 0; i < 7; i++) {
    const date = addCalendarDays(monday, i);
    const next = addCalendarDays(monday, i + 1);
    shifts.push(
      {
        startAt: at(date, '08:00'),
        endAt: at(date, '20:00'),
        leaderId: i % 2 === 0 ? lead1 : lead2,
        officerId: officer1,
        phone,
      },
      {
        startAt: at(date, '20:00'),
        endAt: at(next, '08:00'),
        leaderId: i % 2 === 0 ? lead2 : lead1,
        officerId: officer2,
        phone,
      },
    );
  }
  return shifts;
}

export async function seedDemoDuty(deps: PetitionDeps, now: Date): Promise<{ shifts: number; receptionDays: number }> {
  const today = localDateOf(now.toISOString());
  const monday = addCalendarDays(today, 1 - weekdayOf(today));
  const lastWeek = addCalendarDays(monday, -7);
  const weeks = [lastWeek, monday, addCalendarDays(monday, 7)];
  const groupOfficer = await demoActor(deps.db, 'officer');
  const mineOfficer = await demoActor(deps.db, 'dongshan.officer');
  const rosters = [
    {
      by: groupOfficer,
      leaders: [(await demoActor(deps.db, 'chief')).id, (await demoActor(deps.db, 'deputy')).id] as const,
      officers: [groupOfficer.id, (await demoActor(deps.db, 'officer2')).id] as const,
      phone: '0351-7661000',
    },
    {
      by: mineOfficer,
      leaders: [
        (await demoActor(deps.db, 'dongshan.chief')).id,
        (await demoActor(deps.db, 'dongshan.deputy')).id,
      ] as const,
      officers: [mineOfficer.id, (await demoActor(deps.db, 'dongshan.t1')).id] as const,
      phone: '0351-7662110',
    },
  ];
  let shifts = 0;
  for (const roster of rosters) {
    for (const [index, weekStart] of weeks.entries()) {
      const view = await saveRosterWeek(deps, roster.by, {
        unitId: roster.by.unitId,
        weekStart,
        shifts: week(weekStart, roster.leaders, roster.officers, roster.phone, index === 0),
      });
      shifts += view.shifts.length;
    }
  }
  // The mine's last two shifts already over: what came in, and the handover to the next.
  const seen = [
    ...(await getRosterWeek(deps, mineOfficer, { unitId: mineOfficer.unitId, weekStart: lastWeek })).shifts,
    ...(await getRosterWeek(deps, mineOfficer, { unitId: mineOfficer.unitId, weekStart: monday })).shifts,
  ];
  // A shift across the weeks' boundary is in both answers: once is enough.
  const past = seen
    .filter((s, i) => s.endAt <= now.toISOString() && seen.findIndex((o) => o.id === s.id) === i)
    .slice(-2);
  for (const shift of past) {
    const mid = new Date((Date.parse(shift.startAt) + Date.parse(shift.endAt)) / 2).toISOString();
    const officer = shift.officer.id === mineOfficer.id ? mineOfficer : await demoActor(deps.db, 'dongshan.t1');
    await addDutyEntry(deps, officer, shift.id, {
      kind: 'call',
      occurredAt: new Date(Date.parse(shift.startAt) + 40 * 60_000).toISOString(),
      text: '综采一队职工来电询问井下津贴调整，已解释政策，约定三日内回复。',
    });
    await addDutyEntry(deps, officer, shift.id, {
      kind: 'instruction',
      occurredAt: mid,
      text: '集团值班室通知：节前加强矛盾纠纷排查，重大情况两小时内报告。',
    });
    await handOver(deps, officer, shift.id, { note: '井下津贴咨询待回复；集团节前排查通知已传达各区队。' });
  }
  const group = await demoActor(deps.db, 'chief');
  const mineChief = await demoActor(deps.db, 'dongshan.chief');
  const days = [
    {
      by: groupOfficer,
      leaderId: group.id,
      unitId: groupOfficer.unitId,
      date: addCalendarDays(monday, 9),
      place: '集团信访接待中心',
      topic: '职工薪酬与社保政策',
    },
    {
      by: mineOfficer,
      leaderId: mineChief.id,
      unitId: mineOfficer.unitId,
      date: addCalendarDays(monday, 11),
      place: '东山煤矿信访接待室',
      topic: '采煤塌陷区搬迁安置',
    },
  ];
  for (const day of days) {
    await publishReceptionDay(deps, day.by, {
      unitId: day.unitId,
      leaderId: day.leaderId,
      date: day.date,
      startTime: '09:00',
      endTime: '11:30',
      place: day.place,
      topic: day.topic,
    });
  }
  return { shifts, receptionDays: days.length };
}

/**
 * A week of daily reports (日报告/零报告) for the demo enterprise, filed through the report module's
 * own use case, each on its day with its own clock: most units of 东山煤矿 and 南峪煤矿 report nil in
 * the morning, a few raise items (a worker concern, a dispute settled in the crew, a 矛盾隐患, a
 * family in difficulty), one reports after the cut-off, and 北岭煤矿's 区队 forget now and then — so
 * the morning view opens with on-time, late, nil and missing units. Today is left to the visitor.
 */
import type { Calendar } from '../../common/domain/calendar.ts';
import { addCalendarDays, isWorkingDay, localDateOf } from '../../common/domain/calendar.ts';
import type { DailyReportItemInput } from '../../common/schemas/daily-report.ts';
import { loadCalendar } from '../modules/calendar/index.ts';
import { submitDailyReport } from '../modules/report/index.ts';
import { fixedClock } from '../platform/clock.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { demoActor } from './demo-people.ts';

const ITEMS: DailyReportItemInput[] = [
  { kind: 'concern', text: '职工反映井下班中餐分量减少、送餐不及时，希望食堂改进。', headcount: 6 },
  { kind: 'dispute', text: '两名职工因调换班次发生争执，班组已当场调解，双方同意按原排班执行。', headcount: 2 },
  { kind: 'hazard', text: '部分职工对新的绩效工资办法有意见，有相约集体到矿上反映的苗头。', headcount: 12 },
  { kind: 'difficulty', text: '一名职工家属重病住院，家庭生活困难，班组申请帮扶救助。', headcount: 1 },
];

/** Who files, and how: a username and what it files on day `n` (0 = the most recent working day). */
const FILERS: [string, (n: number) => 'nil' | 'late' | 'skip' | number][] = [
  ['dongshan.crew', (n) => (n === 0 ? 0 : 'nil')],
  ['dongshan.t1', (n) => (n === 1 ? 1 : 'nil')],
  ['dongshan.t3', (n) => (n === 2 ? 'late' : 'nil')],
  ['dongshan.officer', () => 'nil'],
  ['nanyu.crew', (n) => (n === 0 ? 3 : 'nil')],
  ['nanyu.t1', (n) => (n === 0 ? 2 : 'nil')],
  ['nanyu.t3', () => 'nil'],
  ['nanyu.officer', () => 'nil'],
  ['beiling.t1', (n) => (n % 2 === 0 ? 'skip' : 'nil')],
  ['beiling.t3', (n) => (n === 0 ? 'late' : 'nil')],
  ['beiling.officer', () => 'nil'],
];

function lastWorkingDays(calendar: Calendar, today: string, count: number): string[] {
  const days: string[] = [];
  for (let day = addCalendarDays(today, -1); days.length < count; day = addCalendarDays(day, -1)) {
    if (isWorkingDay(calendar, day)) days.push(day);
  }
  return days;
}

export async function seedDemoReports(deps: ServiceDeps, now: Date): Promise<number> {
  const calendar = await loadCalendar(deps.db);
  const days = lastWorkingDays(calendar, localDateOf(now.toISOString()), 5);
  let filed = 0;
  for (const [username, plan] of FILERS) {
    const actor = await demoActor(deps.db, username);
    for (const [n, day] of days.entries()) {
      const what = plan(n);
      if (what === 'skip') continue;
      const at = new Date(`${day}T${what === 'late' ? '18:40' : '09:15'}:00+08:00`);
      const item = typeof what === 'number' ? ITEMS[what] : undefined;
      await submitDailyReport({ ...deps, clock: fixedClock(at) }, actor, {
        reportKey: crypto.randomUUID(),
        reportDate: day,
        nil: item === undefined,
        items: item === undefined ? [] : [item],
      });
      filed += 1;
    }
  }
  return filed;
}

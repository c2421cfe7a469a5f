/**
 * The holiday table is data the admin loads and corrects; the official notice the system holds is
 * offered for its year (cited), and a year today's deadlines depend on with no holiday in it is a
 * warning on the calendar page and on the dashboard — every deadline depends on it.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { CN_2026_CALENDAR_ENTRIES, calendarYearsToCheck } from '../../../common/domain/calendar.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { employeeLetter, serviceWorld } from '../../test/factories.ts';
import { StatementCounter } from '../../test/statement-counter.ts';
import { petitionDepsOf } from '../../test/test-context.ts';
import { getDashboard } from '../dashboard/dashboard.service.ts';
import { registerPetition } from '../intake/index.ts';
import { assignPetition, getPetition, triagePetition } from '../petition/index.ts';
import {
  CALENDAR_KEPT_MS,
  forgetCalendar,
  getCalendarYear,
  replaceCalendarYear,
  workingCalendar,
} from './calendar.service.ts';

let ctx: TestContext;
let org: Org;
serviceWorld((world) => ({ ctx, org } = world));

const user = (key: string): Actor => org.users[key] as Actor;

describe('calendarYearsToCheck', () => {
  it.each([
    ['2026-03-02', [2026]],
    ['2026-09-30', [2026]],
    ['2026-10-01', [2026, 2027]],
    ['2026-12-31', [2026, 2027]],
  ] as const)('on %s: %j', (today, years) => {
    expect(calendarYearsToCheck(today)).toEqual(years);
  });
});

describe('the holiday table as data', () => {
  it('offers the cited 2026 notice, warns while the year holds no holiday, and stops once it is loaded', async () => {
    const officer = user('officer@root');
    const empty = await getCalendarYear(ctx.deps, officer, 2026);
    expect(empty).toMatchObject({ entries: [], canManage: false, missingYears: [2026] });
    expect(empty.notice).toMatchObject({
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      published: '2025-11-04',
    });
    expect(empty.notice?.entries).toHaveLength(CN_2026_CALENDAR_ENTRIES.length);
    expect((await getDashboard(ctx.deps, user('chief@root'), {})).calendarGaps).toEqual([2026]);

    // 调休 workdays alone are no holiday table: still a warning.
    await replaceCalendarYear(ctx.deps, org.admin, 2026, [{ date: '2026-01-04', kind: 'workday', name: '元旦调休' }]);
    expect((await getCalendarYear(ctx.deps, officer, 2026)).missingYears).toEqual([2026]);

    // The admin loads the notice, corrects a row (a mine that works 10-10 keeps it off), and saves.
    const corrected = CN_2026_CALENDAR_ENTRIES.filter((e) => e.date !== '2026-10-10');
    const loaded = await replaceCalendarYear(ctx.deps, org.admin, 2026, [...corrected]);
    expect(loaded.entries).toHaveLength(corrected.length);
    expect(loaded.missingYears).toEqual([]);
    expect((await getDashboard(ctx.deps, user('chief@root'), {})).calendarGaps).toEqual([]);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'calendar.replace_year')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toEqual({ entries: corrected.length });
  });

  it('warns about next year from October, and has no notice to offer for a year it cannot cite', async () => {
    await replaceCalendarYear(ctx.deps, org.admin, 2026, [...CN_2026_CALENDAR_ENTRIES]);
    ctx.clock.set('2026-10-08T02:00:00Z');
    const view = await getCalendarYear(ctx.deps, user('officer@root'), 2027);
    expect(view).toMatchObject({ entries: [], notice: null, missingYears: [2027] });
    expect((await getDashboard(ctx.deps, user('officer@mineA'), {})).calendarGaps).toEqual([2027]);
  });
});

describe('the calendar kept per database handle (issue #12)', () => {
  it('reads the table once per window, again after it, and not at all in between', async () => {
    const counter = new StatementCounter();
    const deps = { db: ctx.deps.db.withPlugin(counter) };
    let now = 1_000;
    const first = await workingCalendar(deps, deps.db, () => now);
    now += CALENDAR_KEPT_MS - 1;
    expect(await workingCalendar(deps, deps.db, () => now)).toBe(first);
    expect(counter.count).toBe(1);
    now += 2;
    expect(await workingCalendar(deps, deps.db, () => now)).not.toBe(first);
    expect(counter.count).toBe(2);
  });

  it('does not keep a read that raced an edit', async () => {
    const counter = new StatementCounter();
    const deps = { db: ctx.deps.db.withPlugin(counter) };
    const reading = workingCalendar(deps, deps.db, () => 0);
    forgetCalendar(deps.db); // an edit committed while the read was on its way
    await reading;
    await workingCalendar(deps, deps.db, () => 0);
    expect(counter.count).toBe(2);
  });

  it('counts a deadline with a holiday the admin loaded a moment ago on this instance', async () => {
    const deps = petitionDepsOf(ctx);
    const officer = user('officer@root');
    const { petition } = await registerPetition(deps, officer, employeeLetter('工资', '加班工资未发放，请求补发。'));
    await triagePetition(deps, officer, petition.id, { note: '属工资问题' });
    const assigned = await assignPetition(deps, officer, petition.id, {
      handlingUnitId: org.units.teamA1.id,
      reportDueDate: '2026-04-30',
    });
    const objection = (view: { deadlines: readonly { kind: string; dueDate: string }[] }) =>
      view.deadlines.find((d) => d.kind === 'objection')?.dueDate;
    const before = objection(assigned);
    expect(before).toBeDefined();
    // A holiday on the first working day of the window moves its end by one working day (第23条第3款).
    const assignedOn = (await getPetition(deps, officer, petition.id)).events.at(-1)!.at.slice(0, 10);
    const holiday = nextWeekday(assignedOn);
    await replaceCalendarYear(ctx.deps, org.admin, 2026, [{ date: holiday, kind: 'holiday', name: '测试假日' }]);
    expect(objection(await getPetition(deps, officer, petition.id))).toBe(nextWeekday(before!));
  });
});

/** The next Monday-to-Friday date after `date` (YYYY-MM-DD). */
function nextWeekday(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

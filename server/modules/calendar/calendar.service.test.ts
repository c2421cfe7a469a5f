/**
 * The holiday table is data the admin loads and corrects; the official notice the system holds is
 * offered for its year (cited), and a year today's deadlines depend on with no holiday in it is a
 * warning on the calendar page and on the dashboard — every deadline depends on it.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { CN_2026_CALENDAR_ENTRIES, calendarYearsToCheck } from '../../../common/domain/calendar.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { getDashboard } from '../dashboard/dashboard.service.ts';
import { getCalendarYear, replaceCalendarYear } from './calendar.service.ts';

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

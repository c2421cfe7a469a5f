import { describe, expect, it } from 'vitest';
import { calendarFromEntries, CN_2026_CALENDAR_ENTRIES } from './calendar.ts';
import {
  chaseDays,
  closeInstant,
  cutoffInstant,
  isLate,
  lastWorkingDayBefore,
  reportDateProblem,
  reportDayAt,
  unitDayStatus,
  workingDaysIn,
} from './daily-report.ts';

const cal = calendarFromEntries(CN_2026_CALENDAR_ENTRIES);

describe('cutoffInstant', () => {
  it.each([
    // 17:00 in UTC+8 is 09:00 UTC the same day; 07:30 local is 23:30 UTC the day before.
    ['2026-03-02', '17:00', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02', '07:30', '2026-03-01T23:30:00.000Z'],
    ['2026-03-02', '00:00', '2026-03-01T16:00:00.000Z'],
    ['2026-12-31', '23:59', '2026-12-31T15:59:00.000Z'],
  ])('%s at %s local is %s', (date, cutoff, instant) => {
    expect(cutoffInstant(date, cutoff)).toBe(instant);
  });

  it.each(['24:00', '7:30', '17:60', ''])('refuses the cut-off %j', (cutoff) => {
    expect(() => cutoffInstant('2026-03-02', cutoff)).toThrow(RangeError);
  });
});

describe('closeInstant: the cut-off of the next working day', () => {
  it.each([
    ['Monday closes Tuesday', '2026-03-02', '2026-03-03T09:00:00.000Z'],
    ['Friday closes Monday', '2026-03-06', '2026-03-09T09:00:00.000Z'],
    // 2026-04-03 (Fri) before 清明 4–6 April: closes Tuesday 7 April.
    ['the Friday before 清明 closes after the holiday', '2026-04-03', '2026-04-07T09:00:00.000Z'],
    // 2026-02-13 (Fri); Saturday 14 February is a 调休 working day.
    ['a Friday before a 调休 Saturday closes on the Saturday', '2026-02-13', '2026-02-14T09:00:00.000Z'],
  ])('%s', (_, date, instant) => {
    expect(closeInstant(cal, date, '17:00')).toBe(instant);
  });
});

describe('reportDateProblem', () => {
  it.each([
    ['Monday at 10:00, for Monday', '2026-03-02', '2026-03-02T02:00:00Z', null],
    ['Monday at 18:00 (after the cut-off), for Monday: late but taken', '2026-03-02', '2026-03-02T10:00:00Z', null],
    ['Tuesday 16:59, for Monday: still open', '2026-03-02', '2026-03-03T08:59:00Z', null],
    ['Tuesday 17:00, for Monday: closed', '2026-03-02', '2026-03-03T09:00:00Z', 'closed'],
    ['Monday 10:00, for Tuesday: not begun', '2026-03-03', '2026-03-02T02:00:00Z', 'future'],
    ['a Saturday', '2026-03-07', '2026-03-07T02:00:00Z', 'not_working_day'],
    ['a holiday weekday (劳动节 Monday 4 May)', '2026-05-04', '2026-05-04T02:00:00Z', 'not_working_day'],
    ['the 调休 Saturday 9 May is a report day', '2026-05-09', '2026-05-09T02:00:00Z', null],
    ['Friday report sent on Sunday: open until Monday 17:00', '2026-03-06', '2026-03-08T02:00:00Z', null],
    // 2026-03-02 00:30 local is 2026-03-01T16:30Z: Monday has begun in China though UTC says Sunday.
    ['just after local midnight, for the new day', '2026-03-02', '2026-03-01T16:30:00Z', null],
  ])('%s', (_, date, now, problem) => {
    expect(reportDateProblem(cal, date, '17:00', now)).toBe(problem);
  });
});

describe('isLate and unitDayStatus', () => {
  it.each([
    ['16:59 local is on time', '2026-03-02T08:59:59Z', false],
    ['17:00 local is late', '2026-03-02T09:00:00Z', true],
    ['the next morning is late', '2026-03-03T01:00:00Z', true],
  ])('%s', (_, at, late) => {
    expect(isLate('2026-03-02', '17:00', at)).toBe(late);
  });

  it.each([
    ['reported before the cut-off', { submittedAt: '2026-03-02T03:00:00Z' }, '2026-03-03T01:00:00Z', 'on_time'],
    ['reported after it', { submittedAt: '2026-03-02T11:00:00Z' }, '2026-03-03T01:00:00Z', 'late'],
    ['nothing yet at 16:00', null, '2026-03-02T08:00:00Z', 'pending'],
    ['nothing at 17:00', null, '2026-03-02T09:00:00Z', 'missing'],
  ] as const)('%s', (_, report, now, status) => {
    expect(unitDayStatus('2026-03-02', '17:00', now, report)).toBe(status);
  });
});

describe('the days', () => {
  it.each([
    ['Tuesday morning → Monday', '2026-03-03T01:00:00Z', '2026-03-02'],
    ['Monday morning → Friday', '2026-03-09T01:00:00Z', '2026-03-06'],
    ['Tuesday after 清明 → the Friday before it', '2026-04-07T01:00:00Z', '2026-04-03'],
    ['Monday 16 Feb (春节) → the 调休 Saturday 14 Feb', '2026-02-16T01:00:00Z', '2026-02-14'],
  ])('lastWorkingDayBefore: %s', (_, now, day) => {
    expect(lastWorkingDayBefore(cal, now)).toBe(day);
  });

  it('reportDayAt: today on a working day, none on a day off', () => {
    expect(reportDayAt(cal, '2026-03-02T02:00:00Z')).toBe('2026-03-02');
    expect(reportDayAt(cal, '2026-03-07T02:00:00Z')).toBeNull();
  });

  it.each([
    ['Monday 16:00: Friday only (its close is Monday 17:00)', '2026-03-09T08:00:00Z', ['2026-03-06']],
    ['Monday 17:00: Monday (Friday closed)', '2026-03-09T09:00:00Z', ['2026-03-09']],
    ['Tuesday 08:00: Monday', '2026-03-10T00:00:00Z', ['2026-03-09']],
    ['Saturday: Friday', '2026-03-07T02:00:00Z', ['2026-03-06']],
  ])('chaseDays: %s', (_, now, days) => {
    expect(chaseDays(cal, '17:00', now)).toEqual(days);
  });

  it('workingDaysIn: a week with 清明 has two report days (Thursday 2, Friday 3 April)', () => {
    expect(workingDaysIn(cal, '2026-04-02', '2026-04-06')).toEqual(['2026-04-02', '2026-04-03']);
    expect(workingDaysIn(cal, '2026-03-07', '2026-03-08')).toEqual([]);
  });
});

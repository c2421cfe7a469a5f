import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  addWorkingDays,
  calendarFromEntries,
  CalendarEntrySchema,
  CN_2026_CALENDAR_ENTRIES,
  compareInstants,
  daysBetween,
  emptyCalendar,
  isLocalDate,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  rollToWorkingDay,
  weekdayOf,
  workingDaysBetween,
} from './calendar.ts';

// Reference weeks (2026): Mon 03-02 … Sun 03-08; Mon 03-09 … Fri 03-13; Thu 04-30; Fri 05-01;
// Sat 05-09; Sun 05-10; Mon 05-11.

/** A 劳动节-shaped block: 05-01 (Fri) to 05-05 (Tue) off, Saturday 05-09 worked instead (调休). */
const MAY = calendarFromEntries([
  { date: '2026-05-01', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-02', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-03', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-04', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-05', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休' },
]);

/** The same holidays without the 调休 Saturday. */
const MAY_NO_MAKEUP = calendarFromEntries([
  { date: '2026-05-01', kind: 'holiday' },
  { date: '2026-05-02', kind: 'holiday' },
  { date: '2026-05-03', kind: 'holiday' },
  { date: '2026-05-04', kind: 'holiday' },
  { date: '2026-05-05', kind: 'holiday' },
]);

describe('isLocalDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false], // 2026 is not a leap year
    ['2028-02-29', true],
    ['2100-02-29', false], // divisible by 100, not by 400
    ['2000-02-29', true], // divisible by 400
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-5', false],
    ['2026-03-02T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });
});

describe('localDateOf', () => {
  it.each([
    // 17:00Z + 8 h = 01:00 the next day in Beijing.
    ['2026-03-01T17:00:00Z', '2026-03-02'],
    ['2026-03-01T15:59:59Z', '2026-03-01'], // 23:59:59 local
    ['2026-03-01T16:00:00Z', '2026-03-02'], // 00:00:00 local
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2026-03-02T00:30:00+08:00', '2026-03-02'],
    // 23:30 at UTC−5 is 04:30Z on 03-02, 12:30 in Beijing.
    ['2026-03-01T23:30:00-05:00', '2026-03-02'],
    ['2025-12-31T16:00:00Z', '2026-01-01'], // across the year
    ['2028-02-28T16:00:00Z', '2028-02-29'], // into a leap day
    ['2026-02-28T16:00:00Z', '2026-03-01'], // no leap day in 2026
    ['2026-03-02T02:00Z', '2026-03-02'], // seconds are optional
  ])('%s is %s in China', (instant, expected) => {
    expect(localDateOf(instant)).toBe(expected);
  });

  it.each([
    ['2026-03-01T17:00:00', 'no offset: would be the reading machine’s local time'],
    ['2026-02-30T00:00:00Z', 'a day that does not exist'],
    ['2026-03-01T24:00:00Z', 'hour 24'],
    ['2026-03-01', 'a date, not an instant'],
    ['yesterday', 'not ISO 8601'],
  ])('refuses %s (%s)', (instant) => {
    expect(() => localDateOf(instant)).toThrow(RangeError);
  });
});

describe('compareInstants', () => {
  it('orders instants written in different offsets by the moment they denote', () => {
    // 09:00 in Beijing is 01:00Z, so it comes before 02:00Z.
    expect(compareInstants('2026-03-02T09:00:00+08:00', '2026-03-02T02:00:00Z')).toBeLessThan(0);
    expect(compareInstants('2026-03-02T10:00:00+08:00', '2026-03-02T02:00:00Z')).toBe(0);
  });
});

describe('weekdayOf', () => {
  it.each([
    ['2026-01-01', 4], // the State Council notice: 1月1日(周四)
    ['2026-03-02', 1],
    ['2026-03-07', 6],
    ['2026-03-08', 7],
    ['1970-01-01', 4],
    ['1969-12-31', 3],
  ])('%s → %i', (date, expected) => {
    expect(weekdayOf(date)).toBe(expected);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-04-30', true, 'a Thursday'],
    ['2026-05-01', false, 'a Friday that is a holiday'],
    ['2026-05-02', false, 'a Saturday inside the holiday block'],
    ['2026-05-05', false, 'a Tuesday that is a holiday'],
    ['2026-05-06', true, 'the Wednesday after the block'],
    ['2026-05-09', true, 'a Saturday declared a 调休 working day'],
    ['2026-05-10', false, 'an ordinary Sunday'],
    ['2026-05-16', false, 'an ordinary Saturday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(MAY, date)).toBe(expected);
  });

  it('treats every Monday–Friday as a working day in the empty calendar', () => {
    expect(isWorkingDay(emptyCalendar, '2026-05-01')).toBe(true);
    expect(isWorkingDay(emptyCalendar, '2026-05-09')).toBe(false);
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-02', 0, '2026-03-02'],
    ['2026-03-02', 15, '2026-03-17'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s + %i → %s', (date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
  });

  it('refuses a fraction of a day and an invalid date', () => {
    expect(() => addCalendarDays('2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Counting starts the day after (《民法典》第201条): Friday + 1 skips Saturday and Sunday.
    ['across a weekend: Fri + 1', emptyCalendar, '2026-03-06', 1, '2026-03-09'],
    // Thu 5 (1), Fri 6 (2), Mon 9 (3), Tue 10 (4), Wed 11 (5).
    ['across a weekend: Wed + 5', emptyCalendar, '2026-03-04', 5, '2026-03-11'],
    ['from a Saturday', emptyCalendar, '2026-03-07', 1, '2026-03-09'],
    ['zero days is the date itself', MAY, '2026-05-02', 0, '2026-05-02'],
    // 05-01 … 05-05 are holidays, so the first working day after Thursday 04-30 is Wednesday 05-06.
    ['across a holiday block', MAY, '2026-04-30', 1, '2026-05-06'],
    // Wed 06 (1), Thu 07 (2), Fri 08 (3), Sat 09 调休 (4), Mon 11 (5).
    ['with a 调休 Saturday that counts', MAY, '2026-04-30', 5, '2026-05-11'],
    // Same without the 调休: Wed 06, Thu 07, Fri 08, Mon 11, Tue 12.
    ['without the 调休 Saturday', MAY_NO_MAKEUP, '2026-04-30', 5, '2026-05-12'],
  ])('%s', (_name, calendar, date, n, expected) => {
    expect(addWorkingDays(calendar, date, n)).toBe(expected);
  });

  it('refuses a negative count', () => {
    expect(() => addWorkingDays(emptyCalendar, '2026-03-02', -1)).toThrow(RangeError);
  });
});

describe('nextWorkingDay and rollToWorkingDay', () => {
  it.each([
    ['2026-03-04', '2026-03-05', '2026-03-04'], // Wednesday: next is Thursday; already a working day
    ['2026-03-06', '2026-03-09', '2026-03-06'], // Friday: next is Monday
    ['2026-03-08', '2026-03-09', '2026-03-09'], // Sunday rolls to Monday
    ['2026-05-02', '2026-05-06', '2026-05-06'], // inside the holiday block
    ['2026-05-08', '2026-05-09', '2026-05-08'], // Friday: next is the 调休 Saturday
  ])('%s → next %s, rolled %s', (date, next, rolled) => {
    expect(nextWorkingDay(MAY, date)).toBe(next);
    expect(rollToWorkingDay(MAY, date)).toBe(rolled);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-03-02', '2026-03-17', 15],
    ['2026-03-17', '2026-03-02', -15],
    ['2026-02-01', '2026-03-01', 28],
    ['2028-02-01', '2028-03-01', 29],
    ['2026-01-01', '2027-01-01', 365],
    ['2026-03-02', '2026-03-02', 0],
  ])('%s → %s is %i days', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    // (a, b]: Thursday itself is not counted, Friday is.
    ['Thu → Fri', emptyCalendar, '2026-03-05', '2026-03-06', 1],
    ['Fri → next Fri', emptyCalendar, '2026-03-06', '2026-03-13', 5],
    ['same day', emptyCalendar, '2026-03-06', '2026-03-06', 0],
    ['over the holiday block to the first working day', MAY, '2026-04-30', '2026-05-06', 1],
    ['05-06, 05-07, 05-08, 05-09 (调休), 05-11', MAY, '2026-04-30', '2026-05-11', 5],
    ['inside the holiday block', MAY, '2026-05-01', '2026-05-05', 0],
    ['backwards is negative', MAY, '2026-05-11', '2026-04-30', -5],
  ])('%s', (_name, calendar, a, b, expected) => {
    expect(workingDaysBetween(calendar, a, b)).toBe(expected);
  });
});

describe('calendarFromEntries', () => {
  it('puts holidays and 调休 days in their sets, ignoring a repeated row', () => {
    const calendar = calendarFromEntries([
      { date: '2026-04-06', kind: 'holiday', name: '清明节' },
      { date: '2026-04-06', kind: 'holiday' },
      { date: '2026-04-11', kind: 'workday' },
    ]);
    expect([...calendar.holidays]).toEqual(['2026-04-06']);
    expect([...calendar.makeupWorkdays]).toEqual(['2026-04-11']);
  });

  it('refuses a date listed both as a holiday and as a workday', () => {
    expect(() =>
      calendarFromEntries([
        { date: '2026-05-09', kind: 'workday' },
        { date: '2026-05-09', kind: 'holiday' },
      ]),
    ).toThrow(RangeError);
  });

  it('refuses a date that does not exist', () => {
    expect(() => calendarFromEntries([{ date: '2026-02-30', kind: 'holiday' }])).toThrow(RangeError);
  });
});

describe('CalendarEntrySchema', () => {
  it.each([
    [{ date: '2026-05-01', kind: 'holiday', name: '劳动节' }, true],
    [{ date: '2026-05-02', kind: 'holiday' }, true], // a holiday may fall on a weekend
    [{ date: '2026-05-09', kind: 'workday' }, true], // a Saturday
    [{ date: '2026-01-04', kind: 'workday' }, true], // a Sunday
    [{ date: '2026-05-11', kind: 'workday' }, false], // a Monday cannot be a 调休上班日
    [{ date: '2026-02-30', kind: 'holiday' }, false],
    [{ date: '2026-5-1', kind: 'holiday' }, false],
    [{ date: '2026-05-01', kind: 'rest' }, false],
    [{ date: '2026-05-01', kind: 'holiday', name: '  ' }, false],
  ])('%o → valid: %s', (entry, valid) => {
    expect(CalendarEntrySchema.safeParse(entry).success).toBe(valid);
  });
});

describe('CN_2026_CALENDAR_ENTRIES', () => {
  const calendar = calendarFromEntries(CN_2026_CALENDAR_ENTRIES);

  it('holds the notice’s 33 days off (3 + 9 + 3 + 5 + 3 + 3 + 7) and 6 调休 days, each valid and listed once', () => {
    expect(calendar.holidays.size).toBe(33);
    expect(calendar.makeupWorkdays.size).toBe(6);
    expect(new Set(CN_2026_CALENDAR_ENTRIES.map((entry) => entry.date)).size).toBe(39);
    for (const entry of CN_2026_CALENDAR_ENTRIES) expect(CalendarEntrySchema.safeParse(entry).success).toBe(true);
  });

  it.each([
    ['2026-01-03', false], // 元旦 ends on Saturday 1月3日
    ['2026-01-04', true], // Sunday 1月4日 上班
    ['2026-02-14', true], // Saturday 2月14日 上班
    ['2026-02-23', false], // Monday 2月23日, last day of 春节
    ['2026-02-24', true],
    ['2026-02-28', true], // Saturday 2月28日 上班
    ['2026-04-06', false], // Monday, 清明节
    ['2026-05-05', false], // Tuesday, 劳动节
    ['2026-05-09', true], // Saturday 5月9日 上班
    ['2026-06-19', false], // Friday, 端午节
    ['2026-09-20', true], // Sunday 9月20日 上班
    ['2026-09-25', false], // Friday, 中秋节
    ['2026-10-07', false], // Wednesday, last day of 国庆节
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday 10月10日 上班
  ])('%s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(calendar, date)).toBe(expected);
  });
});

describe('addCalendarMonths', () => {
  it.each([
    ['2026-03-02', 12, '2027-03-02'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-03-02', 0, '2026-03-02'],
    ['2026-01-15', -13, '2024-12-15'],
  ])('%s + %i months → %s', (date, n, expected) => {
    expect(addCalendarMonths(date, n)).toBe(expected);
  });

  it('refuses a fraction of a month and an invalid date', () => {
    expect(() => addCalendarMonths('2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(RangeError);
  });
});

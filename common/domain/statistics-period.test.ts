import { describe, expect, it } from 'vitest';
import {
  isReportingDate,
  monthRange,
  periodOf,
  periodsBetween,
  statisticsMonthOf,
  type PeriodKind,
} from './statistics-period.ts';

describe('periodOf', () => {
  const cases: [date: string, kind: PeriodKind, startDay: number, key: string, from: string, to: string][] = [
    // Calendar months (start day 1).
    ['2026-03-01', 'month', 1, '2026-03', '2026-03-01', '2026-03-31'],
    ['2026-02-28', 'month', 1, '2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02-15', 'month', 1, '2028-02', '2028-02-01', '2028-02-29'],
    ['2026-05-10', 'quarter', 1, '2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-12-31', 'year', 1, '2026', '2026-01-01', '2026-12-31'],
    // Statistics month 21st → 20th, named after the month it ends in.
    ['2026-03-20', 'month', 21, '2026-03', '2026-02-21', '2026-03-20'],
    ['2026-03-21', 'month', 21, '2026-04', '2026-03-21', '2026-04-20'],
    ['2026-02-21', 'month', 21, '2026-03', '2026-02-21', '2026-03-20'],
    ['2025-12-21', 'month', 21, '2026-01', '2025-12-21', '2026-01-20'],
    ['2025-12-20', 'month', 21, '2025-12', '2025-11-21', '2025-12-20'],
    ['2025-12-25', 'quarter', 21, '2026-Q1', '2025-12-21', '2026-03-20'],
    ['2026-03-21', 'quarter', 21, '2026-Q2', '2026-03-21', '2026-06-20'],
    ['2025-12-21', 'year', 21, '2026', '2025-12-21', '2026-12-20'],
    ['2026-12-21', 'year', 21, '2027', '2026-12-21', '2027-12-20'],
    // Start day 2: a month is the 2nd to the 1st.
    ['2026-03-01', 'month', 2, '2026-03', '2026-02-02', '2026-03-01'],
    ['2026-03-02', 'month', 2, '2026-04', '2026-03-02', '2026-04-01'],
    // Four-digit years at both ends (issue #11: a report of month 0001 answered 500 with "1-01-31").
    ['0001-01-15', 'month', 1, '0001-01', '0001-01-01', '0001-01-31'],
    ['0001-01-15', 'month', 21, '0001-01', '0000-12-21', '0001-01-20'],
    ['0000-02-10', 'month', 1, '0000-02', '0000-02-01', '0000-02-29'],
    ['0099-02-10', 'month', 1, '0099-02', '0099-02-01', '0099-02-28'],
    ['9999-12-31', 'year', 1, '9999', '9999-01-01', '9999-12-31'],
  ];
  it.each(cases)('%s by %s (start day %i) is %s, %s to %s', (date, kind, startDay, key, from, to) => {
    expect(periodOf(date, kind, startDay)).toEqual({ kind, key, from, to });
  });

  it('refuses a start day that not every month has', () => {
    expect(() => statisticsMonthOf('2026-01-01', 29)).toThrow(RangeError);
    expect(() => monthRange(2026, 1, 0)).toThrow(RangeError);
  });
});

describe('periodsBetween', () => {
  it('lists consecutive periods that tile the range without gaps or overlaps', () => {
    const months = periodsBetween('2025-11-25', '2026-03-05', 'month', 21);
    expect(months.map((p) => p.key)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    for (let i = 1; i < months.length; i++) {
      const prev = new Date(`${months[i - 1]?.to ?? ''}T00:00:00Z`);
      prev.setUTCDate(prev.getUTCDate() + 1);
      expect(months[i]?.from).toBe(prev.toISOString().slice(0, 10));
    }
    expect(periodsBetween('2026-01-01', '2026-12-31', 'quarter').map((p) => p.key)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    expect(periodsBetween('2026-02-01', '2026-01-01', 'month')).toEqual([]);
  });
});

describe('isReportingDate', () => {
  it.each([
    ['1999-12-31', false],
    ['2000-01-01', true],
    ['2026-03-02', true],
    ['2099-12-31', true],
    ['2100-01-01', false],
    ['0001-01-01', false],
    ['9999-12-31', false],
  ])('%s → %s', (date, ok) => {
    expect(isReportingDate(date)).toBe(ok);
  });

  it('ends a range at 9999-12-31 without running past the last four-digit year', () => {
    expect(periodsBetween('9999-11-05', '9999-12-31', 'month').map((p) => p.key)).toEqual(['9999-11', '9999-12']);
  });
});

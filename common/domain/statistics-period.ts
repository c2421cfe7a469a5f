/**
 * Statistics periods (统计周期) of the ledger: month, quarter and year, on the calendar month or on
 * a statistics month that starts on another day — many petition offices count "the 21st of last
 * month to the 20th of this month" as this month. Pure arithmetic on local dates (`YYYY-MM-DD`,
 * China time); the start day is an enterprise setting (1 = the calendar month).
 *
 * A statistics month is named after the calendar month in which it ENDS: with start day 21,
 * "2026-03" runs from 2026-02-21 to 2026-03-20. Quarters and years are made of those months, so
 * with start day 21 the year 2026 runs from 2025-12-21 to 2026-12-20.
 */
import { addCalendarDays, daysInMonth, type LocalDate } from './calendar.ts';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Start days allowed: 1 (calendar month) to 28, so every month has the day. */
export const MIN_START_DAY = 1;
export const MAX_START_DAY = 28;

/** A period: its key (`2026-03`, `2026-Q1`, `2026`) and its local dates, `to` inclusive. */
export type Period = { kind: PeriodKind; key: string; from: LocalDate; to: LocalDate };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A year as local dates write it: four digits (`0001`), so every date of a period is a `YYYY-MM-DD`. */
function year4(n: number): string {
  return String(n).padStart(4, '0');
}

function parts(date: LocalDate): { y: number; m: number; d: number } {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

/** The statistics month (year and month 1–12) a local date falls in. */
export function statisticsMonthOf(date: LocalDate, startDay: number): { year: number; month: number } {
  assertStartDay(startDay);
  const { y, m, d } = parts(date);
  // With start day s > 1, the days from s on belong to the next month's statistics.
  if (startDay > 1 && d >= startDay) return m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
  return { year: y, month: m };
}

/** First and last local day of statistics month `month` (1–12) of `year`. */
export function monthRange(year: number, month: number, startDay: number): { from: LocalDate; to: LocalDate } {
  assertStartDay(startDay);
  if (startDay === 1)
    return {
      from: `${year4(year)}-${pad(month)}-01`,
      to: `${year4(year)}-${pad(month)}-${pad(daysInMonth(year, month))}`,
    };
  const prevYear = month === 1 ? year - 1 : year;
  const prevMonth = month === 1 ? 12 : month - 1;
  return {
    from: `${year4(prevYear)}-${pad(prevMonth)}-${pad(startDay)}`,
    to: `${year4(year)}-${pad(month)}-${pad(startDay - 1)}`,
  };
}

/** The period of `kind` that contains `date`. */
export function periodOf(date: LocalDate, kind: PeriodKind, startDay = 1): Period {
  const { year, month } = statisticsMonthOf(date, startDay);
  if (kind === 'month') return { kind, key: `${year4(year)}-${pad(month)}`, ...monthRange(year, month, startDay) };
  if (kind === 'quarter') {
    const q = Math.ceil(month / 3);
    return {
      kind,
      key: `${year4(year)}-Q${q}`,
      from: monthRange(year, q * 3 - 2, startDay).from,
      to: monthRange(year, q * 3, startDay).to,
    };
  }
  return { kind, key: year4(year), from: monthRange(year, 1, startDay).from, to: monthRange(year, 12, startDay).to };
}

/** Every period of `kind` from the one holding `from` to the one holding `to`, in order. */
export function periodsBetween(from: LocalDate, to: LocalDate, kind: PeriodKind, startDay = 1): Period[] {
  const out: Period[] = [];
  if (from > to) return out;
  let current = periodOf(from, kind, startDay);
  const last = periodOf(to, kind, startDay).key;
  for (let guard = 0; guard < 2000; guard++) {
    out.push(current);
    if (current.key === last) break;
    current = periodOf(addCalendarDays(current.to, 1), kind, startDay);
  }
  return out;
}

/**
 * The dates a statistics period or a dashboard range may reach: no record of this system is older
 * than 2000 (`EARLIEST_LEGAL_DATE`, legal-dates.ts), and a report of 2099 is far beyond any record
 * yet keeps every date of its statistics months a four-digit `YYYY-MM-DD` and a monthly series at
 * most 1,200 points. Outside it a query is refused naming its field, not answered with a 500.
 */
export const REPORTING_RANGE = { from: '2000-01-01', to: '2099-12-31' } as const;

/** Whether a local date lies in `REPORTING_RANGE`. */
export function isReportingDate(date: LocalDate): boolean {
  return date >= REPORTING_RANGE.from && date <= REPORTING_RANGE.to;
}

function assertStartDay(startDay: number): void {
  if (!Number.isInteger(startDay) || startDay < MIN_START_DAY || startDay > MAX_START_DAY) {
    throw new RangeError(`statistics month start day must be ${MIN_START_DAY}–${MAX_START_DAY}, got ${startDay}`);
  }
}

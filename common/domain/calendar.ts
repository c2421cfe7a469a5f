/**
 * Local dates and working days for petition time limits (期间).
 *
 * Petition work happens in China, so a "day" is a calendar day in UTC+8 (China Standard Time, which
 * has observed no daylight saving since 1991), written `YYYY-MM-DD`. Instants arrive as ISO 8601
 * strings and become local dates here by plain arithmetic on the offset: no time-zone database, no
 * `Date` parsing (which silently turns 2026-02-30 into 2026-03-02), so browser and server agree.
 *
 * Working days follow the State Council's annual holiday notice (国务院办公厅关于某年部分节假日安排的通知):
 * Monday–Friday, minus the 法定节假日, plus the 调休上班日 (weekend days declared working days). The notice
 * is published each November for the following year, so the calendar is data an admin loads per year
 * (`calendarFromEntries`); `CN_2026_CALENDAR_ENTRIES` is the 2026 notice, kept as a checked example.
 *
 * Counting follows 《民法典》第201条: the day on which a period starts is not counted, the period begins
 * on the next day. Rolling a last day that falls on a holiday (第203条) is the caller's choice
 * (`rollToWorkingDay`), because the 《信访工作条例》 says nothing about it.
 */
import { z } from 'zod';

/** A calendar date in China (UTC+8), `YYYY-MM-DD`. Check untrusted input with `isLocalDate`. */
export type LocalDate = string;

/** The two kinds of row in a holiday notice: 放假 (`holiday`) and 调休上班 (`workday`). */
export const CALENDAR_ENTRY_KINDS = ['holiday', 'workday'] as const;
export type CalendarEntryKind = (typeof CALENDAR_ENTRY_KINDS)[number];

/** 法定节假日 and 调休上班日 of the deployment. A date in neither set follows the Monday–Friday rule. */
export type Calendar = {
  holidays: ReadonlySet<LocalDate>;
  makeupWorkdays: ReadonlySet<LocalDate>;
};

/** No holidays and no 调休: every Monday–Friday is a working day. */
export const emptyCalendar: Calendar = Object.freeze({
  holidays: new Set<LocalDate>(),
  makeupWorkdays: new Set<LocalDate>(),
});

/** China Standard Time is UTC+8 all year round. */
const CHINA_OFFSET_MINUTES = 8 * 60;
const MINUTES_PER_DAY = 24 * 60;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// Date, 'T', hh:mm with optional :ss and fraction, then a mandatory offset: an instant without one
// would mean "local time of whichever machine reads it".
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

// ---------------------------------------------------------------------------------------------------
// Day numbers: days since 1970-01-01, by the proleptic Gregorian calendar. The two conversions are
// H. Hinnant's `days_from_civil` / `civil_from_days`, exact for every four-digit year.

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(dayNumber: number): LocalDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`, by the proleptic Gregorian calendar (no `Date`, which maps years 0–99 to 19xx). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of a valid date, or null when `value` is not a real `YYYY-MM-DD` date. */
function parseLocalDate(value: string): number | null {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

function dayNumberOf(date: LocalDate): number {
  const dayNumber = parseLocalDate(date);
  if (dayNumber === null) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return dayNumber;
}

function assertWholeDays(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number of days, got ${n}`);
}

/**
 * Minutes since 1970-01-01T00:00Z. Seconds are validated but dropped: offsets are whole minutes, so
 * seconds never carry an instant across a local midnight.
 */
function epochMinutesOf(isoInstant: string): number {
  // Made only when thrown: capturing a stack on every call cost a quarter of a ledger export.
  const invalid = () => new RangeError(`not an ISO 8601 instant with an offset: ${JSON.stringify(isoInstant)}`);
  const match = INSTANT_PATTERN.exec(isoInstant);
  if (match === null) throw invalid();
  const [, datePart = '', hh = '', mm = '', ss = '0', zone = 'Z'] = match;
  const dayNumber = parseLocalDate(datePart);
  const hour = Number(hh);
  const minute = Number(mm);
  const offsetHours = zone === 'Z' ? 0 : Number(zone.slice(1, 3));
  const offsetMinutes = zone === 'Z' ? 0 : Number(zone.slice(4, 6));
  if (dayNumber === null || hour > 23 || minute > 59 || Number(ss) > 59 || offsetHours > 23 || offsetMinutes > 59)
    throw invalid();
  const offset = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return dayNumber * MINUTES_PER_DAY + hour * 60 + minute - offset;
}

// ---------------------------------------------------------------------------------------------------

/** True when `value` is a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isLocalDate(value: string): boolean {
  return parseLocalDate(value) !== null;
}

/** A `YYYY-MM-DD` string that is also a real calendar date. */
export const LocalDateSchema = z
  .string()
  .regex(LOCAL_DATE_PATTERN, { error: 'date must be written YYYY-MM-DD' })
  .refine(isLocalDate, { error: 'date does not exist in the calendar' });

/**
 * The date in China (UTC+8) at the instant `isoInstant`, e.g. `2026-03-01T17:00:00Z` → `2026-03-02`.
 * Petition time limits count local days, so every event instant goes through this first.
 *
 * @throws RangeError when `isoInstant` is not an ISO 8601 date-time with `Z` or a `±hh:mm` offset.
 */
export function localDateOf(isoInstant: string): LocalDate {
  return civilFromDays(Math.floor((epochMinutesOf(isoInstant) + CHINA_OFFSET_MINUTES) / MINUTES_PER_DAY));
}

/**
 * Orders two instants in time (negative when `a` is earlier), whatever offsets they are written in.
 *
 * @throws RangeError when either is not an ISO 8601 instant with an offset.
 */
export function compareInstants(a: string, b: string): number {
  return epochMinutesOf(a) - epochMinutesOf(b);
}

/** ISO weekday of `date`: 1 = Monday … 7 = Sunday. @throws RangeError on an invalid date. */
export function weekdayOf(date: LocalDate): number {
  return weekdayOfDayNumber(dayNumberOf(date));
}

function weekdayOfDayNumber(dayNumber: number): number {
  // Day 0, 1970-01-01, was a Thursday (4); the double modulo keeps earlier dates positive.
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

function isWorkingDayNumber(calendar: Calendar, dayNumber: number): boolean {
  const date = civilFromDays(dayNumber);
  if (calendar.makeupWorkdays.has(date)) return true;
  return weekdayOfDayNumber(dayNumber) <= 5 && !calendar.holidays.has(date);
}

/**
 * Whether staff work on `date`: a 调休上班日 always; otherwise Monday–Friday unless it is a 法定节假日.
 *
 * @throws RangeError on an invalid date.
 */
export function isWorkingDay(calendar: Calendar, date: LocalDate): boolean {
  return isWorkingDayNumber(calendar, dayNumberOf(date));
}

/** `date` moved by `n` calendar days (`n` may be negative). @throws RangeError on an invalid date or a fractional `n`. */
export function addCalendarDays(date: LocalDate, n: number): LocalDate {
  assertWholeDays(n, 'n');
  return civilFromDays(dayNumberOf(date) + n);
}

/**
 * `date` moved by `n` calendar months (`n` may be negative), the day kept or, where the month is shorter,
 * its last day (2026-01-31 + 1 → 2026-02-28): how a validity "of N months" is counted.
 * @throws RangeError on an invalid date or a fractional `n`.
 */
export function addCalendarMonths(date: LocalDate, n: number): LocalDate {
  assertWholeDays(n, 'n');
  dayNumberOf(date);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The `n`-th working day after `date`: 期间开始的当日不计入 (《民法典》第201条), so counting starts on the
 * next day, and `n = 0` returns `date` itself.
 *
 * @throws RangeError on an invalid date, or when `n` is negative or fractional.
 */
export function addWorkingDays(calendar: Calendar, date: LocalDate, n: number): LocalDate {
  assertWholeDays(n, 'n');
  if (n < 0) throw new RangeError(`n must not be negative, got ${n}`);
  let current = dayNumberOf(date);
  for (let counted = 0; counted < n;) {
    current += 1;
    if (isWorkingDayNumber(calendar, current)) counted += 1;
  }
  return civilFromDays(current);
}

/** The first working day strictly after `date`. @throws RangeError on an invalid date. */
export function nextWorkingDay(calendar: Calendar, date: LocalDate): LocalDate {
  return addWorkingDays(calendar, date, 1);
}

/**
 * `date` if it is a working day, else the next working day: a period whose last day is a holiday ends
 * on the first working day after it (《民法典》第203条).
 *
 * @throws RangeError on an invalid date.
 */
export function rollToWorkingDay(calendar: Calendar, date: LocalDate): LocalDate {
  return isWorkingDay(calendar, date) ? date : nextWorkingDay(calendar, date);
}

/** Calendar days from `a` to `b` (`b − a`; negative when `b` is earlier). @throws RangeError on an invalid date. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumberOf(b) - dayNumberOf(a);
}

/**
 * Working days in the half-open interval (a, b]; when `b` is before `a`, minus the working days in
 * (b, a], so that `addWorkingDays(cal, a, workingDaysBetween(cal, a, b))` lands on `b` whenever `b` is a
 * working day after `a`.
 *
 * @throws RangeError on an invalid date.
 */
export function workingDaysBetween(calendar: Calendar, a: LocalDate, b: LocalDate): number {
  const from = dayNumberOf(a);
  const to = dayNumberOf(b);
  if (to < from) return -workingDaysBetween(calendar, b, a);
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) {
    if (isWorkingDayNumber(calendar, day)) count += 1;
  }
  return count;
}

/**
 * One row of a year's holiday notice as an admin enters it. A 调休上班日 is by definition a Saturday or
 * Sunday, so a `workday` row on a weekday is refused as a typing error.
 */
export const CalendarEntrySchema = z
  .object({
    date: LocalDateSchema,
    kind: z.enum(CALENDAR_ENTRY_KINDS),
    name: z.string().trim().min(1).max(40).optional(),
  })
  .refine((entry) => entry.kind === 'holiday' || !isLocalDate(entry.date) || weekdayOf(entry.date) >= 6, {
    error: 'a 调休上班日 (workday) must fall on a Saturday or Sunday',
    path: ['kind'],
  });
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;

/**
 * Builds the calendar from the rows an admin loaded. The same date listed twice with the same kind is
 * harmless; listed as both a holiday and a workday it is a contradiction.
 *
 * @throws RangeError on an invalid date or a date listed with both kinds.
 */
export function calendarFromEntries(
  entries: readonly { date: LocalDate; kind: CalendarEntryKind; name?: string | undefined }[],
): Calendar {
  const holidays = new Set<LocalDate>();
  const makeupWorkdays = new Set<LocalDate>();
  for (const { date, kind } of entries) {
    if (!isLocalDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
    const [own, other] = kind === 'holiday' ? [holidays, makeupWorkdays] : [makeupWorkdays, holidays];
    if (other.has(date)) throw new RangeError(`${date} is listed both as a holiday and as a workday`);
    own.add(date);
  }
  return { holidays, makeupWorkdays };
}

function holidayBlock(name: string, first: LocalDate, days: number): CalendarEntry[] {
  return Array.from({ length: days }, (_, i) => ({ date: addCalendarDays(first, i), kind: 'holiday' as const, name }));
}

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, published by 新华社 the same day). Each block is
 * listed day by day, weekend days included, exactly as the notice's "放假调休，共N天"; the 调休 days are
 * the notice's "上班" dates:
 *
 * - 元旦 1月1日(周四)至3日(周六), 共3天; 1月4日(周日)上班.
 * - 春节 2月15日(周日)至23日(周一), 共9天; 2月14日(周六)、2月28日(周六)上班.
 * - 清明节 4月4日(周六)至6日(周一), 共3天.
 * - 劳动节 5月1日(周五)至5日(周二), 共5天; 5月9日(周六)上班.
 * - 端午节 6月19日(周五)至21日(周日), 共3天.
 * - 中秋节 9月25日(周五)至27日(周日), 共3天.
 * - 国庆节 10月1日(周四)至7日(周三), 共7天; 9月20日(周日)、10月10日(周六)上班.
 *
 * Later years are not here: the admin loads each year's notice when it is published.
 */
export const CN_2026_CALENDAR_ENTRIES: readonly CalendarEntry[] = Object.freeze([
  ...holidayBlock('元旦', '2026-01-01', 3),
  { date: '2026-01-04', kind: 'workday', name: '元旦调休' },
  { date: '2026-02-14', kind: 'workday', name: '春节调休' },
  ...holidayBlock('春节', '2026-02-15', 9),
  { date: '2026-02-28', kind: 'workday', name: '春节调休' },
  ...holidayBlock('清明节', '2026-04-04', 3),
  ...holidayBlock('劳动节', '2026-05-01', 5),
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休' },
  ...holidayBlock('端午节', '2026-06-19', 3),
  { date: '2026-09-20', kind: 'workday', name: '国庆节调休' },
  ...holidayBlock('中秋节', '2026-09-25', 3),
  ...holidayBlock('国庆节', '2026-10-01', 7),
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休' },
]);

/** An official holiday notice the system knows, with its citation, for the admin to load and correct. */
export type HolidayNotice = { title: string; published: LocalDate; entries: readonly CalendarEntry[] };

/**
 * The State Council's notices on file, by year. Only notices that can be cited are here: a year
 * whose notice is not published (or not transcribed) is absent, never guessed — the admin enters
 * it from the notice itself.
 */
export const OFFICIAL_HOLIDAY_NOTICES: Readonly<Record<number, HolidayNotice>> = Object.freeze({
  2026: {
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    published: '2025-11-04',
    entries: CN_2026_CALENDAR_ENTRIES,
  },
});

/**
 * From this month on the next year's table matters too: a case registered then runs into it (15
 * days to the notice, 60 + 30 to conclude), and the notice is published in the autumn before.
 */
export const NEXT_YEAR_FROM_MONTH = 10;

/** The years whose holidays today's deadlines depend on: this year, and the next from October. */
export function calendarYearsToCheck(today: LocalDate): number[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month >= NEXT_YEAR_FROM_MONTH ? [year, year + 1] : [year];
}

/** The UTC instant (ISO 8601, `Z`) at which the local day `date` begins in China (UTC+8). */
export function localDayStartUtc(date: LocalDate): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/**
 * 日报告 / 零报告 (daily and nil reports): the date rules, pure so that the server, the phone form and
 * the tests agree. 《信访工作条例》第5条 (源头预防: problems found and settled where they arise) and
 * 第13条 (the grassroots units' part in the three-level network) are why every 区队, 班组 and office
 * reports every working day, even "nothing to report".
 *
 * The rule (docs/domain.md, "Daily reports"):
 * - A report is due for each WORKING day (calendar.ts: Monday–Friday, minus holidays, plus 调休 days).
 * - It is on time when it arrives before the day's cut-off (`HH:MM` local, UTC+8, an enterprise setting).
 * - After the cut-off it is still accepted but counted late, until the day CLOSES at the cut-off of
 *   the next working day; a report for a closed day is refused. A report for a day that has not begun
 *   (a future date) or for a day off is refused.
 * - A unit-day without a report is `pending` before the cut-off and `missing` after it (a late report
 *   may still turn it into `late` until the day closes).
 *
 * Date conversion is calendar.ts's; nothing here parses a `Date` from a local string.
 */
import {
  compareInstants,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  rollToWorkingDay,
  addCalendarDays,
  localDayStartUtc,
  type Calendar,
  type LocalDate,
} from './calendar.ts';

/** The kinds of what a unit reports: 职工诉求, 矛盾纠纷, 隐患, 困难职工. */
export const DAILY_REPORT_ITEM_KINDS = ['concern', 'dispute', 'hazard', 'difficulty'] as const;
export type DailyReportItemKind = (typeof DAILY_REPORT_ITEM_KINDS)[number];

/**
 * People in difficulty are recorded for the help they are given (帮扶救助) and seen only by the unit's
 * office and those handling it — never by the levels above, nor the auditor, nor another unit.
 */
export const RESTRICTED_ITEM_KINDS: readonly DailyReportItemKind[] = ['difficulty'];

/** `HH:MM`, 24-hour. */
export const CUTOFF_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The instant (UTC, ISO 8601) of the cut-off `HH:MM` (local, UTC+8) on `date`. */
export function cutoffInstant(date: LocalDate, cutoff: string): string {
  if (!CUTOFF_PATTERN.test(cutoff)) throw new RangeError(`not a cut-off (HH:MM): ${JSON.stringify(cutoff)}`);
  // calendar.ts's own start-of-day conversion, moved by the cut-off's minutes.
  const [hh, mm] = cutoff.split(':').map(Number) as [number, number];
  const start = Date.parse(localDayStartUtc(date));
  return new Date(start + (hh * 60 + mm) * 60_000).toISOString();
}

/** The instant a report day closes: the cut-off of the next working day. */
export function closeInstant(calendar: Calendar, date: LocalDate, cutoff: string): string {
  return cutoffInstant(nextWorkingDay(calendar, date), cutoff);
}

/** Why a report for `date` cannot be taken at `now`, or null when it can. */
export type ReportDateProblem = 'not_working_day' | 'future' | 'closed';

export function reportDateProblem(
  calendar: Calendar,
  date: LocalDate,
  cutoff: string,
  now: string,
): ReportDateProblem | null {
  if (!isWorkingDay(calendar, date)) return 'not_working_day';
  if (date > localDateOf(now)) return 'future';
  if (compareInstants(now, closeInstant(calendar, date, cutoff)) >= 0) return 'closed';
  return null;
}

/** A report is on time when it arrives strictly before the day's cut-off. */
export function isLate(date: LocalDate, cutoff: string, submittedAt: string): boolean {
  return compareInstants(submittedAt, cutoffInstant(date, cutoff)) >= 0;
}

export const UNIT_DAY_STATUSES = ['on_time', 'late', 'pending', 'missing'] as const;
export type UnitDayStatus = (typeof UNIT_DAY_STATUSES)[number];

/** A unit's standing for one report day at `now`, from its report's arrival (or none). */
export function unitDayStatus(
  date: LocalDate,
  cutoff: string,
  now: string,
  report: { submittedAt: string } | null,
): UnitDayStatus {
  if (report !== null) return isLate(date, cutoff, report.submittedAt) ? 'late' : 'on_time';
  return compareInstants(now, cutoffInstant(date, cutoff)) < 0 ? 'pending' : 'missing';
}

/** The last working day strictly before the local day of `now`: the day the morning view shows by default. */
export function lastWorkingDayBefore(calendar: Calendar, now: string): LocalDate {
  let day = addCalendarDays(localDateOf(now), -1);
  // At most a few weeks of holidays; the bound keeps a broken calendar from looping for ever.
  for (let i = 0; i < 60 && !isWorkingDay(calendar, day); i += 1) day = addCalendarDays(day, -1);
  return day;
}

/**
 * The day a unit reports for at `now`: today when it is a working day, else null (nothing is due on
 * a day off). The phone form shows it; a report for the day before may still be sent until it closes.
 */
export function reportDayAt(calendar: Calendar, now: string): LocalDate | null {
  const today = localDateOf(now);
  return isWorkingDay(calendar, today) ? today : null;
}

/**
 * The report days whose cut-off has passed but that are not closed at `now` — those the chase looks
 * at: today after its cut-off, or the last working day before it until today's cut-off.
 */
export function chaseDays(calendar: Calendar, cutoff: string, now: string): LocalDate[] {
  const days = [lastWorkingDayBefore(calendar, now), localDateOf(now)];
  return days.filter(
    (day, i) =>
      days.indexOf(day) === i &&
      isWorkingDay(calendar, day) &&
      compareInstants(now, cutoffInstant(day, cutoff)) >= 0 &&
      compareInstants(now, closeInstant(calendar, day, cutoff)) < 0,
  );
}

/** The working days from `from` to `to` inclusive (the report days of a period). */
export function workingDaysIn(calendar: Calendar, from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = rollToWorkingDay(calendar, from); day <= to; day = nextWorkingDay(calendar, day)) days.push(day);
  return days;
}

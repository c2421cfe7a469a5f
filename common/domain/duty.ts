/**
 * 值班带班 (duty roster) rules as pure functions over instants: shifts of one unit never overlap, a
 * sensitive period is covered around the clock, and who is on duty at an instant. Shifts are
 * half-open intervals [startAt, endAt) of UTC instants; sensitive periods are local dates (UTC+8),
 * turned into instants by calendar.ts, the owner of date conversion.
 *
 * 《信访工作条例》第5条 (源头预防, 属地管理) and 第8条 (each level's responsibility): a unit keeps someone
 * answerable at every hour, the more so in a sensitive period (holidays, wage days, restructuring).
 */
import { addCalendarDays, localDayStartUtc, type LocalDate } from './calendar.ts';

export type Interval = { startAt: string; endAt: string };

const ms = (iso: string): number => Date.parse(iso);

/** Two half-open intervals share an instant (touching ends do not overlap: 08:00–20:00 then 20:00–08:00). */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return ms(a.startAt) < ms(b.endAt) && ms(b.startAt) < ms(a.endAt);
}

/**
 * The first pair of overlapping shifts (indices into `shifts`, the later-listed second), or null.
 * Shifts of one unit must not overlap: two leaders on duty at once leave nobody answerable.
 */
export function firstOverlap(shifts: readonly Interval[]): [number, number] | null {
  for (let j = 1; j < shifts.length; j++) {
    for (let i = 0; i < j; i++) {
      if (intervalsOverlap(shifts[i] as Interval, shifts[j] as Interval)) return [i, j];
    }
  }
  return null;
}

/** The instants a run of local dates covers in China: from 00:00 (UTC+8) of `from` to 24:00 of `to`. */
export function localDaysWindow(from: LocalDate, to: LocalDate): Interval {
  return { startAt: localDayStartUtc(from), endAt: localDayStartUtc(addCalendarDays(to, 1)) };
}

/** The part of `a` inside `window`, or null when they do not meet. */
export function clip(a: Interval, window: Interval): Interval | null {
  const start = Math.max(ms(a.startAt), ms(window.startAt));
  const end = Math.min(ms(a.endAt), ms(window.endAt));
  return start < end ? { startAt: new Date(start).toISOString(), endAt: new Date(end).toISOString() } : null;
}

/**
 * The stretches of `window` no shift covers, earliest first. 24-hour duty in a sensitive period
 * means this is empty for every sensitive window (the roster is refused otherwise, naming the gap).
 */
export function coverageGaps(window: Interval, shifts: readonly Interval[]): Interval[] {
  const parts = shifts
    .map((s) => clip(s, window))
    .filter((s): s is Interval => s !== null)
    .sort((a, b) => ms(a.startAt) - ms(b.startAt));
  const gaps: Interval[] = [];
  let cursor = ms(window.startAt);
  for (const part of parts) {
    if (ms(part.startAt) > cursor) gaps.push({ startAt: new Date(cursor).toISOString(), endAt: part.startAt });
    cursor = Math.max(cursor, ms(part.endAt));
  }
  if (cursor < ms(window.endAt)) gaps.push({ startAt: new Date(cursor).toISOString(), endAt: window.endAt });
  return gaps;
}

/** Milliseconds of `window` covered by at least one shift (overlaps counted once). */
export function coveredMs(window: Interval, shifts: readonly Interval[]): number {
  const total = ms(window.endAt) - ms(window.startAt);
  const gaps = coverageGaps(window, shifts).reduce((sum, g) => sum + ms(g.endAt) - ms(g.startAt), 0);
  return Math.max(0, total - gaps);
}

/** The shift running at instant `at` (start included, end excluded), or undefined: who is on duty now. */
export function onDutyAt<T extends Interval>(shifts: readonly T[], at: string): T | undefined {
  const t = ms(at);
  return shifts.find((s) => ms(s.startAt) <= t && t < ms(s.endAt));
}

/** The first shift starting after `at` (the one a handover note is shown to). */
export function nextShiftAfter<T extends Interval>(shifts: readonly T[], at: string): T | undefined {
  const t = ms(at);
  return [...shifts].filter((s) => ms(s.startAt) >= t).sort((a, b) => ms(a.startAt) - ms(b.startAt))[0];
}

/** Grace after a shift's end within which its handover (交接班) still counts as on time. */
export const HANDOVER_GRACE_MS = 60 * 60 * 1000;

/** Was the handover recorded on time: at most an hour after the shift ended (not before it started). */
export function handoverOnTime(shift: Interval, handedOverAt: string | null): boolean {
  return handedOverAt !== null && ms(handedOverAt) <= ms(shift.endAt) + HANDOVER_GRACE_MS;
}

/** Longest shift the roster accepts: a 24-hour shift (and a little slack for a late handover). */
export const MAX_SHIFT_HOURS = 26;

/** Dates and times as the reader's locale writes them; the wire always carries ISO-8601. */
import { localDateOf } from '../../../common/domain/calendar.ts';
import type { Locale } from '../../../common/i18n/index.ts';

const formatters = new Map<Locale, Intl.DateTimeFormat>();

export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let formatter = formatters.get(locale);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hour12: false });
    formatters.set(locale, formatter);
  }
  return formatter.format(date);
}

/**
 * The day of an instant as `YYYY-MM-DD`, the day in China that time limits count (localDateOf):
 * numeric, so it reads the same in every locale and fits a narrow list column.
 */
export function formatDate(iso: string): string {
  try {
    return localDateOf(iso);
  } catch {
    return iso;
  }
}

/** True while `lockedUntil` lies in the future. */
export function isStillLocked(lockedUntil: string | null, now: number = Date.now()): boolean {
  if (lockedUntil === null) return false;
  const until = new Date(lockedUntil).getTime();
  return !Number.isNaN(until) && until > now;
}

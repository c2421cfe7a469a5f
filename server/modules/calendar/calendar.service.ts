/**
 * The working-day calendar the deadlines count with: an admin loads each year's 法定节假日 and
 * 调休上班日 (the State Council's annual notice). Replacing a year is one transaction with its audit row.
 */
import { can, enterpriseOf, type Actor } from '../../../common/domain/access.ts';
import {
  calendarFromEntries,
  calendarYearsToCheck,
  localDateOf,
  OFFICIAL_HOLIDAY_NOTICES,
  type CalendarEntry,
  type LocalDate,
} from '../../../common/domain/calendar.ts';
import { DomainError } from '../../../common/errors.ts';
import type { CalendarYearView } from '../../../common/schemas/calendar.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import type { Kysely } from 'kysely';
import type { Calendar } from '../../../common/domain/calendar.ts';
import type { DB } from '../../db/schema.ts';
import { allDays, daysOfYear, holidayCounts, replaceDaysOfYear } from './calendar.repository.ts';

/** The whole working-day calendar, as the deadline arithmetic reads it (in the caller's transaction). */
export async function loadCalendar(db: Kysely<DB>): Promise<Calendar> {
  return calendarFromEntries((await allDays(db)).map((e) => ({ date: e.date, kind: e.kind })));
}

/**
 * How long a database handle keeps the calendar it read. The calendar changes about once a year (an
 * admin loads the State Council's notice), yet every registration, verb and case page counts deadlines
 * with it: kept, it is one statement less on each (issue #12). The instance that edits it forgets it at
 * once; another instance (issue #21) or process reads the edit within this window. A deadline counted
 * in that window is what it was a moment before the edit — as for every case registered before it —
 * and is counted again by the warning scan as it nears (server/modules/warning, REFRESH_WITHIN_DAYS).
 */
export const CALENDAR_KEPT_MS = 30_000;

type Kept = { calendar: Calendar; readAt: number };
/** Per database handle (`deps.db`): each test database, each instance's pool has its own. */
const kept = new WeakMap<Kysely<DB>, Kept>();
/** Bumped by every edit, so a read that raced an edit is not kept. */
const edits = new WeakMap<Kysely<DB>, number>();

/**
 * The working-day calendar for the database behind `deps.db`, read through `db` (the caller's
 * transaction) when it is not kept or older than CALENDAR_KEPT_MS.
 * @param now a monotonic clock in ms (the cache's own time, not the domain clock)
 */
export async function workingCalendar(
  deps: { db: Kysely<DB> },
  db: Kysely<DB> = deps.db,
  now: () => number = () => performance.now(),
): Promise<Calendar> {
  const hit = kept.get(deps.db);
  if (hit !== undefined && now() - hit.readAt < CALENDAR_KEPT_MS) return hit.calendar;
  const edit = edits.get(deps.db) ?? 0;
  const readAt = now();
  const calendar = await loadCalendar(db);
  if ((edits.get(deps.db) ?? 0) === edit) kept.set(deps.db, { calendar, readAt });
  return calendar;
}

/** Forget the kept calendar of this database handle (after an edit is committed). */
export function forgetCalendar(db: Kysely<DB>): void {
  kept.delete(db);
  edits.set(db, (edits.get(db) ?? 0) + 1);
}

/**
 * The years today's deadlines depend on that hold no holiday at all (this one; the next from
 * October): an empty year counts every weekday as a working day and rolls no period off a holiday,
 * so every limit in it is off. Shown on the calendar page and the dashboard.
 */
export async function calendarGaps(db: Kysely<DB>, today: LocalDate): Promise<number[]> {
  const counts = await holidayCounts(db, calendarYearsToCheck(today));
  return [...counts].filter(([, n]) => n === 0).map(([year]) => year);
}

/** The entries of `year`, for any signed-in user; `canManage` tells the screen whether to offer editing. */
export async function getCalendarYear(deps: ServiceDeps, actor: Actor, year: number): Promise<CalendarYearView> {
  const [rows, missingYears] = await Promise.all([
    daysOfYear(deps.db, year),
    calendarGaps(deps.db, localDateOf(deps.clock.now().toISOString())),
  ]);
  const notice = OFFICIAL_HOLIDAY_NOTICES[year];
  return {
    year,
    entries: rows.map((r) => ({ date: r.date, kind: r.kind, ...(r.name === null ? {} : { name: r.name }) })),
    canManage: can(actor, 'calendar.manage', enterpriseOf(actor)),
    notice:
      notice === undefined ? null : { title: notice.title, published: notice.published, entries: [...notice.entries] },
    missingYears,
  };
}

/**
 * Replace the entries of `year`.
 * @throws FORBIDDEN (only an admin at the enterprise root), VALIDATION_FAILED (a date outside the year, or
 *   a date listed twice or as both holiday and workday)
 */
export async function replaceCalendarYear(
  deps: ServiceDeps,
  actor: Actor,
  year: number,
  entries: CalendarEntry[],
): Promise<CalendarYearView> {
  if (!can(actor, 'calendar.manage', enterpriseOf(actor))) {
    throw new DomainError('FORBIDDEN', { message: 'Only an enterprise administrator loads the calendar' });
  }
  const outside = entries.findIndex((e) => !e.date.startsWith(`${year}-`));
  if (outside >= 0) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `Entry ${outside} is not in ${year}`,
      details: { issues: [{ path: ['entries', outside, 'date'], message: `not in ${year}` }] },
    });
  }
  try {
    calendarFromEntries(entries);
  } catch (error) {
    throw new DomainError('VALIDATION_FAILED', {
      message: error instanceof Error ? error.message : 'invalid calendar',
      details: { issues: [{ path: ['entries'], message: 'conflicting entries' }] },
    });
  }
  const dates = new Set(entries.map((e) => e.date));
  if (dates.size !== entries.length) {
    throw new DomainError('VALIDATION_FAILED', {
      message: 'A date is listed twice',
      details: { issues: [{ path: ['entries'], message: 'duplicate date' }] },
    });
  }
  const before = await getCalendarYear(deps, actor, year);
  await deps.db.transaction().execute(async (trx) => {
    await replaceDaysOfYear(
      trx,
      year,
      entries.map((e) => ({ date: e.date, kind: e.kind, name: e.name ?? null })),
    );
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'calendar.replace_year',
      entityType: 'calendar',
      entityId: String(year),
      before: { entries: before.entries.length },
      after: { entries: entries.length },
    });
  });
  forgetCalendar(deps.db);
  return getCalendarYear(deps, actor, year);
}

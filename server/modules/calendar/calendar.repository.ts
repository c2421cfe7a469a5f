/** Kysely queries for the working-day calendar (holidays and 调休 workdays, national). */
import type { Kysely } from 'kysely';
import type { CalendarDayTable, DB } from '../../db/schema.ts';

export async function daysOfYear(db: Kysely<DB>, year: number): Promise<CalendarDayTable[]> {
  return db
    .selectFrom('calendar_day')
    .selectAll()
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

/** How many holidays (法定节假日, not 调休 workdays) each of `years` holds. */
export async function holidayCounts(db: Kysely<DB>, years: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>(years.map((y) => [y, 0]));
  if (years.length === 0) return counts;
  const first = Math.min(...years);
  const last = Math.max(...years);
  const rows = await db
    .selectFrom('calendar_day')
    .select('date')
    .where('kind', '=', 'holiday')
    .where('date', '>=', `${first}-01-01`)
    .where('date', '<=', `${last}-12-31`)
    .execute();
  for (const row of rows) {
    const year = Number(row.date.slice(0, 4));
    if (counts.has(year)) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return counts;
}

export async function allDays(db: Kysely<DB>): Promise<CalendarDayTable[]> {
  return db.selectFrom('calendar_day').selectAll().execute();
}

export async function replaceDaysOfYear(
  db: Kysely<DB>,
  year: number,
  rows: readonly CalendarDayTable[],
): Promise<void> {
  await db
    .deleteFrom('calendar_day')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
  if (rows.length > 0)
    await db
      .insertInto('calendar_day')
      .values([...rows])
      .execute();
}

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

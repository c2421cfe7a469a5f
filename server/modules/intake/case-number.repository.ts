/** The case numbers of a year (案件编号): gap-free, reserved in the registering transaction. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The next case number of a year, gap-free: the counter row is bumped with UPDATE … RETURNING (row lock on PostgreSQL). */
export async function nextCaseNumber(db: Kysely<DB>, year: number): Promise<number> {
  return reserveCaseNumbers(db, year, 1);
}

/** Reserve `count` consecutive case numbers of a year. @returns the first */
export async function reserveCaseNumbers(db: Kysely<DB>, year: number, count: number): Promise<number> {
  const bumped = await db
    .updateTable('case_counter')
    .set((eb) => ({ last_number: eb('last_number', '+', count) }))
    .where('year', '=', year)
    .returning('last_number')
    .executeTakeFirst();
  if (bumped !== undefined) return bumped.last_number - count + 1;
  await db.insertInto('case_counter').values({ year, last_number: count }).execute();
  return 1;
}

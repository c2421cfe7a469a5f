/** Kysely queries of publicity (宣传教育): activities, the units they reached, their topics. */
import { sql, type Kysely } from 'kysely';
import type { DB, PublicityActivityTable } from '../../db/schema.ts';

export type ActivityRow = PublicityActivityTable & { unit_name: string; unit_path: string };

export async function insertActivity(
  trx: Kysely<DB>,
  row: PublicityActivityTable,
  unitIds: readonly string[],
  categoryCodes: readonly string[],
): Promise<void> {
  await trx.insertInto('publicity_activity').values(row).execute();
  await trx
    .insertInto('publicity_unit')
    .values(unitIds.map((unitId) => ({ activity_id: row.id, unit_id: unitId })))
    .execute();
  await trx
    .insertInto('publicity_topic')
    .values(categoryCodes.map((code) => ({ activity_id: row.id, category_code: code })))
    .execute();
}

const withUnit = (db: Kysely<DB>) =>
  db
    .selectFrom('publicity_activity')
    .innerJoin('unit', 'unit.id', 'publicity_activity.unit_id')
    .selectAll('publicity_activity')
    .select(['unit.name as unit_name', 'unit.path as unit_path']);

export async function findActivity(db: Kysely<DB>, id: string): Promise<ActivityRow | undefined> {
  return withUnit(db).where('publicity_activity.id', '=', id).executeTakeFirst();
}

/** Activities organised under `path` (every one for null), held in the period when given, newest first. */
export async function activitiesUnder(
  db: Kysely<DB>,
  path: string | null,
  period: { from?: string | undefined; to?: string | undefined },
): Promise<ActivityRow[]> {
  let query = withUnit(db);
  if (path !== null) query = query.where('unit.path', 'like', `${path}%`);
  if (period.from !== undefined) query = query.where('publicity_activity.held_on', '>=', period.from);
  if (period.to !== undefined) query = query.where('publicity_activity.held_on', '<=', period.to);
  return query.orderBy('publicity_activity.held_on', 'desc').orderBy('publicity_activity.id').limit(500).execute();
}

export async function publishedActivities(db: Kysely<DB>): Promise<ActivityRow[]> {
  return withUnit(db)
    .where('publicity_activity.published', '=', 1)
    .orderBy('publicity_activity.held_on', 'desc')
    .limit(100)
    .execute();
}

export async function unitsReachedOf(db: Kysely<DB>, activityIds: readonly string[]) {
  if (activityIds.length === 0) return [];
  return db
    .selectFrom('publicity_unit')
    .innerJoin('unit', 'unit.id', 'publicity_unit.unit_id')
    .select(['publicity_unit.activity_id', 'unit.id', 'unit.name'])
    .where('publicity_unit.activity_id', 'in', activityIds)
    .orderBy('unit.path')
    .execute();
}

export async function topicsOf(db: Kysely<DB>, activityIds: readonly string[]) {
  if (activityIds.length === 0) return [];
  return db
    .selectFrom('publicity_topic')
    .leftJoin('category', 'category.code', 'publicity_topic.category_code')
    .select(['publicity_topic.activity_id', 'publicity_topic.category_code as code', 'category.name'])
    .where('publicity_topic.activity_id', 'in', activityIds)
    .orderBy('publicity_topic.category_code')
    .execute();
}

/**
 * Activities held in the period that reached a unit under `path`, per first-level topic code (two
 * characters: 0103 counts for 01) — what the dashboard sets beside each hotspot's category.
 */
export async function activitiesByTopic(db: Kysely<DB>, path: string, from: string, to: string) {
  return db
    .selectFrom('publicity_topic as t')
    .innerJoin('publicity_activity as a', 'a.id', 't.activity_id')
    .select([sql<string>`substr(t.category_code, 1, 2)`.as('code'), sql<number | string>`count(distinct a.id)`.as('n')])
    .where('a.held_on', '>=', from)
    .where('a.held_on', '<=', to)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('publicity_unit as pu')
          .innerJoin('unit as u', 'u.id', 'pu.unit_id')
          .select('pu.unit_id')
          .whereRef('pu.activity_id', '=', 'a.id')
          .where('u.path', 'like', `${path}%`),
      ),
    )
    .groupBy(sql`substr(t.category_code, 1, 2)`)
    .execute();
}

/** Activities and people reached, per organising unit path, held on local dates in the period. */
export async function activitiesByPath(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('publicity_activity as a')
    .innerJoin('unit', 'unit.id', 'a.unit_id')
    .select([
      'unit.path as path',
      sql<number | string>`count(*)`.as('n'),
      sql<number | string>`sum(a.people_reached)`.as('people'),
    ])
    .where('a.held_on', '>=', from)
    .where('a.held_on', '<=', to)
    .groupBy('unit.path')
    .execute();
}

/** Kysely queries for setting values: one row per (unit, key). */
import type { Kysely } from 'kysely';
import type { DB, SettingValueTable } from '../../db/schema.ts';

export type SettingValueRow = SettingValueTable;

/** The values set at any of `unitIds` (a unit and its ancestors), for all keys or the ones named. */
export async function valuesAt(
  db: Kysely<DB>,
  unitIds: readonly string[],
  keys?: readonly string[],
): Promise<SettingValueRow[]> {
  if (unitIds.length === 0) return [];
  let query = db.selectFrom('setting_value').selectAll().where('unit_id', 'in', unitIds);
  if (keys !== undefined) query = query.where('key', 'in', keys);
  return query.execute();
}

export async function upsertValue(db: Kysely<DB>, row: SettingValueRow): Promise<void> {
  await db
    .insertInto('setting_value')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'key'])
        .doUpdateSet({ value_json: row.value_json, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

/** @returns whether a value was there to delete */
export async function deleteValue(db: Kysely<DB>, unitId: string, key: string): Promise<boolean> {
  const result = await db
    .deleteFrom('setting_value')
    .where('unit_id', '=', unitId)
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * 奖惩与问责 records: every query of the module. A record is read with the names around it (the unit
 * and person measured, the decider, the round, the incident, the case number) in one statement.
 */
import type { Kysely, Updateable } from 'kysely';
import type { AccountabilityRecordTable, DB } from '../../db/schema.ts';

export async function insertRecord(db: Kysely<DB>, row: AccountabilityRecordTable): Promise<void> {
  await db.insertInto('accountability_record').values(row).execute();
}

/** Updates a record at `version` (bumped); false when it changed meanwhile. */
export async function updateRecord(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Updateable<AccountabilityRecordTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('accountability_record')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('accountability_record as r')
    .innerJoin('unit as su', 'su.id', 'r.subject_unit_id')
    .innerJoin('unit as du', 'du.id', 'r.decided_unit_id')
    .innerJoin('app_user as decider', 'decider.id', 'r.decided_by')
    .leftJoin('app_user as person', 'person.id', 'r.subject_user_id')
    .leftJoin('appraisal_round as round', 'round.id', 'r.basis_round_id')
    .leftJoin('appraisal_scheme as scheme', 'scheme.id', 'round.scheme_id')
    .leftJoin('incident', 'incident.id', 'r.basis_incident_id')
    .leftJoin('petition', 'petition.id', 'r.basis_petition_id')
    .selectAll('r')
    .select([
      'su.name as subject_unit_name',
      'su.path as subject_unit_path',
      'du.name as decided_unit_name',
      'decider.display_name as decider_name',
      'person.display_name as person_name',
      'round.period_key as round_period',
      'scheme.name as scheme_name',
      'incident.title as incident_title',
      'petition.case_number as case_number',
    ]);
}
export type RecordRow = Awaited<ReturnType<typeof findRecord>> & object;

export async function findRecord(db: Kysely<DB>, id: string) {
  return withNames(db).where('r.id', '=', id).executeTakeFirst();
}

/**
 * Records of an enterprise, newest first: under a unit path (the measured unit's subtree), of one
 * person, and/or with a 整改 past `overdueBefore` not yet done.
 */
export async function listRecords(
  db: Kysely<DB>,
  filter: {
    enterpriseId: string;
    underPath?: string | undefined;
    unitId?: string | undefined;
    userId?: string | undefined;
    overdueBefore?: string | undefined;
    limit: number;
  },
) {
  let query = withNames(db).where('r.enterprise_id', '=', filter.enterpriseId);
  if (filter.underPath !== undefined) query = query.where('su.path', 'like', `${filter.underPath}%`);
  if (filter.unitId !== undefined) query = query.where('r.subject_unit_id', '=', filter.unitId);
  if (filter.userId !== undefined) query = query.where('r.subject_user_id', '=', filter.userId);
  if (filter.overdueBefore !== undefined)
    query = query.where('r.rectify_due', '<', filter.overdueBefore).where('r.rectified_at', 'is', null);
  return query.orderBy('r.decided_at', 'desc').orderBy('r.id', 'desc').limit(filter.limit).execute();
}

/** Every record with a 整改 past its deadline (before `today`) and not reported done: the chase. */
export async function overdueRectifications(db: Kysely<DB>, today: string) {
  return withNames(db).where('r.rectify_due', '<', today).where('r.rectified_at', 'is', null).execute();
}

/** The records decided in the instants for units under `path` (the annual report, 第41条), oldest first. */
export async function recordsDecidedUnder(db: Kysely<DB>, path: string, fromInstant: string, toInstant: string) {
  return withNames(db)
    .where('su.path', 'like', `${path}%`)
    .where('r.decided_at', '>=', fromInstant)
    .where('r.decided_at', '<', toInstant)
    .orderBy('r.decided_at')
    .orderBy('r.id')
    .execute();
}

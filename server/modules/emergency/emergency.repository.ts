/** Every SQL statement of 应急处置: plans, incidents, their timeline entries and tasks, and the figures. */
import { sql, type Kysely } from 'kysely';
import type { DB, EmergencyPlanTable, IncidentEntryTable, IncidentTable, IncidentTaskTable } from '../../db/schema.ts';

export type PlanRow = EmergencyPlanTable & { unit_name: string; unit_path: string };
export type IncidentRow = IncidentTable & { unit_name: string; unit_path: string };
export type EntryRow = IncidentEntryTable & { recorded_by_name: string };
export type TaskRow = IncidentTaskTable & { assignee_name: string };

// ---------------------------------------------------------------------------------------------
// Plans

function plans(db: Kysely<DB>) {
  return db
    .selectFrom('emergency_plan')
    .innerJoin('unit', 'unit.id', 'emergency_plan.unit_id')
    .selectAll('emergency_plan')
    .select(['unit.name as unit_name', 'unit.path as unit_path']);
}

export async function insertPlan(db: Kysely<DB>, row: EmergencyPlanTable): Promise<void> {
  await db.insertInto('emergency_plan').values(row).execute();
}

/** Bumps the version only when it is still `version` (two editors: the second is refused). */
export async function updatePlan(
  db: Kysely<DB>,
  id: string,
  version: number,
  values: Omit<EmergencyPlanTable, 'id' | 'created_by' | 'created_at' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('emergency_plan')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findPlan(db: Kysely<DB>, id: string): Promise<PlanRow | undefined> {
  return plans(db).where('emergency_plan.id', '=', id).executeTakeFirst();
}

/**
 * The plans a person may see: those of units in `subtree` and those of the units above it (a mine's
 * leader activates the group's plan for his mine too), optionally of one level; by level, then title.
 */
export async function plansVisible(
  db: Kysely<DB>,
  subtree: string | null,
  ancestorUnitIds: readonly string[],
): Promise<PlanRow[]> {
  let query = plans(db);
  if (subtree !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('unit.path', 'like', `${subtree}%`),
        ...(ancestorUnitIds.length > 0 ? [eb('unit.id', 'in', ancestorUnitIds)] : []),
      ]),
    );
  }
  return query.orderBy('emergency_plan.title').orderBy('emergency_plan.id').execute();
}

// ---------------------------------------------------------------------------------------------
// Incidents

function incidents(db: Kysely<DB>) {
  return db
    .selectFrom('incident')
    .innerJoin('unit', 'unit.id', 'incident.unit_id')
    .selectAll('incident')
    .select(['unit.name as unit_name', 'unit.path as unit_path']);
}

export async function insertIncident(db: Kysely<DB>, row: IncidentTable): Promise<void> {
  await db.insertInto('incident').values(row).execute();
}

export async function findIncident(db: Kysely<DB>, id: string): Promise<IncidentRow | undefined> {
  return incidents(db).where('incident.id', '=', id).executeTakeFirst();
}

/**
 * The incidents of a subtree (the office) or those naming a person among their people, newest first.
 * `people_json` holds ids as a JSON array, so a quoted id is a whole match.
 */
export async function incidentsFor(
  db: Kysely<DB>,
  filter: {
    subtree: string | null;
    personId: string;
    status: 'all' | 'active' | 'stood_down';
    limit: number;
    /** Within this subtree too (a figure's unit), never instead of the reader's reach. */
    unitPath?: string | undefined;
    /** Activated in [from, to) (instants). */
    activatedFrom?: string | undefined;
    activatedBefore?: string | undefined;
    drill?: boolean | undefined;
    /** A first arrival on the spot recorded (the incidents the mean response time is taken over). */
    timed?: boolean | undefined;
  },
): Promise<IncidentRow[]> {
  let query = incidents(db).where((eb) =>
    eb.or([
      ...(filter.subtree === null ? [] : [eb('unit.path', 'like', `${filter.subtree}%`)]),
      eb('incident.people_json', 'like', `%"${filter.personId}"%`),
    ]),
  );
  if (filter.status !== 'all') query = query.where('incident.status', '=', filter.status);
  if (filter.unitPath !== undefined) query = query.where('unit.path', 'like', `${filter.unitPath}%`);
  if (filter.activatedFrom !== undefined) query = query.where('incident.activated_at', '>=', filter.activatedFrom);
  if (filter.activatedBefore !== undefined) query = query.where('incident.activated_at', '<', filter.activatedBefore);
  if (filter.drill !== undefined) query = query.where('incident.drill', '=', filter.drill ? 1 : 0);
  if (filter.timed === true) query = query.where('incident.arrival_minutes', 'is not', null);
  return query.orderBy('incident.activated_at', 'desc').orderBy('incident.id', 'desc').limit(filter.limit).execute();
}

/** Moves an active incident on; false when it is no longer active (stood down meanwhile). */
export async function updateActiveIncident(
  db: Kysely<DB>,
  id: string,
  values: Partial<Omit<IncidentTable, 'id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('incident')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Timeline and tasks

export async function insertEntry(db: Kysely<DB>, row: IncidentEntryTable): Promise<void> {
  await db.insertInto('incident_entry').values(row).execute();
}

export async function entriesOf(db: Kysely<DB>, incidentId: string): Promise<EntryRow[]> {
  return db
    .selectFrom('incident_entry')
    .innerJoin('app_user', 'app_user.id', 'incident_entry.recorded_by')
    .selectAll('incident_entry')
    .select('app_user.display_name as recorded_by_name')
    .where('incident_entry.incident_id', '=', incidentId)
    .orderBy('incident_entry.occurred_at')
    .orderBy('incident_entry.created_at')
    .orderBy('incident_entry.id')
    .execute();
}

export async function insertTask(db: Kysely<DB>, row: IncidentTaskTable): Promise<void> {
  await db.insertInto('incident_task').values(row).execute();
}

function tasks(db: Kysely<DB>) {
  return db
    .selectFrom('incident_task')
    .innerJoin('app_user', 'app_user.id', 'incident_task.assignee_id')
    .selectAll('incident_task')
    .select('app_user.display_name as assignee_name');
}

export async function tasksOf(db: Kysely<DB>, incidentId: string): Promise<TaskRow[]> {
  return tasks(db)
    .where('incident_task.incident_id', '=', incidentId)
    .orderBy('incident_task.assigned_at')
    .orderBy('incident_task.id')
    .execute();
}

export async function findTask(db: Kysely<DB>, id: string): Promise<TaskRow | undefined> {
  return tasks(db).where('incident_task.id', '=', id).executeTakeFirst();
}

/** Confirms a task not yet confirmed; false when it already was. */
export async function confirmTaskRow(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('incident_task')
    .set({ confirmed_at: at })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Unconfirmed tasks per incident, for the list. */
export async function unconfirmedCounts(db: Kysely<DB>, incidentIds: readonly string[]): Promise<Map<string, number>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('incident_task')
    .select(['incident_id', sql<number | string>`count(*)`.as('n')])
    .where('incident_id', 'in', incidentIds)
    .where('confirmed_at', 'is', null)
    .groupBy('incident_id')
    .execute();
  return new Map(rows.map((r) => [r.incident_id, Number(r.n)]));
}

// ---------------------------------------------------------------------------------------------
// Figures: incidents activated in [from, to) by the path of their unit, drills apart

export async function incidentFiguresByPath(db: Kysely<DB>, fromInstant: string, toInstant: string) {
  return db
    .selectFrom('incident')
    .innerJoin('unit', 'unit.id', 'incident.unit_id')
    .where('incident.activated_at', '>=', fromInstant)
    .where('incident.activated_at', '<', toInstant)
    .select([
      'unit.path',
      sql<number | string>`sum(case when incident.drill = 0 then 1 else 0 end)`.as('incidents'),
      sql<number | string>`sum(case when incident.drill = 1 then 1 else 0 end)`.as('drills'),
      sql<
        number | string | null
      >`sum(case when incident.drill = 0 and incident.arrival_minutes is not null then incident.arrival_minutes else 0 end)`.as(
        'minutes',
      ),
      sql<
        number | string
      >`sum(case when incident.drill = 0 and incident.arrival_minutes is not null then 1 else 0 end)`.as('timed'),
    ])
    .groupBy('unit.path')
    .execute();
}

/** Every SQL statement on the duty tables: shifts, swaps, the duty log, reception days, and their figures. */
import type { Kysely } from 'kysely';
import type { Scope } from '../../../common/domain/access.ts';
import type { DB, DutyLogEntryTable, DutyShiftTable, DutySwapTable, ReceptionDayTable } from '../../db/schema.ts';
import { commonAncestorPath } from '../../platform/figure-source.ts';

// ---------------------------------------------------------------------------------------------
// Shifts

export type ShiftRow = DutyShiftTable & {
  unit_name: string;
  unit_path: string;
  leader_name: string;
  officer_name: string;
  handed_over_by_name: string | null;
};

function shifts(db: Kysely<DB>) {
  return db
    .selectFrom('duty_shift')
    .innerJoin('unit', 'unit.id', 'duty_shift.unit_id')
    .innerJoin('app_user as leader', 'leader.id', 'duty_shift.leader_id')
    .innerJoin('app_user as officer', 'officer.id', 'duty_shift.officer_id')
    .leftJoin('app_user as handed', 'handed.id', 'duty_shift.handed_over_by')
    .selectAll('duty_shift')
    .select([
      'unit.name as unit_name',
      'unit.path as unit_path',
      'leader.display_name as leader_name',
      'officer.display_name as officer_name',
      'handed.display_name as handed_over_by_name',
    ]);
}

export async function findShift(db: Kysely<DB>, id: string): Promise<ShiftRow | undefined> {
  return shifts(db).where('duty_shift.id', '=', id).executeTakeFirst();
}

/** The shifts of a unit meeting [from, to) (instants), earliest first. */
export async function shiftsOfUnitMeeting(
  db: Kysely<DB>,
  unitId: string,
  from: string,
  to: string,
): Promise<ShiftRow[]> {
  return shifts(db)
    .where('duty_shift.unit_id', '=', unitId)
    .where('duty_shift.start_at', '<', to)
    .where('duty_shift.end_at', '>', from)
    .orderBy('duty_shift.start_at')
    .execute();
}

/** The shifts running at `at` and the next one after it, for each of `unitIds`. */
export async function shiftsAround(db: Kysely<DB>, unitIds: readonly string[], at: string): Promise<ShiftRow[]> {
  if (unitIds.length === 0) return [];
  return shifts(db)
    .where('duty_shift.unit_id', 'in', unitIds)
    .where('duty_shift.end_at', '>', at)
    .orderBy('duty_shift.start_at')
    .execute();
}

/** The shift of the same unit that ended last at or before `startAt` (whose handover this one reads). */
export async function previousShift(db: Kysely<DB>, unitId: string, startAt: string): Promise<ShiftRow | undefined> {
  return shifts(db)
    .where('duty_shift.unit_id', '=', unitId)
    .where('duty_shift.end_at', '<=', startAt)
    .orderBy('duty_shift.end_at', 'desc')
    .executeTakeFirst();
}

/** The first shift of the unit starting at or after `at` (the next shift, which reads this one's handover). */
export async function nextShift(db: Kysely<DB>, unitId: string, at: string): Promise<ShiftRow | undefined> {
  return shifts(db)
    .where('duty_shift.unit_id', '=', unitId)
    .where('duty_shift.start_at', '>=', at)
    .orderBy('duty_shift.start_at')
    .executeTakeFirst();
}

export async function insertShift(db: Kysely<DB>, row: DutyShiftTable): Promise<void> {
  await db.insertInto('duty_shift').values(row).execute();
}

export async function updateShift(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Pick<DutyShiftTable, 'start_at' | 'end_at' | 'leader_id' | 'officer_id' | 'phone' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('duty_shift').set(patch).where('id', '=', id).execute();
}

export async function deleteShift(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('duty_swap').where('shift_id', '=', id).execute();
  await db.deleteFrom('duty_shift').where('id', '=', id).execute();
}

/** Shift ids among `ids` that have a log entry (their times and their existence are history). */
export async function shiftsWithEntries(db: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('duty_log_entry')
    .select('shift_id')
    .distinct()
    .where('shift_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.shift_id));
}

/** @returns false when the shift was already handed over (交接班 happens once). */
export async function handOverShift(
  db: Kysely<DB>,
  id: string,
  values: { note: string; at: string; by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('duty_shift')
    .set({ handover_note: values.note, handed_over_at: values.at, handed_over_by: values.by, updated_at: values.at })
    .where('id', '=', id)
    .where('handed_over_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---------------------------------------------------------------------------------------------
// Swaps

export type SwapRow = DutySwapTable & {
  unit_id: string;
  unit_name: string;
  unit_path: string;
  shift_start_at: string;
  shift_end_at: string;
  requested_by_name: string;
  colleague_name: string;
  decided_by_name: string | null;
};

function swaps(db: Kysely<DB>) {
  return db
    .selectFrom('duty_swap')
    .innerJoin('duty_shift', 'duty_shift.id', 'duty_swap.shift_id')
    .innerJoin('unit', 'unit.id', 'duty_shift.unit_id')
    .innerJoin('app_user as requester', 'requester.id', 'duty_swap.requested_by')
    .innerJoin('app_user as colleague', 'colleague.id', 'duty_swap.colleague_id')
    .leftJoin('app_user as decider', 'decider.id', 'duty_swap.decided_by')
    .selectAll('duty_swap')
    .select([
      'duty_shift.unit_id as unit_id',
      'unit.name as unit_name',
      'unit.path as unit_path',
      'duty_shift.start_at as shift_start_at',
      'duty_shift.end_at as shift_end_at',
      'requester.display_name as requested_by_name',
      'colleague.display_name as colleague_name',
      'decider.display_name as decided_by_name',
    ]);
}

export async function insertSwap(db: Kysely<DB>, row: DutySwapTable): Promise<void> {
  await db.insertInto('duty_swap').values(row).execute();
}

export async function findSwap(db: Kysely<DB>, id: string): Promise<SwapRow | undefined> {
  return swaps(db).where('duty_swap.id', '=', id).executeTakeFirst();
}

/** The swaps on a unit's shifts meeting [from, to), and every pending one of the unit, newest first. */
export async function swapsOfUnit(db: Kysely<DB>, unitId: string, from: string, to: string): Promise<SwapRow[]> {
  return swaps(db)
    .where('duty_shift.unit_id', '=', unitId)
    .where((eb) =>
      eb.or([
        eb('duty_swap.state', '=', 'pending'),
        eb.and([eb('duty_shift.start_at', '<', to), eb('duty_shift.end_at', '>', from)]),
      ]),
    )
    .orderBy('duty_swap.created_at', 'desc')
    .execute();
}

/** @returns false when the request was no longer pending. */
export async function decideSwap(
  db: Kysely<DB>,
  id: string,
  values: { state: 'approved' | 'refused'; by: string; at: string; note: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('duty_swap')
    .set({ state: values.state, decided_by: values.by, decided_at: values.at, decision_note: values.note })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---------------------------------------------------------------------------------------------
// The duty log

export type EntryRow = DutyLogEntryTable & { recorded_by_name: string; case_number: string | null };

function entries(db: Kysely<DB>) {
  return db
    .selectFrom('duty_log_entry')
    .innerJoin('app_user as recorder', 'recorder.id', 'duty_log_entry.recorded_by')
    .leftJoin('petition', 'petition.id', 'duty_log_entry.petition_id')
    .selectAll('duty_log_entry')
    .select(['recorder.display_name as recorded_by_name', 'petition.case_number as case_number']);
}

export async function insertEntry(db: Kysely<DB>, row: DutyLogEntryTable): Promise<void> {
  await db.insertInto('duty_log_entry').values(row).execute();
}

export async function findEntry(db: Kysely<DB>, id: string): Promise<EntryRow | undefined> {
  return entries(db).where('duty_log_entry.id', '=', id).executeTakeFirst();
}

export async function entriesOfShift(db: Kysely<DB>, shiftId: string): Promise<EntryRow[]> {
  return entries(db)
    .where('duty_log_entry.shift_id', '=', shiftId)
    .orderBy('duty_log_entry.occurred_at')
    .orderBy('duty_log_entry.id')
    .execute();
}

/** @returns false when the entry already became a petition. */
export async function linkEntry(db: Kysely<DB>, id: string, petitionId: string): Promise<boolean> {
  const result = await db
    .updateTable('duty_log_entry')
    .set({ petition_id: petitionId })
    .where('id', '=', id)
    .where('petition_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---------------------------------------------------------------------------------------------
// Reception days

export type ReceptionRow = ReceptionDayTable & { unit_name: string; unit_path: string; leader_name: string };

export async function insertReception(db: Kysely<DB>, row: ReceptionDayTable): Promise<void> {
  await db.insertInto('reception_day').values(row).execute();
}

/** The reception days of a scope between two local dates (inclusive), by date and time. */
export async function listReceptions(
  db: Kysely<DB>,
  filter: {
    scope: Exclude<Scope, { kind: 'none' }>;
    from: string;
    to: string;
    includeCancelled: boolean;
    /** Within this subtree too (a figure's unit), never instead of the scope. */
    unitPath?: string | undefined;
  },
): Promise<ReceptionRow[]> {
  let query = db
    .selectFrom('reception_day')
    .innerJoin('unit', 'unit.id', 'reception_day.unit_id')
    .innerJoin('app_user as leader', 'leader.id', 'reception_day.leader_id')
    .selectAll('reception_day')
    .select(['unit.name as unit_name', 'unit.path as unit_path', 'leader.display_name as leader_name'])
    .where('reception_day.date', '>=', filter.from)
    .where('reception_day.date', '<=', filter.to);
  if (!filter.includeCancelled) query = query.where('reception_day.cancelled', '=', 0);
  if (filter.scope.kind === 'unit') query = query.where('reception_day.unit_id', '=', filter.scope.unitId);
  if (filter.scope.kind === 'subtree') query = query.where('unit.path', 'like', `${filter.scope.path}%`);
  if (filter.unitPath !== undefined) query = query.where('unit.path', 'like', `${filter.unitPath}%`);
  return query.orderBy('reception_day.date').orderBy('reception_day.start_time').limit(500).execute();
}

export async function findReception(db: Kysely<DB>, id: string): Promise<ReceptionRow | undefined> {
  return db
    .selectFrom('reception_day')
    .innerJoin('unit', 'unit.id', 'reception_day.unit_id')
    .innerJoin('app_user as leader', 'leader.id', 'reception_day.leader_id')
    .selectAll('reception_day')
    .select(['unit.name as unit_name', 'unit.path as unit_path', 'leader.display_name as leader_name'])
    .where('reception_day.id', '=', id)
    .executeTakeFirst();
}

/** The reception day held at `unitId` on local `date` (not cancelled), if any. */
export async function receptionAt(db: Kysely<DB>, unitId: string, date: string): Promise<ReceptionRow | undefined> {
  return db
    .selectFrom('reception_day')
    .innerJoin('unit', 'unit.id', 'reception_day.unit_id')
    .innerJoin('app_user as leader', 'leader.id', 'reception_day.leader_id')
    .selectAll('reception_day')
    .select(['unit.name as unit_name', 'unit.path as unit_path', 'leader.display_name as leader_name'])
    .where('reception_day.unit_id', '=', unitId)
    .where('reception_day.date', '=', date)
    .where('reception_day.cancelled', '=', 0)
    .orderBy('reception_day.start_time')
    .executeTakeFirst();
}

/** Visits registered at each unit between two instants (the reception days' visit counts). */
export async function visitsAt(
  db: Kysely<DB>,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<{ unitId: string; receivedAt: string }[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('petition')
    .select(['registered_unit_id', 'received_at'])
    .where('registered_unit_id', 'in', unitIds)
    .where('channel', '=', 'visit')
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .execute();
  return rows.map((r) => ({ unitId: r.registered_unit_id, receivedAt: r.received_at }));
}

/** @returns false when it was already cancelled. */
export async function cancelReception(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('reception_day')
    .set({ cancelled: 1, updated_at: at })
    .where('id', '=', id)
    .where('cancelled', '=', 0)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---------------------------------------------------------------------------------------------
// Figures: one query each over the subtrees of the units measured

/**
 * Shifts meeting [from, to) of the units under the deepest path all of `paths` share (the caller
 * credits each to the units asked), with the unit's path (sensitive-hour coverage, handovers).
 */
export async function shiftsUnder(
  db: Kysely<DB>,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<{ unit_id: string; unit_path: string; start_at: string; end_at: string; handed_over_at: string | null }[]> {
  if (paths.length === 0) return [];
  return db
    .selectFrom('duty_shift')
    .innerJoin('unit', 'unit.id', 'duty_shift.unit_id')
    .select(['duty_shift.unit_id', 'unit.path as unit_path', 'start_at', 'end_at', 'handed_over_at'])
    .where('unit.path', 'like', `${commonAncestorPath(paths)}%`)
    .where('duty_shift.start_at', '<', to)
    .where('duty_shift.end_at', '>', from)
    .execute();
}

/**
 * Reception days held (not cancelled, dated up to `today`) in [from, to], counted per unit path, under
 * the deepest path all of `paths` share (the caller credits each to the units asked).
 */
export async function receptionsHeldUnder(
  db: Kysely<DB>,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<{ unit_path: string; n: number }[]> {
  if (paths.length === 0) return [];
  const rows = await db
    .selectFrom('reception_day')
    .innerJoin('unit', 'unit.id', 'reception_day.unit_id')
    .select((eb) => ['unit.path as unit_path', eb.fn.countAll<number | string>().as('n')])
    .where('unit.path', 'like', `${commonAncestorPath(paths)}%`)
    .where('reception_day.cancelled', '=', 0)
    .where('reception_day.date', '>=', from)
    .where('reception_day.date', '<=', to)
    .groupBy('unit.path')
    .execute();
  return rows.map((r) => ({ unit_path: r.unit_path, n: Number(r.n) }));
}

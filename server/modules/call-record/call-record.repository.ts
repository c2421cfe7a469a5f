/** Every SQL statement on the `call_record` table. */
import type { Kysely } from 'kysely';
import type { Scope } from '../../../common/domain/access.ts';
import type { CallRecordTable, DB } from '../../db/schema.ts';

export type CallRecordRow = CallRecordTable;

/** A call with the names and the unit path its view and its access decision need. */
export type CallRecordNamedRow = CallRecordRow & {
  unit_name: string;
  unit_path: string;
  recorded_by_name: string;
  callback_by_name: string | null;
};

export async function insertCallRecord(db: Kysely<DB>, row: CallRecordRow): Promise<void> {
  await db.insertInto('call_record').values(row).execute();
}

function named(db: Kysely<DB>) {
  return db
    .selectFrom('call_record')
    .innerJoin('unit', 'unit.id', 'call_record.unit_id')
    .innerJoin('app_user as recorder', 'recorder.id', 'call_record.recorded_by')
    .leftJoin('app_user as caller_back', 'caller_back.id', 'call_record.callback_by')
    .selectAll('call_record')
    .select([
      'unit.name as unit_name',
      'unit.path as unit_path',
      'recorder.display_name as recorded_by_name',
      'caller_back.display_name as callback_by_name',
    ]);
}

export async function findCallRecord(db: Kysely<DB>, id: string): Promise<CallRecordNamedRow | undefined> {
  return named(db).where('call_record.id', '=', id).executeTakeFirst();
}

/** The calls of one case, oldest first. */
export async function callRecordsOfPetition(db: Kysely<DB>, petitionId: string): Promise<CallRecordNamedRow[]> {
  return named(db)
    .where('call_record.petition_id', '=', petitionId)
    .orderBy('call_record.called_at')
    .orderBy('call_record.id')
    .execute();
}

export type CallRecordFilter = {
  scope: Exclude<Scope, { kind: 'none' }>;
  /** Calls on these cases are left out (the viewer is recused from them, 第28条). */
  recusedPetitionIds: readonly string[];
  callback: 'pending' | 'overdue' | 'done' | 'none' | 'all';
  now: string;
  limit: number;
  offset: number;
};

/** One page of the calls taken in a scope, with the total; call-backs due soonest first, else newest first. */
export async function listCallRecords(
  db: Kysely<DB>,
  f: CallRecordFilter,
): Promise<{ rows: CallRecordNamedRow[]; total: number }> {
  let base = named(db);
  if (f.scope.kind === 'subtree') base = base.where('unit.path', 'like', `${f.scope.path}%`);
  if (f.scope.kind === 'unit') base = base.where('call_record.unit_id', '=', f.scope.unitId);
  if (f.recusedPetitionIds.length > 0) {
    const recused = [...f.recusedPetitionIds];
    base = base.where((eb) =>
      eb.or([eb('call_record.petition_id', 'is', null), eb('call_record.petition_id', 'not in', recused)]),
    );
  }
  switch (f.callback) {
    case 'pending':
      base = base
        .where('call_record.callback_due_at', 'is not', null)
        .where('call_record.callback_done_at', 'is', null);
      break;
    case 'overdue':
      base = base.where('call_record.callback_due_at', '<', f.now).where('call_record.callback_done_at', 'is', null);
      break;
    case 'done':
      base = base.where('call_record.callback_done_at', 'is not', null);
      break;
    case 'none':
      base = base.where('call_record.callback_due_at', 'is', null).where('call_record.callback_done_at', 'is', null);
      break;
    case 'all':
      break;
  }
  const counted = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  const ordered =
    f.callback === 'pending' || f.callback === 'overdue'
      ? base.orderBy('call_record.callback_due_at').orderBy('call_record.id')
      : f.callback === 'done'
        ? base.orderBy('call_record.callback_done_at', 'desc').orderBy('call_record.id', 'desc')
        : base.orderBy('call_record.called_at', 'desc').orderBy('call_record.id', 'desc');
  const rows = await ordered.limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(counted?.n ?? 0) };
}

/** Link a call to the case it became, once. @returns false when it was linked meanwhile */
export async function linkCallRecord(db: Kysely<DB>, id: string, petitionId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('call_record')
    .set({ petition_id: petitionId, updated_at: at })
    .where('id', '=', id)
    .where('petition_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Record the call-back once. @returns false when it was recorded meanwhile */
export async function recordCallRecordCallback(
  db: Kysely<DB>,
  id: string,
  callback: { doneAt: string; by: string; note: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('call_record')
    .set({
      callback_done_at: callback.doneAt,
      callback_by: callback.by,
      callback_note: callback.note,
      updated_at: callback.at,
    })
    .where('id', '=', id)
    .where('callback_done_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

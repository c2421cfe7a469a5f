/**
 * 值班日志 (duty log): what a shift received and did — calls, visits, events, instructions from
 * above — each with its time; the handover note (交接班) that closes the shift and is shown to the
 * next one. A call or visit entry becomes a petition in one step: registered through the intake
 * module (channel, time, unit and text from the entry), the entry linked to the case and the case
 * recording the entry through the petition engine, in one transaction (《信访工作条例》第17条: the
 * channels; 第5条: nothing received on duty is left unregistered).
 */
import { can, type Actor } from '../../../common/domain/access.ts';
import { LEGAL_DATE_MESSAGES, legalDateProblem } from '../../../common/domain/legal-dates.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  EntryToPetitionInputSchema,
  type DutyEntryInput,
  type DutyEntryView,
  type DutyLogView,
  type EntryToPetitionInput,
} from '../../../common/schemas/duty.ts';
import type { RegisterPetitionData } from '../../../common/schemas/petition.ts';
import { appendAudit } from '../../platform/audit.ts';
import { assertMayRegister, noticesForRegistration, registerInTransaction } from '../intake/index.ts';
import { recordPetitionEvent, type PetitionDeps } from '../petition/index.ts';
import {
  entriesOfShift,
  findEntry,
  findShift,
  handOverShift,
  insertEntry,
  linkEntry,
  nextShift,
  previousShift,
  shiftsAround,
  type EntryRow,
  type ShiftRow,
} from './duty.repository.ts';
import { fieldError } from '../../../common/errors.ts';
import { isOnShift, mayReadShift, rowOnDutyAt, shiftView, unitOfShift } from './roster.service.ts';

function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', { message: `${what} not found` });
}

/** Those on the shift, and the office (or a 区队 head at his own unit) with `duty.log` there. */
function mayLog(actor: Actor, row: ShiftRow): boolean {
  return isOnShift(actor, row) || can(actor, 'duty.log', unitOfShift(row));
}

function entryView(actor: Actor, shift: ShiftRow, row: EntryRow): DutyEntryView {
  const turnable =
    row.petition_id === null &&
    (row.kind === 'call' || row.kind === 'visit') &&
    can(actor, 'petition.register', unitOfShift(shift));
  return {
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurred_at,
    text: row.text,
    recordedByName: row.recorded_by_name,
    petition:
      row.petition_id === null || row.case_number === null
        ? null
        : { id: row.petition_id, caseNumber: row.case_number },
    actions: turnable ? ['petition'] : [],
  };
}

async function readableShift(deps: PetitionDeps, actor: Actor, shiftId: string): Promise<ShiftRow> {
  const row = await findShift(deps.db, shiftId);
  if (row === undefined || !mayReadShift(actor, row)) throw notFound('Shift');
  return row;
}

/**
 * The duty-log entry a contingency plan is started from (emergency module, source `duty_log`): one
 * the actor may read. @throws NOT_FOUND naming `source.id` (no such entry, or out of sight)
 */
export async function dutyEntryToActivate(deps: PetitionDeps, actor: Actor, entryId: string): Promise<void> {
  const entry = await findEntry(deps.db, entryId);
  const shift = entry === undefined ? undefined : await findShift(deps.db, entry.shift_id);
  if (entry === undefined || shift === undefined || !mayReadShift(actor, shift))
    throw new DomainError('NOT_FOUND', { message: 'Entry not found', details: { field: 'source.id' } });
}

/**
 * The log of a shift — by default the one running now at the actor's unit — with the handover of
 * the shift before it.
 * @throws NOT_FOUND (the shift asked for, out of sight)
 */
export async function getDutyLog(deps: PetitionDeps, actor: Actor, shiftId: string | undefined): Promise<DutyLogView> {
  let shift: ShiftRow | undefined;
  if (shiftId !== undefined) shift = await readableShift(deps, actor, shiftId);
  else {
    const now = deps.clock.now().toISOString();
    shift = rowOnDutyAt(await shiftsAround(deps.db, [actor.unitId], now), now);
    if (shift !== undefined && !mayReadShift(actor, shift)) shift = undefined;
  }
  if (shift === undefined) return { shift: null, previousHandover: null, entries: [], mayLog: false, next: null };
  const [before, rows, after] = await Promise.all([
    previousShift(deps.db, shift.unit_id, shift.start_at),
    entriesOfShift(deps.db, shift.id),
    nextShift(deps.db, shift.unit_id, shift.end_at),
  ]);
  const current = shift;
  return {
    shift: shiftView(current),
    previousHandover: before === undefined ? null : shiftView(before).handover,
    entries: rows.map((r) => entryView(actor, current, r)),
    mayLog: current.handed_over_at === null && mayLog(actor, current),
    next: after === undefined ? null : { id: after.id, startAt: after.start_at, leaderName: after.leader_name },
  };
}

/**
 * Log an entry on a shift still open: at its time (within the shift, not in the future).
 * @throws NOT_FOUND, FORBIDDEN, DUTY_SHIFT_CLOSED, VALIDATION_FAILED (occurredAt)
 */
export async function addDutyEntry(
  deps: PetitionDeps,
  actor: Actor,
  shiftId: string,
  input: DutyEntryInput,
): Promise<DutyLogView> {
  const shift = await readableShift(deps, actor, shiftId);
  if (!mayLog(actor, shift)) throw new DomainError('FORBIDDEN', { message: 'You may not log on this shift' });
  if (shift.handed_over_at !== null)
    throw new DomainError('DUTY_SHIFT_CLOSED', { message: 'The shift has been handed over' });
  const now = deps.clock.now();
  const at = now.toISOString();
  const occurredAt = input.occurredAt === undefined ? at : new Date(input.occurredAt).toISOString();
  const problem = legalDateProblem(occurredAt, now);
  if (problem !== null) throw fieldError(['occurredAt'], LEGAL_DATE_MESSAGES[problem]);
  if (occurredAt < shift.start_at || occurredAt >= shift.end_at)
    throw fieldError(['occurredAt'], 'the time lies within the shift');
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await insertEntry(trx, {
      id,
      shift_id: shift.id,
      kind: input.kind,
      occurred_at: occurredAt,
      text: input.text,
      recorded_by: actor.id,
      petition_id: null,
      created_at: at,
    });
    // The audit row names the entry and its kind, never what the caller said.
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'duty.log.entry',
      entityType: 'duty_shift',
      entityId: shift.id,
      after: { entryId: id, kind: input.kind, occurredAt },
    });
  });
  return getDutyLog(deps, actor, shift.id);
}

/**
 * 交接班: the handover note closes the shift; the next shift reads it. Once only.
 * @throws NOT_FOUND, FORBIDDEN, DUTY_SHIFT_CLOSED (already handed over)
 */
export async function handOver(
  deps: PetitionDeps,
  actor: Actor,
  shiftId: string,
  input: { note: string },
): Promise<DutyLogView> {
  const shift = await readableShift(deps, actor, shiftId);
  if (!mayLog(actor, shift)) throw new DomainError('FORBIDDEN', { message: 'You may not hand over this shift' });
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await handOverShift(trx, shift.id, { note: input.note, at, by: actor.id })))
      throw new DomainError('DUTY_SHIFT_CLOSED', { message: 'The shift has already been handed over' });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'duty.handover',
      entityType: 'duty_shift',
      entityId: shift.id,
      after: { handedOverAt: at },
    });
  });
  return getDutyLog(deps, actor, shift.id);
}

/**
 * A call or visit entry becomes a petition in one step: registered at the shift's unit as 来电 or
 * 来访 at the entry's time with the entry's text, the entry linked to it, the case recording the
 * entry (internal event) — one transaction.
 * @throws NOT_FOUND, FORBIDDEN (may not register at the unit), DUTY_ENTRY_ALREADY_LINKED,
 *   VALIDATION_FAILED (an event or instruction entry; any rule of registration, naming its field)
 */
export async function entryToPetition(
  deps: PetitionDeps,
  actor: Actor,
  entryId: string,
  rawInput: EntryToPetitionInput,
): Promise<{ entry: DutyEntryView; petition: { id: string; caseNumber: string } }> {
  const input = EntryToPetitionInputSchema.parse(rawInput);
  const entry = await findEntry(deps.db, entryId);
  const shift = entry === undefined ? undefined : await findShift(deps.db, entry.shift_id);
  if (entry === undefined || shift === undefined || !mayReadShift(actor, shift)) throw notFound('Entry');
  if (entry.petition_id !== null)
    throw new DomainError('DUTY_ENTRY_ALREADY_LINKED', { message: 'The entry already became a petition' });
  if (entry.kind !== 'call' && entry.kind !== 'visit')
    throw fieldError(['kind'], 'only a call or a visit becomes a petition');
  assertMayRegister(actor, unitOfShift(shift));
  const body = entry.text.length >= 5 ? entry.text : `${entry.text}（值班记录）`;
  const registration: RegisterPetitionData = {
    channel: entry.kind === 'call' ? 'phone' : 'visit',
    type: input.type,
    purpose: input.purpose,
    ...(input.categoryCode === undefined ? {} : { categoryCode: input.categoryCode }),
    title: input.title,
    body,
    receivedAt: entry.occurred_at,
    anonymous: input.petitionerName === undefined,
    petitioners:
      input.petitionerName === undefined
        ? []
        : [{ name: input.petitionerName, identity: 'employee', isRepresentative: false }],
    headcount: 1,
    involvedUnitIds: [],
    namedPersons: [],
  };
  const petition = await deps.db.transaction().execute(async (trx) => {
    const notices = await noticesForRegistration(trx, actor, { path: shift.unit_path, name: shift.unit_name });
    const registered = await registerInTransaction(deps, trx, actor, registration, {
      registeredUnitId: shift.unit_id,
      notices,
    });
    if (!(await linkEntry(trx, entry.id, registered.id)))
      throw new DomainError('DUTY_ENTRY_ALREADY_LINKED', { message: 'The entry already became a petition' });
    await recordPetitionEvent(
      trx,
      deps,
      actor,
      registered.loaded.petition,
      registered.loaded.petition.registered_path,
      {
        kind: 'recordDutyEntry',
        data: { entryId: entry.id, shiftId: shift.id, kind: entry.kind, occurredAt: entry.occurred_at },
        internal: true,
        audit: { after: { entryId: entry.id, shiftId: shift.id } },
      },
    );
    return { id: registered.id, caseNumber: registered.caseNumber };
  });
  const linked = await findEntry(deps.db, entry.id);
  if (linked === undefined) throw notFound('Entry');
  return { entry: entryView(actor, shift, linked), petition };
}

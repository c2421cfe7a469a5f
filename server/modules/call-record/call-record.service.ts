/**
 * 来电登记 (call record): a phone intake (《信访工作条例》第17条 names 电话 among the channels) as the
 * office takes it — time, duration, the summary, the call-back promised (by when) and made — and,
 * when it is a petition, the case it becomes (registered as 来电, received at the call's time) or the
 * open case it is about, linked both ways: the call names its case, the case page lists its calls.
 *
 * The call-back number is identity data (DESIGN "Identity protection"): AES-256-GCM at rest with an
 * HMAC blind index, as the petitioner module keeps a petitioner's phone; shown masked; in full only
 * to the office through an audited reveal; and, on a call linked to a case, only to whom the
 * petitioner's identity is (第30条: who filed an accusation is the office's to know). Turning a call
 * into a petition can copy the number to the first petitioner on the server, so it never travels to
 * the browser in full.
 *
 * Who sees a call: the office whose subtree took it (a frontline head the calls of his own unit),
 * the person who took it, and whoever may read the case it is linked to — never a person recused
 * from that case (第28条). Every call step on a case goes through the petition engine
 * (`recordCall`, `recordCallback`); a call on no case is audited as `call_record.*`.
 */
import type { Kysely } from 'kysely';
import { can, scopeOf, type Actor } from '../../../common/domain/access.ts';
import { maskPhone } from '../../../common/domain/identity.ts';
import { LEGAL_DATE_MESSAGES, legalDateProblem } from '../../../common/domain/legal-dates.ts';
import { isOpen } from '../../../common/domain/petition-state.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import {
  CALLBACK_MAX_DAYS,
  CallRecordListQuerySchema,
  type CallbackStatus,
  type CallRecordData,
  type CallRecordListQuery,
  type CallRecordListView,
  type CallRecordView,
  type CallToPetitionView,
} from '../../../common/schemas/call-record.ts';
import type { RegisterPetitionData } from '../../../common/schemas/petition.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { assertMayRegister, noticesForRegistration, receiptOf, registerInTransaction } from '../intake/index.ts';
import {
  canAct,
  canRead,
  canRevealIdentity,
  canSeeIdentity,
  loadCase,
  loadReadable,
  recordPetitionEvent,
  recusedPetitionIds,
  type Loaded,
  type PetitionDeps,
} from '../petition/index.ts';
import {
  callRecordsOfPetition,
  findCallRecord,
  insertCallRecord,
  linkCallRecord,
  listCallRecords,
  recordCallRecordCallback,
  type CallRecordNamedRow,
} from './call-record.repository.ts';

const DAY_MS = 86_400_000;

function checkDate(field: string, value: string, now: Date, notBefore?: string | null): void {
  const problem = legalDateProblem(value, now, notBefore);
  if (problem !== null) throw fieldError(field, LEGAL_DATE_MESSAGES[problem]);
}

function unitOf(row: CallRecordNamedRow) {
  return { id: row.unit_id, path: row.unit_path };
}

// ---------------------------------------------------------------------------------------------
// Who sees a call, and what of it

type Access = { row: CallRecordNamedRow; loaded: Loaded | null };

function isRecused(actor: Actor, loaded: Loaded | null): boolean {
  return loaded !== null && loaded.facts.recusedUserIds.includes(actor.id);
}

/** The office whose subtree took the call, its recorder, and the readers of its case; never the recused. */
function mayRead(actor: Actor, { row, loaded }: Access): boolean {
  if (isRecused(actor, loaded)) return false;
  return (
    row.recorded_by === actor.id ||
    can(actor, 'call_record.read', unitOf(row)) ||
    (loaded !== null && canRead(actor, loaded.facts))
  );
}

/** The caller's name and number: on a case, to whom the petitioner's identity is (第30条). */
function maySeeCaller(actor: Actor, { row, loaded }: Access): boolean {
  return loaded === null || row.recorded_by === actor.id || canSeeIdentity(actor, loaded.facts);
}

/** Record the call-back or turn the call into a petition: its recorder, or who may register at its unit. */
function mayWork(actor: Actor, { row }: Access): boolean {
  return row.recorded_by === actor.id || can(actor, 'petition.register', unitOf(row));
}

function mayReveal(actor: Actor, access: Access): boolean {
  const { row, loaded } = access;
  return (
    row.caller_number_enc !== null &&
    can(actor, 'call_record.reveal', unitOf(row)) &&
    (loaded === null || canRevealIdentity(actor, loaded.facts))
  );
}

function callbackStatus(row: CallRecordNamedRow, now: string): CallbackStatus {
  if (row.callback_done_at !== null) return 'done';
  if (row.callback_due_at === null) return 'none';
  return row.callback_due_at < now ? 'overdue' : 'pending';
}

function viewOf(deps: PetitionDeps, actor: Actor, access: Access): CallRecordView {
  const { row, loaded } = access;
  const caller = maySeeCaller(actor, access);
  const actions: CallRecordView['actions'] = [];
  if (mayReveal(actor, access)) actions.push('reveal');
  if (row.callback_done_at === null && mayWork(actor, access)) actions.push('callback');
  if (row.petition_id === null && can(actor, 'petition.register', unitOf(row))) actions.push('petition');
  return {
    id: row.id,
    unitName: row.unit_name,
    recordedByName: row.recorded_by_name,
    calledAt: row.called_at,
    durationSeconds: row.duration_seconds,
    callerName: caller ? row.caller_name : null,
    callerNumber:
      caller && row.caller_number_enc !== null ? maskPhone(deps.cipher.decrypt(row.caller_number_enc)) : null,
    summary: row.summary,
    callback: {
      status: callbackStatus(row, deps.clock.now().toISOString()),
      dueAt: row.callback_due_at,
      doneAt: row.callback_done_at,
      byName: row.callback_by_name,
      note: row.callback_note,
    },
    petition:
      loaded !== null && canRead(actor, loaded.facts)
        ? { id: loaded.petition.id, caseNumber: loaded.petition.case_number }
        : null,
    actions,
    createdAt: row.created_at,
  };
}

/** A call and its case, as `actor` may see them. @throws NOT_FOUND (missing, out of sight, recused) */
async function loadCall(db: Kysely<DB>, actor: Actor, id: string): Promise<Access> {
  const row = await findCallRecord(db, id);
  const petitionId = row?.petition_id ?? null;
  const loaded = petitionId === null ? null : await loadCase(db, petitionId);
  const access = row === undefined ? null : { row, loaded };
  if (access === null || !mayRead(actor, access)) {
    throw new DomainError('NOT_FOUND', { message: 'Call record not found', details: { callId: id } });
  }
  return access;
}

async function viewById(deps: PetitionDeps, actor: Actor, id: string): Promise<CallRecordView> {
  return viewOf(deps, actor, await loadCall(deps.db, actor, id));
}

// ---------------------------------------------------------------------------------------------
// Use cases

/**
 * Record a call: its call-back number encrypted with its blind index; on the open case it is about
 * (an event through the engine), or on none (audited as `call_record.record`).
 * @throws FORBIDDEN (may not register here, or not the office of the case), NOT_FOUND (the case),
 *   VALIDATION_FAILED (the call's time, the call-back's date, a closed case — each naming its field)
 */
export async function recordCall(deps: PetitionDeps, actor: Actor, input: CallRecordData): Promise<CallRecordView> {
  assertMayRegister(actor, { id: actor.unitId, path: actor.unitPath });
  const now = deps.clock.now();
  const at = now.toISOString();
  checkDate('calledAt', input.calledAt, now);
  const calledAt = new Date(input.calledAt).toISOString();
  const callbackDueAt = input.callbackDueAt === undefined ? null : new Date(input.callbackDueAt).toISOString();
  if (callbackDueAt !== null) {
    if (callbackDueAt < calledAt) throw fieldError('callbackDueAt', 'must not be before the call');
    if (Date.parse(callbackDueAt) - Date.parse(calledAt) > CALLBACK_MAX_DAYS * DAY_MS)
      throw fieldError('callbackDueAt', `must be within ${CALLBACK_MAX_DAYS} days of the call`);
  }
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    let loaded: Loaded | null = null;
    if (input.petitionId !== undefined) {
      loaded = await loadCase(trx, input.petitionId);
      if (loaded === null || !canRead(actor, loaded.facts))
        throw new DomainError('NOT_FOUND', {
          message: 'Petition not found',
          details: { petitionId: input.petitionId },
        });
      if (!canAct(actor, 'register', loaded.facts))
        throw new DomainError('FORBIDDEN', { message: 'Only the office in scope records a call on a case' });
      if (!isOpen(loaded.petition.state)) throw fieldError('petitionId', 'the case is closed');
      checkDate('calledAt', calledAt, now, loaded.petition.received_at);
    }
    await insertCallRecord(trx, {
      id,
      unit_id: actor.unitId,
      recorded_by: actor.id,
      called_at: calledAt,
      duration_seconds: input.durationSeconds,
      caller_name: input.callerName ?? null,
      caller_number_enc: input.callerNumber === undefined ? null : deps.cipher.encrypt(input.callerNumber),
      caller_number_index: input.callerNumber === undefined ? null : deps.cipher.blindIndex(input.callerNumber),
      summary: input.summary,
      callback_due_at: callbackDueAt,
      callback_done_at: null,
      callback_by: null,
      callback_note: null,
      petition_id: loaded?.petition.id ?? null,
      created_at: at,
      updated_at: at,
    });
    // The audit row names the call, never the caller or the number.
    const after = { callId: id, durationSeconds: input.durationSeconds, callbackDueAt };
    if (loaded !== null) {
      await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
        kind: 'recordCall',
        data: { callId: id, calledAt, durationSeconds: input.durationSeconds },
        internal: true,
        audit: { after },
      });
    } else {
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'call_record.record',
        entityType: 'call_record',
        entityId: id,
        after: { ...after, unitId: actor.unitId },
      });
    }
  });
  return viewById(deps, actor, id);
}

/**
 * A call becomes a petition: registered as 来电 at the call's unit and time, the call linked to it
 * and recorded on it, in one transaction. With `useCallerNumber`, the first petitioner without a
 * phone gets the caller's number.
 * @throws NOT_FOUND, FORBIDDEN (may not register at the call's unit), CALL_RECORD_ALREADY_LINKED,
 *   VALIDATION_FAILED (any rule of registration, naming its field under `petition`)
 */
export async function callToPetition(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { petition: RegisterPetitionData; useCallerNumber: boolean },
): Promise<CallToPetitionView> {
  const access = await loadCall(deps.db, actor, id);
  const { row } = access;
  if (row.petition_id !== null) {
    throw new DomainError('CALL_RECORD_ALREADY_LINKED', { message: 'The call is already linked to a petition' });
  }
  assertMayRegister(actor, unitOf(row));
  const callerPhone =
    input.useCallerNumber && row.caller_number_enc !== null ? deps.cipher.decrypt(row.caller_number_enc) : undefined;
  const petitioners = input.petition.petitioners.map((p, index) =>
    index === 0 && p.phone === undefined && callerPhone !== undefined ? { ...p, phone: callerPhone } : p,
  );
  const registration: RegisterPetitionData = {
    ...input.petition,
    petitioners,
    channel: 'phone',
    receivedAt: row.called_at,
  };
  const receipt = await deps.db.transaction().execute(async (trx) => {
    const notices = await noticesForRegistration(trx, actor, { path: row.unit_path, name: row.unit_name });
    const registered = await registerInTransaction(deps, trx, actor, registration, {
      registeredUnitId: row.unit_id,
      notices,
    });
    if (!(await linkCallRecord(trx, id, registered.id, deps.clock.now().toISOString()))) {
      throw new DomainError('CALL_RECORD_ALREADY_LINKED', { message: 'The call is already linked to a petition' });
    }
    await recordPetitionEvent(
      trx,
      deps,
      actor,
      registered.loaded.petition,
      registered.loaded.petition.registered_path,
      {
        kind: 'recordCall',
        data: { callId: id, calledAt: row.called_at, durationSeconds: row.duration_seconds },
        internal: true,
        audit: { after: { callId: id, durationSeconds: row.duration_seconds } },
      },
    );
    return receiptOf(registered, actor);
  });
  return { call: await viewById(deps, actor, id), receipt };
}

/**
 * The call-back made: when (not in the future, not before the call) and what the caller was told;
 * on the case when the call has one.
 * @throws NOT_FOUND, FORBIDDEN, CALLBACK_ALREADY_RECORDED, VALIDATION_FAILED (doneAt)
 */
export async function recordCallback(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { doneAt?: string | undefined; note: string },
): Promise<CallRecordView> {
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const access = await loadCall(trx, actor, id);
    const { row, loaded } = access;
    if (!mayWork(actor, access)) {
      throw new DomainError('FORBIDDEN', { message: 'Only the recorder or the office records a call-back' });
    }
    const doneAt = input.doneAt === undefined ? at : new Date(input.doneAt).toISOString();
    checkDate('doneAt', doneAt, now, row.called_at);
    if (!(await recordCallRecordCallback(trx, id, { doneAt, by: actor.id, note: input.note, at }))) {
      throw new DomainError('CALLBACK_ALREADY_RECORDED', { message: 'The call-back is already recorded' });
    }
    if (loaded !== null) {
      await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
        kind: 'recordCallback',
        data: { callId: id, doneAt, note: input.note },
        internal: true,
        audit: { after: { callId: id, doneAt } },
      });
    } else {
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'call_record.callback',
        entityType: 'call_record',
        entityId: id,
        after: { doneAt },
      });
    }
  });
  return viewById(deps, actor, id);
}

/**
 * The full call-back number, for an officer who must ring back; audited.
 * @throws NOT_FOUND (no such call in sight, or no number), FORBIDDEN (not the office, or not theirs
 *   to see on the case)
 */
export async function revealCallerNumber(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
): Promise<{ callerNumber: string }> {
  const access = await loadCall(deps.db, actor, id);
  const encrypted = access.row.caller_number_enc;
  if (encrypted === null) throw new DomainError('NOT_FOUND', { message: 'The call has no number' });
  if (!mayReveal(actor, access)) throw new DomainError('FORBIDDEN', { message: 'You may not see the full number' });
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'call_record.reveal_number',
      entityType: 'call_record',
      entityId: id,
      after: access.row.petition_id === null ? {} : { petitionId: access.row.petition_id },
    }),
  );
  return { callerNumber: deps.cipher.decrypt(encrypted) };
}

/** One call as `actor` may see it. @throws NOT_FOUND */
export async function getCall(deps: PetitionDeps, actor: Actor, id: string): Promise<CallRecordView> {
  return viewById(deps, actor, id);
}

/**
 * The calls taken in the actor's scope, by call-back: `pending` (promised, not yet made; overdue
 * ones included) soonest first — the list the office works through.
 * @throws FORBIDDEN (a role that reads no calls)
 */
export async function listCalls(
  deps: PetitionDeps,
  actor: Actor,
  rawQuery: CallRecordListQuery,
): Promise<CallRecordListView> {
  const query = CallRecordListQuerySchema.parse(rawQuery);
  const scope = scopeOf(actor, 'call_record.read');
  if (scope.kind === 'none') throw new DomainError('FORBIDDEN', { message: 'You may not read calls' });
  const { rows, total } = await listCallRecords(deps.db, {
    scope,
    recusedPetitionIds: [...(await recusedPetitionIds(deps.db, actor.id))],
    callback: query.callback,
    now: deps.clock.now().toISOString(),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const cases = new Map<string, Loaded | null>();
  for (const id of new Set(rows.map((r) => r.petition_id).filter((p): p is string => p !== null))) {
    cases.set(id, await loadCase(deps.db, id));
  }
  return {
    items: rows.map((row) =>
      viewOf(deps, actor, { row, loaded: row.petition_id === null ? null : (cases.get(row.petition_id) ?? null) }),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The calls of a case, for its page (the link from the case to its calls). @throws NOT_FOUND */
export async function listCallsOfPetition(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
): Promise<{ items: CallRecordView[] }> {
  const loaded = await loadReadable(deps, actor, petitionId);
  const rows = await callRecordsOfPetition(deps.db, petitionId);
  return { items: rows.map((row) => viewOf(deps, actor, { row, loaded })) };
}

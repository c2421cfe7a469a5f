/**
 * 值班带班 (duty roster): each unit's shifts — the leader on duty (带班领导), the officer on duty
 * (值班员) and the duty phone — kept a week at a time by the office; swap requests (换班) the office
 * decides; who is on duty now.
 *
 * 《信访工作条例》第5条 (源头预防) and 第8条 (each level answers for its own): a unit keeps someone
 * answerable, and in a sensitive period (holidays, wage days, restructuring) around the clock. So a
 * roster is refused when two of a unit's shifts overlap (DUTY_SHIFT_OVERLAP, naming the shift) or
 * when it leaves any hour of a sensitive period uncovered (DUTY_COVERAGE_GAP, naming the gaps).
 * A shift that was logged on or handed over is history: it keeps its times and cannot be removed.
 */
import {
  can,
  hasAction,
  isLeader,
  LEADER_ROLES,
  DUTY_OFFICER_ROLES,
  type Actor,
  type UnitRef,
} from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf, weekdayOf } from '../../../common/domain/calendar.ts';
import {
  coverageGaps,
  firstOverlap,
  localDaysWindow,
  MAX_SHIFT_HOURS,
  onDutyAt,
  type Interval,
} from '../../../common/domain/duty.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import type {
  OnDutyView,
  RosterQuery,
  RosterWeekInput,
  RosterWeekView,
  ShiftView,
  SwapRequestInput,
  SwapView,
} from '../../../common/schemas/duty.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { notify } from '../notification/index.ts';
import { ancestorIds, findUnitById } from '../unit/index.ts';
import { activePeopleAt, activePeopleUnder, findUserById } from '../user/index.ts';
import { sensitivePeriodsBetween } from '../warning/index.ts';
import {
  decideSwap,
  deleteShift,
  findShift,
  findSwap,
  insertShift,
  insertSwap,
  shiftsAround,
  shiftsOfUnitMeeting,
  shiftsWithEntries,
  swapsOfUnit,
  updateShift,
  type ShiftRow,
  type SwapRow,
} from './duty.repository.ts';

const HOUR_MS = 3_600_000;

function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', { message: `${what} not found` });
}

export function unitOfShift(row: Pick<ShiftRow, 'unit_id' | 'unit_path'>): UnitRef {
  return { id: row.unit_id, path: row.unit_path };
}

/** On the shift itself (its leader or officer): he reads and logs it whatever his role's reach. */
export function isOnShift(actor: Actor, row: Pick<ShiftRow, 'leader_id' | 'officer_id'>): boolean {
  return row.leader_id === actor.id || row.officer_id === actor.id;
}

export function mayReadShift(actor: Actor, row: ShiftRow): boolean {
  return isOnShift(actor, row) || can(actor, 'duty.read', unitOfShift(row));
}

export function shiftView(row: ShiftRow): ShiftView {
  return {
    id: row.id,
    unit: { id: row.unit_id, name: row.unit_name },
    startAt: row.start_at,
    endAt: row.end_at,
    leader: { id: row.leader_id, name: row.leader_name },
    officer: { id: row.officer_id, name: row.officer_name },
    phone: row.phone,
    handover:
      row.handed_over_at === null
        ? null
        : { note: row.handover_note ?? '', at: row.handed_over_at, byName: row.handed_over_by_name ?? '' },
  };
}

/** The requester and the colleague never decide their own swap: the office decides it for them. */
function isParty(actor: Actor, row: Pick<SwapRow, 'requested_by' | 'colleague_id'>): boolean {
  return row.requested_by === actor.id || row.colleague_id === actor.id;
}

function swapView(actor: Actor, row: SwapRow): SwapView {
  const mayDecide =
    row.state === 'pending' &&
    !isParty(actor, row) &&
    can(actor, 'duty.manage', { id: row.unit_id, path: row.unit_path });
  return {
    id: row.id,
    shiftId: row.shift_id,
    shiftStartAt: row.shift_start_at,
    shiftEndAt: row.shift_end_at,
    unitName: row.unit_name,
    slot: row.slot,
    requestedByName: row.requested_by_name,
    colleagueName: row.colleague_name,
    reason: row.reason,
    state: row.state,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    createdAt: row.created_at,
    actions: mayDecide ? ['approve', 'refuse'] : [],
  };
}

/** Who may be named on a unit's shift: leaders at the unit or above it; staff of its subtree. */
async function candidatesFor(deps: ServiceDeps, unit: UnitRef) {
  const [leaders, officers] = await Promise.all([
    activePeopleAt(deps.db, [...ancestorIds(unit.path), unit.id], LEADER_ROLES),
    activePeopleUnder(deps.db, unit.path, DUTY_OFFICER_ROLES),
  ]);
  return {
    leaders: leaders.map((u) => ({ id: u.id, name: u.display_name })),
    officers: officers.map((u) => ({ id: u.id, name: u.display_name })),
  };
}

async function loadUnit(deps: ServiceDeps, unitId: string) {
  const unit = await findUnitById(deps.db, unitId);
  if (unit === undefined || unit.active !== 1) throw notFound('Unit');
  return unit;
}

/** The week [Monday 00:00, next Monday 00:00) in China as instants. */
function weekWindow(weekStart: string): Interval {
  return localDaysWindow(weekStart, addCalendarDays(weekStart, 6));
}

/** The Monday of the local week holding `date`. */
function mondayOf(date: string): string {
  return addCalendarDays(date, 1 - weekdayOf(date));
}

/** The sensitive windows of the week (each clipped to the week), with the periods' names. */
async function sensitiveWindows(deps: ServiceDeps, weekStart: string) {
  const weekEnd = addCalendarDays(weekStart, 6);
  const periods = await sensitivePeriodsBetween(deps.db, weekStart, weekEnd);
  return {
    periods: periods.map((p) => ({ name: p.name, startDate: p.start_date, endDate: p.end_date })),
    windows: periods.map((p) =>
      localDaysWindow(p.start_date > weekStart ? p.start_date : weekStart, p.end_date < weekEnd ? p.end_date : weekEnd),
    ),
  };
}

/** A shift row as the interval the pure rules take. */
export function intervalOf(row: Pick<ShiftRow, 'start_at' | 'end_at'>): Interval {
  return { startAt: row.start_at, endAt: row.end_at };
}

/** The row running at `at` among `rows` (common/domain/duty.ts decides). */
export function rowOnDutyAt(rows: readonly ShiftRow[], at: string): ShiftRow | undefined {
  const hit = onDutyAt(
    rows.map((r, index) => ({ ...intervalOf(r), index })),
    at,
  );
  return hit === undefined ? undefined : rows[hit.index];
}

function gapsOf(windows: readonly Interval[], shifts: readonly Interval[]): Interval[] {
  return windows.flatMap((w) => coverageGaps(w, shifts));
}

// ---------------------------------------------------------------------------------------------
// The week's roster

/**
 * A unit's roster for one week: its shifts, the sensitive periods that meet it and any of their
 * hours left uncovered, the swaps on it, and who may be named.
 * @throws FORBIDDEN (no duty reach at the unit), NOT_FOUND (the unit)
 */
export async function getRosterWeek(deps: ServiceDeps, actor: Actor, query: RosterQuery): Promise<RosterWeekView> {
  const unit = await loadUnit(deps, query.unitId ?? actor.unitId);
  const ref = { id: unit.id, path: unit.path };
  if (!can(actor, 'duty.read', ref)) throw new DomainError('FORBIDDEN', { message: 'You may not read this roster' });
  const weekStart = mondayOf(query.weekStart ?? localDateOf(deps.clock.now().toISOString()));
  const week = weekWindow(weekStart);
  const [rows, sensitive, swaps, candidates] = await Promise.all([
    shiftsOfUnitMeeting(deps.db, unit.id, week.startAt, week.endAt),
    sensitiveWindows(deps, weekStart),
    swapsOfUnit(deps.db, unit.id, week.startAt, week.endAt),
    candidatesFor(deps, ref),
  ]);
  const now = deps.clock.now().toISOString();
  return {
    unit: { id: unit.id, name: unit.name },
    weekStart,
    shifts: rows.map((row) => ({
      ...shiftView(row),
      mayRequestSwap: isOnShift(actor, row) && row.end_at > now && row.handed_over_at === null,
    })),
    sensitivePeriods: sensitive.periods,
    gaps: gapsOf(sensitive.windows, rows.map(intervalOf)),
    candidates,
    swaps: swaps.map((s) => swapView(actor, s)),
    mayManage: can(actor, 'duty.manage', ref),
  };
}

/**
 * Save a unit's roster for a week as a whole: shifts with an id are edited, without one added, and
 * the week's shifts left out removed — in one transaction, audited once.
 * @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (weekStart not a Monday; a shift outside the week,
 *   ending before it starts, longer than 26 hours; a leader or officer who may not stand it),
 *   DUTY_SHIFT_OVERLAP, DUTY_COVERAGE_GAP, DUTY_SHIFT_CLOSED (a logged or handed-over shift changed)
 */
export async function saveRosterWeek(deps: ServiceDeps, actor: Actor, input: RosterWeekInput): Promise<RosterWeekView> {
  const unit = await loadUnit(deps, input.unitId);
  const ref = { id: unit.id, path: unit.path };
  if (!can(actor, 'duty.manage', ref))
    throw new DomainError('FORBIDDEN', { message: 'Only the office keeps the duty roster' });
  if (weekdayOf(input.weekStart) !== 1) throw fieldError(['weekStart'], 'a week starts on a Monday');
  const week = weekWindow(input.weekStart);
  const candidates = await candidatesFor(deps, ref);
  const leaderIds = new Set(candidates.leaders.map((p) => p.id));
  const officerIds = new Set(candidates.officers.map((p) => p.id));
  const shifts = input.shifts.map((s, i) => {
    const startAt = new Date(s.startAt).toISOString();
    const endAt = new Date(s.endAt).toISOString();
    if (startAt < week.startAt || startAt >= week.endAt)
      throw fieldError(['shifts', i, 'startAt'], 'the shift must start within the week');
    if (endAt <= startAt) throw fieldError(['shifts', i, 'endAt'], 'the shift must end after it starts');
    if (Date.parse(endAt) - Date.parse(startAt) > MAX_SHIFT_HOURS * HOUR_MS)
      throw fieldError(['shifts', i, 'endAt'], `a shift lasts at most ${MAX_SHIFT_HOURS} hours`);
    if (!leaderIds.has(s.leaderId))
      throw fieldError(['shifts', i, 'leaderId'], 'the leader on duty is a leader at the unit or above it');
    if (!officerIds.has(s.officerId))
      throw fieldError(['shifts', i, 'officerId'], 'the officer on duty works at the unit or below it');
    if (s.officerId === s.leaderId)
      throw fieldError(['shifts', i, 'officerId'], 'the officer on duty is not the leader on duty');
    return { ...s, startAt, endAt };
  });

  const at = deps.clock.now().toISOString();
  const summary = await deps.db.transaction().execute(async (trx) => {
    // Neighbours: shifts of the unit that start outside the week but reach into it (or just around it).
    const around = await shiftsOfUnitMeeting(
      trx,
      unit.id,
      new Date(Date.parse(week.startAt) - MAX_SHIFT_HOURS * HOUR_MS).toISOString(),
      new Date(Date.parse(week.endAt) + MAX_SHIFT_HOURS * HOUR_MS).toISOString(),
    );
    const existing = around.filter((r) => r.start_at >= week.startAt && r.start_at < week.endAt);
    const neighbours = around.filter((r) => !(r.start_at >= week.startAt && r.start_at < week.endAt));
    const byId = new Map(existing.map((r) => [r.id, r]));
    const used = await shiftsWithEntries(
      trx,
      existing.map((r) => r.id),
    );
    const kept = new Set<string>();
    shifts.forEach((s, i) => {
      if (s.id === undefined) return;
      const old = byId.get(s.id);
      if (old === undefined || kept.has(s.id)) throw fieldError(['shifts', i, 'id'], 'not a shift of this week');
      kept.add(s.id);
      const closed = old.handed_over_at !== null;
      const timesChanged = old.start_at !== s.startAt || old.end_at !== s.endAt;
      const peopleChanged = old.leader_id !== s.leaderId || old.officer_id !== s.officerId || old.phone !== s.phone;
      if ((closed && (timesChanged || peopleChanged)) || (used.has(old.id) && timesChanged))
        throw new DomainError('DUTY_SHIFT_CLOSED', {
          message: 'A shift that was logged on or handed over keeps its times',
          details: { in: 'body', issues: [{ path: ['shifts', i, 'startAt'], message: 'the shift is history' }] },
        });
    });
    const removed = existing.filter((r) => !kept.has(r.id));
    const lockedRemoval = removed.find((r) => r.handed_over_at !== null || used.has(r.id));
    if (lockedRemoval !== undefined)
      throw new DomainError('DUTY_SHIFT_CLOSED', {
        message: 'A shift that was logged on or handed over cannot be removed',
        details: {
          in: 'body',
          issues: [{ path: ['shifts'], message: 'a logged shift is missing' }],
          shiftId: lockedRemoval.id,
        },
      });

    const all: Interval[] = [...shifts, ...neighbours.map(intervalOf)];
    const overlap = firstOverlap(all);
    if (overlap !== null) {
      const [i, j] = overlap;
      // Name a shift of the input: j is the later-listed one; a neighbour pair cannot overlap (it was saved).
      const index = j < shifts.length ? j : i;
      throw new DomainError('DUTY_SHIFT_OVERLAP', {
        message: 'Two shifts of the unit overlap',
        details: { in: 'body', issues: [{ path: ['shifts', index, 'startAt'], message: 'overlaps another shift' }] },
      });
    }
    // 24-hour duty in a sensitive period (第5条): every hour of it in this week is someone's shift.
    const { windows } = await sensitiveWindows({ ...deps, db: trx }, input.weekStart);
    const gaps = gapsOf(windows, all);
    if (gaps.length > 0)
      throw new DomainError('DUTY_COVERAGE_GAP', {
        message: 'A sensitive period needs someone on duty around the clock',
        details: {
          in: 'body',
          issues: [{ path: ['shifts'], message: 'hours of a sensitive period are not covered' }],
          gaps,
        },
      });

    for (const r of removed) await deleteShift(trx, r.id);
    let added = 0;
    let changed = 0;
    for (const s of shifts) {
      if (s.id === undefined) {
        added += 1;
        await insertShift(trx, {
          id: deps.ids.next(),
          unit_id: unit.id,
          start_at: s.startAt,
          end_at: s.endAt,
          leader_id: s.leaderId,
          officer_id: s.officerId,
          phone: s.phone,
          handover_note: null,
          handed_over_at: null,
          handed_over_by: null,
          created_by: actor.id,
          created_at: at,
          updated_at: at,
        });
      } else {
        const old = byId.get(s.id);
        if (
          old !== undefined &&
          (old.start_at !== s.startAt ||
            old.end_at !== s.endAt ||
            old.leader_id !== s.leaderId ||
            old.officer_id !== s.officerId ||
            old.phone !== s.phone)
        ) {
          changed += 1;
          await updateShift(trx, s.id, {
            start_at: s.startAt,
            end_at: s.endAt,
            leader_id: s.leaderId,
            officer_id: s.officerId,
            phone: s.phone,
            updated_at: at,
          });
        }
      }
    }
    const summary = { weekStart: input.weekStart, added, changed, removed: removed.length };
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'duty.roster.save',
      entityType: 'unit',
      entityId: unit.id,
      after: summary,
    });
    return summary;
  });
  deps.log.info({ unitId: unit.id, ...summary }, 'duty roster saved');
  return getRosterWeek(deps, actor, { unitId: unit.id, weekStart: input.weekStart });
}

// ---------------------------------------------------------------------------------------------
// Swaps (换班)

/**
 * The person on duty asks to hand his place (leader or officer) on a shift not yet over to a
 * colleague who may stand it.
 * @throws NOT_FOUND, FORBIDDEN (not on the shift in that place), DUTY_SHIFT_CLOSED (over or handed
 *   over), VALIDATION_FAILED (colleagueId: not eligible, or himself)
 */
export async function requestSwap(
  deps: ServiceDeps,
  actor: Actor,
  shiftId: string,
  input: SwapRequestInput,
): Promise<SwapView> {
  const row = await findShift(deps.db, shiftId);
  if (row === undefined || !mayReadShift(actor, row)) throw notFound('Shift');
  const holder = input.slot === 'leader' ? row.leader_id : row.officer_id;
  if (holder !== actor.id)
    throw new DomainError('FORBIDDEN', { message: 'Only the person on duty in that place asks to swap it' });
  const now = deps.clock.now().toISOString();
  if (row.end_at <= now || row.handed_over_at !== null)
    throw new DomainError('DUTY_SHIFT_CLOSED', { message: 'The shift is over' });
  const candidates = await candidatesFor(deps, unitOfShift(row));
  const eligible = input.slot === 'leader' ? candidates.leaders : candidates.officers;
  const other = input.slot === 'leader' ? row.officer_id : row.leader_id;
  if (
    input.colleagueId === actor.id ||
    input.colleagueId === other ||
    !eligible.some((p) => p.id === input.colleagueId)
  )
    throw fieldError(['colleagueId'], 'the colleague may not stand this place on the shift');
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await insertSwap(trx, {
      id,
      shift_id: row.id,
      slot: input.slot,
      requested_by: actor.id,
      colleague_id: input.colleagueId,
      reason: input.reason,
      state: 'pending',
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_at: now,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'duty.swap.request',
      entityType: 'duty_swap',
      entityId: id,
      after: { shiftId: row.id, slot: input.slot, colleagueId: input.colleagueId },
    });
  });
  const swap = await findSwap(deps.db, id);
  if (swap === undefined) throw notFound('Swap');
  return swapView(actor, swap);
}

/**
 * The office decides a swap: approval puts the colleague in the requester's place on the shift;
 * both are told (approval) or the requester is (refusal). Audited either way.
 * @throws NOT_FOUND, FORBIDDEN (not the office of the unit), DUTY_SWAP_DECIDED, DUTY_SHIFT_CLOSED
 */
export async function decideSwapRequest(
  deps: ServiceDeps,
  actor: Actor,
  swapId: string,
  decision: 'approved' | 'refused',
  note: string | undefined,
): Promise<SwapView> {
  const swap = await findSwap(deps.db, swapId);
  if (swap === undefined || !can(actor, 'duty.read', { id: swap.unit_id, path: swap.unit_path }))
    throw notFound('Swap');
  if (isParty(actor, swap) || !can(actor, 'duty.manage', { id: swap.unit_id, path: swap.unit_path }))
    throw new DomainError('FORBIDDEN', { message: 'Only the office decides a swap, never its parties' });
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const shift = await findShift(trx, swap.shift_id);
    if (shift === undefined) throw notFound('Shift');
    if (!(await decideSwap(trx, swapId, { state: decision, by: actor.id, at, note: note ?? null })))
      throw new DomainError('DUTY_SWAP_DECIDED', { message: 'The swap request is already decided' });
    if (decision === 'approved') {
      if (shift.handed_over_at !== null || shift.end_at <= at)
        throw new DomainError('DUTY_SHIFT_CLOSED', { message: 'The shift is over' });
      const colleague = await findUserById(trx, swap.colleague_id);
      const stillEligible =
        colleague !== undefined &&
        colleague.active === 1 &&
        (swap.slot === 'leader' ? isLeader(colleague.role) : true) &&
        (swap.slot === 'leader' ? shift.officer_id : shift.leader_id) !== colleague.id;
      if (!stillEligible) throw fieldError(['colleagueId'], 'the colleague may no longer stand this place');
      await updateShift(
        trx,
        shift.id,
        swap.slot === 'leader'
          ? { leader_id: swap.colleague_id, updated_at: at }
          : { officer_id: swap.colleague_id, updated_at: at },
      );
    }
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: ({ approved: 'duty.swap.approve', refused: 'duty.swap.refuse' } as const)[decision],
      entityType: 'duty_swap',
      entityId: swapId,
      before: { state: 'pending' },
      after: { state: decision, shiftId: shift.id, slot: swap.slot },
    });
    await notify(trx, deps, {
      kind: decision === 'approved' ? 'duty_swap_approved' : 'duty_swap_refused',
      recipients: decision === 'approved' ? [swap.requested_by, swap.colleague_id] : [swap.requested_by],
      data: { unitName: shift.unit_name, date: localDateOf(shift.start_at) },
      dedupeKey: `duty_swap:${swapId}`,
    });
  });
  const decided = await findSwap(deps.db, swapId);
  if (decided === undefined) throw notFound('Swap');
  return swapView(actor, decided);
}

// ---------------------------------------------------------------------------------------------
// Who is on duty now

/**
 * 谁在值班: for the actor's unit and every unit above it, the shift running now and the next one —
 * what the workbench card shows (units with no roster at all are left out).
 * @throws FORBIDDEN (a role without duty reach)
 */
export async function whoIsOnDuty(deps: ServiceDeps, actor: Actor): Promise<OnDutyView> {
  if (!hasAction(actor.role, 'duty.read'))
    throw new DomainError('FORBIDDEN', { message: 'You may not read the roster' });
  const unitIds = [...ancestorIds(actor.unitPath), actor.unitId].filter((id, i, all) => all.indexOf(id) === i);
  const now = deps.clock.now().toISOString();
  const rows = await shiftsAround(deps.db, unitIds, now);
  const items: OnDutyView['items'] = [];
  // Nearest unit first: the actor's own, then the levels above.
  for (const unitId of [...unitIds].reverse()) {
    const ofUnit = rows.filter((r) => r.unit_id === unitId);
    const first = ofUnit[0];
    if (first === undefined) continue;
    const current = rowOnDutyAt(ofUnit, now);
    const next = ofUnit.find((r) => r.start_at > now);
    items.push({
      unit: { id: unitId, name: first.unit_name },
      shift: current === undefined ? null : shiftView(current),
      next: next === undefined ? null : shiftView(next),
    });
  }
  return { items };
}

/** The duty phone of the shift running now at a unit (the portal publishes it), or null. */
export async function dutyPhoneNow(deps: Pick<ServiceDeps, 'db' | 'clock'>, unitId: string): Promise<string | null> {
  const now = deps.clock.now().toISOString();
  const rows = await shiftsAround(deps.db, [unitId], now);
  return rowOnDutyAt(rows, now)?.phone ?? null;
}

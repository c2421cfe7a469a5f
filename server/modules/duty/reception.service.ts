/**
 * 领导接待日 (leaders' reception days): a published schedule — which leader receives petitioners at
 * which unit, on which day, when, where and on what topic (《信访工作条例》第13条: leaders receive
 * petitioners in person on published days). The portal shows the days ahead; a visit registered at
 * that unit on that day is the leader's reception, shown on the case.
 */
import { can, isLeader, LEADER_ROLES, scopeOf, type Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { DomainError } from '../../../common/errors.ts';
import type { z } from 'zod';
import type { ReceptionDayListQuerySchema } from '../../../common/schemas/duty.ts';
import type {
  PortalDutyView,
  ReceptionDayInput,
  ReceptionDayListView,
  ReceptionDayView,
} from '../../../common/schemas/duty.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { loadReadable, type PetitionDeps } from '../petition/index.ts';
import { ancestorIds, findRootUnit, findUnitById, unitFilterPath } from '../unit/index.ts';
import { activePeopleUnder, findUserById } from '../user/index.ts';
import {
  cancelReception,
  findReception,
  insertReception,
  listReceptions,
  receptionAt,
  visitsAt,
  type ReceptionRow,
} from './duty.repository.ts';
import { fieldError } from '../../../common/errors.ts';
import { dutyPhoneNow } from './roster.service.ts';

/** How far ahead the portal publishes reception days. */
const PORTAL_DAYS_AHEAD = 60;

function views(rows: readonly ReceptionRow[], visits: readonly { unitId: string; receivedAt: string }[]) {
  return rows.map((row): ReceptionDayView => ({
    id: row.id,
    unit: { id: row.unit_id, name: row.unit_name },
    leader: { id: row.leader_id, name: row.leader_name },
    date: row.date,
    startTime: row.start_time,
    endTime: row.end_time,
    place: row.place,
    topic: row.topic,
    cancelled: row.cancelled === 1,
    visits:
      row.cancelled === 1
        ? 0
        : visits.filter((v) => v.unitId === row.unit_id && localDateOf(v.receivedAt) === row.date).length,
  }));
}

/**
 * The reception days of the actor's scope between two dates (default: from 30 days ago to 90 ahead),
 * with the visits each received.
 * @throws FORBIDDEN (no duty reach)
 */
export async function listReceptionDays(
  deps: ServiceDeps,
  actor: Actor,
  query: z.input<typeof ReceptionDayListQuerySchema>,
): Promise<ReceptionDayListView> {
  const scope = scopeOf(actor, 'duty.read');
  if (scope.kind === 'none') throw new DomainError('FORBIDDEN', { message: 'You may not read reception days' });
  const today = localDateOf(deps.clock.now().toISOString());
  const from = query.from ?? addCalendarDays(today, -30);
  const asked = query.to ?? addCalendarDays(today, 90);
  if (asked < from) throw fieldError(['to'], 'the end is not before the start');
  // Held (第18条: leaders receive regularly): published, not cancelled, and its day has come.
  const held = query.held === 'true';
  const to = held && today < asked ? today : asked;
  const rows =
    to < from
      ? []
      : await listReceptions(deps.db, {
          scope,
          from,
          to,
          includeCancelled: !held,
          unitPath: await unitFilterPath(deps.db, query.unitId),
        });
  const visits = await visitsAt(
    deps.db,
    [...new Set(rows.map((r) => r.unit_id))],
    localDayStartUtc(from),
    localDayStartUtc(addCalendarDays(to, 1)),
  );
  const manageable = can(actor, 'duty.manage', { id: actor.unitId, path: actor.unitPath });
  const leaders = manageable ? await activePeopleUnder(deps.db, actor.unitPath, LEADER_ROLES) : [];
  return {
    items: views(rows, visits),
    mayManage: manageable,
    candidates: { leaders: leaders.map((u) => ({ id: u.id, name: u.display_name, unitId: u.unit_id })) },
  };
}

/**
 * Publish a reception day: a leader at the unit or above it, a date not past, a time span.
 * @throws FORBIDDEN (not the office of the unit), NOT_FOUND (unit), VALIDATION_FAILED (leaderId,
 *   date, endTime)
 */
export async function publishReceptionDay(
  deps: ServiceDeps,
  actor: Actor,
  input: ReceptionDayInput,
): Promise<ReceptionDayListView> {
  const unit = await findUnitById(deps.db, input.unitId);
  if (unit === undefined || unit.active !== 1) throw new DomainError('NOT_FOUND', { message: 'Unit not found' });
  if (!can(actor, 'duty.manage', { id: unit.id, path: unit.path }))
    throw new DomainError('FORBIDDEN', { message: 'Only the office publishes reception days' });
  const leader = await findUserById(deps.db, input.leaderId);
  const above = [...ancestorIds(unit.path), unit.id];
  if (leader === undefined || leader.active !== 1 || !isLeader(leader.role) || !above.includes(leader.unit_id))
    throw fieldError(['leaderId'], 'a leader at the unit or above it receives');
  const today = localDateOf(deps.clock.now().toISOString());
  if (input.date < today) throw fieldError(['date'], 'a reception day is published ahead, not for a past day');
  if (input.endTime <= input.startTime) throw fieldError(['endTime'], 'the reception ends after it starts');
  const at = deps.clock.now().toISOString();
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await insertReception(trx, {
      id,
      unit_id: unit.id,
      leader_id: leader.id,
      date: input.date,
      start_time: input.startTime,
      end_time: input.endTime,
      place: input.place,
      topic: input.topic,
      cancelled: 0,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'duty.reception.publish',
      entityType: 'reception_day',
      entityId: id,
      after: { unitId: unit.id, leaderId: leader.id, date: input.date },
    });
  });
  return listReceptionDays(deps, actor, {});
}

/** @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED (already cancelled) */
export async function cancelReceptionDay(deps: ServiceDeps, actor: Actor, id: string): Promise<ReceptionDayListView> {
  const row = await findReception(deps.db, id);
  if (row === undefined || !can(actor, 'duty.read', { id: row.unit_id, path: row.unit_path }))
    throw new DomainError('NOT_FOUND', { message: 'Reception day not found' });
  if (!can(actor, 'duty.manage', { id: row.unit_id, path: row.unit_path }))
    throw new DomainError('FORBIDDEN', { message: 'Only the office cancels a reception day' });
  await deps.db.transaction().execute(async (trx) => {
    if (!(await cancelReception(trx, id, deps.clock.now().toISOString())))
      throw fieldError(['id'], 'the reception day is already cancelled');
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'duty.reception.cancel',
      entityType: 'reception_day',
      entityId: id,
    });
  });
  return listReceptionDays(deps, actor, {});
}

/**
 * The leader who received a case: a visit (来访) registered at a unit on its reception day. Read
 * from the schedule, so the case shows it as soon as it exists.
 * @throws NOT_FOUND (the case, out of sight)
 */
export async function receptionOfPetition(deps: PetitionDeps, actor: Actor, petitionId: string) {
  const { petition } = await loadReadable(deps, actor, petitionId);
  if (petition.channel !== 'visit') return { reception: null };
  const row = await receptionAt(deps.db, petition.registered_unit_id, localDateOf(petition.received_at));
  return {
    reception:
      row === undefined
        ? null
        : { id: row.id, leaderName: row.leader_name, date: row.date, place: row.place, topic: row.topic },
  };
}

/**
 * What the portal publishes: the enterprise office's duty phone now and the reception days ahead.
 * Never a person's own number, never who is on duty.
 */
export async function portalDuty(deps: Pick<ServiceDeps, 'db' | 'clock'>): Promise<PortalDutyView> {
  const root = await findRootUnit(deps.db);
  if (root === undefined) return { dutyPhone: null, receptionDays: [] };
  const today = localDateOf(deps.clock.now().toISOString());
  const [dutyPhone, rows] = await Promise.all([
    dutyPhoneNow(deps, root.id),
    listReceptions(deps.db, {
      scope: { kind: 'all' },
      from: today,
      to: addCalendarDays(today, PORTAL_DAYS_AHEAD),
      includeCancelled: false,
    }),
  ]);
  return {
    dutyPhone,
    receptionDays: rows.map((r) => ({
      unitName: r.unit_name,
      leaderName: r.leader_name,
      date: r.date,
      startTime: r.start_time,
      endTime: r.end_time,
      place: r.place,
      topic: r.topic,
    })),
  };
}

/**
 * 应急处置 (emergency response): a plan activated — from a warning, by a leader, from a duty-log entry —
 * opens an incident and tells the plan's people at once (《信访工作条例》第27条: sudden incidents handled
 * without delay and reported; 国家突发事件应对法). The incident's timeline records every step with its
 * time; tasks are confirmed by their assignee; the commander or a leader stands it down; the after-action
 * report (复盘) is the timeline with the response times. A drill (演练) is an incident marked `drill`.
 *
 * People, not surveillance (第5条, 第30条): the record holds what happened and what the enterprise
 * promised and did, no list of persons; it is read by the incident's own people and the office only.
 */
import { fieldError } from '../../../common/errors.ts';
import type { Kysely } from 'kysely';
import { can, enterpriseOf, hasAction, type Actor, type UnitRef } from '../../../common/domain/access.ts';
import { addCalendarDays, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { entryTimeProblem, minutesBetween, responseTimes } from '../../../common/domain/emergency.ts';
import { legalDateProblem, LEGAL_DATE_MESSAGES } from '../../../common/domain/legal-dates.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  ActivatePlanInputSchema,
  IncidentEntryInputSchema,
  IncidentListQuerySchema,
  IncidentTaskInputSchema,
  PLAN_ROLES,
  StandDownInputSchema,
  type ActivatePlanInput,
  type IncidentEntryInput,
  type IncidentListQuery,
  type IncidentListView,
  type IncidentTaskInput,
  type IncidentView,
  type StandDownInput,
  type TimelineKind,
} from '../../../common/schemas/emergency.ts';
import type { NotificationKind } from '../../../common/schemas/notification.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { notify } from '../notification/index.ts';
import { unitFilterPath } from '../unit/index.ts';
import { usersByIds } from '../user/index.ts';
import { warningToActivate, type WarningDeps } from '../warning/index.ts';
import { dutyEntryToActivate } from '../duty/index.ts';
import { parseOrRefuse, peopleOfPlan, personOf, planBodyOf, type PlanBody } from './emergency-plan.service.ts';
import {
  confirmTaskRow,
  entriesOf,
  findIncident,
  findPlan,
  findTask,
  incidentsFor,
  insertEntry,
  insertIncident,
  insertTask,
  tasksOf,
  unconfirmedCounts,
  updateActiveIncident,
  type IncidentRow,
} from './emergency.repository.ts';

export type EmergencyDeps = WarningDeps;

export type ActivationResult = { incident: IncidentView; told: number };

function unitOf(row: { unit_id: string; unit_path: string }): UnitRef {
  return { id: row.unit_id, path: row.unit_path };
}

function peopleOf(row: IncidentRow): string[] {
  return JSON.parse(row.people_json) as string[];
}

function isOffice(actor: Actor, row: IncidentRow): boolean {
  return can(actor, 'emergency.read', unitOf(row));
}

/** The commander, or a leader over the unit (a drill: whoever may run one there). */
function mayStandDown(actor: Actor, row: IncidentRow): boolean {
  return (
    actor.id === row.commander_id ||
    can(actor, 'emergency.activate', unitOf(row)) ||
    (row.drill === 1 && can(actor, 'emergency.drill', unitOf(row)))
  );
}

function mayAssign(actor: Actor, row: IncidentRow): boolean {
  return actor.id === row.commander_id || isOffice(actor, row);
}

/** Its people and the office see an incident; anyone else is told it does not exist. */
async function readable(deps: EmergencyDeps, actor: Actor, id: string): Promise<IncidentRow> {
  const row = await findIncident(deps.db, id);
  if (row === undefined || !(isOffice(actor, row) || peopleOf(row).includes(actor.id)))
    throw new DomainError('NOT_FOUND', { message: 'Incident not found' });
  return row;
}

function refuseClosed(row: IncidentRow): never {
  throw new DomainError('INCIDENT_STATE_ILLEGAL', {
    message: 'The incident has been stood down',
    details: { field: 'status', status: row.status },
  });
}

async function tell(
  trx: Kysely<DB>,
  deps: EmergencyDeps,
  row: Pick<IncidentRow, 'id' | 'title' | 'level' | 'drill'>,
  kind: NotificationKind,
  recipients: readonly string[],
  dedupeKey: string,
  extra: Record<string, string> = {},
): Promise<string[]> {
  return notify(trx, deps, {
    kind,
    recipients,
    data: { incidentId: row.id, title: row.title, level: row.level, drill: row.drill === 1, ...extra },
    dedupeKey,
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** An incident as a row of the list shows it, and as its page begins. */
function incidentSummary(row: IncidentRow, unconfirmedTasks: number) {
  return {
    id: row.id,
    title: row.title,
    incidentType: row.incident_type,
    level: row.level,
    drill: row.drill === 1,
    status: row.status,
    unitName: row.unit_name,
    activatedAt: row.activated_at,
    stoodDownAt: row.stood_down_at,
    unconfirmedTasks,
  };
}

/** One incident as its page and the after-action report show it. */
export async function getIncident(deps: EmergencyDeps, actor: Actor, id: string): Promise<IncidentView> {
  const row = await readable(deps, actor, id);
  const [entries, tasks] = await Promise.all([entriesOf(deps.db, id), tasksOf(deps.db, id)]);
  const plan = JSON.parse(row.plan_json) as PlanBody;
  const users = new Map((await usersByIds(deps.db, [...peopleOfPlan(plan), row.commander_id])).map((u) => [u.id, u]));
  const byRole = new Map(plan.roles.map((r) => [r.role, r.userIds]));
  const active = row.status === 'active';
  const actions: IncidentView['actions'] = [];
  if (active) actions.push('record');
  if (active && mayAssign(actor, row)) actions.push('assign');
  if (active && mayStandDown(actor, row)) actions.push('standDown');
  return {
    ...incidentSummary(row, tasks.filter((t) => t.confirmed_at === null).length),
    planId: row.plan_id,
    planVersion: row.plan_version,
    summary: row.summary,
    source: { kind: row.source_kind, id: row.source_id },
    commanderName: users.get(row.commander_id)?.display_name ?? '—',
    roles: PLAN_ROLES.filter((r) => byRole.has(r)).map((role) => ({
      role,
      people: (byRole.get(role) ?? []).map((uid) => personOf(deps, users.get(uid), uid)),
    })),
    steps: plan.steps,
    contacts: plan.contacts,
    timeline: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      occurredAt: e.occurred_at,
      text: e.text,
      headcount: e.headcount,
      outsideBody: e.outside_body,
      recordedByName: e.recorded_by_name,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      assigneeId: t.assignee_id,
      assigneeName: t.assignee_name,
      assignedAt: t.assigned_at,
      confirmedAt: t.confirmed_at,
    })),
    standDownNote: row.stand_down_note,
    responseTimes: responseTimes(
      row.activated_at,
      entries.map((e) => ({ kind: e.kind, occurredAt: e.occurred_at })),
      row.stood_down_at,
    ),
    actions,
  };
}

/** The incidents of the office's subtree and those the actor is part of, newest first; drills marked. */
export async function listIncidents(
  deps: EmergencyDeps,
  actor: Actor,
  rawQuery: IncidentListQuery,
): Promise<IncidentListView> {
  if (!hasAction(actor.role, 'emergency.respond'))
    throw new DomainError('FORBIDDEN', { message: 'Emergency response is not yours to open' });
  const query = parseOrRefuse(IncidentListQuerySchema, rawQuery);
  const rows = await incidentsFor(deps.db, {
    subtree: hasAction(actor.role, 'emergency.read') ? actor.unitPath : null,
    personId: actor.id,
    status: query.status,
    limit: 200,
    unitPath: await unitFilterPath(deps.db, query.unitId),
    activatedFrom: query.from === undefined ? undefined : localDayStartUtc(query.from),
    activatedBefore: query.to === undefined ? undefined : localDayStartUtc(addCalendarDays(query.to, 1)),
    drill: query.drill === undefined ? undefined : query.drill === 'true',
    timed: query.timed === 'true',
  });
  // The office's reach is per unit: a row found through the subtree is the office's, others the person's.
  const visible = rows.filter((row) => isOffice(actor, row) || peopleOf(row).includes(actor.id));
  const open = await unconfirmedCounts(
    deps.db,
    visible.map((r) => r.id),
  );
  return {
    items: visible.map((row) => incidentSummary(row, open.get(row.id) ?? 0)),
  };
}

// ---------------------------------------------------------------------------------------------
// Activation

/**
 * Activates a plan: opens its incident (with the plan as it is now) and tells its people at once,
 * in-app and by the urgent outbound channels. A real response is a leader's decision (第5条); the
 * office officer may run a drill. From a warning, the warning must be the actor's to act on.
 * From the duty log (source `duty_log`), the entry must be one the actor may read.
 * @throws NOT_FOUND (plan or warning not visible), FORBIDDEN (a role that may not activate, naming
 *   `planId`), VALIDATION_FAILED (the input, a plan not in use)
 */
export async function activatePlan(
  deps: EmergencyDeps,
  actor: Actor,
  input: ActivatePlanInput,
): Promise<ActivationResult> {
  const data = parseOrRefuse(ActivatePlanInputSchema, input);
  const plan = await findPlan(deps.db, data.planId);
  if (plan === undefined || !plan.unit_path.startsWith(enterpriseOf(actor).path))
    throw new DomainError('NOT_FOUND', { message: 'Plan not found', details: { field: 'planId' } });
  const unit = unitOf(plan);
  const action = data.drill ? 'emergency.drill' : 'emergency.activate';
  if (!can(actor, action, unit))
    throw new DomainError('FORBIDDEN', {
      message: data.drill ? 'You may not run a drill of this plan' : 'Only a leader of the unit activates this plan',
      details: { field: 'planId' },
    });
  if (plan.active !== 1) throw fieldError(['planId'], 'the plan is not in use');
  if (data.source.kind === 'warning') await warningToActivate(deps, actor, data.source.id ?? '');
  if (data.source.kind === 'duty_log') await dutyEntryToActivate(deps, actor, data.source.id ?? '');
  const body = planBodyOf(plan);
  const commanderId = body.roles.find((r) => r.role === 'commander')?.userIds[0];
  if (commanderId === undefined) throw fieldError(['planId'], 'the plan names no commander');
  const at = deps.clock.now().toISOString();
  const id = deps.ids.next();
  const people = peopleOfPlan(body);
  const row = {
    id,
    plan_id: plan.id,
    plan_version: plan.version,
    plan_json: JSON.stringify(body),
    unit_id: plan.unit_id,
    title: plan.title,
    summary: data.summary ?? plan.title,
    incident_type: plan.incident_type,
    level: plan.level,
    drill: data.drill ? 1 : 0,
    status: 'active' as const,
    source_kind: data.source.kind,
    source_id: data.source.id ?? null,
    commander_id: commanderId,
    people_json: JSON.stringify(people),
    activated_by: actor.id,
    activated_at: at,
    first_arrival_at: null,
    arrival_minutes: null,
    stood_down_at: null,
    stood_down_by: null,
    stand_down_note: null,
    created_at: at,
    updated_at: at,
  };
  const told = await deps.db.transaction().execute(async (trx) => {
    await insertIncident(trx, row);
    await insertEntry(trx, {
      id: deps.ids.next(),
      incident_id: id,
      kind: 'activated',
      occurred_at: at,
      text: row.summary,
      headcount: null,
      outside_body: null,
      recorded_by: actor.id,
      created_at: at,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'emergency.activate',
      entityType: 'incident',
      entityId: id,
      after: { planId: plan.id, planVersion: plan.version, drill: data.drill, source: data.source },
    });
    // Everyone of the plan but the person who started it, who knows.
    return tell(
      trx,
      deps,
      row,
      'emergency_activated',
      people.filter((p) => p !== actor.id),
      `incident:${id}:activated`,
    );
  });
  return { incident: await getIncident(deps, actor, id), told: told.length };
}

// ---------------------------------------------------------------------------------------------
// The timeline

async function systemEntry(
  trx: Kysely<DB>,
  deps: EmergencyDeps,
  incidentId: string,
  kind: TimelineKind,
  at: string,
  text: string,
  actor: Actor,
): Promise<void> {
  await insertEntry(trx, {
    id: deps.ids.next(),
    incident_id: incidentId,
    kind,
    occurred_at: at,
    text,
    headcount: null,
    outside_body: null,
    recorded_by: actor.id,
    created_at: deps.clock.now().toISOString(),
  });
}

/**
 * One step of the timeline, with the time it happened (required, not in the future, not more than a
 * day before activation). An arrival may set the first arrival, from which the response time is counted.
 * @throws VALIDATION_FAILED (naming the field: occurredAt, headcount, outsideBody …),
 *   INCIDENT_STATE_ILLEGAL (stood down), NOT_FOUND
 */
export async function recordEntry(
  deps: EmergencyDeps,
  actor: Actor,
  id: string,
  input: IncidentEntryInput,
): Promise<IncidentView> {
  const entry = parseOrRefuse(IncidentEntryInputSchema, input);
  const row = await readable(deps, actor, id);
  if (row.status !== 'active') refuseClosed(row);
  const now = deps.clock.now();
  const problem = entryTimeProblem(entry.occurredAt, row.activated_at, now);
  if (problem !== null) throw fieldError(['occurredAt'], LEGAL_DATE_MESSAGES[problem]);
  const occurredAt = new Date(entry.occurredAt).toISOString();
  const at = now.toISOString();
  const arrival =
    entry.kind === 'arrival' &&
    occurredAt >= row.activated_at &&
    (row.first_arrival_at === null || occurredAt < row.first_arrival_at);
  await deps.db.transaction().execute(async (trx) => {
    const moved = await updateActiveIncident(trx, id, {
      updated_at: at,
      ...(arrival
        ? { first_arrival_at: occurredAt, arrival_minutes: minutesBetween(row.activated_at, occurredAt) }
        : {}),
    });
    if (!moved) refuseClosed(row);
    const entryId = deps.ids.next();
    await insertEntry(trx, {
      id: entryId,
      incident_id: id,
      kind: entry.kind,
      occurred_at: occurredAt,
      text: entry.text,
      headcount: entry.headcount ?? null,
      outside_body: entry.outsideBody ?? null,
      recorded_by: actor.id,
      created_at: at,
    });
    // The entry's text stays out of the audit: the timeline is its record; the audit says who wrote when.
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'emergency.entry',
      entityType: 'incident',
      entityId: id,
      after: { entryId, kind: entry.kind, occurredAt },
    });
  });
  return getIncident(deps, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Tasks

/**
 * A task for one person, told at once; they confirm it on their phone. The commander or the office
 * assigns; the assignee is an active colleague of the enterprise and becomes one of the incident's people.
 * @throws FORBIDDEN, ASSIGNEE_INVALID (naming assigneeId), INCIDENT_STATE_ILLEGAL, NOT_FOUND
 */
export async function assignTask(
  deps: EmergencyDeps,
  actor: Actor,
  id: string,
  input: IncidentTaskInput,
): Promise<IncidentView> {
  const task = parseOrRefuse(IncidentTaskInputSchema, input);
  const row = await readable(deps, actor, id);
  if (row.status !== 'active') refuseClosed(row);
  if (!mayAssign(actor, row))
    throw new DomainError('FORBIDDEN', { message: 'The commander or the office assigns tasks' });
  const [assignee] = await usersByIds(deps.db, [task.assigneeId]);
  if (
    assignee === undefined ||
    assignee.active !== 1 ||
    assignee.role === 'partner' ||
    !assignee.unit_path.startsWith(enterpriseOf(actor).path)
  )
    throw new DomainError('ASSIGNEE_INVALID', {
      message: 'Not an active colleague of the enterprise',
      details: { field: 'assigneeId' },
    });
  const at = deps.clock.now().toISOString();
  const taskId = deps.ids.next();
  const people = [...new Set([...peopleOf(row), assignee.id])];
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateActiveIncident(trx, id, { people_json: JSON.stringify(people), updated_at: at })))
      refuseClosed(row);
    await insertTask(trx, {
      id: taskId,
      incident_id: id,
      title: task.title,
      assignee_id: assignee.id,
      assigned_by: actor.id,
      assigned_at: at,
      confirmed_at: null,
    });
    await systemEntry(trx, deps, id, 'task_assigned', at, `${assignee.display_name}：${task.title}`, actor);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'emergency.task.assign',
      entityType: 'incident',
      entityId: id,
      after: { taskId, assigneeId: assignee.id },
    });
    await tell(trx, deps, row, 'emergency_task_assigned', [assignee.id], `incident-task:${taskId}`, {
      task: task.title,
    });
  });
  return getIncident(deps, actor, id);
}

/**
 * The assignee confirms a task (收到). Only the assignee: a confirmation by anyone else would say the
 * person knows what they may not.
 * @throws FORBIDDEN (not the assignee, naming assigneeId), INCIDENT_STATE_ILLEGAL (already confirmed,
 *   naming confirmedAt; or stood down), NOT_FOUND
 */
export async function confirmTask(deps: EmergencyDeps, actor: Actor, taskId: string): Promise<IncidentView> {
  const task = await findTask(deps.db, taskId);
  if (task === undefined) throw new DomainError('NOT_FOUND', { message: 'Task not found' });
  const row = await readable(deps, actor, task.incident_id);
  if (task.assignee_id !== actor.id)
    throw new DomainError('FORBIDDEN', {
      message: 'Only the assignee confirms a task',
      details: { field: 'assigneeId' },
    });
  if (row.status !== 'active') refuseClosed(row);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await confirmTaskRow(trx, taskId, at)))
      throw new DomainError('INCIDENT_STATE_ILLEGAL', {
        message: 'The task is confirmed already',
        details: { field: 'confirmedAt' },
      });
    if (!(await updateActiveIncident(trx, row.id, { updated_at: at }))) refuseClosed(row);
    await systemEntry(trx, deps, row.id, 'task_confirmed', at, `${task.assignee_name}：${task.title}`, actor);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'emergency.task.confirm',
      entityType: 'incident',
      entityId: row.id,
      after: { taskId },
    });
  });
  return getIncident(deps, actor, row.id);
}

// ---------------------------------------------------------------------------------------------
// Stand-down

/**
 * Stands the response down (the commander, or a leader over the unit; a drill also whoever may run
 * one there); its people are told. Nothing is recorded after it: the after-action report is final.
 * @throws FORBIDDEN, INCIDENT_STATE_ILLEGAL (stood down already), VALIDATION_FAILED (occurredAt), NOT_FOUND
 */
export async function standDown(
  deps: EmergencyDeps,
  actor: Actor,
  id: string,
  input: StandDownInput,
): Promise<IncidentView> {
  const data = parseOrRefuse(StandDownInputSchema, input);
  const row = await readable(deps, actor, id);
  if (row.status !== 'active') refuseClosed(row);
  if (!mayStandDown(actor, row))
    throw new DomainError('FORBIDDEN', { message: 'The commander or a leader stands a response down' });
  const now = deps.clock.now();
  const when = data.occurredAt ?? now.toISOString();
  const problem = legalDateProblem(when, now, row.activated_at);
  if (problem !== null) throw fieldError(['occurredAt'], LEGAL_DATE_MESSAGES[problem]);
  const at = new Date(when).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const moved = await updateActiveIncident(trx, id, {
      status: 'stood_down',
      stood_down_at: at,
      stood_down_by: actor.id,
      stand_down_note: data.note,
      updated_at: now.toISOString(),
    });
    if (!moved) refuseClosed(row);
    await systemEntry(trx, deps, id, 'stood_down', at, data.note, actor);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'emergency.stand_down',
      entityType: 'incident',
      entityId: id,
      before: { status: 'active' },
      after: { status: 'stood_down', at },
    });
    await tell(
      trx,
      deps,
      row,
      'emergency_stood_down',
      peopleOf(row).filter((p) => p !== actor.id),
      `incident:${id}:stood_down`,
    );
  });
  return getIncident(deps, actor, id);
}

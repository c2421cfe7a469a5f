/**
 * 应急预案 (contingency plans): by incident type and level, the roles each bound to accounts, the
 * ordered steps, the outside contacts and who else is told. Kept by the office (emergency.plan.manage);
 * each edit bumps the version and the audit keeps the plan before and after, so an incident can always
 * say which version it ran (国家突发事件应对法: plans are drawn up, kept current and exercised).
 */
import { can, enterpriseOf, hasAction, isInSubtree, type Actor } from '../../../common/domain/access.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import {
  PLAN_ROLES,
  PlanInputSchema,
  type PersonView,
  type PlanContact,
  type PlanData,
  type PlanInput,
  type PlanListView,
  type PlanRole,
  type PlanView,
} from '../../../common/schemas/emergency.ts';
import type { EmergencyPlanTable } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { findUnitById } from '../unit/index.ts';
import { usersByIds, type UserRow } from '../user/index.ts';
import { findPlan, insertPlan, plansVisible, updatePlan, type PlanRow } from './emergency.repository.ts';

export type PlanBody = {
  roles: { role: PlanRole; userIds: string[] }[];
  steps: string[];
  contacts: PlanContact[];
  notifyUserIds: string[];
};

export function parseOrRefuse<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: unknown[] } } },
  input: unknown,
): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues as { path: (string | number)[]; message: string }[];
    throw new DomainError('VALIDATION_FAILED', {
      message: `Invalid body: ${issues.map((i) => i.path.join('.')).join(', ')}`,
      details: { in: 'body', issues: issues.map((i) => ({ path: i.path, message: i.message })) },
    });
  }
  return parsed.data;
}

export function planBodyOf(row: {
  roles_json: string;
  steps_json: string;
  contacts_json: string;
  notify_user_ids_json: string;
}): PlanBody {
  return {
    roles: JSON.parse(row.roles_json) as PlanBody['roles'],
    steps: JSON.parse(row.steps_json) as string[],
    contacts: JSON.parse(row.contacts_json) as PlanContact[],
    notifyUserIds: JSON.parse(row.notify_user_ids_json) as string[],
  };
}

/** Everyone a plan binds: its roles' accounts and its notification list, once each. */
export function peopleOfPlan(body: PlanBody): string[] {
  return [...new Set([...body.roles.flatMap((r) => r.userIds), ...body.notifyUserIds])];
}

export function personOf(deps: ServiceDeps, user: UserRow | undefined, id: string): PersonView {
  let phone: string | null = null;
  if (user?.mobile_enc != null) {
    try {
      phone = deps.cipher.decrypt(user.mobile_enc);
    } catch {
      phone = null;
    }
  }
  return { id, name: user?.display_name ?? '—', phone };
}

async function viewsOf(deps: ServiceDeps, actor: Actor, rows: readonly PlanRow[]): Promise<PlanView[]> {
  const bodies = rows.map(planBodyOf);
  const users = new Map((await usersByIds(deps.db, [...new Set(bodies.flatMap(peopleOfPlan))])).map((u) => [u.id, u]));
  const person = (id: string) => personOf(deps, users.get(id), id);
  return rows.map((row, i) => {
    const body = bodies[i] ?? { roles: [], steps: [], contacts: [], notifyUserIds: [] };
    const unit = { id: row.unit_id, path: row.unit_path };
    const byRole = new Map(body.roles.map((r) => [r.role, r.userIds]));
    return {
      id: row.id,
      unitId: row.unit_id,
      unitName: row.unit_name,
      title: row.title,
      incidentType: row.incident_type,
      level: row.level,
      version: row.version,
      roles: PLAN_ROLES.filter((r) => byRole.has(r)).map((role) => ({
        role,
        people: (byRole.get(role) ?? []).map(person),
      })),
      steps: body.steps,
      contacts: body.contacts,
      notify: body.notifyUserIds.map(person),
      active: row.active === 1,
      updatedAt: row.updated_at,
      canManage: can(actor, 'emergency.plan.manage', unit),
      canActivate: row.active === 1 && can(actor, 'emergency.activate', unit),
      canDrill: row.active === 1 && can(actor, 'emergency.drill', unit),
    };
  });
}

/** The plans of the actor's subtree: for the people who respond (to read) and the office (to keep). */
export async function listPlans(deps: ServiceDeps, actor: Actor): Promise<PlanListView> {
  if (!hasAction(actor.role, 'emergency.respond')) throw new DomainError('FORBIDDEN', { message: 'No plans for you' });
  const rows = await plansVisible(deps.db, actor.unitPath, []);
  const order = { red: 0, orange: 1, yellow: 2, blue: 3 } as const;
  rows.sort((a, b) => order[a.level] - order[b.level] || a.title.localeCompare(b.title, 'zh-CN'));
  return { items: await viewsOf(deps, actor, rows) };
}

export async function getPlan(deps: ServiceDeps, actor: Actor, id: string): Promise<PlanView> {
  const row = await findPlan(deps.db, id);
  if (row === undefined || !hasAction(actor.role, 'emergency.respond') || !isInSubtree(row.unit_path, actor.unitPath))
    throw new DomainError('NOT_FOUND', { message: 'Plan not found' });
  const [view] = await viewsOf(deps, actor, [row]);
  if (view === undefined) throw new DomainError('NOT_FOUND', { message: 'Plan not found' });
  return view;
}

/**
 * The plan's unit is the actor's to manage, and every bound account is an active colleague of the
 * enterprise (never an outside partner's account: 外部协作 see only their invitation).
 */
async function checkPlan(deps: ServiceDeps, actor: Actor, plan: PlanData): Promise<{ id: string; path: string }> {
  const unit = await findUnitById(deps.db, plan.unitId);
  if (unit === undefined || unit.active !== 1) throw fieldError(['unitId'], 'no such unit');
  if (!can(actor, 'emergency.plan.manage', { id: unit.id, path: unit.path }))
    throw new DomainError('FORBIDDEN', {
      message: 'You may not keep the plans of this unit',
      details: { field: 'unitId' },
    });
  const enterprise = enterpriseOf(actor).path;
  const ids = [...new Set([...plan.roles.flatMap((r) => r.userIds), ...plan.notifyUserIds])];
  const users = new Map((await usersByIds(deps.db, ids)).map((u) => [u.id, u]));
  const fit = (id: string) => {
    const u = users.get(id);
    return u !== undefined && u.active === 1 && u.unit_path.startsWith(enterprise) && u.role !== 'partner';
  };
  plan.roles.forEach((binding, i) => {
    binding.userIds.forEach((id, j) => {
      if (!fit(id)) throw fieldError(['roles', i, 'userIds', j], 'not an active account of the enterprise');
    });
  });
  plan.notifyUserIds.forEach((id, j) => {
    if (!fit(id)) throw fieldError(['notifyUserIds', j], 'not an active account of the enterprise');
  });
  return { id: unit.id, path: unit.path };
}

function columnsOf(
  plan: PlanData,
  at: string,
): Omit<EmergencyPlanTable, 'id' | 'created_by' | 'created_at' | 'version'> {
  return {
    unit_id: plan.unitId,
    title: plan.title,
    incident_type: plan.incidentType,
    level: plan.level,
    roles_json: JSON.stringify(plan.roles.map((r) => ({ role: r.role, userIds: [...new Set(r.userIds)] }))),
    steps_json: JSON.stringify(plan.steps),
    contacts_json: JSON.stringify(plan.contacts),
    notify_user_ids_json: JSON.stringify([...new Set(plan.notifyUserIds)]),
    active: plan.active ? 1 : 0,
    updated_at: at,
  };
}

/** @throws FORBIDDEN (not the actor's unit to keep), VALIDATION_FAILED (naming the field) */
export async function createPlan(deps: ServiceDeps, actor: Actor, input: PlanInput): Promise<PlanView> {
  const plan = parseOrRefuse(PlanInputSchema, input);
  await checkPlan(deps, actor, plan);
  const at = deps.clock.now().toISOString();
  const id = deps.ids.next();
  const row: EmergencyPlanTable = { id, ...columnsOf(plan, at), version: 1, created_by: actor.id, created_at: at };
  await deps.db.transaction().execute(async (trx) => {
    await insertPlan(trx, row);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'emergency.plan.create',
      entityType: 'emergency_plan',
      entityId: id,
      after: { ...plan, version: 1 },
    });
  });
  return getPlan(deps, actor, id);
}

/** A new version of the plan (incidents already opened keep the version they ran). */
export async function editPlan(deps: ServiceDeps, actor: Actor, id: string, input: PlanInput): Promise<PlanView> {
  const before = await findPlan(deps.db, id);
  if (before === undefined || !isInSubtree(before.unit_path, actor.unitPath))
    throw new DomainError('NOT_FOUND', { message: 'Plan not found' });
  if (!can(actor, 'emergency.plan.manage', { id: before.unit_id, path: before.unit_path }))
    throw new DomainError('FORBIDDEN', { message: 'You may not keep this plan' });
  const plan = parseOrRefuse(PlanInputSchema, input);
  await checkPlan(deps, actor, plan);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updatePlan(trx, id, before.version, columnsOf(plan, at))))
      throw new DomainError('VALIDATION_FAILED', {
        message: 'The plan was changed meanwhile: reload it',
        details: { in: 'body', issues: [{ path: ['version'], message: 'changed meanwhile' }] },
      });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'emergency.plan.update',
      entityType: 'emergency_plan',
      entityId: id,
      before: { title: before.title, level: before.level, version: before.version, ...planBodyOf(before) },
      after: { ...plan, version: before.version + 1 },
    });
  });
  return getPlan(deps, actor, id);
}

/**
 * Use cases of the organisation tree: list, create, rename, move, deactivate, activate.
 * A unit is never deleted: petitions, reports and appraisals keep pointing at it (its history),
 * so it is deactivated instead and stays visible to those who may see inactive units.
 */
import { can, LEADER_ROLES, scopeOf, STAFF_ROLES, UNIT_HEAD_ROLES, type Actor } from '../../../common/domain/access.ts';
import { canContain, childPath } from '../../../common/domain/unit-tree.ts';
import { DomainError } from '../../../common/errors.ts';
import type {
  CreateUnitInput,
  MoveUnitInput,
  RenameUnitInput,
  UnitNetworkInput,
  UnitNetworkView,
  UnitView,
} from '../../../common/schemas/unit.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { ancestorIds } from './unit-tree.ts';
import { countActiveUsersInUnit } from '../user/index.ts';
import {
  countActiveChildren,
  findUnitById,
  insertUnit,
  listUnits as listUnitRows,
  networkPeopleAt,
  networkPeopleByIds,
  nextSortOrder,
  rewriteSubtreePaths,
  updateUnit,
  type NewUnitRow,
  type UnitRow,
  type UnitRowWithCount,
} from './unit.repository.ts';

export function toUnitView(row: UnitRowWithCount): UnitView {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: row.name,
    code: row.code,
    depth: row.depth,
    active: row.active === 1,
    sortOrder: row.sort_order,
    userCount: row.user_count,
  };
}

function auditSnapshot(row: NewUnitRow) {
  return { parentId: row.parent_id, kind: row.kind, name: row.name, code: row.code, active: row.active === 1 };
}

/** A unit the actor may read. @throws NOT_FOUND (also when out of scope: existence is not revealed). */
async function loadReadable(deps: ServiceDeps, actor: Actor, id: string): Promise<UnitRow> {
  const unit = await findUnitById(deps.db, id);
  if (unit === undefined || !can(actor, 'unit.read', unit)) {
    throw new DomainError('NOT_FOUND', { message: 'Unit not found', details: { unitId: id } });
  }
  return unit;
}

/** A unit the actor may manage. @throws NOT_FOUND, FORBIDDEN */
async function loadManageable(deps: ServiceDeps, actor: Actor, id: string, field = 'id'): Promise<UnitRow> {
  const unit = await findUnitById(deps.db, id);
  if (unit === undefined || !can(actor, 'unit.read', unit)) {
    throw new DomainError('NOT_FOUND', { message: 'Unit not found', details: { unitId: id, field } });
  }
  if (!can(actor, 'unit.manage', unit)) throw new DomainError('FORBIDDEN', { message: 'You may not change this unit' });
  return unit;
}

async function viewOf(deps: ServiceDeps, id: string): Promise<UnitView> {
  const row = await findUnitById(deps.db, id);
  if (row === undefined) throw new DomainError('NOT_FOUND', { message: 'Unit not found' });
  return toUnitView({ ...row, user_count: await countActiveUsersInUnit(deps.db, id) });
}

/** The units the actor may see, flat, in tree order. */
export async function listUnits(
  deps: ServiceDeps,
  actor: Actor,
  options: { includeInactive: boolean },
): Promise<UnitView[]> {
  const rows = await listUnitRows(deps.db, scopeOf(actor, 'unit.read'), options.includeInactive);
  return rows.map(toUnitView);
}

export async function getUnit(deps: ServiceDeps, actor: Actor, id: string): Promise<UnitView> {
  await loadReadable(deps, actor, id);
  return viewOf(deps, id);
}

function parentInvalid(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('UNIT_PARENT_INVALID', {
    message,
    details: { ...details, issues: [{ path: ['parentId'], message }] },
  });
}

/**
 * Create a unit under an active parent the actor manages.
 * @throws NOT_FOUND, FORBIDDEN, UNIT_PARENT_INVALID (inactive parent or a kind it cannot contain)
 */
export async function createUnit(deps: ServiceDeps, actor: Actor, input: CreateUnitInput): Promise<UnitView> {
  const parent = await loadManageable(deps, actor, input.parentId, 'parentId');
  if (parent.active !== 1) throw parentInvalid('The parent unit is inactive', { parentId: parent.id });
  if (!canContain(parent.kind, input.kind)) {
    throw parentInvalid(`A ${parent.kind} cannot contain a ${input.kind}`, {
      parentKind: parent.kind,
      kind: input.kind,
    });
  }
  const id = deps.ids.next();
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const sortOrder = await nextSortOrder(trx, parent.id);
    const row: NewUnitRow = {
      id,
      parent_id: parent.id,
      kind: input.kind,
      name: input.name,
      code:
        input.code !== undefined && input.code.length > 0
          ? input.code
          : `${parent.code}${String(sortOrder).padStart(2, '0')}`,
      path: childPath(parent.path, id),
      depth: parent.depth + 1,
      active: 1,
      sort_order: sortOrder,
      created_at: at,
      updated_at: at,
    };
    await insertUnit(trx, row);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'unit.create',
      entityType: 'unit',
      entityId: id,
      after: auditSnapshot(row),
    });
  });
  return viewOf(deps, id);
}

export async function renameUnit(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: RenameUnitInput,
): Promise<UnitView> {
  const unit = await loadManageable(deps, actor, id);
  if (unit.name === input.name) return viewOf(deps, id);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await updateUnit(trx, id, { name: input.name, updated_at: at });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'unit.rename',
      entityType: 'unit',
      entityId: id,
      before: { name: unit.name },
      after: { name: input.name },
    });
  });
  return viewOf(deps, id);
}

/**
 * Move a unit (with its whole subtree) under another parent the actor manages.
 * @throws UNIT_ROOT_IMMUTABLE, UNIT_MOVE_CYCLE, UNIT_PARENT_INVALID, NOT_FOUND, FORBIDDEN
 */
export async function moveUnit(deps: ServiceDeps, actor: Actor, id: string, input: MoveUnitInput): Promise<UnitView> {
  const unit = await loadManageable(deps, actor, id);
  if (unit.parent_id === null)
    throw new DomainError('UNIT_ROOT_IMMUTABLE', { message: 'The enterprise cannot be moved' });
  const parent = await loadManageable(deps, actor, input.parentId, 'parentId');
  if (parent.path.startsWith(unit.path)) {
    throw new DomainError('UNIT_MOVE_CYCLE', {
      message: 'A unit cannot move under itself or its descendants',
      details: { issues: [{ path: ['parentId'], message: 'is the unit itself or one of its descendants' }] },
    });
  }
  if (parent.active !== 1) throw parentInvalid('The new parent unit is inactive', { parentId: parent.id });
  if (!canContain(parent.kind, unit.kind)) {
    throw parentInvalid(`A ${parent.kind} cannot contain a ${unit.kind}`, { parentKind: parent.kind, kind: unit.kind });
  }
  if (unit.parent_id === parent.id) return viewOf(deps, id);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const sortOrder = await nextSortOrder(trx, parent.id);
    await rewriteSubtreePaths(trx, unit.path, childPath(parent.path, unit.id), parent.depth + 1 - unit.depth, at);
    await updateUnit(trx, id, { parent_id: parent.id, sort_order: sortOrder, updated_at: at });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'unit.move',
      entityType: 'unit',
      entityId: id,
      before: { parentId: unit.parent_id },
      after: { parentId: parent.id },
    });
  });
  return viewOf(deps, id);
}

/**
 * Deactivate a unit: it takes no new work, keeps its history. Children and users must be
 * deactivated or moved first so nothing active hangs under an inactive unit.
 * @throws UNIT_ROOT_IMMUTABLE, UNIT_HAS_ACTIVE_CHILDREN, UNIT_HAS_ACTIVE_USERS
 */
export async function deactivateUnit(deps: ServiceDeps, actor: Actor, id: string): Promise<UnitView> {
  const unit = await loadManageable(deps, actor, id);
  if (unit.parent_id === null)
    throw new DomainError('UNIT_ROOT_IMMUTABLE', { message: 'The enterprise cannot be deactivated' });
  if (unit.active !== 1) return viewOf(deps, id);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const children = await countActiveChildren(trx, id);
    if (children > 0) {
      throw new DomainError('UNIT_HAS_ACTIVE_CHILDREN', {
        message: `The unit has ${children} active child units`,
        details: { count: children },
      });
    }
    const users = await countActiveUsersInUnit(trx, id);
    if (users > 0) {
      throw new DomainError('UNIT_HAS_ACTIVE_USERS', {
        message: `The unit has ${users} active users`,
        details: { count: users },
      });
    }
    await updateUnit(trx, id, { active: 0, updated_at: at });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'unit.deactivate',
      entityType: 'unit',
      entityId: id,
      before: { active: true },
      after: { active: false },
    });
  });
  return viewOf(deps, id);
}

/** @throws UNIT_PARENT_INVALID when the parent is inactive */
export async function activateUnit(deps: ServiceDeps, actor: Actor, id: string): Promise<UnitView> {
  const unit = await loadManageable(deps, actor, id);
  if (unit.active === 1) return viewOf(deps, id);
  if (unit.parent_id !== null) {
    const parent = await findUnitById(deps.db, unit.parent_id);
    if (parent?.active !== 1)
      throw parentInvalid('The parent unit is inactive; activate it first', { parentId: unit.parent_id });
  }
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await updateUnit(trx, id, { active: 1, updated_at: at });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'unit.activate',
      entityType: 'unit',
      entityId: id,
      before: { active: false },
      after: { active: true },
    });
  });
  return viewOf(deps, id);
}

// ---------------------------------------------------------------------------------------------
// 三级网络: the people who answer for a unit

function networkField(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    message: `${field}: ${message}`,
    details: { in: 'body', issues: [{ path: [field], message }] },
  });
}

/** The unit's network as the units screen shows it: heads, 包联领导, 信息员, and whom one may choose. */
export async function getUnitNetwork(deps: ServiceDeps, actor: Actor, id: string): Promise<UnitNetworkView> {
  const unit = await loadReadable(deps, actor, id);
  const [heads, leaders, infoOfficers, chosen] = await Promise.all([
    networkPeopleAt(deps.db, [unit.id], UNIT_HEAD_ROLES),
    networkPeopleAt(deps.db, ancestorIds(unit.path), LEADER_ROLES),
    networkPeopleAt(deps.db, [unit.id], STAFF_ROLES),
    networkPeopleByIds(
      deps.db,
      [unit.leader_user_id, unit.info_officer_user_id].filter((v): v is string => v !== null),
    ),
  ]);
  const nameOf = (userId: string) => chosen.find((p) => p.id === userId)?.name ?? '';
  const ref = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });
  let infoOfficer: UnitNetworkView['infoOfficer'] = null;
  if (unit.info_officer_user_id !== null) {
    infoOfficer = { userId: unit.info_officer_user_id, name: nameOf(unit.info_officer_user_id), phone: null };
  } else if (unit.info_officer_name !== null) {
    infoOfficer = { userId: null, name: unit.info_officer_name, phone: unit.info_officer_phone };
  }
  return {
    unitId: unit.id,
    heads: heads.map(ref),
    leader: unit.leader_user_id === null ? null : { id: unit.leader_user_id, name: nameOf(unit.leader_user_id) },
    infoOfficer,
    candidates: { leaders: leaders.map(ref), infoOfficers: infoOfficers.map(ref) },
    canManage: can(actor, 'unit.manage', unit),
  };
}

/**
 * Set a unit's 包联领导 and 信息员 (三级工作体系). The leader is an active chief or deputy of the unit
 * or a level above it; the 信息员 is an active account at the unit, or a named contact with a phone
 * (not both). Audited. @throws VALIDATION_FAILED naming the field, NOT_FOUND, FORBIDDEN
 */
export async function setUnitNetwork(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: UnitNetworkInput,
): Promise<UnitNetworkView> {
  const unit = await loadManageable(deps, actor, id);
  const ids = [input.leaderUserId, input.infoOfficerUserId].filter((v): v is string => v !== null);
  const people = await networkPeopleByIds(deps.db, ids);
  if (input.leaderUserId !== null) {
    const leader = people.find((p) => p.id === input.leaderUserId);
    const above = ancestorIds(unit.path);
    if (
      leader?.active !== 1 ||
      !(LEADER_ROLES as readonly string[]).includes(leader.role) ||
      !above.includes(leader.unit_id)
    ) {
      throw networkField('leaderUserId', 'must be an active leader of this unit or a level above it');
    }
  }
  if (input.infoOfficerUserId !== null) {
    const officer = people.find((p) => p.id === input.infoOfficerUserId);
    if (officer?.active !== 1 || officer.unit_id !== unit.id) {
      throw networkField('infoOfficerUserId', 'must be an active account at this unit');
    }
    if (input.infoOfficerName !== null || input.infoOfficerPhone !== null) {
      throw networkField('infoOfficerName', 'give an account or a named contact, not both');
    }
  } else if ((input.infoOfficerName === null) !== (input.infoOfficerPhone === null)) {
    throw networkField(
      input.infoOfficerName === null ? 'infoOfficerName' : 'infoOfficerPhone',
      'a contact needs a name and a phone',
    );
  }
  const after = {
    leader_user_id: input.leaderUserId,
    info_officer_user_id: input.infoOfficerUserId,
    info_officer_name: input.infoOfficerName,
    info_officer_phone: input.infoOfficerPhone,
  };
  await deps.db.transaction().execute(async (trx) => {
    await updateUnit(trx, id, { ...after, updated_at: deps.clock.now().toISOString() });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'unit.set_network',
      entityType: 'unit',
      entityId: id,
      before: {
        leaderUserId: unit.leader_user_id,
        infoOfficerUserId: unit.info_officer_user_id,
        infoOfficerName: unit.info_officer_name,
      },
      // The contact's phone is personal data: the trail says it was set, not what it is.
      after: {
        leaderUserId: input.leaderUserId,
        infoOfficerUserId: input.infoOfficerUserId,
        infoOfficerName: input.infoOfficerName,
        infoOfficerPhone: input.infoOfficerPhone === null ? null : '(set)',
      },
    });
  });
  return getUnitNetwork(deps, actor, id);
}

/**
 * Use cases for user accounts: list, create, disable, enable, reset password.
 * An admin acts inside its own subtree; the role table is in common/domain/access.ts.
 */
import { can, canGrantRole, scopeOf, type Actor } from '../../../common/domain/access.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import { unitPathName } from '../../../common/domain/unit-tree.ts';
import type {
  CreateUserInput,
  ResetPasswordInput,
  UserContactInput,
  UserListItemView,
  UserListQuery,
  UserView,
} from '../../../common/schemas/user.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { deleteLoginGuardsOfUser, deleteSessionsOfUser } from '../auth/index.ts';
import { findUnitById, findUnitNames } from '../unit/index.ts';
import { assertPasswordAcceptable } from './password-policy.ts';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers as listUserRows,
  updateUser,
  type UserRow,
} from './user.repository.ts';
import { toUserListItemView, toUserView, userAuditSnapshot } from './user.view.ts';

/**
 * The accounts in the actor's `user.read` scope, each with its unit named along the tree
 * (`东山煤矿 人力资源科`): three mines each have a 人力资源科, and whoever picks a handler must tell them apart.
 */
export async function listUsers(deps: ServiceDeps, actor: Actor, query: UserListQuery): Promise<UserListItemView[]> {
  const rows = await listUserRows(deps.db, {
    scope: scopeOf(actor, 'user.read'),
    unitId: query.unitId,
    role: query.role,
    q: query.q,
    includeInactive: query.includeInactive === 'true',
  });
  const names = await findUnitNames(
    deps.db,
    rows.flatMap((row) => row.unit_path.split('/').filter((id) => id.length > 0)),
  );
  return rows.map((row) =>
    toUserListItemView(
      row,
      unitPathName(row.unit_path, (id) => names.get(id)),
      deps.cipher,
    ),
  );
}

/** A user the actor may manage. @throws NOT_FOUND (also out of scope), FORBIDDEN */
async function loadManageable(deps: ServiceDeps, actor: Actor, id: string): Promise<UserRow> {
  const user = await findUserById(deps.db, id);
  const target = user === undefined ? undefined : { id: user.unit_id, path: user.unit_path };
  if (user === undefined || target === undefined || !can(actor, 'user.read', target)) {
    throw new DomainError('NOT_FOUND', { message: 'User not found', details: { userId: id } });
  }
  if (!can(actor, 'user.manage', target))
    throw new DomainError('FORBIDDEN', { message: 'You may not change this user' });
  return user;
}

async function viewOf(deps: ServiceDeps, id: string): Promise<UserView> {
  const row = await findUserById(deps.db, id);
  if (row === undefined) throw new DomainError('NOT_FOUND', { message: 'User not found' });
  return toUserView(row, deps.cipher);
}

/**
 * Create an account attached to an active unit in the admin's subtree.
 * @throws FORBIDDEN (unit out of reach, or a role the admin may not grant), UNIT_INACTIVE,
 *   USERNAME_TAKEN, PASSWORD_TOO_WEAK
 */
export async function createUser(deps: ServiceDeps, actor: Actor, input: CreateUserInput): Promise<UserView> {
  const unit = await findUnitById(deps.db, input.unitId);
  if (unit === undefined || !can(actor, 'unit.read', unit)) throw fieldError('unitId', 'Unit not found', 'NOT_FOUND');
  if (!can(actor, 'user.manage', unit)) throw fieldError('unitId', 'You may not add users to this unit', 'FORBIDDEN');
  if (!canGrantRole(actor, input.role))
    throw fieldError('role', `You may not grant the role ${input.role}`, 'FORBIDDEN');
  if (unit.active !== 1) throw fieldError('unitId', 'The unit is inactive', 'UNIT_INACTIVE');
  assertPasswordAcceptable(input.password, input.username, 'password');
  if ((await findUserByUsername(deps.db, input.username)) !== undefined) {
    throw fieldError('username', 'This username is taken', 'USERNAME_TAKEN');
  }
  const passwordHash = await deps.hasher.hash(input.password);
  const id = deps.ids.next();
  const at = deps.clock.now().toISOString();
  const row = {
    id,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    unit_id: unit.id,
    password_hash: passwordHash,
    active: 1,
    failed_login_count: 0,
    locked_until: null,
    last_login_at: null,
    password_changed_at: at,
    created_at: at,
    updated_at: at,
    email: null,
    mobile_enc: null,
    position: input.position ?? null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertUser(trx, row);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: userAuditSnapshot(row),
    });
  });
  return viewOf(deps, id);
}

/** Disable an account and end its sessions. @throws SELF_DISABLE_FORBIDDEN, NOT_FOUND, FORBIDDEN */
export async function disableUser(deps: ServiceDeps, actor: Actor, id: string): Promise<UserView> {
  if (id === actor.id)
    throw new DomainError('SELF_DISABLE_FORBIDDEN', { message: 'You cannot disable your own account' });
  const user = await loadManageable(deps, actor, id);
  if (user.active !== 1) return viewOf(deps, id);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { active: 0, updated_at: at });
    await deleteSessionsOfUser(trx, id);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'user.disable',
      entityType: 'user',
      entityId: id,
      before: { active: true },
      after: { active: false },
    });
  });
  return viewOf(deps, id);
}

/** @throws UNIT_INACTIVE when the user's unit has been deactivated meanwhile */
export async function enableUser(deps: ServiceDeps, actor: Actor, id: string): Promise<UserView> {
  const user = await loadManageable(deps, actor, id);
  if (user.active === 1) return viewOf(deps, id);
  const unit = await findUnitById(deps.db, user.unit_id);
  if (unit?.active !== 1) throw new DomainError('UNIT_INACTIVE', { message: "The user's unit is inactive" });
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { active: 1, failed_login_count: 0, locked_until: null, updated_at: at });
    await deleteLoginGuardsOfUser(trx, id);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'user.enable',
      entityType: 'user',
      entityId: id,
      before: { active: false },
      after: { active: true },
    });
  });
  return viewOf(deps, id);
}

/** Set a new password (the user should change it), lift any lock and end the user's sessions. */
export async function resetPassword(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: ResetPasswordInput,
): Promise<UserView> {
  const user = await loadManageable(deps, actor, id);
  assertPasswordAcceptable(input.newPassword, user.username, 'newPassword');
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, {
      password_hash: passwordHash,
      password_changed_at: at,
      failed_login_count: 0,
      locked_until: null,
      updated_at: at,
    });
    // Lifts the log-in locks on the account from every address, not only the one shown on the user row.
    await deleteLoginGuardsOfUser(trx, id);
    await deleteSessionsOfUser(trx, id);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'user.reset_password',
      entityType: 'user',
      entityId: id,
    });
  });
  return viewOf(deps, id);
}

/**
 * Where a person's notifications go beyond the workbench (e-mail, SMS): set by the person or by an
 * administrator who manages them; the mobile number is stored encrypted, and an absent `mobile`
 * keeps the one on file (it is only ever shown masked). Audited without the values.
 * @throws NOT_FOUND, FORBIDDEN
 */
export async function setUserContact(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  input: UserContactInput,
): Promise<UserView> {
  const user = id === actor.id ? await findUserById(deps.db, id) : await loadManageable(deps, actor, id);
  if (user === undefined) throw new DomainError('NOT_FOUND', { message: 'User not found', details: { userId: id } });
  const mobile = input.mobile;
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, {
      email: input.email,
      ...(mobile === undefined ? {} : { mobile_enc: mobile === null ? null : deps.cipher.encrypt(mobile) }),
      updated_at: deps.clock.now().toISOString(),
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'user.contact',
      entityType: 'user',
      entityId: id,
      // Whether each is on file afterwards, and whether the number changed; never the values.
      after: {
        email: input.email !== null,
        mobile: mobile === undefined ? user.mobile_enc !== null : mobile !== null,
        mobileChanged: mobile !== undefined,
      },
    });
  });
  return viewOf(deps, id);
}

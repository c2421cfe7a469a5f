/**
 * Who answers for a unit, as the other modules ask it: its office (officers and leaders attached to
 * it), its leaders, and the watchers at it or above it. The unit tree decides "above"; only people
 * who are active are named.
 */
import type { Kysely } from 'kysely';
import { LEADER_ROLES, OFFICE_ROLES, OFFICE_STAFF_ROLES } from '../../../common/domain/access.ts';
import type { Role } from '../../../common/schemas/user.ts';
import type { DB } from '../../db/schema.ts';
import { ancestorIds } from '../unit/index.ts';
import { activePeopleAt, type UserRow } from './user.repository.ts';

/** The petition office of exactly this unit: its officers, chief and deputy. */
export async function officeOf(db: Kysely<DB>, unitId: string): Promise<UserRow[]> {
  return activePeopleAt(db, [unitId], OFFICE_ROLES);
}

/**
 * Who does the daily work of this unit's petition office (研判, 交办, 签收, 指派, 办结): its officers, or
 * its leaders when it has no active officer. They are told of such work and hold it on their to-do list.
 */
export async function officeWorkersOf(db: Kysely<DB>, unitId: string): Promise<UserRow[]> {
  const officers = await activePeopleAt(db, [unitId], OFFICE_STAFF_ROLES);
  return officers.length > 0 ? officers : leadersOf(db, unitId);
}

/** The leaders (chief, deputy) of exactly this unit, or of exactly these units (one query for many). */
export async function leadersOf(db: Kysely<DB>, unitId: string | readonly string[]): Promise<UserRow[]> {
  return activePeopleAt(db, typeof unitId === 'string' ? [unitId] : unitId, LEADER_ROLES);
}

/** People with `roles` at the unit with this path or at any unit above it (a mine's warning reaches the group). */
export async function watchersOf(db: Kysely<DB>, unitPath: string, roles: readonly Role[]): Promise<UserRow[]> {
  return activePeopleAt(db, ancestorIds(unitPath), roles);
}

/** Kysely queries for users. No rules here: the service decides, this file only reads and writes. */
import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../../common/domain/access.ts';
import type { Role } from '../../../common/schemas/user.ts';
import type { AppUserTable, DB } from '../../db/schema.ts';

export type UserRow = AppUserTable & { unit_name: string; unit_path: string };

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('app_user')
    .innerJoin('unit', 'unit.id', 'app_user.unit_id')
    .selectAll('app_user')
    .select(['unit.name as unit_name', 'unit.path as unit_path']);
}

export async function findUserById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return baseQuery(db).where('app_user.id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return baseQuery(db).where('app_user.username', '=', username).executeTakeFirst();
}

export type UserFilter = {
  scope: Scope;
  unitId?: string | undefined;
  role?: Role | undefined;
  q?: string | undefined;
  includeInactive: boolean;
};

export async function listUsers(db: Kysely<DB>, filter: UserFilter): Promise<UserRow[]> {
  let query = baseQuery(db);
  const { scope } = filter;
  if (scope.kind === 'none') return [];
  if (scope.kind === 'unit') query = query.where('app_user.unit_id', '=', scope.unitId);
  if (scope.kind === 'subtree') query = query.where('unit.path', 'like', `${scope.path}%`);
  if (filter.unitId !== undefined) query = query.where('app_user.unit_id', '=', filter.unitId);
  if (filter.role !== undefined) query = query.where('app_user.role', '=', filter.role);
  if (!filter.includeInactive) query = query.where('app_user.active', '=', 1);
  if (filter.q !== undefined && filter.q.length > 0) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    // An explicit ESCAPE: SQLite has no default escape character for LIKE.
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('app_user.username')} like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref('app_user.display_name')} like ${pattern} escape '\\'`,
      ]),
    );
  }
  return query.orderBy('unit.path').orderBy('app_user.username').limit(2000).execute();
}

/**
 * Active accounts in the subtree at `scopePath` whose name is `name` or begins with it (the
 * proposals for a 被反映人 while an officer types), at most `limit`, exact names first.
 */
export async function activeAccountsNamed(db: Kysely<DB>, name: string, scopePath: string, limit: number) {
  const prefix = `${name.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return baseQuery(db)
    .where('app_user.active', '=', 1)
    .where('unit.path', 'like', `${scopePath}%`)
    .where((eb) =>
      eb.or([
        eb('app_user.display_name', '=', name),
        // An explicit ESCAPE: SQLite has no default escape character for LIKE.
        sql<boolean>`${eb.ref('app_user.display_name')} like ${prefix} escape '\\'`,
      ]),
    )
    .orderBy(sql`case when app_user.display_name = ${name} then 0 else 1 end`)
    .orderBy('app_user.display_name')
    .limit(limit)
    .execute();
}

export async function insertUser(db: Kysely<DB>, row: AppUserTable): Promise<void> {
  await db.insertInto('app_user').values(row).execute();
}

export async function updateUser(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Omit<AppUserTable, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('app_user').set(patch).where('id', '=', id).execute();
}

export async function countActiveUsersInUnit(db: Kysely<DB>, unitId: string): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Active or not, with their unit path: whoever `ids` name (recipients, assignees). */
export async function usersByIds(db: Kysely<DB>, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return baseQuery(db).where('app_user.id', 'in', ids).execute();
}

/** Active people attached exactly to one of `unitIds` with one of `roles` (a unit's office, its leaders). */
export async function activePeopleAt(
  db: Kysely<DB>,
  unitIds: readonly string[],
  roles: readonly Role[],
): Promise<UserRow[]> {
  if (unitIds.length === 0 || roles.length === 0) return [];
  return baseQuery(db)
    .where('app_user.unit_id', 'in', unitIds)
    .where('app_user.role', 'in', roles)
    .where('app_user.active', '=', 1)
    .orderBy('app_user.display_name')
    .execute();
}

/**
 * The account a system actor acts as (the portal records the petitioner's own steps as done by
 * it): created once, inactive, with a password nobody knows, so it can never log in.
 */
export async function ensureSystemUser(
  db: Kysely<DB>,
  row: Omit<
    AppUserTable,
    'failed_login_count' | 'locked_until' | 'last_login_at' | 'email' | 'mobile_enc' | 'position'
  >,
): Promise<UserRow> {
  await db
    .insertInto('app_user')
    .values({
      ...row,
      active: 0,
      failed_login_count: 0,
      locked_until: null,
      last_login_at: null,
      email: null,
      mobile_enc: null,
      position: null,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  return baseQuery(db).where('app_user.username', '=', row.username).executeTakeFirstOrThrow();
}

/** Active people with one of `roles` attached anywhere in the subtree at `path` (who may stand a duty shift). */
export async function activePeopleUnder(db: Kysely<DB>, path: string, roles: readonly Role[]): Promise<UserRow[]> {
  if (roles.length === 0) return [];
  return baseQuery(db)
    .where('unit.path', 'like', `${path}%`)
    .where('app_user.role', 'in', roles)
    .where('app_user.active', '=', 1)
    .orderBy('app_user.display_name')
    .execute();
}

/** Active people with one of `roles` anywhere (the leaders a daily digest goes to). */
export async function activePeopleWithRoles(db: Kysely<DB>, roles: readonly Role[]): Promise<UserRow[]> {
  if (roles.length === 0) return [];
  return baseQuery(db).where('app_user.role', 'in', roles).where('app_user.active', '=', 1).execute();
}

/** Active people with one of `roles`, counted per unit path (a figure's denominator: cadres per unit). */
export async function activeCountsByUnitPath(db: Kysely<DB>, roles: readonly Role[]) {
  if (roles.length === 0) return [];
  return db
    .selectFrom('app_user as p')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .select(['u.path', sql<number | string>`count(*)`.as('n')])
    .where('p.active', '=', 1)
    .where('p.role', 'in', roles)
    .groupBy('u.path')
    .execute();
}

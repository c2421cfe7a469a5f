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

/** Kysely queries for the unit tree. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Scope } from '../../../common/domain/access.ts';
import { OFFICE_LEVEL_KINDS } from '../../../common/domain/unit-tree.ts';
import type { DB, UnitTable } from '../../db/schema.ts';
import { ancestorIds } from './unit-tree.ts';

export type UnitRow = UnitTable;
/** A unit as created: the three-level network (包联领导, 信息员) is set afterwards, on the units screen. */
export type NewUnitRow = Omit<
  UnitRow,
  'leader_user_id' | 'info_officer_user_id' | 'info_officer_name' | 'info_officer_phone'
>;
export type UnitRowWithCount = UnitTable & { user_count: number };

export async function findUnitById(db: Kysely<DB>, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The subtree a list's `unitId` filter narrows to (a figure's drill-down): the unit's path, or a path
 * no unit has when the id is unknown (the list is then empty, as the petition list does), or undefined
 * when there is no filter. Lists apply it as well as the reader's scope, never instead of it.
 */
export async function unitFilterPath(db: Kysely<DB>, unitId: string | undefined): Promise<string | undefined> {
  if (unitId === undefined) return undefined;
  return (await findUnitById(db, unitId))?.path ?? '/none/';
}

/** The names of the units with these ids (inactive ones too), in chunks well under any dialect's parameter limit. */
export async function findUnitNames(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, string>> {
  const all = [...new Set(ids)];
  const names = new Map<string, string>();
  for (let at = 0; at < all.length; at += 500) {
    const rows = await db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where('id', 'in', all.slice(at, at + 500))
      .execute();
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}

/**
 * The path of the nearest 集团/矿/公司 at or above the unit whose path is the SQL expression `path`
 * (OFFICE_LEVEL_KINDS), as a subquery other modules' queries embed (a case's handling body).
 */
export function officeLevelPathSubquery(db: Kysely<DB>, path: RawBuilder<string>) {
  return db
    .selectFrom('unit as office_level')
    .select('office_level.path')
    .where('office_level.kind', 'in', OFFICE_LEVEL_KINDS)
    .where(sql<boolean>`substr(${path}, 1, length(office_level.path)) = office_level.path`)
    .orderBy('office_level.depth', 'desc')
    .limit(1);
}

/** The nearest 集团/矿/公司 at or above the unit with this path (OFFICE_LEVEL_KINDS): the body it works under. */
export async function officeLevelPathOf(db: Kysely<DB>, path: string): Promise<string> {
  const row = await db
    .selectFrom('unit')
    .select('path')
    .where('id', 'in', ancestorIds(path))
    .where('kind', 'in', OFFICE_LEVEL_KINDS)
    .orderBy('depth', 'desc')
    .executeTakeFirst();
  return row?.path ?? path;
}

/**
 * The units a petitioner may name on the portal: active, one or two levels below the enterprise
 * (its mines, companies and departments, and what is directly under them), crews left out.
 */
export async function portalUnits(db: Kysely<DB>) {
  return db
    .selectFrom('unit')
    .select(['id', 'code', 'name', 'parent_id', 'path'])
    .where('active', '=', 1)
    .where('depth', 'in', [1, 2])
    .where('kind', '!=', 'crew')
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export async function findRootUnit(db: Kysely<DB>): Promise<UnitRow | undefined> {
  return db.selectFrom('unit').selectAll().where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
}

/** Units within `scope`, each with its count of active users, in tree order. */
export async function listUnits(db: Kysely<DB>, scope: Scope, includeInactive: boolean): Promise<UnitRowWithCount[]> {
  if (scope.kind === 'none') return [];
  let query = db
    .selectFrom('unit')
    .selectAll('unit')
    .select((eb) =>
      eb
        .selectFrom('app_user')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('app_user.unit_id', '=', 'unit.id')
        .where('app_user.active', '=', 1)
        .as('user_count'),
    );
  if (scope.kind === 'unit') query = query.where('unit.id', '=', scope.unitId);
  if (scope.kind === 'subtree') query = query.where('unit.path', 'like', `${scope.path}%`);
  if (!includeInactive) query = query.where('unit.active', '=', 1);
  const rows = await query.orderBy('unit.depth').orderBy('unit.sort_order').orderBy('unit.name').execute();
  return rows.map((row) => ({ ...row, user_count: row.user_count ?? 0 }));
}

export async function insertUnit(db: Kysely<DB>, row: NewUnitRow): Promise<void> {
  await db.insertInto('unit').values(row).execute();
}

export async function updateUnit(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Omit<UnitRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('unit').set(patch).where('id', '=', id).execute();
}

export async function countActiveChildren(db: Kysely<DB>, id: string): Promise<number> {
  const row = await db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function nextSortOrder(db: Kysely<DB>, parentId: string): Promise<number> {
  const row = await db
    .selectFrom('unit')
    .select((eb) => eb.fn.max<number | null>('sort_order').as('m'))
    .where('parent_id', '=', parentId)
    .executeTakeFirst();
  return (row?.m ?? 0) + 1;
}

/**
 * Re-root a whole subtree: every path starting with `oldPath` gets `newPath` as its prefix and its
 * depth shifted. One UPDATE, so the tree is never seen half-moved.
 */
export async function rewriteSubtreePaths(
  db: Kysely<DB>,
  oldPath: string,
  newPath: string,
  depthDelta: number,
  at: string,
): Promise<void> {
  await db
    .updateTable('unit')
    .set({
      path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
      updated_at: at,
    })
    .where('path', 'like', `${oldPath}%`)
    .execute();
}

/**
 * The ids of the units in the subtree at `path`, as a subquery other modules' queries embed
 * (`unit_id IN (…)`): a small set the database resolves once, so their own indexes stay usable.
 */
export function unitIdsUnder(db: Kysely<DB>, path: string) {
  return db.selectFrom('unit').select('unit.id').where('unit.path', 'like', `${path}%`);
}

/** The ids of the units directly under `unitId`, as a subquery other modules' queries embed (`unit_id IN (…)`). */
export function childUnitIds(db: Kysely<DB>, unitId: string) {
  return db.selectFrom('unit').select('unit.id').where('unit.parent_id', '=', unitId);
}

/** Every unit of the subtree at `path` (itself included): the tree a dashboard or a report rolls up. */
export async function unitsUnder(db: Kysely<DB>, path: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'kind', 'path', 'parent_id', 'active', 'depth'])
    .where('path', 'like', `${path}%`)
    .execute();
}

/** The active units of the subtree at `path` (itself included), with their kind and creation: who reports daily. */
export async function activeUnitsUnder(db: Kysely<DB>, path: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'kind', 'path', 'parent_id', 'created_at'])
    .where('path', 'like', `${path}%`)
    .where('active', '=', 1)
    .orderBy('path')
    .execute();
}

/** Units by id (names and paths for documents, views and messages). */
export async function unitsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('unit').selectAll().where('id', 'in', ids).execute();
}

/** An active unit by its public code (the QR code of the portal). */
export async function findActiveUnitByCode(db: Kysely<DB>, code: string): Promise<UnitRow | undefined> {
  return db.selectFrom('unit').selectAll().where('code', '=', code).where('active', '=', 1).executeTakeFirst();
}

/** The active units with their public codes, in tree order (the portal's list). */
export async function activeUnitCodes(db: Kysely<DB>) {
  return db.selectFrom('unit').select(['id', 'code', 'name', 'path']).where('active', '=', 1).orderBy('path').execute();
}

/** Every unit (id, name, path, active): the import's references and the ledger's unit names. */
export async function allUnits(db: Kysely<DB>) {
  return db.selectFrom('unit').select(['id', 'name', 'path', 'active']).execute();
}

export type NetworkPerson = { id: string; name: string; role: string; unit_id: string; active: number };

/** Accounts by id with their role and unit (the 包联领导 and 信息员 chosen for a unit). */
export async function networkPeopleByIds(db: Kysely<DB>, ids: readonly string[]): Promise<NetworkPerson[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name as name', 'role', 'unit_id', 'active'])
    .where('id', 'in', ids)
    .execute();
}

/** Active accounts with one of `roles` at any of `unitIds`, by name. */
export async function networkPeopleAt(
  db: Kysely<DB>,
  unitIds: readonly string[],
  roles: readonly string[],
): Promise<NetworkPerson[]> {
  if (unitIds.length === 0 || roles.length === 0) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name as name', 'role', 'unit_id', 'active'])
    .where('unit_id', 'in', unitIds)
    .where('role', 'in', roles as never)
    .where('active', '=', 1)
    .orderBy('display_name')
    .execute();
}

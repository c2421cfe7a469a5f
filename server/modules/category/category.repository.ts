/** Kysely queries for the content taxonomy. */
import type { Kysely } from 'kysely';
import { categoryLabel } from '../../../common/domain/category.ts';
import type { CategoryTable, DB } from '../../db/schema.ts';

export type CategoryRow = CategoryTable;
/** A row with its parent's flag (null for a top level). */
export type CategoryRowWithParent = CategoryRow & { parent_active: number | null };

export async function findCategory(
  db: Kysely<DB>,
  code: string,
): Promise<(CategoryRowWithParent & { parent_name: string | null }) | undefined> {
  return db
    .selectFrom('category')
    .leftJoin('category as parent', 'parent.code', 'category.parent_code')
    .selectAll('category')
    .select(['parent.active as parent_active', 'parent.name as parent_name'])
    .where('category.code', '=', code)
    .executeTakeFirst();
}

/**
 * The taxonomy in picker order: each top level followed by its children, by sort order then code.
 * `selectableOnly` drops inactive entries and the children of an inactive top level.
 */
export async function listCategories(db: Kysely<DB>, selectableOnly: boolean): Promise<CategoryRowWithParent[]> {
  let query = db
    .selectFrom('category')
    .leftJoin('category as parent', 'parent.code', 'category.parent_code')
    .selectAll('category')
    .select('parent.active as parent_active');
  if (selectableOnly) {
    query = query
      .where('category.active', '=', 1)
      .where((eb) => eb.or([eb('parent.code', 'is', null), eb('parent.active', '=', 1)]));
  }
  const rows = await query.execute();
  const key = (row: CategoryRow) => [row.sort_order, row.code] as const;
  const compare = (a: CategoryRow, b: CategoryRow) => {
    const [sa, ca] = key(a);
    const [sb, cb] = key(b);
    return sa - sb || (ca < cb ? -1 : ca > cb ? 1 : 0);
  };
  const tops = rows.filter((r) => r.parent_code === null).sort(compare);
  const childrenOf = new Map<string, CategoryRowWithParent[]>();
  for (const row of rows) {
    if (row.parent_code === null) continue;
    childrenOf.set(row.parent_code, [...(childrenOf.get(row.parent_code) ?? []), row]);
  }
  return tops.flatMap((top) => [top, ...(childrenOf.get(top.code) ?? []).sort(compare)]);
}

/** The codes of the siblings of a category (same parent), in their current order. */
export async function listSiblingCodes(db: Kysely<DB>, parentCode: string | null): Promise<string[]> {
  const query = db.selectFrom('category').select(['code', 'sort_order']);
  const rows = await (
    parentCode === null ? query.where('parent_code', 'is', null) : query.where('parent_code', '=', parentCode)
  )
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

export async function insertCategory(db: Kysely<DB>, row: CategoryRow): Promise<void> {
  await db.insertInto('category').values(row).execute();
}

export async function updateCategory(
  db: Kysely<DB>,
  code: string,
  patch: Partial<Omit<CategoryRow, 'code' | 'parent_code'>>,
): Promise<void> {
  await db.updateTable('category').set(patch).where('code', '=', code).execute();
}

/** The codes a filter by `code` covers: the code itself and, for a top level, its children. */
export function categoryCodesUnder(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('category')
    .select('category.code')
    .where((eb) => eb.or([eb('category.code', '=', code), eb('category.parent_code', '=', code)]));
}

/** The label of a category as petitions show it (`上级 / 本级`), or null for an unknown code. */
export async function findCategoryLabel(db: Kysely<DB>, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('category')
    .leftJoin('category as parent', 'parent.code', 'category.parent_code')
    .select(['category.name', 'parent.name as parent_name'])
    .where('category.code', '=', code)
    .executeTakeFirst();
  return row === undefined ? null : categoryLabel(row.name, row.parent_name);
}

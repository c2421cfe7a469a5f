/**
 * Use cases of the content taxonomy (内容分类, DOMAIN.md §6.3): list, create, rename, reorder,
 * deactivate, activate. Exactly two levels; an entry is never deleted because petitions keep its
 * code — it is deactivated, and deactivating a top level hides its children from pickers too.
 * Only an enterprise administrator edits (`category.manage` on the enterprise unit); every write is
 * one transaction with its audit row.
 */
import type { Kysely } from 'kysely';
import { can, enterpriseOf, reachOf, type Actor } from '../../../common/domain/access.ts';
import { isSelectable, moveWithin, newCategoryIssue } from '../../../common/domain/category.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import type {
  CategoryListView,
  CategoryView,
  CreateCategoryInput,
  RenameCategoryInput,
  ReorderCategoryInput,
} from '../../../common/schemas/category.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import {
  findCategory,
  insertCategory,
  listCategories as listCategoryRows,
  listSiblingCodes,
  updateCategory,
  type CategoryRowWithParent,
} from './category.repository.ts';

export function toCategoryView(row: CategoryRowWithParent): CategoryView {
  return {
    code: row.code,
    parentCode: row.parent_code,
    name: row.name,
    nationalCategory: row.national_category,
    active: row.active === 1,
    selectable: isSelectable({
      active: row.active === 1,
      parentActive: row.parent_active === null ? null : row.parent_active === 1,
    }),
    sortOrder: row.sort_order,
  };
}

function mayManage(actor: Actor): boolean {
  return can(actor, 'category.manage', enterpriseOf(actor));
}

function requireManager(actor: Actor): void {
  if (!mayManage(actor))
    throw new DomainError('FORBIDDEN', { message: 'Only an enterprise administrator edits the taxonomy' });
}

/** A category by code. @throws NOT_FOUND */
async function loadCategory(db: Kysely<DB>, code: string): Promise<CategoryRowWithParent> {
  const row = await findCategory(db, code);
  if (row === undefined) throw new DomainError('NOT_FOUND', { message: 'Category not found', details: { code } });
  return row;
}

async function viewOf(db: Kysely<DB>, code: string): Promise<CategoryView> {
  return toCategoryView(await loadCategory(db, code));
}

/**
 * The taxonomy in picker order. Everyone signed in reads the selectable entries; an administrator
 * may ask for every entry (inactive ones too) to edit them.
 * @throws FORBIDDEN (includeInactive by someone who cannot administer)
 */
export async function listCategories(
  deps: ServiceDeps,
  actor: Actor,
  options: { includeInactive: boolean },
): Promise<CategoryListView> {
  if (options.includeInactive && reachOf(actor.role, 'category.manage') === 'none') {
    throw new DomainError('FORBIDDEN', { message: 'Only an administrator lists inactive categories' });
  }
  const rows = await listCategoryRows(deps.db, !options.includeInactive);
  return { categories: rows.map(toCategoryView), canManage: mayManage(actor) };
}

/**
 * Create a top level (no parentCode) or a second level under an active top level; it goes last
 * among its siblings.
 * @throws FORBIDDEN, VALIDATION_FAILED (code format, unknown or inactive parent, a third level,
 *   a code in use — each naming its field)
 */
export async function createCategory(
  deps: ServiceDeps,
  actor: Actor,
  input: CreateCategoryInput,
): Promise<CategoryView> {
  requireManager(actor);
  const parentCode = input.parentCode ?? null;
  const nationalCategory =
    input.nationalCategory !== undefined && input.nationalCategory.length > 0 ? input.nationalCategory : null;
  await deps.db.transaction().execute(async (trx) => {
    const parent = parentCode === null ? null : await findCategory(trx, parentCode);
    if (parent === undefined)
      throw fieldError('parentCode', 'unknown parent category', 'VALIDATION_FAILED', { parentCode });
    const issue = newCategoryIssue(
      input.code,
      parent === null ? null : { code: parent.code, parentCode: parent.parent_code, active: parent.active === 1 },
    );
    if (issue !== null)
      throw fieldError(issue.path, issue.message, 'VALIDATION_FAILED', { code: input.code, parentCode });
    if (parent !== null && nationalCategory !== null) {
      throw fieldError('nationalCategory', 'only a top level maps to a national category');
    }
    if ((await findCategory(trx, input.code)) !== undefined)
      throw fieldError('code', `code ${input.code} is already in use`, 'VALIDATION_FAILED', { code: input.code });
    const siblings = await listSiblingCodes(trx, parentCode);
    const row = {
      code: input.code,
      parent_code: parentCode,
      name: input.name,
      national_category: nationalCategory,
      active: 1,
      sort_order: siblings.length,
    };
    await insertCategory(trx, row);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'category.create',
      entityType: 'category',
      entityId: input.code,
      after: { parentCode, name: input.name, nationalCategory, active: true },
    });
  });
  return viewOf(deps.db, input.code);
}

/** @throws FORBIDDEN, NOT_FOUND */
export async function renameCategory(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  input: RenameCategoryInput,
): Promise<CategoryView> {
  requireManager(actor);
  const category = await loadCategory(deps.db, code);
  if (category.name === input.name) return toCategoryView(category);
  await deps.db.transaction().execute(async (trx) => {
    await updateCategory(trx, code, { name: input.name });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'category.rename',
      entityType: 'category',
      entityId: code,
      before: { name: category.name },
      after: { name: input.name },
    });
  });
  return viewOf(deps.db, code);
}

/**
 * Put a category at `position` among its siblings (beyond the end = last); the siblings are
 * renumbered 0…n-1 in the same transaction so the order never has ties.
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function reorderCategory(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  input: ReorderCategoryInput,
): Promise<CategoryView> {
  requireManager(actor);
  const category = await loadCategory(deps.db, code);
  await deps.db.transaction().execute(async (trx) => {
    const siblings = await listSiblingCodes(trx, category.parent_code);
    const from = siblings.indexOf(code);
    const ordered = moveWithin(siblings, from, input.position);
    for (const [index, sibling] of ordered.entries()) await updateCategory(trx, sibling, { sort_order: index });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'category.reorder',
      entityType: 'category',
      entityId: code,
      before: { name: category.name, position: from },
      after: { name: category.name, position: ordered.indexOf(code) },
    });
  });
  return viewOf(deps.db, code);
}

async function setActive(deps: ServiceDeps, actor: Actor, code: string, active: boolean): Promise<CategoryView> {
  requireManager(actor);
  const category = await loadCategory(deps.db, code);
  if ((category.active === 1) === active) return toCategoryView(category);
  await deps.db.transaction().execute(async (trx) => {
    await updateCategory(trx, code, { active: active ? 1 : 0 });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: active ? 'category.activate' : 'category.deactivate',
      entityType: 'category',
      entityId: code,
      before: { name: category.name, active: !active },
      after: { name: category.name, active },
    });
  });
  return viewOf(deps.db, code);
}

/**
 * Deactivate: no new petition may take the category (or, for a top level, any of its children);
 * petitions that have it keep it. Children keep their own flags. @throws FORBIDDEN, NOT_FOUND
 */
export function deactivateCategory(deps: ServiceDeps, actor: Actor, code: string): Promise<CategoryView> {
  return setActive(deps, actor, code, false);
}

/** Activate again. A child of an inactive top level stays unselectable until its parent is active. @throws FORBIDDEN, NOT_FOUND */
export function activateCategory(deps: ServiceDeps, actor: Actor, code: string): Promise<CategoryView> {
  return setActive(deps, actor, code, true);
}

/**
 * For other modules: refuse a code a petition may not take now — unknown, inactive, or under an
 * inactive top level — naming `field`. Pass the transaction when inside one (SQLite has one connection).
 * @throws VALIDATION_FAILED
 */
export async function assertSelectableCategory(
  db: Kysely<DB>,
  code: string,
  field = 'categoryCode',
): Promise<{ name: string; parentName: string | null }> {
  const row = await findCategory(db, code);
  if (row === undefined) throw fieldError(field, 'unknown category', 'VALIDATION_FAILED', { categoryCode: code });
  if (!toCategoryView(row).selectable)
    throw fieldError(field, 'the category is inactive', 'VALIDATION_FAILED', { categoryCode: code });
  return { name: row.name, parentName: row.parent_name };
}

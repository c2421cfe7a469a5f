/**
 * Access scope for the organisation: who may see or change which unit, user and audit entry.
 *
 * A user acts within the subtree of the unit they are attached to (三级工作体系: a mine's staff see the
 * mine and everything under it, never a sibling mine). Two roles differ: `auditor` (考核/纪检) reads
 * across the whole tree, and `partner` (外部协作) sees only their own unit. These functions are
 * pure; repositories turn `scopeOf` into a WHERE clause, services call `can` before acting.
 */
import type { Role } from '../schemas/user.ts';

/** Materialised path of unit ids from the root, e.g. `/u1/u7/u31/`; a subtree is a path prefix. */
export type UnitPath = string;

export type Actor = {
  id: string;
  role: Role;
  unitId: string;
  unitPath: UnitPath;
};

export type UnitRef = { id: string; path: UnitPath };

export const ACTIONS = [
  'unit.read',
  'unit.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'category.manage',
  'calendar.manage',
  'template.manage',
  'warning.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** How far an actor's reach extends for one action, independent of any target. */
export type Reach = 'none' | 'own_unit' | 'subtree' | 'all';

/**
 * The role × action table. Reading the table is the whole policy; `can` only adds the unit check.
 * admin manages its subtree (an admin at the enterprise root manages everything); leaders and
 * officers read their subtree; partners see their own unit and nobody's accounts.
 * The taxonomy (category.manage), the working-day calendar (calendar.manage), the document
 * templates (template.manage) and the warning policy and sensitive periods (warning.manage) belong
 * to the whole enterprise: their target is the enterprise
 * unit (`enterpriseOf`), so an admin's subtree reach lets only an admin at the root edit them.
 * Every signed-in user reads the taxonomy and the calendar; templates are read where documents are made.
 */
const REACH: Record<Role, Record<Action, Reach>> = {
  admin: {
    'unit.read': 'subtree',
    'unit.manage': 'subtree',
    'user.read': 'subtree',
    'user.manage': 'subtree',
    'audit.read': 'all',
    'category.manage': 'subtree',
    'calendar.manage': 'subtree',
    'template.manage': 'subtree',
    'warning.manage': 'subtree',
  },
  chief: {
    'unit.read': 'subtree',
    'unit.manage': 'none',
    'user.read': 'subtree',
    'user.manage': 'none',
    'audit.read': 'none',
    'category.manage': 'none',
    'calendar.manage': 'none',
    'template.manage': 'none',
    'warning.manage': 'none',
  },
  deputy: {
    'unit.read': 'subtree',
    'unit.manage': 'none',
    'user.read': 'subtree',
    'user.manage': 'none',
    'audit.read': 'none',
    'category.manage': 'none',
    'calendar.manage': 'none',
    'template.manage': 'none',
    'warning.manage': 'none',
  },
  officer: {
    'unit.read': 'subtree',
    'unit.manage': 'none',
    'user.read': 'subtree',
    'user.manage': 'none',
    'audit.read': 'none',
    'category.manage': 'none',
    'calendar.manage': 'none',
    'template.manage': 'none',
    'warning.manage': 'none',
  },
  handler: {
    'unit.read': 'subtree',
    'unit.manage': 'none',
    'user.read': 'own_unit',
    'user.manage': 'none',
    'audit.read': 'none',
    'category.manage': 'none',
    'calendar.manage': 'none',
    'template.manage': 'none',
    'warning.manage': 'none',
  },
  unit_head: {
    'unit.read': 'subtree',
    'unit.manage': 'none',
    'user.read': 'subtree',
    'user.manage': 'none',
    'audit.read': 'none',
    'category.manage': 'none',
    'calendar.manage': 'none',
    'template.manage': 'none',
    'warning.manage': 'none',
  },
  partner: {
    'unit.read': 'own_unit',
    'unit.manage': 'none',
    'user.read': 'none',
    'user.manage': 'none',
    'audit.read': 'none',
    'category.manage': 'none',
    'calendar.manage': 'none',
    'template.manage': 'none',
    'warning.manage': 'none',
  },
  auditor: {
    'unit.read': 'all',
    'unit.manage': 'none',
    'user.read': 'all',
    'user.manage': 'none',
    'audit.read': 'all',
    'category.manage': 'none',
    'calendar.manage': 'none',
    'template.manage': 'none',
    'warning.manage': 'none',
  },
};

/** The reach of a role for an action. */
export function reachOf(role: Role, action: Action): Reach {
  return REACH[role][action];
}

/** True when `path` lies in the subtree rooted at `rootPath` (the root itself included). */
export function isInSubtree(path: UnitPath, rootPath: UnitPath): boolean {
  return path.startsWith(rootPath);
}

/** May `actor` perform `action` on something that belongs to `target`? */
export function can(actor: Actor, action: Action, target: UnitRef): boolean {
  const reach = reachOf(actor.role, action);
  switch (reach) {
    case 'none':
      return false;
    case 'all':
      return true;
    case 'own_unit':
      return target.id === actor.unitId;
    case 'subtree':
      return isInSubtree(target.path, actor.unitPath);
  }
}

/** The enterprise (root) unit of the actor's tree: the target of enterprise-wide actions. */
export function enterpriseOf(actor: Actor): UnitRef {
  const rootId = actor.unitPath.split('/').find((segment) => segment.length > 0) ?? actor.unitId;
  return { id: rootId, path: `/${rootId}/` };
}

/** The filter a repository applies for list queries. */
export type Scope =
  { kind: 'none' } | { kind: 'all' } | { kind: 'unit'; unitId: string } | { kind: 'subtree'; path: UnitPath };

export function scopeOf(actor: Actor, action: Action): Scope {
  const reach = reachOf(actor.role, action);
  switch (reach) {
    case 'none':
      return { kind: 'none' };
    case 'all':
      return { kind: 'all' };
    case 'own_unit':
      return { kind: 'unit', unitId: actor.unitId };
    case 'subtree':
      return { kind: 'subtree', path: actor.unitPath };
  }
}

/**
 * Which roles an admin may hand out. An `auditor` reads the whole tree, so only an admin at the
 * enterprise root may create one; any admin may create any other role inside its own subtree.
 */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (actor.role !== 'admin') return false;
  if (role === 'auditor') return isRootActor(actor);
  return true;
}

function isRootActor(actor: Actor): boolean {
  // The root's path has exactly one segment: `/rootId/`.
  return actor.unitPath.split('/').filter(Boolean).length === 1;
}

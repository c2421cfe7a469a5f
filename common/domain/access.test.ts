import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../schemas/user.ts';
import { ACTIONS, can, canGrantRole, enterpriseOf, isInSubtree, scopeOf, type Action, type Actor } from './access.ts';

// A tree: R → A (mine) → A1 (team) → A1c (crew); R → B (mine); R → D (department)
const R = { id: 'R', path: '/R/' };
const A = { id: 'A', path: '/R/A/' };
const A1 = { id: 'A1', path: '/R/A/A1/' };
const A1c = { id: 'A1c', path: '/R/A/A1/A1c/' };
const B = { id: 'B', path: '/R/B/' };
const D = { id: 'D', path: '/R/D/' };
const UNITS = { R, A, A1, A1c, B, D };
type UnitName = keyof typeof UNITS;

function actor(role: Role, at: UnitName): Actor {
  return { id: `${role}@${at}`, role, unitId: UNITS[at].id, unitPath: UNITS[at].path };
}

/**
 * Expected outcome for an actor attached to mine A, per role × action, over the targets
 * [R, A, A1, A1c, B]: 1 = allowed, 0 = refused.
 */
const AT_MINE_A: Record<Role, Record<Action, string>> = {
  admin: {
    'unit.read': '01110',
    'unit.manage': '01110',
    'user.read': '01110',
    'user.manage': '01110',
    'audit.read': '11111',
    'category.manage': '01110',
    'calendar.manage': '01110',
    'template.manage': '01110',
    'warning.manage': '01110',
  },
  chief: {
    'unit.read': '01110',
    'unit.manage': '00000',
    'user.read': '01110',
    'user.manage': '00000',
    'audit.read': '00000',
    'category.manage': '00000',
    'calendar.manage': '00000',
    'template.manage': '00000',
    'warning.manage': '00000',
  },
  deputy: {
    'unit.read': '01110',
    'unit.manage': '00000',
    'user.read': '01110',
    'user.manage': '00000',
    'audit.read': '00000',
    'category.manage': '00000',
    'calendar.manage': '00000',
    'template.manage': '00000',
    'warning.manage': '00000',
  },
  officer: {
    'unit.read': '01110',
    'unit.manage': '00000',
    'user.read': '01110',
    'user.manage': '00000',
    'audit.read': '00000',
    'category.manage': '00000',
    'calendar.manage': '00000',
    'template.manage': '00000',
    'warning.manage': '00000',
  },
  handler: {
    'unit.read': '01110',
    'unit.manage': '00000',
    'user.read': '01000',
    'user.manage': '00000',
    'audit.read': '00000',
    'category.manage': '00000',
    'calendar.manage': '00000',
    'template.manage': '00000',
    'warning.manage': '00000',
  },
  unit_head: {
    'unit.read': '01110',
    'unit.manage': '00000',
    'user.read': '01110',
    'user.manage': '00000',
    'audit.read': '00000',
    'category.manage': '00000',
    'calendar.manage': '00000',
    'template.manage': '00000',
    'warning.manage': '00000',
  },
  partner: {
    'unit.read': '01000',
    'unit.manage': '00000',
    'user.read': '00000',
    'user.manage': '00000',
    'audit.read': '00000',
    'category.manage': '00000',
    'calendar.manage': '00000',
    'template.manage': '00000',
    'warning.manage': '00000',
  },
  auditor: {
    'unit.read': '11111',
    'unit.manage': '00000',
    'user.read': '11111',
    'user.manage': '00000',
    'audit.read': '11111',
    'category.manage': '00000',
    'calendar.manage': '00000',
    'template.manage': '00000',
    'warning.manage': '00000',
  },
};
const TARGETS: UnitName[] = ['R', 'A', 'A1', 'A1c', 'B'];

describe('access matrix: roles × actions × units, for a user attached to mine A', () => {
  const cases = ROLES.flatMap((role) =>
    ACTIONS.flatMap((action) =>
      TARGETS.map((target, i) => ({ role, action, target, allowed: AT_MINE_A[role][action][i] === '1' })),
    ),
  );
  it.each(cases)('$role $action on $target → $allowed', ({ role, action, target, allowed }) => {
    expect(can(actor(role, 'A'), action, UNITS[target])).toBe(allowed);
  });
});

/**
 * Enterprise-wide actions (the taxonomy, the calendar) target the enterprise unit: expected outcome
 * per role for a user attached to [R (the root), A (a mine), D (a department)].
 */
const ENTERPRISE_WIDE: Record<Role, string> = {
  admin: '100',
  chief: '000',
  deputy: '000',
  officer: '000',
  handler: '000',
  unit_head: '000',
  partner: '000',
  auditor: '000',
};

describe('enterprise-wide actions: only an admin at the enterprise root', () => {
  const cases = ROLES.flatMap((role) =>
    (['category.manage', 'calendar.manage', 'template.manage', 'warning.manage'] as const).flatMap((action) =>
      (['R', 'A', 'D'] as const).map((at, i) => ({ role, action, at, allowed: ENTERPRISE_WIDE[role][i] === '1' })),
    ),
  );
  it.each(cases)('$role at $at: $action → $allowed', ({ role, action, at, allowed }) => {
    const who = actor(role, at);
    expect(can(who, action, enterpriseOf(who))).toBe(allowed);
  });

  it('finds the enterprise from any depth of the tree', () => {
    expect(enterpriseOf(actor('officer', 'A1c'))).toEqual(R);
    expect(enterpriseOf(actor('admin', 'R'))).toEqual(R);
  });
});

describe('isInSubtree', () => {
  it.each([
    ['/R/A/A1/', '/R/A/', true],
    ['/R/A/', '/R/A/', true],
    ['/R/B/', '/R/A/', false],
    ['/R/', '/R/A/', false],
    // A sibling whose id starts with the same characters is not inside: paths end with a slash.
    ['/R/AB/', '/R/A/', false],
  ])('%s within %s → %s', (path, root, expected) => {
    expect(isInSubtree(path, root)).toBe(expected);
  });
});

describe('scopeOf', () => {
  it('turns reach into the filter a repository applies', () => {
    expect(scopeOf(actor('officer', 'A'), 'unit.read')).toEqual({ kind: 'subtree', path: '/R/A/' });
    expect(scopeOf(actor('partner', 'D'), 'unit.read')).toEqual({ kind: 'unit', unitId: 'D' });
    expect(scopeOf(actor('auditor', 'D'), 'user.read')).toEqual({ kind: 'all' });
    expect(scopeOf(actor('partner', 'D'), 'user.read')).toEqual({ kind: 'none' });
  });
});

describe('canGrantRole', () => {
  it.each([
    ['admin', 'R', 'auditor', true],
    ['admin', 'A', 'auditor', false],
    ['admin', 'A', 'admin', true],
    ['admin', 'A', 'officer', true],
    ['chief', 'R', 'officer', false],
    ['officer', 'R', 'handler', false],
  ] as const)('%s at %s may grant %s → %s', (role, at, granted, expected) => {
    expect(canGrantRole(actor(role, at), granted)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../schemas/user.ts';
import {
  ACTIONS,
  can,
  canGrantRole,
  enterpriseOf,
  hasAction,
  isInSubtree,
  isLeader,
  isOffice,
  scopeOf,
  type Action,
  type Actor,
} from './access.ts';

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
 * Expected outcome for an actor attached to mine A, per action × role, over the targets
 * [R, A, A1, A1c, B]: 1 = allowed, 0 = refused. Written out by hand: this is the specification.
 */
const AT_MINE_A: Record<Action, Record<Role, string>> = {
  'unit.read': {
    admin: '01110',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '01110',
    unit_head: '01110',
    partner: '01000',
    auditor: '11111',
  },
  'unit.manage': {
    admin: '01110',
    chief: '00000',
    deputy: '00000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'user.read': {
    admin: '01110',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01110',
    partner: '00000',
    auditor: '11111',
  },
  'user.manage': {
    admin: '01110',
    chief: '00000',
    deputy: '00000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'audit.read': {
    admin: '11111',
    chief: '00000',
    deputy: '00000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '11111',
  },
  'category.manage': {
    admin: '01110',
    chief: '00000',
    deputy: '00000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'calendar.manage': {
    admin: '01110',
    chief: '00000',
    deputy: '00000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'template.manage': {
    admin: '01110',
    chief: '00000',
    deputy: '00000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'warning.manage': {
    admin: '01110',
    chief: '00000',
    deputy: '00000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'setting.manage': {
    admin: '01110',
    chief: '01000',
    deputy: '01000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'petition.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '01110',
    unit_head: '01110',
    partner: '01000',
    auditor: '11111',
  },
  'petition.register': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '00000',
  },
  'petition.supervise': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'petitioner.lookup': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'namedPerson.match': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'todo.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '01110',
    unit_head: '01110',
    partner: '00000',
    auditor: '00000',
  },
  'dashboard.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '11111',
  },
  'warning.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '11111',
  },
  'warning.act': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'ledger.import': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'text.suggest': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'call_record.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '00000',
  },
  'call_record.reveal': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'report.submit': {
    admin: '00000',
    chief: '00000',
    deputy: '00000',
    officer: '01000',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '00000',
  },
  'report.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '11111',
  },
  'report.overview': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '11111',
  },
  'appraisal.manage': {
    admin: '01110',
    chief: '00000',
    deputy: '00000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'appraisal.read': {
    admin: '01110',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '11111',
  },
  'appraisal.self_assess': {
    admin: '00000',
    chief: '01000',
    deputy: '01000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'appraisal.review': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'accountability.decide': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'accountability.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '11111',
  },
  'accountability.rectify': {
    admin: '00000',
    chief: '01000',
    deputy: '01000',
    officer: '01000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'screening.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01110',
    partner: '00000',
    auditor: '11111',
  },
  'screening.manage': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'screening.answer': {
    admin: '00000',
    chief: '01000',
    deputy: '01000',
    officer: '01000',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '00000',
  },
  'hazard.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01110',
    partner: '00000',
    auditor: '11111',
  },
  'hazard.manage': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '00000',
  },
  'hazard.approve': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'duty.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '11111',
  },
  'duty.manage': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'duty.log': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '00000',
  },
  'emergency.respond': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '01110',
    unit_head: '01110',
    partner: '00000',
    auditor: '00000',
  },
  'emergency.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'emergency.plan.manage': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'emergency.activate': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'emergency.drill': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'partner.manage': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'partner.workspace': {
    admin: '00000',
    chief: '00000',
    deputy: '00000',
    officer: '00000',
    handler: '00000',
    unit_head: '00000',
    partner: '01000',
    auditor: '00000',
  },
  'mediation.manage': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  // The library is the group's: at mine A the office reads it (through the group's root, 'knowledge.read'
  // asks no unit) but keeps it only at the root — the target of a change is the enterprise.
  'knowledge.read': {
    admin: '01110',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '01110',
    unit_head: '01110',
    partner: '00000',
    auditor: '11111',
  },
  'knowledge.manage': {
    admin: '01110',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'training.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '11111',
  },
  'training.manage': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'training.take': {
    admin: '00000',
    chief: '01000',
    deputy: '01000',
    officer: '01000',
    handler: '01000',
    unit_head: '01000',
    partner: '00000',
    auditor: '00000',
  },
  'consultation.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '11111',
  },
  'consultation.manage': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '00000',
    partner: '00000',
    auditor: '00000',
  },
  'publicity.read': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '11111',
  },
  'publicity.manage': {
    admin: '00000',
    chief: '01110',
    deputy: '01110',
    officer: '01110',
    handler: '00000',
    unit_head: '01000',
    partner: '00000',
    auditor: '00000',
  },
};
const TARGETS: UnitName[] = ['R', 'A', 'A1', 'A1c', 'B'];

describe('access matrix: roles × actions × units, for a user attached to mine A', () => {
  const cases = ROLES.flatMap((role) =>
    ACTIONS.flatMap((action) =>
      TARGETS.map((target, i) => ({ role, action, target, allowed: AT_MINE_A[action][role][i] === '1' })),
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

describe('settings: an admin in its subtree, a leader at their own unit only', () => {
  // [R (the enterprise), A (a mine)] as targets, for a user attached to R, then to A.
  it.each([
    ['admin', 'R', '11'],
    ['admin', 'A', '01'],
    ['chief', 'R', '10'],
    ['chief', 'A', '01'],
    ['deputy', 'A', '01'],
    ['officer', 'R', '00'],
    ['auditor', 'R', '00'],
  ] as const)('%s at %s → %s', (role, at, expected) => {
    const who = actor(role, at);
    expect([R, A].map((target) => (can(who, 'setting.manage', target) ? '1' : '0')).join('')).toBe(expected);
  });
});

describe('frontline heads (区队长, 班组长) register what workers bring them, at their own unit only', () => {
  // Targets [R, A, A1 (district team), A1c (crew), B]: a head registers at his unit, never above,
  // below or beside it; a handler there still registers nothing.
  it.each([
    ['unit_head', 'A1', '00100'],
    ['unit_head', 'A1c', '00010'],
    ['handler', 'A1', '00000'],
    ['officer', 'A1', '00110'],
  ] as const)('%s at %s: petition.register → %s', (role, at, expected) => {
    const who = actor(role, at);
    expect(TARGETS.map((target) => (can(who, 'petition.register', UNITS[target]) ? '1' : '0')).join('')).toBe(expected);
  });

  it('reads the calls taken at his own unit, and never reveals a call-back number', () => {
    const head = actor('unit_head', 'A1');
    expect(TARGETS.map((target) => (can(head, 'call_record.read', UNITS[target]) ? '1' : '0')).join('')).toBe('00100');
    expect(hasAction('unit_head', 'call_record.reveal')).toBe(false);
  });
});

describe('role groups', () => {
  it.each(ROLES)('%s: leader and office membership', (role) => {
    expect(isLeader(role)).toBe(role === 'chief' || role === 'deputy');
    expect(isOffice(role)).toBe(role === 'chief' || role === 'deputy' || role === 'officer');
  });

  it('module entries: who opens what at all', () => {
    const opens = (action: Action) => ROLES.filter((role) => hasAction(role, action));
    expect(opens('petition.read')).toEqual([
      'chief',
      'deputy',
      'officer',
      'handler',
      'unit_head',
      'partner',
      'auditor',
    ]);
    expect(opens('dashboard.read')).toEqual(['chief', 'deputy', 'officer', 'auditor']);
    expect(opens('todo.read')).toEqual(['chief', 'deputy', 'officer', 'handler', 'unit_head']);
    // 用户管理: those who manage or oversee accounts of a subtree; a handler oversees nobody.
    expect(opens('user.read')).toEqual(['admin', 'chief', 'deputy', 'officer', 'unit_head', 'auditor']);
  });
});

import { describe, expect, it } from 'vitest';
import { UNIT_KINDS, type UnitKind } from '../schemas/unit.ts';
import { canContain, childPath, isOfficeLevel, levelAbovePath, unitPathName } from './unit-tree.ts';

// Rows: parent kind; columns in UNIT_KINDS order (enterprise, mine, company, department, district_team, crew).
const TABLE: Record<UnitKind, string> = {
  enterprise: '011100',
  mine: '000110',
  company: '011110',
  department: '000111',
  district_team: '000001',
  crew: '000000',
};

describe('canContain', () => {
  const cases = UNIT_KINDS.flatMap((parent) =>
    UNIT_KINDS.map((child, i) => ({ parent, child, allowed: TABLE[parent][i] === '1' })),
  );
  it.each(cases)('$parent may contain $child → $allowed', ({ parent, child, allowed }) => {
    expect(canContain(parent, child)).toBe(allowed);
  });

  it('never lets anything contain an enterprise: there is one root', () => {
    expect(UNIT_KINDS.some((kind) => canContain(kind, 'enterprise'))).toBe(false);
  });
});

describe('childPath', () => {
  it('appends the id and a closing slash', () => {
    expect(childPath('/R/A/', 'X')).toBe('/R/A/X/');
  });
});

describe('unitPathName', () => {
  const names = new Map([
    ['g', '冀中某能源集团'],
    ['ds', '东山煤矿'],
    ['hr', '人力资源科'],
    ['t1', '综采一队'],
    ['c1', '甲班'],
    ['gw', '工会'],
  ]);
  const nameOf = (id: string) => names.get(id);

  it.each([
    ['/g/ds/hr/', '东山煤矿 人力资源科'],
    ['/g/ds/t1/c1/', '东山煤矿 综采一队 甲班'],
    ['/g/gw/', '工会'],
    ['/g/ds/', '东山煤矿'],
    ['/g/', '冀中某能源集团'],
    ['/g/ds/unknown/', '东山煤矿'],
  ])('%s → %s', (path, expected) => {
    expect(unitPathName(path, nameOf)).toBe(expected);
  });
});

describe('levelAbovePath (上一级, 第35–36条)', () => {
  it.each([
    ['/g/ds/t1/c1/', '/g/ds/t1/'],
    ['/g/ds/', '/g/'],
    ['/g/', '/g/'], // the top of the tree is its own level above
  ])('%s → %s', (path, expected) => {
    expect(levelAbovePath(path)).toBe(expected);
  });
});

describe('isOfficeLevel', () => {
  it.each([
    ['enterprise', true],
    ['mine', true],
    ['company', true],
    ['department', false],
    ['district_team', false],
    ['crew', false],
  ] as const)('%s → %s', (kind, expected) => {
    expect(isOfficeLevel(kind)).toBe(expected);
  });

  it('the parent of every office level below the top is an office level', () => {
    for (const parent of ['enterprise', 'mine', 'company', 'department', 'district_team', 'crew'] as const) {
      for (const child of ['mine', 'company'] as const) {
        if (canContain(parent, child)) expect(isOfficeLevel(parent), `${parent} contains ${child}`).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { UNIT_KINDS, type UnitKind } from '../schemas/unit.ts';
import { canContain, childPath } from './unit-tree.ts';

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

import { describe, expect, it } from 'vitest';
import { isSelectable, moveWithin, newCategoryIssue, type ParentFacts } from './category.ts';

const TOP: ParentFacts = { code: '01', parentCode: null, active: true };
const TOP_OFF: ParentFacts = { code: '02', parentCode: null, active: false };
const SECOND: ParentFacts = { code: '0101', parentCode: '01', active: true };

describe('newCategoryIssue', () => {
  it.each([
    ['14', null, null],
    ['1', null, 'code'],
    ['141', null, 'code'],
    ['1401', null, 'code'],
    ['ab', null, 'code'],
    ['0107', TOP, null],
    ['0199', TOP, null],
    ['0207', TOP, 'code'],
    ['01', TOP, 'code'],
    ['010107', TOP, 'code'],
    ['0207', TOP_OFF, 'parentCode'],
    ['010101', SECOND, 'parentCode'],
    ['0102', SECOND, 'parentCode'],
  ] as const)('code %s under %o → issue on %s', (code, parent, field) => {
    expect(newCategoryIssue(code, parent)?.path ?? null).toBe(field);
  });
});

describe('isSelectable', () => {
  it.each([
    [{ active: true, parentActive: null }, true],
    [{ active: false, parentActive: null }, false],
    [{ active: true, parentActive: true }, true],
    [{ active: true, parentActive: false }, false],
    [{ active: false, parentActive: true }, false],
  ])('%o → %s', (facts, expected) => {
    expect(isSelectable(facts)).toBe(expected);
  });
});

describe('moveWithin', () => {
  it.each([
    [0, 2, ['b', 'c', 'a']],
    [2, 0, ['c', 'a', 'b']],
    [1, 1, ['a', 'b', 'c']],
    [1, 9, ['a', 'c', 'b']],
    [1, -3, ['b', 'a', 'c']],
    [5, 0, ['a', 'b', 'c']],
  ])('from %i to %i → %o', (from, to, expected) => {
    expect(moveWithin(['a', 'b', 'c'], from, to)).toEqual(expected);
  });
});

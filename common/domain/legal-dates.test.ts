import { describe, expect, it } from 'vitest';
import { legalDateProblem } from './legal-dates.ts';

const NOW = new Date('2026-12-07T02:00:00.000Z');

describe('legalDateProblem', () => {
  it.each([
    ['now', '2026-12-07T02:00:00.000Z', undefined, null],
    ['a minute ago', '2026-12-07T01:59:00.000Z', undefined, null],
    ['four minutes ahead (clock skew)', '2026-12-07T02:04:00.000Z', undefined, null],
    ['six minutes ahead', '2026-12-07T02:06:00.000Z', undefined, 'future'],
    ['next February', '2027-02-01T00:00:00.000Z', undefined, 'future'],
    ['year 9999', '9999-12-31T00:00:00.000Z', undefined, 'future'],
    ['year 0001', '0001-01-01T00:00:00.000Z', undefined, 'too_early'],
    ['1999', '1999-12-31T23:59:59.000Z', undefined, 'too_early'],
    ['before the step it follows', '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z', 'before_step'],
    ['the same instant as the step', '2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z', null],
    ['not a date', 'yesterday', undefined, 'invalid'],
  ] as const)('%s → %s', (_label, value, notBefore, expected) => {
    expect(legalDateProblem(value, NOW, notBefore)).toBe(expected);
  });
});

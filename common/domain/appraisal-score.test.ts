import { describe, expect, it } from 'vitest';
import { AppraisalDefinitionSchema } from '../schemas/appraisal.ts';
import { indicatorCenti, measuredOf, periodRange, rankOf, scoreUnit } from './appraisal-score.ts';

describe('indicatorCenti: full weight at the target, none at the threshold, linear between', () => {
  it.each([
    // measured, weight, target, threshold → hundredths
    [100, 30, 100, 80, 3000],
    [90, 30, 100, 80, 1500],
    [80, 30, 100, 80, 0],
    [50, 30, 100, 80, 0],
    [null, 30, 100, 80, 3000], // nothing due: nothing missed
    // lower is better: target below the threshold
    [0, 20, 0, 10, 2000],
    [5, 20, 0, 10, 1000],
    [12, 20, 0, 10, 0],
  ])('%s with weight %s, target %s, threshold %s → %s', (measured, weight, target, threshold, centi) => {
    expect(indicatorCenti(measured, { weight, target, threshold })).toBe(centi);
  });
});

describe('measuredOf', () => {
  it.each([
    [{ value: 3, of: 4 }, 75],
    [{ value: 0, of: 0 }, null],
    [{ value: 7, of: null }, 7],
    // A mean: 84 minutes to arrival over 2 incidents is 42 minutes, not a percentage.
    [{ value: 84, of: 2, kind: 'mean' as const }, 42],
    [{ value: 0, of: 0, kind: 'mean' as const }, null],
  ])('%j → %s', (value, measured) => expect(measuredOf(value)).toBe(measured));
});

describe('scoreUnit', () => {
  const definition = AppraisalDefinitionSchema.parse({
    indicators: [
      { key: 'petition.concludedOnTime', weight: 60, target: 100, threshold: 80 },
      { key: 'petition.repeatRate', weight: 40, target: 0, threshold: 20 },
    ],
    rules: [{ key: 'petition.group', points: -5, cap: 12 }],
  });
  it('adds the indicators and the capped rule', () => {
    const scored = scoreUnit(definition, {
      'petition.concludedOnTime': { value: 9, of: 10, version: 1 }, // 90% → 30
      'petition.repeatRate': { value: 1, of: 10, version: 1 }, // 10% → 20
      'petition.group': { value: 3, of: null, version: 1 }, // 3 × −5 = −15, capped at −12
    });
    expect(scored.items.map((i) => i.pointsCenti)).toEqual([3000, 2000]);
    expect(scored.rules).toEqual([{ key: 'petition.group', count: 3, pointsCenti: -1200 }]);
    expect(scored.totalCenti).toBe(3800);
  });
});

describe('the definition refuses', () => {
  it.each([
    [
      'weights not adding up to 100',
      { indicators: [{ key: 'petition.group', weight: 60, target: 0, threshold: 5 }] },
      'indicators',
    ],
    [
      'an indicator twice',
      {
        indicators: [
          { key: 'petition.group', weight: 50, target: 0, threshold: 5 },
          { key: 'petition.group', weight: 50, target: 0, threshold: 5 },
        ],
      },
      'indicators',
    ],
    [
      'a target equal to its threshold',
      { indicators: [{ key: 'petition.group', weight: 100, target: 5, threshold: 5 }] },
      'indicators.0.threshold',
    ],
  ])('%s, naming %s', (_, input, field) => {
    const parsed = AppraisalDefinitionSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });
});

describe('rankOf and periodRange', () => {
  it('shares a rank between equal scores', () => {
    const ranks = rankOf([
      { id: 'a', centi: 9000 },
      { id: 'b', centi: 9500 },
      { id: 'c', centi: 9000 },
      { id: 'd', centi: 100 },
    ]);
    expect(['a', 'b', 'c', 'd'].map((id) => ranks.get(id))).toEqual([2, 1, 2, 4]);
  });
  it.each([
    ['2026-Q1', { kind: 'quarter', from: '2026-01-01', to: '2026-03-31' }],
    ['2026-Q4', { kind: 'quarter', from: '2026-10-01', to: '2026-12-31' }],
    ['2025', { kind: 'year', from: '2025-01-01', to: '2025-12-31' }],
    ['2026-Q5', null],
  ])('%s → %j', (key, range) => expect(periodRange(key)).toEqual(range));
});

import { describe, expect, it } from 'vitest';
import { adoptionCounts, adoptionRate, stageOf, takesComments } from './consultation.ts';

describe('takesComments and stageOf', () => {
  it.each([
    ['2026-03-10', '2026-03-09', false, true, 'open'],
    ['2026-03-10', '2026-03-10', false, true, 'open'],
    ['2026-03-10', '2026-03-11', false, false, 'closed'],
    ['2026-03-10', '2026-03-09', true, false, 'decided'],
    ['2026-03-10', '2026-03-12', true, false, 'decided'],
  ] as const)('deadline %s, today %s, decided %s → takes comments %s, %s', (deadline, today, decided, takes, stage) => {
    expect(takesComments(deadline, today, decided)).toBe(takes);
    expect(stageOf(deadline, today, decided)).toBe(stage);
  });
});

describe('adoptionCounts and adoptionRate', () => {
  it.each([
    [[], { total: 0, adopted: 0, partly: 0, notAdopted: 0, unanswered: 0 }, null],
    [['adopted', 'partly', 'not_adopted'], { total: 3, adopted: 1, partly: 1, notAdopted: 1, unanswered: 0 }, 2 / 3],
    [['not_adopted', null], { total: 2, adopted: 0, partly: 0, notAdopted: 1, unanswered: 1 }, 0],
    [[null, null], { total: 2, adopted: 0, partly: 0, notAdopted: 0, unanswered: 2 }, null],
    [['adopted', 'adopted', 'partly', null], { total: 4, adopted: 2, partly: 1, notAdopted: 0, unanswered: 1 }, 1],
  ] as const)('%j → %j, rate %s', (answers, counts, rate) => {
    expect(adoptionCounts(answers)).toEqual(counts);
    expect(adoptionRate(adoptionCounts(answers))).toBe(rate);
  });
});

import { describe, expect, it } from 'vitest';
import { detectSpike, namedCadreLevel, poissonUpperTail, raiseLevel, repeatPersonLevel } from './signals.ts';

describe('poissonUpperTail', () => {
  it.each([
    [0, 2, 1],
    [1, 2, 1 - Math.exp(-2)],
    [3, 1, 1 - Math.exp(-1) * (1 + 1 + 0.5)],
  ])('P(X ≥ %i | λ=%f)', (k, lambda, expected) => {
    expect(poissonUpperTail(k, lambda)).toBeCloseTo(expected, 12);
  });
});

describe('detectSpike on constructed histories', () => {
  // A mine's wage petitions: about 2 a week over the last eight weeks.
  const usual = [2, 1, 3, 2, 2, 1, 2, 3];

  it.each<[string, number, readonly number[], string | null]>([
    ['a normal week does not fire', 3, usual, null],
    ['a busy but ordinary week does not fire', 4, usual, null],
    ['twice the usual is worth a blue look', 6, usual, 'blue'],
    ['a wage-day surge fires', 9, usual, 'orange'],
    ['a collective dispute fires red', 14, usual, 'red'],
    ['two letters in a quiet unit stay quiet', 2, [0, 0, 0, 0], null],
    ['five in a unit that never has any fires', 5, [0, 0, 0, 0, 0, 0, 0, 0], 'orange'],
    ['below the minimum count never fires', 3, [0, 0, 0], null],
  ])('%s', (_, observed, baseline, level) => {
    expect(detectSpike(observed, baseline).level).toBe(level);
  });

  it('fires earlier in a sensitive period', () => {
    expect(detectSpike(5, usual).level).toBeNull();
    expect(detectSpike(5, usual, undefined, true).level).toBe('blue');
  });
});

describe('levels for people and cadres', () => {
  it.each([
    [2, null],
    [3, 'yellow'],
    [5, 'orange'],
    [8, 'red'],
  ])('a person with %i petitions', (count, level) => {
    expect(repeatPersonLevel(count)).toBe(level);
  });
  it.each([
    [2, null],
    [3, 'yellow'],
    [6, 'orange'],
  ])('a cadre named %i times', (count, level) => {
    expect(namedCadreLevel(count)).toBe(level);
  });
  it('raises one level, red stays red', () => {
    expect([raiseLevel('blue'), raiseLevel('orange'), raiseLevel('red')]).toEqual(['yellow', 'red', 'red']);
  });
});

import { describe, expect, it } from 'vitest';
import { entryTimeProblem, minutesBetween, responseTimes } from './emergency.ts';

const ACTIVATED = '2026-03-02T01:00:00.000Z';
const NOW = new Date('2026-03-02T03:00:00.000Z');

describe('entryTimeProblem', () => {
  it.each([
    ['at activation', '2026-03-02T01:00:00.000Z', null],
    ['an hour before activation (people gathered first)', '2026-03-02T00:00:00.000Z', null],
    ['23 h 59 before activation', '2026-03-01T01:01:00.000Z', null],
    ['more than a day before activation', '2026-03-01T00:59:00.000Z', 'before_step'],
    ['now', '2026-03-02T03:00:00.000Z', null],
    ['four minutes ahead (a phone clock)', '2026-03-02T03:04:00.000Z', null],
    ['an hour ahead', '2026-03-02T04:00:00.000Z', 'future'],
    ['not a time', 'soon', 'invalid'],
  ])('%s', (_name, at, problem) => {
    expect(entryTimeProblem(at, ACTIVATED, NOW)).toBe(problem);
  });
});

describe('minutesBetween', () => {
  it.each([
    ['00:00', '00:00', 0],
    ['00:00', '00:17:59', 17],
    ['01:00', '00:00', 0],
  ])('%s → %s = %i', (a, b, n) => {
    const at = (t: string) => `2026-03-02T${t.length === 5 ? `${t}:00` : t}.000Z`;
    expect(minutesBetween(at(a), at(b))).toBe(n);
  });
});

describe('responseTimes', () => {
  const at = (m: number) => new Date(Date.parse(ACTIVATED) + m * 60_000).toISOString();
  it.each([
    ['nothing yet', [], null, { toFirstArrival: null, toStandDown: null }],
    [
      'the earliest arrival counts',
      [
        { kind: 'arrival', occurredAt: at(25) },
        { kind: 'arrival', occurredAt: at(12) },
      ],
      null,
      { toFirstArrival: 12, toStandDown: null },
    ],
    [
      'an arrival before activation is no response',
      [
        { kind: 'arrival', occurredAt: at(-30) },
        { kind: 'arrival', occurredAt: at(40) },
      ],
      null,
      { toFirstArrival: 40, toStandDown: null },
    ],
    [
      'other kinds are not arrivals',
      [{ kind: 'talks', occurredAt: at(5) }],
      at(90),
      { toFirstArrival: null, toStandDown: 90 },
    ],
    ['both', [{ kind: 'arrival', occurredAt: at(18) }], at(185), { toFirstArrival: 18, toStandDown: 185 }],
  ])('%s', (_name, entries, stood, expected) => {
    expect(responseTimes(ACTIVATED, entries, stood)).toEqual(expected);
  });
});

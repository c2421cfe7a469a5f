import { describe, expect, it } from 'vitest';
import {
  coverageGaps,
  coveredMs,
  firstOverlap,
  handoverOnTime,
  intervalsOverlap,
  localDaysWindow,
  nextShiftAfter,
  onDutyAt,
  type Interval,
} from './duty.ts';

// Hand-worked instants: local 2026-02-16 (除夕) 08:00 (UTC+8) is 2026-02-16T00:00Z; local midnight
// starting 2026-02-16 is 2026-02-15T16:00Z.
const s = (startAt: string, endAt: string): Interval => ({ startAt, endAt });
/** 08:00–20:00 local on 02-16 */
const DAY16 = s('2026-02-16T00:00:00.000Z', '2026-02-16T12:00:00.000Z');
/** 20:00 local 02-16 – 08:00 local 02-17 */
const NIGHT16 = s('2026-02-16T12:00:00.000Z', '2026-02-17T00:00:00.000Z');
/** 00:00–08:00 local 02-16 */
const EARLY16 = s('2026-02-15T16:00:00.000Z', '2026-02-16T00:00:00.000Z');

describe('intervalsOverlap / firstOverlap', () => {
  it.each([
    ['day then night touch at 20:00: no overlap', DAY16, NIGHT16, false],
    ['a shift overlaps itself', DAY16, DAY16, true],
    [
      '19:00–21:00 local crosses the change at 20:00',
      DAY16,
      s('2026-02-16T11:00:00.000Z', '2026-02-16T13:00:00.000Z'),
      true,
    ],
    ['a shift inside another', NIGHT16, s('2026-02-16T14:00:00.000Z', '2026-02-16T15:00:00.000Z'), true],
    ['a later day', DAY16, s('2026-02-17T00:00:00.000Z', '2026-02-17T12:00:00.000Z'), false],
  ])('%s', (_name, a, b, expected) => {
    expect(intervalsOverlap(a, b)).toBe(expected);
    expect(intervalsOverlap(b, a)).toBe(expected);
  });

  it('names the first overlapping pair by index', () => {
    expect(firstOverlap([EARLY16, DAY16, NIGHT16])).toBeNull();
    expect(firstOverlap([EARLY16, DAY16, NIGHT16, s('2026-02-16T23:00:00.000Z', '2026-02-17T02:00:00.000Z')])).toEqual([
      2, 3,
    ]);
  });
});

describe('localDaysWindow', () => {
  it.each([
    ['one local day', '2026-02-16', '2026-02-16', s('2026-02-15T16:00:00.000Z', '2026-02-16T16:00:00.000Z')],
    ['春节 02-16 to 02-22', '2026-02-16', '2026-02-22', s('2026-02-15T16:00:00.000Z', '2026-02-22T16:00:00.000Z')],
    ['across a month end', '2026-02-28', '2026-03-01', s('2026-02-27T16:00:00.000Z', '2026-03-01T16:00:00.000Z')],
  ])('%s', (_name, from, to, expected) => {
    expect(localDaysWindow(from, to)).toEqual(expected);
  });
});

describe('coverageGaps (24-hour duty in a sensitive period)', () => {
  const window = localDaysWindow('2026-02-16', '2026-02-16');
  it.each([
    ['three shifts cover the local day', [EARLY16, DAY16, NIGHT16], []],
    ['listed in any order', [NIGHT16, EARLY16, DAY16], []],
    [
      'no night shift: 20:00–24:00 local open',
      [EARLY16, DAY16],
      [s('2026-02-16T12:00:00.000Z', '2026-02-16T16:00:00.000Z')],
    ],
    ['nobody before 08:00 local', [DAY16, NIGHT16], [s('2026-02-15T16:00:00.000Z', '2026-02-16T00:00:00.000Z')]],
    ['nothing at all', [], [window]],
    [
      'a hole 12:00–13:00 local',
      [
        EARLY16,
        s('2026-02-16T00:00:00.000Z', '2026-02-16T04:00:00.000Z'),
        s('2026-02-16T05:00:00.000Z', '2026-02-17T00:00:00.000Z'),
      ],
      [s('2026-02-16T04:00:00.000Z', '2026-02-16T05:00:00.000Z')],
    ],
    [
      'one 24-hour shift from the day before 08:00 local',
      [s('2026-02-15T00:00:00.000Z', '2026-02-17T00:00:00.000Z')],
      [],
    ],
  ])('%s', (_name, shifts, gaps) => {
    expect(coverageGaps(window, shifts)).toEqual(gaps);
  });

  it('counts covered time once where shifts overlap', () => {
    expect(coveredMs(window, [EARLY16, DAY16])).toBe(20 * 3_600_000);
    expect(coveredMs(window, [DAY16, DAY16])).toBe(12 * 3_600_000);
    expect(coveredMs(window, [EARLY16, DAY16, NIGHT16])).toBe(24 * 3_600_000);
  });
});

describe('onDutyAt / nextShiftAfter', () => {
  const roster = [EARLY16, DAY16, NIGHT16];
  it.each([
    ['07:59 local on 02-16: the early shift', '2026-02-15T23:59:00.000Z', EARLY16],
    ['08:00 local exactly: the day shift has started', '2026-02-16T00:00:00.000Z', DAY16],
    ['23:00 local: the night shift', '2026-02-16T15:00:00.000Z', NIGHT16],
    ['08:00 local 02-17: nobody (the night shift has ended)', '2026-02-17T00:00:00.000Z', undefined],
  ])('%s', (_name, at, expected) => {
    expect(onDutyAt(roster, at)).toEqual(expected);
  });

  it('finds the shift a handover is shown to', () => {
    expect(nextShiftAfter(roster, DAY16.endAt)).toEqual(NIGHT16);
    expect(nextShiftAfter(roster, NIGHT16.endAt)).toBeUndefined();
  });
});

describe('handoverOnTime', () => {
  it.each([
    ['at the end of the shift', DAY16.endAt, true],
    ['an hour after the end (the grace)', '2026-02-16T13:00:00.000Z', true],
    ['61 minutes after', '2026-02-16T13:01:00.000Z', false],
    ['never', null, false],
  ])('%s', (_name, at, expected) => {
    expect(handoverOnTime(DAY16, at)).toBe(expected);
  });
});

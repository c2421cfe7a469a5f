import { describe, expect, it } from 'vitest';
import {
  judgeRepeat,
  POSTINGS_CAP,
  QUERY_SAMPLES_MAX,
  querySamples,
  rankCandidates,
  repeatShingles,
  sampleLevelFor,
  SAMPLE_TARGET,
  similarityOf,
  STOCK_WEIGHT,
  storedSamples,
  VERIFY_LIMIT,
} from './repeat-engine.ts';

/** The shingle set {from, …, to − 1}: hand-made sets whose overlaps are counted by eye. */
function range(from: number, to: number): Uint32Array {
  return Uint32Array.from({ length: to - from }, (_, i) => from + i);
}

describe('similarityOf', () => {
  it.each([
    ['identical', range(0, 100), range(0, 100), { jaccard: 1, containment: 1, shared: 100 }],
    ['disjoint', range(0, 50), range(50, 100), { jaccard: 0, containment: 0, shared: 0 }],
    ['half overlap', range(0, 60), range(20, 80), { jaccard: 0.5, containment: 40 / 60, shared: 40 }],
    ['a small text inside a large one', range(0, 40), range(0, 400), { jaccard: 0.1, containment: 1, shared: 40 }],
    ['an empty set', range(0, 0), range(0, 10), { jaccard: 0, containment: 0, shared: 0 }],
  ])('%s', (_case, a, b, expected) => {
    const s = similarityOf(a, b);
    expect(s.shared).toBe(expected.shared);
    expect(s.jaccard).toBeCloseTo(expected.jaccard, 10);
    expect(s.containment).toBeCloseTo(expected.containment, 10);
    expect(similarityOf(b, a)).toEqual(s);
  });
});

// The verdict's thresholds (repeat-engine.ts VERDICT): Jaccard ≥ 0.5, or containment ≥ 0.15 with at
// least 8 shingles shared; with agreeing identity 0.35 and 0.08. Each row sits on or beside a threshold.
describe('judgeRepeat', () => {
  it.each([
    [
      'the same text',
      range(0, 100),
      range(0, 100),
      false,
      { score: 1, jaccard: 1, containment: 1, byContainment: false },
    ],
    [
      'Jaccard exactly 0.5',
      range(0, 60),
      range(20, 80),
      false,
      { score: 0.6, jaccard: 0.5, containment: 0.667, byContainment: false },
    ],
    [
      'Jaccard 0.31, half of the smaller text kept',
      range(0, 100),
      range(50, 160),
      false,
      { score: 0.45, jaccard: 0.313, containment: 0.5, byContainment: true },
    ],
    [
      'containment exactly 0.15 with 9 shared',
      range(0, 60),
      range(51, 551),
      false,
      { score: 0.135, jaccard: 0.016, containment: 0.15, byContainment: true },
    ],
    ['containment 0.15 but only 6 shared', range(0, 40), range(34, 534), false, null],
    ['containment 0.133 (8 shared): below', range(0, 60), range(52, 552), false, null],
    [
      'the same, identity agreeing: above 0.08',
      range(0, 60),
      range(52, 552),
      true,
      { score: 0.12, jaccard: 0.014, containment: 0.133, byContainment: true },
    ],
    ['containment 0.067 with identity: below 0.08', range(0, 120), range(112, 612), true, null],
    ['short texts, Jaccard 0.43, 3 shared', range(0, 5), range(2, 7), false, null],
    [
      'the same with identity: Jaccard above 0.35',
      range(0, 5),
      range(2, 7),
      true,
      { score: 0.429, jaccard: 0.429, containment: 0.6, byContainment: false },
    ],
    ['Jaccard 0.33 with identity: below 0.35', range(0, 4), range(2, 6), true, null],
    ['disjoint', range(0, 100), range(100, 200), true, null],
    ['an empty query', range(0, 0), range(0, 100), true, null],
    ['an empty candidate', range(0, 100), range(0, 0), true, null],
  ])('%s', (_case, query, other, identity, expected) => {
    expect(judgeRepeat(query, other, identity)).toEqual(expected);
  });

  it('judges real rewrites: a new letter keeping a passage is a repeat, another matter of the same kind is not', () => {
    const old =
      '我是甲矿综采一队的职工，二〇二五年十月至十二月的绩效工资一直没有发放，队里说要等考核结果出来再定。' +
      '我们每天按时下井，出勤天数都有记录，考核办法却从来没有公开过。请求矿上尽快核实并补发拖欠的绩效工资。';
    const newLetter =
      '各位领导：上次反映的事情还没有解决。二〇二五年十月至十二月的绩效工资一直没有发放，队里说要等考核结果出来再定。恳请尽快解决。';
    const other =
      '我是乙矿掘进二队的职工，今年一月的加班费没有按规定标准计发，区队也没有给出说法，请求按规定补发加班费。';
    expect(judgeRepeat(repeatShingles(newLetter), repeatShingles(old))?.byContainment).toBe(true);
    expect(judgeRepeat(repeatShingles(other), repeatShingles(old))).toBeNull();
    expect(judgeRepeat(repeatShingles(other), repeatShingles(old), true)).toBeNull();
  });
});

describe('samples', () => {
  it.each([
    [0, 0],
    [SAMPLE_TARGET, 0],
    [SAMPLE_TARGET + 1, 1],
    [SAMPLE_TARGET * 2, 1],
    [SAMPLE_TARGET * 8, 3],
    [SAMPLE_TARGET * 8 + 1, 4],
  ])('a text of %i shingles is sampled at level %i', (count, level) => {
    expect(sampleLevelFor(count)).toBe(level);
  });

  it.each([20, 300, 2000, 20_000])(
    'a text of %i shingles files about SAMPLE_TARGET samples and looks up at most QUERY_SAMPLES_MAX',
    (n) => {
      const shingles = repeatShingles(
        Array.from({ length: n + 4 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000))).join(''),
      );
      const stored = storedSamples(shingles);
      const looked = querySamples(shingles);
      expect(stored.length).toBeLessThanOrEqual(Math.max(SAMPLE_TARGET * 2, shingles.length <= SAMPLE_TARGET ? n : 0));
      expect(looked.length).toBeLessThanOrEqual(QUERY_SAMPLES_MAX);
      // What a text is filed under, it also looks up: a text always meets its own copy.
      const lookedSet = new Set(looked);
      expect(stored.every((s) => lookedSet.has(s))).toBe(true);
    },
  );
});

describe('rankCandidates', () => {
  const full = (shingle: number, ...first: string[]) => [
    ...first.map((petitionId) => ({ shingle, petitionId })),
    ...Array.from({ length: POSTINGS_CAP - first.length }, (_, i) => ({ shingle, petitionId: `z${shingle}-${i}` })),
  ];
  it.each([
    [
      'by samples shared',
      [
        { shingle: 1, petitionId: 'b' },
        { shingle: 2, petitionId: 'b' },
        { shingle: 1, petitionId: 'a' },
      ],
      ['b', 'a'],
    ],
    [
      'ties by id',
      [
        { shingle: 1, petitionId: 'c' },
        { shingle: 2, petitionId: 'a' },
      ],
      ['a', 'c'],
    ],
    [
      'a full list counts STOCK_WEIGHT: one rare sample beats three stock ones',
      [...full(7, 'stock'), ...full(8, 'stock'), ...full(9, 'stock'), { shingle: 1, petitionId: 'rare' }],
      ['rare', 'stock'],
    ],
    ['nothing', [], []],
  ])('ranks %s', (_case, postings, expectedFirst) => {
    expect(rankCandidates(postings).slice(0, expectedFirst.length)).toEqual(expectedFirst);
  });

  it('returns at most VERIFY_LIMIT candidates', () => {
    const postings = Array.from({ length: 50 }, (_, i) => ({
      shingle: i % 3,
      petitionId: `p${String(i).padStart(2, '0')}`,
    }));
    expect(rankCandidates(postings)).toHaveLength(VERIFY_LIMIT);
    expect(rankCandidates(postings, 3)).toEqual(['p00', 'p01', 'p02']);
    expect(3 * STOCK_WEIGHT).toBeLessThan(1);
  });
});

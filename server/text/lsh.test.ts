import { describe, expect, it } from 'vitest';
import { candidateProbability, LshIndex } from './lsh.ts';

describe('candidateProbability', () => {
  it.each([
    // J, bands, rows, P = 1 − (1 − J^r)^b
    [0, 40, 3, 0],
    [1, 40, 3, 1],
    [0.5, 40, 3, 1 - (1 - 0.125) ** 40],
    [0.3, 20, 5, 1 - (1 - 0.3 ** 5) ** 20],
  ])('J %f with %i bands of %i rows', (jaccard, bands, rows, expected) => {
    expect(candidateProbability(jaccard, { bands, rows })).toBeCloseTo(expected, 12);
  });

  it('is an S-curve: low below the threshold, high above it', () => {
    const params = { bands: 40, rows: 3 };
    expect(candidateProbability(0.1, params)).toBeLessThan(0.05);
    expect(candidateProbability(0.5, params)).toBeGreaterThan(0.99);
  });
});

describe('LshIndex', () => {
  const params = { bands: 4, rows: 2 };
  const sig = (...values: number[]) => Uint32Array.from(values);
  const a = sig(1, 2, 3, 4, 5, 6, 7, 8);
  const sharesOneBand = sig(1, 2, 9, 9, 9, 9, 9, 9);
  const sharesHalfABand = sig(1, 9, 3, 9, 5, 9, 7, 9);

  it('returns documents sharing at least one whole band', () => {
    const index = new LshIndex(params);
    index.add(1, a);
    index.add(2, sharesOneBand);
    index.add(3, sharesHalfABand);
    expect([...index.candidates(a)].sort()).toEqual([1, 2]);
    expect([...index.candidates(sharesHalfABand)]).toEqual([3]);
  });

  it('forgets a removed document and keeps the others of its buckets', () => {
    const index = new LshIndex(params);
    index.add(1, a);
    index.add(2, a);
    index.add(3, a);
    index.remove(2, a);
    expect([...index.candidates(a)].sort()).toEqual([1, 3]);
    index.remove(1, a);
    index.remove(3, a);
    expect(index.candidates(a).size).toBe(0);
    expect(index.bucketCount()).toBe(0);
  });

  it('refuses a signature shorter than bands × rows', () => {
    expect(() => new LshIndex(params).add(1, sig(1, 2, 3))).toThrow(RangeError);
  });
});

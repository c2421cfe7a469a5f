import { describe, expect, it } from 'vitest';
import { candidateProbability, LshIndex } from './lsh.ts';
import { MinHasher, shingleSet } from './minhash.ts';

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

describe('LshIndex look-up cost', () => {
  it('reads a handful of candidates out of thousands of documents, never all of them', () => {
    // 3,000 texts of 60 characters drawn from 400 common Han characters: unrelated, as petitions are.
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const text = () =>
      Array.from({ length: 60 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 400))).join('');
    const hasher = new MinHasher(120);
    const index = new LshIndex({ bands: 40, rows: 3 });
    const texts = Array.from({ length: 3000 }, text);
    texts.forEach((t, slot) => index.add(slot, hasher.signature(shingleSet(t))));
    const probe = texts[1234] ?? '';
    const edited = `${probe.slice(0, 25)}井下${probe.slice(25)}`;
    const candidates = index.candidates(hasher.signature(shingleSet(edited)));
    expect(candidates.has(1234)).toBe(true);
    expect(candidates.size).toBeLessThan(10);
  });
});

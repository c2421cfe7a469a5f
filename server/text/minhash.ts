/**
 * MinHash signatures over character shingles (w-shingling, Broder 1997). The Jaccard similarity of
 * two shingle sets equals the probability that their minimum hashes agree under a random
 * permutation, so a signature of n minimums estimates it with standard error √(J(1−J)/n).
 *
 * Shingles are k consecutive content characters of {@link compactText} (no spaces or punctuation),
 * k = 3 by default. Measured on 3,000 random same-category pairs of real petitions (Jaccard p99 /
 * max): k = 2 gives 0.045 / 0.13 — two-character shingles are ordinary words shared by unrelated
 * petitions, which also fills LSH buckets with useless candidates; k = 3 gives 0.015 / 0.08, k = 4
 * 0.007 / 0.06. Larger k costs robustness: a typo breaks k shingles, so a copy with one typo per
 * 80 characters keeps a median J of 0.945 (k = 2), 0.92 (k = 3), 0.90 (k = 4), 0.87 (k = 5). Three
 * characters separate the two populations with the widest margin for a threshold near 0.5.
 */
import { compactText } from './normalise.ts';

/** Characters per shingle; see the module comment for why three. */
export const DEFAULT_SHINGLE_SIZE = 3;

/** Murmur3's 32-bit finaliser: a fast bijection on 32-bit integers with full avalanche. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The distinct hashed shingles of a text, sorted ascending (so two sets intersect in one merge).
 * A compact text shorter than k characters gives one shingle of the whole text; an empty one none.
 */
export function shingleSet(text: string, k: number = DEFAULT_SHINGLE_SIZE): Uint32Array {
  const chars = Array.from(compactText(text)).map((c) => c.codePointAt(0) ?? 0);
  const seen = new Set<number>();
  const width = Math.min(k, chars.length);
  for (let i = 0; i + width <= chars.length && width > 0; i += 1) {
    // FNV-1a over the code points of the shingle, then mixed.
    let h = 0x811c9dc5;
    for (let j = 0; j < width; j += 1) h = Math.imul(h ^ (chars[i + j] ?? 0), 0x01000193);
    seen.add(mix32(h));
  }
  return Uint32Array.from(seen).sort();
}

/** |A ∩ B| of two sorted shingle sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      common += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return common;
}

/** Exact Jaccard |A∩B| / |A∪B| and containment |A∩B| / min(|A|,|B|) of two sorted shingle sets. */
export function exactSimilarity(a: Uint32Array, b: Uint32Array): { jaccard: number; containment: number } {
  const common = intersectionSize(a, b);
  const union = a.length + b.length - common;
  const smaller = Math.min(a.length, b.length);
  return { jaccard: union === 0 ? 0 : common / union, containment: smaller === 0 ? 0 : common / smaller };
}

/**
 * Computes MinHash signatures with `numHashes` independent hash functions, h_i(x) = mix32(x ⊕ s_i)
 * with fixed seeds, so signatures are stable across processes and can be stored.
 */
export class MinHasher {
  readonly numHashes: number;
  private readonly seeds: Uint32Array;

  constructor(numHashes: number, seed = 0x5eed) {
    this.numHashes = numHashes;
    this.seeds = new Uint32Array(numHashes);
    let s = seed >>> 0;
    for (let i = 0; i < numHashes; i += 1) {
      s = mix32(s + 0x9e3779b9);
      this.seeds[i] = s;
    }
  }

  /** The signature of a shingle set; all 0xffffffff for an empty set (it then matches nothing). */
  signature(shingles: Uint32Array): Uint32Array {
    const sig = new Uint32Array(this.numHashes).fill(0xffffffff);
    const count = shingles.length;
    for (let i = 0; i < this.numHashes; i += 1) {
      const seed = this.seeds[i] ?? 0;
      let min = 0xffffffff;
      // mix32 inlined: this loop is the whole cost of indexing (3× faster than calling it).
      for (let j = 0; j < count; j += 1) {
        let h = ((shingles[j] ?? 0) ^ seed) >>> 0;
        h ^= h >>> 16;
        h = Math.imul(h, 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h, 0xc2b2ae35);
        h = (h ^ (h >>> 16)) >>> 0;
        if (h < min) min = h;
      }
      sig[i] = min;
    }
    return sig;
  }
}

/** The share of positions where two signatures agree: the MinHash estimate of Jaccard. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i += 1) if (a[i] === b[i] && a[i] !== 0xffffffff) same += 1;
  return same / n;
}

/**
 * Containment |A∩B| / min(|A|,|B|) derived from a Jaccard value and the two set sizes:
 * |A∩B| = J·(|A|+|B|)/(1+J). Lets a signature-only index recognise a text that gained or lost a
 * paragraph (low Jaccard, high containment) without keeping the shingles.
 */
export function containmentFromJaccard(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0) return 0;
  return Math.min(1, (jaccard * (sizeA + sizeB)) / (1 + jaccard) / smaller);
}

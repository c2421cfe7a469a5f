/**
 * Locality-sensitive hashing over MinHash signatures (banding). The signature of n = bands × rows
 * minimums is cut into `bands` bands of `rows` values; two documents become candidates when any
 * band is identical. For Jaccard J the candidate probability is the S-curve
 * P(J) = 1 − (1 − J^rows)^bands, with its steep part near (1/bands)^(1/rows).
 * A lookup reads `bands` buckets and never scans the documents.
 */
import { mix32 } from './minhash.ts';

/** Banding parameters of an {@link LshIndex}. */
export type LshParams = { bands: number; rows: number };

/** Probability that two documents of Jaccard `jaccard` become candidates: 1 − (1 − J^r)^b. */
export function candidateProbability(jaccard: number, params: LshParams): number {
  return 1 - (1 - jaccard ** params.rows) ** params.bands;
}

/** An LSH index from band hashes to document slots, with add, remove and candidate lookup. */
export class LshIndex {
  readonly params: LshParams;
  private readonly buckets: Map<number, number[] | number>[];

  constructor(params: LshParams) {
    if (params.bands < 1 || params.rows < 1) throw new RangeError('bands and rows must be positive');
    this.params = params;
    this.buckets = Array.from({ length: params.bands }, () => new Map<number, number[] | number>());
  }

  /** The hash of band `band` of a signature (rows values mixed into 32 bits). */
  private bandKey(signature: Uint32Array, band: number): number {
    let h = mix32(band + 0x27d4eb2d);
    const start = band * this.params.rows;
    for (let r = 0; r < this.params.rows; r += 1) h = mix32(Math.imul(h ^ (signature[start + r] ?? 0), 0x9e3779b1) + r);
    // 30 bits fit V8's small integers, so a Map key costs no heap number (≈ 600 bytes per document
    // over 40 bands); the rare extra collisions only add a candidate that verification drops.
    return h >>> 2;
  }

  /** Files document `slot` under each of its band keys. The signature needs bands × rows values. */
  add(slot: number, signature: Uint32Array): void {
    if (signature.length < this.params.bands * this.params.rows)
      throw new RangeError('signature too short for the bands');
    for (let b = 0; b < this.params.bands; b += 1) {
      const map = this.buckets[b];
      if (map === undefined) continue;
      const key = this.bandKey(signature, b);
      const bucket = map.get(key);
      // A bucket of one document is stored as a bare number: most buckets hold one.
      if (bucket === undefined) map.set(key, slot);
      else if (typeof bucket === 'number') map.set(key, [bucket, slot]);
      else bucket.push(slot);
    }
  }

  /** Removes document `slot` (filed with this signature) from its buckets. */
  remove(slot: number, signature: Uint32Array): void {
    for (let b = 0; b < this.params.bands; b += 1) {
      const map = this.buckets[b];
      if (map === undefined) continue;
      const key = this.bandKey(signature, b);
      const bucket = map.get(key);
      if (bucket === undefined) continue;
      if (typeof bucket === 'number') {
        if (bucket === slot) map.delete(key);
        continue;
      }
      const rest = bucket.filter((s) => s !== slot);
      if (rest.length === 0) map.delete(key);
      else map.set(key, rest.length === 1 ? (rest[0] ?? slot) : rest);
    }
  }

  /** The slots sharing at least one band with the signature, each once. */
  candidates(signature: Uint32Array): Set<number> {
    const found = new Set<number>();
    for (let b = 0; b < this.params.bands; b += 1) {
      const bucket = this.buckets[b]?.get(this.bandKey(signature, b));
      if (bucket === undefined) continue;
      if (typeof bucket === 'number') found.add(bucket);
      else for (const s of bucket) found.add(s);
    }
    return found;
  }

  /** Number of non-empty buckets over all bands (for memory figures). */
  bucketCount(): number {
    let n = 0;
    for (const map of this.buckets) n += map.size;
    return n;
  }
}

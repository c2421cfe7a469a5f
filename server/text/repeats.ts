/**
 * Repeat-petition look-up (重复访): near-duplicate texts through MinHash + LSH, verified on the
 * signatures, and identity agreement (ID number, phone, name + unit, user account) as reasons.
 * The index holds only signatures, set sizes and identity keys — no petition text — and can be
 * rebuilt from (id, text, identity) tuples or restored from {@link RepeatIndex.toJSON}.
 */
import { normalizeIdNumber, normalizePhone } from '../../common/domain/identity.ts';
import { candidateProbability, LshIndex, type LshParams } from './lsh.ts';
import { containmentFromJaccard, DEFAULT_SHINGLE_SIZE, estimateJaccard, MinHasher, shingleSet } from './minhash.ts';
import { normaliseText } from './normalise.ts';

/** Identity facts of a petition; every field optional. */
export type RepeatIdentity = {
  idNumber?: string | null;
  phone?: string | null;
  name?: string | null;
  unit?: string | null;
  /** A petitioner account or ledger code (the `user` of imported records). */
  user?: string | null;
};

/** A document of the index: its id, its text (title and body) and optional identity. */
export type RepeatDocument = { id: string; text: string; identity?: RepeatIdentity | undefined };

/** A likely repeat: the earlier document, a score in [0, 1] and the reasons shown to the officer. */
export type RepeatMatch = { id: string; score: number; jaccard: number; containment: number; reasons: string[] };

/** Tuning of a {@link RepeatIndex}; the defaults are the measured ones (docs/architecture.md). */
export type RepeatIndexOptions = {
  bands: number;
  rows: number;
  shingleSize: number;
  /** Estimated Jaccard from which two texts are the same matter. */
  jaccardThreshold: number;
  /** Containment from which a shorter text counts as contained in a longer one (paragraph added or cut). */
  containmentThreshold: number;
  /** Containment needs at least this many shingles in the shorter text… */
  containmentMinShingles: number;
  /** …and the shorter text at least this share of the longer one. */
  containmentMinRatio: number;
  /** With agreeing identity, both thresholds are lowered by this much. */
  identityRelief: number;
};

export const DEFAULT_REPEAT_OPTIONS: RepeatIndexOptions = {
  bands: 40,
  rows: 3,
  shingleSize: DEFAULT_SHINGLE_SIZE,
  jaccardThreshold: 0.5,
  containmentThreshold: 0.8,
  containmentMinShingles: 20,
  containmentMinRatio: 0.25,
  identityRelief: 0.15,
};

/** The serialised form of a {@link RepeatIndex} (JSON-safe). */
export type RepeatIndexData = {
  version: 1;
  options: RepeatIndexOptions;
  ids: string[];
  sizes: number[];
  /** Signatures of all documents, concatenated, as base64 of little-endian uint32. */
  signatures: string;
  identities: string[][];
};

/** The identity keys of a document: one string per identity fact, prefixed by its kind. */
export function identityKeys(identity: RepeatIdentity | undefined): string[] {
  if (identity === undefined) return [];
  const keys: string[] = [];
  const idNumber = identity.idNumber ? normalizeIdNumber(identity.idNumber) : '';
  if (idNumber.length >= 15) keys.push(`id:${idNumber}`);
  const phone = identity.phone ? normalizePhone(identity.phone) : '';
  if (phone.length >= 7) keys.push(`phone:${phone}`);
  const name = identity.name ? normaliseText(identity.name).replace(/\s/g, '') : '';
  const unit = identity.unit ? normaliseText(identity.unit).replace(/\s/g, '') : '';
  if (name !== '' && unit !== '') keys.push(`nameunit:${name}|${unit}`);
  const user = identity.user ? identity.user.trim() : '';
  if (user !== '') keys.push(`user:${user}`);
  return keys;
}

const IDENTITY_REASONS: Record<string, string> = {
  id: '同一证件号',
  phone: '同一电话',
  nameunit: '同名同单位',
  user: '同一用户',
};

/** The officer-facing reason for an identity key kind. */
function identityReason(key: string): string {
  return IDENTITY_REASONS[key.slice(0, key.indexOf(':'))] ?? '同一身份';
}

/**
 * An in-memory repeat index. `add`, `remove` and `query` touch only the LSH buckets of the text
 * (bands of them) and the identity keys: a look-up never scans the documents.
 */
export class RepeatIndex {
  readonly options: RepeatIndexOptions;
  private readonly hasher: MinHasher;
  private readonly lsh: LshIndex;
  private readonly slotOf = new Map<string, number>();
  private readonly ids: (string | undefined)[] = [];
  /** Signatures in chunks of SLOTS_PER_CHUNK slots: one typed array per chunk, not per document. */
  private readonly chunks: Uint32Array[] = [];
  private readonly sizes: number[] = [];
  private readonly identities: string[][] = [];
  private readonly freeSlots: number[] = [];
  private readonly identityIndex = new Map<string, Set<number>>();

  constructor(options: Partial<RepeatIndexOptions> = {}) {
    this.options = { ...DEFAULT_REPEAT_OPTIONS, ...options };
    this.hasher = new MinHasher(this.options.bands * this.options.rows);
    this.lsh = new LshIndex({ bands: this.options.bands, rows: this.options.rows });
  }

  /** Builds an index from documents (a later duplicate id replaces the earlier one). */
  static build(documents: Iterable<RepeatDocument>, options: Partial<RepeatIndexOptions> = {}): RepeatIndex {
    const index = new RepeatIndex(options);
    for (const doc of documents) index.add(doc);
    return index;
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.slotOf.size;
  }

  /** The banding parameters. */
  get lshParams(): LshParams {
    return this.lsh.params;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds a document, replacing one with the same id. */
  add(doc: RepeatDocument): void {
    const shingles = shingleSet(doc.text, this.options.shingleSize);
    this.insert(doc.id, this.hasher.signature(shingles), shingles.length, identityKeys(doc.identity));
  }

  private insert(id: string, signature: Uint32Array, size: number, identity: string[]): void {
    this.remove(id);
    const slot = this.freeSlots.pop() ?? this.ids.length;
    this.ids[slot] = id;
    this.signatureStore(slot).set(signature);
    this.sizes[slot] = size;
    this.identities[slot] = identity.length === 0 ? NO_IDENTITY : identity;
    this.slotOf.set(id, slot);
    if (size > 0) this.lsh.add(slot, signature);
    for (const key of identity) {
      const slots = this.identityIndex.get(key);
      if (slots === undefined) this.identityIndex.set(key, new Set([slot]));
      else slots.add(slot);
    }
  }

  /** Removes a document; false when the id is not in the index. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    if ((this.sizes[slot] ?? 0) > 0) this.lsh.remove(slot, this.signatureStore(slot));
    for (const key of this.identities[slot] ?? []) {
      const slots = this.identityIndex.get(key);
      slots?.delete(slot);
      if (slots?.size === 0) this.identityIndex.delete(key);
    }
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.sizes[slot] = 0;
    this.identities[slot] = NO_IDENTITY;
    this.freeSlots.push(slot);
    return true;
  }

  /**
   * The likely repeats of a text, best first: LSH candidates and documents of the same identity,
   * kept when the estimated Jaccard or containment passes its threshold (lowered when identity
   * agrees). Identity alone is never enough: a petitioner's other matters are not repeats.
   */
  query(text: string, identity?: RepeatIdentity, options: { limit?: number; excludeId?: string } = {}): RepeatMatch[] {
    const o = this.options;
    const shingles = shingleSet(text, o.shingleSize);
    if (shingles.length === 0) return [];
    const signature = this.hasher.signature(shingles);
    const candidates = this.lsh.candidates(signature);
    const keys = identityKeys(identity);
    const sameIdentity = new Map<number, string[]>();
    for (const key of keys) {
      for (const slot of this.identityIndex.get(key) ?? []) {
        candidates.add(slot);
        const reasons = sameIdentity.get(slot) ?? [];
        reasons.push(identityReason(key));
        sameIdentity.set(slot, reasons);
      }
    }
    const matches: RepeatMatch[] = [];
    for (const slot of candidates) {
      const id = this.ids[slot];
      const otherSize = this.sizes[slot] ?? 0;
      if (id === undefined || otherSize === 0 || id === options.excludeId) continue;
      const jaccard = estimateJaccard(signature, this.signatureStore(slot));
      const containment = containmentFromJaccard(jaccard, shingles.length, otherSize);
      const identityReasons = sameIdentity.get(slot) ?? [];
      const relief = identityReasons.length > 0 ? o.identityRelief : 0;
      const ratio = Math.min(shingles.length, otherSize) / Math.max(shingles.length, otherSize);
      const byJaccard = jaccard >= o.jaccardThreshold - relief;
      const byContainment =
        containment >= o.containmentThreshold - relief &&
        Math.min(shingles.length, otherSize) >= o.containmentMinShingles &&
        ratio >= o.containmentMinRatio;
      if (!byJaccard && !byContainment) continue;
      const reasons = byJaccard ? [`正文相似 ${jaccard.toFixed(2)}`] : [`正文包含 ${containment.toFixed(2)}`];
      reasons.push(...identityReasons);
      // Containment counts a little less than Jaccard: a contained text may be only a part of the matter.
      const textScore = Math.max(jaccard, byContainment ? containment * 0.9 : 0);
      const score = Math.min(1, textScore + (identityReasons.length > 0 ? 0.05 : 0));
      matches.push({ id, score: round(score), jaccard: round(jaccard), containment: round(containment), reasons });
    }
    matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return options.limit === undefined ? matches : matches.slice(0, options.limit);
  }

  /** The probability that a document of Jaccard `jaccard` is found by the LSH step. */
  candidateProbability(jaccard: number): number {
    return candidateProbability(jaccard, this.lsh.params);
  }

  /** The signature of a slot: a view into its chunk, allocating the chunk on first use. */
  private signatureStore(slot: number): Uint32Array {
    const n = this.hasher.numHashes;
    const chunkIndex = Math.floor(slot / SLOTS_PER_CHUNK);
    let chunk = this.chunks[chunkIndex];
    if (chunk === undefined) {
      chunk = new Uint32Array(SLOTS_PER_CHUNK * n);
      this.chunks[chunkIndex] = chunk;
    }
    const start = (slot % SLOTS_PER_CHUNK) * n;
    return chunk.subarray(start, start + n);
  }

  /** Rough bytes held by the index (signatures, sizes, buckets, ids), for benchmarks. */
  approximateBytes(): number {
    const n = this.ids.length;
    const sigBytes = n * (this.hasher.numHashes * 4 + 64);
    const bucketBytes = this.lsh.bucketCount() * 40;
    return sigBytes + bucketBytes + n * 60;
  }

  /** A JSON-safe snapshot; {@link RepeatIndex.fromJSON} restores it without the texts. */
  toJSON(): RepeatIndexData {
    const ids: string[] = [];
    const sizes: number[] = [];
    const identities: string[][] = [];
    const n = this.hasher.numHashes;
    const all = new Uint32Array(this.slotOf.size * n);
    let i = 0;
    for (const [id, slot] of this.slotOf) {
      ids.push(id);
      sizes.push(this.sizes[slot] ?? 0);
      identities.push(this.identities[slot] ?? []);
      all.set(this.signatureStore(slot), i * n);
      i += 1;
    }
    return {
      version: 1,
      options: this.options,
      ids,
      sizes,
      signatures: Buffer.from(all.buffer, all.byteOffset, all.byteLength).toString('base64'),
      identities,
    };
  }

  /** Restores an index saved by {@link RepeatIndex.toJSON}. */
  static fromJSON(data: RepeatIndexData): RepeatIndex {
    const index = new RepeatIndex(data.options);
    const n = index.hasher.numHashes;
    const bytes = Buffer.from(data.signatures, 'base64');
    const all = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    data.ids.forEach((id, i) => {
      index.insert(id, all.slice(i * n, (i + 1) * n), data.sizes[i] ?? 0, data.identities[i] ?? []);
    });
    return index;
  }
}

const SLOTS_PER_CHUNK = 4096;
const NO_IDENTITY: string[] = [];

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

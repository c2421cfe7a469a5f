/**
 * Repeat-petition look-up (重复访) in memory, for the CLI `repeats` and the benches: the engine of
 * repeat-engine.ts (the same shingles, samples, ranking and verdict as the database index of the
 * server), and identity agreement (ID number, phone, name + unit, user account) as reasons. The
 * index holds each text's shingle set and its samples — hashes, no petition text — and can be
 * rebuilt from (id, text, identity) tuples or restored from {@link RepeatIndex.toJSON}.
 */
import { normalizeIdNumber, normalizePhone } from '../../common/domain/identity.ts';
import { normaliseText } from './normalise.ts';
import {
  judgeRepeat,
  POSTINGS_CAP,
  querySamples,
  rankCandidates,
  repeatShingles,
  storedSamples,
} from './repeat-engine.ts';

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

/** The serialised form of a {@link RepeatIndex} (JSON-safe). */
export type RepeatIndexData = {
  version: 2;
  ids: string[];
  /** Each document's shingle set, base64 of little-endian uint32. */
  shingles: string[];
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

/** The first position in an ascending list whose id is not below `id`. */
function lowerBound(list: readonly string[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] ?? '') < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * An in-memory repeat index. `add`, `remove` and `query` touch only the postings of a text's
 * samples and the identity keys: a look-up never scans the documents.
 */
export class RepeatIndex {
  private readonly docs = new Map<string, { shingles: Uint32Array; samples: number[]; identity: string[] }>();
  /** Each sample's list, ids ascending (the database's primary key order): its newest are its last. */
  private readonly postings = new Map<number, string[]>();
  private readonly identityIndex = new Map<string, Set<string>>();

  /** Builds an index from documents (a later duplicate id replaces the earlier one). */
  static build(documents: Iterable<RepeatDocument>): RepeatIndex {
    const index = new RepeatIndex();
    for (const doc of documents) index.add(doc);
    return index;
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  /** Adds a document, replacing one with the same id. */
  add(doc: RepeatDocument): void {
    this.insert(doc.id, repeatShingles(doc.text), identityKeys(doc.identity));
  }

  private insert(id: string, shingles: Uint32Array, identity: string[]): void {
    this.remove(id);
    const samples = storedSamples(shingles);
    this.docs.set(id, { shingles, samples, identity });
    for (const s of samples) {
      const list = this.postings.get(s);
      if (list === undefined) this.postings.set(s, [id]);
      else list.splice(lowerBound(list, id), 0, id);
    }
    for (const key of identity) {
      const ids = this.identityIndex.get(key);
      if (ids === undefined) this.identityIndex.set(key, new Set([id]));
      else ids.add(id);
    }
  }

  /** Removes a document; false when the id is not in the index. */
  remove(id: string): boolean {
    const doc = this.docs.get(id);
    if (doc === undefined) return false;
    for (const s of doc.samples) {
      const list = this.postings.get(s);
      if (list === undefined) continue;
      const at = lowerBound(list, id);
      if (list[at] === id) list.splice(at, 1);
      if (list.length === 0) this.postings.delete(s);
    }
    for (const key of doc.identity) {
      const ids = this.identityIndex.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.identityIndex.delete(key);
    }
    this.docs.delete(id);
    return true;
  }

  /**
   * The likely repeats of a text, best first: candidates ranked by shared samples and documents of
   * the same identity, kept on the engine's verdict (thresholds lowered when identity agrees).
   * Identity alone is never enough here: a petitioner's other matters are not textual repeats.
   */
  query(text: string, identity?: RepeatIdentity, options: { limit?: number; excludeId?: string } = {}): RepeatMatch[] {
    const shingles = repeatShingles(text);
    if (shingles.length === 0) return [];
    const postings: { shingle: number; petitionId: string }[] = [];
    // The newest POSTINGS_CAP of each list, as findTextMatches reads the database's.
    for (const s of querySamples(shingles))
      for (const petitionId of (this.postings.get(s) ?? []).slice(-POSTINGS_CAP))
        postings.push({ shingle: s, petitionId });
    const candidates = new Set(rankCandidates(postings));
    const sameIdentity = new Map<string, string[]>();
    for (const key of identityKeys(identity)) {
      for (const id of this.identityIndex.get(key) ?? []) {
        candidates.add(id);
        const reasons = sameIdentity.get(id) ?? [];
        reasons.push(identityReason(key));
        sameIdentity.set(id, reasons);
      }
    }
    const matches: RepeatMatch[] = [];
    for (const id of candidates) {
      const doc = this.docs.get(id);
      if (doc === undefined || id === options.excludeId) continue;
      const identityReasons = sameIdentity.get(id) ?? [];
      const verdict = judgeRepeat(shingles, doc.shingles, identityReasons.length > 0);
      if (verdict === null) continue;
      const reasons = verdict.byContainment
        ? [`正文包含 ${verdict.containment.toFixed(2)}`]
        : [`正文相似 ${verdict.jaccard.toFixed(2)}`];
      reasons.push(...identityReasons);
      const score = Math.min(1, verdict.score + (identityReasons.length > 0 ? 0.05 : 0));
      matches.push({
        id,
        score: Math.round(score * 1000) / 1000,
        jaccard: verdict.jaccard,
        containment: verdict.containment,
        reasons,
      });
    }
    matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return options.limit === undefined ? matches : matches.slice(0, options.limit);
  }

  /** Rough bytes held by the index (shingle sets, postings, ids), for benchmarks. */
  approximateBytes(): number {
    let bytes = 0;
    for (const doc of this.docs.values()) bytes += doc.shingles.byteLength + doc.samples.length * 48 + 120;
    return bytes;
  }

  /** A JSON-safe snapshot; {@link RepeatIndex.fromJSON} restores it without the texts. */
  toJSON(): RepeatIndexData {
    const ids: string[] = [];
    const shingles: string[] = [];
    const identities: string[][] = [];
    for (const [id, doc] of this.docs) {
      ids.push(id);
      shingles.push(
        Buffer.from(doc.shingles.buffer, doc.shingles.byteOffset, doc.shingles.byteLength).toString('base64'),
      );
      identities.push(doc.identity);
    }
    return { version: 2, ids, shingles, identities };
  }

  /** Restores an index saved by {@link RepeatIndex.toJSON}. */
  static fromJSON(data: RepeatIndexData): RepeatIndex {
    const index = new RepeatIndex();
    data.ids.forEach((id, i) => {
      const bytes = Buffer.from(data.shingles[i] ?? '', 'base64');
      const shingles = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      index.insert(id, shingles, data.identities[i] ?? []);
    });
    return index;
  }
}

/**
 * The one repeat engine (issue #19), shared by the database index (server/modules/text/
 * fingerprint-index.ts: registration's 可能重复, POST /api/petitions/repeats) and the in-memory
 * index of the CLI `repeats` and the benches (repeats.ts). Pure: shingles, samples, the verdict.
 *
 * Why not MinHash + LSH alone: a new letter about the same matter keeps a third to a half of the old
 * sentences in a new frame, so its Jaccard with the old letter is often 0.05–0.3, where banding
 * finds it only by luck (bench:text measured recall 0.91 on such rewrites). What survives is
 * *containment*: a good part of the shorter text is in the longer one. So
 *
 * 1. **Shingles** are 5 consecutive characters of {@link fingerprintChars} (width, punctuation,
 *    traditional forms and near-homophones folded): measured on same-category pairs of real
 *    petitions, 5-shingle containment of unrelated texts is ≤ 0.055 at p99.9 (3-shingles: 0.11),
 *    while a new letter keeps ≥ 0.29 at p1.
 * 2. **Candidates** come from a content-defined sample of each text's shingles (a shingle is kept
 *    when its hash has at least `level` trailing zero bits, the level chosen so a text keeps about
 *    {@link SAMPLE_TARGET} samples; a shorter text samples more densely). Because sampling is by
 *    content, a passage two texts share leaves shared samples in both — in proportion to the
 *    passage, not to the whole text. Samples shared by very many petitions (a greeting, a stock
 *    phrase) count less, and a look-up reads only the newest {@link POSTINGS_CAP} of a sample's list,
 *    so it reads a bounded number of rows at any size of history; candidates rank by samples shared.
 * 3. **Verdict** on the exact shingle sets of the best candidates: Jaccard ≥ 0.5 (the same letter,
 *    edited), or containment ≥ 0.15 with at least 8 shingles shared (a passage kept); agreeing
 *    identity lowers them to 0.35 and 0.08.
 */
import { mix32 } from './minhash.ts';
import { fingerprintChars } from './normalise.ts';

/** Characters per repeat shingle (see the module comment). */
export const REPEAT_SHINGLE_SIZE = 5;
/** Samples a text keeps, about: the look-up reads their postings. */
export const SAMPLE_TARGET = 40;
/**
 * A look-up reads at most this many petitions of each sample's list: the newest (greatest ids, which
 * are time-ordered). Every petition is filed in every list of its samples; only the read is capped
 * (findTextMatches, RepeatIndex). Why a cap: a look-up reads the lists of its samples, so without one
 * the cost grows with history and with every copy of a mass complaint (thirty workers filing the
 * same wage letter); with it a look-up reads at most QUERY_SAMPLES_MAX × POSTINGS_CAP rows at any
 * size. Why the newest: a re-petition is nearly always about a recent case. A full list is a stock
 * phrase or a matter filed many times: its petitions still rank, at STOCK_WEIGHT. Why 256:
 * measured by bench:text-scale on 1M synthetic petitions whose sentences recur in ~63 petitions each
 * (docs/architecture.md "The text engine"): reading the newest 64 found 0.887 of edited copies (the
 * first 64 kept when written: 0.884), 128: 0.985, 256: 0.992, at the same look-up CPU p95 (≈ 4 ms)
 * — a sentence shared by more petitions than the cap is read for some of them only, and its samples
 * count STOCK_WEIGHT for all. bench:text's real-data rewrites are unchanged (recall 0.986).
 */
export const POSTINGS_CAP = 256;
/** What a shared sample whose list is full adds to a candidate's rank (a sample of a shorter list adds 1). */
export const STOCK_WEIGHT = 0.25;
/** Candidates verified on their exact shingles per look-up, best ranked first. */
export const VERIFY_LIMIT = 16;
/** Query shingles looked up at most (a longer letter looks up its denser levels only). */
export const QUERY_SAMPLES_MAX = 64;

export const VERDICT = {
  jaccard: 0.5,
  containment: 0.15,
  minShared: 8,
  /** With agreeing identity: Jaccard lowered by this much… */
  identityRelief: 0.15,
  /** …and containment by this much (to 0.08: a few sentences of the old letter with the same person). */
  identityContainmentRelief: 0.07,
} as const;

const SALT = 0x2f6b1c3d;

/** The distinct folded 5-shingles of a text, hashed, sorted ascending. */
export function repeatShingles(text: string): Uint32Array {
  const chars = Array.from(fingerprintChars(text)).map((c) => c.codePointAt(0) ?? 0);
  const seen = new Set<number>();
  const width = Math.min(REPEAT_SHINGLE_SIZE, chars.length);
  for (let i = 0; i + width <= chars.length && width > 0; i += 1) {
    let h = 0x811c9dc5;
    for (let j = 0; j < width; j += 1) h = Math.imul(h ^ (chars[i + j] ?? 0), 0x01000193);
    seen.add(mix32(h));
  }
  return Uint32Array.from(seen).sort();
}

/** The text of a petition the engine reads: title and body. */
export function repeatText(title: string | null | undefined, body: string): string {
  return `${title ?? ''}\n${body}`;
}

/** Trailing zero bits of a shingle's salted hash: it is kept by every text sampling at this level or below. */
export function levelOf(shingle: number): number {
  const h = mix32((shingle ^ SALT) >>> 0);
  return h === 0 ? 32 : 31 - Math.clz32(h & -h);
}

/** The sampling level of a text of `count` shingles: 0 (keep all) up to about SAMPLE_TARGET samples. */
export function sampleLevelFor(count: number): number {
  return count <= SAMPLE_TARGET ? 0 : Math.ceil(Math.log2(count / SAMPLE_TARGET));
}

/** A signed 32-bit form of a shingle hash: what the database stores (PostgreSQL's integer is signed). */
export function toStored(shingle: number): number {
  return shingle | 0;
}

/** The samples a text is filed under in the index (stored form). */
export function storedSamples(shingles: Uint32Array): number[] {
  const level = sampleLevelFor(shingles.length);
  const out: number[] = [];
  for (const s of shingles) if (levelOf(s) >= level) out.push(toStored(s));
  return out;
}

/**
 * The shingles a query looks up (stored form): all of them, or for a very long text the densest
 * levels that keep at most QUERY_SAMPLES_MAX. A stored text sampled at level j meets the query on
 * every shared shingle of level ≥ max(j, the query's level).
 */
export function querySamples(shingles: Uint32Array): number[] {
  let level = 0;
  while (shingles.length / 2 ** level > QUERY_SAMPLES_MAX) level += 1;
  const out: number[] = [];
  for (const s of shingles) if (levelOf(s) >= level) out.push(toStored(s));
  return out;
}

/**
 * Candidates from postings (sample → petitions, each list as read: its newest POSTINGS_CAP at most):
 * each petition ranks by the samples it shares with the query, a sample of a full list (a stock
 * phrase, a matter filed many times) counting STOCK_WEIGHT; best first, ties by id, at most `limit`.
 */
export function rankCandidates(
  postings: Iterable<{ shingle: number; petitionId: string }>,
  limit: number = VERIFY_LIMIT,
): string[] {
  const bySample = new Map<number, string[]>();
  for (const p of postings) {
    const list = bySample.get(p.shingle);
    if (list === undefined) bySample.set(p.shingle, [p.petitionId]);
    else list.push(p.petitionId);
  }
  const rank = new Map<string, number>();
  for (const list of bySample.values()) {
    const weight = list.length >= POSTINGS_CAP ? STOCK_WEIGHT : 1;
    for (const id of list) rank.set(id, (rank.get(id) ?? 0) + weight);
  }
  return [...rank]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([id]) => id);
}

/** |A ∩ B| of two sorted shingle sets. */
function intersection(a: Uint32Array, b: Uint32Array): number {
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

/** Exact similarity of two texts' shingle sets: Jaccard, containment in the smaller, shingles shared. */
export function similarityOf(a: Uint32Array, b: Uint32Array): { jaccard: number; containment: number; shared: number } {
  const shared = intersection(a, b);
  const union = a.length + b.length - shared;
  const smaller = Math.min(a.length, b.length);
  return { jaccard: union === 0 ? 0 : shared / union, containment: smaller === 0 ? 0 : shared / smaller, shared };
}

/** The engine's verdict on a candidate: the same matter by resemblance, by containment, or not at all. */
export type RepeatVerdict = { score: number; jaccard: number; containment: number; byContainment: boolean };

/**
 * Whether `other` is the same matter as `query` on their exact shingles (rule in the module
 * comment); `identityAgrees` lowers the thresholds. Containment counts a little less than Jaccard:
 * a contained text may be only a part of the matter.
 */
export function judgeRepeat(query: Uint32Array, other: Uint32Array, identityAgrees = false): RepeatVerdict | null {
  if (query.length === 0 || other.length === 0) return null;
  const s = similarityOf(query, other);
  const byJaccard = s.jaccard >= VERDICT.jaccard - (identityAgrees ? VERDICT.identityRelief : 0);
  const byContainment =
    s.containment >= VERDICT.containment - (identityAgrees ? VERDICT.identityContainmentRelief : 0) &&
    s.shared >= VERDICT.minShared;
  if (!byJaccard && !byContainment) return null;
  return {
    score: round(Math.max(s.jaccard, byContainment ? 0.9 * s.containment : 0)),
    jaccard: round(s.jaccard),
    containment: round(s.containment),
    byContainment: !byJaccard,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

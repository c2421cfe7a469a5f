/**
 * The repeat index in the database (issue #6): each petition's MinHash signature over 3-character
 * shingles (server/text/minhash.ts) in `petition_fingerprint`, and its 40 LSH band keys in
 * `petition_lsh_band` (migration 012). Kept in the transaction of the petition's text, so every
 * instance shares one index; a look-up reads the rows of its 40 band keys through the primary key
 * (band_key, petition_id) and the fingerprints of the few candidates — never a scan of history.
 * Candidates are verified on the signatures with the rule of the in-memory RepeatIndex
 * (server/text/repeats.ts, docs/architecture.md "Text engine"): estimated Jaccard ≥ 0.5, or
 * containment ≥ 0.8 for a paragraph added or cut; agreeing identity lowers both by 0.15.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DEFAULT_REPEAT_OPTIONS } from '../../text/repeats.ts';
import { containmentFromJaccard, estimateJaccard, MinHasher, mix32, shingleSet } from '../../text/minhash.ts';

const O = DEFAULT_REPEAT_OPTIONS;
const hasher = new MinHasher(O.bands * O.rows);

/** A fingerprint: the signature and the number of distinct shingles (0: no text, matches nothing). */
export type Fingerprint = { signature: Uint32Array; size: number };

/** The text a fingerprint is taken of: the title and the body (notes and replies are not the matter). */
export function fingerprintText(title: string, body: string): string {
  return `${title}\n${body}`;
}

/** The fingerprint of a petition's title and body. */
export function fingerprintOf(title: string, body: string): Fingerprint {
  const shingles = shingleSet(fingerprintText(title, body), O.shingleSize);
  return { signature: hasher.signature(shingles), size: shingles.length };
}

/** The LSH band keys of a signature: `<band>:<30-bit hash in base 36>`, one per band. */
export function bandKeys(signature: Uint32Array): string[] {
  const keys: string[] = [];
  for (let band = 0; band < O.bands; band += 1) {
    let h = mix32(band + 0x27d4eb2d);
    const start = band * O.rows;
    for (let r = 0; r < O.rows; r += 1) h = mix32(Math.imul(h ^ (signature[start + r] ?? 0), 0x9e3779b1) + r);
    keys.push(`${band}:${(h >>> 2).toString(36)}`);
  }
  return keys;
}

function encode(signature: Uint32Array): string {
  return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64');
}

function decode(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * Keeps a petition's fingerprint and band keys current, in the caller's transaction. A text whose
 * signature has not changed (every event after registration) costs one read and no write.
 */
export async function writeFingerprint(
  trx: Kysely<DB>,
  petitionId: string,
  title: string,
  body: string,
): Promise<void> {
  const fp = fingerprintOf(title, body);
  const signature = encode(fp.signature);
  const existing = await trx
    .selectFrom('petition_fingerprint')
    .select(['signature', 'shingle_count'])
    .where('petition_id', '=', petitionId)
    .executeTakeFirst();
  if (existing !== undefined && existing.signature === signature && existing.shingle_count === fp.size) return;
  if (existing !== undefined && existing.shingle_count > 0) {
    // By the old keys: the primary key (band_key, petition_id) is the band table's only index.
    await trx
      .deleteFrom('petition_lsh_band')
      .where('band_key', 'in', bandKeys(decode(existing.signature)))
      .where('petition_id', '=', petitionId)
      .execute();
  }
  if (existing === undefined) {
    await trx
      .insertInto('petition_fingerprint')
      .values({ petition_id: petitionId, signature, shingle_count: fp.size })
      .execute();
  } else {
    await trx
      .updateTable('petition_fingerprint')
      .set({ signature, shingle_count: fp.size })
      .where('petition_id', '=', petitionId)
      .execute();
  }
  if (fp.size > 0)
    await trx
      .insertInto('petition_lsh_band')
      .values(bandKeys(fp.signature).map((band_key) => ({ band_key, petition_id: petitionId })))
      .execute();
}

/**
 * Keep the repeat fingerprints of petitions: new ones many per statement (registration, the
 * import), or with `replace` one by one over their old band rows (a corrected text).
 */
export async function insertFingerprints(
  trx: Kysely<DB>,
  rows: readonly { id: string; title: string; body: string }[],
  options: { replace: boolean },
): Promise<void> {
  if (!options.replace) return insertFingerprintsBulk(trx, rows);
  for (const row of rows) await writeFingerprint(trx, row.id, row.title, row.body);
}

/** Fingerprints of many new petitions, many rows per statement. */
async function insertFingerprintsBulk(
  trx: Kysely<DB>,
  rows: readonly { id: string; title: string; body: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const fingerprints = rows.map((r) => ({ id: r.id, fp: fingerprintOf(r.title, r.body) }));
  // SQLite binds at most 32,766 parameters: 3 per fingerprint, 2 per band row.
  for (let i = 0; i < fingerprints.length; i += 500) {
    const slice = fingerprints.slice(i, i + 500);
    await trx
      .insertInto('petition_fingerprint')
      .values(slice.map(({ id, fp }) => ({ petition_id: id, signature: encode(fp.signature), shingle_count: fp.size })))
      .execute();
    const bands = slice.flatMap(({ id, fp }) =>
      fp.size > 0 ? bandKeys(fp.signature).map((band_key) => ({ band_key, petition_id: id })) : [],
    );
    for (let j = 0; j < bands.length; j += 5000)
      await trx
        .insertInto('petition_lsh_band')
        .values(bands.slice(j, j + 5000))
        .execute();
  }
}

/** A verified text match: the earlier petition, its similarity and the text reason. */
export type TextMatch = {
  petitionId: string;
  score: number;
  jaccard: number;
  containment: number;
  byContainment: boolean;
};

/** Statements a look-up ran (for the tests that prove it reads the band index, not the history). */
export type LookupStats = { candidates: number; queries: number };

/**
 * The petitions whose text is likely the same matter as `title`/`body`, best first, from the band
 * index: one statement reads the candidates sharing one of the 40 band keys with their fingerprints. `alsoCheck` adds
 * petitions found otherwise (same identity) to verify, with the thresholds lowered by 0.15.
 */
export async function findTextMatches(
  db: Kysely<DB>,
  title: string,
  body: string,
  options: { excludeId?: string | undefined; alsoCheck?: readonly string[]; limit?: number; stats?: LookupStats } = {},
): Promise<TextMatch[]> {
  const fp = fingerprintOf(title, body);
  if (fp.size === 0) return [];
  const keys = bandKeys(fp.signature);
  const relieved = new Set(options.alsoCheck ?? []);
  // One statement: the candidates sharing a band (at most 2,000) and the petitions to check anyway.
  const banded = db
    .selectFrom('petition_lsh_band')
    .select('petition_id')
    .distinct()
    .where('band_key', 'in', keys)
    .limit(2000);
  const found = await db
    .selectFrom('petition_fingerprint')
    .select(['petition_id', 'signature', 'shingle_count'])
    .where((eb) =>
      eb.or([
        eb('petition_id', 'in', db.selectFrom(banded.as('b')).select('b.petition_id')),
        ...(relieved.size > 0 ? [eb('petition_id', 'in', [...relieved])] : []),
      ]),
    )
    .execute();
  const rows = found.filter((row) => row.petition_id !== options.excludeId);
  if (options.stats !== undefined) {
    options.stats.candidates = rows.length;
    options.stats.queries = 1;
  }
  const matches: TextMatch[] = [];
  for (const row of rows) {
    const otherSize = row.shingle_count;
    if (otherSize === 0) continue;
    const jaccard = estimateJaccard(fp.signature, decode(row.signature));
    const containment = containmentFromJaccard(jaccard, fp.size, otherSize);
    const relief = relieved.has(row.petition_id) ? O.identityRelief : 0;
    const smaller = Math.min(fp.size, otherSize);
    const ratio = smaller / Math.max(fp.size, otherSize);
    const byJaccard = jaccard >= O.jaccardThreshold - relief;
    const byContainment =
      containment >= O.containmentThreshold - relief &&
      smaller >= O.containmentMinShingles &&
      ratio >= O.containmentMinRatio;
    if (!byJaccard && !byContainment) continue;
    // Containment counts a little less than Jaccard: a contained text may be only a part of the matter.
    const score = Math.max(jaccard, byContainment ? containment * 0.9 : 0);
    matches.push({
      petitionId: row.petition_id,
      score: round(score),
      jaccard: round(jaccard),
      containment: round(containment),
      byContainment: !byJaccard,
    });
  }
  matches.sort((a, b) => b.score - a.score || (a.petitionId < b.petitionId ? -1 : 1));
  return options.limit === undefined ? matches : matches.slice(0, options.limit);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

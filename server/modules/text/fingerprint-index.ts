/**
 * The repeat index in the database (issues #6, #19): each petition's fingerprint in
 * `petition_fingerprint` (MinHash signature, shingle count, the samples it is filed under) and one
 * row per sample in `petition_text_sample` (migration 110), written in the transaction of the
 * petition's text, so every instance shares one index. A look-up is the engine of
 * server/text/repeat-engine.ts — the same as the CLI's — over the database: one statement reads the
 * postings of the query's samples through the primary key (shingle, petition_id), one reads the
 * title and body of the best-ranked candidates for the exact verdict — never a scan of history.
 */
import { yieldToLoop } from '../../platform/slices.ts';
import { sql, type Kysely } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
import type { DB } from '../../db/schema.ts';
import { MinHasher } from '../../text/minhash.ts';
import {
  judgeRepeat,
  POSTINGS_CAP,
  querySamples,
  repeatShingles,
  repeatText,
  STOCK_WEIGHT,
  storedSamples,
  VERIFY_LIMIT,
} from '../../text/repeat-engine.ts';

const hasher = new MinHasher(120);

/** Texts whose shingles are remembered, and their characters in all (≈ 2 B each, the arrays ≈ 4 B per character). */
export const SHINGLE_MEMO_TEXTS = 1_024;
const SHINGLE_MEMO_CHARS = 1_000_000;
const shingleMemo = new Map<string, Uint32Array>();
let shingleMemoChars = 0;

/**
 * The repeat shingles of a title and body, remembered by the text itself (a pure function: the same
 * text, the same shingles). A registration shingles its text for the look-up and again for its
 * fingerprint, and verifies candidates on their exact text — for a matter filed again and again, the
 * same newest copies the registration before verified (issue #20: 17 shinglings per registration,
 * ~0.3 ms). Bounded by texts and by characters, the least recently used forgotten first. The array
 * is shared: callers only read it.
 */
export function shinglesOf(title: string | null, body: string): Uint32Array {
  const text = repeatText(title, body);
  const hit = shingleMemo.get(text);
  if (hit !== undefined) {
    shingleMemo.delete(text);
    shingleMemo.set(text, hit);
    return hit;
  }
  const shingles = repeatShingles(text);
  if (text.length > SHINGLE_MEMO_CHARS / 8) return shingles;
  while (shingleMemo.size >= SHINGLE_MEMO_TEXTS || shingleMemoChars + text.length > SHINGLE_MEMO_CHARS) {
    const oldest = shingleMemo.keys().next().value;
    if (oldest === undefined) break;
    shingleMemo.delete(oldest);
    shingleMemoChars -= oldest.length;
  }
  shingleMemo.set(text, shingles);
  shingleMemoChars += text.length;
  return shingles;
}

/** A fingerprint: the signature, the number of distinct shingles (0: no text, matches nothing), the samples. */
export type Fingerprint = { signature: Uint32Array; size: number; samples: number[] };

/** The fingerprint of a petition's title and body. */
export function fingerprintOf(title: string, body: string): Fingerprint {
  const shingles = shinglesOf(title, body);
  return { signature: hasher.signature(shingles), size: shingles.length, samples: storedSamples(shingles) };
}

function encode(values: Uint32Array | Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decodeSamples(text: string | null): number[] {
  if (text === null || text === '') return [];
  const bytes = Buffer.from(text, 'base64');
  return [...new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))];
}

function fingerprintRow(petitionId: string, fp: Fingerprint) {
  return {
    petition_id: petitionId,
    signature: encode(fp.signature),
    shingle_count: fp.size,
    samples: encode(Int32Array.from(fp.samples)),
  };
}

/**
 * Keeps a petition's fingerprint and samples current, in the caller's transaction. A text whose
 * fingerprint has not changed (every event after registration) costs one read and no write.
 */
export async function writeFingerprint(
  trx: Kysely<DB>,
  petitionId: string,
  title: string,
  body: string,
): Promise<void> {
  const fp = fingerprintOf(title, body);
  const row = fingerprintRow(petitionId, fp);
  const existing = await trx
    .selectFrom('petition_fingerprint')
    .select(['signature', 'shingle_count', 'samples'])
    .where('petition_id', '=', petitionId)
    .executeTakeFirst();
  if (existing !== undefined && existing.samples === row.samples && existing.signature === row.signature) return;
  const old = decodeSamples(existing?.samples ?? null);
  // By the old samples: the primary key (shingle, petition_id) is the sample table's only index.
  for (let i = 0; i < old.length; i += 500)
    await trx
      .deleteFrom('petition_text_sample')
      .where('shingle', 'in', old.slice(i, i + 500))
      .where('petition_id', '=', petitionId)
      .execute();
  if (existing === undefined) await trx.insertInto('petition_fingerprint').values(row).execute();
  else
    await trx
      .updateTable('petition_fingerprint')
      .set({ signature: row.signature, shingle_count: row.shingle_count, samples: row.samples })
      .where('petition_id', '=', petitionId)
      .execute();
  await insertSamples(
    trx,
    fp.samples.map((shingle) => ({ shingle, petition_id: petitionId })),
  );
}

/**
 * Sample rows, appended: no list is capped when written, so registration costs one INSERT and no
 * read (issue #12's statement budget); the look-up reads only the newest POSTINGS_CAP of each list
 * (findTextMatches), which keeps its cost bounded at any size of history.
 */
async function insertSamples(
  trx: Kysely<DB>,
  rows: readonly { shingle: number; petition_id: string }[],
): Promise<void> {
  await insertRows(trx, 'petition_text_sample', rows);
}

/**
 * Keep the repeat fingerprints of petitions: new ones many per statement (registration, the
 * import), or with `replace` one by one over their old sample rows (a corrected text).
 */
export async function insertFingerprints(
  trx: Kysely<DB>,
  rows: readonly { id: string; title: string; body: string }[],
  options: { replace: boolean },
): Promise<void> {
  if (!options.replace) {
    await insertFingerprintsBulk(trx, rows);
    return;
  }
  for (const row of rows) await writeFingerprint(trx, row.id, row.title, row.body);
}

/** Fingerprints of many new petitions, many rows per statement. @returns how many this call wrote */
async function insertFingerprintsBulk(
  trx: Kysely<DB>,
  rows: readonly { id: string; title: string; body: string }[],
): Promise<number> {
  let count = 0;
  const fingerprints = rows.map((r) => ({ id: r.id, fp: fingerprintOf(r.title, r.body) }));
  // SQLite binds at most 32,766 parameters: 4 per fingerprint, 2 per sample row.
  for (let i = 0; i < fingerprints.length; i += 500) {
    const slice = fingerprints.slice(i, i + 500);
    // Only those whose fingerprint this statement wrote get their samples: another instance filling
    // the index at the same time (two processes started at once on one fresh database, issue #20)
    // may have written some, and its rows stand.
    const written = await trx
      .insertInto('petition_fingerprint')
      .values(slice.map(({ id, fp }) => fingerprintRow(id, fp)))
      .onConflict((oc) => oc.column('petition_id').doNothing())
      .returning('petition_id')
      .execute();
    const mine = new Set(written.map((r) => r.petition_id));
    count += mine.size;
    await insertSamples(
      trx,
      slice
        .filter(({ id }) => mine.has(id))
        .flatMap(({ id, fp }) => fp.samples.map((shingle) => ({ shingle, petition_id: id }))),
    );
  }
  return count;
}

/** Petitions looked at per step of ensureRepeatIndex (by id, the primary key): a few milliseconds each. */
const FILL_WINDOW = 5_000;

/**
 * Fills the fingerprint of every petition that has none (after migration 110 cleared them, or
 * anything missed), walking the petitions forward by id a window at a time and letting the event
 * loop turn after each (issue #20: run after the server listens, one unbroken anti-join over a
 * million petitions held every request). @returns how many were written
 */
export async function ensureRepeatIndex(db: Kysely<DB>): Promise<number> {
  let written = 0;
  let after = '';
  for (;;) {
    const window = await db
      .selectFrom('petition')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(FILL_WINDOW)
      .execute();
    const last = window.at(-1)?.id;
    if (last === undefined) return written;
    const rows = await db
      .selectFrom('petition')
      .leftJoin('petition_fingerprint', 'petition_fingerprint.petition_id', 'petition.id')
      .select(['petition.id', 'petition.title', 'petition.body'])
      .where('petition.id', '>', after)
      .where('petition.id', '<=', last)
      .where('petition_fingerprint.petition_id', 'is', null)
      .orderBy('petition.id')
      .execute();
    for (let i = 0; i < rows.length; i += 500) {
      written += await db.transaction().execute((trx) => insertFingerprintsBulk(trx, rows.slice(i, i + 500)));
      await yieldToLoop();
    }
    after = last;
    await yieldToLoop();
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

/** How many petitions a look-up judged on their exact text (the tests prove it reads the index, not the history). */
export type LookupStats = { candidates: number };

/**
 * The petitions whose text is likely the same matter as `title`/`body`, best first (the engine of
 * repeat-engine.ts): the postings of the query's samples in one statement, stock phrases dropped,
 * the best-ranked candidates and `alsoCheck` (petitions of the same person, verified with the
 * thresholds lowered) judged on their exact shingles.
 */
export async function findTextMatches(
  db: Kysely<DB>,
  title: string,
  body: string,
  options: {
    excludeId?: string | undefined;
    alsoCheck?: readonly string[];
    limit?: number;
    stats?: LookupStats;
    /** The newest entries read of each sample's list (default POSTINGS_CAP; the bench compares others). */
    postingsCap?: number;
  } = {},
): Promise<TextMatch[]> {
  const shingles = shinglesOf(title, body);
  if (shingles.length === 0) return [];
  const samples = querySamples(shingles);
  const relieved = new Set((options.alsoCheck ?? []).filter((id) => id !== options.excludeId));
  const { rows: texts } = await candidateTexts(samples, { ...options, alsoCheck: [...relieved] }).execute(db);
  if (options.stats !== undefined) options.stats.candidates = texts.length;
  const matches: TextMatch[] = [];
  for (const row of texts) {
    const verdict = judgeRepeat(shingles, shinglesOf(row.title, row.body), relieved.has(row.id));
    if (verdict === null) continue;
    matches.push({ petitionId: row.id, ...verdict });
  }
  matches.sort((a, b) => b.score - a.score || (a.petitionId < b.petitionId ? -1 : 1));
  return options.limit === undefined ? matches : matches.slice(0, options.limit);
}

/**
 * The look-up statement of findTextMatches for a query's samples (exported so a test can read its
 * plan): the texts of the best-ranked candidates and of `alsoCheck`.
 */
export function candidateTexts(
  samples: readonly number[],
  options: { excludeId?: string | undefined; alsoCheck?: readonly string[]; postingsCap?: number } = {},
) {
  const cap = options.postingsCap ?? POSTINGS_CAP;
  const relieved = options.alsoCheck ?? [];
  // One statement (rankCandidates' rule, in SQL). `heads`: for each query sample, the id of the
  // cap-th newest petition of its list (ids are time-ordered ULIDs: newest = greatest), found by
  // walking at most `cap` entries of the primary key (shingle, petition_id) backwards; `postings`:
  // the list from that id up — a range of the primary key, at most `cap` rows, whatever the list's
  // length. Why the newest: a re-petition is nearly always about a recent case, and a list of a
  // mass complaint or a stock phrase stays bounded to read while every petition is still filed in
  // it. A list is full when it has a cap-th newest (`floor_id`): its samples count STOCK_WEIGHT in
  // the rank by samples shared. `heads` is materialised so that sub-select runs once per sample, not
  // once per posting. Then the texts of the best read together with those of `alsoCheck`.
  const exclude = options.excludeId === undefined ? sql`` : sql`where petition_id <> ${options.excludeId}`;
  const alsoRead =
    relieved.length === 0 ? sql`` : sql` or petition.id in (${sql.join(relieved.map((id) => sql`${id}`))})`;
  return sql<{ id: string; title: string; body: string }>`
    with q(shingle) as (values ${sql.join(samples.map((s) => sql`(cast(${s} as integer))`))}),
    heads as materialized (
      select q.shingle, (
        select u.petition_id from petition_text_sample u where u.shingle = q.shingle
        order by u.petition_id desc limit 1 offset ${sql.lit(cap - 1)}
      ) as floor_id from q
    ),
    postings as (
      select t.petition_id, case when heads.floor_id is null then 1.0 else ${sql.lit(STOCK_WEIGHT)} end as weight
      from heads
      join petition_text_sample t on t.shingle = heads.shingle and t.petition_id >= coalesce(heads.floor_id, '')
    ),
    ranked as (
      select petition_id from postings ${exclude}
      group by petition_id
      order by sum(weight) desc, petition_id
      limit ${sql.lit(VERIFY_LIMIT)}
    )
    select petition.id, petition.title, petition.body from petition
    where petition.id in (select petition_id from ranked)${alsoRead}`;
}

/**
 * Anchors of the audit chain outside the database (ADR 0004). The hash chain shows an edited or
 * deleted row, but someone with write access could rewrite every row from N on and recompute each
 * hash: the chain would verify. An anchor — the head's sequence number and hash at a moment — kept
 * where the database cannot change it catches that rewrite: the row at the anchored sequence no
 * longer carries the anchored hash.
 *
 * Anchors go to an append-only file (`<dataDir>/audit-anchors.log` by default, one JSON object a
 * line), written by a daily job and by every backup; each printable statistics report prints the
 * head too, and `npm run audit:verify -- --anchor SEQ:HASH` checks such a printed one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { localDateOf } from '../../common/domain/calendar.ts';
import type { DB } from '../db/schema.ts';
import { readAuditHead } from './audit.ts';
import type { Clock } from './clock.ts';

/** Where an anchor in the file came from: the daily job or a backup. */
export type AnchorSource = 'daily' | 'backup';

export type AuditAnchor = { seq: number; hash: string; at: string; source: AnchorSource };

const AnchorSchema = z
  .object({
    seq: z.number().int().min(1),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.iso.datetime(),
    source: z.enum(['daily', 'backup']),
  })
  .strict();

/** One anchor as read back, with its line in the file (1-based) for messages. */
export type ReadAnchor = AuditAnchor & { line: number };

/** An anchor to check: a sequence number, the hash (or its first 16+ characters) and what to call it in a message. */
export type AnchorToCheck = { seq: number; hash: string; label: string };

/** The anchors of a file, named for messages: "the daily anchor of 2026-03-02T00:00:00.000Z (line 3)". */
export function anchorsToCheck(anchors: readonly ReadAnchor[]): AnchorToCheck[] {
  return anchors.map((a) => ({
    seq: a.seq,
    hash: a.hash,
    label: `the ${a.source} anchor of ${a.at} (line ${a.line})`,
  }));
}

export type AnchorFile = { anchors: ReadAnchor[]; malformedLine: number | null };

/** Read every anchor of `file`; a missing file has none. A line that is not an anchor is reported, not skipped. */
export function readAuditAnchors(file: string): AnchorFile {
  if (!fs.existsSync(file)) return { anchors: [], malformedLine: null };
  const anchors: ReadAnchor[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue;
    let parsed: z.ZodSafeParseResult<AuditAnchor>;
    try {
      parsed = AnchorSchema.safeParse(JSON.parse(text));
    } catch {
      return { anchors, malformedLine: index + 1 };
    }
    if (!parsed.success) return { anchors, malformedLine: index + 1 };
    anchors.push({ ...parsed.data, line: index + 1 });
  }
  return { anchors, malformedLine: null };
}

/**
 * Append one anchor to `file` (created owner-only), flushed to disk before returning. The file is
 * only ever opened for appending; an operator may make it append-only (`chattr +a`) or put it on
 * another machine's mount.
 */
export function appendAuditAnchor(file: string, anchor: AuditAnchor): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const line = `${JSON.stringify({ seq: anchor.seq, hash: anchor.hash, at: anchor.at, source: anchor.source })}\n`;
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, line);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Anchor the current head of the chain in `file`.
 * @returns the anchor written, or null when the chain is still empty (nothing to anchor)
 */
export async function anchorAuditHead(
  deps: { db: Kysely<DB>; clock: Clock },
  file: string,
  source: AnchorSource,
): Promise<AuditAnchor | null> {
  const head = await readAuditHead(deps.db);
  if (head.seq === 0) return null;
  const anchor: AuditAnchor = { ...head, at: deps.clock.now().toISOString(), source };
  appendAuditAnchor(file, anchor);
  return anchor;
}

/**
 * The daily anchor, run by the scheduler every hour: writes one `daily` anchor per local day
 * (UTC+8), however many rounds and instances ask.
 * @returns the anchor written, or null when today's is already there or the chain is empty
 */
export async function anchorAuditHeadDaily(
  deps: { db: Kysely<DB>; clock: Clock },
  file: string,
): Promise<AuditAnchor | null> {
  const today = localDateOf(deps.clock.now().toISOString());
  const { anchors } = readAuditAnchors(file);
  if (anchors.some((a) => a.source === 'daily' && localDateOf(a.at) === today)) return null;
  return anchorAuditHead(deps, file, 'daily');
}

export type AnchorVerifyResult = {
  ok: boolean;
  /** Anchors that matched before the first mismatch (all of them when ok). */
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
};

const LOOKUP_BATCH = 500;

/**
 * Check every anchor against the database: the row at the anchored sequence must exist and carry
 * the anchored hash. Anchors are taken in sequence order, so the first mismatch is the earliest
 * evidence; the reason names the row, the anchor and the last anchor that still matched (the
 * rewrite began after it).
 */
export async function verifyAuditAnchors(
  db: Kysely<DB>,
  anchors: readonly AnchorToCheck[],
): Promise<AnchorVerifyResult> {
  const sorted = [...anchors].sort((a, b) => a.seq - b.seq);
  let checked = 0;
  let lastGood: number | null = null;
  for (let i = 0; i < sorted.length; i += LOOKUP_BATCH) {
    const batch = sorted.slice(i, i + LOOKUP_BATCH);
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where(
        'seq',
        'in',
        batch.map((a) => a.seq),
      )
      .execute();
    const hashOf = new Map(rows.map((r) => [r.seq, r.hash]));
    for (const anchor of batch) {
      const actual = hashOf.get(anchor.seq);
      if (actual === undefined || !actual.startsWith(anchor.hash)) {
        const found =
          actual === undefined
            ? `row ${anchor.seq} is missing`
            : `row ${anchor.seq} carries hash ${actual.slice(0, 16)}…`;
        const since = lastGood === null ? 'at or before it' : `after row ${lastGood}, the last anchor that matches`;
        return {
          ok: false,
          checked,
          firstBrokenSeq: anchor.seq,
          reason: `${found} but ${anchor.label} says ${anchor.hash.slice(0, 16)}…: the chain was rewritten ${since}`,
        };
      }
      lastGood = anchor.seq;
      checked += 1;
    }
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}

/**
 * Parse `SEQ:HASH` (the head printed on a report) into an anchor to check; the hash may be
 * shortened to its first 16 or more characters.
 * @returns null when the text is not of that form
 */
export function parsePrintedAnchor(text: string): AnchorToCheck | null {
  const match = /^(\d+):([0-9a-f]{16,64})$/i.exec(text.trim());
  if (match === null) return null;
  return { seq: Number(match[1]), hash: (match[2] ?? '').toLowerCase(), label: `the anchor ${text.trim()}` };
}

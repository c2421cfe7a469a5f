/**
 * The audit trail: append-only, hash-chained. Every state change appends one row in the same
 * transaction as the change, so a change without its audit row cannot commit.
 *
 * Each row's hash covers its own fields and the previous row's hash; editing, deleting or
 * reordering any row breaks the chain from that row on, and `verifyAuditChain` names it.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditAction, AuditEntityType } from '../../common/domain/audit-actions.ts';
import type { AuditVerifyView } from '../../common/schemas/audit.ts';
import type { AuditLogTable, DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  actorId: string | null;
  /** `<entity>.<verb>`, e.g. `unit.rename`, `user.create`, `session.login`: one of the closed list. */
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  /** Snapshots without secrets or petitioner identity. */
  before?: unknown;
  after?: unknown;
};

type HashedFields = Pick<
  AuditLogTable,
  'seq' | 'at' | 'actor_id' | 'action' | 'entity_type' | 'entity_id' | 'before_json' | 'after_json' | 'prev_hash'
>;

/** The hash of one row: SHA-256 over its fields in a fixed order, including the previous hash. */
export function hashAuditRow(row: HashedFields): string {
  const material = JSON.stringify([
    row.seq,
    row.at,
    row.actor_id,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before_json,
    row.after_json,
    row.prev_hash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/**
 * Append one audit row. Must be called inside the transaction that makes the change.
 *
 * The chain head row is bumped with UPDATE … RETURNING first: on PostgreSQL that takes the row
 * lock, so concurrent transactions append one after the other in commit order; SQLite has a
 * single writer anyway. The returned sequence number is therefore gap-free. Inserting the row whose
 * seq is the head's sets the head's last_hash (a trigger), so an append is two statements.
 */
export async function appendAudit(trx: Kysely<DB>, clock: Clock, entry: AuditEntry): Promise<number> {
  const head = await trx
    .updateTable('audit_chain_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  const row: HashedFields = {
    seq: head.last_seq,
    at: clock.now().toISOString(),
    actor_id: entry.actorId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    prev_hash: head.last_hash,
  };
  const hash = hashAuditRow(row);
  // The head's last_hash follows by trigger (migration 2026-12-07-075): one statement fewer a write.
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash })
    .execute();
  return row.seq;
}

/**
 * Append many audit rows at once (a ledger import): the chain head is bumped once by their number,
 * the rows are hashed in order in memory and inserted several per statement. Same transaction rule
 * and the same chain as `appendAudit`; `verifyAuditChain` cannot tell them apart.
 */
export async function appendAuditMany(trx: Kysely<DB>, clock: Clock, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await trx
    .updateTable('audit_chain_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', entries.length) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  const at = clock.now().toISOString();
  let seq = head.last_seq - entries.length;
  let prev = head.last_hash;
  const rows: AuditLogTable[] = [];
  for (const entry of entries) {
    seq += 1;
    const row: HashedFields = {
      seq,
      at,
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      prev_hash: prev,
    };
    prev = hashAuditRow(row);
    rows.push({ ...row, hash: prev });
  }
  // 10 columns a row: 500 rows stay far below both dialects' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + 500))
      .execute();
  // The last row's insert set the head's last_hash (trigger, migration 2026-12-07-075).
}

export type AuditHead = { seq: number; hash: string };

/** The tip of the chain: the last row's sequence number and hash (0 and the genesis hash when empty). */
export async function readAuditHead(db: Kysely<DB>): Promise<AuditHead> {
  const head = await db
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: head.last_seq, hash: head.last_hash };
}

const VERIFY_BATCH = 1000;

/**
 * Walk the whole chain in sequence order and report the first row that does not match:
 * a changed field (hash mismatch), a deleted row (sequence gap or wrong previous hash), or a
 * truncated tail (the head points past the last row).
 */
export async function verifyAuditChain(db: Kysely<DB>): Promise<AuditVerifyView> {
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(VERIFY_BATCH)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(checked, expectedSeq, `row ${expectedSeq} is missing`);
      if (row.prev_hash !== previousHash)
        return broken(checked, row.seq, 'previous hash does not match the row before');
      if (hashAuditRow(row) !== row.hash) return broken(checked, row.seq, 'row content does not match its hash');
      previousHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < VERIFY_BATCH) break;
  }
  const head = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.last_seq !== checked || head.last_hash !== previousHash) {
    return broken(checked, checked + 1, `chain head expects ${head.last_seq} rows, found ${checked}`);
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}

function broken(checked: number, seq: number, reason: string): AuditVerifyView {
  return { ok: false, checked, firstBrokenSeq: seq, reason };
}

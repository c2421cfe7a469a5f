import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/test-context.ts';
import {
  anchorAuditHead,
  anchorAuditHeadDaily,
  anchorsToCheck,
  parsePrintedAnchor,
  readAuditAnchors,
  verifyAuditAnchors,
} from './audit-anchor.ts';
import { appendAudit, hashAuditRow, readAuditHead, verifyAuditChain } from './audit.ts';

let ctx: TestContext;
let file: string;
beforeEach(async () => {
  ctx = await createTestContext();
  file = path.join(ctx.dataDir, 'audit-anchors.log');
});
afterEach(async () => {
  await ctx.close();
});

async function appendRows(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await ctx.deps.db.transaction().execute((trx) =>
      appendAudit(trx, ctx.clock, {
        actorId: 'u1',
        action: 'unit.rename',
        entityType: 'unit',
        entityId: 'x',
        after: { name: `第${i}次` },
      }),
    );
    ctx.clock.advance(60_000);
  }
}

/** What an attacker with write access does: change row `from`, then recompute every hash after it and the head. */
async function rewriteChainFrom(from: number): Promise<void> {
  const rows = await ctx.deps.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = rows.find((r) => r.seq === from - 1)?.hash ?? '0'.repeat(64);
  for (const row of rows.filter((r) => r.seq >= from)) {
    const forged = {
      ...row,
      after_json: row.seq === from ? '{"name":"篡改"}' : row.after_json,
      prev_hash: prev,
    };
    prev = hashAuditRow(forged);
    await ctx.deps.db
      .updateTable('audit_log')
      .set({ after_json: forged.after_json, prev_hash: forged.prev_hash, hash: prev })
      .where('seq', '=', row.seq)
      .execute();
  }
  await ctx.deps.db.updateTable('audit_chain_head').set({ last_hash: prev }).where('id', '=', 1).execute();
}

async function verifyWithAnchors() {
  const { anchors, malformedLine } = readAuditAnchors(file);
  expect(malformedLine).toBeNull();
  return verifyAuditAnchors(ctx.deps.db, anchorsToCheck(anchors));
}

describe('audit anchors', () => {
  it('detects a chain rewritten from row 6 on with recomputed hashes, which the chain alone does not', async () => {
    await appendRows(4);
    await anchorAuditHead(ctx.deps, file, 'daily');
    await appendRows(4);
    await anchorAuditHead(ctx.deps, file, 'backup');
    await appendRows(2);
    expect(await verifyWithAnchors()).toEqual({ ok: true, checked: 2, firstBrokenSeq: null, reason: null });

    await rewriteChainFrom(6);

    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true, checked: 10 });
    const result = await verifyWithAnchors();
    expect(result).toMatchObject({ ok: false, checked: 1, firstBrokenSeq: 8 });
    expect(result.reason).toContain('row 8 carries hash');
    expect(result.reason).toContain('the backup anchor of 2026-03-02T01:08:00.000Z (line 2)');
    expect(result.reason).toContain('rewritten after row 4');
  });

  it('names a row that an anchor saw and the database no longer has (a cut tail)', async () => {
    await appendRows(3);
    await anchorAuditHead(ctx.deps, file, 'backup');
    await ctx.deps.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    await ctx.deps.db
      .updateTable('audit_chain_head')
      .set({
        last_seq: 2,
        last_hash: (
          await ctx.deps.db.selectFrom('audit_log').select('hash').where('seq', '=', 2).executeTakeFirstOrThrow()
        ).hash,
      })
      .where('id', '=', 1)
      .execute();
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true, checked: 2 });
    const result = await verifyWithAnchors();
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(result.reason).toContain('row 3 is missing');
  });

  it('writes one daily anchor per local day, however often the job runs', async () => {
    expect(await anchorAuditHeadDaily(ctx.deps, file)).toBeNull(); // an empty chain has nothing to anchor
    await appendRows(2);
    expect(await anchorAuditHeadDaily(ctx.deps, file)).toMatchObject({ seq: 2, source: 'daily' });
    await appendRows(1);
    expect(await anchorAuditHeadDaily(ctx.deps, file)).toBeNull();
    ctx.clock.set('2026-03-02T16:00:00.000Z'); // 00:00 on 03-03 in UTC+8
    expect(await anchorAuditHeadDaily(ctx.deps, file)).toMatchObject({ seq: 3, source: 'daily' });
    expect(readAuditAnchors(file).anchors.map((a) => [a.seq, a.line])).toEqual([
      [2, 1],
      [3, 2],
    ]);
  });

  it('reports a line of the file that is not an anchor instead of skipping it', async () => {
    await appendRows(1);
    await anchorAuditHead(ctx.deps, file, 'daily');
    fs.appendFileSync(file, '{"seq":1,"hash":"forged"}\n');
    expect(readAuditAnchors(file)).toMatchObject({ malformedLine: 2 });
  });

  it('checks a head printed on a report, by its seq and the first 16 characters of its hash', async () => {
    await appendRows(3);
    const head = await readAuditHead(ctx.deps.db);
    const printed = parsePrintedAnchor(`${head.seq}:${head.hash.slice(0, 16)}`);
    expect(printed).not.toBeNull();
    expect(await verifyAuditAnchors(ctx.deps.db, [printed!])).toMatchObject({ ok: true, checked: 1 });
    await rewriteChainFrom(2);
    expect(await verifyAuditAnchors(ctx.deps.db, [printed!])).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(parsePrintedAnchor('3:abc')).toBeNull();
  });
});

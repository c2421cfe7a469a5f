import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/test-context.ts';
import { appendAudit, appendAuditMany, readAuditHead, verifyAuditChain } from './audit.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.close();
});

async function appendThree(): Promise<void> {
  for (const name of ['一', '二', '三']) {
    await ctx.deps.db.transaction().execute((trx) =>
      appendAudit(trx, ctx.clock, {
        actorId: 'u1',
        action: 'unit.rename',
        entityType: 'unit',
        entityId: 'x',
        before: { name: 'old' },
        after: { name },
      }),
    );
  }
}

describe('audit hash chain', () => {
  it('numbers rows without gaps and verifies an untouched chain', async () => {
    await appendThree();
    const rows = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['seq', 'prev_hash', 'hash'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(await verifyAuditChain(ctx.deps.db)).toEqual({ ok: true, checked: 3, firstBrokenSeq: null, reason: null });
  });

  it('keeps the head on the last row through single and bulk appends (a trigger sets it)', async () => {
    await appendThree();
    const entry = { actorId: 'u1', action: 'unit.rename', entityType: 'unit', entityId: 'x' } as const;
    // 1,203 rows: three insert statements of at most 500; only the last row moves the head.
    await ctx.deps.db.transaction().execute((trx) =>
      appendAuditMany(
        trx,
        ctx.clock,
        Array.from({ length: 1203 }, () => entry),
      ),
    );
    const last = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    expect(await readAuditHead(ctx.deps.db)).toEqual({ seq: 1206, hash: last[0]?.hash });
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true, checked: 1206 });
  });

  it('detects an edited row and names it', async () => {
    await appendThree();
    await ctx.deps.db.updateTable('audit_log').set({ after_json: '{"name":"篡改"}' }).where('seq', '=', 2).execute();
    const result = await verifyAuditChain(ctx.deps.db);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 2, checked: 1 });
    expect(result.reason).toContain('hash');
  });

  it('detects an edited row even when the attacker recomputes its own hash', async () => {
    await appendThree();
    await ctx.deps.db
      .updateTable('audit_log')
      .set({ actor_id: 'someone-else', hash: 'f'.repeat(64) })
      .where('seq', '=', 1)
      .execute();
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });

  it('detects a deleted row', async () => {
    await appendThree();
    await ctx.deps.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('detects a truncated tail through the chain head', async () => {
    await appendThree();
    await ctx.deps.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('leaves no audit row when the surrounding transaction fails', async () => {
    await expect(
      ctx.deps.db.transaction().execute(async (trx) => {
        await appendAudit(trx, ctx.clock, { actorId: null, action: 'unit.create', entityType: 'unit', entityId: 'y' });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    const count = await sql<{ n: number }>`select count(*) as n from audit_log`.execute(ctx.deps.db);
    expect(Number(count.rows[0]?.n)).toBe(0);
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true, checked: 0 });
  });
});

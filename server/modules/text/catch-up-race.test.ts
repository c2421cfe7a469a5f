/**
 * Two server processes started at once on one fresh database (issue #20): both run the text
 * catch-up — fill the repeat index, train the category model — at the same moment. Both must
 * succeed, and the index must be what one catch-up alone writes: one fingerprint and one set of
 * samples per petition, one model.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultTaxonomy } from '../category/index.ts';
import { registerPetition } from '../intake/index.ts';
import { employeeLetter as letter } from '../../test/factories.ts';
import { createOrg, createTestContext, petitionDepsOf, type TestContext } from '../../test/test-context.ts';

const PETITIONS = 40;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ onDisk: true });
});
afterAll(async () => {
  await ctx.close();
});

function catchUp(databaseUrl: string, startAt: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('server/test/catch-up-process.ts'), databaseUrl, String(startAt)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  );
}

const count = async (table: 'petition_fingerprint' | 'petition_text_sample' | 'text_model') =>
  Number(
    (
      await ctx.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the text catch-up of two processes started at once', () => {
  it('succeeds in both, with one fingerprint and one set of samples per petition and one category model', async () => {
    const org = await createOrg(ctx.deps);
    await ensureDefaultTaxonomy(ctx.deps.db);
    const deps = petitionDepsOf(ctx);
    const officer = org.users['officer@mineA']!;
    for (let i = 0; i < PETITIONS; i++) {
      const wages = i % 2 === 0;
      await registerPetition(
        deps,
        officer,
        letter(
          wages ? `第${i}号 综采队工资拖欠` : `第${i}号 养老保险补缴`,
          wages
            ? `综采${i}队三个月工资未发，家里开销紧张，请求尽快发放拖欠的工资和绩效。`
            : `退休职工${i}反映养老保险缴费年限核定有误，请求补缴并重新核定待遇。`,
          { categoryCode: wages ? '0103' : '0201' },
        ),
      );
    }
    const samples = await count('petition_text_sample');
    expect(await count('petition_fingerprint')).toBe(PETITIONS);
    // As an upgrade leaves it (migration 110 cleared the fingerprints) and a fresh database has it: no
    // index, no model.
    await ctx.deps.db.deleteFrom('petition_text_sample').execute();
    await ctx.deps.db.deleteFrom('petition_fingerprint').execute();
    await ctx.deps.db.deleteFrom('text_model').execute();

    // Both wait for the same instant after their start-up, then catch up together. Until 2 s after it
    // the test holds the writes back (SQLite's write lock; on PostgreSQL a lock on the fingerprint
    // table that lets reads through), so both have read the petitions without a fingerprint before
    // either writes one: the race of two instances, every time, not only when the timing falls so.
    const startAt = Date.now() + 5_000;
    const held = ctx.deps.db.transaction().execute(async (trx) => {
      if (ctx.deps.dialect === 'postgres')
        await sql`lock table petition_fingerprint in share row exclusive mode`.execute(trx);
      await sleep(startAt + 2_000 - Date.now());
    });
    const runs = await Promise.all([catchUp(ctx.databaseUrl, startAt), catchUp(ctx.databaseUrl, startAt)]);
    await held;
    for (const run of runs) expect(run, run.output).toMatchObject({ code: 0 });
    const results = runs.map(
      (r) => JSON.parse(r.output.trim().split('\n').at(-1) ?? '') as { fingerprinted: number; trained: boolean },
    );
    // Each petition fingerprinted by exactly one of them, whichever came first.
    expect(results.reduce((sum, r) => sum + r.fingerprinted, 0)).toBe(PETITIONS);
    expect(results.some((r) => r.trained)).toBe(true);
    expect(await count('petition_fingerprint')).toBe(PETITIONS);
    expect(await count('petition_text_sample')).toBe(samples);
    expect(await count('text_model')).toBe(1);
  }, 120_000);
});

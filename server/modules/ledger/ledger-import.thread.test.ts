/**
 * The import in a real worker thread with its own database connection (SQLite on disk, or the
 * PostgreSQL schema of the test): it imports, reports progress back, and when the worker is killed
 * mid-way, nothing of the batch in flight is written and a new worker resumes after the last batch.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { parseDatabaseUrl } from '../../config.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { fixedClock } from '../../platform/clock.ts';
import { ledgerRow, xlsxOf } from '../../test/ledger-rows.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';
import { resumeLedgerImports } from './ledger-import.job.ts';
import {
  startImportWorker,
  workerImportRunner,
  workerSheetChecker,
  type ImportWorkerSetup,
} from './ledger-import.thread.ts';
import {
  createImportRegistry,
  dryRunImport,
  getLedgerImport,
  startImport,
  uploadLedger,
  type LedgerDeps,
} from './ledger.service.ts';

let ctx: TestContext;
let org: Org;
let deps: LedgerDeps;
let setup: ImportWorkerSetup;

beforeAll(async () => {
  ctx = await createTestContext({ onDisk: true });
  org = await createOrg(ctx.deps);
  const petitionDeps = petitionDepsOf(ctx);
  const database = parseDatabaseUrl(ctx.databaseUrl, 4);
  if (typeof database === 'string') throw new Error(database);
  setup = {
    database,
    // The secret of testCipher(): the worker's encryption must be readable by the tests' cipher.
    secret: 'test-secret-test-secret-test-secret-0001',
    dataDir: ctx.dataDir,
    fileStore: petitionDeps.files.kind,
    logLevel: 'silent',
    outbound: ctx.deps.outbound,
  };
  deps = {
    ...petitionDeps,
    importDir: path.join(ctx.dataDir, 'ledger-imports'),
    imports: createImportRegistry(),
    sharedImports: petitionDeps.files.kind === 'database' ? petitionDeps.files : null,
    importRunner: workerImportRunner(setup),
  };
});
afterAll(async () => {
  await ctx.close();
});

const officer = () => org.users['officer@mineA'] as Actor;

async function count(table: 'petition' | 'petition_event'): Promise<number> {
  const row = await ctx.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('the import in a worker thread', () => {
  it('imports with its own connection, its progress reported back to the server thread', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) =>
      ledgerRow(i, i === 7 ? { 身份证号: '11010519491231002X', 信访人: '王大山' } : {}),
    );
    const view = await uploadLedger(deps, officer(), { fileName: '线程.xlsx', data: await xlsxOf(rows) });
    const seen = new Set<string>();
    const watching: LedgerDeps = {
      ...deps,
      imports: Object.assign(createImportRegistry(), {
        set(this: Map<string, { phase: string }>, id: string, value: { phase: string }) {
          seen.add(value.phase);
          return Map.prototype.set.call(this, id, value);
        },
      }),
    };
    const { done } = await startImport(watching, officer(), view.id, view.mapping);
    await done;
    expect(await getLedgerImport(deps, officer(), view.id)).toMatchObject({
      status: 'done',
      result: { imported: 1200, skipped: 0 },
    });
    expect(seen.has('writing')).toBe(true);
    expect(await count('petition')).toBe(1200);
    // Encrypted in the worker with the deployment's key: found by this thread's blind index.
    const person = await ctx.deps.db
      .selectFrom('petitioner')
      .select('id_number_index')
      .where('id_number_index', '=', deps.cipher.blindIndex('11010519491231002X'))
      .execute();
    expect(person).toHaveLength(1);
  }, 60_000);

  it('checks a sheet for the dry run in a worker: the same errors by row, the mapping saved', async () => {
    const rows = [ledgerRow(50_001), ledgerRow(50_002, { 渠道: '飞鸽传书' }), ledgerRow(50_003)];
    const view = await uploadLedger(deps, officer(), { fileName: '试运行.xlsx', data: await xlsxOf(rows) });
    const report = await dryRunImport(
      { ...deps, sheetChecker: workerSheetChecker(setup) },
      officer(),
      view.id,
      view.mapping,
    );
    expect(report).toMatchObject({ rowCount: 3, valid: 2, duplicates: 0, errorCount: 1 });
    expect(report.errors.map((e) => [e.row, e.field, e.code])).toEqual([[3, 'channel', 'badChannel']]);
    expect((await getLedgerImport(deps, officer(), view.id)).status).toBe('invalid');
  }, 60_000);

  it('killed mid-way, wrote whole batches only, and a new worker resumes after the last one', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => ledgerRow(10_000 + i));
    const view = await uploadLedger(deps, officer(), { fileName: '被中断.xlsx', data: await xlsxOf(rows) });
    const before = await count('petition');
    const events = await count('petition_event');
    const job = () =>
      ctx.deps.db.selectFrom('ledger_import').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
    // Started as the server starts it, then the thread is terminated at once after the first batch.
    let worker: ReturnType<typeof startImportWorker> | null = null;
    const killable: LedgerDeps = {
      ...deps,
      importRunner: (d, id, owner) => {
        worker = startImportWorker(setup, d, id, owner);
        return worker.done;
      },
    };
    const { done } = await startImport(killable, officer(), view.id, view.mapping);
    while ((await job()).rows_done < 1000) await new Promise((resolve) => setTimeout(resolve, 5));
    await (worker as ReturnType<typeof startImportWorker> | null)?.worker.terminate();
    await done;
    const killed = await job();
    expect(killed.status).toBe('running');
    expect(killed.rows_done % 500).toBe(0);
    expect(killed.rows_done).toBeLessThan(4000);
    // Whole batches only: exactly the committed rows, each with its two events.
    expect(await count('petition')).toBe(before + killed.rows_done);
    expect(await count('petition_event')).toBe(events + 2 * killed.rows_done);

    // The lease runs out (the worker's clock is the system's); any instance's resume job takes over.
    const later = { ...deps, clock: fixedClock(new Date(Date.now() + 31_000)) };
    const resumed: Promise<void>[] = [];
    expect(await resumeLedgerImports(later, deps.importRunner, (_id, run) => resumed.push(run))).toEqual([view.id]);
    await Promise.all(resumed);
    expect(await getLedgerImport(deps, officer(), view.id)).toMatchObject({
      status: 'done',
      result: { imported: 4000, skipped: 0 },
    });
    expect(await count('petition')).toBe(before + 4000);
    expect(await count('petition_event')).toBe(events + 8000);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  }, 120_000);
});

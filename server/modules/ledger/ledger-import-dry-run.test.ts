/**
 * An import after a dry run that passed with the same mapping writes at once (issue #20: the job's
 * first pass read and checked every row again); every batch is still checked when it is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import type { LedgerMapping } from '../../../common/schemas/ledger.ts';
import { ledgerDepsOf, ledgerRow, xlsxOf } from '../../test/ledger-rows.ts';
import { createOrg, createTestContext, type Org, type TestContext } from '../../test/test-context.ts';
import {
  dryRunImport,
  getLedgerImport,
  startImport,
  uploadLedger,
  type ImportProgressView,
  type LedgerDeps,
} from './ledger.service.ts';

let ctx: TestContext;
let org: Org;
let deps: LedgerDeps;
let officer: Actor;

/** The in-process registry, remembering every phase an import showed. */
class RecordingRegistry extends Map<string, ImportProgressView> {
  readonly phases = new Set<string>();
  override set(id: string, view: ImportProgressView): this {
    this.phases.add(view.phase);
    return super.set(id, view);
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = ledgerDepsOf(ctx);
  officer = org.users['officer@mineA'] as Actor;
});
afterAll(async () => {
  await ctx.close();
});

async function countPetitions(): Promise<number> {
  const row = await ctx.deps.db
    .selectFrom('petition')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Upload `rows`, optionally dry-run them with `dryMapping`, then import with `runMapping`: the phases shown. */
async function importWith(
  first: number,
  count: number,
  options: {
    dry?: (m: LedgerMapping) => LedgerMapping;
    run?: (m: LedgerMapping) => LedgerMapping;
    between?: () => Promise<void>;
  },
) {
  const rows = Array.from({ length: count }, (_, i) => ledgerRow(first + i, { 承办单位: '甲矿/综采一队/甲班' }));
  const view = await uploadLedger(deps, officer, { fileName: '旧台账.xlsx', data: await xlsxOf(rows) });
  if (options.dry !== undefined) {
    const report = await dryRunImport(deps, officer, view.id, options.dry(view.mapping));
    expect(report).toMatchObject({ errorCount: 0, valid: count });
  }
  await options.between?.();
  const registry = new RecordingRegistry();
  const before = await countPetitions();
  const { done } = await startImport(
    { ...deps, imports: registry },
    officer,
    view.id,
    (options.run ?? ((m) => m))(view.mapping),
  );
  await done;
  return {
    phases: registry.phases,
    job: await getLedgerImport(deps, officer, view.id),
    added: (await countPetitions()) - before,
  };
}

describe('an import after its dry run', () => {
  it('writes at once when the dry run passed with the same mapping: no second reading pass', async () => {
    const { phases, job, added } = await importWith(1, 12, { dry: (m) => m });
    expect(job).toMatchObject({ status: 'done', result: { imported: 12, skipped: 0 } });
    expect(added).toBe(12);
    expect([...phases]).not.toContain('validating');
    expect([...phases]).toContain('writing');
  });

  it('checks every row first without a dry run, or with another mapping than the dry run’s', async () => {
    const none = await importWith(100, 5, {});
    expect(none.phases).toContain('validating');
    expect(none.job).toMatchObject({ status: 'done', result: { imported: 5 } });
    const other = await importWith(200, 5, {
      dry: (m) => m,
      // The run without the 标记 column the dry run read.
      run: (m) => Object.fromEntries(Object.entries(m).filter(([field]) => field !== 'flags')),
    });
    expect(other.phases).toContain('validating');
    expect(other.job).toMatchObject({ status: 'done', result: { imported: 5 } });
  });

  it('still refuses a batch that breaks a rule changed since the dry run (a unit closed): nothing of it written', async () => {
    const crew = org.units.crewA1.id;
    try {
      const { job, added } = await importWith(300, 6, {
        dry: (m) => m,
        between: async () => {
          await ctx.deps.db.updateTable('unit').set({ active: 0 }).where('id', '=', crew).execute();
        },
      });
      expect(job).toMatchObject({ status: 'failed', result: { imported: 0 } });
      expect(job.errors.length).toBeGreaterThan(0);
      expect(added).toBe(0);
    } finally {
      await ctx.deps.db.updateTable('unit').set({ active: 1 }).where('id', '=', crew).execute();
    }
  });
});

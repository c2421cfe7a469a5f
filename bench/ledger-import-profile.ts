/**
 * Where a ledger import's write pass spends its CPU (issue #20), in this process, printed (never
 * asserted): a SQLite database on disk with the test organisation, a workbook of BENCH_ROWS rows
 * (default 50,000) uploaded and dry-run, then the import's write pass run in this thread (the worker
 * runs the same `runLedgerImport` on its own connection). Printed: CPU ms per 1,000 rows for each
 * tenth of the import (does a batch cost more as the tables grow?), and with BENCH_PROFILE_TOP=<n>
 * the n hottest functions by self time and the import's own functions by inclusive time, per row.
 *   node --import tsx bench/ledger-import-profile.ts
 * Compare a change with the same script at the branch point: the CPU figures are this process's
 * (user + system), wall time beside them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Actor } from '../common/domain/access.ts';
import {
  createImportRegistry,
  dryRunImport,
  startImport,
  uploadLedger,
} from '../server/modules/ledger/ledger.service.ts';
import { ulidGenerator } from '../server/platform/ids.ts';
import { HEADERS, ledgerDepsOf, ledgerRow } from '../server/test/ledger-rows.ts';
import { createOrg, createTestContext } from '../server/test/test-context.ts';
import { table, writeLedgerWorkbook } from './support.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 0);

/** A row of the test ledger with its received date spread over 400 days before the test clock. */
function row(n: number): unknown[] {
  return ledgerRow(n, {
    登记日期: new Date(Date.UTC(2025, 0, 1 + (n % 400))),
    内容摘要: `第${n}件：反映${n % 7 === 0 ? '加班工资' : '工资'}发放不及时的问题，请求核实补发`,
  });
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const ctx = await createTestContext({ onDisk: true });
try {
  const org = await createOrg(ctx.deps);
  const actor = org.users['officer@mineA'] as Actor;
  // As the import's worker opens its connection (ledger-import.worker.ts): ids in time order, the page cache.
  await sql.raw('pragma cache_size = -65536').execute(ctx.deps.db);
  const deps = { ...ledgerDepsOf(ctx), ids: ulidGenerator(() => Date.now()), imports: createImportRegistry() };
  const file = path.join(ctx.dataDir, 'ledger.xlsx');
  await writeLedgerWorkbook(file, HEADERS, ROWS, (n) => row(n) as (string | number | Date)[]);
  const view = await uploadLedger(deps, actor, { fileName: 'ledger.xlsx', data: fs.readFileSync(file) });
  const report = await dryRunImport(deps, actor, view.id, view.mapping);
  if (report.errorCount > 0) throw new Error(`dry run: ${JSON.stringify(report.errors.slice(0, 3))}`);

  const session = new Session();
  if (TOP > 0) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const tenths: { from: number; cpu: number; wall: number }[] = [];
  let mark = { done: 0, cpu: cpuMs(), wall: performance.now() };
  const step = Math.max(1000, Math.round(ROWS / 10 / 1000) * 1000);
  const watching = {
    ...deps,
    imports: Object.assign(createImportRegistry(), {
      set(this: Map<string, unknown>, id: string, value: { phase: string; done: number }) {
        if (value.phase === 'writing' && value.done - mark.done >= step) {
          const now = { done: value.done, cpu: cpuMs(), wall: performance.now() };
          tenths.push({
            from: mark.done,
            cpu: (now.cpu - mark.cpu) / (now.done - mark.done),
            wall: (now.wall - mark.wall) / (now.done - mark.done),
          });
          mark = now;
        }
        return Map.prototype.set.call(this, id, value);
      },
    }),
  };
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const { done } = await startImport(watching, actor, view.id, view.mapping);
  await done;
  const cpu = cpuMs() - cpu0;
  const wall = performance.now() - t0;
  const result = await ctx.deps.db
    .selectFrom('ledger_import')
    .select(['status', 'result_json'])
    .where('id', '=', view.id)
    .executeTakeFirstOrThrow();
  process.stdout.write(
    `\nLedger import write pass, ${ROWS} rows, SQLite on disk, in process: ${result.status} ${result.result_json ?? ''}\n` +
      `CPU ${(cpu / 1000).toFixed(1)} s (${(cpu / ROWS).toFixed(3)} ms/row), wall ${(wall / 1000).toFixed(1)} s\n\n`,
  );
  process.stdout.write(
    `${table(tenths.map((t) => ({ 'rows from': t.from, 'cpu ms / 1000 rows': (t.cpu * 1000).toFixed(0), 'wall ms / 1000 rows': (t.wall * 1000).toFixed(0) })))}\n`,
  );
  if (TOP > 0) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    printProfile(profile);
  }
} finally {
  await ctx.close();
}

/** Self time of the hottest functions and inclusive time of the app's, ms per row. */
function printProfile(profile: Profiler.Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)?.callFrame;
    if (f === undefined) return '?';
    return `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|server|common)\//, '$1/')}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] ?? 0;
    const ms = (deltas[i] ?? 0) / 1000;
    self.set(name(id), (self.get(name(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const key = name(x);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, filter: (k: string) => boolean) =>
    [...m]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([k, ms]) => `${(ms / ROWS).toFixed(4).padStart(8)} ms  ${k}`)
      .join('\n');
  process.stdout.write(`\nSelf time, ms per row\n${top(self, () => true)}\n`);
  process.stdout.write(
    `\nInclusive time of the app's functions, ms per row\n${top(inclusive, (k) => /(server|common)\//.test(k))}\n`,
  );
}

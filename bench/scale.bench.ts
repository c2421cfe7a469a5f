/**
 * Scale, printed (never asserted; issue #20): one table of what a user waits for at each size of the
 * history — the petition list (every query of bench:petition and a full-text `q`), the case page, the
 * dashboard (a month, a year, the whole range at the enterprise and at a mine), registration over HTTP
 * on that database, and the memory of the process that answered — with the goal of each row, the
 * growth from the smallest to the largest size, and a plain baseline query measured in the same run.
 *   npm run bench:scale        BENCH_SIZES (default 10000,100000,1000000), BENCH_RUNS (20),
 *                              BENCH_SECONDS (registration load, 5), BENCH_DATABASE_URL for PostgreSQL,
 *                              BENCH_DATA_DIR=<dir> keeps each size's database (SQLite file there, or the
 *                              PostgreSQL schema bench_scale_<size>) and reuses it while it holds the size
 *                              (filling 1M takes long: fill once, re-measure), BENCH_ONLY=lists measures
 *                              the list queries and the case page alone, BENCH_SKIP=ledger,text leaves
 *                              out the runs below, BENCH_LEDGER_MAX caps the rows of the ledger run,
 *                              BENCH_SCALE_PORT (3931) and BENCH_PORT (bench:ledger's, 3951): two runs side by side
 * At each size two benches that need data of their own run as child processes, and their figures
 * join the table: bench:ledger (a workbook of `size` rows imported over HTTP by a fresh server, then
 * up to 100,000 rows exported; baselines: the streaming reader alone and our writer alone on the same
 * rows) and, on SQLite, bench:text-scale (the text index built for `size` realistic texts, the repeat
 * look-up and the search on it; baselines: an exact scan and a LIKE scan of a sample).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Actor } from '../common/domain/access.ts';
import { boot } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { getDashboard } from '../server/modules/dashboard/dashboard.service.ts';
import { listPetitions } from '../server/modules/ledger/index.ts';
import { getPetition, type PetitionDeps } from '../server/modules/petition/index.ts';
import { rebuildRollup } from '../server/modules/rollup/index.ts';
import {
  createTextModelCache,
  ensureClassifier,
  ensureRepeatIndex,
  findTextMatches,
} from '../server/modules/text/index.ts';
import { insertSearchTexts } from '../server/modules/text/search-index.ts';
import { filesystemStore } from '../server/platform/file-store.ts';
import { createLogger } from '../server/platform/logger.ts';
import { actorOf, load, percentile, rssMib, table } from './support.ts';

process.env.BENCH_NO_MAIN = '1';
const { fill } = await import('./dashboard.bench.ts');
const { startServer, registerBody } = await import('./petition.bench.ts');

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PG = process.env.BENCH_DATABASE_URL;
const KEEP_DIR = process.env.BENCH_DATA_DIR;
const LISTS_ONLY = process.env.BENCH_ONLY === 'lists';
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(','));
const LEDGER_MAX = Number(process.env.BENCH_LEDGER_MAX ?? Number.POSITIVE_INFINITY);
/** The registration server's port at the first size (one more at each next); bench:ledger's is BENCH_PORT. */
const PORT = Number(process.env.BENCH_SCALE_PORT ?? 3931);
const DAY = 86_400_000;

/** Words a synthetic petition's searchable text is made of (written for the bench, not taken from data). */
const TOPICS = [
  '加班工资未发放',
  '社会保险缴费基数',
  '住房补贴标准',
  '工伤认定结论',
  '井下安全隐患',
  '食堂饭菜价格',
  '宿舍供暖不足',
  '通勤班车取消',
  '劳保用品发放',
  '子女就近入学',
];
const UNITS = ['综采一队', '掘进二队', '机电科', '运输队', '通风区', '选煤厂', '后勤中心'];

/** A row of the table: `ms` the p95; `p50` and `cpu` (the process's CPU time per run, p50) beside it; `note` e.g. the total. */
type Measure = {
  measure: string;
  goal: string;
  ms?: number;
  p50?: number;
  cpu?: number;
  note?: string;
  value?: number;
  unit?: string;
};

async function timed<T>(fn: () => Promise<T>): Promise<{ p50: number; p95: number; cpu: number; last: T }> {
  for (let i = 0; i < 2; i++) await fn(); // warm-up
  const times: number[] = [];
  const cpus: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpus.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpu: percentile(cpus, 50), last: last as T };
}

/** The tables of the search index and the repeat index. */
const TEXT_TABLES = ['petition_search', 'petition_fingerprint', 'petition_text_sample'];

/** Bytes on disk of the text tables with their indexes (SQLite: their pages, FTS5 shadow tables included). */
async function textIndexBytes(deps: PetitionDeps): Promise<number> {
  if (deps.dialect === 'postgres') {
    const sizes = await sql<{ bytes: string }>`select sum(pg_total_relation_size(to_regclass(t)))::text as bytes
      from unnest(${TEXT_TABLES}::text[]) as t`.execute(deps.db);
    return Number(sizes.rows[0]?.bytes ?? 0);
  }
  const pages = await sql<{ bytes: number }>`select coalesce(sum(d.pgsize), 0) as bytes from dbstat d
    join sqlite_master m on m.name = d.name
    where m.tbl_name in (${sql.join(TEXT_TABLES)}) or m.tbl_name like 'petition_search_%'`.execute(deps.db);
  return pages.rows[0]?.bytes ?? 0;
}

/** The search rows of the filled petitions: a topic and a unit each, as the registration would index them. */
async function fillSearch(deps: PetitionDeps, count: number): Promise<void> {
  for (let start = 0; start < count; start += 50_000) {
    await deps.db.transaction().execute(async (trx) => {
      for (let offset = start; offset < Math.min(count, start + 50_000); offset += 1_000) {
        const end = Math.min(count, offset + 1_000);
        const idOf = (i: number) => `D${String(i).padStart(9, '0')}`;
        const received = new Map(
          (
            await trx
              .selectFrom('petition')
              .select(['id', 'received_at'])
              .where('id', '>=', idOf(offset))
              .where('id', '<', idOf(end))
              .execute()
          ).map((r) => [r.id, r.received_at]),
        );
        const rows = [];
        for (let i = offset; i < end; i++) {
          const text = `${UNITS[i % UNITS.length]}${TOPICS[(i * 7) % TOPICS.length]}\n本人反映${TOPICS[(i * 3) % TOPICS.length]}问题，请求核实处理。`;
          rows.push({ petitionId: idOf(i), text, receivedAt: received.get(idOf(i)) ?? '' });
        }
        await insertSearchTexts(trx, deps.dialect, rows);
      }
    });
  }
}

async function atSize(
  size: number,
  port: number,
): Promise<{ measures: Measure[]; fillSeconds: number; dialect: string }> {
  const kept = KEEP_DIR === undefined ? undefined : path.join(KEEP_DIR, String(size));
  if (kept !== undefined) fs.mkdirSync(kept, { recursive: true, mode: 0o700 });
  const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-scale-'));
  // A kept database is reused as filled: its petitions are dated from the instant it was filled.
  const stamp = path.join(dataDir, 'bench-now.txt');
  const env: NodeJS.ProcessEnv = { XINFANG_DEMO_PETITIONS: 'false' };
  if (PG !== undefined) {
    const url = new URL(PG);
    url.searchParams.set('schema', `bench_scale_${size}`);
    env.DATABASE_URL = url.toString();
  }
  const config = loadConfig('bench', {
    ...process.env,
    ...env,
    XINFANG_DATA_DIR: dataDir,
    XINFANG_PASSWORD_MEMORY_KIB: '1024',
    LOG_LEVEL: 'warn',
  });
  let booted = await boot(config, createLogger({ logLevel: 'warn' }));
  const filled = async () =>
    Number(
      (
        await booted.deps.db
          .selectFrom('petition')
          .select(sql<number | string>`count(*)`.as('n'))
          .where('id', '>=', 'D')
          .where('id', '<', 'E')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const reuse = kept !== undefined && fs.existsSync(stamp) && (await filled()) === size;
  if (!reuse && kept !== undefined && PG === undefined && (await filled()) > 0) {
    // A kept SQLite file of another size: start it again.
    await booted.database.close();
    for (const file of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, file), { recursive: true, force: true });
    booted = await boot(config, createLogger({ logLevel: 'warn' }));
  }
  if (PG !== undefined && !reuse) {
    // A fresh schema for each size: drop what an earlier run left, then migrate and seed again.
    await sql`drop schema if exists ${sql.id(`bench_scale_${size}`)} cascade`.execute(booted.deps.db);
    await booted.database.close();
    booted = await boot(config, createLogger({ logLevel: 'warn' }));
  }
  const depsOf = (b: typeof booted): PetitionDeps => ({
    ...b.deps,
    cipher: b.cipher,
    files: filesystemStore(path.join(dataDir, 'attachments')),
  });
  let deps = depsOf(booted);
  const measures: Measure[] = [];
  let fillSeconds: number;
  try {
    let now = Date.now();
    const t0 = performance.now();
    if (reuse) now = Number(fs.readFileSync(stamp, 'utf8'));
    else {
      await fill(deps, size, now);
      await fillSearch(deps, size);
      // The fill inserts rows past the engine: the dashboard's rollup is rebuilt as after a repair.
      await rebuildRollup(deps.db, deps.dialect);
      // PostgreSQL's statistics, as its autovacuum gathers them after a night of ordinary use.
      if (deps.dialect === 'postgres') await sql`analyze`.execute(deps.db);
      if (kept !== undefined) fs.writeFileSync(stamp, String(now));
    }
    if (deps.dialect === 'sqlite') {
      // SQLite's statistics as the server has them (boot and the planner-statistics job): sampled by
      // PRAGMA optimize, never a full ANALYZE — a kept file analysed in full by an older run is sampled again.
      // The server's start gathers them (boot), on a connection that never saw the old ones.
      const analysed = await sql`select 1 from sqlite_master where name = 'sqlite_stat1'`.execute(deps.db);
      if (analysed.rows.length > 0) await sql`delete from sqlite_stat1`.execute(deps.db);
      await booted.database.close();
      booted = await boot(config, createLogger({ logLevel: 'warn' }));
      deps = depsOf(booted);
    }
    fillSeconds = (performance.now() - t0) / 1000;

    const officer = await actorOf(deps, 'officer');
    const mineOfficer = await actorOf(deps, 'dongshan.officer');
    const handler = await actorOf(deps, 'dongshan.hr');
    const chief = await actorOf(deps, 'chief');
    const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
    const month = `${today.slice(0, 7)}-01`;

    // Baselines: the cheapest the database can answer the list's two questions (how many, which 20).
    const countAll = await timed(() =>
      deps.db
        .selectFrom('petition')
        .select(sql<number | string>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    );
    measures.push({ measure: 'baseline: COUNT(*) of all petitions', goal: '—', ms: countAll.p95 });
    const newest = await timed(() =>
      deps.db.selectFrom('petition').select('id').orderBy('received_at', 'desc').limit(20).execute(),
    );
    measures.push({ measure: 'baseline: newest 20 ids, no scope', goal: '—', ms: newest.p95 });

    const lists: [string, Actor, Parameters<typeof listPetitions>[2]][] = [
      ['list: group officer, newest 20', officer, {}],
      ['list: group officer, page 200', officer, { page: 200 }],
      ['list: group officer, open, by due date', officer, { open: 'true', sort: 'due_asc' }],
      ['list: group officer, overdue', officer, { overdue: 'true' }],
      ['list: group officer, channel + month', officer, { channel: 'visit', receivedFrom: month, receivedTo: today }],
      ['list: mine officer (subtree), newest 20', mineOfficer, {}],
      ['list: handler (own unit), newest 20', handler, {}],
      ['list: group officer, q=工资', officer, { q: '工资' }],
    ];
    let someId = '';
    for (const [label, actor, query] of lists) {
      const result = await timed(() => listPetitions(deps, actor, query));
      someId ||= result.last.items[0]?.id ?? '';
      const total = `${result.last.totalCapped ? '>' : ''}${result.last.total.toLocaleString('en')}`;
      measures.push({ measure: label, goal: '≤ 50', ms: result.p95, p50: result.p50, cpu: result.cpu, note: total });
    }
    const page = await timed(() => getPetition(deps, officer, someId));
    measures.push({
      measure: 'case page (the officer, one petition)',
      goal: '≤ 30',
      ms: page.p95,
      p50: page.p50,
      cpu: page.cpu,
    });
    if (LISTS_ONLY) return { measures, fillSeconds, dialect: deps.dialect };

    const ranges: [string, string][] = [
      ['month', month],
      ['year', `${today.slice(0, 4)}-01-01`],
      ['whole range', new Date(now - 3 * 365 * DAY - DAY).toISOString().slice(0, 10)],
    ];
    for (const [label, from] of ranges) {
      for (const [scope, actor] of [
        ['enterprise', chief],
        ['mine', mineOfficer],
      ] as const) {
        const result = await timed(() => getDashboard(deps, actor, { from, to: today }));
        measures.push({ measure: `dashboard: ${label}, ${scope}`, goal: '≤ 300', ms: result.p95 });
      }
    }
    // What the server's start-up does for petitions that came without them (an upgrade, an import of
    // history): the repeat index and the category model. The fill's texts are short; realistic texts
    // are measured by bench:text-scale.
    const t1 = performance.now();
    await ensureRepeatIndex(deps.db);
    measures.push({
      measure: 'repeat index for the filled petitions (short texts)',
      goal: '—',
      value: (performance.now() - t1) / 1000,
      unit: 's',
    });
    // The look-up the registration form makes, on the index just filled. The fill's texts are two words
    // (事项N / 内容): this is the look-up's floor, not its goal; bench:text-scale measures realistic texts.
    const lookup = await timed(() =>
      findTextMatches(deps.db, `综采一队${TOPICS[3]}`, `本人反映${TOPICS[3]}问题，请求核实处理。`, { limit: 5 }),
    );
    measures.push({
      measure: "repeat look-up on the fill's two-word texts (floor)",
      goal: '—',
      ms: lookup.p95,
      p50: lookup.p50,
      cpu: lookup.cpu,
    });
    measures.push({
      measure: 'text index on disk (search + repeats)',
      goal: '≤ 2048',
      value: (await textIndexBytes(deps)) / 1024 / 1024,
      unit: 'MiB',
    });
    const t2 = performance.now();
    await ensureClassifier({ ...deps, models: createTextModelCache() });
    measures.push({
      measure: 'category model trained on the filled petitions',
      goal: '< 60',
      value: (performance.now() - t2) / 1000,
      unit: 's',
    });
    measures.push({
      measure: 'bench process RSS after the queries',
      goal: '≤ 400',
      value: process.memoryUsage().rss / 1024 / 1024,
      unit: 'MiB',
    });
  } finally {
    await booted.database.close();
    if (LISTS_ONLY && kept === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // Registration over HTTP by a server started on the database just filled (all its work, one transaction).
  const started = performance.now();
  const server = await startServer(port, undefined, { dataDir, env });
  measures.push({
    measure: 'server start-up on this database (to a logged-in session)',
    goal: '—',
    value: (performance.now() - started) / 1000,
    unit: 's',
  });
  try {
    let n = size * 10;
    const result = await load({
      url: server.url,
      connections: 10,
      duration: SECONDS,
      requests: [{ method: 'POST', headers: server.headers, setupRequest: (r) => ({ ...r, body: registerBody(++n) }) }],
    });
    measures.push({
      measure: 'registration over HTTP, 10 connections',
      goal: '≥ 1000',
      value: result.requestsPerSecond,
      unit: 'req/s',
    });
    measures.push({ measure: 'registration over HTTP, p99', goal: '≤ 50', ms: result.p99, unit: 'p99 ms' });
    measures.push({
      measure: 'server RSS after the registrations',
      goal: '≤ 400',
      value: rssMib(server.child.pid ?? 0),
      unit: 'MiB',
    });
  } finally {
    await server.close();
    if (kept === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { measures, fillSeconds, dialect: PG === undefined ? 'sqlite' : 'postgres' };
}

function cell(m: Measure | undefined): string {
  if (m === undefined) return '—';
  if (m.ms !== undefined) {
    // p50/p95 (CPU ms of this process per run, p50) [the list's total]
    const spread = m.p50 === undefined ? m.ms.toFixed(1) : `${m.p50.toFixed(1)}/${m.ms.toFixed(1)}`;
    const cpu = m.cpu === undefined ? '' : ` (${m.cpu.toFixed(1)})`;
    return `${spread}${cpu}${m.note === undefined ? '' : ` [${m.note}]`}`;
  }
  const value = (m.value ?? 0).toFixed(m.unit === 'req/s' || m.unit === 'rows/s' ? 0 : 1);
  return m.note === undefined ? value : `${value} [${m.note}]`;
}

/** Runs another bench as a child process (its output kept in a log file); resolves to the figures it wrote. */
async function childBench<T>(script: string, env: NodeJS.ProcessEnv): Promise<T> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-scale-child-'));
  const json = path.join(out, 'figures.json');
  const log = path.join(out, 'output.txt');
  process.stderr.write(`  running ${script} (output: ${log})\n`);
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    env: { ...process.env, ...env, BENCH_JSON_OUT: json },
    stdio: ['ignore', fs.openSync(log, 'w'), 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0 || !fs.existsSync(json)) throw new Error(`${script} failed (exit ${String(code)}): see ${log}`);
  return JSON.parse(fs.readFileSync(json, 'utf8')) as T;
}

type LedgerRow = Record<string, string | number>;

/** The ledger's import and export at this size, and their baselines (bench:ledger's rows). */
async function ledgerMeasures(size: number): Promise<Measure[]> {
  const rows = Math.min(size, LEDGER_MAX);
  const figures = await childBench<LedgerRow[]>('bench/ledger.bench.ts', {
    BENCH_ROWS: String(rows),
    BENCH_LEDGER_EXCELJS: '0',
  });
  const row = (prefix: string): LedgerRow => {
    const found = figures.find((r) => String(r.what).startsWith(prefix));
    if (found === undefined) throw new Error(`bench:ledger printed no row "${prefix}"`);
    return found;
  };
  const imported = row('import: run');
  const exported = row('export: xlsx');
  const num = (r: LedgerRow, key: string) => Number(r[key]);
  const of = rows < size ? `${rows.toLocaleString('en')} rows (BENCH_LEDGER_MAX)` : `${rows.toLocaleString('en')} rows`;
  return [
    {
      measure: 'ledger import over HTTP (check + batches, worker)',
      goal: '≥ 5556 (1M ≤ 3 min)',
      value: num(imported, 'rows/s'),
      unit: 'rows/s',
      note: `${of}, ${num(imported, 'seconds').toFixed(0)} s, server CPU ${String(imported['server cpu s'])} s`,
    },
    {
      measure: 'baseline: the streaming reader alone, same workbook',
      goal: '—',
      value: num(row('read: streaming reader'), 'rows/s'),
      unit: 'rows/s',
    },
    {
      measure: 'ledger import: server peak RSS',
      goal: '≤ 400',
      value: num(imported, 'peak rss MiB'),
      unit: 'MiB',
    },
    {
      measure: 'ledger import: /api/health p99 meanwhile',
      goal: '≤ 100',
      value: num(imported, 'health p99 ms'),
      unit: 'p99 ms',
      note: `max ${String(imported['health max ms'])}`,
    },
    {
      measure: 'ledger export .xlsx over HTTP',
      goal: '≥ 10000 (100k ≤ 10 s)',
      value: num(exported, 'rows/s'),
      unit: 'rows/s',
      note: `${num(exported, 'rows').toLocaleString('en')} rows, ${num(exported, 'seconds').toFixed(1)} s, peak RSS ${String(exported['peak rss MiB'])} MiB`,
    },
    {
      measure: 'baseline: our .xlsx writer alone (no database)',
      goal: '—',
      value: num(row('file: write .xlsx, our'), 'rows/s'),
      unit: 'rows/s',
    },
  ];
}

type TextFigures = Record<string, number>;

/** The text index built for `size` realistic texts, its look-ups, and their baselines (bench:text-scale's figures). */
async function textMeasures(size: number): Promise<Measure[]> {
  const f = await childBench<TextFigures>('bench/text-scale.bench.ts', { BENCH_TEXT_SCALE_N: String(size) });
  const n = (key: string) => f[key] ?? Number.NaN;
  return [
    { measure: 'text index built, realistic texts (bulk)', goal: '≤ 300 at 1M', value: n('buildSeconds'), unit: 's' },
    { measure: 'text index on disk, realistic texts', goal: '≤ 2048', value: n('databaseMib'), unit: 'MiB' },
    { measure: 'text index build: peak RSS', goal: '≤ 400', value: n('peakRssMib'), unit: 'MiB' },
    {
      measure: 'repeat look-up, realistic edited copies',
      goal: '≤ 10',
      ms: n('lookupP95'),
      p50: n('lookupP50'),
      cpu: n('lookupCpuP50'),
      note: `recall ${n('recall').toFixed(3)}`,
    },
    {
      measure: 'baseline: exact scan of a sample, one look-up',
      goal: '—',
      ms: n('exactScanP95'),
      note: `${n('exactScanSample').toLocaleString('en')} texts`,
    },
    { measure: 'search, first 20 ids', goal: '≤ 50', ms: n('searchP95'), p50: n('searchP50') },
    {
      measure: "baseline: LIKE '%term%' count of a sample",
      goal: '—',
      ms: n('likeP95'),
      note: `${n('likeSample').toLocaleString('en')} texts`,
    },
  ];
}

async function main(): Promise<void> {
  const results: { size: number; measures: Measure[]; fillSeconds: number; dialect: string }[] = [];
  for (const [i, size] of SIZES.entries()) {
    const result = await atSize(size, PORT + i);
    if (!LISTS_ONLY && !SKIP.has('ledger')) result.measures.push(...(await ledgerMeasures(size)));
    // bench:text-scale builds SQLite's index (FTS5 and the sample table); PostgreSQL's is measured above.
    if (!LISTS_ONLY && !SKIP.has('text') && PG === undefined) result.measures.push(...(await textMeasures(size)));
    results.push({ size, ...result });
    process.stderr.write(
      `  ${size.toLocaleString('en')} petitions filled in ${result.fillSeconds.toFixed(1)} s and measured\n`,
    );
  }
  const names = results[0]?.measures.map((m) => m.measure) ?? [];
  const rows = names.map((name) => {
    const row: Record<string, string | number> = { measure: name };
    const first = results[0]?.measures.find((m) => m.measure === name);
    row.goal = first?.goal ?? '';
    row.unit = first?.unit ?? (first?.p50 !== undefined ? 'p50/p95 ms (cpu)' : first?.ms !== undefined ? 'p95 ms' : '');
    for (const r of results) row[r.size.toLocaleString('en')] = cell(r.measures.find((m) => m.measure === name));
    const last = results.at(-1)?.measures.find((m) => m.measure === name);
    const a = first?.ms ?? first?.value;
    const b = last?.ms ?? last?.value;
    row[`× ${SIZES[0]?.toLocaleString('en')}→${SIZES.at(-1)?.toLocaleString('en')}`] =
      a !== undefined && b !== undefined && a > 0 && results.length > 1 ? (b / a).toFixed(1) : '—';
    return row;
  });
  process.stdout.write(
    `\nScale on ${results[0]?.dialect ?? ''}, ${os.cpus().length} cores — p95 of ${RUNS} runs after a warm-up; registration ${SECONDS} s of load; ` +
      `filled in ${results.map((r) => `${r.fillSeconds.toFixed(0)} s`).join(' / ')}\n` +
      `(goals from issue #20; growth column aim ≤ 3×; baselines are plain queries on the same data in the same run)\n\n${table(rows)}\n`,
  );
}

await main();

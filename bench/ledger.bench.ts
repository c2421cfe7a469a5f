/**
 * Ledger import and export at scale (issue #20), printed (never asserted). The real server is
 * started (`server/main.ts`, demo organisation without demo petitions) and driven over HTTP as the
 * browser does: upload, dry run, import (polled until done), export. While the dry run and the
 * import run, one client asks GET /api/health every 20 ms (p50/p99/max) and the server's RSS
 * (worker threads included) is sampled every 100 ms. Beside them, in the same run:
 *  - reading the file: ExcelJS's whole-workbook reader (the old import path; up to 200k rows) vs the
 *    streaming reader, each in a fresh process (peak RSS its own);
 *  - writing the file: ExcelJS's streaming writer (up to 200k rows) vs ours vs plain CSV.
 *   npm run bench:ledger                 (BENCH_ROWS, default 100000)
 *   BENCH_DATABASE_URL=postgres://… npm run bench:ledger   (the server on PostgreSQL, a fresh schema)
 *   BENCH_PORT=<port> the server's port (default 3951; another bench may hold it).
 *   BENCH_CPU_PROF=<dir> writes the server's CPU profiles (a file per thread) there.
 *   BENCH_KEEP_DIR=1 keeps the server's data directory (its database filled by the import) for a profile.
 * 'cpu s' is this process's CPU time for the file phases and the server's (all its threads) for the
 * HTTP phases, beside wall-clock: on a shared machine, wall time alone says little.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { CSRF_HEADER, SESSION_COOKIE } from '../common/schemas/auth.ts';
import { DEMO_PASSWORD } from '../server/demo/demo-enterprise.ts';
import { streamXlsxRows } from '../server/modules/ledger/xlsx-stream-reader.ts';
import { percentile, rssMib, startProcess, table, writeLedgerWorkbook } from './support.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const PORT = Number(process.env.BENCH_PORT ?? 3951);
const BASE = `http://127.0.0.1:${PORT}`;
const MIB = 1024 * 1024;
/** Baselines that hold the whole workbook (or take minutes) run up to this size. */
const BASELINE_MAX = 200_000;

/** A valid GB 11643 ID number for person n (so 10% of the rows exercise encryption and blind indexes). */
function idNumber(n: number): string {
  const body = `110105${19600101 + (n % 28) + 100 * (n % 12)}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body.charAt(i)) * (weights[i] ?? 0);
  return body + ('10X98765432'[sum % 11] ?? '0');
}

const UNITS = ['东山煤矿/综采一队', '东山煤矿/掘进二队', '南峪煤矿/运输队', '北岭煤矿/通风队', '东山煤矿', '南峪煤矿'];
const CHANNELS = ['来访', '来信', '电话', '网上信访', '意见箱'];
const STATES = ['已登记', '已受理', '办理中', '已办结', '已终结'];
const HEADERS = [
  '案件编号',
  '登记日期',
  '渠道',
  '信访人',
  '身份证号',
  '人数',
  '所属单位',
  '信访类别',
  '内容摘要',
  '承办单位',
  '状态',
  '办理结果',
  '评价',
  '标记',
];
/** Received dates spread over 600 days from 2025-01-01. */
const DAYS = 600;

function ledgerRow(n: number): (string | number | Date)[] {
  const concluded = n % 5 >= 3;
  return [
    `OLD-${String(n).padStart(7, '0')}`,
    new Date(Date.UTC(2025, 0, 1 + (n % DAYS))),
    CHANNELS[n % CHANNELS.length] ?? '来访',
    `职工${n}`,
    n % 10 === 0 ? idNumber(n) : '',
    1 + (n % 7 === 0 ? 5 : 0),
    UNITS[n % UNITS.length] ?? '东山煤矿',
    '申诉求决类',
    `第${n}号：反映加班工资未按时发放，请求核实补发`,
    concluded ? (UNITS[(n + 1) % UNITS.length] ?? '') : '',
    STATES[n % STATES.length] ?? '已登记',
    concluded ? '解决到位' : '',
    concluded ? 4 : '',
    n % 50 === 0 ? '越级' : '',
  ];
}

type Sample = { seconds: number; peakRssMib: number; startRssMib: number; cpuSeconds: number };

/** Run `work` in this process, sampling its RSS every 25 ms. */
async function measure(work: () => Promise<unknown>): Promise<Sample> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const t0 = performance.now();
  const cpu = process.cpuUsage();
  await work();
  clearInterval(timer);
  const used = process.cpuUsage(cpu);
  return {
    cpuSeconds: (used.user + used.system) / 1e6,
    seconds: (performance.now() - t0) / 1000,
    peakRssMib: Math.max(peak, process.memoryUsage().rss) / MIB,
    startRssMib: start / MIB,
  };
}

type Row = Record<string, string | number>;
const results: Row[] = [];
function record(
  what: string,
  rows: number,
  s: { seconds: number; peakRssMib: number; cpuSeconds?: number },
  server: (Row & { peakRssMib: number }) | null = null,
): void {
  const { peakRssMib, ...health } = server ?? { peakRssMib: s.peakRssMib };
  results.push({
    what,
    rows,
    seconds: s.seconds.toFixed(2),
    // This process's CPU for the file phases; the server's (all threads) for the HTTP phases.
    'cpu s': server === null ? (s.cpuSeconds ?? 0).toFixed(1) : '',
    'rows/s': Math.round(rows / s.seconds),
    'peak rss MiB': peakRssMib.toFixed(0),
    'health p50 ms': '',
    'health p99 ms': '',
    'health max ms': '',
    ...health,
  });
}

function writeOurs(file: string): Promise<void> {
  return writeLedgerWorkbook(file, HEADERS, ROWS, ledgerRow);
}

async function writeExcelJs(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(HEADERS).commit();
  for (let n = 1; n <= ROWS; n++) sheet.addRow(ledgerRow(n)).commit();
  sheet.commit();
  await workbook.commit();
}

async function writeCsv(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`\uFEFF${HEADERS.join(',')}\r\n`);
  for (let n = 1; n <= ROWS; n++) {
    const line = `${ledgerRow(n)
      .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))
      .join(',')}\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** A read phase in a fresh process (its RSS its own): one RESULT line. */
async function readPhase(kind: 'exceljs' | 'stream', file: string): Promise<void> {
  let rows = 0;
  const sample = await measure(async () => {
    if (kind === 'exceljs') {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      rows = (workbook.worksheets[0]?.rowCount ?? 1) - 1;
    } else {
      for await (const batch of streamXlsxRows(file)) rows += batch.length;
      rows -= 1;
    }
  });
  process.stdout.write(`RESULT ${JSON.stringify({ rows, ...sample })}\n`);
}

async function inChild(kind: 'exceljs' | 'stream', file: string): Promise<Sample & { rows: number }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/ledger.bench.ts'], {
    env: { ...process.env, BENCH_LEDGER_READ: kind, BENCH_LEDGER_FILE: file },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const line = output.split('\n').find((l) => l.startsWith('RESULT '));
  if (code !== 0 || line === undefined) throw new Error(`read phase ${kind} failed (${String(code)})`);
  return JSON.parse(line.slice('RESULT '.length)) as Sample & { rows: number };
}

/** CPU seconds (user + system, all threads) a process has used so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of each thread of a process (Linux /proc/<pid>/task), by thread id. */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // the thread ended between the listing and the read
      }
    }
  } catch {
    // the process is gone
  }
  return out;
}

/** One client asking GET /api/health every 20 ms, and the server's RSS every 100 ms, until stopped. */
function watch(pid: number) {
  const cpuStart = cpuSeconds(pid);
  // Per thread, sampled every 100 ms so that a worker thread that ends before the phase does is counted.
  const threadStart = threadCpu(pid);
  const threadLast = new Map(threadStart);
  const sampleThreads = () => {
    for (const [tid, cpu] of threadCpu(pid)) threadLast.set(tid, cpu);
  };
  const latencies: number[] = [];
  let peakRss = rssMib(pid);
  const state = { running: true };
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, rssMib(pid));
    sampleThreads();
  }, 100);
  const prober = (async () => {
    while (state.running) {
      const t0 = performance.now();
      try {
        const response = await fetch(`${BASE}/api/health`);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
      } catch {
        // The server went away (a phase failed and the run is stopping): the failure is reported there.
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async () => {
    state.running = false;
    clearInterval(rssTimer);
    await prober;
    sampleThreads();
    let main = 0;
    let others = 0;
    for (const [tid, cpu] of threadLast) {
      const used = cpu - (threadStart.get(tid) ?? 0);
      if (tid === String(pid)) main += used;
      else others += used;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      peakRssMib: peakRss,
      'health p50 ms': percentile(sorted, 50).toFixed(1),
      'health p99 ms': percentile(sorted, 99).toFixed(1),
      'health max ms': (sorted[sorted.length - 1] ?? 0).toFixed(1),
      probes: sorted.length,
      'server cpu s': (cpuSeconds(pid) - cpuStart).toFixed(1),
      // The main thread (HTTP, periodic jobs) apart from the others (the import's worker, zlib, the checkpointer).
      'main thread cpu s': main.toFixed(1),
      'other threads cpu s': others.toFixed(1),
    };
  };
}

type Session = { headers: Record<string, string> };

async function login(): Promise<Session> {
  const response = await fetch(`${BASE}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer', password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '').split(';')[0];
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { headers: { cookie: cookie ?? '', [CSRF_HEADER]: csrfToken } };
}

async function api<T>(session: Session, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${BASE}${url}`, {
    method,
    headers: { ...session.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

type ImportView = {
  id: string;
  status: string;
  mapping: Record<string, number>;
  result: { imported: number; skipped: number } | null;
  errors: unknown[];
};

async function main(): Promise<void> {
  const readKind = process.env.BENCH_LEDGER_READ;
  if (readKind === 'exceljs' || readKind === 'stream') return readPhase(readKind, process.env.BENCH_LEDGER_FILE ?? '');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-ledger-bench-'));
  const source = path.join(dataDir, 'ledger.xlsx');
  // BENCH_LEDGER_EXCELJS=0 (bench:scale) skips ExcelJS's baselines, which hold the whole workbook.
  const small = ROWS <= BASELINE_MAX && process.env.BENCH_LEDGER_EXCELJS !== '0';
  const skipped = (what: string) =>
    results.push({
      what,
      rows: ROWS,
      seconds: `skipped (above ${BASELINE_MAX} rows, or BENCH_LEDGER_EXCELJS=0)`,
      'rows/s': '',
    });

  record('file: write .xlsx, our streaming writer', ROWS, await measure(() => writeOurs(source)));
  if (small)
    record(
      'file: write .xlsx, ExcelJS WorkbookWriter (baseline)',
      ROWS,
      await measure(() => writeExcelJs(path.join(dataDir, 'exceljs.xlsx'))),
    );
  else skipped('file: write .xlsx, ExcelJS WorkbookWriter (baseline)');
  record('file: write .csv (baseline)', ROWS, await measure(() => writeCsv(path.join(dataDir, 'plain.csv'))));
  process.stdout.write(`ledger file: ${(fs.statSync(source).size / MIB).toFixed(1)} MiB\n`);
  if (small) {
    const r = await inChild('exceljs', source);
    record('read: ExcelJS whole workbook (old import path; fresh process)', r.rows, r);
  } else skipped('read: ExcelJS whole workbook (old import path)');
  const streamed = await inChild('stream', source);
  record('read: streaming reader (fresh process)', streamed.rows, streamed);

  let schema: string | null = null;
  let databaseUrl: string | undefined;
  if (DATABASE_URL !== undefined) {
    schema = `bench_ledger_${Date.now().toString(36)}`;
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    const url = new URL(DATABASE_URL);
    url.searchParams.set('schema', schema);
    databaseUrl = url.toString();
  }
  const server = await startProcess(
    'node',
    [
      // BENCH_CPU_PROF=<dir>: the server writes a CPU profile of each of its threads there (the import's worker too).
      ...(process.env.BENCH_CPU_PROF === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]),
      '--import',
      'tsx',
      'server/main.ts',
    ],
    {
      PORT: String(PORT),
      XINFANG_DATA_DIR: dataDir,
      XINFANG_DEMO: 'true',
      XINFANG_DEMO_PETITIONS: 'false',
      XINFANG_PASSWORD_MEMORY_KIB: '1024',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    },
    `${BASE}/api/health`,
  );
  const pid = server.child.pid ?? 0;
  // The server's log (warnings and errors) kept beside the run, for a phase that fails.
  const serverLog = path.join(os.tmpdir(), `xinfang-ledger-bench-server-${pid}.log`);
  server.child.stdout?.on('data', (chunk: Buffer) => fs.appendFileSync(serverLog, chunk));
  server.child.on('exit', (code, signal) =>
    fs.appendFileSync(serverLog, `server exited: ${String(code)} ${String(signal)}\n`),
  );
  process.stdout.write(`server log: ${serverLog}\n`);
  try {
    const session = await login();
    const idle = watch(pid);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const { peakRssMib: idleRss, ...idleHealth } = await idle();
    results.push({
      what: 'server idle (3 s)',
      rows: 0,
      seconds: '3.00',
      'rows/s': '',
      'peak rss MiB': idleRss.toFixed(0),
      ...idleHealth,
    });

    let view: ImportView | null = null;
    const uploadWatch = watch(pid);
    const upload = await measure(async () => {
      const form = new FormData();
      form.append('file', new Blob([fs.readFileSync(source)]), 'ledger.xlsx');
      const response = await fetch(`${BASE}/api/ledger/imports`, {
        method: 'POST',
        headers: session.headers,
        body: form,
      });
      if (!response.ok) throw new Error(`upload: ${response.status} ${await response.text()}`);
      view = (await response.json()) as ImportView;
    });
    const uploaded = view as ImportView | null;
    if (uploaded === null) throw new Error('no upload');
    record('import: upload (header, row count, mapping)', ROWS, upload, await uploadWatch());

    const dryWatch = watch(pid);
    const dry = await measure(async () => {
      const report = await api<{ errorCount: number; errors: unknown[] }>(
        session,
        'POST',
        `/api/ledger/imports/${uploaded.id}/dry-run`,
        { mapping: uploaded.mapping },
      );
      if (report.errorCount > 0) throw new Error(`dry run: ${JSON.stringify(report.errors.slice(0, 3))}`);
    });
    record('import: dry run (every row checked, worker)', ROWS, dry, await dryWatch());

    const runWatch = watch(pid);
    const run = await measure(async () => {
      await api(session, 'POST', `/api/ledger/imports/${uploaded.id}/run`, { mapping: uploaded.mapping });
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const job = await api<ImportView>(session, 'GET', `/api/ledger/imports/${uploaded.id}`);
        if (job.status === 'done') break;
        if (job.status !== 'running') throw new Error(`import ${job.status}: ${JSON.stringify(job.errors)}`);
      }
    });
    record('import: run (check + batches, worker)', ROWS, run, await runWatch());

    // Export 100,000 rows (all when there are fewer): received dates are spread evenly over DAYS.
    const span = Math.min(DAYS, Math.ceil((DAYS * 100_000) / ROWS));
    const to = new Date(Date.UTC(2025, 0, span)).toISOString().slice(0, 10);
    const expected = Math.min(ROWS, Math.round((ROWS * span) / DAYS));
    for (const format of ['xlsx', 'csv'] as const) {
      const exportWatch = watch(pid);
      const file = path.join(dataDir, `export.${format}`);
      const sample = await measure(async () => {
        const response = await fetch(
          `${BASE}/api/ledger/export?format=${format}&receivedFrom=2025-01-01&receivedTo=${to}`,
          { headers: session.headers },
        );
        if (!response.ok || response.body === null) throw new Error(`export: ${response.status}`);
        const out = fs.createWriteStream(file);
        for await (const chunk of response.body) if (!out.write(chunk)) await once(out, 'drain');
        out.end();
        await once(out, 'finish');
      });
      record(`export: ${format} over HTTP (~${expected} rows, server)`, expected, sample, await exportWatch());
      process.stdout.write(`export ${format}: ${(fs.statSync(file).size / MIB).toFixed(1)} MiB\n`);
    }
  } finally {
    await server.stop();
    if (schema !== null && DATABASE_URL !== undefined) {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    }
    if (process.env.BENCH_KEEP_DIR === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    else process.stdout.write(`data dir kept: ${dataDir}\n`);
  }
  process.stdout.write(
    `\nLedger, ${ROWS} rows, ${DATABASE_URL === undefined ? 'SQLite' : 'PostgreSQL'}, ${os.cpus().length} cores, Node ${process.version}. ` +
      `Import, dry run and export: the real server over HTTP; 'peak rss' there is the server process's (worker threads included).\n`,
  );
  // bench:scale reads the rows (BENCH_JSON_OUT=<file>).
  if (process.env.BENCH_JSON_OUT !== undefined) fs.writeFileSync(process.env.BENCH_JSON_OUT, JSON.stringify(results));
  const keys = [...new Set(results.flatMap((r) => Object.keys(r)))];
  process.stdout.write(`${table(results.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? '']))))}\n`);
}

await main();

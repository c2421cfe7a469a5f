/**
 * Ledger figures, printed (never asserted): time and peak memory (process RSS and V8 heapUsed,
 * sampled every 25 ms) to import and to export 100,000 ledger rows on SQLite, each beside a baseline
 * in the same run — the same rows written with ExcelJS alone (and as plain CSV), read back with
 * ExcelJS alone — so the service's own cost is visible.
 *   npm run bench:ledger        (BENCH_ROWS to change the size)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type { Actor } from '../common/domain/access.ts';
import { LEDGER_COLUMNS } from '../common/schemas/ledger.ts';
import { zhCN } from '../common/i18n/zh-CN.ts';
import { loadConfig } from '../server/config.ts';
import { boot } from '../server/boot.ts';
import { createLogger } from '../server/platform/logger.ts';
import {
  createImportRegistry,
  dryRunImport,
  exportLedger,
  startImport,
  uploadLedger,
  type LedgerDeps,
} from '../server/modules/ledger/ledger.service.ts';
import { table } from './support.ts';
import { filesystemStore } from '../server/platform/file-store.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const MIB = 1024 * 1024;

type Sample = { seconds: number; peakRssMib: number; peakHeapMib: number; startRssMib: number };

/** Run `work`, sampling memory; a full GC first (node --expose-gc) so each phase starts clean. */
async function measure(work: () => Promise<unknown>): Promise<Sample> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 25);
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const end = process.memoryUsage();
  return {
    seconds,
    peakRssMib: Math.max(peakRss, end.rss) / MIB,
    peakHeapMib: Math.max(peakHeap, end.heapUsed) / MIB,
    startRssMib: start.rss / MIB,
  };
}

function row(name: string, rows: number, s: Sample): Record<string, string | number> {
  return {
    what: name,
    rows,
    seconds: s.seconds.toFixed(2),
    'rows/s': Math.round(rows / s.seconds),
    'peak rss MiB': s.peakRssMib.toFixed(0),
    'rss at start MiB': s.startRssMib.toFixed(0),
    'peak heapUsed MiB': s.peakHeapMib.toFixed(0),
  };
}

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

function ledgerRow(n: number): (string | number | Date)[] {
  const concluded = n % 5 >= 3;
  return [
    `OLD-${String(n).padStart(7, '0')}`,
    new Date(Date.UTC(2025, 0, 1 + (n % 600))),
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

/** Baseline: the same rows straight through ExcelJS's streaming writer, no database, no service. */
async function writeXlsxBaseline(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(HEADERS).commit();
  for (let n = 1; n <= ROWS; n++) sheet.addRow(ledgerRow(n)).commit();
  sheet.commit();
  await workbook.commit();
}

/** Baseline: the same rows as a plain CSV write. */
async function writeCsvBaseline(file: string): Promise<void> {
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

/** Baseline: read the file back with ExcelJS alone (the same whole-workbook reader the import uses, see ledger-sheet.ts). */
async function readXlsxBaseline(file: string): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets[0]?.rowCount ?? 0;
}

/** Boot on `dataDir` (the demo organisation, no demo petitions) and the ledger's dependencies as the group officer. */
async function open(dataDir: string) {
  const config = loadConfig('bench', {
    XINFANG_DATA_DIR: dataDir,
    XINFANG_DEMO: 'true',
    XINFANG_DEMO_PETITIONS: 'false',
    XINFANG_PASSWORD_MEMORY_KIB: '1024',
    LOG_LEVEL: 'warn',
  });
  const { database, deps, cipher } = await boot(config, createLogger({ logLevel: 'warn' }));
  const ledgerDeps: LedgerDeps = {
    ...deps,
    cipher,
    files: filesystemStore(path.join(dataDir, 'attachments')),
    importDir: path.join(dataDir, 'ledger-imports'),
    imports: createImportRegistry(),
    sharedImports: null,
  };
  const user = await database.db
    .selectFrom('app_user')
    .innerJoin('unit', 'unit.id', 'app_user.unit_id')
    .select(['app_user.id', 'app_user.role', 'app_user.unit_id', 'unit.path'])
    .where('username', '=', 'officer')
    .executeTakeFirstOrThrow();
  const officer: Actor = { id: user.id, role: user.role, unitId: user.unit_id, unitPath: user.path };
  return { database, ledgerDeps, officer };
}

/** Export phases, in a fresh process (so its RSS is its own, not what the import left): one JSON line per result. */
async function exportPhases(dataDir: string): Promise<void> {
  const { database, ledgerDeps, officer } = await open(dataDir);
  try {
    for (const format of ['xlsx', 'csv'] as const) {
      const file = path.join(dataDir, `export.${format}`);
      let rows = 0;
      const sample = await measure(async () => {
        const out = fs.createWriteStream(file);
        const finished = once(out, 'finish');
        rows = (
          await exportLedger(ledgerDeps, officer, {}, out, {
            format,
            statistics: format === 'xlsx' ? 'month' : undefined,
          })
        ).rows;
        await finished;
      });
      process.stdout.write(
        `RESULT ${JSON.stringify(row(`export: ${format} (service, streamed to a file; fresh process)`, rows, sample))}\n`,
      );
      process.stdout.write(`export ${format}: ${rows} rows, ${(fs.statSync(file).size / MIB).toFixed(1)} MiB\n`);
    }
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const exportDir = process.env.BENCH_LEDGER_EXPORT_DIR;
  if (exportDir !== undefined) return exportPhases(exportDir);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-ledger-bench-'));
  const { database, ledgerDeps, officer } = await open(dataDir);
  const results: Record<string, string | number>[] = [];
  try {
    const source = path.join(dataDir, 'ledger-100k.xlsx');
    results.push(row('baseline: ExcelJS write (no service)', ROWS, await measure(() => writeXlsxBaseline(source))));
    results.push(
      row('baseline: plain CSV write', ROWS, await measure(() => writeCsvBaseline(path.join(dataDir, 'baseline.csv')))),
    );
    results.push(row('baseline: ExcelJS read (no service)', ROWS, await measure(() => readXlsxBaseline(source))));
    process.stdout.write(`ledger file: ${(fs.statSync(source).size / MIB).toFixed(1)} MiB\n`);

    let importId = '';
    let mapping = {};
    results.push(
      row(
        'import: upload (read header, propose mapping)',
        ROWS,
        await measure(async () => {
          const view = await uploadLedger(ledgerDeps, officer, {
            fileName: 'ledger-100k.xlsx',
            data: fs.readFileSync(source),
          });
          importId = view.id;
          mapping = view.mapping;
        }),
      ),
    );
    results.push(
      row(
        'import: dry run (every row checked)',
        ROWS,
        await measure(async () => {
          const report = await dryRunImport(ledgerDeps, officer, importId, mapping);
          if (report.errorCount > 0)
            throw new Error(`dry run found errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
        }),
      ),
    );
    results.push(
      row(
        'import: run (check + one transaction)',
        ROWS,
        await measure(async () => {
          const { done } = await startImport(ledgerDeps, officer, importId, mapping);
          await done;
          const job = await database.db
            .selectFrom('ledger_import')
            .select(['status', 'result_json', 'errors_json'])
            .where('id', '=', importId)
            .executeTakeFirstOrThrow();
          if (job.status !== 'done') throw new Error(`import ${job.status}: ${job.errors_json ?? ''}`);
        }),
      ),
    );
    const count = await database.db
      .selectFrom('petition')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    process.stdout.write(`petitions after import: ${count.n}\n`);
    await database.close();

    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/ledger.bench.ts'], {
      env: { ...process.env, BENCH_LEDGER_EXPORT_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`export phases exited with ${String(code)}`);
    for (const line of output.split('\n')) {
      if (line.startsWith('RESULT '))
        results.push(JSON.parse(line.slice('RESULT '.length)) as Record<string, string | number>);
      else if (line !== '') process.stdout.write(`${line}\n`);
    }
  } finally {
    await database.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nLedger, ${ROWS} rows, SQLite, ${os.cpus().length} cores, Node ${process.version}; columns: ${LEDGER_COLUMNS.map((c) => zhCN.ledger.columns[c]).join(' ')}\n`,
  );
  process.stdout.write(`${table(results)}\n`);
}

await main();

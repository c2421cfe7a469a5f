/**
 * The ledger (台账): export any filtered petition list as .xlsx or .csv, streaming; statistics by
 * period; and import an old ledger — upload, column mapping (saved per header layout), a dry run
 * that checks every row, then the import as a job off the request path (ledger-import.job.ts:
 * batches, each in one transaction with its progress; resumed after a crash), with progress.
 * Reads and writes petitions only through the petition module's surface.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { xlsxTable, xlsxWorkbook, type XlsxWorkbook } from './ledger-xlsx.ts';
import type { z } from 'zod';
import { enterpriseOf, hasAction, isOffice, type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import type { PeriodKind } from '../../../common/domain/statistics-period.ts';
import { DomainError } from '../../../common/errors.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import {
  LEDGER_COLUMNS,
  LEDGER_ERRORS_SHOWN,
  LEDGER_FIELDS,
  LedgerMappingSchema,
  type LedgerColumn,
  type LedgerDryRunView,
  type LedgerFilterSchema,
  type LedgerImportView,
  type LedgerMapping,
  type LedgerPeriodStats,
  type LedgerRowError,
  type LedgerSettings,
  type LedgerStatisticsView,
} from '../../../common/schemas/ledger.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { PetitionDeps } from '../petition/index.ts';
import type { FileStore } from '../../platform/file-store.ts';
import { sanitizeFileName } from '../attachment/index.ts';
import { readSetting, updateSetting } from '../setting/index.ts';
import {
  checkMapping,
  checkSheet,
  IMPORT_LEASE_MS,
  inThreadRunner,
  parseJson,
  type ImportProgressView,
  type ImportRunner,
  type SheetChecker,
} from './ledger-import.job.ts';
import { fileOf, removeUpload, sharedKeyOf } from './ledger-upload.ts';
import { ledgerRecords, type LedgerRecord } from './ledger-records.ts';
import { proposeMapping } from './ledger-row.ts';
import { cellText, csvField, detectFormat, layoutHash, readSheetHead } from './ledger-sheet.ts';
import { statisticsAccumulator } from './ledger-statistics.ts';
import {
  findImport,
  findMapping,
  insertImport,
  saveMapping,
  startHeldImport,
  updateImport,
} from './ledger.repository.ts';

export type { ImportProgressView } from './ledger-import.job.ts';

/** Progress of the imports running in this process (the job row holds status and outcome for every instance). */
export type ImportRegistry = Map<string, ImportProgressView>;

export type LedgerDeps = PetitionDeps & {
  /** Uploaded ledgers waiting for their import (`<dataDir>/ledger-imports`), read from this machine's disk. */
  importDir: string;
  imports: ImportRegistry;
  /**
   * With several instances (issue #21): the database store the upload is kept in, so that the dry run
   * and the import may be asked of another instance than the upload, and where a running import's
   * progress is written for a poll that another instance answers. null: one instance, its own disk.
   */
  sharedImports: FileStore | null;
  /** Runs a started import: a worker thread in the server (ledger-import.worker.ts); this thread when absent. */
  importRunner?: ImportRunner;
  /** Checks a sheet for the dry run: a worker thread in the server; this thread when absent. */
  sheetChecker?: SheetChecker;
};

export function createImportRegistry(): ImportRegistry {
  return new Map();
}

type LedgerFilter = z.output<typeof LedgerFilterSchema>;
const t = zhCN.ledger;

// ---------------------------------------------------------------------------------------------
// Settings

/** The statistics month start day of the actor's enterprise (1 = calendar month). */
export async function getLedgerSettings(deps: LedgerDeps, actor: Actor): Promise<LedgerSettings> {
  return {
    statisticsMonthStartDay: await readSetting(deps.db, enterpriseOf(actor).path, 'ledger.statisticsMonthStartDay'),
  };
}

/**
 * Set the statistics month of the actor's enterprise: an enterprise setting (settings module), so
 * an administrator at the root or a leader of the enterprise itself — never a mine's.
 * @throws FORBIDDEN
 */
export async function updateLedgerSettings(
  deps: LedgerDeps,
  actor: Actor,
  input: LedgerSettings,
): Promise<LedgerSettings> {
  await updateSetting(deps, actor, 'ledger.statisticsMonthStartDay', {
    unitId: enterpriseOf(actor).id,
    value: input.statisticsMonthStartDay,
  });
  return input;
}

// ---------------------------------------------------------------------------------------------
// Export

/** An Excel date for a local date: Excel dates have no zone, so the day is written as UTC midnight. */
function excelDate(localDate: string | null): Date | null {
  return localDate === null ? null : new Date(`${localDate}T00:00:00Z`);
}

function petitionersText(r: LedgerRecord): string {
  if (r.anonymous) return t.anonymous;
  if (r.petitioners === null) return t.withheld;
  return r.petitioners.map((p) => (p.isRepresentative ? `${p.name}${t.representative}` : p.name)).join('、');
}

function flagsText(r: LedgerRecord): string {
  const flags = zhCN.petitions.flags;
  return [
    r.flags.group ? flags.group : null,
    r.flags.skipLevel ? flags.skip_level : null,
    r.flags.repeat ? flags.repeat : null,
    r.flags.supervision === null ? null : zhCN.petitions.supervision[r.flags.supervision],
  ]
    .filter((f): f is string => f !== null)
    .join('、');
}

/** The cells of one ledger row, in LEDGER_COLUMNS order: dates as Date (xlsx) — the CSV writer prints them. */
export function ledgerCells(r: LedgerRecord): Record<LedgerColumn, string | number | Date | null> {
  const p = zhCN.petitions;
  return {
    caseNumber: r.caseNumber,
    receivedAt: excelDate(localDateOf(r.receivedAt)),
    channel: p.channels[r.channel],
    petitioners: petitionersText(r),
    headcount: r.headcount,
    unit: r.unitName,
    namedPersons: r.namedPersons === null ? null : r.namedPersons.join('、'),
    category: r.categoryName,
    type: p.types[r.type],
    summary: r.title,
    owner: r.ownerName,
    handlingUnit: r.handlingUnitName,
    acceptanceDue: excelDate(r.acceptanceDue?.dueDate ?? null),
    conclusionDue: excelDate(r.conclusionDue?.dueDate ?? null),
    state: p.states[r.state],
    outcome: [
      r.replyResult === null ? null : p.replyResults[r.replyResult],
      r.outcomes.length === 0 ? null : r.outcomes.map((o) => p.outcomes[o]).join('、'),
    ]
      .filter((x) => x !== null)
      .join('；'),
    satisfaction: r.satisfaction,
    flags: flagsText(r),
  };
}

const WIDTHS: Record<LedgerColumn, number> = {
  caseNumber: 16,
  receivedAt: 12,
  channel: 10,
  petitioners: 22,
  headcount: 6,
  unit: 22,
  namedPersons: 22,
  category: 16,
  type: 12,
  summary: 40,
  owner: 10,
  handlingUnit: 22,
  acceptanceDue: 12,
  conclusionDue: 12,
  state: 12,
  outcome: 16,
  satisfaction: 6,
  flags: 16,
};
const DATE_COLUMNS = new Set<LedgerColumn>(['receivedAt', 'acceptanceDue', 'conclusionDue']);

/**
 * The columns of `actor`'s export: 被反映人 only for the office, who alone may see whom a petition
 * names (`canSeeNamedPersons`; 第30条第3款) — for anyone else the column is not written at all.
 */
export function ledgerColumnsFor(actor: Actor): LedgerColumn[] {
  return LEDGER_COLUMNS.filter((c) => c !== 'namedPersons' || isOffice(actor.role));
}

export type ExportOptions = { format: 'xlsx' | 'csv'; statistics?: PeriodKind | undefined; pageSize?: number };

/**
 * Write the ledger of the petitions `actor` may see under `filter` to `out`, streaming: rows are
 * read in keyset pages and written as they come (our streaming writer, ledger-xlsx.ts, for .xlsx;
 * UTF-8 with BOM for .csv), so memory stays flat however many rows. The export is audited (filters and row count).
 * @returns the number of rows written
 */
export async function exportLedger(
  deps: LedgerDeps,
  actor: Actor,
  filter: LedgerFilter,
  out: Writable,
  options: ExportOptions,
): Promise<{ rows: number }> {
  const columns = ledgerColumnsFor(actor);
  const headers = columns.map((c) => t.columns[c]);
  const startDay = (await getLedgerSettings(deps, actor)).statisticsMonthStartDay;
  const stats = options.statistics === undefined ? null : statisticsAccumulator(options.statistics, startDay);
  let rows = 0;
  if (options.format === 'csv') {
    const write = async (line: string) => {
      if (!out.write(line)) await once(out, 'drain');
    };
    await write(`\uFEFF${headers.map(csvField).join(',')}\r\n`);
    for await (const page of ledgerRecords(deps, actor, filter, options.pageSize)) {
      let chunk = '';
      for (const record of page) {
        const cells = ledgerCells(record);
        chunk += `${columns
          .map((c) => {
            const v = cells[c];
            return csvField(v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
          })
          .join(',')}\r\n`;
        rows += 1;
      }
      await write(chunk);
    }
    out.end();
  } else {
    const workbook = xlsxWorkbook(out);
    const sheet = xlsxTable(
      workbook,
      t.sheetName,
      columns.map((c) => ({
        header: t.columns[c],
        key: c,
        width: WIDTHS[c],
        ...(DATE_COLUMNS.has(c) ? { numFmt: 'yyyy-mm-dd' } : {}),
      })),
    );
    for await (const page of ledgerRecords(deps, actor, filter, options.pageSize)) {
      for (const record of page) {
        const cells = ledgerCells(record);
        sheet.addRow(cells);
        stats?.add(record);
        rows += 1;
      }
      // Let the zip stream drain into the response before the next page: memory stays flat.
      await workbook.drain();
    }
    sheet.commit();
    if (stats !== null) writeStatisticsSheet(workbook, stats.result());
    await workbook.commit();
  }
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'ledger.export',
      entityType: 'ledger',
      entityId: actor.id,
      after: { format: options.format, rows, filter },
    }),
  );
  return { rows };
}

function writeStatisticsSheet(workbook: XlsxWorkbook, periods: LedgerPeriodStats[]): void {
  const s = t.stats;
  const sheet = xlsxTable(workbook, t.statsSheetName, [
    { header: s.period, key: 'key', width: 12 },
    { header: s.from, key: 'from', width: 12 },
    { header: s.to, key: 'to', width: 12 },
    { header: s.total, key: 'total', width: 10 },
    { header: s.persons, key: 'persons', width: 10 },
    { header: s.visitBatches, key: 'visitBatches', width: 10 },
    { header: s.visitPersons, key: 'visitPersons', width: 10 },
    { header: s.acceptanceRate, key: 'acceptance', width: 12, numFmt: '0.0%' },
    { header: s.conclusionRate, key: 'conclusion', width: 12, numFmt: '0.0%' },
  ]);
  for (const p of periods) {
    sheet.addRow({
      key: p.key,
      from: p.from,
      to: p.to,
      total: p.total,
      persons: p.persons,
      visitBatches: p.visitBatches,
      visitPersons: p.visitPersons,
      acceptance: p.acceptance.rate,
      conclusion: p.conclusion.rate,
    });
  }
  sheet.addRow([]);
  sheet.addRow([s.period, s.dimension, s.item, s.count], { bold: true });
  for (const p of periods) {
    for (const [dimension, counts] of [
      [s.byUnit, p.byUnit],
      [s.byCategory, p.byCategory],
      [s.byChannel, p.byChannel],
      [s.byType, p.byType],
    ] as const) {
      for (const [item, count] of Object.entries(counts).sort((a, b) => b[1] - a[1]))
        sheet.addRow([p.key, dimension, item, count]);
    }
  }
  sheet.commit();
}

/** Statistics of the petitions `actor` may see under `filter`, by period. */
export async function ledgerStatistics(
  deps: LedgerDeps,
  actor: Actor,
  filter: LedgerFilter,
  period: PeriodKind,
): Promise<LedgerStatisticsView> {
  const startDay = (await getLedgerSettings(deps, actor)).statisticsMonthStartDay;
  const stats = statisticsAccumulator(period, startDay);
  for await (const page of ledgerRecords(deps, actor, filter)) for (const record of page) stats.add(record);
  return { period, startDay, periods: stats.result() };
}

// ---------------------------------------------------------------------------------------------
// Import

function requireOffice(actor: Actor): void {
  if (!hasAction(actor.role, 'ledger.import'))
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices import ledgers' });
}

type ImportRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

async function loadImport(deps: LedgerDeps, actor: Actor, id: string): Promise<ImportRow> {
  requireOffice(actor);
  const row = await findImport(deps.db, id);
  // An import is its uploader's: others do not learn it exists.
  if (row === undefined || row.created_by !== actor.id)
    throw new DomainError('NOT_FOUND', { message: 'Import not found', details: { importId: id } });
  return row;
}

async function viewOf(deps: LedgerDeps, row: ImportRow, sample: string[][] = []): Promise<LedgerImportView> {
  const saved = await findMapping(deps.db, row.layout_hash);
  const headers = parseJson<string[]>(row.headers_json, []);
  const mapping = LedgerMappingSchema.parse(
    parseJson<unknown>(row.mapping_json ?? saved?.mapping_json ?? null, null) ?? proposeMapping(headers, LEDGER_FIELDS),
  );
  const errors = parseJson<LedgerRowError[]>(row.errors_json, []);
  const result = parseJson<{ imported: number; skipped: number; errorCount?: number } | null>(row.result_json, null);
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status,
    rowCount: row.row_count,
    headers,
    mapping,
    mappingSaved: saved !== undefined,
    sample,
    // This instance's own run first (fresher than the row); else the row's, written by the runner.
    progress:
      row.status === 'running'
        ? (deps.imports.get(row.id) ?? parseJson<ImportProgressView | null>(row.progress_json, null))
        : null,
    result: result === null ? null : { imported: result.imported, skipped: result.skipped },
    errors: errors.slice(0, LEDGER_ERRORS_SHOWN),
    errorCount: result?.errorCount ?? errors.length,
  };
}

/**
 * Receive a ledger file: keep it under the import directory, read its header row, and propose a
 * mapping — the one saved for the same header layout, else one guessed from the header names.
 * @throws FORBIDDEN (not an office role), VALIDATION_FAILED (not .xlsx or .csv, or no header row)
 */
export async function uploadLedger(
  deps: LedgerDeps,
  actor: Actor,
  file: { fileName: string; data: Buffer },
): Promise<LedgerImportView> {
  requireOffice(actor);
  const format = detectFormat(file.fileName, file.data.subarray(0, 4));
  const invalid = (message: string) =>
    new DomainError('VALIDATION_FAILED', { message, details: { in: 'body', issues: [{ path: ['file'], message }] } });
  if (format === null) throw invalid('The ledger must be an .xlsx or .csv file');
  const id = deps.ids.next();
  fs.mkdirSync(deps.importDir, { recursive: true });
  const stored = fileOf(deps, id, format);
  fs.writeFileSync(stored, file.data, { mode: 0o600 });
  let sheet;
  try {
    // Only the head: the header row, the row count and a sample (every row is read at the dry run).
    sheet = await readSheetHead(stored, format);
  } catch {
    fs.rmSync(stored, { force: true });
    throw invalid('The file could not be read as a ledger');
  }
  if (sheet.headers.filter((h) => h !== '').length === 0) {
    fs.rmSync(stored, { force: true });
    throw invalid('The first row must hold the column headers');
  }
  // Several instances: the dry run and the import may be asked of another one than this.
  if (deps.sharedImports !== null) await deps.sharedImports.put(sharedKeyOf(id, format), file.data);
  const hash = layoutHash(sheet.headers);
  const at = deps.clock.now().toISOString();
  const saved = await findMapping(deps.db, hash);
  // The name as an attachment's is kept: no control or invisible format characters (a U+0000 in it
  // answered 500 on PostgreSQL, which holds no NUL in text — found by the write fuzz).
  const fileName = sanitizeFileName(file.fileName);
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await insertImport(trx, {
        id,
        file_name: fileName,
        format,
        layout_hash: hash,
        headers_json: JSON.stringify(sheet.headers),
        mapping_json: saved?.mapping_json ?? JSON.stringify(proposeMapping(sheet.headers, LEDGER_FIELDS)),
        row_count: sheet.rowCount,
        status: 'uploaded',
        errors_json: null,
        result_json: null,
        progress_json: null,
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      });
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'ledger.upload',
        entityType: 'ledger_import',
        entityId: id,
        after: { fileName, rows: sheet.rowCount, format },
      });
    })
    .catch(async (error: unknown) => {
      // Nothing half-written: the kept file goes with the refused row.
      await removeUpload(deps, id, format);
      throw error;
    });
  const row = await loadImport(deps, actor, id);
  return viewOf(
    deps,
    row,
    sheet.sample.map((r) => sheet.headers.map((_h, i) => cellText(r[i] ?? null))),
  );
}

/** An import as its uploader sees it, with live progress while it runs. @throws NOT_FOUND */
export async function getLedgerImport(deps: LedgerDeps, actor: Actor, id: string): Promise<LedgerImportView> {
  return viewOf(deps, await loadImport(deps, actor, id));
}

async function rememberMapping(deps: LedgerDeps, actor: Actor, row: ImportRow, mapping: LedgerMapping): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await saveMapping(trx, {
      layout_hash: row.layout_hash,
      headers_json: row.headers_json,
      mapping_json: JSON.stringify(mapping),
      updated_by: actor.id,
      updated_at: at,
    });
    await updateImport(trx, row.id, { mapping_json: JSON.stringify(mapping), updated_at: at });
  });
}

/**
 * Check every row with the confirmed mapping and write nothing but the mapping (saved for the
 * layout, so the next ledger with the same headers needs no mapping step).
 * @throws NOT_FOUND, VALIDATION_FAILED (a required field not mapped)
 */
export async function dryRunImport(
  deps: LedgerDeps,
  actor: Actor,
  id: string,
  mapping: LedgerMapping,
): Promise<LedgerDryRunView> {
  const row = await loadImport(deps, actor, id);
  if (row.status === 'running' || row.status === 'done')
    throw new DomainError('VALIDATION_FAILED', {
      message: `The import is ${row.status}`,
      details: { status: row.status },
    });
  checkMapping(mapping, parseJson<string[]>(row.headers_json, []));
  const checked = await (deps.sheetChecker ?? checkSheet)(deps, actor, row, mapping);
  await rememberMapping(deps, actor, row, mapping);
  await updateImport(deps.db, id, {
    status: checked.errorCount === 0 ? 'validated' : 'invalid',
    errors_json: JSON.stringify(checked.errors),
    result_json: JSON.stringify({ imported: 0, skipped: checked.duplicates, errorCount: checked.errorCount }),
    updated_at: deps.clock.now().toISOString(),
  });
  return {
    rowCount: checked.rowCount,
    valid: checked.valid,
    duplicates: checked.duplicates,
    errors: checked.errors,
    errorCount: checked.errorCount,
  };
}

/**
 * Start the import, off the request path (ledger-import.job.ts): every row is checked again, then
 * written in batches of IMPORT_BATCH_ROWS, each batch in one transaction with the job's place in the
 * file — a row is in with its batch or not at all, and an interrupted import resumes after its last
 * committed batch. Returns at once with the job (status `running`); `done` settles when this run has
 * finished, and the job's progress is visible meanwhile through `getLedgerImport` on any instance.
 * @throws NOT_FOUND, VALIDATION_FAILED (mapping incomplete, or the import already ran or runs)
 */
export async function startImport(
  deps: LedgerDeps,
  actor: Actor,
  id: string,
  mapping: LedgerMapping,
): Promise<{ view: LedgerImportView; done: Promise<void> }> {
  const row = await loadImport(deps, actor, id);
  const refuse = (status: string) =>
    new DomainError('VALIDATION_FAILED', { message: `The import is ${status}`, details: { status } });
  if (row.status === 'running' || row.status === 'done') throw refuse(row.status);
  checkMapping(mapping, parseJson<string[]>(row.headers_json, []));
  // The dry run checked every row of this file with this mapping and found nothing wrong: the job's
  // first pass would read and check them all again (a tenth of a 100,000-row import). Each batch is
  // still checked when it is written, with the units and categories as they are then.
  const dryRunPassed = row.status === 'validated' && row.mapping_json === JSON.stringify(mapping);
  await rememberMapping(deps, actor, row, mapping);
  const owner = deps.ids.next();
  const now = deps.clock.now();
  const started = await startHeldImport(deps.db, id, {
    errors_json: null,
    result_json: null,
    actor_json: JSON.stringify(actor),
    checked_at: dryRunPassed ? row.updated_at : null,
    rows_done: 0,
    imported_count: 0,
    skipped_count: 0,
    lease_owner: owner,
    lease_until: new Date(now.getTime() + IMPORT_LEASE_MS).toISOString(),
    progress_json: JSON.stringify({ phase: dryRunPassed ? 'writing' : 'validating', done: 0, total: row.row_count }),
    updated_at: now.toISOString(),
  });
  if (!started) throw refuse('running');
  deps.imports.set(id, { phase: dryRunPassed ? 'writing' : 'validating', done: 0, total: row.row_count });
  const done = launchImport(deps, id, owner);
  return { view: await getLedgerImport(deps, actor, id), done };
}

/** Run a held import with the deployment's runner; its progress lands in this process's registry. */
export function launchImport(deps: LedgerDeps, id: string, owner: string): Promise<void> {
  const run = deps.importRunner ?? inThreadRunner;
  return run({ ...deps, progress: (view) => deps.imports.set(id, view) }, id, owner)
    .catch((error: unknown) =>
      deps.log.error({ category: 'ledger', importId: id, err: error }, 'ledger import runner failed'),
    )
    .finally(() => deps.imports.delete(id));
}

/**
 * The ledger (台账): export any filtered petition list as .xlsx or .csv, streaming; statistics by
 * period; and import an old ledger — upload, column mapping (saved per header layout), a dry run
 * that checks every row, then one transaction that imports all rows or none, with progress.
 * Reads and writes petitions only through the petition module's surface.
 */
import { once } from 'node:events';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { xlsxTable, xlsxWorkbook } from './ledger-xlsx.ts';
import type { z } from 'zod';
import { enterpriseOf, hasAction, isOffice, type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import type { PeriodKind } from '../../../common/domain/statistics-period.ts';
import { LEGAL_DATE_MESSAGES } from '../../../common/domain/legal-dates.ts';
import { DomainError } from '../../../common/errors.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import {
  LEDGER_COLUMNS,
  LEDGER_ERRORS_SHOWN,
  LEDGER_FIELDS,
  LedgerMappingSchema,
  REQUIRED_LEDGER_FIELDS,
  type LedgerColumn,
  type LedgerDryRunView,
  type LedgerField,
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
import { loadCalendar } from '../calendar/index.ts';
import type { FileStore } from '../../platform/file-store.ts';
import { sanitizeFileName } from '../attachment/index.ts';
import { categoryRows } from '../category/index.ts';
import { readSetting, readSettings, updateSetting } from '../setting/index.ts';
import {
  checkImportCandidates,
  importReferences,
  prepareImport,
  writeImport,
  type ImportCandidate,
  type ImportIssue,
} from './ledger-import.service.ts';
import { existingSourceKeys as importedSourceKeys } from './ledger-petitions.repository.ts';
import { ledgerRecords, unitNamePaths, type LedgerRecord } from './ledger-records.ts';
import { proposeMapping, readLedgerRow, rowReferences, type RowProblem } from './ledger-row.ts';
import { cellText, csvField, detectFormat, layoutHash, readSheet, readSheetHead } from './ledger-sheet.ts';
import { statisticsAccumulator } from './ledger-statistics.ts';
import { findImport, findMapping, insertImport, saveMapping, updateImport } from './ledger.repository.ts';

export type ImportProgressView = NonNullable<LedgerImportView['progress']>;

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
};

/** The shared store's key of an uploaded ledger. */
function sharedKeyOf(id: string, format: 'xlsx' | 'csv'): string {
  return `ledger/${id}.${format}`;
}

/** Shared progress is written at most this often per import (a poll every second reads it). */
const PROGRESS_WRITE_MS = 500;

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
 * read in keyset pages and written as they come (ExcelJS WorkbookWriter for .xlsx; UTF-8 with BOM
 * for .csv), so memory stays flat however many rows. The export is audited (filters and row count).
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
        sheet.addRow(Object.fromEntries(columns.map((c) => [c, cells[c]]))).commit();
        stats?.add(record);
        rows += 1;
      }
      // Let the zip stream drain into the response before the next page.
      if (out.writableNeedDrain) await once(out, 'drain');
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

function writeStatisticsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, periods: LedgerPeriodStats[]): void {
  const s = t.stats;
  const sheet = workbook.addWorksheet(t.statsSheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: s.period, key: 'key', width: 12 },
    { header: s.from, key: 'from', width: 12 },
    { header: s.to, key: 'to', width: 12 },
    { header: s.total, key: 'total', width: 10 },
    { header: s.persons, key: 'persons', width: 10 },
    { header: s.visitBatches, key: 'visitBatches', width: 10 },
    { header: s.visitPersons, key: 'visitPersons', width: 10 },
    { header: s.acceptanceRate, key: 'acceptance', width: 12, style: { numFmt: '0.0%' } },
    { header: s.conclusionRate, key: 'conclusion', width: 12, style: { numFmt: '0.0%' } },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const p of periods) {
    sheet
      .addRow({
        key: p.key,
        from: p.from,
        to: p.to,
        total: p.total,
        persons: p.persons,
        visitBatches: p.visitBatches,
        visitPersons: p.visitPersons,
        acceptance: p.acceptance.rate,
        conclusion: p.conclusion.rate,
      })
      .commit();
  }
  sheet.addRow([]).commit();
  const header = sheet.addRow([s.period, s.dimension, s.item, s.count]);
  header.font = { bold: true };
  header.commit();
  for (const p of periods) {
    for (const [dimension, counts] of [
      [s.byUnit, p.byUnit],
      [s.byCategory, p.byCategory],
      [s.byChannel, p.byChannel],
      [s.byType, p.byType],
    ] as const) {
      for (const [item, count] of Object.entries(counts).sort((a, b) => b[1] - a[1]))
        sheet.addRow([p.key, dimension, item, count]).commit();
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

function fileOf(deps: LedgerDeps, id: string, format: 'xlsx' | 'csv'): string {
  return path.join(deps.importDir, `${id}.${format}`);
}

/**
 * The uploaded file on this machine's disk: when another instance received the upload, its bytes
 * are fetched from the shared store first.
 */
async function localFileOf(deps: LedgerDeps, id: string, format: 'xlsx' | 'csv'): Promise<string> {
  const file = fileOf(deps, id, format);
  if (deps.sharedImports !== null && !fs.existsSync(file)) {
    const data = await deps.sharedImports.get(sharedKeyOf(id, format));
    fs.mkdirSync(deps.importDir, { recursive: true, mode: 0o700 });
    // Another request may be fetching it too: write aside, then rename into place (atomic).
    const partial = `${file}.${deps.ids.next()}.part`;
    fs.writeFileSync(partial, data, { mode: 0o600 });
    fs.renameSync(partial, file);
  }
  return file;
}

/** Forget an uploaded file: on this disk and in the shared store. */
async function removeUpload(deps: LedgerDeps, id: string, format: 'xlsx' | 'csv'): Promise<void> {
  fs.rmSync(fileOf(deps, id, format), { force: true });
  if (deps.sharedImports !== null) await deps.sharedImports.remove(sharedKeyOf(id, format));
}

/**
 * Record a running import's progress: in this process, and — with several instances — in its row,
 * at most every PROGRESS_WRITE_MS, without waiting (a lost write only delays the bar).
 */
function progressWriter(deps: LedgerDeps, id: string): (view: ImportProgressView) => void {
  let last = 0;
  return (view) => {
    deps.imports.set(id, view);
    if (deps.sharedImports === null) return;
    const now = Date.now();
    if (now - last < PROGRESS_WRITE_MS && view.done !== view.total) return;
    last = now;
    updateImport(deps.db, id, { progress_json: JSON.stringify(view) }).catch((error: unknown) =>
      deps.log.warn({ category: 'ledger', importId: id, err: error }, 'import progress not shared'),
    );
  };
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

function parseJson<T>(json: string | null, fallback: T): T {
  return json === null ? fallback : (JSON.parse(json) as T);
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
    // This instance's own run first; else the row's, written by the instance running it.
    progress:
      deps.imports.get(row.id) ??
      (row.status === 'running' ? parseJson<ImportProgressView | null>(row.progress_json, null) : null),
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

function checkMapping(mapping: LedgerMapping, headers: readonly string[]): void {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const field of REQUIRED_LEDGER_FIELDS)
    if (mapping[field] === undefined)
      issues.push({ path: ['mapping', field], message: `${t.fields[field]}: ${t.required}` });
  for (const [field, index] of Object.entries(mapping))
    if (index >= headers.length) issues.push({ path: ['mapping', field], message: 'no such column' });
  if (issues.length > 0)
    throw new DomainError('VALIDATION_FAILED', { message: 'The mapping is incomplete', details: { issues } });
}

/** The ledger field a registration-rule issue belongs to. */
function fieldOfIssue(issue: ImportIssue): LedgerField {
  const [first, , third] = issue.path;
  switch (first) {
    case 'petitioners':
      return third === 'idNumber' ? 'idNumbers' : third === 'phone' ? 'phones' : 'petitioners';
    case 'title':
    case 'body':
      return 'summary';
    case 'categoryCode':
      return 'category';
    case 'involvedUnitIds':
      return 'unit';
    case 'namedPersons':
      return 'namedPersons';
    case 'handlingUnitId':
      return 'handlingUnit';
    case 'headcount':
    case 'channel':
    case 'type':
    case 'state':
    case 'satisfaction':
    case 'acceptedAt':
    case 'concludedAt':
    case 'receivedAt':
      return first;
    default:
      return 'summary';
  }
}

/** The catalog key of a registration-rule issue, by the field it concerns; `rule` when none fits. */
function codeOfIssue(field: LedgerField, issue: ImportIssue): keyof typeof t.errors | 'rule' {
  switch (field) {
    case 'idNumbers':
      return 'badIdNumber';
    case 'phones':
      return 'badPhone';
    case 'petitioners':
      return issue.message.includes('representatives') ? 'tooManyRepresentatives' : 'rule';
    case 'summary':
      return 'summaryTooShort';
    case 'headcount':
      return 'headcountTooSmall';
    case 'handlingUnit':
      return 'handlingUnitOutOfScope';
    case 'unit':
      return 'unknownUnit';
    case 'category':
      return 'unknownCategory';
    case 'receivedAt':
    case 'acceptedAt':
    case 'concludedAt':
      return issue.message === LEGAL_DATE_MESSAGES.future
        ? 'dateInFuture'
        : issue.message === LEGAL_DATE_MESSAGES.before_step
          ? 'dateBeforeReceived'
          : issue.message === LEGAL_DATE_MESSAGES.too_early
            ? 'dateTooEarly'
            : 'rule';
    default:
      return 'rule';
  }
}

/** `valid`: rows without an error that would be imported (not seen before, not repeated in the file). */
type Checked = {
  candidates: ImportCandidate[];
  errors: LedgerRowError[];
  duplicates: number;
  valid: number;
  rowCount: number;
};

/** Read every row through the mapping and check it with the ledger's and registration's rules. */
async function checkRows(
  deps: LedgerDeps,
  actor: Actor,
  row: ImportRow,
  mapping: LedgerMapping,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<Checked> {
  const headers = parseJson<string[]>(row.headers_json, []);
  checkMapping(mapping, headers);
  const sheet = await readSheet(await localFileOf(deps, row.id, row.format), row.format);
  const refs = await importReferences(deps.db);
  const names = unitNamePaths([...refs.units.values()]);
  const rowRefs = rowReferences(
    refs.units.values(),
    names,
    (await categoryRows(deps.db, false)).filter((c) => c.active === 1),
  );
  const errors: LedgerRowError[] = [];
  const candidates: ImportCandidate[] = [];
  const candidateRows: number[] = [];
  const push = (rowNumber: number, field: LedgerField, problem: Pick<RowProblem, 'message'> & { code: string }) => {
    const index = mapping[field];
    errors.push({
      row: rowNumber,
      field,
      column: index === undefined ? null : (headers[index] ?? null),
      code: problem.code,
      message: problem.message,
    });
  };
  for (const [i, cells] of sheet.rows.entries()) {
    const rowNumber = sheet.rowNumbers[i] ?? i + 2;
    const { candidate, problems } = readLedgerRow(cells, mapping, rowRefs);
    for (const p of problems) push(rowNumber, p.field, p);
    if (candidate !== null) {
      candidates.push(candidate);
      candidateRows.push(rowNumber);
    }
    if (i % 1000 === 999) {
      onProgress(i + 1, sheet.rows.length);
      // Let progress polls through between chunks.
      await yieldToLoop();
    }
  }
  for (const issue of checkImportCandidates(actor, candidates, refs, deps.clock.now())) {
    const field = fieldOfIssue(issue);
    const code = codeOfIssue(field, issue);
    push(candidateRows[issue.index] ?? 0, field, {
      code,
      message: code === 'rule' ? `${issue.path.join('.')}: ${issue.message}` : t.errors[code],
    });
  }
  const known = await importedSourceKeys(
    deps.db,
    candidates.map((c) => c.sourceKey),
  );
  const errorRows = new Set(errors.map((e) => e.row));
  const seen = new Set<string>();
  let duplicates = 0;
  let valid = 0;
  candidates.forEach((c, i) => {
    if (known.has(c.sourceKey) || seen.has(c.sourceKey)) duplicates += 1;
    else if (!errorRows.has(candidateRows[i] ?? 0)) valid += 1;
    seen.add(c.sourceKey);
  });
  errors.sort((a, b) => a.row - b.row);
  return { candidates, errors, duplicates, valid, rowCount: sheet.rows.length };
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
  const checked = await checkRows(deps, actor, row, mapping);
  await rememberMapping(deps, actor, row, mapping);
  await updateImport(deps.db, id, {
    status: checked.errors.length === 0 ? 'validated' : 'invalid',
    errors_json: JSON.stringify(checked.errors.slice(0, LEDGER_ERRORS_SHOWN)),
    result_json: JSON.stringify({ imported: 0, skipped: checked.duplicates, errorCount: checked.errors.length }),
    updated_at: deps.clock.now().toISOString(),
  });
  return {
    rowCount: checked.rowCount,
    valid: checked.valid,
    duplicates: checked.duplicates,
    errors: checked.errors.slice(0, LEDGER_ERRORS_SHOWN),
    errorCount: checked.errors.length,
  };
}

/**
 * Start the import: the rows are checked again, then written in ONE transaction — every row or
 * none. Returns at once with the job (status `running`); `done` settles when it has finished, and
 * the job's progress is visible meanwhile through `getLedgerImport`.
 * @throws NOT_FOUND, VALIDATION_FAILED (mapping incomplete, or the import already ran)
 */
export async function startImport(
  deps: LedgerDeps,
  actor: Actor,
  id: string,
  mapping: LedgerMapping,
): Promise<{ view: LedgerImportView; done: Promise<void> }> {
  const row = await loadImport(deps, actor, id);
  if (row.status === 'running' || row.status === 'done')
    throw new DomainError('VALIDATION_FAILED', {
      message: `The import is ${row.status}`,
      details: { status: row.status },
    });
  checkMapping(mapping, parseJson<string[]>(row.headers_json, []));
  await rememberMapping(deps, actor, row, mapping);
  await updateImport(deps.db, id, {
    status: 'running',
    errors_json: null,
    result_json: null,
    updated_at: deps.clock.now().toISOString(),
  });
  const setProgress = progressWriter(deps, id);
  setProgress({ phase: 'validating', done: 0, total: row.row_count });
  const done = runImport(deps, actor, row, mapping, setProgress).finally(() => deps.imports.delete(id));
  return { view: await getLedgerImport(deps, actor, id), done };
}

async function runImport(
  deps: LedgerDeps,
  actor: Actor,
  row: ImportRow,
  mapping: LedgerMapping,
  setProgress: (view: ImportProgressView) => void,
): Promise<void> {
  const finish = (patch: Parameters<typeof updateImport>[2]) =>
    updateImport(deps.db, row.id, { ...patch, progress_json: null, updated_at: deps.clock.now().toISOString() });
  try {
    const checked = await checkRows(deps, actor, row, mapping, (done, total) =>
      setProgress({ phase: 'validating', done, total }),
    );
    if (checked.errors.length > 0) {
      await finish({
        status: 'failed',
        errors_json: JSON.stringify(checked.errors.slice(0, LEDGER_ERRORS_SHOWN)),
        result_json: JSON.stringify({ imported: 0, skipped: 0, errorCount: checked.errors.length }),
      });
      return;
    }
    const refs = await importReferences(deps.db);
    const calendar = await loadCalendar(deps.db);
    const policy = (await readSettings(deps.db, actor.unitPath))['petition.deadlines'];
    const progress = (phase: 'preparing' | 'writing', done: number, total: number) =>
      setProgress({ phase, done, total });
    // Encryption, blind indexes and deadlines before the transaction: on SQLite its one connection
    // would otherwise keep every progress poll waiting for the whole import.
    const prepared = await prepareImport(deps, actor, checked.candidates, refs, calendar, row.id, policy, progress);
    const result = await deps.db.transaction().execute(async (trx) => {
      const outcome = await writeImport(deps, actor, trx, prepared, progress);
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'ledger.import',
        entityType: 'ledger_import',
        entityId: row.id,
        after: {
          fileName: row.file_name,
          rows: checked.rowCount,
          imported: outcome.imported,
          skipped: outcome.skipped,
        },
      });
      return outcome;
    });
    await finish({
      status: 'done',
      errors_json: null,
      result_json: JSON.stringify({ imported: result.imported, skipped: result.skipped }),
    });
    await removeUpload(deps, row.id, row.format);
  } catch (error) {
    deps.log.error({ category: 'ledger', importId: row.id, err: error }, 'ledger import failed');
    const message = error instanceof DomainError ? error.message : 'The import failed; nothing was imported';
    await finish({
      status: 'failed',
      errors_json: JSON.stringify([{ row: 0, field: '', column: null, code: 'rule', message }]),
      result_json: JSON.stringify({ imported: 0, skipped: 0, errorCount: 1 }),
    });
  }
}

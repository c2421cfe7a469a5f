/**
 * Reading an uploaded ledger into a header row and data rows of cells, from .xlsx (ExcelJS, first
 * worksheet) or .csv (RFC 4180; UTF-8 with or without BOM, or GB18030 as
 * Excel saves it on Chinese Windows). Cells stay raw: a Date, a number or a string.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';

export type Cell = string | number | Date | null;
export type Sheet = { headers: string[]; rows: Cell[][] };

/** The layout of a sheet: SHA-256 of its normalised header row (the key a mapping is saved under). */
export function layoutHash(headers: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(headers.map((h) => h.trim())))
    .digest('hex');
}

export function detectFormat(fileName: string, head: Buffer): 'xlsx' | 'csv' | null {
  // .xlsx is a zip: PK\x03\x04.
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  return null;
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellValue(value.result);
    if ('text' in value) return value.text;
    if ('error' in value) return null;
  }
  return null;
}

function text(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/**
 * Read the first worksheet of an .xlsx file. Empty rows are dropped; row numbers are kept in
 * `rowNumbers`. ExcelJS's whole-workbook reader, not its streaming WorkbookReader: in exceljs 4.4
 * the streaming reader decodes every zip chunk as UTF-8 on its own, so a Chinese character split
 * across two chunks comes out as U+FFFD (about one cell in 500 on a real ledger) — see
 * bench/ledger.bench.ts for what reading 100 000 rows whole costs.
 */
export async function readXlsx(file: string): Promise<Sheet & { rowNumbers: number[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const worksheet = workbook.worksheets[0];
  const read: { headers: string[] | null } = { headers: null };
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  worksheet?.eachRow((row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1).map((v) => cellValue(v)) : [];
    if (read.headers === null) {
      read.headers = values.map(text);
      return;
    }
    if (values.every((v) => v === null || text(v) === '')) return;
    rows.push(values);
    rowNumbers.push(number);
  });
  return { headers: read.headers ?? [], rows, rowNumbers };
}

/** What the upload step needs: the header row, the number of data rows, the first few rows. */
export type SheetHead = { headers: string[]; rowCount: number; sample: Cell[][] };

const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * The head of an .xlsx file with ExcelJS's streaming reader — the row count without holding the
 * rows. Its UTF-8 damage (see `readXlsx`) can only matter here in the header or the sample, so
 * when either holds U+FFFD the file is read whole instead.
 */
export async function readXlsxHead(file: string, sampleSize = 3): Promise<SheetHead> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const head: SheetHead = { headers: [], rowCount: 0, sample: [] };
  let first = true;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1).map((v) => cellValue(v)) : [];
      if (first) {
        head.headers = values.map(text);
        first = false;
        continue;
      }
      if (values.every((v) => v === null || text(v) === '')) continue;
      head.rowCount += 1;
      if (head.sample.length < sampleSize) head.sample.push(values);
    }
    break;
  }
  const damaged = [...head.headers, ...head.sample.flat().map(text)].some((t) => t.includes(REPLACEMENT_CHARACTER));
  if (!damaged) return head;
  const whole = await readXlsx(file);
  return { headers: whole.headers, rowCount: whole.rows.length, sample: whole.rows.slice(0, sampleSize) };
}

/** The head of a sheet of either format. */
export async function readSheetHead(file: string, format: 'xlsx' | 'csv'): Promise<SheetHead> {
  if (format === 'xlsx') return readXlsxHead(file);
  const sheet = readCsv(file);
  return { headers: sheet.headers, rowCount: sheet.rows.length, sample: sheet.rows.slice(0, 3) };
}

/** Decode CSV bytes: UTF-8 (BOM stripped), else GB18030. */
export function decodeCsv(bytes: Buffer): string {
  try {
    const textValue = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return textValue.startsWith('\uFEFF') ? textValue.slice(1) : textValue;
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Parse RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, commas inside quotes. */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function readCsv(file: string): Sheet & { rowNumbers: number[] } {
  const all = parseCsv(decodeCsv(fs.readFileSync(file)));
  const headers = (all[0] ?? []).map((h) => h.trim());
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  all.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    rows.push(cells);
    rowNumbers.push(i + 2);
  });
  return { headers, rows, rowNumbers };
}

export async function readSheet(file: string, format: 'xlsx' | 'csv'): Promise<Sheet & { rowNumbers: number[] }> {
  return format === 'xlsx' ? readXlsx(file) : readCsv(file);
}

/** One CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused (CSV injection). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export { text as cellText };

/**
 * Reading an uploaded ledger into a header row and data rows of cells, from .xlsx (first worksheet,
 * streamed by xlsx-stream-reader.ts) or .csv (RFC 4180; UTF-8 with or without BOM, or GB18030 as
 * Excel saves it on Chinese Windows). Cells stay raw: a Date, a number or a string.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { streamXlsxRows, type XlsxReadOptions } from './xlsx-stream-reader.ts';

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

function text(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** One row of a sheet as read: its number in the sheet (1-based) and its cells by column. */
export type SheetRow = { number: number; cells: Cell[] };

function isBlank(cells: readonly Cell[]): boolean {
  return cells.every((v) => v === null || text(v) === '');
}

/**
 * The rows of an .xlsx file's first worksheet, streamed in batches (xlsx-stream-reader.ts: one
 * streaming UTF-8 decoder, so a Chinese character split across zip chunks stays whole), blank rows
 * dropped. The first row yielded is the header row.
 */
export async function* streamXlsx(file: string, options: XlsxReadOptions = {}): AsyncGenerator<SheetRow[]> {
  for await (const batch of streamXlsxRows(file, options)) {
    const rows = batch.filter((r) => !isBlank(r.cells));
    if (rows.length > 0) yield rows;
  }
}

/** Read the first worksheet of an .xlsx file whole (small files, tests). Row numbers are kept in `rowNumbers`. */
export async function readXlsx(file: string): Promise<Sheet & { rowNumbers: number[] }> {
  let headers: string[] | null = null;
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  for await (const batch of streamXlsx(file)) {
    for (const row of batch) {
      if (headers === null) headers = row.cells.map(text);
      else {
        rows.push(row.cells);
        rowNumbers.push(row.number);
      }
    }
  }
  return { headers: headers ?? [], rows, rowNumbers };
}

/** What the upload step needs: the header row, the number of data rows, the first few rows. */
export type SheetHead = { headers: string[]; rowCount: number; sample: Cell[][] };

/** The head of an .xlsx file, streamed: the row count without holding the rows. */
export async function readXlsxHead(file: string, sampleSize = 3): Promise<SheetHead> {
  const head: SheetHead = { headers: [], rowCount: 0, sample: [] };
  let first = true;
  for await (const batch of streamXlsx(file)) {
    for (const row of batch) {
      if (first) {
        head.headers = row.cells.map(text);
        first = false;
        continue;
      }
      head.rowCount += 1;
      if (head.sample.length < sampleSize) head.sample.push(row.cells);
    }
  }
  return head;
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

/** The rows of a sheet of either format in batches, the header row first (blank rows dropped). */
export async function* streamSheet(file: string, format: 'xlsx' | 'csv', batchSize = 1000): AsyncGenerator<SheetRow[]> {
  if (format === 'xlsx') {
    yield* streamXlsx(file);
    return;
  }
  const sheet = readCsv(file);
  yield [{ number: 1, cells: sheet.headers }];
  for (let i = 0; i < sheet.rows.length; i += batchSize)
    yield sheet.rows
      .slice(i, i + batchSize)
      .map((cells, j) => ({ number: sheet.rowNumbers[i + j] ?? i + j + 2, cells }));
}

/** One CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused (CSV injection). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export { text as cellText };

/**
 * A streaming .xlsx reader for the ledger import: the rows of the first worksheet, one chunk at a
 * time, with memory bounded by the chunk and the shared-string table — never the whole workbook.
 *
 * Why our own: ExcelJS's whole-workbook reader holds every cell (1.5 GB at 100k rows), and its
 * streaming WorkbookReader (exceljs 4.4) decodes each zip chunk as UTF-8 on its own, so a Chinese
 * character split across two chunks comes out as U+FFFD. Here the zip entries are inflated with
 * Node's zlib (the local headers located through the central directory), the bytes are decoded by
 * one TextDecoder with `{ stream: true }` (a character split across chunks is held until its last
 * byte arrives), and the XML is scanned incrementally (an element split across chunks waits for its
 * end). Shared strings are read first (they are the one table a cell may point back into), then
 * the styles (which cells are dates), then the sheet, streamed.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Cell } from './ledger-sheet.ts';

export type XlsxRow = { number: number; cells: Cell[] };

export type XlsxReadOptions = {
  /** Re-slice the inflated bytes into pieces of this many bytes before decoding (tests force tiny ones). */
  chunkSize?: number;
};

type ZipEntry = { name: string; method: number; compressedSize: number; localOffset: number };

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** The central directory of a zip file (ZIP64 sizes and offsets included). */
function zipEntries(file: string): Map<string, ZipEntry> {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLength = Math.min(size, 65_535 + 22);
    const tail = readAt(fd, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error('not a zip file: no end of central directory');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    // ZIP64: the locator sits just before the end record.
    if ((cdOffset === 0xffffffff || count === 0xffff) && eocd >= 20 && tail.readUInt32LE(eocd - 20) === 0x07064b50) {
      const record = readAt(fd, Number(tail.readBigUInt64LE(eocd - 20 + 8)), 56);
      count = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }
    const cd = readAt(fd, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let n = 0; n < count && p + 46 <= cd.length; n++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      const uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      let localOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      // ZIP64 extended information: the 0xFFFFFFFF fields, in order, as 8-byte values.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const length = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressedSize === 0xffffffff) q += 8;
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + length;
      }
      entries.set(name.replace(/^\//, ''), { name, method, compressedSize, localOffset });
      p = extraEnd + commentLength;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** The inflated bytes of one entry, as a stream of chunks. */
function entryBytes(file: string, entry: ZipEntry, chunkSize: number | undefined): AsyncIterable<Buffer> {
  const fd = fs.openSync(file, 'r');
  let header: Buffer;
  try {
    header = readAt(fd, entry.localOffset, 30);
  } finally {
    fs.closeSync(fd);
  }
  if (header.readUInt32LE(0) !== 0x04034b50) throw new Error(`bad local header for ${entry.name}`);
  const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw: Readable =
    entry.compressedSize === 0
      ? Readable.from([])
      : fs.createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  let stream: Readable;
  if (entry.method === 0) stream = raw;
  else if (entry.method === 8) stream = raw.pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 }));
  else throw new Error(`unsupported zip compression ${entry.method} for ${entry.name}`);
  raw.on('error', (error) => stream.destroy(error));
  if (chunkSize === undefined) return stream as AsyncIterable<Buffer>;
  return (async function* slices() {
    for await (const chunk of stream as AsyncIterable<Buffer>)
      for (let i = 0; i < chunk.length; i += chunkSize) yield chunk.subarray(i, i + chunkSize);
  })();
}

/** The text of one entry, decoded by ONE streaming decoder: a character split across chunks stays whole. */
async function* entryText(file: string, entry: ZipEntry, chunkSize: number | undefined): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entryBytes(file, entry, chunkSize)) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

// ---------------------------------------------------------------------------------------------
// XML, scanned incrementally

type XmlHandler = {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  text(raw: string): void;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character and entity references → text. */
export function decodeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

/** One attribute's value from an element's raw attribute text, or null. */
function attr(attrs: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return null;
    const before = at === 0 ? ' ' : attrs.charAt(at - 1);
    let i = at + name.length;
    while (attrs.charAt(i) === ' ') i++;
    if ((before === ' ' || before === '\t' || before === '\n' || before === '\r') && attrs.charAt(i) === '=') {
      i++;
      while (attrs.charAt(i) === ' ') i++;
      const quote = attrs.charAt(i);
      const end = attrs.indexOf(quote, i + 1);
      if (end < 0) return null;
      return decodeXmlText(attrs.slice(i + 1, end));
    }
    from = at + name.length;
  }
}

/**
 * A minimal incremental XML scanner: elements (namespace prefixes dropped), text, CDATA; comments,
 * processing instructions and the declaration skipped. What is not complete at the end of a chunk
 * waits for the next.
 */
class XmlScanner {
  private buffer = '';
  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const s = this.buffer === '' ? chunk : this.buffer + chunk;
    const h = this.handler;
    let pos = 0;
    const n = s.length;
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        // Text may continue in the next chunk: keep it so an entity is never split.
        break;
      }
      if (lt > pos) h.text(s.slice(pos, lt));
      pos = lt;
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) break;
      if (next === 0x21 /* ! */) {
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) break;
          // Escape so the handler's entity decoding gives back the CDATA text as it was.
          h.text(s.slice(lt + 9, end).replace(/&/g, '&amp;'));
          pos = end + 3;
          continue;
        }
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) break;
          pos = end + 3;
          continue;
        }
        if (n - lt < 9) break;
        const end = s.indexOf('>', lt);
        if (end < 0) break;
        pos = end + 1;
        continue;
      }
      if (next === 0x3f /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) break;
        pos = end + 2;
        continue;
      }
      const gt = s.indexOf('>', lt + 1);
      if (gt < 0) break;
      if (next === 0x2f /* / */) {
        h.close(localName(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 0x2f;
        const body = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let end = 0;
        while (end < body.length && !isSpace(body.charCodeAt(end))) end++;
        h.open(localName(body.slice(0, end)), body.slice(end), selfClosing);
        if (selfClosing) h.close(localName(body.slice(0, end)));
      }
      pos = gt + 1;
    }
    this.buffer = s.slice(pos);
  }

  end(): void {
    if (this.buffer.trim() !== '' && !this.buffer.includes('<')) this.handler.text(this.buffer);
    this.buffer = '';
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

async function scanEntry(
  file: string,
  entry: ZipEntry | undefined,
  handler: XmlHandler,
  chunkSize: number | undefined,
): Promise<void> {
  if (entry === undefined) return;
  const scanner = new XmlScanner(handler);
  for await (const text of entryText(file, entry, chunkSize)) scanner.write(text);
  scanner.end();
}

/**
 * The text of a string item (`<si>` of the shared strings, `<is>` of an inline string): its `<t>`
 * or its rich-text runs' `<t>` joined, without the phonetic guide (`<rPh>`, furigana/pinyin).
 */
class StringItem {
  private depthInPhonetic = 0;
  private inText = false;
  private parts: string[] = [];

  open(name: string): void {
    if (name === 'rPh') this.depthInPhonetic += 1;
    else if (name === 't' && this.depthInPhonetic === 0) this.inText = true;
  }
  close(name: string): void {
    if (name === 'rPh') this.depthInPhonetic -= 1;
    else if (name === 't') this.inText = false;
  }
  text(raw: string): void {
    if (this.inText) this.parts.push(raw);
  }
  take(): string {
    const value = decodeXmlText(this.parts.join(''));
    this.parts = [];
    this.inText = false;
    this.depthInPhonetic = 0;
    return value;
  }
}

async function readSharedStrings(file: string, entry: ZipEntry | undefined, chunkSize?: number): Promise<string[]> {
  const strings: string[] = [];
  const item = new StringItem();
  let inItem = false;
  await scanEntry(
    file,
    entry,
    {
      open(name) {
        if (name === 'si') inItem = true;
        else if (inItem) item.open(name);
      },
      close(name) {
        if (name === 'si') {
          strings.push(item.take());
          inItem = false;
        } else if (inItem) item.close(name);
      },
      text(raw) {
        if (inItem) item.text(raw);
      },
    },
    chunkSize,
  );
  return strings;
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, with the CJK ones 27–36 and 50–58). */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** A custom number format is a date when, outside quoted text, escapes and [colours], it holds y/m/d/h/s. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare.replace(/General/gi, ''));
}

/** For each cell style index (cellXfs), whether its number format is a date. */
async function readDateStyles(file: string, entry: ZipEntry | undefined): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await scanEntry(
    file,
    entry,
    {
      open(name, attrs) {
        if (name === 'numFmt') custom.set(Number(attr(attrs, 'numFmtId')), attr(attrs, 'formatCode') ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) formats.push(Number(attr(attrs, 'numFmtId') ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    undefined,
  );
  return formats.map((id) => {
    const code = custom.get(id);
    return code === undefined ? isBuiltInDateFormat(id) : isDateFormatCode(code);
  });
}

/** The first worksheet's entry name, and whether the workbook counts dates from 1904. */
async function readWorkbook(
  file: string,
  entries: Map<string, ZipEntry>,
): Promise<{ sheet: string | null; sharedStrings: string; styles: string; date1904: boolean }> {
  const found: { firstSheetRel: string | null; date1904: boolean } = { firstSheetRel: null, date1904: false };
  await scanEntry(
    file,
    entries.get('xl/workbook.xml'),
    {
      open(name, attrs) {
        if (name === 'sheet' && found.firstSheetRel === null)
          found.firstSheetRel = attr(attrs, 'r:id') ?? attr(attrs, 'id');
        else if (name === 'workbookPr') {
          const value = attr(attrs, 'date1904');
          found.date1904 = value === '1' || value === 'true';
        }
      },
      close() {},
      text() {},
    },
    undefined,
  );
  const targets = new Map<string, string>();
  const byType = new Map<string, string>();
  await scanEntry(
    file,
    entries.get('xl/_rels/workbook.xml.rels'),
    {
      open(name, attrs) {
        if (name !== 'Relationship') return;
        const target = attr(attrs, 'Target');
        if (target === null) return;
        const resolved = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
        targets.set(attr(attrs, 'Id') ?? '', resolved);
        const type = (attr(attrs, 'Type') ?? '').split('/').pop() ?? '';
        if (!byType.has(type)) byType.set(type, resolved);
      },
      close() {},
      text() {},
    },
    undefined,
  );
  const sheet =
    (found.firstSheetRel === null ? undefined : targets.get(found.firstSheetRel)) ??
    (entries.has('xl/worksheets/sheet1.xml') ? 'xl/worksheets/sheet1.xml' : null);
  return {
    sheet,
    sharedStrings: byType.get('sharedStrings') ?? 'xl/sharedStrings.xml',
    styles: byType.get('styles') ?? 'xl/styles.xml',
    date1904: found.date1904,
  };
}

/** Column index (0-based) of a cell reference such as `AB12`. */
function columnOf(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column - 1;
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: serial 0 of the 1900 date system (which counts a 29 February 1900 that never was). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** An Excel serial date as a Date at UTC (Excel dates carry no zone), to the millisecond. */
export function excelSerialDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((date1904 ? EPOCH_1904 : EPOCH_1900) + serial * MS_PER_DAY));
}

/**
 * The rows of the first worksheet of `file`, streamed: `{ number, cells }` with cells by column
 * (a Date for a date-formatted number, a number, a string, null for empty). Rows without any cell
 * are not yielded. Rows arrive in batches, one per decoded chunk.
 */
export async function* streamXlsxRows(file: string, options: XlsxReadOptions = {}): AsyncGenerator<XlsxRow[]> {
  const entries = zipEntries(file);
  const workbook = await readWorkbook(file, entries);
  if (workbook.sheet === null) return;
  const sheetEntry = entries.get(workbook.sheet);
  if (sheetEntry === undefined) throw new Error(`worksheet ${workbook.sheet} missing`);
  const shared = await readSharedStrings(file, entries.get(workbook.sharedStrings), options.chunkSize);
  const dateStyles = await readDateStyles(file, entries.get(workbook.styles));

  let batch: XlsxRow[] = [];
  let rowNumber = 0;
  let cells: Cell[] = [];
  let rowHasCell = false;
  let column = 0;
  let cellType = 'n';
  let cellStyle = 0;
  let valueParts: string[] | null = null;
  let inValue = false;
  let inInline = false;
  let hasValue = false;
  const inline = new StringItem();

  const finishCell = () => {
    let value: Cell = null;
    if (cellType === 'inlineStr') value = inline.take();
    else if (hasValue && valueParts !== null) {
      const raw = decodeXmlText(valueParts.join(''));
      if (cellType === 's') value = shared[Number(raw)] ?? null;
      else if (cellType === 'str') value = raw;
      else if (cellType === 'b') value = raw === '1' || raw === 'true' ? 'TRUE' : 'FALSE';
      else if (cellType === 'e') value = null;
      else if (cellType === 'd') value = raw === '' ? null : new Date(raw.endsWith('Z') ? raw : `${raw}Z`);
      else if (raw !== '') {
        const number = Number(raw);
        value = Number.isNaN(number)
          ? raw
          : dateStyles[cellStyle] === true
            ? excelSerialDate(number, workbook.date1904)
            : number;
      }
    }
    if (value !== null && value !== '') {
      while (cells.length < column) cells.push(null);
      cells[column] = value;
      rowHasCell = true;
    }
  };

  const scanner = new XmlScanner({
    open(name, attrs) {
      switch (name) {
        case 'row': {
          const r = attr(attrs, 'r');
          rowNumber = r === null ? rowNumber + 1 : Number(r);
          cells = [];
          rowHasCell = false;
          column = 0;
          break;
        }
        case 'c': {
          const ref = attr(attrs, 'r');
          if (ref !== null) column = columnOf(ref);
          cellType = attr(attrs, 't') ?? 'n';
          cellStyle = Number(attr(attrs, 's') ?? 0);
          valueParts = null;
          hasValue = false;
          break;
        }
        case 'v':
          inValue = true;
          hasValue = true;
          valueParts = [];
          break;
        case 'is':
          inInline = true;
          break;
        default:
          if (inInline) inline.open(name);
      }
    },
    close(name) {
      switch (name) {
        case 'row':
          if (rowHasCell) batch.push({ number: rowNumber, cells });
          break;
        case 'c':
          finishCell();
          column += 1;
          break;
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        default:
          if (inInline) inline.close(name);
      }
    },
    text(raw) {
      if (inValue) valueParts?.push(raw);
      else if (inInline) inline.text(raw);
    },
  });
  for await (const text of entryText(file, sheetEntry, options.chunkSize)) {
    scanner.write(text);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  scanner.end();
  if (batch.length > 0) yield batch;
}

/**
 * The one .xlsx writer of the application, streaming: the ledger export and every other sheet an
 * office sends up (the appraisal round's ranking) open their workbook and their tables here, so all
 * share one layout — a bold, frozen header row with filters, set widths, dates as yyyy-mm-dd.
 *
 * Why our own rather than ExcelJS's WorkbookWriter: that one builds a model object per cell and per
 * style (22.8 s per 100,000 ledger rows, issue #20); here a row is one string of SpreadsheetML
 * appended to a buffer, deflated by zlib as a stream into a zip written as it goes (sizes and CRC in
 * data descriptors after each entry, the central directory at the end). Memory: the buffer and
 * zlib's window. Strings are inline (`t="inlineStr"`), so nothing grows with the row count.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';

export type XlsxColumn = { header: string; key: string; width: number; numFmt?: string };
export type XlsxValue = string | number | Date | null | undefined;

const BUFFER_BYTES = 64 * 1024;

type Entry = { name: string; offset: number; crc: number; compressed: number; size: number };

/** A zip written as a stream: one entry open at a time, deflated. */
class ZipStream {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private open: { entry: Entry; deflate: zlib.DeflateRaw; done: Promise<void> } | null = null;

  constructor(private readonly out: Writable) {}

  private write(buffer: Buffer): void {
    this.out.write(buffer);
    this.offset += buffer.length;
  }

  /** Wait while the deflater or the destination holds more than its buffer. */
  async drain(): Promise<void> {
    const deflate = this.open?.deflate;
    if (deflate?.writableNeedDrain === true) await once(deflate, 'drain');
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  begin(name: string): void {
    if (this.open !== null) throw new Error(`zip entry ${this.open.entry.name} is still open`);
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0
    header.writeUInt16LE(0x0808, 6); // bit 3: sizes in the data descriptor; bit 11: UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00 (DOS time, date)
    header.writeUInt16LE(nameBytes.length, 26);
    const entry: Entry = { name, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    this.write(header);
    this.write(nameBytes);
    const deflate = zlib.createDeflateRaw({ level: 6 });
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
      this.write(chunk);
    });
    const done = once(deflate, 'end').then(() => undefined);
    this.open = { entry, deflate, done };
  }

  data(text: string): void {
    const open = this.open;
    if (open === null) throw new Error('no zip entry open');
    const bytes = Buffer.from(text, 'utf8');
    open.entry.crc = zlib.crc32(bytes, open.entry.crc);
    open.entry.size += bytes.length;
    open.deflate.write(bytes);
  }

  async end(): Promise<void> {
    const open = this.open;
    if (open === null) return;
    open.deflate.end();
    await open.done;
    const { entry } = open;
    if (entry.compressed > 0xffffffff || entry.size > 0xffffffff || this.offset > 0xffffffff)
      throw new Error('the workbook is larger than 4 GiB');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.write(descriptor);
    this.entries.push(entry);
    this.open = null;
  }

  async file(name: string, text: string): Promise<void> {
    this.begin(name);
    this.data(text);
    await this.end();
  }

  /** The central directory and its end record. */
  finish(): void {
    const start = this.offset;
    for (const e of this.entries) {
      const nameBytes = Buffer.from(e.name, 'utf8');
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0808, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt32LE(0x00210000, 12);
      header.writeUInt32LE(e.crc >>> 0, 16);
      header.writeUInt32LE(e.compressed, 20);
      header.writeUInt32LE(e.size, 24);
      header.writeUInt16LE(nameBytes.length, 28);
      header.writeUInt32LE(e.offset, 42);
      this.write(header);
      this.write(nameBytes);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
  }
}

/** XML text: & < > escaped, and the characters XML 1.0 cannot hold (C0 controls but tab and line breaks) dropped. */
export function xmlText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[&<>"]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '',
  );
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DATE_FORMAT = 'yyyy-mm-dd';

/** Cell styles: 0 plain, 1 bold (header rows), then one per number format, in order of first use. */
class Styles {
  readonly formats: string[] = [];
  styleOf(numFmt: string | undefined): number {
    if (numFmt === undefined) return 0;
    let index = this.formats.indexOf(numFmt);
    if (index < 0) index = this.formats.push(numFmt) - 1;
    return 2 + index;
  }
  xml(): string {
    const numFmts = this.formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlText(f)}"/>`).join('');
    const xfs = this.formats
      .map((_f, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)
      .join('');
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (this.formats.length === 0 ? '' : `<numFmts count="${this.formats.length}">${numFmts}</numFmts>`) +
      `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${2 + this.formats.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
      `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>${xfs}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
    );
  }
}

/** A table being written: rows by column key (or as arrays, in column order). */
export type XlsxSheet = {
  /** Append a row; `commit()` on the result is kept for the callers' ExcelJS habit and does nothing more. */
  addRow(values: Record<string, XlsxValue> | readonly XlsxValue[], options?: { bold?: boolean }): { commit(): void };
  /** Close the table (its rows are already written). */
  commit(): void;
};

export type XlsxWorkbook = {
  /** Wait until what was written has drained (call between pages of rows: memory stays flat). */
  drain(): Promise<void>;
  /** Finish the workbook: the last table closed, the parts that list the sheets written, the zip closed. */
  commit(): Promise<void>;
  /** @internal */ readonly writer: WorkbookWriter;
};

class WorkbookWriter {
  readonly zip: ZipStream;
  readonly styles = new Styles();
  readonly sheets: { name: string; filter: string | null }[] = [];
  private pending: Promise<void> = Promise.resolve();
  private closing: (() => Promise<void>) | null = null;

  constructor(readonly out: Writable) {
    this.zip = new ZipStream(out);
  }

  /** Chain zip work in order (opening a sheet waits for the one before to be closed). */
  then(step: () => Promise<void>): void {
    this.pending = this.pending.then(step);
  }

  table(name: string, columns: readonly XlsxColumn[], frozenHeader: boolean): XlsxSheet {
    this.closeTable();
    const index = this.sheets.length + 1;
    const last = columnName(Math.max(columns.length - 1, 0));
    this.sheets.push({ name, filter: columns.length === 0 ? null : `$A$1:$${last}$1` });
    const styles = columns.map((c) => this.styles.styleOf(c.numFmt));
    const names = columns.map((_c, i) => columnName(i));
    const cols = columns
      .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
      .join('');
    const pane = frozenHeader
      ? `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`
      : '';
    let buffer = '';
    let rowNumber = 0;
    const flush = () => {
      if (buffer !== '') this.zip.data(buffer);
      buffer = '';
    };
    this.then(async () => {
      this.zip.begin(`xl/worksheets/sheet${index}.xml`);
      await Promise.resolve();
    });
    // The sheet's head is written synchronously so that rows appended before the chain runs follow it.
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      buffer +=
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
        `<sheetViews><sheetView workbookViewId="0"${index === 1 ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/>${cols === '' ? '' : `<cols>${cols}</cols>`}<sheetData>`;
    };
    const committed = { commit: () => {} };
    const sheet: XlsxSheet = {
      addRow: (values, options = {}) => {
        start();
        rowNumber += 1;
        const r = rowNumber;
        let xml = `<row r="${r}">`;
        const cells: readonly XlsxValue[] = Array.isArray(values)
          ? values
          : columns.map((c) => (values as Record<string, XlsxValue>)[c.key]);
        for (let i = 0; i < cells.length; i++) {
          const value = cells[i];
          if (value === null || value === undefined || value === '') continue;
          const ref = `${names[i] ?? columnName(i)}${r}`;
          const style = options.bold === true ? 1 : (styles[i] ?? 0);
          const s = style === 0 ? '' : ` s="${style}"`;
          if (typeof value === 'number') {
            if (Number.isFinite(value)) xml += `<c r="${ref}"${s}><v>${value}</v></c>`;
          } else if (value instanceof Date) {
            const dateStyle = styles[i] === undefined || styles[i] === 0 ? this.styles.styleOf(DATE_FORMAT) : style;
            xml += `<c r="${ref}" s="${dateStyle}"><v>${(value.getTime() - EXCEL_EPOCH) / MS_PER_DAY}</v></c>`;
          } else {
            const text = xmlText(value);
            const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
            xml += `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
          }
        }
        buffer += `${xml}</row>`;
        if (buffer.length >= BUFFER_BYTES) this.then(async () => Promise.resolve(flush()));
        return committed;
      },
      commit: () => this.closeTable(),
    };
    const filter = this.sheets[this.sheets.length - 1]?.filter ?? null;
    this.closing = async () => {
      start();
      buffer += `</sheetData>${filter === null ? '' : `<autoFilter ref="${filter.replace(/\$/g, '')}"/>`}</worksheet>`;
      flush();
      await this.zip.end();
    };
    if (frozenHeader) {
      sheet.addRow(
        columns.map((c) => c.header),
        { bold: true },
      );
    }
    return sheet;
  }

  closeTable(): void {
    const closing = this.closing;
    if (closing === null) return;
    this.closing = null;
    this.then(closing);
  }

  async drain(): Promise<void> {
    await this.pending;
    await this.zip.drain();
  }

  async commit(): Promise<void> {
    this.closeTable();
    await this.pending;
    const sheets = this.sheets;
    const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    await this.zip.file(
      '[Content_Types].xml',
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheets
          .map(
            (_s, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
        `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    );
    await this.zip.file(
      '_rels/.rels',
      `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${ns}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${ns}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
    await this.zip.file(
      'docProps/core.xml',
      `${head}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Xinfang</dc:creator></cp:coreProperties>`,
    );
    await this.zip.file(
      'docProps/app.xml',
      `${head}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Xinfang</Application></Properties>`,
    );
    const definedNames = sheets
      .map((s, i) =>
        s.filter === null
          ? ''
          : `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlText(s.name.replace(/'/g, "''"))}'!${s.filter}</definedName>`,
      )
      .join('');
    await this.zip.file(
      'xl/workbook.xml',
      `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}">` +
        `<bookViews><workbookView/></bookViews><sheets>` +
        sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        `</sheets>${definedNames === '' ? '' : `<definedNames>${definedNames}</definedNames>`}</workbook>`,
    );
    await this.zip.file(
      'xl/_rels/workbook.xml.rels',
      `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map(
            (_s, i) => `<Relationship Id="rId${i + 1}" Type="${ns}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${ns}/styles" Target="styles.xml"/></Relationships>`,
    );
    await this.zip.file('xl/styles.xml', this.styles.xml());
    this.zip.finish();
    this.out.end();
  }
}

/** A streaming workbook written to `out`; `commit()` it when every sheet is done (it ends `out`). */
export function xlsxWorkbook(out: Writable): XlsxWorkbook {
  const writer = new WorkbookWriter(out);
  return { writer, drain: () => writer.drain(), commit: () => writer.commit() };
}

/**
 * A sheet with its header row written (bold, frozen, filtered); add rows with `addRow(...)`.
 * Opening a table closes the one before: tables are written one after the other.
 */
export function xlsxTable(workbook: XlsxWorkbook, name: string, columns: readonly XlsxColumn[]): XlsxSheet {
  return workbook.writer.table(name, columns, true);
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField, decodeCsv, layoutHash, parseCsv, readXlsx, readXlsxHead } from './ledger-sheet.ts';
import { parseLedgerDate } from './ledger-row.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-sheet-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readXlsx', () => {
  it('reads every Chinese character intact in a sheet of thousands of rows (no chunk-boundary damage)', async () => {
    const file = path.join(dir, 'big.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    const sheet = writer.addWorksheet('台账');
    sheet.addRow(['所属单位', '序号', '日期']).commit();
    for (let n = 1; n <= 3000; n++) sheet.addRow(['东山煤矿/掘进二队', n, new Date(Date.UTC(2026, 2, 2))]).commit();
    sheet.commit();
    await writer.commit();
    const read = await readXlsx(file);
    expect(read.headers).toEqual(['所属单位', '序号', '日期']);
    expect(read.rows).toHaveLength(3000);
    expect(read.rows.filter((r) => r[0] !== '东山煤矿/掘进二队')).toEqual([]);
    expect(read.rowNumbers[0]).toBe(2);
    expect(read.rows[0]?.[2]).toBeInstanceOf(Date);
    // The upload step reads only the head, streaming: the same header, count and first rows.
    const head = await readXlsxHead(file);
    expect(head).toEqual({ headers: read.headers, rowCount: 3000, sample: read.rows.slice(0, 3) });
  });
});

describe('CSV', () => {
  it('parses quotes, doubled quotes, commas and line breaks inside fields, CRLF and LF', () => {
    expect(parseCsv('a,"b,c","d ""e""",\r\n"x\ny",z\n')).toEqual([
      ['a', 'b,c', 'd "e"', ''],
      ['x\ny', 'z'],
    ]);
  });
  it('decodes UTF-8 with a BOM and falls back to GB18030', () => {
    expect(decodeCsv(Buffer.from('\uFEFF信访人', 'utf8'))).toBe('信访人');
    // 信访 in GB18030 / GBK.
    expect(decodeCsv(Buffer.from([0xd0, 0xc5, 0xb7, 0xc3]))).toBe('信访');
  });
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField('王某、李某')).toBe('王某、李某');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });
  it('hashes a layout by its trimmed headers', () => {
    expect(layoutHash([' 案件编号', '登记日期 '])).toBe(layoutHash(['案件编号', '登记日期']));
    expect(layoutHash(['案件编号'])).not.toBe(layoutHash(['编号']));
  });
});

describe('parseLedgerDate', () => {
  const cases: [input: string | number | Date, expected: string | null][] = [
    ['2026-03-02', '2026-03-01T16:00:00.000Z'],
    ['2026/3/2', '2026-03-01T16:00:00.000Z'],
    ['2026年3月2日', '2026-03-01T16:00:00.000Z'],
    ['2026.3.2 09:30', '2026-03-02T01:30:00.000Z'],
    [new Date(Date.UTC(2026, 2, 2)), '2026-03-01T16:00:00.000Z'],
    [46083, '2026-03-01T16:00:00.000Z'],
    ['2026-02-30', null],
    ['三月二日', null],
    ['2026-13-01', null],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(parseLedgerDate(input)).toBe(expected);
  });
});

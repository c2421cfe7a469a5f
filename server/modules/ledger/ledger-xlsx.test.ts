import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxTable, xlsxWorkbook, xmlText } from './ledger-xlsx.ts';
import { streamXlsxRows, type XlsxRow } from './xlsx-stream-reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-xlsx-writer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function written(name: string, build: (workbook: ReturnType<typeof xlsxWorkbook>) => Promise<void>) {
  const file = path.join(dir, name);
  const out = fs.createWriteStream(file);
  const finished = once(out, 'finish');
  const workbook = xlsxWorkbook(out);
  await build(workbook);
  await workbook.commit();
  await finished;
  return file;
}

describe('the streaming .xlsx writer', () => {
  it('writes what Excel readers read back: text as given, numbers, dates, gaps, a frozen filtered header, widths', async () => {
    const file = await written('one.xlsx', async (workbook) => {
      const sheet = xlsxTable(workbook, '台账 & <统计>', [
        { header: '案件编号', key: 'no', width: 16 },
        { header: '登记日期', key: 'at', width: 12, numFmt: 'yyyy-mm-dd' },
        { header: '人数', key: 'n', width: 6 },
        { header: '内容摘要', key: 'text', width: 40 },
      ]);
      sheet.addRow({ no: 'XF2026-000001', at: new Date(Date.UTC(2026, 2, 2)), n: 6, text: '  工资 & "补贴" <急> 𠀀 ' });
      // A C0 control character cannot be held by XML: dropped, the rest kept.
      sheet.addRow({ no: 'XF2026-000002', at: null, n: 0, text: 'a\u0001b\tc' });
      sheet.addRow(['XF2026-000003', undefined, 1.5]);
      sheet.commit();
      const second = xlsxTable(workbook, '统计', [{ header: '比例', key: 'rate', width: 10, numFmt: '0.0%' }]);
      second.addRow({ rate: 0.25 });
      second.addRow([]);
      second.addRow(['合计'], { bold: true });
      second.commit();
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('台账 & <统计>');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBeTruthy();
    expect(sheet?.getColumn(4).width).toBe(40);
    expect(sheet?.getRow(1).getCell(1).font.bold).toBe(true);
    expect((sheet?.getRow(2).values as unknown[]).slice(1)).toEqual([
      'XF2026-000001',
      new Date(Date.UTC(2026, 2, 2)),
      6,
      '  工资 & "补贴" <急> 𠀀 ',
    ]);
    expect(sheet?.getRow(2).getCell(2).numFmt).toBe('yyyy-mm-dd');
    expect(sheet?.getRow(3).getCell(4).value).toBe('ab\tc');
    expect(sheet?.getRow(4).getCell(3).value).toBe(1.5);
    const stats = workbook.getWorksheet('统计');
    expect(stats?.getRow(2).getCell(1).numFmt).toBe('0.0%');
    expect(stats?.getRow(4).getCell(1).value).toBe('合计');
    expect(stats?.getRow(4).getCell(1).font.bold).toBe(true);
    // And the import's own reader takes it back.
    const rows: XlsxRow[] = [];
    for await (const batch of streamXlsxRows(file)) rows.push(...batch);
    expect(rows[1]).toEqual({
      number: 2,
      cells: ['XF2026-000001', new Date(Date.UTC(2026, 2, 2)), 6, '  工资 & "补贴" <急> 𠀀 '],
    });
  });

  it('streams 30,000 rows through a small buffer, draining between pages', async () => {
    const file = await written('big.xlsx', async (workbook) => {
      const sheet = xlsxTable(workbook, '台账', [
        { header: '编号', key: 'no', width: 10 },
        { header: '摘要', key: 'text', width: 40 },
      ]);
      for (let n = 1; n <= 30_000; n++) {
        sheet.addRow({ no: n, text: `第${n}号：反映加班工资未按时发放` });
        if (n % 500 === 0) await workbook.drain();
      }
      sheet.commit();
    });
    let count = 0;
    let last: XlsxRow | undefined;
    for await (const batch of streamXlsxRows(file)) {
      count += batch.length;
      last = batch[batch.length - 1];
    }
    expect(count).toBe(30_001);
    expect(last).toEqual({ number: 30_001, cells: [30_000, '第30000号：反映加班工资未按时发放'] });
  });

  it('escapes markup and drops what XML cannot hold', () => {
    expect(xmlText('a&b<c>"d"\u0000\u000b\uffff')).toBe('a&amp;b&lt;c&gt;&quot;d&quot;');
  });
});

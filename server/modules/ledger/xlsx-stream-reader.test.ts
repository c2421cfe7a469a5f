import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell } from './ledger-sheet.ts';
import { excelSerialDate, isDateFormatCode, streamXlsxRows, type XlsxRow } from './xlsx-stream-reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-xlsx-stream-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function readAll(file: string, chunkSize?: number): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  for await (const batch of streamXlsxRows(file, chunkSize === undefined ? {} : { chunkSize })) rows.push(...batch);
  return rows;
}

/** ExcelJS's whole-workbook reader as the reference: row number → cells (rich text joined). */
async function referenceRows(file: string): Promise<XlsxRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: XlsxRow[] = [];
  workbook.worksheets[0]?.eachRow((row, number) => {
    const values = Array.from((row.values as ExcelJS.CellValue[]).slice(1), (v): Cell => {
      if (v === null || v === undefined) return null;
      if (typeof v === 'object' && !(v instanceof Date) && 'richText' in v)
        return v.richText.map((r) => r.text).join('');
      return v as Cell;
    });
    while (values.length > 0 && values[values.length - 1] === null) values.pop();
    rows.push({ number, cells: values });
  });
  return rows;
}

/** A workbook from raw parts, so the test controls the exact XML a real Excel (or WPS) writes. */
async function handMade(
  name: string,
  sheetXml: string,
  parts: { sharedStrings?: string; styles?: string; workbookPr?: string } = {},
): Promise<string> {
  const zip = new JSZip();
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${parts.workbookPr ?? ''}<sheets><sheet name="台账" sheetId="1" r:id="rId7"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/>` +
      `<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strings.xml"/>` +
      `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(
    'xl/worksheets/data.xml',
    `<?xml version="1.0"?><worksheet ${ns}><sheetData>${sheetXml}</sheetData></worksheet>`,
  );
  if (parts.sharedStrings !== undefined)
    zip.file('xl/strings.xml', `<?xml version="1.0"?><sst ${ns}>${parts.sharedStrings}</sst>`);
  if (parts.styles !== undefined)
    zip.file('xl/styles.xml', `<?xml version="1.0"?><styleSheet ${ns}>${parts.styles}</styleSheet>`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

describe('streamXlsxRows', () => {
  it('keeps every multi-byte character whole when the shared strings straddle chunk boundaries', async () => {
    // Excel's own layout: every string in sharedStrings.xml, cells pointing into it.
    const file = path.join(dir, 'shared.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['所属单位', '信访人', '内容摘要']);
    for (let n = 1; n <= 400; n++)
      sheet.addRow([`东山煤矿/掘进${n % 7}队`, `职工${n}号𠀀`, `第${n}号：反映加班工资未按时发放，请求核实补发——“急”`]);
    await workbook.xlsx.writeFile(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const sharedXml = await zip.file('xl/sharedStrings.xml')?.async('nodebuffer');
    expect(sharedXml?.length).toBeGreaterThan(10_000);
    // The test can fail: decoding each 2-byte piece on its own (what broke ExcelJS's stream) damages it.
    const pieces: string[] = [];
    for (let i = 0; i < (sharedXml?.length ?? 0); i += 2)
      pieces.push(new TextDecoder().decode(sharedXml?.subarray(i, i + 2)));
    expect(pieces.join('')).toContain('\uFFFD');

    const reference = await referenceRows(file);
    expect(reference).toHaveLength(401);
    // 1, 2 and 5 bytes split every 3-byte CJK character and the 4-byte 𠀀 in every possible place.
    for (const chunkSize of [1, 2, 5, 4096]) {
      const rows = await readAll(file, chunkSize);
      expect(rows).toEqual(reference);
      expect(rows.flatMap((r) => r.cells).some((c) => typeof c === 'string' && c.includes('\uFFFD'))).toBe(false);
    }
  });

  it('joins rich-text runs without the phonetic guide, reads inline strings, entities and CDATA', async () => {
    const file = await handMade(
      'rich.xlsx',
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><rPr><b/></rPr><t>内联</t></r><r><t xml:space="preserve"> 字符串</t></r></is></c></row>` +
        `<row r="2"><c r="A2" t="inlineStr"><is><t>A&amp;B &lt;矿&gt; &#x4E1C;&#23665;</t></is></c><c r="B2" t="str"><v><![CDATA[x<y & z]]></v></c><c r="C2" t="b"><v>1</v></c></row>`,
      {
        sharedStrings:
          `<si><r><rPr><b/></rPr><t>张</t></r><r><t>三</t></r><rPh sb="0" eb="1"><t>zhang</t></rPh><phoneticPr fontId="1"/></si>` +
          `<si><t>李四</t><rPh sb="0" eb="2"><t>lisi</t></rPh></si>`,
      },
    );
    expect(await readAll(file, 3)).toEqual([
      { number: 1, cells: ['张三', '李四', '内联 字符串'] },
      { number: 2, cells: ['A&B <矿> 东山', 'x<y & z', 'TRUE'] },
    ]);
  });

  it('reads dates by their number format (built-in, custom Chinese, 1904), keeps gaps, drops empty rows', async () => {
    const styles =
      `<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00&quot;元&quot;"/></numFmts>` +
      `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
      `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs>`;
    const sheet =
      `<row r="1"><c r="A1" s="1"><v>46083</v></c><c r="B1" s="2"><v>46083.375</v></c><c r="C1" s="3"><v>12.5</v></c><c r="D1"><v>7</v></c></row>` +
      `<row r="3"><c r="A3"/><c r="B3" t="s"><v>0</v></c><c r="E3"><v>2</v></c></row>` +
      `<row r="4"><c r="A4" s="1"/><c r="B4" t="inlineStr"><is><t></t></is></c></row>` +
      `<row r="5"><c r="B5"><v>5</v></c></row>`;
    const file = await handMade('dates.xlsx', sheet, { styles, sharedStrings: '<si><t>工资</t></si>' });
    expect(await readAll(file, 7)).toEqual([
      { number: 1, cells: [new Date(Date.UTC(2026, 2, 2)), new Date(Date.UTC(2026, 2, 2, 9)), 12.5, 7] },
      { number: 3, cells: [null, '工资', null, null, 2] },
      { number: 5, cells: [null, 5] },
    ]);
    const file1904 = await handMade('dates-1904.xlsx', `<row r="1"><c r="A1" s="1"><v>44621</v></c></row>`, {
      styles,
      workbookPr: '<workbookPr date1904="1"/>',
    });
    expect(await readAll(file1904)).toEqual([{ number: 1, cells: [new Date(Date.UTC(2026, 2, 2))] }]);
  });

  it('tells date formats from others', () => {
    const cases: [string, boolean][] = [
      ['yyyy-mm-dd', true],
      ['yyyy"年"m"月"d"日"', true],
      ['[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy', true],
      ['h:mm:ss', true],
      ['0.00"元"', false],
      ['[Red]0.0%', false],
      ['General', false],
      ['"day "0', false],
    ];
    for (const [code, expected] of cases) expect([code, isDateFormatCode(code)]).toEqual([code, expected]);
    expect(excelSerialDate(1)).toEqual(new Date(Date.UTC(1899, 11, 31)));
  });

  it('reads 50,000 rows exactly as ExcelJS reads them, in batches', async () => {
    const file = path.join(dir, 'big.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
    const sheet = writer.addWorksheet('台账');
    sheet.addRow(['案件编号', '登记日期', '信访人', '人数', '内容摘要']).commit();
    for (let n = 1; n <= 50_000; n++)
      sheet
        .addRow([
          `OLD-${n}`,
          new Date(Date.UTC(2025, 0, 1 + (n % 600))),
          n % 3 === 0 ? null : `职工${n}`,
          n % 9,
          `第${n}号：反映加班工资未按时发放`,
        ])
        .commit();
    sheet.commit();
    await writer.commit();
    let batches = 0;
    const rows: XlsxRow[] = [];
    for await (const batch of streamXlsxRows(file)) {
      batches += 1;
      rows.push(...batch);
    }
    expect(batches).toBeGreaterThan(10);
    expect(rows).toEqual(await referenceRows(file));
  }, 60_000);

  it('refuses a file that is not a zip', async () => {
    const file = path.join(dir, 'not.xlsx');
    fs.writeFileSync(file, 'PK\u0003\u0004 nothing more');
    await expect(readAll(file)).rejects.toThrow(/zip/);
  });
});

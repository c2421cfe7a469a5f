/**
 * The one .xlsx writer of the application (ExcelJS WorkbookWriter, streaming): the ledger export and
 * every other sheet an office sends up (the appraisal round's ranking) open their workbook and their
 * tables here, so all share one layout — a bold, frozen header row with filters, set widths, dates as
 * yyyy-mm-dd.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type XlsxWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;
export type XlsxColumn = { header: string; key: string; width: number; numFmt?: string };

/** A streaming workbook written to `out`; `commit()` it when every sheet is done. */
export function xlsxWorkbook(out: Writable): XlsxWorkbook {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Xinfang';
  return workbook;
}

/** A sheet with its header row written (bold, frozen, filtered); add rows with `addRow(...).commit()`. */
export function xlsxTable(workbook: XlsxWorkbook, name: string, columns: readonly XlsxColumn[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.numFmt === undefined ? {} : { style: { numFmt: c.numFmt } }),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  return sheet;
}

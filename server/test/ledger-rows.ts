/** Rows of an old ledger (台账) as offices keep them, and the .xlsx file of them, for the import's tests. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createImportRegistry, type LedgerDeps } from '../modules/ledger/ledger.service.ts';
import { petitionDepsOf, type TestContext } from './test-context.ts';

/**
 * The ledger's dependencies over a test context: uploads under its data directory, and on PostgreSQL
 * the uploads and progress shared through the database, as with several instances.
 */
export function ledgerDepsOf(ctx: TestContext): LedgerDeps {
  const petitionDeps = petitionDepsOf(ctx);
  return {
    ...petitionDeps,
    importDir: path.join(ctx.dataDir, 'ledger-imports'),
    imports: createImportRegistry(),
    sharedImports: petitionDeps.files.kind === 'database' ? petitionDeps.files : null,
  };
}

/** The header row of the test ledgers (the organisation of createOrg: 甲矿/综采一队 …). */
export const HEADERS = [
  '案件编号',
  '登记日期',
  '渠道',
  '信访人',
  '身份证号',
  '人数',
  '所属单位',
  '问题分类',
  '信访类别',
  '内容摘要',
  '承办单位',
  '状态',
  '办理结果',
  '评价',
  '标记',
];

export function ledgerRow(n: number, overrides: Partial<Record<string, unknown>> = {}): unknown[] {
  const base: Record<string, unknown> = {
    案件编号: `OLD-${n}`,
    登记日期: new Date(Date.UTC(2026, 1, (n % 27) + 1)),
    渠道: n % 2 === 0 ? '来访' : '来信',
    信访人: `老台账${n}号`,
    身份证号: '',
    人数: 1,
    所属单位: '甲矿/综采一队',
    问题分类: '',
    信访类别: '申诉求决类',
    内容摘要: `第${n}件：反映工资发放不及时的问题`,
    承办单位: '',
    状态: n % 3 === 0 ? '已办结' : '已登记',
    办理结果: n % 3 === 0 ? '解决到位' : '',
    评价: n % 3 === 0 ? '满意' : '',
    标记: '',
    ...overrides,
  };
  return HEADERS.map((h) => base[h] ?? null);
}

export async function xlsxOf(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

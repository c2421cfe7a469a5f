/**
 * Journey: the ledger (台账) from one enterprise to another. The group petition officer of the demo
 * enterprise exports the ledger from the petition list; the file is taken to an EMPTY enterprise —
 * the same demo organisation and accounts, no petitions (XINFANG_DEMO_PETITIONS=false), so the
 * units named in the ledger exist — where the officer imports it through the wizard: with a
 * planted bad row it is refused with the row named and nothing is imported; fixed, every row goes in.
 * Both servers run one after the other on this file's port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn as logInPage, launchBrowser, screenshotPath, startServer, type RunningServer } from './support.ts';

const PORT = 3933;

let browser: Browser;
let server: RunningServer | null = null;
const contexts: BrowserContext[] = [];
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-ledger-e2e-'));

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
  await server?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** A desktop page that may download files, logged in as `username`. */
async function logIn(url: string, username: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  return logInPage(page, url, username);
}

async function petitionTotal(page: Page, url: string): Promise<number> {
  const response = await page.request.get(`${url}/api/petitions?pageSize=1`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { total: number }).total;
}

async function upload(page: Page, file: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('ledger-mapping').waitFor();
}

describe('the ledger from one enterprise to another', () => {
  it('exports the demo ledger, refuses it with a bad row, then imports every row into an empty enterprise', async () => {
    // 1. Export from the demo enterprise, as shown by the petition list.
    server = await startServer(PORT);
    const demo = await logIn(server.url, 'officer');
    await demo.goto(`${server.url}/petitions`);
    await demo.getByTestId('ledger-export').waitFor();
    const total = await petitionTotal(demo, server.url);
    expect(total).toBeGreaterThan(5);
    const [download] = await Promise.all([demo.waitForEvent('download'), demo.getByTestId('ledger-export').click()]);
    const exported = path.join(workDir, 'ledger.xlsx');
    await download.saveAs(exported);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await server.stop();
    server = null;

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exported);
    const sheet = workbook.getWorksheet('信访台账');
    if (sheet === undefined) throw new Error('no ledger sheet');
    expect(sheet.rowCount).toBe(total + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('案件编号');
    expect(workbook.getWorksheet('统计')).toBeDefined();

    // 2. Plant a bad row: the third data row (sheet row 4) gets a date that does not exist.
    const receivedColumn = 2;
    const goodValue = sheet.getRow(4).getCell(receivedColumn).value;
    sheet.getRow(4).getCell(receivedColumn).value = '2026-02-30';
    const bad = path.join(workDir, 'ledger-bad.xlsx');
    await workbook.xlsx.writeFile(bad);
    sheet.getRow(4).getCell(receivedColumn).value = goodValue;
    const fixed = path.join(workDir, 'ledger-fixed.xlsx');
    await workbook.xlsx.writeFile(fixed);

    // 3. The empty enterprise: the same organisation, no petitions.
    server = await startServer(PORT, { demoPetitions: false });
    const page = await logIn(server.url, 'officer');
    expect(await petitionTotal(page, server.url)).toBe(0);
    await page.getByRole('menuitem', { name: '台账导入' }).click();
    await page.waitForURL((u) => u.pathname === '/ledger/import');

    await upload(page, bad);
    await page.screenshot({ path: screenshotPath('ledger-mapping'), fullPage: true });
    await page.getByTestId('ledger-dry-run').click();
    await page.getByTestId('ledger-dry-run-failed').waitFor();
    const errors = page.getByTestId('ledger-errors');
    await expect.poll(async () => errors.locator('tbody tr').count()).toBe(1);
    const errorRow = (await errors.locator('tbody tr').first().textContent()) ?? '';
    expect(errorRow).toContain('4');
    expect(errorRow).toContain('登记日期');
    expect(errorRow).toContain('不是有效日期');
    await expect.poll(async () => page.getByTestId('ledger-run').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('ledger-dry-run-refused'), fullPage: true });
    expect(await petitionTotal(page, server.url)).toBe(0);

    // 4. Fixed: the same layout reuses the mapping saved by the dry run; every row goes in.
    await page.getByTestId('ledger-restart').click();
    await upload(page, fixed);
    expect(await page.getByTestId('ledger-mapping-hint').textContent()).toContain('沿用');
    await page.getByTestId('ledger-dry-run').click();
    await page.getByTestId('ledger-dry-run-ok').waitFor();
    await page.getByTestId('ledger-run').click();
    await page.getByTestId('ledger-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ledger-done').textContent()).toContain(`新增 ${total} 件`);
    await page.screenshot({ path: screenshotPath('ledger-imported'), fullPage: true });
    expect(await petitionTotal(page, server.url)).toBe(total);

    // The imported cases are real petitions on the list, with their states carried over.
    await page.goto(`${server.url}/petitions`);
    await page.getByTestId('ledger-export').waitFor();
    await page.screenshot({ path: screenshotPath('ledger-imported-list'), fullPage: true });
  }, 180_000);
});

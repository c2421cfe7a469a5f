/**
 * Journey: the enterprise administrator edits the wording of the 受理告知书 — inserts a field at the
 * cursor, sees the preview, saves it as version 2 — and a field the kind may not use is refused
 * with the field named.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3935, {}, (world) => ({ server, browser } = world));

describe('document templates', () => {
  it('saves an edited template as a new version and refuses an unknown field', async () => {
    const page = await logIn(
      await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } }),
      server.url,
      'admin',
    );
    await page.getByRole('menuitem', { name: '文书模板' }).click();
    await page.getByTestId('template-kinds').getByText('受理告知书', { exact: true }).click();
    const body = page.getByTestId('template-body');
    await expect.poll(() => body.inputValue()).toContain('{{acceptedDate}}');

    await body.fill('你于{{receivedDate}}反映的事项已受理。\n承办人：');
    await body.press('End');
    await page.getByTestId('template-field-handlingUnit').click();
    await expect.poll(() => body.inputValue()).toBe('你于{{receivedDate}}反映的事项已受理。\n承办人：{{handlingUnit}}');
    await expect.poll(() => page.getByTestId('document-preview').textContent()).toContain('承办人：【承办单位】');
    await page.getByTestId('template-save').click();
    await expect.poll(() => page.getByText('已保存为 v2').count()).toBeGreaterThan(0);

    await body.fill('你的身份证号{{idNumber}}');
    await page.getByTestId('template-save').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').textContent()).toContain('{{idNumber}}');

    const file = screenshotPath('document-templates');
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);
    await page.close();
  });
});

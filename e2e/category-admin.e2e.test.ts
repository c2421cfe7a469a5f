/**
 * Journey: the enterprise administrator adds a second-level category on the 信访分类 page and loads a
 * holiday on the 工作日历 page; then the group petition office registers a petition picking the new
 * category in the cascader by name, and the case page and the list show the category's name.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

const NEW_CATEGORY = '井下夜班津贴';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3934, {}, (world) => ({ server, browser } = world));

async function as(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  return logIn(page, server.url, username);
}

describe('the taxonomy and the calendar, edited by the administrator', () => {
  it('adds a sub-category that an officer then picks when registering', async () => {
    const admin = await as('admin');
    // Both pages are in the administrator's navigation.
    await admin.getByRole('menuitem', { name: '信访分类' }).click();
    await admin.waitForURL((url) => url.pathname === '/categories');
    await admin.getByTestId('category-row-01').waitFor();

    await admin.getByTestId('category-add-child-01').click();
    const modal = admin.locator('.ant-modal-wrap:visible').last();
    await modal.waitFor();
    // The next free code under 01 is proposed.
    expect(await modal.getByTestId('category-code').inputValue()).toBe('0107');
    await modal.getByTestId('category-name').fill(NEW_CATEGORY);
    await admin.getByTestId('category-create-ok').click();
    await modal.waitFor({ state: 'hidden' });
    await admin.getByTestId('category-row-0107').waitFor();
    expect(await admin.getByTestId('category-row-0107').textContent()).toBe(NEW_CATEGORY);
    await admin.screenshot({ path: screenshotPath('category-admin'), fullPage: false });

    // A code already in use is refused on its field.
    await admin.getByTestId('category-add-child-01').click();
    const again = admin.locator('.ant-modal-wrap:visible').last();
    await again.getByTestId('category-code').fill('0103');
    await again.getByTestId('category-name').fill('重复');
    await admin.getByTestId('category-create-ok').click();
    await again.locator('.ant-form-item-explain-error').first().waitFor();
    expect(await again.locator('.ant-form-item-explain-error').first().textContent()).toContain('0103');
    await again.getByRole('button', { name: /取\s*消/ }).click();

    // 工作日历: add 国庆节 to next year, which no notice has filled yet (the demo loads this year's), and save.
    await admin.getByRole('menuitem', { name: '工作日历' }).click();
    await admin.waitForURL((url) => url.pathname === '/calendar');
    const year = Number(await admin.getByTestId('calendar-year').inputValue()) + 1;
    await admin.getByTestId('calendar-year').fill(String(year));
    await admin.getByTestId('calendar-year').press('Tab');
    await admin
      .getByTestId('calendar-empty')
      .filter({ hasText: String(year) })
      .waitFor();
    await admin.getByTestId('calendar-add').click();
    const row = admin.getByTestId('calendar-table').locator('tbody tr.ant-table-row').last();
    await row.locator('.ant-picker input').click();
    await admin.keyboard.type(`${year}-10-01`);
    await admin.keyboard.press('Enter');
    await row.locator('input[maxlength="40"]').fill('国庆节');
    await admin.getByTestId('calendar-save').click();
    await admin.getByText(`已保存 ${year} 年日历，共 1 条`).waitFor();
    // Saved on the server: opened afresh, the row comes back from GET /api/calendar/:year.
    await admin.goto(`${server.url}/calendar?year=${year}`);
    const saved = admin.getByTestId('calendar-table').locator('tbody tr.ant-table-row').first();
    await saved.waitFor();
    expect(await saved.locator('input[maxlength="40"]').inputValue()).toBe('国庆节');
    expect(await saved.locator('.ant-picker input').inputValue()).toBe(`${year}-10-01`);
    await admin.screenshot({ path: screenshotPath('calendar-admin'), fullPage: false });

    // The group office registers, finding the category by name in the cascader.
    const office = await as('officer');
    await office.goto(`${server.url}/petitions/new`);
    await office.getByTestId('register-title').fill('井下夜班津贴未按规定发放');
    await office.getByTestId('register-body').fill('本人在综采一队上夜班，近三个月夜班津贴未发放，请求核实补发。');
    await office.getByTestId('register-petitioner-name-0').fill('郑永福');
    await office.locator('.ant-form-item').filter({ hasText: '内容分类' }).locator('.ant-select').first().click();
    await office.keyboard.type('夜班津贴');
    await office.locator('.ant-cascader-menu-item').filter({ hasText: NEW_CATEGORY }).first().click();
    await office.screenshot({ path: screenshotPath('category-register'), fullPage: false });
    await office.getByTestId('register-submit').click();
    await office.getByTestId('register-case-link').click();
    await office.getByTestId('petition-state').waitFor();
    expect(await office.locator('.ant-descriptions').first().textContent()).toContain(`工资薪酬 / ${NEW_CATEGORY}`);

    // The list shows the name, and a filter by the top level finds the petition.
    await office.goto(`${server.url}/petitions`);
    await office.getByTestId('petition-table').locator('tbody tr.ant-table-row').first().waitFor();
    await office.locator('[data-testid="petition-filter-category"]').first().click();
    await office.locator('.ant-cascader-menu-item').filter({ hasText: '工资薪酬' }).first().click();
    await office.keyboard.press('Escape');
    await office.getByTestId('petition-table').getByText(`工资薪酬 / ${NEW_CATEGORY}`).waitFor();
    await office
      .getByTestId('petition-table')
      .getByText('社会保险 / ', { exact: false })
      .first()
      .waitFor({ state: 'detached' });
    const rows = await office.getByTestId('petition-table').locator('tbody tr.ant-table-row').allTextContents();
    // The new second level and the demo's 拖欠工资 (0103) both sit under 工资薪酬; nothing else does.
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const text of rows) expect(text).toContain('工资薪酬');
  });
});

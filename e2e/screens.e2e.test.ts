/**
 * Screens that mislead (issue #13). The petition list, a case page and the 工作台 at a desk's
 * 1440×900 and a phone's 390×844, stored in e2e/output/screens-*.png; the list shows a dozen
 * one-line rows and its total, and keeps its filters and page in the address; a phone never
 * scrolls sideways; and no zh-CN page — with its date picker open — names a month or a weekday in
 * English. One server for all of it.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
type Viewport = typeof DESK;

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3941, {}, (world) => ({ server, browser } = world));

async function as(username: string, viewport: Viewport): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport });
  return logIn(page, server.url, username);
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  // Let skeletons give way and tags settle before the picture.
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(`screens-${name}`), fullPage });
}

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/** A case with documents (for 下载 Word) and time limits, reached through the API as the page would. */
async function caseWithDocuments(page: Page): Promise<string> {
  const id = await page.evaluate(async () => {
    for (const state of ['replied', 'executing', 'evaluated', 'concluded']) {
      const list = (await (await fetch(`/api/petitions?state=${state}&pageSize=10`)).json()) as {
        items: { id: string }[];
      };
      for (const item of list.items) {
        const docs = (await (await fetch(`/api/petitions/${item.id}/documents`)).json()) as { items: unknown[] };
        if (docs.items.length > 0) return item.id;
      }
    }
    return null;
  });
  if (id === null) throw new Error('the demo has no case with a document');
  return id;
}

// Month and weekday names and abbreviations as an English date library writes them, whole words only.
const ENGLISH_DATE_WORDS = new RegExp(
  [
    '\\b(?:Jan|January|Feb|February|Mar|March|Apr|April|May|Jun|June|Jul|July|Aug|August|Sep|Sept|September|Oct|October|Nov|November|Dec|December)\\b',
    '\\b(?:Mon|Monday|Tue|Tues|Tuesday|Wed|Wednesday|Thu|Thur|Thurs|Thursday|Fri|Friday|Sat|Saturday|Sun|Sunday)\\b',
    '\\b(?:Su|Mo|Tu|We|Th|Fr|Sa)\\b',
  ].join('|'),
  'g',
);

async function englishDateWords(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return [...new Set<string>(text.match(ENGLISH_DATE_WORDS) ?? [])];
}

/**
 * Open the first date picker matched, wait for its calendar, and return the English date words on
 * screen (with a screenshot named `shotName` while it is open).
 */
async function withPickerOpen(page: Page, picker: string, shotName?: string): Promise<string[]> {
  await page.locator(picker).first().click();
  await page.locator('.ant-picker-dropdown:visible').first().waitFor();
  // Both header buttons (year, month) and the weekday row are drawn.
  await page.locator('.ant-picker-dropdown:visible thead th').first().waitFor();
  const words = await englishDateWords(page);
  if (shotName !== undefined) await shot(page, shotName);
  await page.keyboard.press('Escape');
  return words;
}

describe('screens', () => {
  it('shows the list, a case and the 工作台 at a desk and on a phone', async () => {
    for (const [size, viewport] of [
      ['desk', DESK],
      ['phone', PHONE],
    ] as const) {
      const officer = await as('officer', viewport);

      // 工作台: 我的待办 and notifications.
      await officer.getByTestId('todo-list').locator('[data-row-key]').first().waitFor();
      await shot(officer, `workbench-${size}`);
      expect(await scrollWidth(officer), `workbench ${size}`).toBeLessThanOrEqual(viewport.width);

      // 信访事项: one line per case, the total shown.
      await officer.goto(`${server.url}/petitions`);
      const rows = officer.getByTestId('petition-table').locator('[data-row-key]');
      await rows.first().waitFor();
      expect(await officer.getByTestId('petition-total').textContent()).toMatch(/^共 \d+ 件$/);
      await shot(officer, `list-${size}`);
      expect(await scrollWidth(officer), `list ${size}`).toBeLessThanOrEqual(viewport.width);
      if (size === 'desk') {
        const boxes = [];
        for (let i = 0; i < (await rows.count()); i += 1) boxes.push(await rows.nth(i).boundingBox());
        const visible = boxes.filter((box) => box !== null && box.y + box.height <= DESK.height).length;
        expect(visible, 'rows visible at 1440×900').toBeGreaterThanOrEqual(12);
        // A title is one line: no row is as tall as two lines of text.
        const heights = boxes.map((box) => box?.height ?? 0);
        expect(Math.max(...heights)).toBeLessThan(48);
      }

      // The case page: time limits and documents, nothing off the screen.
      const id = await caseWithDocuments(officer);
      await officer.goto(`${server.url}/petitions/${id}`);
      await officer.getByTestId('petition-state').waitFor();
      const download = officer.getByTestId('petition-documents').getByText('下载 Word').first();
      await download.waitFor();
      await shot(officer, `case-${size}`, true);
      expect(await scrollWidth(officer), `case ${size}`).toBeLessThanOrEqual(viewport.width);
      for (const [what, locator] of [
        ['下载 Word', download],
        ['剩余天数', officer.getByTestId('petition-deadlines').getByText('剩余天数').first()],
      ] as const) {
        const box = await locator.boundingBox();
        expect(box, what).not.toBeNull();
        expect((box?.x ?? 0) + (box?.width ?? 0), `${what} on the ${size} screen`).toBeLessThanOrEqual(viewport.width);
      }
      await officer.close();
    }
  });

  it('gives the administrator and the auditor a 工作台 of their own', async () => {
    for (const [size, viewport] of [
      ['desk', DESK],
      ['phone', PHONE],
    ] as const) {
      const admin = await as('admin', viewport);
      await admin.getByTestId('system-status').waitFor();
      await admin.getByTestId('status-users').waitFor();
      const status = (await admin.getByTestId('system-status').textContent()) ?? '';
      expect(status).toContain('工作日历');
      expect(status).toContain('启用的账户');
      expect(await admin.locator('body').textContent()).not.toContain('陆续上线');
      await shot(admin, `workbench-admin-${size}`);
      expect(await scrollWidth(admin)).toBeLessThanOrEqual(viewport.width);
      await admin.close();

      const auditor = await as('auditor', viewport);
      await auditor.getByTestId('home-recent-audit').locator('[data-row-key]').first().waitFor();
      const shortcuts = (await auditor.getByTestId('home-shortcuts').textContent()) ?? '';
      // Only what an auditor does: reading, exporting, checking — never registering or handling.
      expect(shortcuts).toContain('查阅信访事项');
      expect(shortcuts).not.toMatch(/登记|交办|办理信访事项|维护/);
      expect(await auditor.getByTestId('home-ledger').getByText('导出台账').count()).toBeGreaterThan(0);
      await shot(auditor, `workbench-auditor-${size}`);
      expect(await scrollWidth(auditor)).toBeLessThanOrEqual(viewport.width);
      await auditor.close();
    }

    // A handler oversees no accounts: no 用户管理 in his menu.
    const handler = await as('dongshan.hr', DESK);
    await handler.getByTestId('side-nav').waitFor();
    expect(await handler.getByTestId('side-nav').textContent()).not.toContain('用户管理');
    await handler.close();
  });

  it('keeps the list’s filters and page in the address, and the back button returns to them', async () => {
    const officer = await as('officer', DESK);
    await officer.goto(`${server.url}/petitions?open=true`);
    const table = officer.getByTestId('petition-table');
    await table.locator('[data-row-key]').first().waitFor();
    const total = Number((await officer.getByTestId('petition-total').textContent())?.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(20);

    const firstRow = () => table.locator('[data-row-key]').first().getAttribute('data-row-key');
    const firstPage = await firstRow();
    await officer.locator('.ant-pagination-item-2').click();
    await officer.waitForURL((url) => url.searchParams.get('page') === '2' && url.searchParams.get('open') === 'true');
    await expect.poll(firstRow).not.toBe(firstPage);
    const secondPage = await firstRow();

    await officer.getByTestId('petition-filter-overdue').click();
    await officer.waitForURL((url) => url.searchParams.get('overdue') === 'true' && !url.searchParams.has('page'));
    const overdueSwitch = () => officer.getByTestId('petition-filter-overdue').getAttribute('aria-checked');
    await expect.poll(overdueSwitch).toBe('true');

    // Back: page 2 of the open cases again, the switch off again.
    await officer.goBack();
    await officer.waitForURL((url) => url.searchParams.get('page') === '2' && !url.searchParams.has('overdue'));
    await expect.poll(() => table.locator('[data-row-key]').first().getAttribute('data-row-key')).toBe(secondPage);
    await expect.poll(overdueSwitch).toBe('false');

    // A shared link opens the same list.
    const link = officer.url();
    const other = await as('officer', DESK);
    await other.goto(link);
    await other.getByTestId('petition-table').locator('[data-row-key]').first().waitFor();
    expect(
      await other.getByTestId('petition-table').locator('[data-row-key]').first().getAttribute('data-row-key'),
    ).toBe(secondPage);
    await other.close();
    await officer.close();
  });

  it("opens a warning from the bell: the notification reads as a sentence and leads to the warning's drawer", async () => {
    const officer = await as('officer', DESK);
    await officer.getByTestId('notification-bell').click();
    // The bell holds the latest; the deadline sweep's alerts of the demo's overdue cases came after the
    // warnings, so the officer follows 查看全部消息 and pages back to the warning's notification.
    await officer.locator('.ant-popover:visible').getByTestId('notification-view-all').click();
    await officer.waitForURL('**/notifications');
    const list = officer.getByTestId('notifications-page');
    const warning = list.locator('[data-kind^="warning_"]').first();
    for (let page = 1; ; page++) {
      await list.getByTestId('notification-item').first().waitFor();
      if ((await warning.count()) > 0) break;
      const next = list.locator('.ant-pagination-next:not(.ant-pagination-disabled)');
      expect(await next.count(), `a warning's notification by page ${page}`).toBe(1);
      const first = await list.getByTestId('notification-item').first().textContent();
      await next.click();
      await officer.waitForURL((url) => url.searchParams.get('page') === String(page + 1));
      // The next page's items in place of this page's.
      await expect.poll(() => list.getByTestId('notification-item').first().textContent()).not.toBe(first);
    }
    expect(await warning.textContent()).toMatch(/(新的|升为).+预警：/);
    const unread = await warning.getAttribute('data-unread');
    // Counted on the server: the sweep may add alerts meanwhile, moving the warning to a later page.
    const unreadWarnings = async () => {
      const view = (await (await officer.request.get(`${server.url}/api/notifications?pageSize=100`)).json()) as {
        items: { kind: string; readAt: string | null }[];
      };
      return view.items.filter((n) => n.kind.startsWith('warning_') && n.readAt === null).length;
    };
    const before = await unreadWarnings();
    await warning.click();
    await officer.waitForURL((url) => url.pathname === '/warnings' && url.searchParams.has('open'));
    await officer.getByTestId('warning-drawer').waitFor();
    // Read now.
    if (unread === 'true') await expect.poll(unreadWarnings).toBe(before - 1);
    await officer.close();
  });

  it('names no month or weekday in English on a zh-CN page, date pickers open', async () => {
    const found: string[] = [];
    const check = (where: string, words: string[]) => {
      if (words.length > 0) found.push(`${where}: ${words.join(' ')}`);
    };
    for (const username of ['officer', 'chief']) {
      const page = await as(username, DESK);
      // Loaded: the summary is written (a chief's own list may well be empty on the demo).
      await page.getByTestId('todo-summary').waitFor();
      check(`${username} 工作台`, await englishDateWords(page));

      await page.goto(`${server.url}/petitions`);
      await page.getByTestId('petition-table').locator('[data-row-key]').first().waitFor();
      check(`${username} 信访事项`, await withPickerOpen(page, '.ant-picker-range', `picker-list-${username}`));

      await page.goto(`${server.url}/petitions/new`);
      await page.getByTestId('register-title').waitFor();
      check(`${username} 登记信访`, await withPickerOpen(page, '.ant-form-item:has-text("来信来访时间") .ant-picker'));

      const id = await caseWithDocuments(page);
      await page.goto(`${server.url}/petitions/${id}`);
      await page.getByTestId('petition-timeline').waitFor();
      check(`${username} case page`, await englishDateWords(page));

      await page.goto(`${server.url}/petitions/supervision`);
      await page.getByTestId('supervision-tabs').waitFor();
      check(`${username} 督办`, await englishDateWords(page));

      await page.goto(`${server.url}/dashboard`);
      await page.getByTestId('kpi-petitions').waitFor();
      await page.getByText('自定义').click();
      check(`${username} 领导驾驶舱`, await withPickerOpen(page, '.ant-picker-range'));

      await page.goto(`${server.url}/warnings`);
      await page.getByTestId('hotspots-card').waitFor();
      check(`${username} 预警研判`, await withPickerOpen(page, '[data-testid="hotspots-card"] .ant-picker-range'));
      await page.close();
    }

    // The working-day calendar, where an administrator picks the holidays.
    const admin = await as('admin', DESK);
    await admin.goto(`${server.url}/calendar`);
    await admin.getByTestId('calendar-add').click();
    check(
      'admin 工作日历',
      await withPickerOpen(admin, '[data-testid="calendar-table"] .ant-picker', 'picker-calendar-admin'),
    );
    await admin.close();

    expect(found).toEqual([]);
  });
});

/**
 * Journey: the leaders' dashboard. The group chief opens 领导驾驶舱 on the demo data (a year of
 * history), sees the KPI cards and the ECharts canvases, clicks the total and then a unit bar, and
 * lands on the petition list filtered to exactly those petitions. Desktop and phone screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3937, {}, (world) => ({ server, browser } = world));

async function as(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport });
  return logIn(page, server.url, username);
}

async function kpi(page: Page, key: string): Promise<string> {
  return (await page.getByTestId(`kpi-${key}`).locator('.ant-statistic-content-value').textContent()) ?? '';
}

describe('dashboard', () => {
  it('renders the year with charts and drills down to the filtered list', async () => {
    const chief = await as('chief', { width: 1400, height: 1000 });
    await chief.getByRole('menuitem', { name: '领导驾驶舱' }).click();
    await chief.waitForURL((url) => url.pathname === '/dashboard');
    await chief.getByText('本年').click();
    await chief.getByTestId('kpi-petitions').waitFor();
    await expect.poll(async () => Number(await kpi(chief, 'petitions')), { timeout: 15_000 }).toBeGreaterThan(50);
    const total = Number(await kpi(chief, 'petitions'));
    expect(await kpi(chief, 'acceptanceRate')).toMatch(/%$/);
    // 考核数据: the group's total row first, then each mine; petitions received as the KPI counts them.
    const figures = chief.getByTestId('dashboard-figures');
    const totalRow = figures.locator('tbody tr', { hasText: '（合计）' });
    await totalRow.waitFor();
    expect(await figures.locator('thead th').allTextContents()).toEqual(
      expect.arrayContaining(['单位', '受理信访件数', '按期办结率']),
    );
    expect(Number(await totalRow.locator('td').nth(1).textContent())).toBe(total);
    expect(await figures.locator('tbody tr').count()).toBeGreaterThan(2);
    // Every chart draws on a canvas.
    for (const id of [
      'chart-volume',
      'chart-unit',
      'chart-category',
      'chart-channel',
      'chart-ontime',
      'chart-satisfaction',
    ]) {
      expect(await chief.getByTestId(id).locator('canvas').count()).toBeGreaterThan(0);
    }
    await chief.waitForTimeout(800); // chart animations
    await chief.screenshot({ path: screenshotPath('dashboard-desktop'), fullPage: true });

    // The total opens the list of the same petitions.
    await chief.getByTestId('kpi-petitions').click();
    await chief.waitForURL((url) => url.pathname === '/petitions' && url.searchParams.has('receivedFrom'));
    await chief.locator('.ant-table-row').first().waitFor();
    // The list the page shows is the API's list under the address's filters: its total is the KPI's.
    const search = new URL(chief.url()).search;
    const listed = await chief.evaluate(async (query: string) => {
      const response = await fetch(`/api/petitions${query}&pageSize=1`);
      return ((await response.json()) as { total: number }).total;
    }, search);
    expect(listed).toBe(total);
    await chief.screenshot({ path: screenshotPath('dashboard-drill-list') });

    // A bar of the by-unit chart opens that unit's petitions.
    await chief.goBack();
    await chief.getByText('本年').click();
    const unitChart = chief.getByTestId('chart-unit');
    await unitChart.locator('canvas').first().waitFor();
    await chief.waitForTimeout(800);
    const box = await unitChart.boundingBox();
    if (box === null) throw new Error('no chart box');
    // The first (largest) bar is the top row of the horizontal bar chart: click along it until the list opens.
    for (let x = 0.35; x < 0.9 && new URL(chief.url()).pathname === '/dashboard'; x += 0.1) {
      await chief.mouse.click(box.x + box.width * x, box.y + box.height * 0.22);
      await chief.waitForTimeout(300);
    }
    await chief.waitForURL((url) => url.pathname === '/petitions' && url.searchParams.has('unitId'));
    expect(await chief.locator('.ant-table-row').count()).toBeGreaterThan(0);
  });

  it("opens a mine's drills held from 考核数据: the incident list filtered to that mine and period, as many", async () => {
    const chief = await as('chief', { width: 1400, height: 1000 });
    await chief.goto(`${server.url}/dashboard`);
    await chief.getByText('本年').click();
    const figures = chief.getByTestId('dashboard-figures');
    const row = figures.locator('tbody tr', { hasText: '东山' });
    const cell = row.locator('a[data-testid^="figure-emergency.drillsHeld-"]');
    await cell.waitFor();
    // The year's figures replace the month's once loaded: the drill forty days ago is in them.
    await expect.poll(async () => Number(await cell.textContent()), { timeout: 15_000 }).toBeGreaterThan(0);
    const value = Number(await cell.textContent());
    await cell.click();
    await chief.waitForURL((url) => url.pathname === '/emergency' && url.searchParams.get('drill') === 'true');
    const url = new URL(chief.url());
    expect(url.searchParams.get('unitId')).toBeTruthy();
    expect(url.searchParams.get('from')).toMatch(/-01-01$/);
    // The filters are visible and removable: the mine in the unit picker, the period, the drill tag.
    const filters = chief.getByTestId('record-filters');
    await expect
      .poll(() => filters.locator('.ant-select-content, .ant-select-selection-item').first().textContent())
      .toContain('东山');
    expect(await filters.locator('input').nth(1).inputValue()).toBe(url.searchParams.get('from'));
    expect(await chief.getByTestId('record-filter-drill').textContent()).toContain('仅演练');
    const cards = chief.getByTestId('incident-list').locator('.ant-card');
    await expect.poll(() => cards.count()).toBe(value);
    await chief.evaluate('window.scrollTo(0, 0)');
    await chief.screenshot({ path: screenshotPath('dashboard-figure-drill') });
    // Removing the drill filter widens the list to every incident of the mine in the period.
    await chief.getByTestId('record-filter-drill').locator('.ant-tag-close-icon').click();
    await chief.waitForURL((u) => !u.searchParams.has('drill') && u.searchParams.has('unitId'));
  });

  it('fits a phone in one column', async () => {
    const chief = await as('chief', { width: 390, height: 844 });
    await chief.goto(`${server.url}/dashboard`);
    await chief.getByTestId('kpi-petitions').waitFor();
    await chief.getByTestId('chart-volume').locator('canvas').first().waitFor();
    const volume = await chief.getByTestId('chart-volume').boundingBox();
    const unit = await chief.getByTestId('chart-unit').boundingBox();
    if (volume === null || unit === null) throw new Error('no chart box');
    // One column: the second chart sits below the first, both nearly the screen's width.
    expect(unit.y).toBeGreaterThan(volume.y + volume.height - 1);
    expect(volume.width).toBeGreaterThan(300);
    const width = await chief.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(400);
    await chief.waitForTimeout(800);
    await chief.screenshot({ path: screenshotPath('dashboard-phone'), fullPage: true });
  });
});

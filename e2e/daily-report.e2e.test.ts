/**
 * Journey: 日报告/零报告 at the pit head (issue #15, second "Done when" bullet, second half).
 *  1. The 班组长 of 东山煤矿 综采一队 甲班 opens the daily report on his phone (390×844), the network
 *     is cut (the browser set offline), he files a 零报告 with one tap and a confirm: the page says
 *     "已保存，联网后自动上报" and the server has nothing. The network comes back: the report arrives
 *     once ("已上报"), and opening the page again sends nothing more (one row on the server).
 *  2. The enterprise's cut-off has passed (the administrator sets it through the settings API, and
 *     the chase job runs against the server's database with a fixed clock — no production backdoor):
 *     the 区队长 of 综采一队, which did not report, is chased, and the mine's office after the grace.
 *  3. The group chief's morning view (晨报) shows 东山煤矿 with the team missing and the crew's nil
 *     report; drilled down to the mine, unit by unit. Screens go to e2e/output/daily-report-*.png.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localDateOf, weekdayOf } from '../common/domain/calendar.ts';
import { openDatabase } from '../server/db/database.ts';
import { chaseDailyReports } from '../server/modules/report/index.ts';
import { fixedClock } from '../server/platform/clock.ts';
import { NO_OUTBOUND } from '../server/platform/deps.ts';
import { sequentialIds } from '../server/platform/ids.ts';
import { createLogger } from '../server/platform/logger.ts';
import { argon2Hasher } from '../server/platform/passwords.ts';
import { testCipher } from '../server/test/test-context.ts';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 900 };

let server: RunningServer;
let browser: Browser;
serverAndBrowser(4060, { demoPetitions: false }, (world) => ({ server, browser } = world));

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(`daily-report-${name}`), fullPage });
}

/** A call to the API as the signed-in user of `page` (session cookie and CSRF token of that page). */
async function callApi(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ([m, u, b]) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch(u, {
        method: m,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return { status: response.status, json: await response.json() };
    },
    [method, url, body] as const,
  );
}

/** The server's own database file, opened beside it (WAL: the server keeps running). */
function serverDatabase() {
  return openDatabase({ dialect: 'sqlite', file: path.join(server.dataDir, 'xinfang.db') });
}

async function reportRowsOf(unitName: string): Promise<{ report_date: string; nil: number }[]> {
  const database = serverDatabase();
  try {
    return await database.db
      .selectFrom('daily_report')
      .innerJoin('unit', 'unit.id', 'daily_report.unit_id')
      .select(['daily_report.report_date', 'daily_report.nil'])
      .where('unit.name', '=', unitName)
      .execute();
  } finally {
    await database.close();
  }
}

const today = localDateOf(new Date().toISOString());

describe('daily and nil reports: offline on the phone, chased at the cut-off, on the morning view', () => {
  it('a 班组 files a nil report offline; it arrives once when the network is back', async () => {
    const admin = await logIn(await browser.newPage({ locale: 'zh-CN', viewport: DESK }), server.url, 'admin');
    // A weekend day has no report due: the journey then runs on a 调休 working day the admin declares
    // (the calendar page's own API), as a plant working that weekend would.
    if (weekdayOf(today) >= 6) {
      const year = Number(today.slice(0, 4));
      const current = (await callApi(admin, 'GET', `/api/calendar/${year}`)).json as { entries: unknown[] };
      const put = await callApi(admin, 'PUT', `/api/calendar/${year}`, {
        entries: [...current.entries, { date: today, kind: 'workday', name: '加班' }],
      });
      expect(put.status).toBe(200);
    }
    await admin.close();

    const context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true });
    const phone = await logIn(await context.newPage(), server.url, 'dongshan.crew');
    await phone.goto(`${server.url}/daily-report`);
    await phone.getByTestId('report-nil').waitFor();
    // The installable app: its manifest is linked and its service worker takes the page.
    expect(await phone.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    await phone.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await shot(phone, 'phone-form');

    await context.setOffline(true);
    const started = Date.now();
    await phone.getByTestId('report-nil').click();
    await phone.getByTestId('report-nil-confirm').click();
    await phone.getByTestId('report-saved').waitFor();
    const tookMs = Date.now() - started;
    expect(await phone.getByTestId('report-saved').textContent()).toContain('已保存，联网后自动上报');
    await shot(phone, 'phone-saved-offline');
    expect(await reportRowsOf('甲班')).toEqual([]);

    await context.setOffline(false);
    await phone.getByTestId('report-sent').waitFor({ timeout: 20_000 });
    expect(await phone.getByTestId('report-sent').textContent()).toContain('已上报');
    await shot(phone, 'phone-sent');
    // Opening the page again sends nothing more: one report on the server, the nil one of today.
    await phone.reload();
    await phone.getByTestId('report-sent').waitFor();
    await phone.waitForTimeout(1000);
    expect(await reportRowsOf('甲班')).toEqual([{ report_date: today, nil: 1 }]);
    process.stdout.write(`nil report: tap to "已保存" offline in ${tookMs} ms\n`);
    await context.close();
  });

  it('at the cut-off the team that did not report is chased, then the mine office; the chief sees it on the morning view', async () => {
    const admin = await logIn(await browser.newPage({ locale: 'zh-CN', viewport: DESK }), server.url, 'admin');
    const tree = (await callApi(admin, 'GET', '/api/units')).json as {
      units: { id: string; parentId: string | null }[];
    };
    const rootId = tree.units.find((u) => u.parentId === null)?.id ?? '';
    // The enterprise's cut-off is midnight and the grace nothing: today's cut-off has passed for sure.
    for (const [key, value] of [
      ['report.cutoff', '00:00'],
      ['report.escalateAfterMinutes', 0],
    ] as const) {
      expect((await callApi(admin, 'PUT', `/api/settings/${key}`, { unitId: rootId, value })).status).toBe(200);
    }
    await admin.close();

    // The chase job, as the scheduler runs it, with a fixed clock past the cut-off.
    const database = serverDatabase();
    try {
      const deps = {
        db: database.db,
        dialect: database.dialect,
        clock: fixedClock(new Date().toISOString()),
        ids: sequentialIds('E2E'),
        log: createLogger({ logLevel: 'silent' }),
        hasher: argon2Hasher(1024),
        cipher: testCipher(),
        outbound: NO_OUTBOUND,
      };
      const chase = await chaseDailyReports(deps);
      expect(chase.days).toContain(today);
      expect(chase.missing).toBeGreaterThan(0);
      expect((await chaseDailyReports(deps)).told).toBe(0);
      const told = await database.db
        .selectFrom('notification')
        .innerJoin('app_user', 'app_user.id', 'notification.user_id')
        .select(['app_user.username', 'notification.kind', 'notification.data_json'])
        .where('notification.kind', 'in', ['daily_report_missing', 'daily_report_escalated'])
        .execute();
      const about = (unitName: string) =>
        told
          .filter((n) => (JSON.parse(n.data_json) as { unitName: string }).unitName === unitName)
          .map((n) => `${n.kind}:${n.username}`);
      expect(about('东山煤矿 综采一队')).toEqual(
        expect.arrayContaining(['daily_report_missing:dongshan.t1', 'daily_report_escalated:dongshan.officer']),
      );
      expect(about('东山煤矿 综采一队 甲班')).toEqual([]);
    } finally {
      await database.close();
    }

    // The 区队长 reads it among his notifications.
    const head = await logIn(await browser.newPage({ locale: 'zh-CN', viewport: PHONE }), server.url, 'dongshan.t1');
    const mine = (await callApi(head, 'GET', '/api/notifications')).json as { items: { kind: string }[] };
    expect(mine.items.map((n) => n.kind)).toContain('daily_report_missing');
    await head.close();

    const chief = await logIn(await browser.newPage({ locale: 'zh-CN', viewport: DESK }), server.url, 'chief');
    await chief.goto(`${server.url}/morning-report?date=${today}`);
    const dongshan = chief.getByTestId('morning-groups').locator('tr', { hasText: '东山煤矿' });
    await dongshan.waitFor();
    await shot(chief, 'morning-group');
    await dongshan.getByTestId('morning-drill').click();
    const units = chief.getByTestId('morning-units');
    await units.waitFor();
    expect(await units.locator('tr', { hasText: '综采一队 甲班' }).textContent()).toContain('零报告');
    const team = units.locator('tr').filter({ hasText: '东山煤矿 综采一队' }).filter({ hasNotText: '甲班' });
    expect(await team.first().textContent()).toContain('未报');
    await shot(chief, 'morning-mine', true);
    // The same view on a phone.
    await chief.setViewportSize(PHONE);
    await shot(chief, 'morning-mine-phone', true);
    await chief.close();
  });

  it('the office enters a hazard a team reported in the hazard ledger from the morning view, once', async () => {
    // The team that was chased reports at last, late: a hazard, twelve workers.
    const head = await logIn(await browser.newPage({ locale: 'zh-CN', viewport: PHONE }), server.url, 'dongshan.t1');
    const filed = await callApi(head, 'POST', '/api/daily-reports', {
      reportKey: crypto.randomUUID(),
      reportDate: today,
      nil: false,
      items: [
        { kind: 'hazard', text: '部分职工对新的绩效工资办法有意见，有相约集体到矿上反映的苗头。', headcount: 12 },
      ],
    });
    expect(filed.status).toBe(200);
    await head.close();
    const chief = await logIn(await browser.newPage({ locale: 'zh-CN', viewport: DESK }), server.url, 'chief');
    await chief.goto(`${server.url}/morning-report?date=${today}`);
    const items = chief.getByTestId('morning-items');
    const enter = items.locator('[data-testid^="morning-item-hazard-"]').first();
    await enter.click();
    const dialog = chief.getByRole('dialog');
    await expect.poll(() => dialog.locator('input').first().inputValue()).toContain('绩效工资');
    await shot(chief, 'morning-item-to-hazard');
    await chief.getByTestId('morning-hazard-save').click();
    await items.getByText('已录入排查台账').first().waitFor();
    expect(await items.locator('[data-testid^="morning-item-hazard-"]').count()).toBe(0);
    await items.getByText('已录入排查台账').first().click();
    await chief.waitForURL((url) => url.pathname.startsWith('/hazards/'));
    await chief.getByText('部分职工对新的绩效工资办法有意见').first().waitFor();
    await shot(chief, 'morning-item-hazard-page');
    await chief.close();
  });
});

/**
 * Journey: a day of duty (issue #15, the first half of the second "Done when"). 东山煤矿's officer
 * sees who is on duty on the workbench (desk 1280 and phone 390×844), logs a call on the shift now,
 * turns it into a petition in one step (the entry shows the case number, the case opens), hands the
 * shift over, and the next shift opens with that handover on top. The portal shows today's duty
 * phone and the reception days ahead; the roster page shows the week. Screens go to
 * e2e/output/duty-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

const DESK = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3965, {}, (world) => ({ server, browser } = world));

async function as(username: string, viewport: typeof DESK): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport, timezoneId: 'Asia/Shanghai' });
  return logIn(page, server.url, username);
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(`duty-${name}`), fullPage });
}

describe('a day of duty at 东山煤矿', () => {
  it('the officer sees who is on duty, logs a call, turns it into a petition, hands over; the next shift sees it', async () => {
    const page = await as('dongshan.officer', DESK);
    // 工作台: who is on duty now, at the mine and at the group above it.
    const card = page.getByTestId('on-duty-card');
    await card.getByTestId('on-duty-leader').first().waitFor();
    expect(await card.textContent()).toContain('东山煤矿');
    expect(await card.textContent()).toContain('0351-7662110');
    await shot(page, 'workbench-desk');

    // 值班日志 of the shift now: log a call as it comes in.
    await page.goto(`${server.url}/duty/log`);
    await page.getByTestId('duty-shift-title').waitFor();
    expect(await page.getByTestId('duty-shift-title').textContent()).toContain('东山煤矿');
    const callText = '综采二队职工周某来电：三月份井下津贴少发八百元，要求核实补发。';
    await page.getByTestId('duty-entry-text').fill(callText);
    await page.getByTestId('duty-entry-add').click();
    const entry = page.locator('[data-testid^="duty-entry-"]').filter({ hasText: callText });
    await entry.waitFor();

    // One step: the call becomes a petition; the entry shows its case number.
    await entry.getByRole('button', { name: '转为信访' }).click();
    await page.getByTestId('duty-to-petition-title').fill('三月井下津贴少发');
    await page.getByTestId('duty-to-petition-name').fill('周某');
    await page.getByTestId('duty-to-petition-ok').click();
    const caseLink = entry.locator('a[data-testid^="duty-entry-case-"]');
    await caseLink.waitFor();
    const caseNumber = (await caseLink.textContent())?.trim() ?? '';
    expect(caseNumber).toMatch(/\d/);
    await shot(page, 'log-desk', true);

    // The case it became: registered as 电话 at the call's time, the case number the same.
    await caseLink.click();
    await page.waitForURL(/\/petitions\//);
    await page.getByText(caseNumber).first().waitFor();
    expect(await page.getByTestId('petition-body').textContent()).toContain('井下津贴少发八百元');
    await page.goBack();

    // 交接班: the note closes the shift; the next shift opens with it on top.
    await page.getByTestId('duty-handover-note').waitFor();
    const note = '周某津贴问题已转信访事项，请夜班关注综采二队情绪。';
    await page.getByTestId('duty-handover-note').fill(note);
    await page.getByTestId('duty-handover').click();
    await page.getByTestId('duty-handed-over').waitFor();
    expect(await page.getByTestId('duty-entry-text').count()).toBe(0);
    await page.getByTestId('duty-open-next').click();
    await page.getByTestId('duty-previous-handover').waitFor();
    expect(await page.getByTestId('duty-previous-handover').textContent()).toContain(note);
    await shot(page, 'next-shift-desk');

    // The week's roster.
    await page.goto(`${server.url}/duty/roster`);
    await page.getByText('0351-7662110').first().waitFor();
    await shot(page, 'roster-desk');
    // The week's editor, as the office opens it (cancelled: the roster stays as it is).
    await page.getByTestId('duty-edit-roster').click();
    await page.getByTestId('duty-fill-week').waitFor();
    await shot(page, 'roster-editor-desk');
    // Saved as it stands: the week's own shifts, nothing refused.
    await page.getByTestId('duty-save-roster').click();
    await page.getByText('排班已保存').waitFor();

    // 领导接待日: the days ahead, published by the offices.
    await page.goto(`${server.url}/duty/reception-days`);
    await page.getByText('东山煤矿信访接待室').waitFor();
    await shot(page, 'reception-desk');
    await page.close();
  });

  it('on a phone (390×844) the on-duty card and the duty log fit one column', async () => {
    const page = await as('dongshan.officer', PHONE);
    await page.getByTestId('on-duty-card').getByTestId('on-duty-leader').first().waitFor();
    const box = await page.getByTestId('on-duty-card').boundingBox();
    expect(box?.width).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('on-duty-card').scrollIntoViewIfNeeded();
    await shot(page, 'workbench-phone');
    await page.goto(`${server.url}/duty/log`);
    await page.getByTestId('duty-shift-title').waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'log-phone', true);
    await page.close();
  });

  it("the portal shows the office's duty phone today and the reception days ahead, no person's own number", async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: PHONE, timezoneId: 'Asia/Shanghai' });
    await page.goto(`${server.url}/portal`);
    await page.getByTestId('portal-duty-phone').waitFor();
    expect(await page.getByTestId('portal-duty-phone').textContent()).toBe('0351-7661000');
    const days = (await page.getByTestId('portal-reception-days').textContent()) ?? '';
    expect(days).toContain('集团信访接待中心');
    expect(days).toContain('东山煤矿信访接待室');
    expect(days).not.toMatch(/1[3-9]\d{9}/);
    await page.getByTestId('portal-duty').scrollIntoViewIfNeeded();
    await shot(page, 'portal-phone');
    await page.close();
  });
});

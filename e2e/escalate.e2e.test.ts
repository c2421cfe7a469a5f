/**
 * Journeys of issue #14 in the workbench:
 *  - a matter 交办 by the city petition bureau is registered with its 文号, deadline and the report it
 *    requires; the 越级 flag follows from the petitioner's unit and the visit to the city; the report
 *    to the bureau is generated in the official layout (screenshot), posted, and its deadline met;
 *  - a mine office sends a case it cannot decide up to the group (报请上级); the group office is told,
 *    sees why on the timeline and decides; the mine follows it without deciding.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer, actOnCase as act } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3960, {}, (world) => ({ server, browser } = world));

/** The local date in China `days` from now. */
function localDate(days: number): string {
  const local = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  return local.toISOString().slice(0, 10);
}

async function as(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  return logIn(page, server.url, username);
}

/** Choose `text` in the select (or tree select) inside `scope`, found by its test id or the item's label. */
async function choose(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(text);
  const dropdown = page.locator('.ant-select-dropdown:visible, .ant-tree-select-dropdown:visible').last();
  await dropdown.getByText(text, { exact: true }).first().click();
}

async function registerAndOpen(page: Page, fill: () => Promise<void>): Promise<string> {
  await page.goto(`${server.url}/petitions/new`);
  await page.getByTestId('register-title').waitFor();
  await fill();
  await page.getByTestId('register-submit').click();
  await page.getByTestId('confirm-without-category').click();
  await page.getByTestId('register-case-link').click();
  await page.getByTestId('petition-state').waitFor();
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

describe('matters from above and escalation up the tree', () => {
  it('registers a matter 交办 by the city bureau and generates the report it requires', async () => {
    const office = await as('officer');
    const due = localDate(20);
    const id = await registerAndOpen(office, async () => {
      await choose(office, office.getByTestId('register-channel'), '上级转送');
      await office.getByTestId('register-referral').waitFor();
      await office.getByTestId('referral-body').fill('市信访局');
      await office.getByTestId('referral-number').fill('市信交〔2026〕15号');
      await choose(office, office.getByTestId('referral-route'), '交办');
      await office.getByTestId('referral-due').click();
      await office.keyboard.type(due);
      await office.keyboard.press('Enter');
      await choose(office, office.getByTestId('referral-form'), '办结报告');
      await choose(office, office.getByTestId('referral-channel'), '来访');
      await office.getByTestId('register-title').fill('采煤沉陷区房屋裂缝补偿');
      await office
        .getByTestId('register-body')
        .fill('东山煤矿采煤沉陷致房屋开裂，多次向矿里反映未果，现到市信访局反映，请求鉴定并补偿。');
      await office.getByTestId('register-petitioner-name-0').fill('赵大勇');
      const unit = office
        .getByTestId('register-petitioner')
        .first()
        .locator('.ant-form-item')
        .filter({ hasText: '所在单位' });
      await choose(office, unit.locator('.ant-select').first(), '综采二队');
    });

    // What the bureau sent and what it requires, with the report's deadline among the others.
    const referral = office.getByTestId('petition-referral');
    for (const part of ['市信访局', '市信交〔2026〕15号', '交办', '办结报告', due])
      expect(await referral.textContent()).toContain(part);
    expect(
      await office.getByTestId('petition-deadlines').locator('tr').filter({ hasText: '向上级报告' }).textContent(),
    ).toContain(due);
    // A worker of 东山煤矿's team who went to the city in person went two levels past his mine (第20条).
    expect(await office.locator('.ant-tag').filter({ hasText: '越级' }).count()).toBeGreaterThan(0);

    // Accepted: the notice is made in the step (its tick on by default) and owed until it goes out (第23条).
    await office.getByTestId('action-triage').click();
    await office.getByTestId('action-submit').click();
    // 研判 without a 内容分类 asks first; the office goes on.
    await office.getByTestId('confirm-without-category').click();
    await office.getByTestId('action-accept').waitFor();
    await act(office, 'accept');
    await office.getByTestId('owed-acceptance_notice-delivery').waitFor();

    // The report to the bureau is generated from the case, in the official layout.
    await office.getByTestId('document-generate').click();
    await office.locator('.ant-dropdown:visible').getByText('向上级报告').click();
    const number = office.getByTestId('document-number-referral_report');
    await number.waitFor();
    expect(await number.textContent()).toMatch(/^信报〔\d{4}〕\d+号$/);
    const [printPage] = await Promise.all([
      office.context().waitForEvent('page'),
      office.getByTestId('document-print-referral_report').click(),
    ]);
    await printPage.waitForLoadState();
    const printed = (await printPage.locator('main.sheet').textContent()) ?? '';
    for (const part of [
      '关于“采煤沉陷区房屋裂缝补偿”信访事项办结情况的报告',
      '市信访局',
      '你单位交办的',
      '市信交〔2026〕15号',
      '受理',
      '特此报告',
    ])
      expect(printed).toContain(part);
    const printFile = screenshotPath('referral-report-print');
    await printPage.screenshot({ path: printFile, fullPage: true });
    process.stdout.write(`screenshot: ${printFile}\n`);
    await printPage.close();

    // Posted to the bureau: the report's deadline is met.
    await office.getByTestId('document-deliver-referral_report').click();
    const modal = office.locator('.ant-modal-wrap:visible').last();
    await choose(office, modal.getByTestId('document-delivery-method'), '邮寄');
    await modal.locator('.ant-form-item').filter({ hasText: '邮件单号' }).locator('input').fill('EMS1100000001');
    await office.getByTestId('document-delivery-submit').click();
    await modal.waitFor({ state: 'hidden' });
    await office.reload();
    await office.getByTestId('petition-referral').waitFor();
    expect(await office.getByTestId('referral-status').textContent()).toContain('按期完成');
    const caseFile = screenshotPath('referral-case');
    await office.screenshot({ path: caseFile, fullPage: true });
    process.stdout.write(`screenshot: ${caseFile}\n`);
    expect(id).not.toBe('');
  });

  it('lets a mine office send a case up to the group, which is told and decides', async () => {
    const mine = await as('dongshan.officer');
    const id = await registerAndOpen(mine, async () => {
      await choose(mine, mine.getByTestId('register-channel'), '来访');
      await mine.getByTestId('register-title').fill('井下津贴标准偏低');
      await mine.getByTestId('register-body').fill('井下津贴标准多年未调整，请求按集团统一标准提高。');
      await mine.getByTestId('register-petitioner-name-0').fill('钱志刚');
    });
    await act(mine, 'escalate', async (modal) =>
      modal.getByTestId('action-field-reason').fill('津贴标准由集团统一规定，本矿无权调整，报请集团研究'),
    );
    expect(await mine.getByTestId('petition-state').textContent()).toContain('已研判');
    const timeline = mine.getByTestId('petition-timeline');
    expect(await timeline.textContent()).toContain('报请上级');
    expect(await timeline.textContent()).toContain('本矿无权调整');
    // The mine follows the case; the group decides it now.
    expect(await mine.getByTestId('action-accept').count()).toBe(0);
    expect(await mine.getByTestId('action-escalate').count()).toBe(0);

    // The group office is told on its workbench and opens the case from the notice.
    const group = await as('officer');
    await group.goto(`${server.url}/`);
    const notice = group.getByTestId('notifications').getByText('东山煤矿报请上级处理').first();
    await notice.waitFor();
    await notice.click();
    await group.getByTestId('petition-state').waitFor();
    expect(new URL(group.url()).pathname).toBe(`/petitions/${id}`);
    expect(await group.getByTestId('petition-timeline').textContent()).toContain('本矿无权调整');
    await group.getByTestId('action-accept').waitFor();
    const file = screenshotPath('escalated-group-view');
    await group.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);
    await act(group, 'accept');
    expect(await group.getByTestId('petition-state').textContent()).toContain('已受理');
  });
});

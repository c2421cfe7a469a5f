/**
 * Journey (issue #18, first "Done when"): the admin sets up a quarterly scheme (a weight sum that is
 * not 100 refused first) and opens a round for the demo enterprise on the last closed quarter (an
 * open quarter refused); a mine's chief self-assesses on a phone and attaches evidence; the group's
 * chief reviews and adjusts that mine's score with a reason (refused without one), publishes the
 * ranking, and drills one point down to its cases on the petition list.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3951, {}, (world) => ({ server, browser } = world));

const DESKTOP = { width: 1400, height: 1000 };
const PHONE = { width: 390, height: 844 };
const SCHEME = '集团季度信访考核（试行）';

/** The quarter `back` quarters before today's (China time), as the demo keys them. */
function quarterBefore(back: number): string {
  const local = new Date(Date.now() + 8 * 3_600_000);
  const index = local.getUTCFullYear() * 4 + Math.floor(local.getUTCMonth() / 3) - back;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

async function as(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport });
  return logIn(page, server.url, username);
}

async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

describe('appraisal', () => {
  it('scheme, round, self-assessment, review, publication, drill-down', { timeout: 180_000 }, async () => {
    const closed = quarterBefore(1);
    // The admin: a scheme whose weights add up to 60 is refused, then saved at 100 with a deduction rule.
    const admin = await as('admin', DESKTOP);
    await admin.getByRole('menuitem', { name: '考核' }).click();
    await admin.waitForURL((url) => url.pathname === '/appraisal');
    await admin.getByTestId('appraisal-new-scheme').click();
    const form = admin.getByTestId('scheme-form');
    await form.getByTestId('scheme-name').fill(SCHEME);
    const weight = form.getByTestId('scheme-indicator-0').locator('.ant-input-number-input').first();
    await weight.fill('60');
    await expect.poll(() => form.getByTestId('scheme-weight-sum').textContent()).toContain('60');
    await form.getByTestId('scheme-add-rule').click();
    await admin.getByTestId('scheme-save').click();
    await admin.locator('.ant-modal .ant-alert-error').waitFor();
    await weight.fill('100');
    await admin.getByTestId('scheme-save').click();
    await admin.getByTestId('appraisal-schemes').getByText(SCHEME).waitFor();
    await admin.screenshot({ path: screenshotPath('appraisal-schemes'), fullPage: true });

    // A round on the current (open) quarter is refused; on the last closed one it is computed.
    await admin.getByTestId('appraisal-open-round').click();
    await pick(admin, 'round-scheme', SCHEME);
    await admin.getByTestId('round-period').fill(quarterBefore(0));
    await admin.getByTestId('round-open-submit').click();
    await admin.locator('.ant-modal .ant-alert-error').waitFor();
    await admin.getByTestId('round-period').fill(closed);
    await admin.getByTestId('round-open-submit').click();
    await admin.waitForURL((url) => url.pathname.startsWith('/appraisal/rounds/'));
    const roundUrl = admin.url();
    const ranking = admin.getByTestId('round-ranking');
    await ranking.getByText('东山煤矿').waitFor();
    expect(await ranking.locator('tbody tr').count()).toBe(3);
    await admin.screenshot({ path: screenshotPath('appraisal-round-admin'), fullPage: true });

    // 东山煤矿's chief, on a phone: sees only his mine, writes the self-assessment, attaches evidence.
    const mine = await as('dongshan.chief', PHONE);
    await mine.goto(roundUrl);
    const self = mine.getByTestId('appraisal-self');
    await self.getByTestId('self-text').fill('本季度重复访下降，越级访一件已约谈责任区队，整改报告附后。');
    await self.getByTestId('self-submit').click();
    await self.locator('input[type=file]').setInputFiles({
      name: '整改报告.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('东山煤矿整改报告：已召开专题会议，落实包案责任。', 'utf8'),
    });
    await self.getByTestId('self-evidence').getByText('整改报告.txt').waitFor();
    expect(await mine.getByTestId('round-ranking').getByText('南峪煤矿').count()).toBe(0);
    await mine.screenshot({ path: screenshotPath('appraisal-self-phone'), fullPage: true });

    // The group's chief: an adjustment without a reason is refused; with one it is recorded; published.
    const chief = await as('chief', DESKTOP);
    await chief.goto(roundUrl);
    await chief.getByTestId('result-东山煤矿').click();
    const breakdown = chief.getByTestId('round-breakdown');
    await breakdown.getByTestId('self-shown').getByText('越级访一件').waitFor();
    const review = breakdown.getByTestId('appraisal-review');
    await review.getByTestId('review-adjustment').fill('2');
    await review.getByTestId('review-submit').click();
    await review.locator('.ant-alert-error').waitFor();
    await review.getByTestId('review-reason').fill('越级访已当场化解并整改到位，经集团研究加2分');
    await review.getByTestId('review-submit').click();
    const row = chief.getByTestId('round-ranking').locator('tbody tr', { hasText: '东山煤矿' });
    await expect.poll(() => row.textContent()).toContain('+2');
    await chief.getByTestId('round-publish').click();
    await chief.getByTestId('publish-confirm').click();
    await expect.poll(() => chief.getByTestId('round-status').textContent()).toBe('已公布');
    await chief.waitForTimeout(600); // the chart's animation
    await chief.screenshot({ path: screenshotPath('appraisal-round-published'), fullPage: true });

    // One point drilled down: the 按期办结 cases of 东山煤矿 in the quarter, on the petition list — as
    // many as the score counted (the measured cell reads `56.3%（9/16）`).
    const measured = (await breakdown.getByTestId('appraisal-items').locator('tbody tr').first().textContent()) ?? '';
    const met = Number(/（(\d+)\/\d+）/.exec(measured)?.[1]);
    expect(met).toBeGreaterThan(0);
    await breakdown.getByTestId('drill-petition.concludedOnTime').click();
    await chief.waitForURL((url) => url.pathname === '/petitions' && url.searchParams.get('conclusion') === 'met');
    const url = new URL(chief.url());
    expect(url.searchParams.get('conclusionDueFrom')).toMatch(/^\d{4}-\d{2}-01$/);
    await chief.locator('.ant-table-row').first().waitFor();
    // The list settles after its first rows (a slow machine took more than the poll's default second).
    await expect.poll(() => chief.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(met);
    await chief.screenshot({ path: screenshotPath('appraisal-drill'), fullPage: true });

    // Published: the mine now sees the whole ranking.
    await mine.goto(roundUrl);
    await mine.getByTestId('round-ranking').getByText('南峪煤矿').waitFor();
    // 奖惩与问责 (第39条): the group's chief records a 约谈 against the lowest unit, on an indicator of this
    // round, with a 整改 deadline; the numbered decision is listed and opened.
    await chief.goto(roundUrl);
    const rows = chief.getByTestId('round-ranking').locator('tbody tr');
    await rows.getByText('东山煤矿').waitFor();
    let lowest = { rank: 0, name: '' };
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = rows.nth(i).locator('td');
      const rank = Number((await cells.nth(0).textContent())?.trim());
      const name = (await cells.nth(2).textContent())?.trim() ?? ''; // rank, its change, the unit
      if (rank > lowest.rank) lowest = { rank, name };
    }
    expect(lowest.name).not.toBe('');
    await chief.getByTestId(`result-${lowest.name}`).click();
    const measures = chief.getByTestId('round-measures');
    await measures.getByText(lowest.name).first().waitFor();
    await measures.getByTestId('measure-open').click();
    const dialog = chief.locator('.ant-modal');
    await dialog.getByTestId('measure-figure').click();
    await chief.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await dialog.getByTestId('measure-facts').fill(`${lowest.name}本季度考核排名末位，按期办结率偏低。`);
    await dialog.getByTestId('measure-decision').fill('约谈矿长、分管领导，责令制定整改方案并限期整改到位。');
    const due = new Date(Date.now() + 38 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByTestId('measure-due').click();
    await chief.keyboard.type(due);
    await chief.keyboard.press('Enter');
    await dialog.getByTestId('measure-submit').click();
    const status = measures.getByTestId('measure-status').first();
    await status.waitFor();
    expect(await status.textContent()).toContain(due);
    expect(await status.textContent()).toContain('整改中');
    const docLink = measures.getByTestId('measure-document').first();
    expect(await docLink.textContent()).toMatch(/^信奖惩〔\d{4}〕\d+号$/);
    await chief.screenshot({ path: screenshotPath('appraisal-measure'), fullPage: true });
    // The decision as printed (its link opens a tab; here the same page goes there).
    const documentPage = chief;
    await documentPage.goto(new URL((await docLink.getAttribute('href')) ?? '', chief.url()).toString());
    await documentPage.getByText(`关于对${lowest.name}予以约谈的决定`).waitFor();
    await documentPage.getByText('整改', { exact: false }).first().waitFor();
    await documentPage.screenshot({ path: screenshotPath('appraisal-measure-document'), fullPage: true });
  });
});

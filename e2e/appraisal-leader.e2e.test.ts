/**
 * Journey (issue #18, leaders as well as units — 第39条): the admin sets up a leader scheme (the hint
 * says what a leader is scored on) and opens a round on the last closed quarter: the mines' chiefs and
 * deputies are ranked; 东山煤矿's chief, on a phone, assesses himself and may not assess his deputy; the
 * group's chief sees the indicator breakdown chart, reviews the deputy with a reasoned adjustment,
 * publishes, and drills the chief's point down to the petition list filtered by owner. The demo's
 * leader scheme shows the rank change against its previous round. A measure is rested on an emergency
 * incident picked from a searchable list. A person's record: reached from the leader's result and from
 * the user list, and a mine chief's own — his 约谈 rectified in time — while another mine's officer is
 * refused it.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3954, {}, (world) => ({ server, browser } = world));

const DESKTOP = { width: 1400, height: 1000 };
const PHONE = { width: 390, height: 844 };
const SCHEME = '矿领导包案考核（试行）';
const CHIEF = '张志强'; // dongshan.chief
const DEPUTY = '李国华'; // dongshan.deputy

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

describe('leader appraisal and a person’s record', () => {
  it(
    'leader round: scheme, ranking, own self-assessment, review, publication, drill by owner',
    { timeout: 240_000 },
    async () => {
      const admin = await as('admin', DESKTOP);
      await admin.goto(`${server.url}/appraisal`);
      await admin.getByTestId('appraisal-new-scheme').click();
      const form = admin.getByTestId('scheme-form');
      await form.getByTestId('scheme-name').fill(SCHEME);
      await pick(admin, 'scheme-subject', '领导考核');
      await admin.getByTestId('scheme-leader-hint').waitFor();
      await admin.screenshot({ path: screenshotPath('appraisal-leader-scheme'), fullPage: true });
      await admin.getByTestId('scheme-save').click();
      await admin.getByTestId('appraisal-schemes').getByText(SCHEME).waitFor();
      await admin.getByTestId('appraisal-open-round').click();
      await pick(admin, 'round-scheme', SCHEME);
      await admin.getByTestId('round-period').fill(quarterBefore(1));
      await admin.getByTestId('round-open-submit').click();
      await admin.waitForURL((url) => url.pathname.startsWith('/appraisal/rounds/'));
      const roundUrl = admin.url();
      const ranking = admin.getByTestId('round-ranking');
      await ranking.getByText(`${CHIEF}（东山煤矿）`).waitFor();
      // Three mines, a chief and a deputy each.
      expect(await ranking.locator('tbody tr').count()).toBe(6);

      // 东山煤矿's chief on a phone: his own result takes his assessment; his deputy's does not.
      const mine = await as('dongshan.chief', PHONE);
      await mine.goto(roundUrl);
      await mine.getByTestId(`result-${DEPUTY}`).click();
      const mineBreakdown = mine.getByTestId('round-breakdown');
      await mineBreakdown.getByText(`${DEPUTY}（东山煤矿）`).first().waitFor();
      expect(await mineBreakdown.getByTestId('self-text').count()).toBe(0);
      await mine.getByTestId(`result-${CHIEF}`).click();
      await mineBreakdown.getByText('本人自评').waitFor();
      await mineBreakdown.getByTestId('self-text').fill('本季度包案事项均按期出具处理意见，一件超期已督办。');
      await mineBreakdown.getByTestId('self-submit').click();
      await mine.locator('.ant-message-notice').first().waitFor();
      await mine.screenshot({ path: screenshotPath('appraisal-leader-self-phone'), fullPage: true });

      // The group's chief: the deputy reviewed with a reason, the round published, the breakdown chart.
      const chief = await as('chief', DESKTOP);
      await chief.goto(roundUrl);
      await chief.getByTestId(`result-${DEPUTY}`).click();
      const breakdown = chief.getByTestId('round-breakdown');
      await breakdown.getByTestId('appraisal-breakdown-chart').locator('canvas').waitFor();
      const review = breakdown.getByTestId('appraisal-review');
      await review.getByTestId('review-adjustment').fill('1');
      await review.getByTestId('review-reason').fill('分管事项协调及时，经集团研究加1分');
      await review.getByTestId('review-submit').click();
      const row = chief.getByTestId('round-ranking').locator('tbody tr', { hasText: DEPUTY });
      await expect.poll(() => row.textContent()).toContain('+1');
      await chief.getByTestId('round-publish').click();
      await chief.getByTestId('publish-confirm').click();
      await expect.poll(() => chief.getByTestId('round-status').textContent()).toBe('已公布');
      // A first round of the scheme: every leader is new to its ranking.
      await expect.poll(() => chief.getByTestId('rank-change').first().textContent()).toBe('新进');
      await chief.waitForTimeout(600); // the charts' animation
      await chief.screenshot({ path: screenshotPath('appraisal-leader-round'), fullPage: true });

      // The chief's 按期办结 point: his own cases on the petition list (ownerId), as many as were counted.
      await chief.getByTestId(`result-${CHIEF}`).click();
      await breakdown.getByText(`${CHIEF}（东山煤矿）`).first().waitFor();
      await breakdown.getByTestId('self-shown').getByText('一件超期已督办').waitFor();
      const measured = (await breakdown.getByTestId('appraisal-items').locator('tbody tr').first().textContent()) ?? '';
      const met = Number(/（(\d+)\/\d+）/.exec(measured)?.[1] ?? 0);
      await breakdown.getByTestId('drill-petition.concludedOnTime').click();
      await chief.waitForURL((url) => url.pathname === '/petitions' && url.searchParams.get('ownerId') !== null);
      expect(new URL(chief.url()).searchParams.get('unitId')).toBeNull();
      if (met > 0) await chief.locator('.ant-table-row').first().waitFor();
      await expect.poll(() => chief.locator('.ant-table-row').count()).toBe(met);
      await chief.screenshot({ path: screenshotPath('appraisal-leader-drill'), fullPage: true });

      // The demo's leader scheme, second published round: the change against the first (↑n / ↓n / 持平).
      await chief.goto(`${server.url}/appraisal`);
      await chief.getByText('矿领导包案考核').first().waitFor();
      await chief
        .locator('tbody tr', { hasText: quarterBefore(1) })
        .filter({ hasText: '矿领导包案考核' })
        .filter({ hasNotText: '试行' })
        .getByRole('link')
        .first()
        .click();
      await chief.waitForURL((url) => url.pathname.startsWith('/appraisal/rounds/'));
      await chief.getByTestId('rank-change').first().waitFor();
      const changes = await chief.getByTestId('rank-change').allTextContents();
      expect(changes.every((c) => /^(↑\d+|↓\d+|持平)$/.test(c))).toBe(true);
      await chief.waitForTimeout(600);
      await chief.screenshot({ path: screenshotPath('appraisal-leader-rank-change'), fullPage: true });
    },
  );

  it(
    'a measure rests on an incident picked by search; a person’s record from a result, the user list and his own',
    { timeout: 180_000 },
    async () => {
      const chief = await as('chief', DESKTOP);
      await chief.goto(`${server.url}/appraisal`);
      await chief
        .locator('tbody tr', { hasText: quarterBefore(1) })
        .filter({ hasText: '矿领导包案考核' })
        .filter({ hasNotText: '试行' })
        .getByRole('link')
        .first()
        .click();
      await chief.getByTestId(`result-${CHIEF}`).click();
      // 约谈 of 东山煤矿's chief on the emergency drill: the incident found by typing part of its unit.
      const measures = chief.getByTestId('round-measures');
      await measures.getByTestId('measure-open').click();
      const dialog = chief.locator('.ant-modal');
      await dialog.getByTestId('measure-incident').click();
      await chief.keyboard.type('东山');
      const option = chief.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      await option.waitFor();
      const incidentLabel = (await option.textContent()) ?? '';
      expect(incidentLabel).toContain('东山');
      await option.click();
      await dialog.getByTestId('measure-facts').fill('应急演练中现场处置组到位迟缓。');
      await dialog.getByTestId('measure-decision').fill('对其进行约谈，责令完善应急预案处置流程。');
      await chief.screenshot({ path: screenshotPath('appraisal-measure-incident'), fullPage: true });
      await dialog.getByTestId('measure-submit').click();
      await measures.getByTestId('measure-document').first().waitFor();
      const title = incidentLabel.split(' · ')[0] ?? '';
      await measures.getByText(title, { exact: false }).first().waitFor();

      // His record, from his result: the 约谈 just decided, his training, his leader scores.
      await chief.getByTestId('leader-record').click();
      await chief.waitForURL((url) => url.pathname.startsWith('/people/'));
      const record = chief.getByTestId('person-record');
      await record.getByTestId('person-name').getByText(CHIEF).waitFor();
      await record.getByTestId('person-measures').getByText('约谈').first().waitFor();
      await record.getByTestId('person-scores').getByText('矿领导包案考核').first().waitFor();
      await record.getByTestId('person-training').waitFor();
      await chief.screenshot({ path: screenshotPath('person-record-from-result'), fullPage: true });

      // From the user list: the admin opens 北岭煤矿's chief; his record shows the 约谈 rectified in time.
      const admin = await as('admin', DESKTOP);
      await admin.goto(`${server.url}/users`);
      await admin
        .locator('input[data-testid="user-filter-q"], [data-testid="user-filter-q"] input')
        .first()
        .fill('beiling.chief');
      await admin.keyboard.press('Enter');
      await admin.getByTestId('user-record-beiling.chief').click();
      await admin.waitForURL((url) => url.pathname.startsWith('/people/'));
      await admin.getByTestId('person-scores').getByText('矿领导包案考核').first().waitFor();

      // The man himself, on a phone: his 约谈 and its 整改 done.
      const own = await as('beiling.chief', PHONE);
      await own.goto(admin.url());
      const ownMeasures = own.getByTestId('person-measures');
      await ownMeasures.getByTestId('measure-status').first().waitFor();
      expect(await ownMeasures.getByTestId('measure-status').first().textContent()).toContain('已整改');
      await own.screenshot({ path: screenshotPath('person-record-own-phone'), fullPage: true });

      // Another mine's officer may not see it.
      const other = await as('dongshan.officer', DESKTOP);
      await other.goto(admin.url());
      await other.locator('.ant-alert-error').waitFor();
    },
  );
});

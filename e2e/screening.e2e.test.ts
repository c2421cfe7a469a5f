/**
 * Journey of issue #15's first "Done when": the group opens a screening campaign (矛盾隐患排查); a mine
 * and its 区队 receive it; the 综采一队 head reports a hazard from a phone (390×844); the mine's chief
 * takes it on (包案), records a measure, asks for 销号 — refused without evidence — and the group
 * approves it (the mine itself cannot); a 区队 of another mine answers 无隐患 in one tap; a third 区队
 * misses the deadline and the chase reaches its head and then the mine office.
 *
 * Time: the chase is the server's periodic job (server/main.ts). The journey runs that same job over
 * the server's database at two instants after the cut-off (24:00 China time on the due date), as the
 * scheduler would when they come — no production hook moves the server's clock.
 * Screens go to e2e/output/screening-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, localDateOf } from '../common/domain/calendar.ts';
import { returnCutoff } from '../common/domain/screening.ts';
import { openDatabase } from '../server/db/database.ts';
import { chaseScreeningReturns } from '../server/modules/prevention/index.ts';
import { fixedClock } from '../server/platform/clock.ts';
import { NO_OUTBOUND } from '../server/platform/deps.ts';
import { sequentialIds } from '../server/platform/ids.ts';
import { createLogger } from '../server/platform/logger.ts';
import { argon2Hasher } from '../server/platform/passwords.ts';
import { testCipher } from '../server/test/test-context.ts';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const TOPIC = '春节前矛盾隐患排查';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3960, {}, (world) => ({ server, browser } = world));

async function as(username: string, viewport = DESK): Promise<Page> {
  const page = await browser.newPage({
    locale: 'zh-CN',
    viewport,
    isMobile: viewport === PHONE,
    hasTouch: viewport === PHONE,
  });
  return logIn(page, server.url, username);
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: screenshotPath(`screening-${name}`), fullPage });
}

/** The server's chase job, run over its database as the scheduler would at `at`. */
async function chaseAt(at: string): Promise<{ chased: number; escalated: number }> {
  const database = openDatabase({ dialect: 'sqlite', file: server.databaseFile });
  try {
    return await chaseScreeningReturns({
      db: database.db,
      dialect: database.dialect,
      clock: fixedClock(at),
      ids: sequentialIds(`E2E${Date.now()}-`),
      log: createLogger({ logLevel: 'silent' }),
      hasher: argon2Hasher(1024),
      // Nothing leaves the machine: the notices are in-app only, so no address is decrypted.
      cipher: testCipher(),
      outbound: NO_OUTBOUND,
    });
  } finally {
    await database.close();
  }
}

async function notificationsText(username: string): Promise<string> {
  const page = await as(username);
  await page.goto(`${server.url}/notifications`);
  await page.getByTestId('notification-item').first().waitFor();
  const text = (await page.getByTestId('notification-item').allTextContents()).join('\n');
  await shot(page, `notifications-${username}`);
  await page.close();
  return text;
}

describe('a screening campaign from the group down to the 区队 and back', () => {
  let campaignId = '';
  let hazardUrl = '';
  let dueDate = '';

  it('the group opens a campaign over its mines and 区队', async () => {
    const group = await as('officer');
    await group.goto(`${server.url}/screening`);
    await group.getByTestId('campaign-new').click();
    await group.getByTestId('campaign-topic').fill(TOPIC);
    await group.getByTestId('campaign-description').fill('重点排查欠薪、工伤待遇、班中餐补贴等易引发集体访的问题');
    const kinds = group.getByTestId('campaign-kinds');
    await kinds.click();
    await group.getByTitle('矿', { exact: true }).click();
    await group.getByTitle('区队', { exact: true }).click();
    await group.keyboard.press('Escape');
    await shot(group, 'open-campaign');
    await group.getByTestId('campaign-save').click();
    await group.getByText('已发起排查').waitFor();
    // The list reloads after the notice: wait for the new campaign's row rather than read the first row
    // of the list as it was (under load the demo's campaign was still first).
    const link = group.locator('[data-testid^="campaign-link-"]', { hasText: TOPIC }).first();
    await link.waitFor();
    expect(await group.locator('[data-testid^="campaign-link-"]').first().textContent()).toBe(TOPIC);
    campaignId = ((await link.getAttribute('data-testid')) ?? '').replace('campaign-link-', '');
    await shot(group, 'campaigns');
    await group.close();
  });

  it('the 综采一队 head reports a hazard from his phone', async () => {
    const head = await as('dongshan.t1', PHONE);
    await head.goto(`${server.url}/screening-returns`);
    const card = head.getByTestId(`return-card-${campaignId}`);
    await card.waitFor();
    dueDate = ((await card.textContent()) ?? '').match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '';
    expect(dueDate).not.toBe('');
    await shot(head, 'phone-returns');
    await head.getByTestId(`return-hazard-${campaignId}`).click();
    await head.getByTestId('hazard-title').fill('综采一队二月井下班中餐补贴停发，职工议论较多');
    await head.getByTestId('hazard-location').fill('东山煤矿综采一队');
    await head.getByTestId('hazard-workers').fill('46');
    await head.getByTestId('hazard-risk').click();
    await head.getByTitle('高', { exact: true }).click();
    await shot(head, 'phone-hazard-form');
    await head.getByTestId('hazard-save').click();
    await head.getByTestId(`return-answered-${campaignId}`).waitFor();
    expect(await head.getByTestId(`return-answered-${campaignId}`).textContent()).toContain('已报送 1 条隐患');
    await shot(head, 'phone-answered');
    await head.close();
  });

  it('a 区队 of another mine answers 无隐患 in one tap', async () => {
    const head = await as('nanyu.t1', PHONE);
    await head.goto(`${server.url}/screening-returns`);
    await head.getByTestId(`return-nil-${campaignId}`).click();
    await head.getByTestId(`return-answered-${campaignId}`).waitFor();
    expect(await head.getByTestId(`return-answered-${campaignId}`).textContent()).toContain('无隐患');
    await head.close();
  });

  it('the mine chief takes the hazard on, records a measure and asks for 销号 with evidence', async () => {
    const chief = await as('dongshan.chief');
    await chief.goto(`${server.url}/hazards`);
    await chief.locator('[data-testid^="hazard-link-"]').filter({ hasText: '班中餐' }).first().click();
    await chief.getByTestId('hazard-take-lead').click();
    await expect.poll(() => chief.getByTestId('hazard-lead').textContent()).toBe('张志强');
    await chief.getByTestId('measure-text').fill('与财务科核对补贴标准，三月工资中补发');
    await chief.getByTestId('measure-due').click();
    await chief.keyboard.type(addCalendarDays(localDateOf(new Date().toISOString()), 7));
    await chief.keyboard.press('Enter');
    await chief.getByTestId('measure-add').click();
    await chief.locator('[data-testid^="measure-done-"]').first().waitFor();
    await chief.locator('[data-testid^="measure-done-"]').first().click();
    await chief.getByText('已完成').waitFor();
    // 销号 without evidence is refused, naming it; nothing changes.
    await chief.getByTestId('clear-request').click();
    await chief.getByText('输入有误').first().waitFor();
    expect(await chief.getByTestId('hazard-state').textContent()).toBe('化解中');
    await chief.getByTestId('clear-evidence').fill('二月补贴已于3月5日随工资补发，46名职工签字确认，班前会已说明');
    await chief.getByTestId('clear-request').click();
    await expect.poll(() => chief.getByTestId('hazard-state').textContent()).toBe('待销号');
    // The mine owns it: it is not the mine's to approve.
    expect(await chief.getByTestId('clear-approve').count()).toBe(0);
    hazardUrl = chief.url();
    await shot(chief, 'hazard-clearing', true);
    await chief.close();
  });

  it('the group approves the 销号', async () => {
    const group = await as('officer');
    await group.goto(hazardUrl);
    await group.getByTestId('clear-decision-text').fill('核实无误，同意销号');
    await group.getByTestId('clear-approve').click();
    await expect.poll(() => group.getByTestId('hazard-state').textContent()).toBe('已销号');
    await shot(group, 'hazard-cleared', true);
    // The roll-up: per mine, then drilled into 东山煤矿.
    await group.goto(`${server.url}/screening/${campaignId}`);
    await group.getByTestId('rollup-table').waitFor();
    await shot(group, 'rollup-group', true);
    await group.getByRole('link', { name: '东山煤矿' }).click();
    await group.getByTestId('rollup-returns').getByText('综采一队').first().waitFor();
    await shot(group, 'rollup-mine', true);
    await group.close();
  });

  it('a 区队 that misses the deadline is chased: its head at the cut-off, the mine office after the grace', async () => {
    const cutoff = Date.parse(returnCutoff(dueDate));
    expect(await chaseAt(new Date(cutoff - 60_000).toISOString())).toEqual({ chased: 0, escalated: 0 });
    const first = await chaseAt(new Date(cutoff + 60_000).toISOString());
    expect(first.chased).toBeGreaterThan(0);
    expect(first.escalated).toBe(0);
    expect(await notificationsText('dongshan.t3')).toContain(
      `矛盾隐患排查“${TOPIC}”已过报送期限（${dueDate}），掘进一队尚未报送`,
    );
    const second = await chaseAt(new Date(cutoff + 24 * 3_600_000 + 60_000).toISOString());
    expect(second.escalated).toBe(first.chased);
    expect(await notificationsText('dongshan.officer')).toContain(
      `掘进一队未按期（${dueDate}）报送矛盾隐患排查“${TOPIC}”`,
    );
    // Run again: nobody is told twice.
    expect(await chaseAt(new Date(cutoff + 48 * 3_600_000).toISOString())).toEqual({ chased: 0, escalated: 0 });
  });
});

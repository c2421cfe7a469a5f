/**
 * Journey of issue #17 (征求意见): the 东山煤矿 office publishes a draft on shift allowances to its
 * 综采一队; three workers comment from their phones (390×844) on the portal — one named, two
 * anonymous — each solving the portal's proof of work; a second comment from the same phone is
 * refused; the office answers each suggestion (one adopted, one partly, one not, each with its
 * reason), and deciding before the deadline is refused. The decision is taken the day after the
 * deadline: the journey runs the office's decide use case over the server's database with a clock
 * on that day (as the screening journey runs its chase) — no production hook moves the server's
 * clock. The adoption summary then appears on the portal, without the named worker's name.
 * Screens go to e2e/output/consultation-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, localDateOf, localDayStartUtc } from '../common/domain/calendar.ts';
import { openDatabase } from '../server/db/database.ts';
import { demoActor } from '../server/demo/demo-people.ts';
import { decideConsultation } from '../server/modules/consultation/index.ts';
import { fixedClock } from '../server/platform/clock.ts';
import { filesystemStore } from '../server/platform/file-store.ts';
import { NO_OUTBOUND } from '../server/platform/deps.ts';
import { sequentialIds } from '../server/platform/ids.ts';
import { createLogger } from '../server/platform/logger.ts';
import { argon2Hasher } from '../server/platform/passwords.ts';
import { testCipher } from '../server/test/test-context.ts';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const TITLE = '关于调整井下倒班津贴的决定（征求意见稿）';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3975, {}, (world) => ({ server, browser } = world));

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(`consultation-${name}`), fullPage });
}

async function phone(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

type Worker = { phone: string; name?: string; body: string };

async function commentFrom(page: Page, url: string, worker: Worker): Promise<void> {
  await page.goto(url);
  await page.getByTestId('portal-consultation').waitFor();
  if (worker.name === undefined) await page.locator('label:has([data-testid="comment-anonymous"])').click();
  else {
    await page.locator('label:has([data-testid="comment-named"])').click();
    await page.locator('#pt-c-name').fill(worker.name);
  }
  await page.locator('#pt-c-phone').fill(worker.phone);
  await page.locator('#pt-c-unit').selectOption({ label: '综采一队' });
  await page.locator('#pt-c-body').fill(worker.body);
  await page.getByTestId('comment-submit').click();
}

/** The office's decide use case over the server's database, at `at` (the day after the deadline). */
async function decideAt(id: string, at: string, decision: string): Promise<void> {
  const database = openDatabase({ dialect: 'sqlite', file: server.databaseFile });
  try {
    const deps = {
      db: database.db,
      dialect: database.dialect,
      clock: fixedClock(at),
      ids: sequentialIds(`E2E${Date.now()}-`),
      log: createLogger({ logLevel: 'silent' }),
      hasher: argon2Hasher(1024),
      cipher: testCipher(),
      outbound: NO_OUTBOUND,
      files: filesystemStore(`${server.dataDir}/attachments`),
    };
    await decideConsultation(deps, await demoActor(database.db, 'dongshan.officer'), id, { decision });
  } finally {
    await database.close();
  }
}

describe('a consultation on shift allowances', () => {
  it('is published, commented on from three phones, answered one by one, and its summary published', async () => {
    const office = await logIn(
      await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: DESK }),
      server.url,
      'dongshan.officer',
    );
    const today = localDateOf(new Date().toISOString());
    const deadline = addCalendarDays(today, 7);

    // The office publishes the draft to 综采一队.
    await office.goto(`${server.url}/consultations`);
    await office.getByTestId('consultation-create').click();
    await office.getByTestId('consultation-title').fill(TITLE);
    await office
      .getByTestId('consultation-body')
      .fill('为体现井下倒班的辛苦，拟将倒班津贴由每班20元调整为每班35元，按月发放。请综采一队职工在截止日前提出意见。');
    await office.getByTestId('consultation-units').click();
    await office.keyboard.type('综采一队');
    await office
      .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '综采一队' })
      .first()
      .click();
    await office.keyboard.press('Escape');
    await office.getByTestId('consultation-deadline').fill(deadline);
    await office.getByTestId('consultation-submit').click();
    await office.waitForURL(/\/consultations\/[^/]+$/);
    const id = decodeURIComponent(office.url().split('/').pop() ?? '');
    await office.getByTestId('consultation-card').getByText(TITLE).waitFor();
    await shot(office, '1-published');

    // Three workers comment from their phones; the portal lists the draft.
    const workers: Worker[] = [
      { phone: '13912340001', name: '杨宝山', body: '倒班津贴应按实际下井时间计算，不能按排班表计算。' },
      { phone: '13912340002', body: '建议倒班津贴提高到每班40元，与兄弟单位持平。' },
      { phone: '13912340003', body: '建议取消倒班津贴，改为年底一次性发放奖金。' },
    ];
    const url = `${server.url}/portal/consultations/${encodeURIComponent(id)}`;
    const first = await phone();
    await first.goto(`${server.url}/portal`);
    await first.getByTestId('portal-go-consultations').click();
    await first.getByTestId('portal-consultations').getByText(TITLE).click();
    await first.getByTestId('portal-consultation').waitFor();
    await shot(first, '2-phone-draft');
    for (const [i, worker] of workers.entries()) {
      const page = i === 0 ? first : await phone();
      await commentFrom(page, url, worker);
      await page.getByTestId('portal-comment-done').waitFor({ timeout: 60_000 });
      if (i === 0) await shot(page, '3-phone-commented');
    }
    // The same phone number again: refused on its field.
    const again = await phone();
    await commentFrom(again, url, { phone: '139 1234 0002', body: '我再补充一条意见：夜班也要算。' });
    await again.locator('[data-field="pt-c-phone"] .pt-error').waitFor({ timeout: 60_000 });
    expect(await again.locator('[data-field="pt-c-phone"] .pt-error').textContent()).toContain('只能提一条');
    await shot(again, '4-phone-twice');

    // The office answers each suggestion with its reason.
    await office.reload();
    const items = office.getByTestId('comment-item');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.nth(0).textContent()).toContain('杨宝山');
    expect(await items.nth(1).textContent()).toContain('匿名');
    const answers = [
      ['采纳', '以人员定位系统记录的下井时间为准计算倒班。'],
      ['部分采纳', '本次调整为每班35元，明年结合效益再评估。'],
      ['不予采纳', '倒班津贴是对倒班作业的补偿，应按班发放。'],
    ] as const;
    for (const [i, [answer, reason]] of answers.entries()) {
      const item = items.nth(i);
      // The list of the answer before still closing would be taken for this one's.
      await expect.poll(() => office.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await item.getByTestId('comment-answer').click();
      await office.locator('.ant-select-dropdown:visible').getByText(answer, { exact: true }).click();
      await item.getByTestId('comment-reason').fill(reason);
      await item.getByTestId('comment-save').click();
      await item.locator('.ant-tag', { hasText: answer }).waitFor();
    }
    await expect
      .poll(async () => office.getByTestId('consultation-counts').textContent())
      .toContain('采纳 1 · 部分采纳 1 · 未采纳 1 · 待答复 0');
    // The search finds the comment about the hours; deciding before the deadline is refused.
    await office.getByTestId('comment-search').locator('input').fill('下井时间');
    await office.getByTestId('comment-search').locator('input').press('Enter');
    await expect.poll(() => items.count()).toBe(1);
    await office.getByTestId('consultation-decision').fill('倒班津贴自下月起调整为每班35元，按实际下井时间计算。');
    await office.getByTestId('consultation-decide').click();
    await office.getByText('征求意见当前阶段不能进行此操作').waitFor();
    await shot(office, '5-answered');

    // The day after the deadline the office decides; the summary is on the portal.
    await decideAt(
      id,
      localDayStartUtc(addCalendarDays(deadline, 1)),
      '倒班津贴自下月起调整为每班35元，按人员定位系统记录的实际下井时间计算。',
    );
    await first.goto(url);
    const summary = first.getByTestId('portal-summary');
    await summary.waitFor();
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('共收到意见 3 条：采纳 1 条，部分采纳 1 条，未采纳 1 条');
    expect(text).toContain('以人员定位系统记录的下井时间为准计算倒班。');
    expect(text).toContain('倒班津贴是对倒班作业的补偿，应按班发放。');
    expect(text).not.toContain('杨宝山');
    expect(await first.getByTestId('portal-suggestion').count()).toBe(3);
    expect(await first.getByTestId('comment-submit').count()).toBe(0);
    await shot(first, '6-phone-summary');

    await office.reload();
    await office.getByTestId('consultation-card').getByText('已公布').waitFor();
    await shot(office, '7-decided');
  });
});

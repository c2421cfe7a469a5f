/**
 * Journey: each role's day, hand-off by hand-off (issue #13 points 2–4). The group office registers a
 * visit and hands it to 东山煤矿; the mine office is told and signs for it, accepting with the mine
 * chief as 包案领导 and a handler; the chief confirms; the handler investigates and drafts; the chief
 * is told to sign and signs; the office is told to conclude; the petitioner evaluates on the portal
 * and the offices are told. At every hand-off the next person, in their own browser, sees the
 * notification first in the bell's panel and the case first on 我的待办 with the step to take.
 *
 * A second case (B) is walked through the same steps by the API, always one step ahead, so each list
 * holds two cases and "first" means the list ordered them (A came in earlier: more urgent).
 */
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer, actOnCase as act, pick } from './support.ts';

let server: RunningServer;
let browser: Browser;
// The demo organisation and accounts without any petition: each list holds only what the day adds.
serverAndBrowser(3946, { demoPetitions: false }, (world) => ({ server, browser } = world));

const DESK = { width: 1440, height: 900 };

async function as(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: DESK });
  return logIn(await context.newPage(), server.url, username);
}

/** The API as the page's user (its cookie, the session's CSRF token): how case B is walked. */
async function apiOf(page: Page) {
  const request: APIRequestContext = page.context().request;
  const session = (await (await request.get(`${server.url}/api/session`)).json()) as { csrfToken: string };
  const call = async (method: 'get' | 'post', path: string, body?: unknown) => {
    const response = await request[method](`${server.url}${path}`, {
      headers: { 'x-csrf-token': session.csrfToken },
      ...(body === undefined ? {} : { data: body }),
    });
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    get: (path: string) => call('get', path),
    post: (path: string, body: unknown = {}) => call('post', path, body),
  };
}

async function open(page: Page, id: string): Promise<void> {
  await page.goto(`${server.url}/petitions/${id}`);
  await page.getByTestId('petition-state').waitFor();
}

async function unreadCount(page: Page): Promise<number> {
  const badge = page.getByTestId('notification-unread').locator('.ant-scroll-number');
  if ((await badge.count()) === 0) return 0;
  return Number((await badge.first().getAttribute('title')) ?? '0');
}

/**
 * The hand-off reached `page`'s user: on the 工作台 the bell counts it unread, its panel shows it
 * first as a sentence naming the case, and 我的待办 lists the case first with the step to take.
 */
async function handedTo(page: Page, caseNumber: string, sentence: string, task: string, shot: string) {
  await page.goto(`${server.url}/`);
  const firstRow = page.getByTestId('todo-list').locator('tr[data-row-key]').first();
  await firstRow.waitFor();
  expect(await firstRow.textContent(), 'first to-do').toContain(caseNumber);
  expect(await firstRow.getByTestId('todo-tasks').textContent(), 'its step').toContain(task);
  expect(await page.getByTestId('todo-list').locator('tr[data-row-key]').count(), 'both cases listed').toBe(2);
  await expect.poll(() => unreadCount(page)).toBeGreaterThan(0);
  await page.getByTestId('notification-bell').click();
  const panel = page.locator('.ant-popover:visible').getByTestId('notification-panel');
  await panel.waitFor();
  // Among the latest, unread (the deadline sweep may have told of B since: it need not be the very first).
  const item = panel.getByTestId('notification-item').filter({ hasText: caseNumber }).filter({ hasText: sentence });
  await item.first().waitFor();
  expect(await item.first().getAttribute('data-unread')).toBe('true');
  expect(await item.first().textContent()).not.toContain('—');
  // The panel's opening animation done (its opacity at 1), so the screenshot shows what the user reads.
  await expect
    .poll(() =>
      page.evaluate<boolean>(
        `(() => { const p = document.querySelector('.ant-popover:not(.ant-popover-hidden)'); return p !== null && getComputedStyle(p).opacity === '1' && !p.className.includes('-enter'); })()`,
      ),
    )
    .toBe(true);
  const file = screenshotPath(`roles-day-${shot}`);
  await page.screenshot({ path: file });
  process.stdout.write(`screenshot: ${file}\n`);
  // Close the panel: the next step works on the page.
  await page.keyboard.press('Escape');
  // On the header's empty middle: the page's bottom now holds a link (全部消息) below the 当前值班 card.
  await page.mouse.click(DESK.width / 2, 30);
}

/** Follow the bell's notification about the case: it opens the case and counts one fewer unread. */
async function followNotification(page: Page, id: string, caseNumber: string): Promise<void> {
  await page.goto(`${server.url}/`);
  await expect.poll(() => unreadCount(page)).toBeGreaterThan(0);
  const before = await unreadCount(page);
  await page.getByTestId('notification-bell').click();
  await page
    .locator('.ant-popover:visible')
    .locator('[data-unread="true"]')
    .filter({ hasText: caseNumber })
    .first()
    .click();
  await page.waitForURL(`**/petitions/${id}`);
  await page.getByTestId('petition-state').waitFor();
  await expect.poll(() => unreadCount(page)).toBe(before - 1);
}

describe("each role's day", () => {
  it('tells whoever must act next, and puts the case first on their to-do list', async () => {
    const started = Date.now();
    const office = await as('officer');
    const officeApi = await apiOf(office);
    const { units } = (await officeApi.get('/api/units')) as { units: { id: string; name: string }[] };
    const mine = units.find((u) => u.name === '东山煤矿');
    expect(mine).toBeDefined();

    // 登记 A through the form.
    await office.goto(`${server.url}/petitions/new`);
    await office.getByTestId('register-title').fill('综采一队职工反映加班工资未发放');
    await office
      .getByTestId('register-body')
      .fill('本人在综采一队工作，今年一月至二月的加班工资至今未发放，多次询问无果，请求尽快补发。');
    await office.getByTestId('register-petitioner-name-0').fill('郑永福');
    await office.getByTestId('register-submit').click();
    await office.getByTestId('confirm-without-category').click();
    const trackingCode = ((await office.getByTestId('register-tracking-code').textContent()) ?? '').trim();
    await office.getByTestId('register-case-link').click();
    await office.getByTestId('petition-state').waitFor();
    const a = new URL(office.url()).pathname.split('/').pop() ?? '';
    const caseNumber = ((await office.getByTestId('petition-case-number').textContent()) ?? '').trim();

    // B, registered after A by the same office.
    const registeredB = await officeApi.post('/api/petitions', {
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: '掘进一队职工反映夜班补贴未发放',
      body: '掘进一队夜班补贴三个月未发放，请求核实补发。',
      petitioners: [{ name: '孙长海', identity: 'employee' }],
    });
    const b = (registeredB.petition as { id: string }).id;

    // 研判 and 交办 to 东山煤矿: B first, then A in the workbench.
    await officeApi.post(`/api/petitions/${b}/triage`, { categoryCode: '0103' });
    await officeApi.post(`/api/petitions/${b}/assign`, { handlingUnitId: mine?.id });
    await office.reload();
    await office.getByTestId('petition-state').waitFor();
    await act(office, 'triage', async (modal) => {
      await modal.getByTestId('action-field-categoryCode').click();
      await office.keyboard.type('拖欠工资');
      await office.keyboard.press('Enter');
    });
    await act(office, 'assign', async (modal) => pick(office, modal, '承办单位', '东山煤矿'));

    // The mine office is told; the bell's notification leads to the case.
    const mineOffice = await as('dongshan.officer');
    await handedTo(mineOffice, caseNumber, '已交办至东山煤矿，请签收办理', '签收受理', 'mine-office-handed-over');
    await followNotification(mineOffice, a, caseNumber);

    // 签收 and 受理 naming the owner leader and the handler (B through the API first).
    const mineApi = await apiOf(mineOffice);
    const people = (await mineApi.get('/api/users')) as { users: { id: string; username: string }[] };
    const idOf = (username: string) => people.users.find((u) => u.username === username)?.id ?? '';
    await mineApi.post(`/api/petitions/${b}/sign-for`);
    await mineApi.post(`/api/petitions/${b}/accept`, {
      ownerId: idOf('dongshan.chief'),
      handlerId: idOf('dongshan.hr'),
    });
    await act(mineOffice, 'signFor');
    await act(mineOffice, 'accept', async (modal) => {
      await pick(mineOffice, modal, '包案领导', '张志强');
      await pick(mineOffice, modal, '承办人', '赵海军');
    });

    // The chief is told he owns it, with the date to confirm by.
    const chief = await as('dongshan.chief');
    await handedTo(chief, caseNumber, '您被确定为包案领导，请于', '确认包案', 'owner-named');
    await (await apiOf(chief)).post(`/api/petitions/${b}/confirm-ownership`);
    await chief.getByTestId('todo-list').locator('tr[data-row-key]').first().click();
    await chief.waitForURL(`**/petitions/${a}`);
    await chief.getByTestId('petition-state').waitFor();
    await act(chief, 'confirmOwnership');

    // The handler is told, investigates and drafts.
    const handler = await as('dongshan.hr');
    await handedTo(handler, caseNumber, '交由您承办', '调查办理', 'handler-assigned');
    const handlerApi = await apiOf(handler);
    const draft = {
      request: '补发加班工资',
      factsAndReasons: '经核实，考勤记录显示加班属实，工资未按月发放。',
      opinion: '责成人力资源科十日内补发。',
      legalBasis: '《工资支付暂行规定》第十三条',
      result: 'support',
      // The 四个到位 are part of the reply (第27条): the one that applies, with what was done.
      outcomes: [{ kind: 'resolved', measures: '人力资源科已核定补发金额，十日内发放到位' }],
    };
    await handlerApi.post(`/api/petitions/${b}/start-investigation`);
    await handlerApi.post(`/api/petitions/${b}/draft-reply`, draft);
    await open(handler, a);
    await act(handler, 'startInvestigation');
    await act(handler, 'draftReply', async (modal) => {
      await modal.getByTestId('action-field-request').fill(draft.request);
      await modal.getByTestId('action-field-factsAndReasons').fill(draft.factsAndReasons);
      await modal.getByTestId('action-field-opinion').fill(draft.opinion);
      await modal.getByTestId('action-field-legalBasis').fill(draft.legalBasis);
      await pick(handler, modal, '处理结果', '予以支持');
      await modal.getByTestId('outcome-resolved').click();
      await modal.getByTestId('outcome-measures-resolved').fill(draft.outcomes[0]!.measures);
    });

    // The owner is told the reply waits for 签发, and signs it.
    await handedTo(chief, caseNumber, '信访处理意见书待签发', '签发意见书', 'draft-for-signoff');
    await (await apiOf(chief)).post(`/api/petitions/${b}/issue-reply`, { deliveryMethod: 'in_person' });
    await open(chief, a);
    await act(chief, 'issueReply', async (modal) => pick(chief, modal, '送达方式', '当面送达'));

    // The mine office is told to follow it to 办结.
    await handedTo(mineOffice, caseNumber, '信访处理意见书已签发', '办结', 'reply-issued');

    // The petitioner evaluates on the portal (a phone); the offices are told.
    const phoneContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const worker = await phoneContext.newPage();
    await worker.goto(`${server.url}/portal/track`);
    await worker.getByTestId('portal-track-case').fill(caseNumber);
    await worker.getByTestId('portal-track-code').fill(trackingCode);
    await worker.getByTestId('portal-track-submit').click();
    await worker.getByTestId('portal-case-state').waitFor();
    await worker.locator('label:has([data-testid="portal-score-4"])').click();
    await worker.getByTestId('portal-evaluation-submit').click();
    await worker.getByTestId('portal-evaluation-recorded').waitFor();

    await handedTo(mineOffice, caseNumber, '信访人作出满意度评价（4 分）', '办结', 'evaluation-received');
    // The group office that registered it hears of the evaluation too.
    await office.goto(`${server.url}/`);
    await office.getByTestId('notification-bell').click();
    const groupPanel = office.locator('.ant-popover:visible').getByTestId('notification-panel');
    await groupPanel
      .getByTestId('notification-item')
      .filter({ hasText: caseNumber })
      .filter({ hasText: '满意度评价' })
      .waitFor();

    // 全部标为已读 empties the count; the full list keeps every notification, paged.
    await mineOffice.getByTestId('notification-bell').click();
    await mineOffice.locator('.ant-popover:visible').getByTestId('notification-read-all').click();
    await expect.poll(() => unreadCount(mineOffice)).toBe(0);
    await mineOffice.locator('.ant-popover:visible').getByTestId('notification-view-all').click();
    await mineOffice.waitForURL('**/notifications');
    await mineOffice.getByTestId('notifications-page').getByTestId('notification-item').first().waitFor();
    expect(
      await mineOffice.getByTestId('notifications-page').getByTestId('notification-counts').textContent(),
    ).toContain('0 条未读');
    await mineOffice.screenshot({ path: screenshotPath('roles-day-notifications-page'), fullPage: true });

    // 查看全部: the full to-do list of the office, paged on the server.
    await mineOffice.goto(`${server.url}/todos`);
    await mineOffice.getByTestId('todo-list').locator('tr[data-row-key]').first().waitFor();
    expect(await mineOffice.getByTestId('todo-summary').textContent()).toContain('共 2 件待办');
    await mineOffice.screenshot({ path: screenshotPath('roles-day-todos-page'), fullPage: true });

    process.stdout.write(`\nroles-day journey: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });
});

/**
 * Journey: 系统设置 and contact details. The group's administrator raises the group-petition size
 * and shortens the 受理告知 limit for the enterprise; a mine's chief opens the mine's page, where
 * those enterprise keys are read-only and inherited, and sets the mine's 企业微信 robot; a petition
 * registered afterwards is judged by the new size, while a case already on file keeps its time
 * limits (they are kept with the case at registration). Then the administrator sets a user's
 * contact details in 用户管理 and the user changes their own in 我的账户, the mobile only ever masked.
 * Screenshots at a desk's 1440×900 and a phone's 390×844.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ROBOT = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=dongshan-e2e';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3947, {}, (world) => ({ server, browser } = world));

async function as(username: string, viewport = DESK): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  return logIn(await context.newPage(), server.url, username);
}

async function shot(page: Page, name: string): Promise<void> {
  // From the top, so the sticky header is drawn where it belongs; let toasts and skeletons go.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForTimeout(300);
  const file = screenshotPath(name);
  await page.screenshot({ path: file, fullPage: true });
  process.stdout.write(`screenshot: ${file}\n`);
}

/** The input behind a data-testid (antd puts it on the input or on its wrapper). */
function field(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

async function replace(page: Page, testId: string, text: string): Promise<void> {
  const input = field(page, testId);
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.fill(text);
}

async function save(page: Page, key: string): Promise<void> {
  await page.getByTestId(`setting-save-${key}`).click();
  await expect.poll(() => page.getByTestId(`setting-source-${key}`).textContent()).toBe('本单位设置');
}

/** Local date in China of now plus `days`, moved off a weekend (the demo loads no holiday table). */
function dueIn(days: number): string {
  const local = new Date(Date.now() + 8 * 3_600_000);
  const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days));
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

async function acceptanceRow(page: Page): Promise<string> {
  const row = page.getByTestId('petition-deadlines').locator('tr').filter({ hasText: '受理告知' }).first();
  return (await row.textContent()) ?? '';
}

/** A case of the demo still waiting for its 受理告知 (第23条), as the office's list finds it. */
async function openCaseAwaitingNotice(page: Page): Promise<string> {
  for (const state of ['registered', 'triaged', 'assigned']) {
    const list = (await (await page.request.get(`${server.url}/api/petitions?state=${state}&pageSize=20`)).json()) as {
      items: { id: string; dueKind: string | null }[];
    };
    const found = list.items.find((item) => item.dueKind === 'acceptance_notice');
    if (found !== undefined) return found.id;
  }
  throw new Error('the demo has no case awaiting its acceptance notice');
}

async function register(page: Page, title: string, headcount: number): Promise<string> {
  await page.goto(`${server.url}/petitions/new`);
  await page.getByTestId('register-title').fill(title);
  await page.getByTestId('register-body').fill(`${title}，多名职工一同来访，请求尽快答复。`);
  await page.getByTestId('register-petitioner-name-0').fill('周建国');
  const people = page.getByLabel('人数', { exact: true });
  await people.fill(String(headcount));
  await page.getByTestId('register-submit').click();
  await page.getByTestId('confirm-without-category').click();
  await page.getByTestId('register-case-link').click();
  await page.getByTestId('petition-state').waitFor();
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

describe('系统设置', () => {
  it('the administrator changes enterprise keys; a mine chief sees them read-only and sets the mine robot; new cases only', async () => {
    // A case on file before the change, and its 受理告知 as its page shows it.
    const office = await as('officer');
    const existingId = await openCaseAwaitingNotice(office);
    await office.goto(`${server.url}/petitions/${existingId}`);
    await office.getByTestId('petition-state').waitFor();
    const existingBefore = await acceptanceRow(office);
    expect(existingBefore).toMatch(/\d{4}-\d{2}-\d{2}/);

    // The administrator: the page opens on the enterprise.
    const admin = await as('admin');
    await admin.getByRole('menuitem', { name: '系统设置' }).click();
    await expect.poll(() => admin.getByTestId('settings-level').textContent()).toBe('集团层级');
    expect(await admin.getByTestId('setting-source-petition.groupThreshold').textContent()).toBe('默认值');
    expect(await admin.getByTestId('setting-card-petition.deadlines').textContent()).toContain('第23条');
    expect(await admin.getByTestId('setting-card-petition.groupThreshold').textContent()).toContain(
      '仅对新登记的事项生效',
    );
    expect(await admin.getByTestId('statistics-month-example').textContent()).toBe('1 → 自然月（本月1日至月末）');
    await replace(admin, 'setting-field-petition.groupThreshold', '6');
    await save(admin, 'petition.groupThreshold');
    await replace(admin, 'setting-field-acceptanceNoticeDays', '10');
    await save(admin, 'petition.deadlines');
    // The statistics month explains the chosen day as it is typed.
    await replace(admin, 'setting-field-ledger.statisticsMonthStartDay', '21');
    expect(await admin.getByTestId('statistics-month-example').textContent()).toBe('21 → 上月21日至本月20日');
    await shot(admin, 'settings-admin-desk');

    // A mine's chief: the mine's page; enterprise keys inherited and read-only, the robot his to set.
    const mineChief = await as('dongshan.chief', PHONE);
    await mineChief.goto(`${server.url}/settings`);
    await expect.poll(() => mineChief.getByTestId('settings-level').textContent()).toBe('矿（公司）层级');
    const threshold = mineChief.getByTestId('setting-card-petition.groupThreshold');
    expect(await threshold.textContent()).toContain('6 人');
    expect(await mineChief.getByTestId('setting-source-petition.groupThreshold').textContent()).toMatch(
      /^继承自上级（.+集团.*）$/,
    );
    await mineChief.getByTestId('setting-readonly-petition.groupThreshold').waitFor();
    expect(await threshold.locator('input').count()).toBe(0);
    expect(await mineChief.getByTestId('setting-value-acceptanceNoticeDays').textContent()).toBe('10 日');
    expect(await mineChief.getByTestId('setting-card-petition.deadlines').locator('input').count()).toBe(0);
    // The limits may be set at the mine, but from above (第39条: a mine is appraised against them).
    expect(await mineChief.getByTestId('setting-card-petition.deadlines').textContent()).toContain('您无权修改此项');
    await replace(mineChief, 'setting-field-notify.wecomRobotUrl', ROBOT);
    await save(mineChief, 'notify.wecomRobotUrl');
    // A phone never scrolls sideways.
    expect(await mineChief.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await shot(mineChief, 'settings-mine-phone');
    await mineChief.setViewportSize(DESK);
    await shot(mineChief, 'settings-mine-desk');
    await admin.setViewportSize(PHONE);
    await shot(admin, 'settings-admin-phone');

    // 恢复为上级/默认 on the mine's robot, then set again: the reset reaches the server.
    await mineChief.getByTestId('setting-reset-notify.wecomRobotUrl').click();
    await mineChief
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => mineChief.getByTestId('setting-source-notify.wecomRobotUrl').textContent()).toBe('默认值');
    await replace(mineChief, 'setting-field-notify.wecomRobotUrl', ROBOT);
    await save(mineChief, 'notify.wecomRobotUrl');

    // New registrations take the new size (6): five people are no longer a group, six are.
    const five = await register(office, '综采一队五名职工反映夜班津贴未发', 5);
    expect(await office.locator('.ant-tag', { hasText: /^集体访$/ }).count()).toBe(0);
    // …and the new 受理告知 limit of 10 days (第23条 as the enterprise now applies it).
    expect(await acceptanceRow(office)).toContain(dueIn(10));
    const six = await register(office, '掘进二队六名职工反映井下班中餐补贴未发', 6);
    await office
      .locator('.ant-tag', { hasText: /^集体访$/ })
      .first()
      .waitFor();
    expect(five).not.toBe(six);

    // The case on file keeps the limits it was registered with.
    await office.goto(`${server.url}/petitions/${existingId}`);
    await office.getByTestId('petition-state').waitFor();
    expect(await acceptanceRow(office)).toBe(existingBefore);
  });
});

describe('联系方式', () => {
  it('the administrator sets a user’s contact; the user sees it masked and changes their own', async () => {
    const admin = await as('admin');
    await admin.goto(`${server.url}/users`);
    await field(admin, 'user-filter-q').fill('dongshan.officer');
    await field(admin, 'user-filter-q').press('Enter');
    await admin.getByTestId('user-contact-dongshan.officer').click();
    await admin.getByTestId('contact-email').fill('wang.xiulan@example.com');
    await admin.getByTestId('contact-mobile').fill('138 0013 8000');
    await admin.getByTestId('contact-submit').click();
    await admin.getByText('联系方式已保存').waitFor();
    await admin.getByTestId('user-contact-dongshan.officer').click();
    expect(await admin.getByTestId('contact-mobile-on-file').textContent()).toBe('现有号码：138****8000');
    expect(await field(admin, 'contact-email').inputValue()).toBe('wang.xiulan@example.com');
    await shot(admin, 'contact-admin-desk');

    // The officer: 我的账户 from the account menu; the number stays masked; a new e-mail keeps it.
    const officer = await as('dongshan.officer', PHONE);
    await officer.getByTestId('user-menu').click();
    await officer.getByRole('menuitem', { name: '我的账户' }).click();
    await officer.getByTestId('account-contact').waitFor();
    expect(await officer.getByTestId('contact-mobile-on-file').textContent()).toBe('现有号码：138****8000');
    expect(await officer.locator('body').textContent()).not.toContain('13800138000');
    await replace(officer, 'contact-email', 'xiulan@example.com');
    await officer.getByTestId('contact-submit').click();
    await officer.getByText('联系方式已保存').waitFor();
    expect(await officer.getByTestId('contact-mobile-on-file').textContent()).toBe('现有号码：138****8000');
    // A bad number is refused on its field, before anything is sent.
    await officer.getByTestId('contact-mobile').fill('12345');
    await officer.getByTestId('contact-submit').click();
    await officer.getByText('手机号格式不正确').waitFor();
    await officer.getByTestId('contact-mobile').fill('');
    // 清除现有号码 removes it.
    await officer.getByTestId('contact-clear-mobile').click();
    await officer.getByTestId('contact-submit').click();
    await expect.poll(() => officer.getByTestId('contact-mobile-on-file').textContent()).toBe('未登记手机号');
    expect(await officer.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await shot(officer, 'contact-account-phone');
  });
});

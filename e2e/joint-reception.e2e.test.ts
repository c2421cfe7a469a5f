/**
 * Journey (issue #16, 联合接访; 《信访工作条例》第5条, 第13条, 第30条): the group office schedules a
 * joint reception with the township and a lawyer; a walk-in is registered in the session with the
 * window's registration form; the case goes to the township; the lawyer, logging in as the partner
 * account, records his opinion; he cannot open any other case by its address, nor this one once the
 * office ends his invitation from the case page.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3971, {}, (world) => ({ server, browser } = world));

async function as(username: string, width = 1400, height = 1000): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width, height },
  });
  return logIn(await context.newPage(), server.url, username);
}

/** Pick `text` in the (multi) select with test id `testId`. */
async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible').last().getByText(text).first().click();
}

const OPINION = '建议先委托有资质机构鉴定房屋受损原因，再依鉴定结论确定补偿主体和标准。';

describe('joint reception', () => {
  it('schedules, registers a walk-in in the session, refers it, takes the lawyer’s opinion, then shuts him out', async () => {
    const office = await as('officer');
    // The partner organisations of the office: the township and the law firm, each with its account.
    await office.goto(`${server.url}/partner-organisations`);
    await office.getByText('东山镇人民政府').first().waitFor();
    await office.getByText('金石律师事务所').first().waitFor();
    await office.screenshot({ path: screenshotPath('joint-reception-1-organisations'), fullPage: true });

    // Schedule today's session with the township's man, the lawyer and a leader.
    await office.goto(`${server.url}/partner-sessions`);
    await office.getByTestId('session-create').click();
    await office.getByTestId('session-title').fill('东山片区企地联合接访');
    await office.getByTestId('session-place').fill('东山煤矿信访接待大厅');
    await choose(office, 'session-partners', '周立群');
    await choose(office, 'session-partners', '许文静');
    await office.keyboard.press('Escape');
    await choose(office, 'session-leaders', '孙立新');
    await office.keyboard.press('Escape');
    await office.getByTestId('session-submit').click();
    await office.waitForURL(/\/partner-sessions\/[^/]+$/);
    await office.getByText('东山片区企地联合接访').first().waitFor();
    const sessionUrl = office.url();

    // A walk-in registered inside the session with the window's registration form.
    await office.getByTestId('register-title').fill('村民反映采煤塌陷致房屋开裂');
    await office
      .getByTestId('register-body')
      .fill('东山村四组村民反映，房屋墙体出现多处裂缝，院落地面下沉，认为是煤矿开采所致，要求鉴定并补偿。');
    await office.getByTestId('register-petitioner-name-0').fill('王秀英');
    await office.getByTestId('register-submit').click();
    await office.getByTestId('confirm-without-category').click();
    await office.getByTestId('session-registered').waitFor();
    await office.getByTestId('session-cases').getByText('村民反映采煤塌陷致房屋开裂').waitFor();
    await office.screenshot({ path: screenshotPath('joint-reception-2-session'), fullPage: true });
    await office.getByTestId('session-case-link').click();
    await office.getByTestId('petition-state').waitFor();
    const id = new URL(office.url()).pathname.split('/').pop() ?? '';

    // Both partners sit in the session, so both are on the case; the case goes to the township.
    const card = office.getByTestId('case-partners');
    await card.getByText('许文静').waitFor();
    await card.getByText('周立群').waitFor();
    await office.getByTestId('partner-refer').click();
    await choose(office, 'partner-refer-org', '东山镇人民政府');
    await office.getByTestId('partner-refer-note').fill('涉及村民房屋鉴定与安置，请镇政府牵头处理，矿方配合。');
    await office.getByTestId('partner-refer-submit').click();
    await office.locator('.ant-timeline').getByText('转交协作单位').waitFor();

    // The lawyer, as the partner account: 我的协作 lists this case; he records his opinion.
    const lawyer = await as('lawyer');
    await lawyer.goto(`${server.url}/partner-workspace`);
    await lawyer.getByTestId('workspace-cases').getByText('村民反映采煤塌陷致房屋开裂').waitFor();
    await lawyer.screenshot({ path: screenshotPath('joint-reception-3-workspace'), fullPage: true });
    await lawyer.getByTestId('workspace-cases').locator('a').first().click();
    await lawyer.getByTestId('petition-state').waitFor();
    // The petitioner's identity was not granted: her name stays hidden from the partner (第30条).
    expect(await lawyer.getByTestId('petition-title').textContent()).toContain('采煤塌陷');
    await lawyer.getByTestId('opinion-text').fill(OPINION);
    await lawyer.getByTestId('opinion-submit').click();
    await lawyer.locator('.ant-message').getByText('已保存').waitFor();
    await lawyer.screenshot({ path: screenshotPath('joint-reception-4-opinion'), fullPage: true });

    // The office sees the opinion on the case.
    await office.reload();
    await office.locator('.ant-timeline').getByText(OPINION).waitFor();

    // Any other case, by its address: not found.
    const list = (await (await office.request.get(`${server.url}/api/petitions?page=1&pageSize=5`)).json()) as {
      items: { id: string }[];
    };
    const other = list.items.find((item) => item.id !== id);
    expect(other).toBeDefined();
    await lawyer.goto(`${server.url}/petitions/${other?.id ?? ''}`);
    await lawyer.getByText('未找到该记录').waitFor();
    expect(await lawyer.getByTestId('petition-state').count()).toBe(0);

    // The office ends the lawyer's invitation from the case page; the case is gone for him.
    const row = card.locator('[data-testid^="partner-invitation-"]').filter({ hasText: '许文静' });
    await row.locator('[data-testid^="partner-end-"]').click();
    await office.getByTestId('partner-end-confirm').click();
    await card
      .locator('[data-testid^="partner-invitation-"]')
      .filter({ hasText: '许文静' })
      .getByText('已到期')
      .waitFor();
    // Once, not twice (the card reloads with the case after the change).
    await expect.poll(() => office.getByTestId('case-partners').count()).toBe(1);
    await office.screenshot({ path: screenshotPath('joint-reception-5-ended'), fullPage: true });
    await lawyer.goto(`${server.url}/petitions/${id}`);
    await lawyer.getByText('未找到该记录').waitFor();
    expect(await lawyer.getByTestId('petition-state').count()).toBe(0);
    await lawyer.goto(`${server.url}/partner-workspace`);
    await lawyer.getByTestId('workspace-cases').waitFor();
    expect(await lawyer.getByTestId('workspace-cases').getByText('村民反映采煤塌陷致房屋开裂').count()).toBe(0);
    await lawyer.screenshot({ path: screenshotPath('joint-reception-6-shut-out'), fullPage: true });

    // The session page on a phone (390×844): the walk-in is registered there too.
    const phone = await as('officer', 390, 844);
    await phone.goto(sessionUrl);
    await phone.getByTestId('register-title').waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: screenshotPath('joint-reception-7-phone'), fullPage: true });
  });
});

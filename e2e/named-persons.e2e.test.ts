/**
 * Journey: an accusation against 东山煤矿's own chief (issue #11 finding 1), registered through the
 * real workbench form by the mine's petition office. Typing the name proposes the account (name,
 * unit, position); the officer confirms it. Then the accused logs in: the case is not in his list,
 * not found by his name, its page and its API answer "not found" — while his deputy, at the same
 * mine and not named, reads it (so the case is in the mine's scope and the refusal is the recusal).
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3925, { demoPetitions: false }, (world) => ({ server, browser } = world));

async function as(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  return logIn(await context.newPage(), server.url, username);
}

async function shot(page: Page, name: string): Promise<void> {
  const file = screenshotPath(name);
  await page.screenshot({ path: file, fullPage: true });
  process.stdout.write(`screenshot: ${file}\n`);
}

/** The status of GET `path` with the page's session, as the browser would send it. */
async function statusOf(page: Page, path: string): Promise<number> {
  return page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).status, path);
}

const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'zh-CN',
} as const;

const TITLE = '举报矿长违规发放安全奖';
const ACCUSER = '周淑芬';

describe('an accusation against the mine chief, registered in the workbench', () => {
  it('proposes his account, is confirmed by the officer, and stays out of his sight', async () => {
    const office = await as('dongshan.officer');
    await office.goto(`${server.url}/petitions/new`);
    await office.getByTestId('register-type').click();
    await office.locator('.ant-select-dropdown:visible').getByText('检举控告类').click();
    // 检举控告: the 被反映人 section asks for the accused, prominently.
    const section = office.getByTestId('register-named-persons');
    expect(await section.textContent()).toContain('检举控告类事项请登记被反映人');
    await office.getByTestId('register-petitioner-name-0').fill(ACCUSER);
    await office.getByTestId('register-title').fill(TITLE);
    await office
      .getByTestId('register-body')
      .fill('东山煤矿矿长张志强今年以来违规发放安全奖，虚列人员冒领奖金，请组织调查。');

    await office.getByTestId('register-named-add').click();
    await office.getByTestId('named-name-0').fill('张志强');
    await section.locator('.ant-form-item').filter({ hasText: '所在单位' }).locator('.ant-select').click();
    await office.keyboard.type('东山煤矿');
    await office.locator('.ant-select-dropdown:visible').last().getByText('东山煤矿', { exact: true }).click();
    await office.getByTestId('named-position-0').fill('矿长');
    // The server proposes the account: the name, the unit along the tree, the position.
    const proposals = office.getByTestId('named-proposals-0');
    await proposals.getByText('张志强 · 东山煤矿 · 矿长').waitFor({ timeout: 15_000 });
    await shot(office, 'named-register-proposal');
    await proposals.getByRole('button', { name: '确认是此人' }).first().click();
    const confirmed = office.getByTestId('named-confirmed-0');
    await confirmed.waitFor();
    expect(await confirmed.textContent()).toContain('已确认：张志强（东山煤矿）');
    await shot(office, 'named-register-confirmed');

    await office.getByTestId('register-submit').click();
    await office.getByTestId('confirm-without-category').click();
    await office.getByTestId('register-case-link').click();
    await office.getByTestId('petition-state').waitFor();
    const id = new URL(office.url()).pathname.split('/').pop() ?? '';
    const card = office.getByTestId('named-persons-card');
    await card.getByTestId('named-resolution').waitFor();
    expect(await card.getByTestId('named-resolution').textContent()).toBe('已确认账号');
    expect(await card.textContent()).toContain('已确认：张志强（东山煤矿）');
    await shot(office, 'named-case-office');

    // His deputy at the same mine, not named, reads it and who filed it: it is in the mine's scope.
    const deputy = await as('dongshan.deputy');
    await deputy.goto(`${server.url}/petitions?q=${encodeURIComponent('张志强')}`);
    await deputy.getByTestId('petition-total').waitFor();
    expect(await deputy.getByTestId('petition-total').textContent()).toBe('共 1 件');
    await deputy.goto(`${server.url}/petitions/${id}`);
    await deputy.getByTestId('petition-title').waitFor();
    expect(await deputy.getByTestId('petition-title').textContent()).toBe(TITLE);
    expect(await deputy.locator('body').textContent()).toContain(ACCUSER);

    // The accused: nothing in his list, nothing found by his name, no page, no API answer.
    const chief = await as('dongshan.chief');
    await chief.goto(`${server.url}/petitions`);
    await chief.getByTestId('petition-total').waitFor();
    expect(await chief.getByTestId('petition-total').textContent()).toBe('共 0 件');
    expect(await chief.locator('body').textContent()).not.toContain(TITLE);
    await chief.goto(`${server.url}/petitions?q=${encodeURIComponent('张志强')}`);
    await chief.getByTestId('petition-total').waitFor();
    expect(await chief.getByTestId('petition-total').textContent()).toBe('共 0 件');
    expect(await chief.locator('body').textContent()).not.toContain(TITLE);
    await shot(chief, 'named-chief-search');
    await chief.goto(`${server.url}/petitions/${id}`);
    await chief.locator('.ant-result').waitFor();
    const page = (await chief.locator('body').textContent()) ?? '';
    expect(page).not.toContain(TITLE);
    expect(page).not.toContain(ACCUSER);
    await shot(chief, 'named-chief-case');
    expect(await statusOf(chief, `/api/petitions/${id}`)).toBe(404);
    expect(await statusOf(chief, `/api/petitions/${id}/attachments`)).toBe(404);
    expect(await statusOf(chief, `/api/petitions/${id}/documents`)).toBe(404);
    const notifications = await chief.evaluate(async () => (await fetch('/api/notifications')).text());
    expect(notifications).not.toContain(id);
  });

  it('on the portal the petitioner names him with the unit from the public list; the office resolves, he sees nothing', async () => {
    const units = (await (await fetch(`${server.url}/api/portal/units`)).json()) as {
      items: { code: string; name: string }[];
    };
    const mine = units.items.find((u) => u.name === '东山煤矿');
    expect(mine).toBeDefined();
    const context = await browser.newContext(PHONE);
    const worker = await context.newPage();
    // Through 东山煤矿's QR code: registered at the mine, in its chief's sight unless he is named.
    await worker.goto(`${server.url}/portal/file?u=${encodeURIComponent(mine?.code ?? '')}`);
    await worker.getByTestId('portal-unit').waitFor();
    await worker.locator('#pt-name').fill('孙立华');
    await worker.locator('#pt-phone').fill('13912345678');
    await worker.locator('.pt-choices label', { hasText: '检举、控告问题' }).click();
    // 检举控告: the 被反映人 block is open, explained, and lists the units.
    const named = worker.getByTestId('portal-named');
    await named.waitFor();
    expect(await named.textContent()).toContain('被反映人看不到您的反映');
    await worker.locator('#pt-named-name-0').fill('张志强');
    await expect.poll(() => worker.locator('#pt-named-unit-0 option').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await worker.locator('#pt-named-unit-0').selectOption({ label: '东山煤矿' });
    await worker.locator('#pt-named-position-0').fill('矿长');
    await worker.getByTestId('portal-body').fill('东山煤矿矿长张志强在井下安全检查中弄虚作假，请调查处理。');
    await shot(worker, 'named-portal-file');
    const [scrollWidth, innerWidth] = await worker.evaluate<[number, number]>(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    );
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await worker.getByTestId('portal-submit').click();
    await worker.getByTestId('portal-receipt').waitFor({ timeout: 120_000 });
    const caseNumber = (await worker.getByTestId('portal-receipt-case').textContent()) ?? '';

    // The mine office finds it, the name unresolved, and confirms the proposed account on the case page.
    const office = await as('dongshan.officer');
    await office.goto(`${server.url}/petitions?q=${encodeURIComponent('弄虚作假')}`);
    await office.getByText(caseNumber).waitFor({ timeout: 15_000 });
    await office.getByText('张志强在井下安全检查中弄虚作假', { exact: false }).first().click();
    const card = office.getByTestId('named-persons-card');
    await card.getByTestId('named-resolution').waitFor();
    expect(await card.getByTestId('named-resolution').textContent()).toBe('未确认（同名账号回避）');
    await card.getByText('张志强 · 东山煤矿 · 矿长').waitFor({ timeout: 15_000 });
    await shot(office, 'named-portal-case-unresolved');
    await card.getByRole('button', { name: '确认是此人' }).first().click();
    await expect.poll(() => card.getByTestId('named-resolution').textContent()).toBe('已确认账号');
    const id = new URL(office.url()).pathname.split('/').pop() ?? '';

    const chief = await as('dongshan.chief');
    expect(await statusOf(chief, `/api/petitions/${id}`)).toBe(404);
    const list = await chief.evaluate(async () => (await fetch('/api/petitions?pageSize=200')).text());
    expect(list).not.toContain(caseNumber);
    expect(list).not.toContain('孙立华');
  });
});

/**
 * Journey (issue #16, 企地联调; 人民调解法第28–33条): twenty petitions about subsidence in one village
 * are gathered into a joint mediation matter from a search of the list; a meeting with its minutes;
 * the agreement with two obligations, printed and downloaded as .docx; the matter stays open — closing
 * refused with its message — until both obligations are fulfilled, then closes.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, pick, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3972, {}, (world) => ({ server, browser } = world));

const VILLAGE = '西沟村';

async function as(username: string, width = 1400, height = 1000): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width, height },
  });
  return logIn(await context.newPage(), server.url, username);
}

/** Twenty villagers' petitions registered through the API, as the window would. */
async function registerTwenty(page: Page): Promise<void> {
  const session = (await (await page.request.get(`${server.url}/api/session`)).json()) as { csrfToken: string };
  for (let i = 1; i <= 20; i++) {
    const response = await page.request.post(`${server.url}/api/petitions`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: {
        channel: 'visit',
        type: 'appeal',
        purpose: 'request',
        title: `${VILLAGE}${i}号户采煤塌陷房屋受损`,
        body: `${VILLAGE}第${i}户村民反映：煤矿开采导致地面塌陷，房屋墙体开裂、院墙倾斜，要求鉴定并补偿。`,
        anonymous: false,
        headcount: 1,
        petitioners: [{ name: `村民${i}`, identity: 'villager', isRepresentative: false }],
      },
    });
    expect(response.status()).toBe(200);
  }
}

async function fulfil(page: Page, seq: number, evidence: string): Promise<void> {
  await page.getByTestId(`obligation-fulfil-${seq}`).click();
  await page.getByTestId('fulfil-evidence').fill(evidence);
  await page.getByTestId('fulfil-submit').click();
  await page.getByTestId(`obligation-fulfil-${seq}`).waitFor({ state: 'detached' });
}

async function tryClose(page: Page): Promise<void> {
  await page.getByTestId('matter-close').click();
  await page.getByTestId('matter-close-confirm').click();
}

describe('joint mediation', () => {
  it('gathers twenty petitions, meets, agrees, and closes only when both obligations are met', async () => {
    const office = await as('officer');
    await registerTwenty(office);

    await office.goto(`${server.url}/mediation`);
    await office.getByTestId('matter-create').click();
    await office.getByTestId('matter-title').fill(`${VILLAGE}采煤塌陷企地联调`);
    await office.getByTestId('matter-locality').fill(`东山镇${VILLAGE}`);
    await pick(office, office.locator('.ant-modal:visible').last(), '属地协作单位', '东山镇人民政府');
    await office.getByTestId('matter-submit').click();
    await office.waitForURL(/\/mediation\/[^/]+$/);
    const matterUrl = office.url();

    // Link every petition a search of the list finds: the twenty.
    await office.getByTestId('matter-search').fill(VILLAGE);
    await office.getByTestId('matter-search-run').click();
    await office.getByTestId('matter-link-search').getByText('（20）').waitFor();
    await office.getByTestId('matter-link-search').click();
    await office.getByText('关联的信访事项（20）').waitFor();

    // A meeting with the parties and minutes.
    await office.getByTestId('meeting-add').click();
    await office.getByTestId('meeting-place').fill('东山镇人民政府会议室');
    await office.getByTestId('meeting-parties').fill(`东山煤矿、东山镇人民政府、${VILLAGE}村委会、村民代表5人`);
    await office
      .getByTestId('meeting-minutes')
      .fill('鉴定机构通报：20户房屋受采动影响。矿方同意按鉴定等级补偿，镇政府负责安置。');
    await office.getByTestId('meeting-submit').click();
    await office.getByTestId('matter-meetings').getByText('鉴定机构通报').waitFor();

    // The agreement with two obligations, one on each side.
    await office.getByTestId('agreement-add').click();
    await office
      .getByTestId('agreement-text-input')
      .fill('一、矿方按鉴定等级支付维修补偿；二、镇政府确定安置点并公示；三、争议由联调小组协商。');
    await office.getByTestId('obligation-description-0').fill('向20户村民支付房屋维修补偿款');
    await office.getByTestId('obligation-add').click();
    await office.getByTestId('obligation-description-1').fill('确定搬迁安置点并公示');
    await office.getByTestId('agreement-submit').click();
    await office.getByTestId('matter-obligations').getByText('确定搬迁安置点并公示').waitFor();
    await office.screenshot({ path: screenshotPath('joint-mediation-1-agreement'), fullPage: true });

    // The 调解协议书: the print page, and the .docx download.
    const [print] = await Promise.all([
      office.context().waitForEvent('page'),
      office.getByTestId('agreement-print').click(),
    ]);
    await print.waitForLoadState();
    const printed = (await print.textContent('body')) ?? '';
    expect(printed).toContain('调解协议书');
    expect(printed).toContain('向20户村民支付房屋维修补偿款');
    expect(printed).toContain('确定搬迁安置点并公示');
    await print.screenshot({ path: screenshotPath('joint-mediation-2-print'), fullPage: true });
    await print.close();
    const [download] = await Promise.all([
      office.waitForEvent('download'),
      office.getByTestId('agreement-docx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    // Closing is refused while an obligation is open, and the page says why.
    await tryClose(office);
    await office.getByTestId('matter-error').getByText('尚有调解协议义务未履行，不能结案').waitFor();
    expect(await office.getByTestId('matter-state').textContent()).toBe('办理中');
    await fulfil(office, 1, '补偿款已汇入20户村民账户（银行回单）');
    await tryClose(office);
    await office.getByTestId('matter-error').getByText('尚有调解协议义务未履行，不能结案').waitFor();
    expect(await office.getByTestId('matter-state').textContent()).toBe('办理中');
    await office.screenshot({ path: screenshotPath('joint-mediation-3-refused'), fullPage: true });

    // Both met: the matter closes.
    await fulfil(office, 2, '镇政府安置点公示（第3号公告）');
    await tryClose(office);
    await office.getByTestId('matter-state').getByText('已结案').waitFor();
    expect(await office.getByTestId('matter-close').count()).toBe(0);
    await office.screenshot({ path: screenshotPath('joint-mediation-4-closed'), fullPage: true });

    // The same matter on a phone.
    const phone = await as('officer', 390, 844);
    await phone.goto(matterUrl);
    await phone.getByTestId('matter-state').waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: screenshotPath('joint-mediation-5-phone'), fullPage: true });
  });
});

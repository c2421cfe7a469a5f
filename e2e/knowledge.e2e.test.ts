/**
 * Journey (issue #17): an officer handling a wage case sees suggested articles, cites two in the reply,
 * and the printed 意见书 quotes them. The demo's 综采一队 overtime case (拖欠工资, 0103) is taken to
 * investigation by the group office through the API (not the point here); on its page the 推荐条款 card
 * lists the demo library's wage articles; the reply's dialog cites two of them; the group's chief signs
 * (签发) it; the print page quotes both articles in full. The 法规政策库 page finds the 条例 by Chinese
 * words, and a phone shows the case's card without sideways scrolling.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { actOnCase, logIn, screenshotPath, serverAndBrowser, type RunningServer, pick } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3975, {}, (world) => ({ server, browser } = world));

const WAGE_CASE = '综采一队3月加班工资未发放';

async function as(username: string, viewport = { width: 1400, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  return logIn(await context.newPage(), server.url, username);
}

/** A verb through the HTTP API with the page's session (steps that are not the point of this journey). */
async function verb(page: Page, petitionId: string, name: string, body: Record<string, unknown> = {}): Promise<void> {
  const session = (await (await page.request.get(`${server.url}/api/session`)).json()) as { csrfToken: string };
  const response = await page.request.post(`${server.url}/api/petitions/${petitionId}/${name}`, {
    data: body,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(response.status(), `${name}: ${await response.text()}`).toBe(200);
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  const file = screenshotPath(name);
  await page.screenshot({ path: file, fullPage });
  process.stdout.write(`screenshot: ${file}\n`);
}

describe('knowledge base', () => {
  it('an officer handling a wage case sees suggested articles, cites two in the reply, and the printed 意见书 quotes them', async () => {
    const office = await as('officer');
    const list = (await (
      await office.request.get(`${server.url}/api/petitions?state=registered&pageSize=50`)
    ).json()) as { items: { id: string; title: string }[] };
    const id = list.items.find((p) => p.title === WAGE_CASE)?.id ?? '';
    expect(id).not.toBe('');
    await verb(office, id, 'triage');
    await verb(office, id, 'accept');
    await verb(office, id, 'start-investigation');

    await office.goto(`${server.url}/petitions/${id}`);
    const card = office.getByTestId('suggested-articles');
    await card.getByTestId('suggested-article-0').waitFor();
    const suggested = await card.textContent();
    // The library's wage articles, by the case's category (拖欠工资) and its words (加班工资, 补发).
    expect(suggested).toContain('《中华人民共和国劳动法》第五十条');
    expect(suggested).toContain('《集团公司职工薪酬管理办法》第二十条');
    expect(suggested).toContain('同类事项');
    await card.scrollIntoViewIfNeeded();
    await shot(office, 'knowledge-suggested', false);

    let cited: string[] = [];
    await actOnCase(office, 'draftReply', async (modal) => {
      await modal.getByTestId('action-field-opinion').fill('责成东山煤矿综采一队于10个工作日内补发3月加班工资。');
      await modal
        .getByTestId('action-field-legalBasis')
        .fill('《中华人民共和国劳动法》第五十条；《集团公司职工薪酬管理办法》第二十条');
      const picker = modal.getByTestId('citation-picker');
      await picker.getByTestId('cite-suggested-0').waitFor();
      // Cite the Labour Law's 第五十条 and the policy's 第二十条 from the suggestions, whatever their rank.
      for (const title of ['《中华人民共和国劳动法》第五十条', '《集团公司职工薪酬管理办法》第二十条']) {
        // By its heading: a typical case's text may name the same article.
        const heading = office.locator('strong').getByText(title, { exact: true });
        const item = picker.locator('.ant-list-item').filter({ has: heading }).first();
        await item.getByRole('button', { name: '引用' }).click();
      }
      const selected = modal.getByTestId('citations-selected');
      await selected.waitFor();
      cited = (await selected.locator('.ant-list-item').allTextContents()).map((text) => text.slice(0, 30));
      expect(cited).toHaveLength(2);
      await pick(office, modal, '处理结果', '予以支持');
      await modal.getByTestId('outcome-resolved').click();
      await modal.getByTestId('outcome-measures-resolved').fill('综采一队已核实加班记录，10个工作日内补发到位');
      await shot(office, 'knowledge-cite-dialog', false);
    });
    expect(await office.getByTestId('petition-state').textContent()).toContain('意见书待签发');
    const timeline = await office.locator('body').textContent();
    expect(timeline).toContain('引用条款：2 条');

    // The group's chief signs it; the 信访处理意见书 is made, numbered and delivered in the step.
    const chief = await as('chief');
    await verb(chief, id, 'issue-reply', { deliveryMethod: 'in_person' });
    const documents = (await (await office.request.get(`${server.url}/api/petitions/${id}/documents`)).json()) as {
      items: { id: string; kind: string }[];
    };
    const reply = documents.items.find((d) => d.kind === 'reply');
    expect(reply).toBeDefined();
    const print = await office.context().newPage();
    await print.goto(`${server.url}/api/documents/${reply?.id ?? ''}/print`);
    const printed = (await print.locator('main.sheet').textContent()) ?? '';
    expect(printed).toContain(
      '《中华人民共和国劳动法》第五十条：工资应当以货币形式按月支付给劳动者本人。不得克扣或者无故拖欠劳动者的工资。',
    );
    expect(printed).toContain('《集团公司职工薪酬管理办法》第二十条：因核算、审批等原因未能按期发放的工资');
    await shot(print, 'knowledge-reply-print');
    await print.close();
  });

  it('the 法规政策库 page finds the regulation by Chinese words, and a document shows its versions', async () => {
    const office = await as('officer');
    await office.goto(`${server.url}/knowledge`);
    await office.getByTestId('knowledge-documents').getByText('信访工作条例').waitFor();
    await office.getByTestId('knowledge-search').fill('复查意见');
    await office.getByTestId('knowledge-search-submit').click();
    const hits = office.getByTestId('knowledge-hits');
    await hits.waitFor();
    expect(await hits.textContent()).toContain('《信访工作条例》第三十五条');
    await shot(office, 'knowledge-page');
    await office.getByTestId('knowledge-documents').getByText('集团公司职工薪酬管理办法').click();
    await office.getByTestId('knowledge-document-heading').waitFor();
    await office.getByText('历次版本（2）').click();
    await office.getByText('2024-01-01 至 2025-12-31').waitFor();
    await shot(office, 'knowledge-document');
  });

  it('on a phone (390×844) the case page shows the suggestions without sideways scrolling', async () => {
    const office = await as('officer');
    const list = (await (
      await office.request.get(`${server.url}/api/petitions?state=registered&pageSize=50`)
    ).json()) as { items: { id: string; title: string }[] };
    const id = list.items.find((p) => p.title !== WAGE_CASE)?.id ?? '';
    await verb(office, id, 'triage');
    await verb(office, id, 'accept');
    await verb(office, id, 'start-investigation');
    const phone = await as('officer', { width: 390, height: 844 });
    await phone.goto(`${server.url}/petitions/${id}`);
    const card = phone.getByTestId('suggested-articles');
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();
    const [scrollWidth, innerWidth] = await phone.evaluate<[number, number]>(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    );
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await shot(phone, 'knowledge-phone', false);
  });
});

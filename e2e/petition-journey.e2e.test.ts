/**
 * Journey: a visit from registration to final (三级终结) through the workbench, as the people who
 * really do each step — the group petition office registers and assigns to 东山煤矿, the mine's
 * office signs and accepts with an owner leader and a handler, the owner confirms and extends, the
 * handler drafts the reply with its 四个到位, the owner issues it, the office evaluates and concludes,
 * the group office decides the review (the level above the mine) and the group's chief the
 * reconsideration (the top of the tree, by a leader who did not decide the review). The deadlines shown are checked
 * against dates worked out here from the 条例's day counts.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer, actOnCase as act, pick } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3932, {}, (world) => ({ server, browser } = world));

/** Local date in China (UTC+8) of now, plus `days`, moved off a weekend (no holiday table is loaded in the demo). */
function dueIn(days: number, from = new Date()): string {
  const local = new Date(from.getTime() + 8 * 3_600_000);
  const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days));
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

async function as(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  return logIn(page, server.url, username);
}

async function open(page: Page, id: string): Promise<void> {
  await page.goto(`${server.url}/petitions/${id}`);
  await page.getByTestId('petition-state').waitFor();
}

/** Run one verb from the action bar: open its form, fill it, submit, wait for the new state. */

async function stateText(page: Page): Promise<string> {
  return (await page.getByTestId('petition-state').textContent()) ?? '';
}

async function deadlineRow(page: Page, kindLabel: string): Promise<string> {
  return (
    (await page.getByTestId('petition-deadlines').locator('tr').filter({ hasText: kindLabel }).first().textContent()) ??
    ''
  );
}

describe('a visit from registration to final', () => {
  it('walks every step in the workbench with the deadlines of the 条例', async () => {
    // 登记 by the group petition office.
    const office = await as('officer');
    await office.goto(`${server.url}/petitions/new`);
    await office.getByTestId('register-title').fill('综采二队职工反映工伤待遇未落实');
    await office
      .getByTestId('register-body')
      .fill('本人于今年在综采二队作业时受伤，工伤认定已下达，一次性伤残补助金至今未发放，请求尽快落实。');
    await office.getByTestId('register-petitioner-name-0').fill('郑永福');
    await office.getByTestId('register-submit').click();
    // No 内容分类 yet: the office is asked, and saves anyway (研判 classifies it below).
    await office.getByTestId('confirm-without-category').click();
    const code = await office.getByTestId('register-tracking-code').textContent();
    expect(code?.replace(/[^0-9A-Z]/g, '')).toHaveLength(16);
    await office.getByTestId('register-case-link').click();
    await office.getByTestId('petition-state').waitFor();
    const id = new URL(office.url()).pathname.split('/').pop() ?? '';
    // 第23条: written notice within 15 days of receipt.
    expect(await deadlineRow(office, '受理告知')).toContain(dueIn(15));

    // 研判 classifies the case: typing a name and Enter picks the only category it matches.
    await act(office, 'triage', async (modal) => {
      await modal.getByTestId('action-field-categoryCode').click();
      await office.keyboard.type('拖欠工资');
      await office.keyboard.press('Enter');
      expect(await modal.getByTestId('action-field-categoryCode').textContent()).toContain('工资薪酬 / 拖欠工资');
    });
    await act(office, 'assign', async (modal) => pick(office, modal, '承办单位', '东山煤矿'));
    expect(await stateText(office)).toContain('已交办');
    // 第23条第3款: an objection within 5 working days.
    expect(await deadlineRow(office, '异议')).not.toBe('');

    // The mine signs for it and accepts, naming the owner leader (包案) and the handler.
    const mineOffice = await as('dongshan.officer');
    await open(mineOffice, id);
    await act(mineOffice, 'signFor');
    await act(mineOffice, 'accept', async (modal) => {
      await pick(mineOffice, modal, '包案领导', '张志强');
      await pick(mineOffice, modal, '承办人', '赵海军');
    });
    expect(await stateText(mineOffice)).toContain('已受理');
    // 第34条: the 信访处理意见书 within 60 days of acceptance.
    expect(await deadlineRow(mineOffice, '办结')).toContain(dueIn(60));

    const owner = await as('dongshan.chief');
    await open(owner, id);
    await act(owner, 'confirmOwnership');

    const handler = await as('dongshan.hr');
    await open(handler, id);
    await act(handler, 'startInvestigation');

    // 延期 10 days, approved by the owner leader; the conclusion date moves by 10 days.
    await owner.reload();
    await owner.getByTestId('petition-state').waitFor();
    await act(owner, 'extend', async (modal) => {
      await modal.getByTestId('action-field-days').fill('10');
      await modal.getByTestId('action-field-reason').fill('需调取工伤保险基金支付记录');
    });
    expect(await deadlineRow(owner, '办结')).toContain(dueIn(70));

    await handler.reload();
    await handler.getByTestId('petition-state').waitFor();
    await act(handler, 'draftReply', async (modal) => {
      await modal.getByTestId('action-field-request').fill('发放一次性伤残补助金');
      await modal
        .getByTestId('action-field-factsAndReasons')
        .fill('经核实，工伤认定已下达，补助金因材料流转延误未发放。');
      await modal.getByTestId('action-field-opinion').fill('责成人力资源科十五日内发放。');
      await modal.getByTestId('action-field-legalBasis').fill('《工伤保险条例》第三十五条');
      await pick(handler, modal, '处理结果', '予以支持');
      // 四个到位 are part of the reply: the one that applies, with what was done.
      await modal.getByTestId('outcome-resolved').click();
      await modal.getByTestId('outcome-measures-resolved').fill('人力资源科已办理补助金发放手续');
    });

    await owner.reload();
    await owner.getByTestId('petition-state').waitFor();
    await act(owner, 'issueReply', async (modal) => pick(owner, modal, '送达方式', '当面送达'));
    expect(await stateText(owner)).toContain('已答复');
    // 第35条: the petitioner may ask for a review within 30 days of receiving the reply.
    expect(await deadlineRow(owner, '申请复查')).toContain(dueIn(30));
    // Issuing made the 信访处理意见书 a numbered document, delivered in person; it prints in the official layout.
    const replyNumber = owner.getByTestId('document-number-reply');
    await replyNumber.waitFor();
    expect(await replyNumber.textContent()).toMatch(/^信复〔\d{4}〕\d+号$/);
    expect(await owner.getByTestId('petition-documents').textContent()).toContain('当面送达');
    const [printPage] = await Promise.all([
      owner.context().waitForEvent('page'),
      owner.getByTestId('document-print-reply').click(),
    ]);
    await printPage.waitForLoadState();
    const printed = await printPage.locator('main.sheet').textContent();
    for (const part of ['信访处理意见书', '《工伤保险条例》第三十五条', '予以支持', '30日内', '复查'])
      expect(printed).toContain(part);
    const printFile = screenshotPath('document-reply-print');
    await printPage.screenshot({ path: printFile, fullPage: true });
    process.stdout.write(`screenshot: ${printFile}\n`);
    await printPage.close();

    await mineOffice.reload();
    await mineOffice.getByTestId('petition-state').waitFor();
    await act(mineOffice, 'evaluate', async (modal) => modal.getByTestId('action-field-satisfaction').fill('2'));
    await act(mineOffice, 'conclude');
    expect(await stateText(mineOffice)).toContain('已办结');

    // 复查 and 复核 at the group: the level above the mine.
    await open(office, id);
    await act(office, 'requestReview', async (modal) =>
      modal.getByTestId('action-field-reason').fill('信访人对补助金额有异议'),
    );
    expect(await deadlineRow(office, '复查意见')).toContain(dueIn(30));
    await act(office, 'issueReviewOpinion', async (modal) => {
      await modal.getByTestId('action-field-opinion').fill('经复查，补助金额计算正确，维持原处理意见。');
      await pick(office, modal, '处理结果', '不予支持');
    });
    // Its 复查意见书 was made and delivered in the same step.
    await office.getByTestId('document-number-review_opinion').waitFor();
    await act(office, 'requestReconsideration', async (modal) =>
      modal.getByTestId('action-field-reason').fill('信访人申请复核'),
    );
    expect(await deadlineRow(office, '复核意见')).toContain(dueIn(30));
    // At the top of the tree the group reconsiders itself, by a leader who did not decide the 复查.
    expect(await office.getByTestId('action-issueReconsiderationOpinion').count()).toBe(0);
    const groupChief = await as('chief');
    await open(groupChief, id);
    await act(groupChief, 'issueReconsiderationOpinion', async (modal) => {
      await modal.getByTestId('action-field-opinion').fill('复核维持复查意见，本事项终结。');
      await pick(groupChief, modal, '处理结果', '不予支持');
    });
    expect(await stateText(groupChief)).toContain('已终结');
    expect(await groupChief.locator('[data-testid^="action-"]').count()).toBe(0);
    // The final 复核意见书 was made in the step and is listed with the others.
    await groupChief.getByTestId('document-number-reconsideration_opinion').waitFor();
    const file = screenshotPath('petition-final');
    await groupChief.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);
  });
});

/**
 * Journey: a visit the group handles itself, from the window to its 复查 (issue #13 points 1, 5–8,
 * 15). The administrator publishes the petition office's address, phone and hours; the group office
 * registers the visitor and prints the 回执; it accepts the case with the 受理告知书 made in the same
 * dialog, naming the deputy as 包案 leader — 签发 waits until he confirms; the reply starts from the
 * petition and records its 四个到位; the petitioner reads it on the portal and asks for 复查; at the
 * top of the tree the 复查 is decided by a leader who took no part (the chief, not the deputy who
 * owned and signed, not the officers), and its 复查意见书 is on the portal with the 复核 window.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer, actOnCase as act, pick } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3953, {}, (world) => ({ server, browser } = world));

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 200 });

async function as(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  return logIn(await context.newPage(), server.url, username);
}

async function phone(): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

async function open(page: Page, id: string): Promise<void> {
  await page.goto(`${server.url}/petitions/${id}`);
  await page.getByTestId('petition-state').waitFor();
}

async function actions(page: Page): Promise<string[]> {
  const ids: string[] = await page
    .locator('[data-testid^="action-"]')
    .evaluateAll((nodes: { getAttribute: (name: string) => string | null }[]) =>
      nodes.map((n) => n.getAttribute('data-testid') ?? ''),
    );
  return ids.map((id) => id.replace(/^action-/, ''));
}

const OFFICE = {
  name: '集团公司信访办公室',
  address: '矿区路1号集团办公楼一层东侧',
  phone: '0310-5551234',
  hours: '周一至周五 8:30—12:00，14:30—17:30',
};

describe('a matter the group handles itself, through its 复查', () => {
  it('prints the 回执, makes each document in its step, and has the 复查 decided by the right leader', async () => {
    // The administrator publishes where and when the office receives people (setting portal.office).
    const admin = await as('admin');
    await admin.goto(`${server.url}/settings`);
    // The group's office has none yet (系统设置 opens at the administrator's own unit, the group).
    await poll(() => admin.getByTestId('setting-source-portal.office').textContent()).toBe('默认值');
    for (const [field, value] of Object.entries(OFFICE))
      await admin.getByTestId(`setting-field-portal.office-${field}`).fill(value);
    await admin.getByTestId('setting-save-portal.office').click();
    await poll(() => admin.getByTestId('setting-source-portal.office').textContent()).toBe('本单位设置');

    // 登记 at the window; the 回执 is on the result page, ready to print.
    const office = await as('officer');
    await office.goto(`${server.url}/petitions/new`);
    await office.getByTestId('register-title').fill('机关后勤职工反映取暖补贴未发放');
    await office
      .getByTestId('register-body')
      .fill('本人在集团机关后勤中心工作，去年冬季取暖补贴至今未发放，多次询问没有答复，请求尽快发放。');
    await office.getByTestId('register-petitioner-name-0').fill('高玉兰');
    await office.getByTestId('register-submit').click();
    await office.getByTestId('confirm-without-category').click();
    const code = (await office.getByTestId('register-tracking-code').textContent()) ?? '';
    const receipt = office.getByTestId('visit-receipt');
    await receipt.waitFor();
    const caseNumber = (await receipt.getByTestId('receipt-case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(/^XF\d{4}-\d{6}$/);
    expect(await receipt.getByTestId('receipt-tracking-code').textContent()).toBe(code);
    const receiptText = (await receipt.textContent()) ?? '';
    for (const part of ['信访事项登记回执', '高玉兰', '收到日期', '书面告知是否受理', '/portal', '查询码只出具这一次'])
      expect(receiptText).toContain(part);
    expect(await receipt.getByTestId('receipt-office').textContent()).toContain('0310-5551234');
    await receipt.screenshot({ path: screenshotPath('visit-receipt-a5') });
    // Printing prints the slip alone.
    await office.emulateMedia({ media: 'print' });
    expect(await office.getByTestId('register-case-link').isVisible()).toBe(false);
    expect(await office.locator('.visit-receipt-print').textContent()).toContain(caseNumber);
    await office.screenshot({ path: screenshotPath('visit-receipt-print'), fullPage: true });
    // Printed on the chosen A5 paper, the slip fits one page.
    const pdf = (await office.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    expect(pdf).toMatch(/\/MediaBox \[0 0 (419|420)[.\d]* (594|595)[.\d]*\]/); // A5: 148 × 210 mm
    await office.emulateMedia({ media: 'screen' });
    process.stdout.write(`screenshot: ${screenshotPath('visit-receipt-a5')}\n`);

    await office.getByTestId('register-case-link').click();
    await office.getByTestId('petition-state').waitFor();
    const id = new URL(office.url()).pathname.split('/').pop() ?? '';

    // 受理 by the group itself, with the 受理告知书 made in the same dialog; the deputy owns it (包案).
    await act(office, 'triage', async (modal) => {
      await modal.getByTestId('action-field-categoryCode').click();
      await office.keyboard.type('拖欠工资');
      await office.keyboard.press('Enter');
    });
    await poll(() => office.getByTestId('petition-state').textContent()).toContain('已研判');
    await act(office, 'accept', async (modal) => {
      expect(await modal.getByTestId('action-with-document').isChecked()).toBe(true);
      await pick(office, modal, '包案领导', '孙立新');
    });
    await poll(() => office.getByTestId('document-number-acceptance_notice').textContent()).toMatch(
      /^信受〔\d{4}〕\d+号$/,
    );

    // The reply starts from the petition and records the 四个到位 with what was done.
    await act(office, 'startInvestigation');
    await act(office, 'draftReply', async (modal) => {
      expect(await modal.getByTestId('action-field-request').inputValue()).toBe('机关后勤职工反映取暖补贴未发放');
      expect(await modal.getByTestId('action-field-factsAndReasons').inputValue()).toContain('去年冬季取暖补贴');
      await modal.getByTestId('action-field-opinion').fill('责成后勤中心十日内补发去年冬季取暖补贴。');
      await modal.getByTestId('action-field-legalBasis').fill('《集团公司职工福利管理办法》第十二条');
      await pick(office, modal, '处理结果', '予以支持');
      await modal.getByTestId('outcome-resolved').click();
      await modal.getByTestId('outcome-measures-resolved').fill('后勤中心已核定补发金额，十日内发放到位');
      await modal.getByTestId('outcome-assisted').click();
      await modal.getByTestId('outcome-measures-assisted').fill('工会按困难职工标准送去慰问金');
    });
    expect(await office.getByTestId('petition-state').textContent()).toContain('意见书待签发');

    // 签发 waits for the owner's 确认包案; once confirmed it is offered, and 确认包案 is gone.
    const deputy = await as('deputy');
    await open(deputy, id);
    expect(await actions(deputy)).not.toContain('issueReply');
    expect(await deputy.getByTestId('waiting-issueReply').isDisabled()).toBe(true);
    await act(deputy, 'confirmOwnership');
    await poll(() => actions(deputy)).toContain('issueReply');
    expect(await actions(deputy)).not.toContain('confirmOwnership');
    await act(deputy, 'issueReply', async (modal) => pick(deputy, modal, '送达方式', '当面送达'));
    expect(await deputy.getByTestId('petition-state').textContent()).toContain('已答复');

    // The petitioner, on a phone: the office's contact on the home page, the reply, then a 复查 request.
    const worker = await phone();
    await worker.goto(`${server.url}/portal`);
    await poll(() => worker.getByTestId('portal-office').textContent()).toContain('矿区路1号集团办公楼一层东侧');
    await worker.screenshot({ path: screenshotPath('portal-home-office'), fullPage: true });
    // Filing without a QR code, the petitioner may say which mine or unit the matter concerns.
    await worker.getByTestId('portal-go-file').click();
    const units = worker.getByTestId('portal-unit-choice');
    await units.waitFor();
    expect(await units.locator('optgroup[label="东山煤矿"] option').count()).toBeGreaterThan(1);
    await units.selectOption({ label: '东山煤矿' });
    expect(await units.inputValue()).not.toBe('');
    await units.screenshot({ path: screenshotPath('portal-unit-choice') });
    await worker.goto(`${server.url}/portal/track`);
    await worker.getByTestId('portal-track-case').fill(caseNumber);
    await worker.getByTestId('portal-track-code').fill(code);
    await worker.getByTestId('portal-track-submit').click();
    await poll(() => worker.getByTestId('portal-replies').textContent()).toContain(
      '生活困难帮扶到位：工会按困难职工标准送去慰问金',
    );
    // The 意见书 names who reviews: the group itself, by leaders who took no part.
    expect(await worker.getByTestId('portal-replies').textContent()).toContain('由未参与原处理的负责人复查');
    await worker.getByTestId('portal-review-reason').fill('补发金额少算了一个月，请求复查。');
    await worker.getByTestId('portal-review-submit').click();
    await poll(() => worker.getByTestId('portal-case-state').textContent()).toBe('正在复查');
    expect(await worker.getByTestId('portal-deadlines').textContent()).not.toContain('您申请复核');
    expect(await worker.getByTestId('portal-reconsideration').count()).toBe(0);

    // Who decides the 复查 at the top of the tree: not the officers, not the deputy who owned and signed.
    await open(office, id);
    expect(await actions(office)).not.toContain('issueReviewOpinion');
    await deputy.reload();
    await deputy.getByTestId('petition-state').waitFor();
    expect(await actions(deputy)).not.toContain('issueReviewOpinion');
    const chief = await as('chief');
    await open(chief, id);
    await act(chief, 'issueReviewOpinion', async (modal) => {
      await modal.getByTestId('action-field-opinion').fill('经复查，补发金额按实际取暖期计算，再补发一个月。');
      await pick(chief, modal, '处理结果', '予以支持');
      await pick(chief, modal, '送达方式', '网上送达');
    });
    expect(await chief.getByTestId('petition-state').textContent()).toContain('已复查');
    await poll(() => chief.getByTestId('document-number-review_opinion').textContent()).toMatch(/^信查〔\d{4}〕\d+号$/);

    // The portal shows the 复查意见书 and, beside it now, the 复核 window (the tab keeps the case open).
    await worker.reload();
    await poll(() => worker.getByTestId('portal-case-state').textContent()).toBe('已作出复查意见');
    const replies = (await worker.getByTestId('portal-replies').textContent()) ?? '';
    expect(replies).toContain('信访事项复查意见书');
    expect(replies).toContain('再补发一个月');
    expect(await worker.getByTestId('portal-deadlines').textContent()).toContain('您申请复核');
    await worker.screenshot({ path: screenshotPath('portal-review-opinion'), fullPage: true });
    process.stdout.write(`screenshot: ${screenshotPath('portal-review-opinion')}\n`);
    // 复查 is no longer offered; 复核 is, and the petitioner asks for it here.
    expect(await worker.getByTestId('portal-review').count()).toBe(0);
    await worker.getByTestId('portal-reconsideration-reason').fill('对复查意见仍有异议，请求复核。');
    await worker.getByTestId('portal-reconsideration-submit').click();
    await poll(() => worker.getByTestId('portal-case-state').textContent()).toBe('正在复核');
    expect(await worker.getByTestId('portal-reconsideration').count()).toBe(0);
  }, 240_000);
});

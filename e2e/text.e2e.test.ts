/**
 * Journey: the text engine in the workbench. The officer registers a matter the demo already holds,
 * typed differently: the form warns 可能重复 with the similarity and the reason; the category model
 * (trained at start from the demo's few categorised petitions) says "no suggestion" rather than guess. The
 * case page of a new petition lists 疑似重复; the warnings page shows the hotspots of the period.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3946, {}, (world) => ({ server, browser } = world));

async function as(username: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 1100 } });
  return logIn(page, server.url, username);
}

describe('text engine', () => {
  it('warns of a likely repeat and says "no category suggestion" on the demo history while the officer registers', async () => {
    const officer = await as('officer');
    await officer.goto(`${server.url}/petitions/new`);
    await officer.getByTestId('register-title').fill('加班工资一直没发');
    // The demo's wage matter, sentences in another order and other punctuation.
    await officer
      .getByTestId('register-body')
      .fill('区队说要等矿上核算, 已经拖了一个多月. 我们综采一队甲班十余名职工3月份加班工资至今未发放! 请求尽快补发.');
    const repeats = officer.getByTestId('repeat-suggestions');
    await repeats.waitFor({ timeout: 15_000 });
    const text = (await repeats.textContent()) ?? '';
    expect(text).toContain('可能重复');
    expect(text).toContain('综采一队3月加班工资未发放');
    expect(text).toMatch(/相似度 \d+%/);
    expect(text).toMatch(/正文(相似|包含)/);
    // The demo's history is small (≈ 400 cases over 15 categories): no guess, an honest "no suggestion".
    const none = officer.getByTestId('category-no-suggestion');
    await none.waitFor({ timeout: 15_000 });
    expect(await none.textContent()).toContain('暂无分类建议');
    expect(await officer.getByTestId('category-suggestion').count()).toBe(0);
    const file = screenshotPath('text-register-repeat');
    await officer.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);

    // Registered anyway (another person, same matter): a repeat by text; the case page lists 疑似重复.
    await officer.getByRole('textbox', { name: '姓名' }).first().fill('郝小军');
    await officer.getByTestId('register-submit').click();
    await officer.getByTestId('confirm-without-category').click();
    await officer.getByTestId('register-case-link').click();
    const card = officer.getByTestId('similar-cases');
    await card.getByText('综采一队3月加班工资未发放').waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('关联为重复访');
    expect(await officer.getByTestId('petition-case-number').isVisible()).toBe(true);
    const caseFile = screenshotPath('text-case-similar');
    await officer.screenshot({ path: caseFile, fullPage: true });
    process.stdout.write(`screenshot: ${caseFile}\n`);
    await officer.close();
  });

  it('shows the hotspots of the period on the warnings page', async () => {
    const chief = await as('chief');
    await chief.getByRole('menuitem', { name: '预警研判' }).click();
    const card = chief.getByTestId('hotspots-card');
    await card.waitFor();
    await card.getByTestId('hotspot-title').first().waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain('热点问题');
    const file = screenshotPath('text-hotspots');
    await card.screenshot({ path: file });
    process.stdout.write(`screenshot: ${file}\n`);
    await chief.close();
  });
});

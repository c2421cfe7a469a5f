/**
 * Journey: early warning. The scan at start has raised the demo's risky case (the subsidence group
 * threatening escalation); the group's chief opens 预警研判, reads the reasons, records the analysis
 * (研判), and sees the status change. The administrator adds a sensitive period and the warnings page
 * shows the tightened watch.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3938, {}, (world) => ({ server, browser } = world));

async function as(username: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
  return logIn(page, server.url, username);
}

function localDate(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe('early warning', () => {
  it('the chief reads a warning’s reasons and records the analysis', async () => {
    const chief = await as('chief');
    await chief.getByRole('menuitem', { name: '预警研判' }).click();
    // The scan runs once at start; allow it a moment on a slow machine.
    const risky = chief.getByTestId('warning-petition_risk').filter({ hasText: '采煤沉陷区房屋裂缝' }).first();
    await expect
      .poll(
        async () => {
          if ((await risky.count()) === 0) await chief.reload();
          return risky.count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    const raised = await Promise.all(
      (['red', 'orange'] as const).map(async (l) =>
        Number(await chief.getByTestId(`warning-count-${l}`).locator('.ant-statistic-content-value').textContent()),
      ),
    );
    expect(raised[0]! + raised[1]!).toBeGreaterThan(0);
    await risky.click();
    const drawer = chief.getByTestId('warning-drawer');
    await drawer.getByText('含扬言词').waitFor();
    expect(await drawer.textContent()).toContain('集体上访');
    await drawer.getByTestId('analysis-judgement').fill('村民对沉陷评估进度不满，有集体上访苗头');
    await drawer.getByTestId('analysis-measures').fill('矿领导三日内入户走访，委托第三方评估，每周通报进度');
    await drawer.getByTestId('analysis-responsible').fill('北岭矿 分管副矿长');
    await drawer.getByTestId('analysis-due').click();
    await chief.keyboard.type(localDate(7));
    await chief.keyboard.press('Enter');
    await drawer.getByTestId('analysis-submit').click();
    await drawer.getByText('已研判').first().waitFor();
    expect(await drawer.textContent()).toContain('北岭矿 分管副矿长');
    const file = screenshotPath('warnings-analysis');
    await chief.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);
    await chief.close();
  });

  it('the administrator adds a sensitive period; the warnings page shows it', async () => {
    const admin = await as('admin');
    await admin.getByRole('menuitem', { name: '预警设置' }).click();
    await admin.getByPlaceholder('名称').fill('春节前后');
    await admin.locator('.ant-picker-range').click();
    await admin.keyboard.type(localDate(-1));
    await admin.keyboard.press('Enter');
    await admin.keyboard.type(localDate(10));
    await admin.keyboard.press('Enter');
    await admin.getByRole('button', { name: '添加敏感时期' }).click();
    await admin.getByText('当前处于敏感时期：春节前后').waitFor();
    const file = screenshotPath('warning-settings');
    await admin.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);
    await admin.close();

    const chief = await as('chief');
    await chief.goto(`${server.url}/warnings`);
    await chief.getByTestId('sensitive-period-banner').waitFor();
    await chief.close();
  });
});

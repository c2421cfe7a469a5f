/**
 * Journey: the demo officer logs in, sees the organisation tree of the coal group, and the server
 * shuts down gracefully afterwards.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3931, {}, (world) => ({ server, browser } = world));

describe('log-in and the unit tree', () => {
  it('prints the demo log-ins at start', () => {
    expect(server.output()).toContain('officer');
    expect(server.output()).toContain(DEMO_PASSWORD);
  });

  it('refuses a wrong password with the message in Chinese', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('officer');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('logs the demo officer in and shows the organisation tree', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-username').fill('officer');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.url}/units`);
    const tree = page.getByTestId('unit-tree');
    await tree.waitFor();
    await expect.poll(() => tree.getByText('冀中某能源集团').count()).toBeGreaterThan(0);
    await expect.poll(() => tree.getByText('东山煤矿').count()).toBeGreaterThan(0);
    const file = screenshotPath('unit-tree-officer');
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);
    await page.close();
  });
});

describe('graceful stop', () => {
  it('answers a request already received, then exits 0 on SIGTERM', async () => {
    const inFlight = fetch(`${server.url}/api/openapi.json`);
    // Give the connection time to be accepted; whatever was accepted must still be answered.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const code = await server.stop();
    expect((await inFlight).status).toBe(200);
    expect(code).toBe(0);
  });
});

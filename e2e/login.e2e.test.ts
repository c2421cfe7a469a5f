/**
 * Journey: the demo officer logs in, sees the organisation tree of the coal group, and the server
 * shuts down gracefully afterwards.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

describe('graceful stop of `npm start` (issue #20)', () => {
  it('a SIGTERM to its whole process group drains, logs "stopped", leaves no WAL and no process behind', async () => {
    const port = 3938 + Number(process.env.E2E_PORT_OFFSET ?? '0');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-e2e-npm-'));
    // Its own process group, as a service manager or a terminal's Ctrl-C signals it: npm, sh and node.
    const group = spawn('npm', ['start'], {
      detached: true,
      // The environment of a service manager: not the test runner's (npm's own variables from `npx vitest`).
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        XINFANG_DATA_DIR: dataDir,
        XINFANG_DEMO_PETITIONS: 'false',
        LOG_LEVEL: 'info',
        XINFANG_PASSWORD_MEMORY_KIB: '1024',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    group.stdout.on('data', (d: Buffer) => (output += d.toString()));
    group.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    try {
      await expect
        .poll(async () => (await fetch(`${url}/api/health`).catch(() => null))?.ok ?? false, { timeout: 85_000 })
        .toBe(true);
      // A write, so the write-ahead log holds something to fold back.
      const login = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'officer', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const wal = path.join(dataDir, 'xinfang.db-wal');
      expect(fs.statSync(wal).size).toBeGreaterThan(0);

      const inFlight = fetch(`${url}/api/openapi.json`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      process.kill(-(group.pid ?? 0), 'SIGTERM');
      expect((await inFlight).status).toBe(200);
      await expect
        .poll(() => output.includes('"msg":"stopped"'), { timeout: 20_000, message: output.slice(-2000) })
        .toBe(true);
      // Every process of the group has exited (kill 0 only asks), and the log was folded back.
      await expect
        .poll(
          () => {
            try {
              process.kill(-(group.pid ?? 0), 0);
              return 'running';
            } catch {
              return 'gone';
            }
          },
          { timeout: 20_000 },
        )
        .toBe('gone');
      expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
      expect(output).not.toContain('error while stopping');
    } finally {
      try {
        process.kill(-(group.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

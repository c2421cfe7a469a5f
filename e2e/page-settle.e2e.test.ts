/**
 * Measurement, not a pass/fail gate: how long each workbench page and the portal take to settle on
 * loopback, on the first visit after log-in (the page's own chunks and data not cached) and on a
 * repeat visit (same browser context; the median of three) — the aim is ≤ 400 ms for a repeat visit (issue #13
 * point 21) — with the requests, the API requests among them (session, configuration, notifications and the
 * screen's own, all started by boot.ts before the app's code runs). Printed per page with the machine's
 * load average — figures taken on a busy machine are not comparable with an idle one; the journey
 * only checks that every page did settle.
 *
 * "Settled" is measured inside the page, from navigation start (performance.now() = 0): the later
 * of the last DOM change (a MutationObserver installed before any script) and the end of the last
 * response — read once the network has been quiet for 500 ms, so the quiet time is not counted.
 * Animations that only change attributes (antd's wave, chart easing) do not count as changes.
 */
import os from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3940, {}, (world) => ({ server, browser } = world));

const TRACK_CHANGES = `
  window.__lastChange = 0;
  new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(document, { childList: true, subtree: true, characterData: true });
`;

type Settle = { ms: number; requests: number; api: number; kib: number };

async function settle(page: Page, url: string): Promise<Settle> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  return page.evaluate<Settle>(`(() => {
    const resources = performance.getEntriesByType('resource');
    const nav = performance.getEntriesByType('navigation')[0];
    const lastResponse = Math.max(nav ? nav.responseEnd : 0, ...resources.map((r) => r.responseEnd));
    const bytes = resources.reduce((sum, r) => sum + (r.transferSize || 0), nav ? nav.transferSize : 0);
    const api = resources.filter((r) => new URL(r.name).pathname.startsWith('/api/')).length;
    return { ms: Math.max(window.__lastChange, lastResponse), requests: resources.length + 1, api, kib: bytes / 1024 };
  })()`);
}

async function caseId(context: BrowserContext): Promise<string> {
  const response = await context.request.get(`${server.url}/api/petitions?state=in_progress&pageSize=1`);
  const list = (await response.json()) as { items: { id: string }[] };
  return list.items[0]?.id ?? '';
}

describe('page settle times', () => {
  it('prints the settle time of each workbench page and the portal, first and repeat visit', async () => {
    const rows: string[] = [];
    const pages: [string, (id: string) => string][] = [
      ['工作台 home', () => '/'],
      ['我的待办 to-do', () => '/todos'],
      ['全部消息 notifications', () => '/notifications'],
      ['信访事项 list', () => '/petitions'],
      ['案件 case page', (id) => `/petitions/${id}`],
      ['领导驾驶舱 dashboard', () => '/dashboard'],
      ['预警研判 warnings', () => '/warnings'],
      ['portal', () => '/portal'],
    ];
    for (const [name, path] of pages) {
      // A fresh context per page: the first visit has an empty HTTP cache, the repeat visit shares it.
      const fresh = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
      await fresh.addInitScript(TRACK_CHANGES);
      const page = await logIn(await fresh.newPage(), server.url, 'chief');
      const id = await caseId(fresh);
      await page.close();
      // Only the log-in page's files are cached now; the page's own chunks and data are not.
      const visit = await fresh.newPage();
      const first = await settle(visit, `${server.url}${path(id)}`);
      // The median of three repeat visits: one figure on a busy machine is mostly noise.
      const repeats: Settle[] = [];
      for (let i = 0; i < 3; i++) repeats.push(await settle(visit, `${server.url}${path(id)}`));
      const repeat = repeats.sort((a, b) => a.ms - b.ms)[1] ?? first;
      rows.push(
        `${name.padEnd(24)} first ${first.ms.toFixed(0).padStart(5)} ms (${String(first.requests).padStart(2)} requests, ` +
          `${first.kib.toFixed(0).padStart(5)} KiB)   repeat ${repeat.ms.toFixed(0).padStart(5)} ms ` +
          `(${String(repeat.requests).padStart(2)} requests of which ${repeat.api} API, ${repeat.kib.toFixed(0).padStart(4)} KiB)`,
      );
      expect(first.ms).toBeGreaterThan(0);
      expect(repeat.ms).toBeGreaterThan(0);
      await fresh.close();
    }
    const load = os.loadavg()[0]?.toFixed(1) ?? '?';
    process.stdout.write(
      `\npage settle (loopback, Chromium headless, load average ${load} on ${os.cpus().length} cores):\n${rows.join('\n')}\n\n`,
    );
  });
});

/**
 * Journey: an officer prints the demo's 信访处理意见书 from Chromium to A4 PDF — one page when it holds
 * up to 14 body lines, else the text flows on with the 署名 and 成文日期 together under its last lines
 * (GB/T 9704 layout, render-html.ts).
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3939, {}, (world) => ({ server, browser } = world));

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object per page. */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describe('document print', () => {
  it('prints a reply on A4 pages as its length needs, the 署名 and 成文日期 together', async () => {
    const page = await logIn(await browser.newPage({ locale: 'zh-CN' }), server.url, 'officer');
    const list = (await (await page.request.get(`${server.url}/api/petitions?state=replied&pageSize=1`)).json()) as {
      items: { id: string }[];
    };
    const petitionId = list.items[0]?.id;
    expect(petitionId).toBeDefined();
    const documents = (await (
      await page.request.get(`${server.url}/api/petitions/${petitionId ?? ''}/documents`)
    ).json()) as { items: { id: string; kind: string; content: { paragraphs: string[] } }[] };
    const reply = documents.items.find((d) => d.kind === 'reply');
    expect(reply?.content.paragraphs.length).toBeGreaterThanOrEqual(6);

    await page.goto(`${server.url}/api/documents/${reply?.id ?? ''}/print`);
    // Its body lines (主送 and paragraphs at the 28 pt pitch, laid out at the 版心's width on screen).
    const bodyLines = await page.evaluate<number>(
      `[...document.querySelectorAll('.addressee, p.body')].reduce((n, e) => n + Math.round(e.getBoundingClientRect().height / (28 * 96 / 72)), 0)`,
    );
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    process.stdout.write(`reply print: ${bodyLines} body lines, ${pageCount(pdf)} page(s)\n`);
    // Up to 14 body lines print on one page under the 版头 (render-html.ts). The demo reply holds 15 since
    // the 四个到位 are part of it (第27条: a heading and one line each): it flows onto a second page, the
    // 署名 and 成文日期 going with the last lines of the text (GB/T 9704 7.3.5), never alone.
    expect(bodyLines).toBeGreaterThanOrEqual(13);
    expect(pageCount(pdf)).toBe(bodyLines <= 14 ? 1 : 2);
    // The signature block is one piece: 署名 directly above 成文日期.
    const lines = page.locator('.signature > div:not(.seal)');
    const name = await lines.nth(0).boundingBox();
    const date = await lines.nth(1).boundingBox();
    expect(name && date ? Math.round(date.y - (name.y + name.height)) : -1).toBe(0);

    await page.emulateMedia({ media: 'screen' });
    const file = screenshotPath('document-print');
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);
    await page.close();
  });
});

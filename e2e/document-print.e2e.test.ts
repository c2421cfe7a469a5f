/**
 * Journey: an officer prints the demo's 信访处理意见书 from Chromium to A4 PDF — the reply fits one
 * page, 署名 and 成文日期 together under the text (GB/T 9704 layout, render-html.ts).
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
  it('prints a normal reply on one A4 page with the 署名 and 成文日期 together', async () => {
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
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    process.stdout.write(`reply print: ${pageCount(pdf)} page(s)\n`);
    expect(pageCount(pdf)).toBe(1);
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

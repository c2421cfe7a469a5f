/**
 * Journey: the petition list of a big enterprise (issue #20). The demo enterprise grows past ten
 * thousand petitions (copies of one of its wage complaints, written into the server's database as a
 * ledger import of history would); the group officer opens the list and reads "超过 10,000 件" under
 * it, pages to the last page the pager offers, then searches a word every copy holds and is told the
 * search was cut at the hits it reads. On a phone (390×844) the total reads the same.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PETITION_LIST_TOTAL_CAP } from '../common/schemas/petition.ts';
import { openDatabase } from '../server/db/database.ts';
import { insertSearchTexts } from '../server/modules/text/search-index.ts';
import { logIn, screenshotPath, serverAndBrowser, type E2eWorld } from './support.ts';

let world: E2eWorld;
serverAndBrowser(3957, {}, (w) => (world = w));

/** `count` copies of the demo's newest petition whose title names wages, each with its search row. */
async function grow(count: number): Promise<void> {
  const database = openDatabase({ dialect: 'sqlite', file: world.server.databaseFile });
  try {
    const { db } = database;
    const original = await db
      .selectFrom('petition')
      .selectAll()
      .where('title', 'like', '%工资%')
      .orderBy('received_at', 'desc')
      .executeTakeFirstOrThrow();
    const start = Date.parse(original.received_at);
    for (let offset = 0; offset < count; offset += 500) {
      await db.transaction().execute(async (trx) => {
        const rows = [];
        for (let i = offset; i < Math.min(count, offset + 500); i++) {
          const receivedAt = new Date(start - 3_600_000 - i * 60_000).toISOString();
          rows.push({
            ...original,
            id: `HIST${String(i).padStart(8, '0')}`,
            case_number: `XF-HIST-${i}`,
            received_at: receivedAt,
            created_at: receivedAt,
          });
        }
        await trx.insertInto('petition').values(rows).execute();
        await insertSearchTexts(
          trx,
          'sqlite',
          rows.map((r) => ({ petitionId: r.id, text: `${r.title}\n${r.body}`, receivedAt: r.received_at })),
        );
      });
    }
  } finally {
    await database.close();
  }
}

/** The total in the card's head and under the table, which must say the same. */
async function totalText(page: Page): Promise<string> {
  const head = page.getByTestId('petition-total');
  await head.waitFor();
  const pager = page.locator('.ant-pagination-total-text');
  await pager.waitFor({ state: 'attached' });
  const text = (await head.textContent()) ?? '';
  expect(await pager.textContent()).toBe(text);
  return text;
}

describe('the petition list past ten thousand petitions', () => {
  it('says "more than 10,000", pages to the last counted page, and says when a search was cut', async () => {
    await grow(PETITION_LIST_TOTAL_CAP + 50);
    const page = await logIn(
      await world.browser.newPage({
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1400, height: 900 },
      }),
      world.server.url,
      'officer',
    );
    await page.goto(`${world.server.url}/petitions`);
    expect(await totalText(page)).toContain('超过 10,000 件');
    await page.screenshot({ path: screenshotPath('petition-list-capped'), fullPage: false });
    // The pager ends at the counted pages: 10,000 / 20 = 500.
    await expect
      .poll(async () => page.locator('.ant-pagination-item').last().textContent())
      .toBe(String(PETITION_LIST_TOTAL_CAP / 20));
    await page.locator('.ant-pagination-item').last().click();
    await expect.poll(async () => page.locator('.ant-pagination-item-active').textContent()).toBe('500');
    await expect.poll(async () => page.locator('[data-testid="petition-table"] tbody tr').count()).toBe(20);

    // A word every copy holds: the search reads the hits the index gives first and says so.
    await page.goto(`${world.server.url}/petitions?q=${encodeURIComponent('工资')}`);
    await page.getByTestId('search-limited').waitFor();
    expect(await page.getByTestId('search-limited').textContent()).toContain('检索词命中超过 2,000 件');
    expect(await totalText(page)).toBe('2,000 件（检索已截断）');
    await page.screenshot({ path: screenshotPath('petition-list-search-limited'), fullPage: false });

    const phone = await logIn(
      await world.browser.newPage({
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      }),
      world.server.url,
      'officer',
    );
    await phone.goto(`${world.server.url}/petitions`);
    expect(await totalText(phone)).toContain('超过 10,000 件');
    await phone.screenshot({ path: screenshotPath('petition-list-capped-phone'), fullPage: true });
  });
});

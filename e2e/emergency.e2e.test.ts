/**
 * Journey (issue #16, third "Done when"), on a phone (390×844): the group's chief opens the red
 * warning the start-up scan raised and activates the 群体性事件 plan from it; the plan's people are
 * told at once (the mine deputy finds it under the bell); the commander hands out a task, which the
 * deputy confirms on his phone; the timeline grows from the phone, a step in two taps; the commander
 * stands the response down; the after-action report (复盘) prints every step with its time.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { IncidentView } from '../common/schemas/emergency.ts';
import { logIn, screenshotPath, serverAndBrowser, type RunningServer } from './support.ts';

let server: RunningServer;
let browser: Browser;
serverAndBrowser(3990, {}, (world) => ({ server, browser } = world));

async function phone(username: string): Promise<Page> {
  const page = await browser.newPage({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  return logIn(page, server.url, username);
}

async function shot(page: Page, name: string): Promise<void> {
  const file = screenshotPath(name);
  await page.screenshot({ path: file, fullPage: true });
  process.stdout.write(`screenshot: ${file}\n`);
}

describe('emergency response on the phone', () => {
  it('a red warning activates the plan; people told; tasks confirmed; the timeline grows; stand-down; the report', async () => {
    // The group's chief: the red warning of the start-up scan (a wage-day surge across the group).
    const chief = await phone('chief');
    let redId: string | undefined;
    await expect
      .poll(
        async () => {
          const list = (await (await chief.request.get(`${server.url}/api/warnings?level=red`)).json()) as {
            items: { id: string }[];
          };
          redId = list.items[0]?.id;
          return redId;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBeDefined();
    await chief.goto(`${server.url}/warnings?open=${redId ?? ''}`);
    const drawer = chief.getByTestId('warning-drawer');
    await drawer.getByText('红色').first().waitFor();
    await drawer.getByTestId('warning-activate-plan').click();
    const modal = chief.locator('.ant-modal-wrap:visible').last();
    await modal.getByText('北岭煤矿群体性事件应急预案').first().waitFor();
    await modal.getByTestId('activate-summary').fill('北岭村三十余名村民聚集矿部门前，反映沉陷区搬迁');
    await shot(chief, 'emergency-activate');
    await modal.getByTestId('activate-submit').click();
    await chief.waitForURL(/\/emergency\/incidents\//);
    await chief.getByTestId('incident-title').waitFor();
    expect(await chief.getByTestId('incident-title').textContent()).toBe('北岭煤矿群体性事件应急预案');
    const incidentUrl = chief.url();
    const incidentId = incidentUrl.split('/').pop() ?? '';
    await chief.close();

    // The mine's deputy (现场处置) is told at once: the bell, and the notice opens the incident.
    const deputy = await phone('beiling.deputy');
    await deputy.getByTestId('notification-bell').click();
    const notice = deputy.locator('[data-testid="notification-item"][data-kind="emergency_activated"]').first();
    await notice.waitFor();
    expect(await notice.textContent()).toContain('应急预案已启动：北岭煤矿群体性事件应急预案（红色）');
    await shot(deputy, 'emergency-bell');
    await notice.click();
    await deputy.waitForURL(incidentUrl);

    // The commander (the mine's chief) hands the deputy a task.
    const commander = await phone('beiling.chief');
    await commander.goto(incidentUrl);
    await commander.getByTestId('task-assignee').click();
    await commander.locator('.ant-select-dropdown:visible').getByText('尤国华').click();
    await commander.getByTestId('task-title').fill('带队到矿部门前劝导，引导推选代表');
    await commander.getByTestId('task-assign').click();
    await commander.getByTestId('incident-tasks').getByText('未确认').waitFor();

    // The deputy confirms it on the phone and records the steps as they happen.
    await deputy.reload();
    await deputy.getByTestId('my-tasks').getByText('带队到矿部门前劝导').waitFor();
    await deputy.getByTestId('task-confirm').click();
    await deputy.getByTestId('my-tasks').getByText('已确认').waitFor();
    const entries = deputy.getByTestId('timeline-entry');
    const before = await entries.count();
    // Two taps: the kind, then 记录 (now, the kind's own words).
    await deputy.getByTestId('entry-kind-arrival').click();
    await deputy.getByTestId('entry-submit').click();
    await expect.poll(() => entries.count()).toBe(before + 1);
    const record = async (kind: string, text: string, fill?: (page: Page) => Promise<void>) => {
      const count = await entries.count();
      await deputy.getByTestId(`entry-kind-${kind}`).click();
      await fill?.(deputy);
      await deputy.getByTestId('entry-text').fill(text);
      await deputy.getByTestId('entry-submit').click();
      await expect.poll(() => entries.count()).toBe(count + 1);
    };
    await record('gathered', '矿部门前约三十二人，情绪激动', (p) => p.getByTestId('entry-headcount').fill('32'));
    await record('demands', '要求年内完成沉陷评估并公布搬迁安置方案');
    await record('liaison', '通报北岭镇政府，综治办刘主任二十分钟内到场', (p) =>
      p.getByTestId('entry-outside-body').fill('北岭镇人民政府'),
    );
    await record('talks', '与五名代表在会议室对话，镇政府、矿领导参加');
    await record('promise', '矿方承诺十日内委托第三方评估，每周五公布进度');
    expect(await deputy.getByTestId('incident-contacts').locator('a[href^="tel:"]').count()).toBe(3);
    await shot(deputy, 'emergency-incident-phone');
    await deputy.close();

    // The commander stands down.
    await commander.reload();
    await commander.getByTestId('incident-stand-down').click();
    await commander.getByTestId('stand-down-note').fill('村民代表接受答复后散去，镇政府牵头后续评估');
    await commander.getByTestId('stand-down-submit').click();
    await commander.getByTestId('incident-status').getByText('已结束').waitFor();

    // The after-action report: every step, each with its time.
    const view = (await (
      await commander.request.get(`${server.url}/api/emergency/incidents/${incidentId}`)
    ).json()) as IncidentView;
    expect(view.timeline.map((e) => e.kind)).toEqual([
      'activated',
      'task_assigned',
      'task_confirmed',
      'arrival',
      'gathered',
      'demands',
      'liaison',
      'talks',
      'promise',
      'stood_down',
    ]);
    expect(view.responseTimes.toFirstArrival).not.toBeNull();
    await commander.getByTestId('incident-report-link').click();
    await commander.waitForURL(/\/report$/);
    const rows = commander.getByTestId('report-steps').locator('tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(view.timeline.length);
    for (const [i, entry] of view.timeline.entries()) {
      const row = (await rows.nth(i).textContent()) ?? '';
      expect(row).toContain(entry.text);
      expect(row).toMatch(/\d{1,2}:\d{2}/);
    }
    expect(await commander.getByTestId('incident-report').textContent()).toContain(
      '北岭煤矿群体性事件应急预案 复盘报告',
    );
    await shot(commander, 'emergency-report');
    await commander.close();
  });
});

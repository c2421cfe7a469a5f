/**
 * End-to-end plumbing: the real server as a child process on a fresh SQLite file with the demo
 * enterprise, and Debian's Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const OUTPUT_DIR = path.resolve('e2e/output');

/** `stop` sends SIGTERM and resolves with the exit code; calling it again returns the same code. */
export type RunningServer = {
  url: string;
  stop: () => Promise<number | null>;
  output: () => string;
  /** The server's data directory: its SQLite file (`xinfang.db`), for a journey that checks rows or runs a job. */
  dataDir: string;
  /** The server's SQLite file: a journey runs a periodic job over it at a time of its choosing. */
  databaseFile: string;
};

/** `demoPetitions: false` starts the demo organisation and accounts without any petition (an empty enterprise). */
export async function startServer(basePort: number, options: { demoPetitions?: boolean } = {}): Promise<RunningServer> {
  // Several checkouts on one machine run their journeys at once: each sets its own offset.
  const port = basePort + Number(process.env.E2E_PORT_OFFSET ?? '0');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-e2e-'));
  let output = '';
  const child: ChildProcess = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      XINFANG_DATA_DIR: dataDir,
      XINFANG_DEMO: 'true',
      XINFANG_DEMO_PETITIONS: options.demoPetitions === false ? 'false' : 'true',
      LOG_LEVEL: 'warn',
      // The smallest argon2 cost keeps seeding fast; the algorithm is the same.
      XINFANG_PASSWORD_MEMORY_KIB: '1024',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    dataDir,
    output: () => output,
    databaseFile: path.join(dataDir, 'xinfang.db'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** The real server and a browser for one test file. */
export type E2eWorld = { server: RunningServer; browser: Browser };

/**
 * Starts the server (startServer) and the browser before the file's tests and, after them, closes
 * every browser context still open, the browser and the server; `use` receives them once started.
 */
export function serverAndBrowser(
  basePort: number,
  options: { demoPetitions?: boolean },
  use: (world: E2eWorld) => void,
): void {
  let world: E2eWorld | undefined;
  beforeAll(async () => {
    world = { server: await startServer(basePort, options), browser: await launchBrowser() };
    use(world);
  });
  afterAll(async () => {
    if (world === undefined) return;
    for (const context of world.browser.contexts()) await context.close();
    await world.browser.close();
    await world.server.stop();
  });
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  return path.join(OUTPUT_DIR, `${name}.png`);
}

/** The password of every demo account (server/demo/demo-enterprise.ts). */
export const DEMO_PASSWORD = 'xinfang-demo-2026';

/** Log `username` in on `page` and wait for the first screen after the log-in page. */
export async function logIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<Page> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/**
 * One step on the case page through its dialog: opened, filled, submitted, closed. A dialog still
 * closing from the step before would be taken for this one's, so none may be open when it starts.
 */
export async function actOnCase(
  page: Page,
  verb: string,
  fill: (modal: Locator) => Promise<void> = async () => {},
): Promise<void> {
  const open = page.locator('.ant-modal-wrap:visible');
  await open.first().waitFor({ state: 'hidden' });
  await page.getByTestId(`action-${verb}`).click();
  const modal = open.last();
  await modal.waitFor();
  await fill(modal);
  await page.getByTestId('action-submit').click();
  try {
    await open.first().waitFor({ state: 'hidden' });
  } catch (caught) {
    // Say why the dialog stayed: the error it shows, or the field it marks, is the cause to look at.
    const shown = await modal
      .locator('.ant-alert, .ant-form-item-explain-error')
      .allTextContents()
      .catch(() => []);
    throw new Error(`the ${verb} dialog did not close; it shows: ${shown.join(' | ') || '(no error)'}`, {
      cause: caught,
    });
  }
}

/**
 * Choose `text` in an open select list, as a user does, and see it chosen: on a loaded machine the list
 * re-renders as its options arrive and a click can land on the option being replaced, so the option is
 * clicked again until the choice shows in `select` (its own text: a landed click is never repeated).
 */
async function chooseOption(page: Page, select: Locator, text: string): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:visible').last();
  const chosen = async () => ((await select.textContent()) ?? '').includes(text);
  await expect
    .poll(
      async () => {
        if (await chosen()) return true;
        await dropdown
          .getByText(text)
          .first()
          .click({ timeout: 5_000 })
          .catch(() => undefined);
        return chosen();
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

/**
 * Choose `text` in the select of the form item labelled `label` inside `modal`: open it, type, choose
 * (chooseOption), and see the list closed — one still open over a long dialog is closed by clicking the
 * dialog's title, as a user would.
 */
export async function pick(page: Page, modal: Locator, label: string, text: string): Promise<void> {
  const select = modal.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select').first();
  await select.click();
  await page.keyboard.type(text);
  await chooseOption(page, select, text);
  const dropdown = page.locator('.ant-select-dropdown:visible').last();
  if (await dropdown.isVisible()) await modal.locator('.ant-modal-title').click();
  await dropdown.waitFor({ state: 'hidden' });
}

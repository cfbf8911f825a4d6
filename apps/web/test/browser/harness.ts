import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ROOT } from '../support';

/** Debian's Chromium (apt-get install chromium), never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Where screenshots go: docs/screenshots/ only when asked (`UPDATE_SCREENSHOTS=1`), so that a test
 * run leaves the git tree clean; otherwise a fresh temporary folder (still taken, so a failure to
 * render a screen fails the run, and the pictures can be looked at).
 */
export const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1' ? `${ROOT}docs/screenshots/` : `${mkdtempSync(join(tmpdir(), 'bagui-screenshots-'))}/`;

/**
 * The real API process serving the built planner (npm start's server), on a free port, its data
 * (saved scenarios, keys) in `dataDir` — a fresh temporary folder, removed on stop, when not given.
 */
export async function startServer(dataDir?: string): Promise<{ url: string; stop: () => Promise<void> }> {
  for (const built of ['apps/web/dist/index.html', 'apps/api/dist/server.js', 'apps/cli/dist/bin.js']) {
    if (!existsSync(`${ROOT}${built}`)) throw new Error(`${built} is missing: run npm run build first`);
  }
  const data = dataDir ?? mkdtempSync(join(tmpdir(), 'bagui-api-data-'));
  const child: ChildProcess = spawn(process.execPath, [`${ROOT}apps/api/dist/server.js`], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_MAX: '0', BAGUI_DATA_DIR: data },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the API did not start: ${out}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"port":(\d+)/u.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`the API exited with ${String(code)}: ${out}`)));
  });
  child.stdout?.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          if (dataDir === undefined) rmSync(data, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh page at 1280×800 in a browser that says en-US (the planner must still start in Chinese),
 * whose uncaught errors and console errors are collected in `errors`; `ignore` names console
 * errors a test provokes on purpose (a refused request the browser logs).
 */
export async function openPage(
  browser: Browser,
  errors: string[],
  options: { readonly downloads?: boolean; readonly ignore?: RegExp } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    ...(options.downloads === true ? { acceptDownloads: true } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !(options.ignore?.test(message.text()) ?? false)) errors.push(message.text());
  });
  return page;
}

/** Waits until no result on the page is marked as being recomputed. */
export async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('status').filter({ hasText: '正在重新计算' }).count(), { timeout: 30_000 }).toBe(0);
}

/** A full-page screenshot of the current screen into SCREENSHOTS/NAME.png (docs/screenshots/ with UPDATE_SCREENSHOTS=1). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true, animations: 'disabled' });
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')}`,
    );
  expect(serious, where).toEqual([]);
}

/** What a browser test file works with: the server, one page on it, its downloads folder, the page's errors. */
export interface PlannerSession {
  readonly server: Awaited<ReturnType<typeof startServer>>;
  readonly page: Page;
  /** A temporary folder for the page's downloads, removed after the file's tests. */
  readonly downloads: string;
  /** Errors the page reported (uncaught exceptions, console errors). */
  readonly errors: string[];
}

/**
 * Starts the API process and Chromium before the file's tests (one page, downloads accepted) and
 * stops both after them. The returned object's fields are filled in by the time a test runs.
 */
export function plannerSession(name: string): PlannerSession {
  const session = { downloads: mkdtempSync(join(tmpdir(), `bagui-${name}-`)), errors: [] as string[] } as {
    -readonly [K in keyof PlannerSession]: PlannerSession[K];
  };
  let browser: Browser | undefined;
  beforeAll(async () => {
    session.server = await startServer();
    browser = await launch();
    session.page = await openPage(browser, session.errors, { downloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await session.server?.stop();
    rmSync(session.downloads, { recursive: true, force: true });
  });
  return session;
}

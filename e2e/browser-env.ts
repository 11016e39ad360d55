/**
 * Browser-test environment: the real server (SQLite, demo organisation) on a
 * random port serving the built web app, and Debian's Chromium driven by
 * playwright-core. Without Chromium the suites skip and say so, unless
 * REQUIRE_BROWSER=1 (CI), where that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { migrate, openDatabase } from '../src/db/database.js';
import { DEMO_PASSWORD, seedDemo } from '../src/db/seed.js';
import type { Clock } from '../src/domain/dates.js';
import { buildApp } from '../src/server/app.js';
import { createContext } from '../src/server/bootstrap.js';
import type { AppContext } from '../src/server/context.js';

export const SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

/** Path of Debian's chromium, or null. */
export function chromiumPath(): string | null {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    const p = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
    return p || null;
  } catch {
    return null;
  }
}

const CHROMIUM = chromiumPath();
if (!CHROMIUM) {
  if (process.env.REQUIRE_BROWSER === '1') throw new Error('REQUIRE_BROWSER=1 but chromium was not found (apt-get install chromium fonts-wqy-microhei)');
  console.warn('[e2e] chromium not found: browser tests SKIPPED (install Debian chromium, or set REQUIRE_BROWSER=1 to make this an error)');
}
/** Whether the browser suites can run here. */
export const HAVE_BROWSER = CHROMIUM !== null;

/** A clock that starts at a fixed instant and then runs in real time, so deadlines are reproducible and the timeline still shows order. */
export function runningClock(startIso: string): Clock {
  const start = new Date(startIso).getTime();
  const t0 = Date.now();
  return { now: () => new Date(start + (Date.now() - t0)) };
}

/** A running clock that a test can move (e.g. to the next month, to archive it): after set() it runs on from the new instant. */
export function shiftableClock(startIso: string): Clock & { set(iso: string): void } {
  let start = new Date(startIso).getTime();
  let t0 = Date.now();
  return {
    now: () => new Date(start + (Date.now() - t0)),
    set(iso: string) {
      start = new Date(iso).getTime();
      t0 = Date.now();
    },
  };
}

export interface Server {
  url: string;
  ctx: AppContext;
  close(): Promise<void>;
}

/** The real app on 127.0.0.1:<random port>, over an in-memory SQLite database with the demo organisation. */
export async function startServer(opts: { demoComplaints?: boolean; now?: string; clock?: Clock } = {}): Promise<Server> {
  const db = openDatabase(':memory:');
  await migrate(db);
  const dataDir = await mkdtemp(join(tmpdir(), 'cc-e2e-'));
  const ctx = createContext(db, { clock: opts.clock ?? runningClock(opts.now ?? '2026-11-30T02:00:00Z'), dataDir, mailer: null });
  await seedDemo(ctx, { complaints: opts.demoComplaints ?? false });
  const app = await buildApp(ctx, { web: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    async close() {
      await app.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launch flags for Debian's chromium in containers and CI. Playwright gives every launch a fresh temporary profile (user-data-dir). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM!, headless: true, args: CHROMIUM_ARGS });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and 5xx responses seen so far. */
  problems: string[];
}

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh context (own cookies) and page that records every console error,
 * page error and server error. Refused requests (4xx) are expected outcomes
 * (not signed in yet, out-of-scope complaint), so the browser's "Failed to
 * load resource" line for them is not counted; 5xx responses are.
 */
export async function openPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<Watched> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
    problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return { context, page, problems };
}

/** Sign in through the login page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByTestId('user-menu').waitFor();
}

/** Save a screenshot of the page for the docs (docs/screenshots/<name>.png). */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let fonts, charts and the last transition settle so the image shows the finished page.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Pick an option of the antd Select whose input has this id. */
export async function pickOption(page: Page, inputId: string, label: string): Promise<void> {
  await page.locator(`#${inputId}`).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

/** Click one of the workflow buttons the server allowed (data-action) and wait for its modal. */
export async function openAction(page: Page, action: string): Promise<void> {
  await page.locator(`button[data-action="${action}"]`).click();
  await modalSettled(page);
}

/** Wait for a modal to appear and its opening animation to end, so later clicks hit the settled form. */
export async function modalSettled(page: Page): Promise<void> {
  await page.locator('.ant-modal:visible').waitFor();
  await until('the modal to finish opening', async () => (await page.locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter').count()) === 0);
}

/** Confirm the open action modal and wait until it has closed. */
export async function confirmAction(page: Page): Promise<void> {
  await page.getByTestId('action-ok').click();
  try {
    await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
  } catch (e) {
    // Say why the form stayed open: the server's refusal or a field the form flagged.
    const why = await page.locator('.ant-modal:visible').locator('[data-testid=action-error], .ant-form-item-explain-error').allInnerTexts().catch(() => []);
    throw new Error(`action modal stayed open: ${JSON.stringify(why)} (${(e as Error).message.split('\n')[0]})`);
  }
}

/** Wait until the locator's first element is visible (fails the test after the page timeout). */
export async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

/** Wait until the element's text matches, then return it; on timeout fail with the text actually shown. */
export async function hasText(locator: Locator, expected: string | RegExp, timeout = 10_000): Promise<string> {
  const matches = (t: string) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t));
  const until = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = await locator.first().innerText({ timeout: Math.max(100, until - Date.now()) }).catch(() => last);
    if (matches(last)) return last;
    if (Date.now() > until) throw new Error(`expected text ${String(expected)} but saw: ${JSON.stringify(last.slice(0, 300))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Poll `fn` until it returns true (UI updates after a request); fails after `timeout` ms. */
export async function until(what: string, fn: () => Promise<boolean>, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

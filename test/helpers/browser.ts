/** Debian's Chromium driven by playwright-core (no downloaded browsers). */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from './server';

export const ARTIFACTS = path.resolve('test-artifacts');

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium, else chromium on PATH (scripts/ensure-test-tools.mjs looks in the same places). */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'chromium')).find(executable);
  return onPath ?? '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium (npm test's pretest, scripts/ensure-test-tools.mjs, installs it when run as root)`);
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Collects console errors and CSP violations, which must stay empty. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The real server on a fresh seeded database and a browser, for one e2e test file. */
export function useServerAndBrowser() {
  const ctx = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser };
  beforeAll(async () => {
    ctx.server = await startServer();
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

export async function signInAs(page: Page, baseUrl: string, username: string, password = 'dana-rt-demo') {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('main button[type="submit"]');
  await page.waitForLoadState('networkidle');
}

/**
 * Follows a link of the one menu (views/partials/header.hbs): on a wide screen from the row, on a
 * phone from the collapsible list, opened first. The label is matched at the start (a count may follow).
 */
export async function clickMenu(page: Page, label: string) {
  const narrow = page.locator('details.nav-narrow');
  const start = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  if (await narrow.locator('summary').isVisible()) {
    if ((await narrow.getAttribute('open')) === null) await narrow.locator('summary').click();
    await narrow.locator('a', { hasText: start }).first().click();
    return;
  }
  await page.locator('nav.nav-wide a', { hasText: start }).first().click();
}

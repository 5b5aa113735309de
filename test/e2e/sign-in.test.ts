/**
 * Each demo user signs in through the real server in Chromium and sees its own home page;
 * the RT chair on a phone-sized viewport. Screenshots go to test-artifacts/ (not committed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, watchConsole } from '../helpers/browser';
import { startServer } from '../helpers/server';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const USERS = [
  { username: 'ketua.pleburan', viewport: { width: 390, height: 844 }, heading: 'RT 001 / RW 001', text: 'Alokasi 2026' },
  { username: 'bendahara.pleburan', viewport: { width: 1280, height: 900 }, heading: 'Kelurahan Pleburan', text: 'Daftar RT' },
  { username: 'auditor', viewport: { width: 1280, height: 900 }, heading: 'Kota Semarang', text: 'Per kecamatan' },
  { username: 'admin', viewport: { width: 1280, height: 900 }, heading: 'Kota Semarang', text: 'Per kecamatan' },
];

describe('sign-in in the browser', () => {
  it.each(USERS)('$username signs in and sees the right home page', async ({ username, viewport, heading, text }) => {
    const context = await browser.newContext({ viewport, locale: 'id-ID' });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${server.url}/login`);
    await page.fill('#username', username);
    await page.fill('#password', 'dana-rt-demo');
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/`);
    await expect_(page.locator('h1').first()).toContainText(heading);
    await expect_(page.locator('main')).toContainText(text);
    if (viewport.width < 500) {
      // Nothing wider than the phone: no horizontal scrolling on the RT chair's home.
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await screenshot(page, `home-${username}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a wrong password in Indonesian and keeps the username', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'admin');
    await page.fill('#password', 'bukan-sandinya');
    await page.click('main button[type="submit"]');
    await expect_(page.locator('.alert-error')).toContainText('Nama pengguna atau kata sandi salah.');
    expect(await page.inputValue('#username')).toBe('admin');
    await page.close();
  });
});

// vitest's expect does not wait; these small helpers poll like Playwright's own expect.
async function expectText(fn: () => Promise<string>, needle: string) {
  const deadline = Date.now() + 5000;
  let last = '';
  while (Date.now() < deadline) {
    last = await fn();
    if (last.includes(needle)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected "${needle}" in "${last.slice(0, 300)}"`);
}

function expect_(locator: { textContent: () => Promise<string | null> }) {
  return { toContainText: (t: string) => expectText(async () => (await locator.textContent()) ?? '', t) };
}

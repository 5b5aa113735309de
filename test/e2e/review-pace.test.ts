/**
 * Issue 19, item 5 in the browser (390 and 1280 px): the review page loads thumbnails only; the
 * viewer fetches the full photo when opened, zooms, closes with Esc; a verification posted in the
 * background removes the item and gives the keyboard to the next one without going to the top;
 * x opens the rejection, which still needs its confirmation; the BKU is cards on a phone.
 * Screenshots to /tmp/19c-shots (and test-artifacts/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickMenu, screenshot, signInAs, useServerAndBrowser, watchConsole } from '../helpers/browser';

const ctx = useServerAndBrowser();
const SHOTS = '/tmp/19c-shots';
async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  await screenshot(page, `19c-${name}`);
}

describe.each([390, 1280])('the treasurer\'s review at %i px', (width) => {
  it('thumbnails, the viewer on demand, a background decision that keeps the place, a confirmed rejection', async () => {
    const page = await (await ctx.browser.newContext({ viewport: { width, height: 860 } })).newPage();
    const errors = watchConsole(page);
    await signInAs(page, ctx.server.url, 'bendahara.pleburan');
    const fullPhotos: string[] = [];
    page.on('request', (r) => {
      if (/\/berkas\/[0-9a-f]{64}$/.test(new URL(r.url()).pathname)) fullPhotos.push(r.url());
    });
    await page.goto(`${ctx.server.url}/verifikasi`);
    const items = page.locator('.review-item');
    const count = await items.count();
    expect(count).toBeGreaterThan(2);
    await page.locator('img.evidence-thumb').first().waitFor();
    await shot(page, `review-${width}`);
    expect(fullPhotos).toEqual([]);
    // The viewer: the full photo only now.
    const second = items.nth(1);
    await second.locator('a.js-viewer').first().click();
    await page.locator('.viewer:not([hidden]) img').waitFor();
    await page.waitForFunction(() => {
      const img = (globalThis as unknown as { document: { querySelector: (s: string) => { complete: boolean; naturalWidth: number } | null } }).document.querySelector('.viewer img');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    expect(fullPhotos.length).toBe(1);
    await page.keyboard.press('+');
    await shot(page, `viewer-zoomed-${width}`);
    await page.keyboard.press('Escape');
    expect(await page.locator('.viewer').isHidden()).toBe(true);
    // A decision in the background: the second item goes, the third has the keyboard, no reload to the top.
    const secondId = await second.getAttribute('id');
    const thirdId = await items.nth(2).getAttribute('id');
    await second.scrollIntoViewIfNeeded();
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));
    await second.locator('button.js-verify').click();
    await page.locator(`#${secondId}`).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe(thirdId);
    expect(navigations).toEqual([]);
    expect(await page.locator('.review-live').textContent()).toContain('terverifikasi');
    expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBeGreaterThan(0);
    await shot(page, `after-decision-${width}`);
    // x opens the rejection; Enter without the confirmation ticked rejects nothing.
    const third = page.locator(`#${thirdId}`);
    await page.keyboard.press('x');
    await page.keyboard.type('bukan belanja RT');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await third.isVisible()).toBe(true);
    expect(await third.locator('input[name="confirm"]').evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(false);
    await shot(page, `reject-confirm-${width}`);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('the BKU on a phone', () => {
  it('is cards at 390 px and a table at 1280 px', async () => {
    const page = await (await ctx.browser.newContext({ viewport: { width: 390, height: 860 } })).newPage();
    await signInAs(page, ctx.server.url, 'ketua.pleburan');
    await clickMenu(page, 'Buku kas');
    await page.locator('table.table-cards').waitFor();
    expect(await page.locator('table.table-cards tbody tr').first().evaluate((el) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { display: string } }).getComputedStyle(el).display)).toBe('block');
    const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(page, 'bku-390');
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(await page.locator('table.table-cards tbody tr').first().evaluate((el) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { display: string } }).getComputedStyle(el).display)).toBe('table-row');
    await shot(page, 'bku-1280');
  }, 60_000);
});

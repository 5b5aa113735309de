/**
 * Issue 19 (helper 19b) in the browser, on a 390 px phone and a 1280 px desktop: the chair's home
 * starts with "Perlu tindakan"; the one menu fits (a row on the desktop, a collapsible list on the
 * phone, nothing cut off, no page twice) and carries counts; the chair follows "Perbaiki" to the
 * returned receipt, answers the treasurer in its thread, edits it in full and sends it again.
 * Screenshots to test-artifacts/ and, when BROWSER_SHOTS is set, there too (e.g. /tmp/19b-shots).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signInAs, useServerAndBrowser, watchConsole, clickMenu } from '../helpers/browser';

const ctx = useServerAndBrowser();
const VIEWPORTS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
] as const;

async function shot(page: Page, name: string) {
  const file = await screenshot(page, `19b-${name}`);
  const extra = process.env.BROWSER_SHOTS;
  if (extra) {
    fs.mkdirSync(extra, { recursive: true });
    fs.copyFileSync(file, path.join(extra, path.basename(file)));
  }
}

/** Nothing wider than the viewport: the page does not scroll sideways. */
const overflow = async (page: Page) => (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;

/** The menu's visible links and whether each lies inside the viewport. */
const visibleMenu = async (page: Page) =>
  (await page.evaluate(`[...document.querySelectorAll('header nav a[href]')]
    .filter((a) => a.offsetParent !== null)
    .map((a) => { const r = a.getBoundingClientRect(); return { href: a.getAttribute('href'), text: a.innerText.replace(/\\s+/g, ' ').trim(), inside: r.left >= 0 && r.right <= window.innerWidth + 0.5 }; })`)) as Array<{ href: string; text: string; inside: boolean }>;

describe('homes and the one menu', () => {
  it.each(VIEWPORTS)('the chair on a $name: "Perlu tindakan" first, the menu fits with its count', async ({ name, ...options }) => {
    const page = await (await ctx.browser.newContext(options)).newPage();
    const errors = watchConsole(page);
    await signInAs(page, ctx.server.url, 'ketua.pleburan');
    await page.locator('#perlu-tindakan').waitFor();
    const firstCard = await page.locator('main section.card').first().getAttribute('id');
    expect(firstCard).toBe('perlu-tindakan');
    expect(await page.locator('#perlu-tindakan').innerText()).toMatch(/akan hangus 31 Desember 2026/);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (name === 'phone') {
      // Collapsed at first: the row is not shown, the summary is.
      expect(await page.locator('nav.nav-wide').isVisible()).toBe(false);
      await shot(page, `chair-home-${name}`);
      await page.locator('details.nav-narrow > summary').click();
    }
    const links = await visibleMenu(page);
    expect(links.length).toBeGreaterThanOrEqual(5);
    expect(new Set(links.map((l) => l.href)).size).toBe(links.length);
    expect(links.filter((l) => !l.inside)).toEqual([]);
    expect(links.find((l) => l.text.startsWith('Belanja & SPJ'))!.text).toMatch(/Belanja & SPJ \d+ menunggu|Belanja & SPJ \d+/);
    await shot(page, `chair-home-${name}${name === 'phone' ? '-menu-open' : ''}`);
    expect(errors).toEqual([]);
  });

  it.each(VIEWPORTS)('the treasurer on a $name: counts first, the menu carries them', async ({ name, ...options }) => {
    const page = await (await ctx.browser.newContext(options)).newPage();
    const errors = watchConsole(page);
    await signInAs(page, ctx.server.url, 'bendahara.pleburan');
    await page.locator('#menunggu').waitFor();
    const receipts = Number(await page.locator('#menunggu [data-kind="receipts"] .work-count').innerText());
    expect(receipts).toBeGreaterThan(0);
    if (name === 'phone') await page.locator('details.nav-narrow > summary').click();
    const links = await visibleMenu(page);
    expect(links.find((l) => l.href === '/verifikasi')!.text).toMatch(/^Verifikasi \d+/);
    expect(links.filter((l) => !l.inside)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `treasurer-home-${name}`);
    // The admin's home: the menu of eight pages still fits.
    const admin = await (await ctx.browser.newContext(options)).newPage();
    await signInAs(admin, ctx.server.url, 'admin');
    if (name === 'phone') await admin.locator('details.nav-narrow > summary').click();
    expect((await visibleMenu(admin)).filter((l) => !l.inside)).toEqual([]);
    await shot(admin, `admin-home-${name}`);
    expect(errors).toEqual([]);
  });
});

describe('a returned receipt: its thread and its edit in full', () => {
  it('the treasurer asks, the chair (on a phone) answers, edits and sends it again', async () => {
    const desk = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signInAs(desk, ctx.server.url, 'bendahara.pleburan');
    const phone = await (await ctx.browser.newContext(VIEWPORTS[0])).newPage();
    const errors = watchConsole(phone);
    await signInAs(phone, ctx.server.url, 'ketua.pleburan');
    await phone.locator('#perlu-tindakan a', { hasText: 'Perbaiki' }).first().click();
    await phone.locator('#ubah').waitFor();
    const url = phone.url();
    // The treasurer writes first, on the same receipt's page.
    await desk.goto(url);
    await desk.fill('textarea[name="body"]', 'Foto kerja bakti belum memperlihatkan warga. Mohon foto ulang.');
    await desk.click('section[id^="diskusi-"] button[type="submit"]');
    await desk.locator('.thread', { hasText: 'Mohon foto ulang.' }).waitFor();
    await shot(desk, 'receipt-thread-desktop');
    // The chair's page was opened before: her answer is refused as stale, kept, and sent after reading.
    await phone.fill('textarea[name="body"]', 'Baik, foto ulang saya lampirkan.');
    await phone.click('section[id^="diskusi-"] button[type="submit"]');
    await phone.locator('body', { hasText: 'Ada komentar baru sejak halaman ini dibuka' }).waitFor();
    expect(await phone.inputValue('textarea[name="body"]')).toBe('Baik, foto ulang saya lampirkan.');
    await phone.click('section[id^="diskusi-"] button[type="submit"]');
    await phone.locator('.thread', { hasText: 'Baik, foto ulang saya lampirkan.' }).waitFor();
    // Edit in full and send again.
    await phone.fill('#amount', '110.000');
    await phone.fill('#description', 'Konsumsi kerja bakti RT (diperbaiki)');
    await shot(phone, 'receipt-edit-phone');
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await phone.click('text=Simpan perubahan dan kirim ulang');
    await phone.locator('body', { hasText: 'diperbaiki dan dikirim ulang ke kelurahan' }).waitFor();
    expect(await phone.locator('.badge', { hasText: 'Menunggu verifikasi' }).count()).toBeGreaterThan(0);
    await shot(phone, 'receipt-resent-phone');
    // The one 409 is the stale answer refused on purpose above.
    expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  });
});

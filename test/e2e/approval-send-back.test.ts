/**
 * The lurah returns a tranche from his queue in the browser (issue 18, gap 1): the treasurer
 * verifies it from her queue, the lurah opens "Kembalikan ke ketua RT", writes why and confirms;
 * the tranche leaves his queue, and the chair's tranche page names who returned it and why.
 * Screenshots of the lurah's queue with both ways back, at 1280 px and on a 390 px phone.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signInAs, useServerAndBrowser, watchConsole } from '../helpers/browser';

const ctx = useServerAndBrowser();
const ROW = 'RT 001 / RW 003';

async function waitText(page: Page, text: string) {
  await page.locator('body', { hasText: text }).waitFor({ timeout: 30_000 });
}

describe('the lurah returns a tranche in the browser', () => {
  it('verified by the treasurer, returned by the lurah with his reason; the RT’s timeline names who and why', async () => {
    const { server, browser } = ctx;
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
    const deskErrors = watchConsole(desk);
    await signInAs(desk, server.url, 'bendahara.pleburan');
    await desk.goto(`${server.url}/antrian`);
    const row = desk.locator('tr', { hasText: ROW }).filter({ has: desk.locator('input[value^="tranche:"]') });
    await row.locator('input[type="checkbox"]').check();
    await desk.click('text=Setujui yang dipilih');
    await waitText(desk, '1 dari 1');

    const lurah = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
    const lurahErrors = watchConsole(lurah);
    lurah.on('dialog', (d) => void d.accept());
    await signInAs(lurah, server.url, 'lurah.pleburan');
    await lurah.goto(`${server.url}/persetujuan`);
    const item = lurah.locator('tr', { hasText: ROW }).filter({ hasText: 'Pencairan' });
    await expect(item.locator('summary', { hasText: 'Kembalikan ke ketua RT' }).count()).resolves.toBe(1);
    await expect(item.locator('summary', { hasText: 'Tolak pencairan' }).count()).resolves.toBe(1);
    await item.locator('summary', { hasText: 'Kembalikan ke ketua RT' }).click();
    await item.locator('details[open] textarea').fill('Lampirkan undangan dan daftar hadir rapat.');
    await screenshot(lurah, 'approval-send-back-1280');

    // The same queue on a phone, both ways back opened.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', isMobile: true, hasTouch: true })).newPage();
    await signInAs(phone, server.url, 'lurah.pleburan');
    await phone.goto(`${server.url}/persetujuan`);
    const phoneItem = phone.locator('tr', { hasText: ROW }).filter({ hasText: 'Pencairan' });
    for (const summary of await phoneItem.locator('summary').all()) await summary.click();
    await phoneItem.scrollIntoViewIfNeeded();
    await screenshot(phone, 'approval-send-back-390');
    const overflow = (await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);

    await item.locator('details[open] button[type="submit"]').click();
    await waitText(lurah, 'dikembalikan untuk diperbaiki');
    expect(await lurah.locator('tr', { hasText: ROW }).filter({ hasText: 'Pencairan' }).count()).toBe(0);

    // The RT's tranche page (the treasurer's view of what the chair reads) names who returned it and why.
    await desk.goto(await rtTranchesUrl(desk, server.url));
    await waitText(desk, 'Dikembalikan untuk diperbaiki');
    const main = (await desk.locator('main').textContent()) ?? '';
    expect(main).toContain('Lampirkan undangan dan daftar hadir rapat.');
    expect(main).toContain('NIP 197808142003121005');
    await screenshot(desk, 'approval-send-back-timeline');
    expect(deskErrors).toEqual([]);
    expect(lurahErrors).toEqual([]);
  });
});

/** The tranche page of RT 001 / RW 003, found through the kelurahan's page (ids differ per seed). */
async function rtTranchesUrl(page: Page, base: string): Promise<string> {
  await page.goto(`${base}/wilayah/kelurahan/3374050005`);
  const href = await page.locator('a', { hasText: ROW }).first().getAttribute('href');
  if (!href) throw new Error('no link to RT 001 / RW 003');
  return `${base}${href.replace(/\?.*$/, '')}/pencairan?tahun=2026`;
}

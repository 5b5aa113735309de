/**
 * The RT chair records an expense on a phone with a photo from the file chooser, sees the
 * upload progress and the pending badge; the bendahara verifies it; the RT's cash changes.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { evidenceImage } from '../../src/app/seed-documents';
import { screenshot, signInAs, useServerAndBrowser, watchConsole, clickMenu } from '../helpers/browser';

const ctx = useServerAndBrowser();
const signIn = (page: Page, username: string) => signInAs(page, ctx.server.url, username);
const waitText = (page: Page, text: string) => page.locator('body', { hasText: text }).waitFor({ timeout: 30_000 });

describe('receipts in the browser', () => {
  it('records a receipt with a photo on a phone; the bendahara verifies it; the cash changes', async () => {
    const phone = await (await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    const errors = watchConsole(phone);
    await signIn(phone, 'ketua.pleburan');
    await clickMenu(phone, 'Belanja & SPJ');
    await waitText(phone, 'Catat belanja');
    const cashBefore = await phone.locator('.stats div', { hasText: 'Kas RT' }).innerText();
    expect(cashBefore).toContain('Rp300.000');

    await phone.fill('#amount', '25.000');
    await phone.selectOption('#category', 'ADM');
    await phone.fill('#description', 'Fotokopi undangan kerja bakti');
    await phone.fill('#vendor', 'Fotokopi Barokah');
    await phone.fill('#notaNumber', 'FB-E2E');
    const photo = await evidenceImage('nota', ['FOTOKOPI BAROKAH', 'Fotokopi undangan', 'Rp 25.000'], 4242);
    const chooser = phone.waitForEvent('filechooser');
    await phone.click('#f-nota');
    const fc = await chooser;
    expect(fc.isMultiple()).toBe(true);
    await fc.setFiles({ name: 'nota-fotokopi.jpg', mimeType: 'image/jpeg', buffer: photo });
    // Hold the upload for a moment so the progress bar can be seen.
    await phone.route('**/kuitansi', async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await phone.click('text=Simpan dan kirim ke kelurahan');
    await phone.locator('progress.upload-progress:not([hidden])').first().waitFor({ timeout: 5000 });
    await screenshot(phone, 'receipt-1-uploading');
    await waitText(phone, 'tercatat dan menunggu verifikasi kelurahan');
    const item = phone.locator('article.item', { hasText: 'Fotokopi undangan kerja bakti' });
    await item.locator('.badge', { hasText: 'Menunggu verifikasi' }).waitFor();
    await screenshot(phone, 'receipt-2-pending');

    const desk = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const deskErrors = watchConsole(desk);
    await signIn(desk, 'bendahara.pleburan');
    await desk.goto(`${ctx.server.url}/verifikasi`);
    const card = desk.locator('article.review-item', { hasText: 'Fotokopi undangan kerja bakti' });
    await card.locator('img.evidence-thumb').first().waitFor();
    await screenshot(desk, 'receipt-3-review');
    await card.locator('button', { hasText: 'Verifikasi' }).click();
    await waitText(desk, 'terverifikasi dan dibukukan');

    await phone.reload();
    await waitText(phone, 'Catat belanja');
    expect(await phone.locator('.stats div', { hasText: 'Kas RT' }).innerText()).toContain('Rp275.000');
    await phone.locator('article.item', { hasText: 'Fotokopi undangan kerja bakti' }).locator('.badge', { hasText: 'Terverifikasi' }).waitFor();
    await screenshot(phone, 'receipt-4-verified');
    expect([...errors, ...deskErrors]).toEqual([]);
  });
});

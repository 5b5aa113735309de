/**
 * The returned receipt and the SPJ withdrawal on a phone (issue 15, item 3): November's SPJ waits
 * for the returned receipt and says so; the chair completes and re-sends it; the bendahara
 * verifies it; the chair sends November's SPJ, then takes it back to add a forgotten purchase,
 * which is accepted with its own November date.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { evidenceImage } from '../../src/app/seed-documents';
import { screenshot, signInAs, useServerAndBrowser, watchConsole, clickMenu } from '../helpers/browser';

const ctx = useServerAndBrowser();
const signIn = (page: Page, username: string) => signInAs(page, ctx.server.url, username);
const waitText = (page: Page, text: string) => page.locator('body', { hasText: text }).waitFor({ timeout: 30_000 });
/** The SPJ row of a month (another row's due date may name the month too). */
const spjRow = (page: Page, month: string) => page.locator('li.spj-row').filter({ has: page.locator('strong', { hasText: new RegExp(`^${month}$`) }) });
const noSideways = async (page: Page) => ((await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number) <= 1;

describe('the returned receipt and the SPJ withdrawal on a phone', () => {
  it('November waits for its returned receipt; re-sent and verified, the SPJ goes; withdrawn, a forgotten receipt lands in November', async () => {
    const phone = await (await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    phone.on('dialog', (d) => void d.accept());
    const errors = watchConsole(phone);
    await signIn(phone, 'ketua.pleburan');
    await clickMenu(phone, 'Belanja & SPJ');
    await waitText(phone, 'Laporan bulanan (SPJ)');
    const november = spjRow(phone, 'November 2026');
    await november.locator('.spj-open', { hasText: 'Belum dapat diajukan' }).waitFor();
    expect(await november.innerText()).toContain('dikembalikan: lengkapi bukti lalu kirim ulang, atau tarik');
    expect(await november.locator('button', { hasText: 'Ajukan SPJ' }).count()).toBe(0);
    expect(await noSideways(phone)).toBe(true);
    await screenshot(phone, 'spj-1-waits-for-returned-receipt');

    // The link leads to the returned receipt; the chair adds the clearer activity photo and re-sends.
    await november.locator('.spj-open a').first().click();
    const returned = phone.locator('article.item', { hasText: 'Konsumsi kerja bakti November' });
    await returned.locator('.alert-error', { hasText: 'Foto kegiatan kurang jelas' }).waitFor();
    const photo = await evidenceImage('foto_kegiatan', ['KERJA BAKTI', 'warga membersihkan saluran', 'November'], 7311);
    await returned.locator('input[name="fotoKegiatan"]').setInputFiles({ name: 'kerja-bakti-jelas.jpg', mimeType: 'image/jpeg', buffer: photo });
    await returned.locator('button', { hasText: 'Lengkapi dan kirim ulang' }).click();
    await phone.locator('article.item', { hasText: 'Konsumsi kerja bakti November' }).locator('.badge', { hasText: 'Menunggu verifikasi' }).waitFor({ timeout: 30_000 });
    expect(await spjRow(phone, 'November 2026').innerText()).toContain('menunggu verifikasi kelurahan');

    const desk = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const deskErrors = watchConsole(desk);
    await signIn(desk, 'bendahara.pleburan');
    await desk.goto(`${ctx.server.url}/verifikasi`);
    const card = desk.locator('article.review-item', { hasText: 'Konsumsi kerja bakti November' });
    await card.locator('button', { hasText: 'Verifikasi' }).click();
    await waitText(desk, 'terverifikasi dan dibukukan');

    // November can be reported now; sent, it can be taken back while nobody has verified it.
    await phone.reload();
    await spjRow(phone, 'November 2026').locator('button', { hasText: 'Ajukan SPJ November 2026' }).click();
    await waitText(phone, 'SPJ diajukan ke bendahara kelurahan');
    await screenshot(phone, 'spj-2-sent');
    const forgotten = async () => {
      await phone.fill('#date', '2026-11-29');
      await phone.fill('#amount', '30.000');
      await phone.selectOption('#category', 'ADM');
      await phone.fill('#description', 'Materai dan map arsip November');
      await phone.fill('#vendor', 'Toko ATK Sumber Rejeki');
      await phone.fill('#notaNumber', 'SR-1129');
      await phone.locator('#f-nota').setInputFiles({ name: 'nota-atk.jpg', mimeType: 'image/jpeg', buffer: await evidenceImage('nota', ['TOKO ATK SUMBER REJEKI', 'Materai, map', 'Rp 30.000'], 7312) });
      await phone.click('text=Simpan dan kirim ke kelurahan');
    };
    await forgotten();
    await waitText(phone, 'SPJ sampai November 2026 sudah diajukan');
    // The form kept what was typed.
    expect(await phone.inputValue('#description')).toBe('Materai dan map arsip November');
    await screenshot(phone, 'spj-3-month-closed');

    await phone.goto(`${ctx.server.url}${new URL(phone.url()).pathname}`);
    await spjRow(phone, 'November 2026').locator('button', { hasText: 'Tarik SPJ November 2026' }).click();
    await waitText(phone, 'SPJ November 2026 ditarik');
    await forgotten();
    await waitText(phone, 'tercatat dan menunggu verifikasi kelurahan');
    const added = phone.locator('article.item', { hasText: 'Materai dan map arsip November' });
    expect(await added.innerText()).toContain('29 November 2026');
    expect(await noSideways(phone)).toBe(true);
    await screenshot(phone, 'spj-4-withdrawn-and-added');
    expect([...errors.filter((e) => !e.includes('422')), ...deskErrors]).toEqual([]);
  });
});

/**
 * The admin sets up programme year 2027 from the browser (real server, Chromium): the new-year
 * form with the Perwal's defaults, a bad value answered in Indonesian with the input kept, the
 * year created, then a settings change as version 2 from 1 March 2027, then the PKK programme
 * (Perwal 47/2025) added with its own fields as version 3 from 1 April 2027.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, watchConsole, clickMenu } from '../helpers/browser';
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

describe('the admin sets up 2027 in the browser', () => {
  it('creates the year, is told what is wrong, changes a rule from a date', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'admin');
    await page.fill('#password', 'dana-rt-demo');
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/`);

    await clickMenu(page, 'Tahun program');
    await page.waitForURL(`${server.url}/admin/tahun`);
    expect(await page.locator('main table').textContent()).toContain('2026');
    await page.click('text=Buat tahun program');
    await page.waitForURL(`${server.url}/admin/tahun/baru`);
    expect(await page.inputValue('#year')).toBe('2027');
    expect(await page.inputValue('#allocationRt')).toBe('25.000.000');
    expect(await page.inputValue('#allocationRw')).toBe('3.000.000');
    expect(await page.inputValue('#cat6_caps')).toBe('Harga per barang = 300.000');
    expect(await page.isChecked('input[name="cat1_evidence"][value="daftar_hadir"]')).toBe(true);

    await page.fill('#allocationRw', '3.500.000');
    await page.fill('#spjDueDay', '31');
    await page.click('main button[type="submit"]');
    await page.waitForSelector('.alert-error');
    expect(await page.locator('.alert-error').textContent()).toContain('Tanggal 1 sampai 28.');
    expect(await page.inputValue('#spjDueDay')).toBe('31');
    expect(await page.inputValue('#allocationRw')).toBe('3.500.000');
    await screenshot(page, 'year-new-refused');

    await page.fill('#spjDueDay', '12');
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/admin/tahun/2027`);
    expect(await page.locator('main').textContent()).toContain('Tahun program 2027 dibuat (versi pengaturan 1).');
    expect(await page.inputValue('#spjDueDay')).toBe('12');
    expect(await page.inputValue('#allocationRw')).toBe('3.500.000');

    // The chain of approval as fields: the treasurer's verification fixed, the lurah's ticked, the camat's not (the default).
    expect(await page.isDisabled('#approvalSteps input[type="checkbox"]:not([name])')).toBe(true);
    expect(await page.isChecked('input[name="approvalSteps"][value="approve"]')).toBe(true);
    expect(await page.isChecked('input[name="approvalSteps"][value="acknowledge"]')).toBe(false);

    // From 1 March 2027 SOS no longer asks for an attendance list, equipment is capped at Rp250.000, and the camat knows.
    await page.fill('#effectiveFrom', '2027-03-01');
    await page.check('input[name="approvalSteps"][value="acknowledge"]');
    await page.uncheck('input[name="cat1_evidence"][value="daftar_hadir"]');
    await page.fill('#cat6_caps', 'Harga per barang = 250.000');
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/admin/tahun/2027`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Pengaturan tahun 2027 versi 2 disimpan, berlaku mulai 1 Maret 2027.');
    const history = (await page.locator('#versions').textContent()) ?? '';
    expect(history).toContain('1 Maret 2027');
    expect(history).toContain('Akan berlaku');
    expect(await page.inputValue('#cat6_caps')).toBe('Harga per barang = 250.000');
    expect(await page.isChecked('input[name="cat1_evidence"][value="daftar_hadir"]')).toBe(false);
    expect(await page.isChecked('input[name="approvalSteps"][value="acknowledge"]')).toBe(true);
    await page.locator('#approvalSteps').scrollIntoViewIfNeeded();
    await screenshot(page, 'year-settings-2027');

    // The PKK RT/RW aid (Perwal 47/2025) added to 2027 as a programme of its own, with fields: a
    // reused OPS code refused first (the input kept), then saved as version 3 from 1 April 2027.
    await page.fill('#effectiveFrom', '2027-04-01');
    await page.fill('#prog0_code', 'OPS');
    await page.fill('#prog0_name', 'Bantuan Operasional PKK RT/RW');
    await page.fill('#prog0_basis', 'Perwal Semarang No. 47 Tahun 2025');
    await page.fill('#prog0_rtLabel', 'PKK RT');
    await page.fill('#prog0_rtAmount', '10.000.000');
    await page.fill('#prog0_rwLabel', 'PKK RW');
    await page.fill('#prog0_rwAmount', '5.000.000');
    await page.fill('#prog0_categories', 'ADM | Administrasi | 5 | | nota\nKEG | Kegiatan PKK (10 program pokok) | | | nota, foto_kegiatan, daftar_hadir\nLAT | Pelatihan dan pemberdayaan | | Honor pelatih = 500.000 | nota, foto_kegiatan\nKON | Konsumsi rapat | 20 | | nota');
    await page.click('main button[type="submit"]');
    await page.waitForSelector('.alert-error');
    expect(await page.locator('.alert-error').textContent()).toContain('Kode program OPS tidak valid');
    expect(await page.inputValue('#prog0_rtAmount')).toBe('10.000.000');
    await page.fill('#prog0_code', 'PKK');
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/admin/tahun/2027`);
    expect((await page.locator('main').textContent()) ?? '').toContain('Pengaturan tahun 2027 versi 3 disimpan, berlaku mulai 1 April 2027.');
    expect(await page.inputValue('#prog0_code')).toBe('PKK');
    expect(await page.inputValue('#prog0_rwAmount')).toBe('5.000.000');
    expect(await page.inputValue('#prog0_categories')).toContain('LAT | Pelatihan dan pemberdayaan |  | Honor pelatih = 500.000 | nota, foto_kegiatan');
    // A blank block is there to add another programme.
    expect(await page.inputValue('#prog1_code')).toBe('');
    await page.locator('#programmes').screenshot({ path: await screenshot(page, 'year-settings-2027-pkk').then((f) => f.replace(/\.png$/, '-section.png')) });

    await clickMenu(page, 'Tahun program');
    expect(await page.locator('main table').textContent()).toContain('Rp3.500.000');
    // The refused forms' 422s is the one resource the browser reports; nothing else (no script error, no CSP violation).
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    expect(errors.filter((e) => e.includes('status of 422'))).toHaveLength(2);
    await context.close();
  });
});

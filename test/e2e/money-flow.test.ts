/**
 * The money flow in the browser: the admin creates an RT chair; the chair (on a phone) sets a
 * password, drafts and submits the plan with the berita acara, and requests a tranche; the
 * bendahara (on a desktop) approves both from the queue; the chair's home shows the money in
 * transit; BPKAD batches it and records the bank's payment; the chair's home shows the cash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchConsole, clickMenu } from '../helpers/browser';
import { startServer } from '../helpers/server';
import { aPdf } from '../builders';
import { seededPhoto } from '../../src/app/seed-documents';

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

async function signIn(page: Page, username: string, password = 'dana-rt-demo') {
  await page.goto(`${server.url}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('main button[type="submit"]');
  await page.waitForLoadState('networkidle');
}

async function waitText(page: Page, text: string) {
  try {
    // A locator, not waitForFunction: the page's CSP forbids the eval that a string predicate needs.
    await page.locator("body", { hasText: text }).waitFor({ timeout: 30_000 });
  } catch (e) {
    await screenshot(page, 'flow-failure');
    throw new Error(`"${text}" not on ${page.url()} (${String(e).slice(0, 300)}): ${(await page.innerText("main")).slice(0, 600)}`);
  }
}

const PDF = aPdf();
const PLAN = [
  ['ADM', 'ATK dan fotokopi', '600.000'],
  ['SOS', 'Konsumsi rapat dan santunan', '5.500.000'],
  ['BUD', 'HUT RI dan pengajian', '6.400.000'],
  ['PEM', 'Senam lansia', '2.000.000'],
  ['LIN', 'Kerja bakti', '3.500.000'],
  ['PML', 'Pengecatan pos kamling', '4.000.000'],
  ['PRL', 'Peralatan kebersihan', '3.000.000'],
];

describe('money flow in the browser', () => {
  it('plan and tranche from a phone, approved from a desktop, balance on the home page', async () => {
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const adminErrors = watchConsole(admin);
    await signIn(admin, 'admin');
    await admin.goto(`${server.url}/admin/pengguna/baru`);
    await admin.fill('#username', 'ketua.rw03.rt005');
    await admin.fill('#displayName', 'Ketua Uji');
    await admin.selectOption('#role', 'ketua_rt');
    await admin.selectOption('#kelurahanCode', '3374050005');
    await admin.fill('#rwNumber', '3');
    await admin.fill('#rtNumber', '5');
    await admin.fill('#password', 'sementara-123');
    await admin.click('main button[type="submit"]');
    await waitText(admin, 'Pengguna ketua.rw03.rt005 dibuat');

    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    const phoneErrors = watchConsole(phone);
    await signIn(phone, 'ketua.rw03.rt005', 'sementara-123');
    await waitText(phone, 'Kata sandi Anda bersifat sementara');
    await phone.fill('#currentPassword', 'sementara-123');
    await phone.fill('#newPassword', 'sandi-baru-ketua-5');
    await phone.fill('#confirmPassword', 'sandi-baru-ketua-5');
    await phone.click('main button[type="submit"]');
    await waitText(phone, 'Kata sandi sudah diganti');

    await clickMenu(phone, 'RAP');
    await waitText(phone, 'Susun rencana');
    // The Perwal's dossier, item by item from the phone (the berita acara comes with the plan form below).
    for (const kind of ['surat_permohonan', 'sk_lurah', 'buku_tabungan', 'daftar_hadir', 'foto_rapat', 'sptjm']) {
      const photo = kind === 'foto_rapat';
      const picked = phone.waitForEvent('filechooser');
      await phone.click(`#file-dok_${kind}`);
      await (await picked).setFiles(photo ? { name: 'foto-musyawarah.jpg', mimeType: 'image/jpeg', buffer: await seededPhoto('e2e musyawarah', 64, 48) } : { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: aPdf(kind) });
      await phone.click(`#dok_${kind} button:has-text("Unggah")`);
      await phone.locator(`#dok_${kind} .badge-ok`).waitFor();
    }
    await screenshot(phone, 'flow-0-ketua-dossier');
    for (const [i, [cat, desc, amount]] of PLAN.entries()) {
      await phone.selectOption(`#rap-cat-${i}`, cat!);
      await phone.fill(`#rap-desc-${i}`, desc!);
      await phone.fill(`#rap-amt-${i}`, amount!);
    }
    const chooser = phone.waitForEvent('filechooser');
    await phone.click('#beritaAcara');
    await (await chooser).setFiles({ name: 'berita-acara.pdf', mimeType: 'application/pdf', buffer: PDF });
    await phone.click('button[value="submit"]');
    await waitText(phone, 'Rencana diajukan ke bendahara kelurahan');
    await waitText(phone, 'Diajukan');
    await screenshot(phone, 'flow-1-ketua-plan-submitted');

    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const deskErrors = watchConsole(desk);
    await signIn(desk, 'bendahara.pleburan');
    await desk.goto(`${server.url}/antrian`);
    const planRow = desk.locator('tr', { hasText: 'RT 005 / RW 003' });
    await planRow.locator('input[type="checkbox"]').check();
    await desk.click('text=Setujui yang dipilih');
    await waitText(desk, '1 dari 1 disetujui');
    await screenshot(desk, 'flow-2-bendahara-plan-approved');
    // The year's later steps of the chain of approval, each from its own desk: the lurah approves, the camat knows.
    const approvers = await Promise.all(
      ['lurah.pleburan', 'camat.semarangselatan'].map(async (username) => {
        const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
        await signIn(page, username);
        return { page, errors: watchConsole(page) };
      }),
    );
    const laterSteps = async (what: string) => {
      for (const { page } of approvers) {
        await page.goto(`${server.url}/persetujuan`);
        await page.locator('tr', { hasText: 'RT 005 / RW 003' }).filter({ hasText: what }).locator('form.inline button[type="submit"]').click();
        await waitText(page, 'langkah');
      }
    };
    await laterSteps('RAP');

    await clickMenu(phone, 'Pencairan');
    await waitText(phone, 'Ajukan pencairan');
    await phone.selectOption('#rbb-cat-0', 'SOS');
    await phone.fill('#rbb-desc-0', 'Konsumsi rapat warga');
    await phone.fill('#rbb-amt-0', '750.000');
    await phone.click('text=Ajukan pencairan >> nth=-1');
    await waitText(phone, 'Menunggu persetujuan');
    await screenshot(phone, 'flow-3-ketua-tranche-pending');

    await desk.goto(`${server.url}/antrian`);
    await desk.locator('tr', { hasText: 'RT 005 / RW 003' }).locator('input[type="checkbox"]').check();
    await desk.click('text=Setujui yang dipilih');
    await waitText(desk, '1 dari 1 disetujui');
    await laterSteps('Pencairan');

    // Approved is money in transit: not yet the RT's cash.
    await clickMenu(phone, 'Beranda');
    await waitText(phone, 'Dalam transfer');
    expect(await phone.locator('.big', { hasText: 'Dalam transfer' }).innerText()).toContain('Rp750.000');
    expect(await phone.locator('.big', { hasText: 'Kas RT' }).innerText()).toContain('Rp0');

    // The city's treasury (BPKAD) batches it for the bank and records the bank's payment.
    const treasury = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const treasuryErrors = watchConsole(treasury);
    treasury.on('dialog', (d) => void d.accept());
    await signIn(treasury, 'bpkad');
    await treasury.goto(`${server.url}/kelurahan/3374050005/bank`);
    await treasury.click('text=Buat batch');
    await waitText(treasury, 'pencairan.');
    await treasury.fill('#bankReference', 'BJTG-E2E-0001');
    await treasury.click('text=Tandai semua dibayar');
    await waitText(treasury, 'dicatat dibayar bank');
    await screenshot(treasury, 'flow-4-bpkad-batch-paid');

    await phone.reload();
    await waitText(phone, 'Kas RT');
    const cash = await phone.locator('.big', { hasText: 'Kas RT' }).innerText();
    expect(cash).toContain('Rp750.000');
    await screenshot(phone, 'flow-5-ketua-home-cash');
    expect([...adminErrors, ...phoneErrors, ...deskErrors, ...treasuryErrors, ...approvers.flatMap((a) => a.errors)]).toEqual([]);
  });
});

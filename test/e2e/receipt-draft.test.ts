/**
 * Issue 19 (item 2, drafts saved to the server): on a 390 px phone the chair fills the receipt
 * form with item lines, saves it as a draft without photos, leaves, finds the draft again on her
 * receipts page, reopens it with every field restored, adds the photos and sends it. The receipt
 * then exists once and the draft is gone. Screenshots: test-artifacts/27a-draft-*.png.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { evidenceImage } from '../../src/app/seed-documents';
import { clickMenu, launchBrowser, screenshot, signInAs, watchConsole } from '../helpers/browser';
import { tempDbPath } from '../helpers/db';
import { startServer } from '../helpers/server';

const ctx = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser; dbPath: string };

beforeAll(async () => {
  ctx.dbPath = tempDbPath();
  ctx.server = await startServer({ DATABASE_PATH: ctx.dbPath });
  ctx.browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(ctx.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** Today in Semarang (WIB), as the date field wants it. */
const todayWib = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('a receipt draft saved to the server, reopened on the phone and sent', () => {
  it('restores every field of the draft, takes the photos, records the receipt once and removes the draft', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signInAs(page, ctx.server.url, 'ketua.pleburan');
    await clickMenu(page, 'Belanja & SPJ');
    await page.locator('#catat').waitFor();
    // No draft yet.
    expect(await page.locator('#draf').count()).toBe(0);

    const description = 'Sapu lidi dan pengki kerja bakti';
    const typed = { date: todayWib(), category: 'PRL', description, vendor: 'Toko Sumber Rejeki', notaNumber: 'SR-0912', amount: '95.000' };
    await page.fill('#date', typed.date);
    await page.fill('#amount', typed.amount);
    await page.selectOption('#category', typed.category);
    await page.fill('#description', typed.description);
    await page.fill('#vendor', typed.vendor);
    await page.fill('#notaNumber', typed.notaNumber);
    await page.locator('details.field summary', { hasText: 'Rincian barang' }).click();
    await page.fill('#item-name-0', 'Sapu lidi');
    await page.fill('#item-qty-0', '5');
    await page.fill('#item-price-0', '11.000');
    await page.fill('#item-name-1', 'Pengki plastik');
    await page.fill('#item-qty-1', '2');
    await page.fill('#item-price-1', '20.000');
    await page.click('text=Simpan draf (selesaikan nanti)');
    await page.locator('#draf .draft-row', { hasText: description }).waitFor({ timeout: 30_000 });
    await screenshot(page, '27a-draft-1-saved');
    expect(query<{ id: number }>('select id from receipt_drafts')).toHaveLength(1);
    expect(query('select id from receipts where description = ?', description)).toHaveLength(0);

    // She leaves: home, then back to her receipts page from the menu, where the draft is listed.
    await page.goto(`${ctx.server.url}/`);
    await page.waitForLoadState('networkidle');
    await clickMenu(page, 'Belanja & SPJ');
    const row = page.locator('#draf .draft-row', { hasText: description });
    await row.waitFor();
    expect(await row.innerText()).toContain('Rp95.000');
    await row.locator('a', { hasText: 'Lanjutkan' }).click();
    await page.locator('.alert-info', { hasText: 'Melanjutkan draf' }).waitFor();
    await screenshot(page, '27a-draft-2-reopened');

    // Every field as it was typed.
    expect(await page.inputValue('#date')).toBe(typed.date);
    expect(await page.inputValue('#category')).toBe(typed.category);
    expect(await page.inputValue('#description')).toBe(typed.description);
    expect(await page.inputValue('#vendor')).toBe(typed.vendor);
    expect(await page.inputValue('#notaNumber')).toBe(typed.notaNumber);
    expect(await page.inputValue('#amount')).toBe(typed.amount);
    expect(await page.inputValue('#item-name-0')).toBe('Sapu lidi');
    expect(await page.inputValue('#item-qty-0')).toBe('5');
    expect(await page.inputValue('#item-price-0')).toBe('11.000');
    expect(await page.inputValue('#item-name-1')).toBe('Pengki plastik');
    expect(await page.inputValue('#item-qty-1')).toBe('2');
    expect(await page.inputValue('#item-price-1')).toBe('20.000');
    // The evidence list follows the restored category.
    await expect.poll(() => page.locator('#evidence-needed').innerText()).toContain('Nota');

    // The photos, then send.
    await page.setInputFiles('#f-nota', { name: 'nota-sapu.jpg', mimeType: 'image/jpeg', buffer: await evidenceImage('nota', ['TOKO SUMBER REJEKI', 'Sapu lidi 5 x 11.000', 'Pengki 2 x 20.000', 'Rp 95.000'], 2701) });
    await page.setInputFiles('#f-barang', { name: 'foto-sapu.jpg', mimeType: 'image/jpeg', buffer: await evidenceImage('foto_barang', ['Sapu lidi', 'Pengki'], 2702) });
    await page.click('text=Simpan dan kirim ke kelurahan');
    await page.locator('.alert-success', { hasText: 'tercatat dan menunggu verifikasi kelurahan' }).waitFor({ timeout: 120_000 });
    await screenshot(page, '27a-draft-3-sent');

    // Once, with what was typed, its items and both photos; the draft (and its row) gone.
    const receipts = query<{ id: number; amount: number; category_code: string; vendor: string; date: string; status: string }>(
      'select * from receipts where description = ?',
      description,
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ amount: 95_000, vendor: typed.vendor, status: 'pending' });
    expect(query('select id from receipt_drafts')).toHaveLength(0);
    expect(query('select id from receipt_draft_files')).toHaveLength(0);
    expect(await page.locator('#draf').count()).toBe(0);
    const item = page.locator('article.item', { hasText: description });
    expect(await item.locator('ul.files li').count()).toBe(2);
    expect(await item.innerText()).toMatch(/Sapu lidi/);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

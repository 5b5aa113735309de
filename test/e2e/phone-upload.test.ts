/**
 * Issue 19a: the RT chair's phone on a weak signal (390×844, 400 kbps up and down, 400 ms round
 * trips, emulated through CDP). Three 4000×3000 phone photos (~1,8 MB each, one with EXIF
 * orientation 6) are shrunk on the phone before upload and stored upright at ≤ 1600 px; a
 * receipt over the cash, or without its "foto kegiatan", is refused before any byte of a photo
 * is sent; a receipt captured without signal waits on the phone, is shown on the pages, and is
 * sent once when the signal returns. Screenshots: test-artifacts/19a-*.png (and /tmp/19a-shots).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { phonePhoto, redOnTop } from '../../scripts/lib/phone-photos';
import { clickMenu, launchBrowser, screenshot, signInAs, watchConsole } from '../helpers/browser';
import { tempDbPath } from '../helpers/db';
import { startServer } from '../helpers/server';

const SHOTS = '/tmp/19a-shots';
const ctx = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser; dbPath: string; photos: Buffer[] };

beforeAll(async () => {
  ctx.dbPath = tempDbPath();
  ctx.server = await startServer({ DATABASE_PATH: ctx.dbPath });
  ctx.browser = await launchBrowser();
  ctx.photos = [await phonePhoto(19_001), await phonePhoto(19_002, { orientation: 6 }), await phonePhoto(19_003)];
}, 240_000);
afterAll(async () => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

async function shot(page: Page, name: string) {
  const file = await screenshot(page, `19a-${name}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.copyFileSync(file, path.join(SHOTS, `${name}.png`));
}

/** A phone signed in as the demo chair, on her receipts page; `weak` throttles it to 400 kbps / 400 ms. */
async function chairPhone(weak: boolean): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInAs(page, ctx.server.url, 'ketua.pleburan');
  await clickMenu(page, 'Belanja & SPJ');
  await page.locator('#catat').waitFor();
  if (weak) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 });
  }
  return { context, page, errors };
}

/** Bytes the page sends in request bodies, and whether any of them was a multipart upload. */
function countUploads(page: Page) {
  const seen = { bodyBytes: 0, multipart: 0 };
  // Content-Length as sent on the wire (a body of files has no postData to read).
  page.on('requestfinished', (r) =>
    void r.allHeaders().then((h) => {
      seen.bodyBytes += Number(h['content-length'] ?? 0);
      if ((h['content-type'] ?? '').startsWith('multipart/')) seen.multipart += 1;
    }),
  );
  return seen;
}

async function fill(page: Page, f: { amount: string; category: string; description: string; vendor: string }) {
  await page.fill('#amount', f.amount);
  await page.selectOption('#category', f.category);
  await page.fill('#description', f.description);
  await page.fill('#vendor', f.vendor);
}

const receiptsIn = (description: string) => {
  const db = new Database(ctx.dbPath, { readonly: true });
  try {
    return db.prepare('select id, status, amount from receipts where description = ?').all(description) as Array<{ id: number; status: string; amount: number }>;
  } finally {
    db.close();
  }
};

describe('the chair records receipts from a phone on a weak signal (issue 19a)', () => {
  it('shrinks three 4000×3000 photos on the phone: stored at ≤ 1600 px, the EXIF-turned one upright', async () => {
    const { context, page, errors } = await chairPhone(true);
    const sent = countUploads(page);
    const description = 'Konsumsi kerja bakti Desember';
    await fill(page, { amount: '45.000', category: 'SOS', description, vendor: 'Warung Bu Sri' });
    // The evidence list follows the chosen category, visible, before any file is chosen.
    const needed = page.locator('#evidence-needed');
    await expect.poll(() => needed.innerText()).toContain('Foto kegiatan (belum dipilih)');
    expect(await needed.isVisible()).toBe(true);
    await page.setInputFiles('#f-nota', { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: ctx.photos[0]! });
    await page.setInputFiles('#f-kegiatan', { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: ctx.photos[1]! });
    await page.setInputFiles('#f-hadir', { name: 'IMG_0003.jpg', mimeType: 'image/jpeg', buffer: ctx.photos[2]! });
    expect(await needed.innerText()).toContain('Daftar hadir (dipilih)');
    await shot(page, '1-form-three-photos');
    await page.click('text=Simpan dan kirim ke kelurahan');
    await page.locator('.alert-success', { hasText: 'tercatat dan menunggu verifikasi kelurahan' }).waitFor({ timeout: 120_000 });
    await shot(page, '2-recorded');
    const original = ctx.photos.reduce((a, p) => a + p.length, 0);
    expect(original).toBeGreaterThan(4_800_000);
    // One upload, of the shrunk photos: a fraction of the 5,4 MB the camera wrote.
    expect(sent.multipart).toBe(1);
    expect(sent.bodyBytes).toBeLessThan(original / 4);

    const [receipt] = receiptsIn(description);
    expect(receipt).toMatchObject({ status: 'pending', amount: 45_000 });
    const links: string[] = [];
    for (const a of await page.locator('article.item', { hasText: description }).locator('ul.files a').all()) links.push(new URL((await a.getAttribute('href'))!, ctx.server.url).href);
    expect(links).toHaveLength(3);
    const stored = await Promise.all(links.map(async (href) => Buffer.from(await (await context.request.get(href)).body())));
    const dims = await Promise.all(stored.map(async (b) => sharp(b).metadata()));
    for (const m of dims) {
      expect(m.format).toBe('jpeg');
      expect(Math.max(m.width!, m.height!)).toBe(1600);
      // Upright pixels, no orientation left to apply.
      expect(m.orientation ?? 1).toBe(1);
    }
    const byName = await page.locator('article.item', { hasText: description }).locator('ul.files li').allInnerTexts();
    const turned = byName.findIndex((t) => t.includes('IMG_0002'));
    expect(turned).toBeGreaterThanOrEqual(0);
    expect([dims[turned]!.width, dims[turned]!.height]).toEqual([1200, 1600]);
    expect(await redOnTop(stored[turned]!)).toBe(true);
    for (const [i, m] of dims.entries()) if (i !== turned) expect([m.width, m.height]).toEqual([1600, 1200]);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('refuses a receipt over the cash, and one without its foto kegiatan, before any byte of a photo is sent', async () => {
    const { context, page, errors } = await chairPhone(true);
    const sent = countUploads(page);
    const description = 'Tenda dan kursi HUT RI';
    await fill(page, { amount: '500.000', category: 'SOS', description, vendor: 'Persewaan Jaya' });
    await page.setInputFiles('#f-nota', { name: 'nota.jpg', mimeType: 'image/jpeg', buffer: ctx.photos[0]! });
    await page.setInputFiles('#f-kegiatan', { name: 'kegiatan.jpg', mimeType: 'image/jpeg', buffer: ctx.photos[1]! });
    await page.setInputFiles('#f-hadir', { name: 'hadir.jpg', mimeType: 'image/jpeg', buffer: ctx.photos[2]! });
    await page.click('text=Simpan dan kirim ke kelurahan');
    const refusal = page.locator('.quick-check.alert-error');
    await refusal.waitFor({ timeout: 60_000 });
    // The server's own message, with the real numbers, and the amount field marked.
    expect(await refusal.innerText()).toMatch(/Rp500\.000 melebihi kas RT yang tersedia \(Rp\d[\d.]*/);
    expect(await page.getAttribute('#amount', 'aria-invalid')).toBe('true');
    expect(await page.locator('#amount-error').innerText()).toMatch(/Kas tersedia Rp\d/);
    await shot(page, '3-refused-over-cash');
    expect(sent.multipart).toBe(0);
    expect(sent.bodyBytes).toBeLessThan(4_000);
    // What was chosen stays chosen: nothing to pick again.
    expect(await page.evaluate("document.querySelector('#f-kegiatan').files.length")).toBe(1);

    // Fixed amount, but the activity photo taken away: said before upload, from the same rule.
    await page.fill('#amount', '50.000');
    await page.setInputFiles('#f-kegiatan', []);
    await expect.poll(() => page.locator('#evidence-needed').innerText()).toContain('Foto kegiatan (belum dipilih)');
    await page.click('text=Simpan dan kirim ke kelurahan');
    await page.locator('.quick-check.alert-error', { hasText: 'Foto kegiatan' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#f-kegiatan-error').innerText()).toContain('Wajib dilampirkan');
    await shot(page, '4-refused-no-activity-photo');
    expect(sent.multipart).toBe(0);
    expect(sent.bodyBytes).toBeLessThan(8_000);
    expect(receiptsIn(description)).toEqual([]);
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await context.close();
  }, 240_000);

  it('keeps a receipt captured without signal on the phone, shows it waiting, and sends it once when the signal returns', async () => {
    const { context, page, errors } = await chairPhone(false);
    // The service worker takes the page: reopened without signal, the form still opens.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await page.waitForFunction(() => !!(globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker.controller);
    await page.reload();
    await page.locator('#catat').waitFor();
    const description = 'Fotokopi undangan rapat RT';
    await context.setOffline(true);
    await fill(page, { amount: '20.000', category: 'ADM', description, vendor: 'Fotokopi Barokah' });
    // A photo of its own (a photo already used by a live receipt is refused as a duplicate).
    await page.setInputFiles('#f-nota', { name: 'nota-offline.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(19_004) });
    await page.click('text=Simpan dan kirim ke kelurahan');
    await page.locator('#outbox-banner', { hasText: 'Menunggu sinyal (1 kuitansi)' }).waitFor({ timeout: 30_000 });
    await shot(page, '5-offline-queued');
    // Still without signal, the page opens again from the phone, the receipt still waiting.
    await page.reload();
    await page.locator('#outbox-banner', { hasText: 'Menunggu sinyal (1 kuitansi)' }).waitFor({ timeout: 30_000 });
    await page.locator('#catat').waitFor();
    await shot(page, '6-offline-reopened');
    expect(receiptsIn(description)).toEqual([]);

    await context.setOffline(false);
    // The signal comes back twice in quick succession: the receipt is still sent once.
    await page.evaluate("window.dispatchEvent(new Event('online')); window.dispatchEvent(new Event('online'))");
    const log: string[] = [];
    page.on('console', (m) => log.push(m.text()));
    await page.locator('#outbox-banner').waitFor({ state: 'detached', timeout: 60_000 }).catch(async (e) => {
      throw new Error(`${(e as Error).message}\nbanner: ${await page.locator('#outbox-banner').innerText()}\nconsole: ${log.join(' | ')}`);
    });
    expect(receiptsIn(description)).toEqual([expect.objectContaining({ status: 'pending', amount: 20_000 })]);
    await page.reload();
    await page.locator('article.item', { hasText: description }).waitFor();
    await shot(page, '7-sent-once');
    expect(await page.evaluate('window.DanaOutbox.count()')).toBe(0);
    expect(receiptsIn(description)).toHaveLength(1);
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e))).toEqual([]);
    await context.close();
  }, 240_000);
});

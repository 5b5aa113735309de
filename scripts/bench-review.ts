/**
 * Issue 19's review bench (`npm run bench -- --only review`, or `tsx scripts/bench-review.ts`):
 * the bytes a treasurer's browser receives (compressed, as sent) to review 20 receipts of three
 * phone photos each, before (the page showed every photo at full size) and after (thumbnails of at
 * most 15 KB; decisions posted in the background); and the bytes of each chair page.
 * Full-size photos opened on purpose are not counted (the viewer fetches one only when opened).
 * In-process server on a fresh seeded database; deterministic photos (1600×1200 JPEG, ~250 KB:
 * what a phone sends after issue 19's shrinking).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { bootstrap } from '../src/app/bootstrap';
import { createApplication } from '../src/app/application';
import { seedDemo } from '../src/app/seed';
import { loadConfig } from '../src/config';
import { createApp } from '../src/http/create-app';
import { todayWib } from '../src/domain/calendar';

const RECEIPTS = 20;
const PHOTOS = 3;

interface Got { status: number; bytes: number; body: string; headers: http.IncomingHttpHeaders }

function get(base: string, url: string, cookie: string, extra: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(url, base), { headers: { cookie, 'accept-encoding': 'br, gzip', ...extra } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'];
        const text = enc === 'br' ? zlib.brotliDecompressSync(raw) : enc === 'gzip' ? zlib.gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, bytes: raw.length, body: text.toString('utf8'), headers: res.headers });
      });
    });
    req.on('error', reject);
  });
}

async function signIn(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(new URL('/login', base));
  const pre = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
  const res = await fetch(new URL('/login', base), { method: 'POST', redirect: 'manual', headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, username, password: 'dana-rt-demo' }) });
  const cookie = [pre, ...res.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
  const home = await (await fetch(new URL('/', base), { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? csrf };
}

/** A phone photo of a nota after shrinking: 1600×1200, noisy background, paper with text. */
async function photo(i: number): Promise<Buffer> {
  const W = 1600, H = 1200;
  const noise = Buffer.alloc(W * H * 3);
  let x = 2166136261 ^ i;
  for (let k = 0; k < noise.length; k++) { x = Math.imul(x ^ (x >>> 13), 0x5bd1e995); noise[k] = 110 + ((x >>> 24) % 70); }
  const lines = Array.from({ length: 16 }, (_, j) => `<text x="560" y="${170 + j * 58}" font-size="34" font-family="DejaVu Sans" fill="#222">${j + 1}. Barang ${i}-${j} x${j + 1} Rp ${(j + 1) * 7500}</text>`).join('');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect x="500" y="80" width="640" height="1060" fill="#fffef5" transform="rotate(${(i % 5) - 2} 820 600)"/>${lines}</svg>`);
  return sharp(noise, { raw: { width: W, height: H, channels: 3 } }).blur(1.4).composite([{ input: svg }]).jpeg({ quality: 80 }).toBuffer();
}

export async function benchReview(log: (line: string) => void = console.log): Promise<Array<{ measure: string; value: string; budget: string; ok: boolean }>> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-bench-review-'));
  const s = bootstrap({ databasePath: path.join(work, 'db.sqlite'), evidenceDir: path.join(work, 'evidence') });
  await seedDemo(s, { production: false });
  const cfg = loadConfig({ databasePath: path.join(work, 'db.sqlite'), evidenceDir: path.join(work, 'evidence'), loginDelayMs: 0, logLevel: 'silent', imageWorkers: 1 });
  const server = http.createServer(createApp(createApplication(s, cfg), cfg));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const out: Array<{ measure: string; value: string; budget: string; ok: boolean }> = [];
  try {
    const chair = await signIn(base, 'ketua.pleburan');
    const rtId = Number(/href="\/rt\/(\d+)/.exec((await get(base, '/', chair.cookie)).body)![1]);
    const before = new Set(s.receipts.pendingOfKelurahan('3374050005').map((p) => p.receipt.id));
    const today = todayWib(new Date());
    for (let i = 0; i < RECEIPTS; i++) {
      const form = new FormData();
      const fields = { _csrf: chair.csrf, year: today.slice(0, 4), requestKey: `bench-review-${String(i).padStart(12, '0')}`, date: today, category: 'ADM', description: `Fotokopi bench ${i}`, vendor: 'Fotokopi Barokah', notaNumber: `BR-${i}`, amount: '5.000' };
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (let p = 0; p < PHOTOS; p++) form.append(p === 0 ? 'nota' : 'fotoBarang', new Blob([await photo(i * PHOTOS + p)], { type: 'image/jpeg' }), `foto-${i}-${p}.jpg`);
      const res = await fetch(new URL(`/rt/${rtId}/kuitansi`, base), { method: 'POST', redirect: 'manual', headers: { cookie: chair.cookie }, body: form });
      if (res.status !== 303) throw new Error(`receipt ${i}: ${res.status} ${(await res.text()).slice(0, 600)}`);
    }
    const mine = s.receipts.pendingOfKelurahan('3374050005').map((p) => p.receipt).filter((r) => !before.has(r.id));
    const treasurer = await signIn(base, 'bendahara.pleburan');
    // The page and its assets, once (the browser caches the assets between decisions).
    const page = await get(base, `/verifikasi?rt=${rtId}`, treasurer.cookie);
    const assets = [...page.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    let assetBytes = 0;
    for (const a of new Set(assets)) assetBytes += (await get(base, a, treasurer.cookie)).bytes;
    const files = mine.flatMap((r) => s.receipts.files(r.id));
    let thumbBytes = 0;
    let largest = 0;
    for (const f of files) {
      const t = await get(base, `/berkas/${f.sha256}/kecil`, treasurer.cookie);
      if (t.status !== 200) throw new Error(`thumbnail ${f.sha256}: ${t.status}`);
      thumbBytes += t.bytes;
      largest = Math.max(largest, t.bytes);
    }
    const fullBytes = files.reduce((a, f) => a + fs.statSync(s.evidence.pathOf(f.sha256)).size, 0);
    // 20 decisions in the background: each answered with its message only.
    let decisionBytes = 0;
    for (const r of mine) {
      const res = await fetch(new URL(`/kuitansi/${r.id}/verifikasi`, base), { method: 'POST', headers: { cookie: treasurer.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-dana-rt': 'latar' }, body: new URLSearchParams({ _csrf: treasurer.csrf, back: '/verifikasi' }) });
      decisionBytes += (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`decision ${r.id}: ${res.status}`);
    }
    const after = page.bytes + assetBytes + thumbBytes + decisionBytes;
    // Before: the page showed every photo at full size, and each decision reloaded the page (20 page loads).
    const beforeBytes = page.bytes * RECEIPTS + assetBytes + fullBytes;
    log(`review of ${RECEIPTS} receipts × ${PHOTOS} photos: page ${page.bytes} B, assets ${assetBytes} B, ${files.length} thumbnails ${thumbBytes} B (largest ${largest} B), decisions ${decisionBytes} B; full photos ${fullBytes} B`);
    out.push({ measure: `treasurer's review of ${RECEIPTS} receipts (${files.length} photos), bytes received`, value: `${(after / 1024).toFixed(0)} KB (before: ${(beforeBytes / 1024 / 1024).toFixed(1)} MB)`, budget: '≤ 1 MB', ok: after <= 1024 * 1024 });
    out.push({ measure: 'largest thumbnail', value: `${(largest / 1024).toFixed(1)} KB`, budget: '≤ 15 KB', ok: largest <= 15 * 1024 });
    for (const p of ['/', `/rt/${rtId}`, `/rt/${rtId}/kuitansi`, `/rt/${rtId}/bku`, `/rt/${rtId}/rencana`, `/rt/${rtId}/pencairan`, '/istilah']) {
      const r = await get(base, p, chair.cookie);
      out.push({ measure: `chair page ${p.replace(String(rtId), ':id')} (compressed)`, value: `${(r.bytes / 1024).toFixed(1)} KB`, budget: '5–20 KB', ok: r.status === 200 && r.bytes <= 20 * 1024 });
    }
  } finally {
    server.close();
    s.db.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchReview();
  for (const r of rows) console.log(`${r.ok ? 'ok  ' : 'MISS'} ${r.measure}: ${r.value} (budget ${r.budget})`);
}

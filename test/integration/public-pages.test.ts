/**
 * Issue 20 (open books): the public pages as anonymous. A crawl from /publik reaches every RT
 * page; every RT page links its poster and carries the complaint form; a privacy crawl of every
 * public page (HTML, CSV, JSON, and poster text) finds no bank account, phone, e-mail, person's
 * name, unverified receipt, santunan detail or hidden photo — checked against the database; the
 * ETag follows the data version; public routes are rate limited per address.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import request from 'supertest';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyReceipt } from '../../src/app/decide-receipt';
import { setPhotoPublicity } from '../../src/app/public-photos';
import { SEED_HIDDEN_PHOTO_REASON } from '../../src/app/seed-money-flow';
import { toActor } from '../../src/db/user-repository';
import { tempDbPath } from '../helpers/db';
import { appOf, binary, seededApp, signedIn, type Services } from '../helpers/http';

const NOW = new Date('2026-11-28T03:00:00Z');
const PLEBURAN = '3374050005';
const BASE = 'https://danart.semarangkota.go.id';

let s: Services;
let app: ReturnType<typeof appOf>['app'];
const pages = new Map<string, string>(); // path -> HTML body (anonymous crawl)
const sql = <T>(q: string, ...args: unknown[]) => s.db.sqlite.prepare(q).all(...args) as T[];

const hrefs = (html: string) => [...html.matchAll(/href="(\/publik[^"#?]*)"/g)].map((m) => m[1]!);
// The complaint pages (/publik/aduan…) are aduan warga's own, checked for privacy in complaints.test.ts.
const isPage = (p: string) => !/\.(csv|json|pdf)$/.test(p) && !p.startsWith('/publik/aduan') && !p.startsWith('/publik/foto/') && !p.startsWith('/publik/checkpoint') && !p.startsWith('/publik/kunci');

function pdfText(pdf: Buffer): string {
  const file = `${tempDbPath()}.pdf`;
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Every RT (kind rt) the registry has active: the pages the crawl must reach. */
const rtPaths = () =>
  new Set(
    sql<{ kel: string; rw: number; rt: number }>(`SELECT t.kelurahan_code AS kel, w.number AS rw, t.number AS rt FROM rt t JOIN rw w ON w.id = t.rw_id WHERE t.kind = 'rt' AND t.active = 1 AND t.programme = 'OPS'`).map(
      (r) => `/publik/rt/${r.kel}/${r.rw}/${r.rt}`,
    ),
  );

let hiddenSha = '';
let shownSha = '';

beforeAll(async () => {
  const built = await seededApp({ publicRenderLimit: 0, publicIpLimit: 0 }, () => NOW);
  s = built.s;
  app = built.app;
  // The treasurer hides one verified receipt's activity photo (a resident's ID card in the picture).
  const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
  const photos = sql<{ receiptId: number; sha256: string; category: string }>(
    `SELECT f.receipt_id AS receiptId, f.sha256, r.category FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id WHERE r.status = 'verified' AND f.kind IN ('foto_kegiatan', 'foto_barang') AND r.category <> 'SOS' AND f.sha256 NOT IN (SELECT sha256 FROM photo_visibility) ORDER BY f.id`,
  );
  expect(photos.length).toBeGreaterThanOrEqual(2);
  hiddenSha = photos[0]!.sha256;
  shownSha = photos.find((p) => p.sha256 !== hiddenSha)!.sha256;
  setPhotoPublicity(s, bendahara, { receiptId: photos[0]!.receiptId, sha256: hiddenSha, hidden: true, reason: 'Foto memuat KTP warga' });
  // Crawl every public page reachable from /publik by links, as anonymous.
  const queue = ['/publik'];
  while (queue.length) {
    const p = queue.shift()!;
    if (pages.has(p)) continue;
    const res = await request(app).get(p);
    expect(res.status, p).toBe(200);
    pages.set(p, res.text);
    for (const h of hrefs(res.text)) if (isPage(h) && !pages.has(h)) queue.push(h);
  }
}, 600_000);

describe('the public pages, as anonymous', () => {
  it('GET /publik answers 200 and leads by links to every RT page', () => {
    const reached = new Set([...pages.keys()].filter((p) => p.startsWith('/publik/rt/')));
    expect(rtPaths().size).toBeGreaterThan(600);
    expect(reached).toEqual(rtPaths());
    // The RW grantee has its page, and every kecamatan and kelurahan of the registry is reached.
    expect(pages.has(`/publik/rw/${PLEBURAN}/1`)).toBe(true);
    for (const k of sql<{ code: string }>('SELECT code FROM kecamatan')) expect(pages.has(`/publik/kecamatan/${k.code}`), k.code).toBe(true);
    for (const k of sql<{ code: string }>('SELECT code FROM kelurahan WHERE code IN (SELECT kelurahan_code FROM rt)')) expect(pages.has(`/publik/kelurahan/${k.code}`), k.code).toBe(true);
  });

  it('every RT page links its poster, its CSV and JSON, a WhatsApp share and Open Graph tags, and carries the complaint form', () => {
    const ids = new Map(sql<{ p: string; id: number }>(`SELECT '/publik/rt/' || t.kelurahan_code || '/' || w.number || '/' || t.number AS p, t.id FROM rt t JOIN rw w ON w.id = t.rw_id WHERE t.programme = 'OPS'`).map((r) => [r.p, r.id]));
    for (const p of rtPaths()) {
      const html = pages.get(p)!;
      expect(html, p).toContain(`href="${p}/poster.pdf"`);
      expect(html).toContain(`href="${p}.csv"`);
      expect(html).toContain(`href="${p}.json"`);
      expect(html.replace(/&#x3D;/g, '=')).toMatch(/href="https:\/\/wa\.me\/\?text=[^"]+"/);
      expect(html).toContain('property="og:title"');
      expect(html).toMatch(new RegExp(`<meta property="og:url" content="http://[^"]+${p}">`));
      // The complaint form (aduan warga) for this RT, posting anonymously with its signed stamp.
      expect(html).toContain('<form method="post" action="/publik/aduan"');
      expect(html).toContain(`name="targetKind" value="rt"`);
      expect(html).toContain(`name="targetId" value="${ids.get(p)}"`);
      expect(html).toMatch(/name="stamp" value="[^"]+"/);
    }
  });

  it('an RT page shows its verified receipts with category names, and charts as inline SVG', () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const html = pages.get(`/publik/rt/${PLEBURAN}/1/1`)!;
    const verified = s.receipts.ofRt(rt.id, 2026).filter((r) => r.status === 'verified' && r.category !== 'SOS');
    expect(verified.length).toBeGreaterThan(0);
    for (const r of verified) expect(html).toContain(r.description.replace(/&/g, '&amp;'));
    expect(html).toContain('Kegiatan budaya dan keagamaan');
    expect(html).toContain('<svg');
    // Charts need no script; the one script is the complaint form's stamp enhancement (no inline script).
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/aduan-stamp.js" defer>']);
  });

  it('no private field appears on any public page, CSV, JSON or poster (checked against the database)', async () => {
    const years = sql<{ year: number }>('SELECT year FROM programme_year').map((r) => r.year);
    const rtsWithReceipts = sql<{ p: string }>(`SELECT DISTINCT '/publik/rt/' || t.kelurahan_code || '/' || w.number || '/' || t.number AS p FROM receipts r JOIN rt t ON t.id = r.rt_id JOIN rw w ON w.id = t.rw_id WHERE t.kind = 'rt'`).map((r) => r.p);
    // Every programme year of the grantees with receipts (the crawl follows the current year's links).
    const otherYears = rtsWithReceipts.flatMap((p) => years.flatMap((y) => [`${p}?tahun=${y}`, `${p}.json?tahun=${y}`, `${p}.csv?tahun=${y}`]));
    const urls = [...[...pages.keys()].flatMap((p) => [p, `${p}.csv`, `${p}.json`]), ...otherYears];
    const texts: Array<[string, string]> = [...pages.entries()];
    for (const u of urls.filter((x) => !pages.has(x))) {
      const res = await request(app).get(u);
      expect(res.status, u).toBe(200);
      texts.push([u, res.text]);
    }
    // Posters: those of every grantee with receipts of any status, the RW grantee, and a sample.
    const withReceipts = new Set(sql<{ id: number }>('SELECT DISTINCT rt_id AS id FROM receipts').map((r) => r.id));
    const posterPaths = [...pages.keys()].filter((p) => p.startsWith('/publik/rt/') || p === `/publik/rw/${PLEBURAN}/1`).filter((p, i) => {
      const [kel, rw, rt] = p.split('/').slice(3).map(String);
      const g = s.registry.findRtByNumbers(kel!, Number(rw), Number(rt ?? 0));
      return (g && withReceipts.has(g.id)) || p.startsWith('/publik/rw/') || i % 50 === 0;
    });
    expect(posterPaths.length).toBeGreaterThan(5);
    for (const p of posterPaths) {
      const res = await request(app).get(`${p}/poster.pdf`).buffer(true).parse(binary);
      expect(res.status, p).toBe(200);
      texts.push([`${p}/poster.pdf`, pdfText(res.body as Buffer)]);
    }

    const forbidden: Array<[string, string]> = [];
    for (const r of sql<{ bank: string; chair: string; sec: string | null; tre: string | null }>('SELECT bank_account AS bank, chair_name AS chair, secretary_name AS sec, treasurer_name AS tre FROM rt')) {
      forbidden.push(['bank account', r.bank]);
      for (const n of [r.chair, r.sec, r.tre]) if (n && n.length >= 5) forbidden.push(['officer name', n]);
    }
    for (const u of sql<{ username: string; name: string }>('SELECT username, display_name AS name FROM users')) {
      if (u.username.includes('.')) forbidden.push(['username', u.username]);
      if (/\s/.test(u.name) && !/Kota Semarang/.test(u.name)) forbidden.push(['official name', u.name]);
    }
    const verifiedTexts = new Set(sql<{ t: string }>(`SELECT description AS t FROM receipts WHERE status = 'verified' AND category <> 'SOS' UNION SELECT vendor FROM receipts WHERE status = 'verified' AND category <> 'SOS'`).map((r) => r.t));
    for (const r of sql<{ d: string; v: string; status: string }>(`SELECT description AS d, vendor AS v, status FROM receipts WHERE status <> 'verified' OR category = 'SOS'`)) {
      if (!verifiedTexts.has(r.d)) forbidden.push([`${r.status} receipt description`, r.d]);
      if (!verifiedTexts.has(r.v)) forbidden.push([`${r.status} receipt vendor`, r.v]);
    }
    for (const n of sql<{ n: string }>(`SELECT nota_number AS n FROM receipts WHERE nota_number IS NOT NULL`)) forbidden.push(['nota number', n.n]);
    forbidden.push(['hidden photo', hiddenSha]);
    for (const f of sql<{ sha: string }>(`SELECT DISTINCT f.sha256 AS sha FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id WHERE f.kind NOT IN ('foto_kegiatan', 'foto_barang') OR r.status <> 'verified' OR r.category = 'SOS'`)) {
      forbidden.push(['non-public file', f.sha]);
    }
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');
    const leaks: string[] = [];
    for (const [url, text] of texts) {
      for (const [what, value] of forbidden) if (text.includes(value) || text.includes(esc(value))) leaks.push(`${url}: ${what} "${value}"`);
      if (/[\w.+-]+@[\w-]+\.[a-z]{2,}/i.test(text)) leaks.push(`${url}: an e-mail address`);
      if (/(\+62|\b0)8\d{7,11}\b/.test(text)) leaks.push(`${url}: a phone number`);
    }
    expect(leaks).toEqual([]);
    // The oracle found something to look for, and the crawl covered the three formats and posters.
    expect(forbidden.filter(([w]) => w.includes('receipt description')).length).toBeGreaterThanOrEqual(3);
    expect(texts.length).toBeGreaterThan(3 * 600);
  }, 600_000);

  it('JSON lists exactly the verified receipts of an RT; santunan (SOS) ones only by category, date and amount', async () => {
    for (const rt of sql<{ id: number; kel: string; rw: number; n: number }>(`SELECT t.id, t.kelurahan_code AS kel, w.number AS rw, t.number AS n FROM rt t JOIN rw w ON w.id = t.rw_id WHERE t.id IN (SELECT rt_id FROM receipts) AND t.kind = 'rt'`)) {
      const body = (await request(app).get(`/publik/rt/${rt.kel}/${rt.rw}/${rt.n}.json`)).body as { receipts: Array<{ id: number; description: string | null; vendor: string | null; restricted: boolean; category: string; photos: unknown[] }> };
      const verified = sql<{ id: number; category: string }>(`SELECT id, category FROM receipts WHERE rt_id = ? AND year = 2026 AND status = 'verified' ORDER BY id`, rt.id);
      expect(body.receipts.map((r) => r.id).sort((a, b) => a - b)).toEqual(verified.map((r) => r.id));
      for (const r of body.receipts.filter((x) => x.category === 'SOS')) expect(r).toMatchObject({ description: null, vendor: null, restricted: true, photos: [] });
    }
  });

  it('a public photo is a downsized JPEG without metadata; a hidden, non-photo or unverified file is 404', async () => {
    const res = await request(app).get(`/publik/foto/${shownSha}/besar`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(res.body as Buffer).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1024);
    const original = fs.readFileSync(s.evidence.pathOf(shownSha));
    expect(Buffer.compare(original, res.body as Buffer)).not.toBe(0);
    const small = await request(app).get(`/publik/foto/${shownSha}/kecil`).buffer(true).parse(binary);
    expect(Math.max((await sharp(small.body as Buffer).metadata()).width!, 1)).toBeLessThanOrEqual(240);
    expect((await request(app).get(`/publik/foto/${hiddenSha}/besar`)).status).toBe(404);
    const nota = sql<{ sha: string }>(`SELECT f.sha256 AS sha FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id WHERE f.kind = 'nota' AND r.status = 'verified' LIMIT 1`)[0]!.sha;
    expect((await request(app).get(`/publik/foto/${nota}/besar`)).status).toBe(404);
    const pending = sql<{ sha: string }>(`SELECT f.sha256 AS sha FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id WHERE f.kind LIKE 'foto_%' AND r.status = 'pending' LIMIT 1`)[0]!.sha;
    expect((await request(app).get(`/publik/foto/${pending}/kecil`)).status).toBe(404);
    expect((await request(app).get(`/publik/foto/${'0'.repeat(64)}/kecil`)).status).toBe(404);
    expect((await request(app).get(`/publik/foto/${shownSha}/asli`)).status).toBe(404);
  });

  it('the poster is one A4 page with the summary, each category, and the public URL under its QR code', async () => {
    const p = `/publik/rt/${PLEBURAN}/1/1`;
    const res = await request(app).get(`${p}/poster.pdf`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('PEMERINTAH KOTA SEMARANG');
    expect(text).toContain('Dana RT 001 / RW 001');
    expect(text).toContain('Rp25.000.000');
    for (const c of s.years.find(2026, '2026-11-28')!.categories) expect(text).toContain(c.name);
    expect(text).toMatch(new RegExp(`http://[^\\s]+${p.replace(/\//g, '\\/')}`));
    const info = execFileSync('pdfinfo', ['-'], { input: res.body as Buffer, encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
  });

  it('unknown places, formats and numbers answer 404, never 500', async () => {
    for (const p of ['/publik/rt/3374050005/1/999', '/publik/rt/3374050005/1/0', '/publik/rt/3374050005/x/1', '/publik/rt/3374050005/1/1.xml', '/publik/kelurahan/3374059999', '/publik/kecamatan/33', '/publik.exe', '/publik/rw/3374050005/99', '/publik/rt/3374050005/1/999/poster.pdf']) {
      expect((await request(app).get(p)).status, p).toBe(404);
    }
  });
});

describe('the demo seed’s hidden photo', () => {
  it('the demo RT page (HTML and JSON) lists the lomba receipt without its hidden activity photo; the audit log has the treasurer’s decision', async () => {
    const demoRt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const [lomba] = sql<{ id: number }>(`SELECT id FROM receipts WHERE rt_id = ? AND year = 2026 AND status = 'verified' AND description = 'Hadiah lomba 17-an anak-anak'`, demoRt.id);
    expect(lomba).toBeDefined();
    const [photo] = sql<{ sha: string }>(`SELECT sha256 AS sha FROM receipt_files WHERE receipt_id = ? AND kind = 'foto_kegiatan'`, lomba!.id);
    const decisions = sql<{ hidden: number; reason: string; decidedBy: number }>(`SELECT hidden, reason, decided_by AS decidedBy FROM photo_visibility WHERE receipt_id = ? AND sha256 = ?`, lomba!.id, photo!.sha);
    expect(decisions).toEqual([{ hidden: 1, reason: SEED_HIDDEN_PHOTO_REASON, decidedBy: s.users.findByUsername('bendahara.pleburan')!.id }]);

    const page = `/publik/rt/${PLEBURAN}/1/1`;
    const json = await request(app).get(`${page}.json`);
    expect(json.status).toBe(200);
    const listed = (json.body as { receipts: Array<{ id: number; description: string | null; photos: Array<{ sha256: string }> }> }).receipts.find((r) => r.id === lomba!.id);
    expect(listed).toMatchObject({ description: 'Hadiah lomba 17-an anak-anak' });
    expect(listed!.photos.map((p) => p.sha256)).not.toContain(photo!.sha);
    expect(json.text).not.toContain(photo!.sha);
    const html = await request(app).get(page);
    expect(html.status).toBe(200);
    expect(html.text).toContain('Hadiah lomba 17-an anak-anak');
    expect(html.text).not.toContain(photo!.sha);
    expect((await request(app).get(`/publik/foto/${photo!.sha}/kecil`)).status).toBe(404);
    // The control: a verified receipt's activity photo nobody hid is on its RT's page (RT 002/RW 001's kerja bakti).
    const [shown] = sql<{ sha: string }>(
      `SELECT f.sha256 AS sha FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id WHERE r.rt_id = ? AND r.status = 'verified' AND f.kind = 'foto_kegiatan' AND r.description = 'Kerja bakti bersih saluran'`,
      s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id,
    );
    expect((await request(app).get(`/publik/rt/${PLEBURAN}/1/2`)).text).toContain(shown!.sha);

    const audit = sql<{ actorName: string; actorRole: string; at: string; summary: string }>(
      `SELECT actor_name AS actorName, actor_role AS actorRole, at, summary FROM audit_log WHERE action = 'photo.public_hidden' AND target_type = 'receipt' AND target_id = ?`,
      String(lomba!.id),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorRole).toBe('bendahara');
    expect(audit[0]!.at.slice(0, 10)).toBe('2026-09-03');
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({ before: { sha256: photo!.sha, hidden: false }, after: { sha256: photo!.sha, hidden: true, reason: SEED_HIDDEN_PHOTO_REASON } });
  });
});

describe('the poster’s QR code', () => {
  it('decodes (pdftoppm at 150 dpi, sharp pixels, jsQR) to exactly the public page URL of that RT', async () => {
    const withBase = appOf(s, { publicIpLimit: 0, publicRenderLimit: 0, publicBaseUrl: BASE }).app;
    for (const [rw, rt] of [[1, 1], [1, 2]] as const) {
      const page = `/publik/rt/${PLEBURAN}/${rw}/${rt}`;
      const res = await request(withBase).get(`${page}/poster.pdf`).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      const file = `${tempDbPath()}.poster`;
      fs.writeFileSync(`${file}.pdf`, res.body as Buffer);
      execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', `${file}.pdf`, file]);
      const { data, info } = await sharp(`${file}.png`).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      expect([Math.round(info.width / 10), Math.round(info.height / 10), info.channels]).toEqual([124, 175, 4]); // A4 at 150 dpi (1241 × 1754), RGBA
      const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
      expect(code, page).not.toBeNull();
      expect(code!.data).toBe(`${BASE}${page}`);
    }
  }, 60_000);
});

describe('cached by data version', () => {
  it('answers 304 to the same ETag until a newly verified receipt changes the page', async () => {
    // A fixed public address: each supertest request comes from another port, and the host is part of the cached page (its links).
    const fresh = await seededApp({ publicRenderLimit: 0, publicIpLimit: 0, publicBaseUrl: BASE }, () => NOW);
    const pending = fresh.s.receipts.ofRt(fresh.s.registry.findRtByNumbers(PLEBURAN, 1, 3)!.id, 2026).find((r) => r.status === 'pending' && r.category !== 'SOS')!;
    const p = `/publik/rt/${PLEBURAN}/1/3`;
    const first = await request(fresh.app).get(p);
    expect(first.text).not.toContain(pending.description);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await request(fresh.app).get(p).set('If-None-Match', etag)).status).toBe(304);
    // A sign-in writes an audit row but changes nothing shown: still 304.
    await signedIn(fresh.app, 'ketua.pleburan');
    expect((await request(fresh.app).get(p).set('If-None-Match', etag)).status).toBe(304);
    verifyReceipt(fresh.s, toActor(fresh.s.users.findByUsername('bendahara.pleburan')!), pending.id);
    const after = await request(fresh.app).get(p).set('If-None-Match', etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.text).toContain(pending.description);
    expect(after.text).toContain(`<meta property="og:url" content="${BASE}${p}">`);
    const json = await request(fresh.app).get(`${p}.json`);
    expect((json.body as { receipts: Array<{ id: number }> }).receipts.map((r) => r.id)).toContain(pending.id);
    // Hiding a photo changes the version too.
    const v = fresh.s.publicPages.dataVersion();
    const photo = fresh.s.receipts.files(pending.id).find((f) => f.kind.startsWith('foto_'));
    if (photo) {
      setPhotoPublicity(fresh.s, toActor(fresh.s.users.findByUsername('bendahara.pleburan')!), { receiptId: pending.id, sha256: photo.sha256, hidden: true, reason: 'wajah anak' });
      expect(fresh.s.publicPages.dataVersion()).not.toBe(v);
      expect((await request(fresh.app).get(p)).text).not.toContain(photo.sha256);
    }
  }, 300_000);
});

describe('bounded work per address', () => {
  it('over the request limit: 429 with Retry-After, in Indonesian; computed pages have their own, lower limit', async () => {
    const limited = appOf(s, { publicIpLimit: 5, publicRenderLimit: 0, publicBaseUrl: BASE });
    for (let i = 0; i < 5; i++) expect((await request(limited.app).get('/publik')).status).toBe(200);
    const over = await request(limited.app).get('/publik');
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.text).toContain('Terlalu banyak permintaan halaman publik');

    const renders = appOf(s, { publicIpLimit: 0, publicRenderLimit: 2, publicBaseUrl: BASE });
    expect((await request(renders.app).get(`/publik/rt/${PLEBURAN}/1/1`)).status).toBe(200);
    expect((await request(renders.app).get(`/publik/rt/${PLEBURAN}/1/2`)).status).toBe(200);
    expect((await request(renders.app).get(`/publik/rt/${PLEBURAN}/1/3`)).status).toBe(429);
    // Pages already computed are still served (the cache answers without work).
    for (let i = 0; i < 10; i++) expect((await request(renders.app).get(`/publik/rt/${PLEBURAN}/1/1`)).status).toBe(200);
  });
});

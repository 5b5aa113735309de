/**
 * Issue 19, item 5 (a fast review), replayed through HTTP: readable thumbnails of at most 15 KB made
 * once beside the evidence store under the photo's own access check; a decision taken on the
 * review page goes on at the next item (with the page's filters); return reasons picked from the
 * category's checklist; a refused decision comes back to the same item with its message; a
 * duplicate flag opens both receipts side by side within the treasurer's scope (404 outside).
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestTranche } from '../../src/app/request-tranche';
import { evidenceImage, onePagePdf } from '../../src/app/seed-documents';
import { toActor } from '../../src/db/user-repository';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import { binary, seededApp, signedIn, type Agent, type Services } from '../helpers/http';

const PLEBURAN = '3374050005';
const BULUSTALAN = '3374050001';
type Who = { agent: Agent; csrf: string; rtId: number };
let s: Services;
let chairA: Who;
let chairC: Who;
let bendahara: { agent: Agent; csrf: string };
let bendaharaC: { agent: Agent; csrf: string };
let key = 0;
let variant = 0;

async function chairWithCash(kelurahanCode: string, rw: number, rt: number, username: string, treasurer: string): Promise<number> {
  const rtId = s.registry.findRtByNumbers(kelurahanCode, rw, rt)!.id;
  const { actor: chair } = await aUser(s, { username, role: 'ketua_rt', rtId });
  const b = toActor(s.users.findByUsername(treasurer)!);
  approvePlanFully(s, b, (await aSubmittedPlan(s, chair)).id);
  approveAndPay(s, b, requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'ADM', description: 'ATK', amount: 600_000 }], requestKey: `review-pace-${username}` }).id);
  return rtId;
}

/** A phone-sized nota photo (2400×1800, ~0,5 MB): the thumbnail must shrink it and keep it readable. */
async function phonePhoto(): Promise<Buffer> {
  const seed = 900 + ++variant;
  const small = await evidenceImage('nota', ['TOKO MAKMUR', `Nota TM-${seed}`, 'Air mineral 2 × Rp12.500', 'Total Rp25.000'], seed);
  return sharp(small).resize(1800, 2400, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
}

async function record(who: Who, files: Array<[string, Buffer, string]>, amount = '25.000'): Promise<number> {
  let req = who.agent
    .post(`/rt/${who.rtId}/kuitansi`)
    .field('_csrf', who.csrf)
    .field('year', '2026')
    .field('requestKey', `review-pace-request-${String(++key).padStart(6, '0')}`)
    .field('date', '2026-10-20')
    .field('category', 'ADM')
    .field('description', 'Fotokopi undangan rapat')
    .field('vendor', 'Toko Makmur')
    .field('notaNumber', `TM-${key}`)
    .field('amount', amount);
  for (const [field, bytes, name] of files) req = req.attach(field, bytes, name);
  const res = await req;
  expect(res.status, res.text.slice(0, 400)).toBe(303);
  return s.receipts.ofRt(who.rtId, 2026)[0]!.id;
}

const shaOf = (receiptId: number, kind = 'nota') => s.receipts.files(receiptId).find((f) => f.kind === kind)!.sha256;
const get = (who: { agent: Agent }, url: string) => who.agent.get(url).buffer(true).parse(binary);

beforeAll(async () => {
  const app = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => new Date('2026-10-20T03:00:00Z'));
  s = app.s;
  await aUser(s, { username: 'bendahara.bulustalan', role: 'bendahara', kelurahanCode: BULUSTALAN });
  const a = await chairWithCash(PLEBURAN, 3, 5, 'ketua.cepat', 'bendahara.pleburan');
  const c = await chairWithCash(BULUSTALAN, 1, 1, 'ketua.jauh', 'bendahara.bulustalan');
  chairA = { ...(await signedIn(app.app, 'ketua.cepat')), rtId: a };
  chairC = { ...(await signedIn(app.app, 'ketua.jauh')), rtId: c };
  bendahara = await signedIn(app.app, 'bendahara.pleburan');
  bendaharaC = await signedIn(app.app, 'bendahara.bulustalan');
});

describe('thumbnails: small, readable, made once beside the store, under the photo\'s access check', () => {
  it('a phone photo gets a WebP of at most 15 KB, 560 px on its long side, cached for a year, stored outside the evidence store', async () => {
    const photo = await phonePhoto();
    const id = await record(chairA, [['nota', photo, 'nota.jpg']]);
    const sha = shaOf(id);
    const downloadsBefore = s.audit.count('file.download');
    const res = await get(bendahara, `/berkas/${sha}/kecil`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const body = res.body as Buffer;
    expect(body.length).toBeLessThanOrEqual(15 * 1024);
    const meta = await sharp(body).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBe(560);
    expect(meta.height).toBeGreaterThan(meta.width!); // upright, as photographed
    // Beside the store, never inside it (not evidence: not in backups, bundles or the proofs).
    const file = path.join(`${s.evidence.dir}.thumbs`, sha.slice(0, 2), `${sha}.webp`);
    expect(fs.existsSync(file)).toBe(true);
    expect(path.relative(s.evidence.dir, file).startsWith('..')).toBe(true);
    // Made once: a second request serves the same file.
    const made = fs.statSync(file).mtimeMs;
    expect((await get(bendahara, `/berkas/${sha}/kecil`)).status).toBe(200);
    expect(fs.statSync(file).mtimeMs).toBe(made);
    // A thumbnail is no download of the evidence; the full photo is (and is audited).
    expect(s.audit.count('file.download')).toBe(downloadsBefore);
    expect((await get(bendahara, `/berkas/${sha}`)).status).toBe(200);
    expect(s.audit.count('file.download')).toBe(downloadsBefore + 1);
  });

  it.each([
    ['the chair of the RT', () => chairA, 200],
    ['the treasurer of another kelurahan', () => bendaharaC, 404],
    ['the chair of an RT in another kelurahan', () => chairC, 404],
  ] as const)('%s asks for the thumbnail: %#', async (_who, who, status) => {
    const id = await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    expect((await get(who(), `/berkas/${shaOf(id)}/kecil`)).status).toBe(status);
  });

  it('anonymous: sent to sign in; a PDF, an unknown hash or garbage: 404, never a 500', async () => {
    const id = await record(chairA, [['nota', await onePagePdf('NOTA PDF', ['Rp25.000']), 'nota.pdf']]);
    const { agent } = await import('../helpers/http').then((m) => m.anonymous((bendahara.agent as unknown as { app: Parameters<typeof m.anonymous>[0] }).app));
    const anon = await agent.get(`/berkas/${shaOf(id)}/kecil`);
    expect([302, 303, 401]).toContain(anon.status);
    expect((await get(bendahara, `/berkas/${shaOf(id)}/kecil`)).status).toBe(404);
    expect((await get(bendahara, `/berkas/${'0'.repeat(64)}/kecil`)).status).toBe(404);
    expect((await get(bendahara, '/berkas/..%2F..%2Fetc/kecil')).status).toBe(404);
  });

  it('the review page shows thumbnails and links the full photo without loading it', async () => {
    const id = await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    const sha = shaOf(id);
    const page = await bendahara.agent.get('/verifikasi');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<img src="/berkas/${sha}/kecil"`);
    expect(page.text).not.toContain(`<img src="/berkas/${sha}"`);
    expect(page.text).not.toContain('<iframe');
    expect(page.text).toContain(`href="/berkas/${sha}" class="js-viewer`);
  });
});

describe('thumbnails made at upload (helper 26b item 5)', () => {
  /** Waits (not a speed check) until the file is there, or gives up after a generous while. */
  async function appears(file: string, giveUpMs = 150_000): Promise<boolean> {
    for (const start = Date.now(); Date.now() - start < giveUpMs; await new Promise((r) => setTimeout(r, 50))) if (fs.existsSync(file)) return true;
    return fs.existsSync(file);
  }
  const thumbOf = (sha: string) => path.join(`${s.evidence.dir}.thumbs`, sha.slice(0, 2), `${sha}.webp`);

  it('recording a receipt makes its photos\' thumbnails before any view; the first view serves that same file; a PDF gets none', async () => {
    const [nota, kegiatan] = [await phonePhoto(), await phonePhoto()];
    const pdf = await onePagePdf('DAFTAR HADIR', ['Rapat warga RT 005']);
    const id = await record(chairA, [['nota', nota, 'nota.jpg'], ['fotoKegiatan', kegiatan, 'kegiatan.jpg'], ['daftarHadir', pdf, 'hadir.pdf']]);
    const files = s.receipts.files(id);
    const images = files.filter((f) => s.evidenceFiles.find(f.sha256)!.mime.startsWith('image/'));
    expect(images).toHaveLength(2);
    // No request for /kecil was made: the upload made them.
    for (const f of images) expect(await appears(thumbOf(f.sha256)), f.kind).toBe(true);
    const pdfFile = files.find((f) => s.evidenceFiles.find(f.sha256)!.mime === 'application/pdf')!;
    expect(fs.existsSync(thumbOf(pdfFile.sha256))).toBe(false);
    // The same function the /kecil route uses: the route serves the file made at upload, not a new one.
    const file = thumbOf(images[0]!.sha256);
    const made = fs.statSync(file).mtimeMs;
    const bytes = fs.readFileSync(file);
    const res = await get(bendahara, `/berkas/${images[0]!.sha256}/kecil`);
    expect(res.status).toBe(200);
    expect((res.body as Buffer).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(made);
    expect(bytes.length).toBeLessThanOrEqual(15 * 1024);
  }, 240_000);
});

describe('decisions keep the place', () => {
  const pendingIds = async () => {
    const page = await bendahara.agent.get('/verifikasi');
    return [...page.text.matchAll(/id="kuitansi-(\d+)"/g)].map((m) => Number(m[1]));
  };

  it('verifying from the review page goes on at the next item, filters kept', async () => {
    const first = await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    const second = await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    const ids = await pendingIds();
    expect(ids).toEqual(expect.arrayContaining([first, second]));
    const page = await bendahara.agent.get('/verifikasi');
    const next = ids[ids.indexOf(first) + 1] ?? ids[ids.indexOf(first) - 1];
    expect(page.text).toContain(`action="/kuitansi/${first}/verifikasi" class="inline js-decision"><input type="hidden" name="_csrf" value="${bendahara.csrf}"><input type="hidden" name="back" value="/verifikasi"><input type="hidden" name="next" value="${next}">`);
    const res = await bendahara.agent.post(`/kuitansi/${first}/verifikasi`).type('form').send({ _csrf: bendahara.csrf, back: '/verifikasi?kategori=ADM', next: String(next) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/verifikasi?kategori=ADM#kuitansi-${next}`);
    expect(s.receipts.find(first)!.status).toBe('verified');
  });

  it.each([
    ['another site', '//evil.example/verifikasi'],
    ['another page', '/admin/pengguna'],
    ['a header injection', '/verifikasi?x=1\r\nSet-Cookie: a=b'],
  ])('a "back" pointing at %s is not followed: the receipt\'s own page', async (_what, back) => {
    const id = await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    const res = await bendahara.agent.post(`/kuitansi/${id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf, back, next: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/rt/${chairA.rtId}/kuitansi?tahun=2026`);
  });

  it('posted in the background (review.js): answered with the message only, no redirect', async () => {
    const id = await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    const res = await bendahara.agent.post(`/kuitansi/${id}/verifikasi`).set('X-Dana-RT', 'latar').type('form').send({ _csrf: bendahara.csrf, back: '/verifikasi' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, message: expect.stringContaining(`Kuitansi #${id}`) });
    expect(s.receipts.find(id)!.status).toBe('verified');
  });
});

describe('return reasons from the category\'s checklist; a refused decision comes back to the same item', () => {
  it('ticked checklist items and a note become the return note', async () => {
    const id = await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    const page = await bendahara.agent.get('/verifikasi');
    const card = page.text.slice(page.text.indexOf(`id="kuitansi-${id}"`));
    // ADM asks for the nota only: that is the one box offered.
    expect(card.slice(0, card.indexOf('</article>'))).toContain('name="missing" value="nota"');
    expect(card.slice(0, card.indexOf('</article>'))).not.toContain('value="foto_kegiatan"');
    const res = await bendahara.agent.post(`/kuitansi/${id}/kembalikan`).type('form').send({ _csrf: bendahara.csrf, back: 'verifikasi', missing: 'nota', note: 'angka totalnya terpotong' });
    expect(res.status).toBe(303);
    expect(s.receipts.find(id)).toMatchObject({ status: 'returned', note: 'Kurang/tidak jelas: Nota / struk / kuitansi. angka totalnya terpotong' });
  });

  it.each([
    ['nothing ticked and no note', {}, 'Pilih bukti yang kurang atau tulis catatan'],
    ['only a kind the category never asks for', { missing: 'foto_kegiatan' }, 'wajib'],
    ['a kind that is no kind', { missing: 'x<script>' }, 'Pilihan tidak valid'],
    ['a note over 1000 characters', { note: 'a'.repeat(1001) }, 'paling banyak 1000'],
  ])('%s: back at the same item with the message, the receipt still pending', async (_what, body, message) => {
    const id = await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    const res = await bendahara.agent.post(`/kuitansi/${id}/kembalikan`).type('form').send({ _csrf: bendahara.csrf, back: 'verifikasi', ...body });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/verifikasi#kuitansi-${id}`);
    expect(s.receipts.find(id)!.status).toBe('pending');
    const page = await bendahara.agent.get('/verifikasi');
    expect(page.text.toLowerCase()).toContain(message.toLowerCase());
  });

  it('from the receipts page (no "back") a refusal is still the 422 page, as before', async () => {
    const id = await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    const res = await bendahara.agent.post(`/kuitansi/${id}/kembalikan`).type('form').send({ _csrf: bendahara.csrf });
    expect(res.status).toBe(422);
  });

  it('the review page asks for a ticked confirmation before a rejection', async () => {
    await record(chairA, [['nota', await phonePhoto(), 'nota.jpg']]);
    const page = await bendahara.agent.get('/verifikasi');
    expect(page.text).toMatch(/<input type="checkbox" name="confirm" value="ya" required> Ya, tolak kuitansi #\d+/);
  });
});

describe('a duplicate flag opens both receipts side by side, within the treasurer\'s scope', () => {
  it('the flag links to the side-by-side page; it shows both; 404 outside the scope', async () => {
    const photo = await phonePhoto();
    const original = await record(chairA, [['nota', photo, 'nota.jpg']], '31.000');
    // The same nota re-encoded: accepted and flagged as a similar photo.
    const copy = await record(chairA, [['nota', await sharp(photo).jpeg({ quality: 60 }).toBuffer(), 'nota-lagi.jpg']], '31.000');
    const page = await bendahara.agent.get('/verifikasi');
    const link = `/kuitansi/${copy}/banding/${original}`;
    expect(page.text.replaceAll('&#x3D;', '=')).toContain(`href="${link}"`);
    const side = await bendahara.agent.get(link);
    expect(side.status).toBe(200);
    expect(side.text).toContain(`Kuitansi #${copy}`);
    expect(side.text).toContain(`Kuitansi #${original}`);
    expect(side.text).toContain('jumlah sama');
    expect(side.text).toContain(`/berkas/${shaOf(original)}/kecil`);
    expect(side.text).toContain(`/berkas/${shaOf(copy)}/kecil`);
    expect((await bendaharaC.agent.get(link)).status).toBe(404);
    expect((await chairC.agent.get(link)).status).toBe(404);
    // One receipt of the pair outside her scope: 404 as well.
    const far = await record(chairC, [['nota', await phonePhoto(), 'nota.jpg']]);
    expect((await bendahara.agent.get(`/kuitansi/${copy}/banding/${far}`)).status).toBe(404);
    expect((await bendahara.agent.get(`/kuitansi/${copy}/banding/${copy}`)).status).toBe(404);
    expect((await bendahara.agent.get(`/kuitansi/${copy}/banding/abc`)).status).toBe(404);
  });
});

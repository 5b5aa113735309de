/**
 * Issue 17, items 1 and 2, in miniature (the full-size attacks against the built server are in
 * test/reliability/upload-attacks.test.ts): request bodies bounded while they stream, files kept
 * in quarantine until their receipt commits, checks before files, the yearly quota, PDFs parsed.
 * The app listens on a real port so a client can stall, hold its files back, or overrun a limit.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { requestTranche } from '../../src/app/request-tranche';
import { evidenceImage, onePagePdf } from '../../src/app/seed-documents';
import { loadConfig, type Config } from '../../src/config';
import { toActor } from '../../src/db/user-repository';
import { signIn } from '../../scripts/lib/bench-http';
import { aPdf, aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import type { Services } from '../helpers/db';
import { DEMO_PASSWORD, seededApp } from '../helpers/http';
import { fieldsOf, sendMultipart, type Part } from '../helpers/multipart';

const PLEBURAN = '3374050005';
const MB = 1024 * 1024;

interface World {
  s: Services;
  url: string;
  rtId: number;
  cookie: string;
  csrf: string;
  close: () => Promise<void>;
}
let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The demo city, a chair of an RT with Rp2.000.000 drawn in October 2026, the app listening on a free port. */
async function aWorld(cfg: Partial<Config> = {}): Promise<World> {
  const clock = new Date('2026-10-20T03:00:00Z');
  const { s, app } = await seededApp(cfg, () => clock);
  const rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  const { actor: chair } = await aUser(s, { username: 'ketua.unggah', role: 'ketua_rt', rtId });
  const b = toActor(s.users.findByUsername('bendahara.pleburan')!);
  approvePlanFully(s, b, (await aSubmittedPlan(s, chair)).id);
  approveAndPay(s, b, requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat', amount: 2_000_000 }], requestKey: 'upload-limits-0001' }).id);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = await signIn(url, 'ketua.unggah', DEMO_PASSWORD);
  world = {
    s,
    url,
    rtId,
    ...client,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return world;
}

/** Every file under a folder (the evidence store, or its quarantine beside it). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}
const storeFiles = (s: Services) => filesUnder(s.evidence.dir);
const quarantined = (s: Services) => filesUnder(s.evidence.quarantineDir);

let n = 0;
const photo = (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir') => evidenceImage(kind, [`unggah ${++n}`, randomBytes(4).toString('hex')], 900 + n);
const receiptFields = (w: World, o: Record<string, string> = {}): Part[] =>
  fieldsOf({ _csrf: w.csrf, year: '2026', requestKey: randomBytes(12).toString('base64url'), date: '2026-10-20', category: 'SOS', description: 'Konsumsi rapat warga', vendor: 'Warung Bu Sri', notaNumber: `WS-${++n}`, amount: '250.000', ...o });
/** `%PDF` + random bytes + `%%EOF`: passes a magic-bytes-and-trailer check, is no PDF. */
const fakePdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes - 16), Buffer.from('\n%%EOF\n')]);
const activity = async (): Promise<Part[]> => [
  { name: 'nota', file: 'nota.jpg', bytes: await photo('nota') },
  { name: 'fotoKegiatan', file: 'kegiatan.jpg', bytes: await photo('foto_kegiatan') },
  { name: 'daftarHadir', file: 'hadir.jpg', bytes: await photo('daftar_hadir') },
];
const post = (w: World, parts: Part[], o?: Parameters<typeof sendMultipart>[4]) => sendMultipart(w.url, `/rt/${w.rtId}/kuitansi`, w.cookie, parts, o);
const stillServing = async (w: World) => (await fetch(`${w.url}/rt/${w.rtId}/kuitansi`, { headers: { cookie: w.cookie } })).status;
const until = async (ok: () => boolean, ms = 5_000) => {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 25));
  return ok();
};

describe('request bodies are bounded while they stream (item 1)', () => {
  it.each<[string, (w: World) => Part[] | Promise<Part[]>, { status: number; says: string; keeps?: string }]>([
    ['a field bomb: 30 text fields of 1 MB after the typed ones', (w) => [...receiptFields(w), ...Array.from({ length: 30 }, (_, i) => ({ name: `bom${i}`, value: 'x'.repeat(MB) }))], { status: 413, says: 'Isian terlalu panjang: satu isian paling banyak 10 KB', keeps: 'value="Warung Bu Sri"' }],
    ['one text field of 10 KB + 1 byte', (w) => receiptFields(w, { description: 'a'.repeat(10 * 1024 + 1) }), { status: 413, says: 'paling banyak 10 KB' }],
    ['200 tiny fields (the receipt form allows 110)', (w) => [...receiptFields(w), ...Array.from({ length: 200 }, (_, i) => ({ name: `f${i}`, value: 'x' }))], { status: 413, says: 'terlalu banyak isian (paling banyak 110)' }],
    ['eleven files in one form', async (w) => [...receiptFields(w), ...(await Promise.all(Array.from({ length: 11 }, async (_, i) => ({ name: ['nota', 'fotoBarang', 'fotoKegiatan', 'daftarHadir'][i % 4]!, file: `k${i}.jpg`, bytes: await photo('foto_kegiatan') }))))], { status: 413, says: 'Terlalu banyak berkas sekali kirim (paling banyak 10)' }],
    ['a file of 10 MB + 1 byte', async (w) => [...receiptFields(w), { name: 'nota', file: 'besar.jpg', bytes: Buffer.concat([await photo('nota'), randomBytes(10 * MB)]) }], { status: 413, says: 'terlalu besar: paling besar 10 MB per berkas', keeps: 'value="Konsumsi rapat warga"' }],
  ])('refuses %s with an Indonesian message, keeps the typed input where it can, stores nothing, keeps serving', async (_what, parts, want) => {
    const w = await aWorld();
    const before = storeFiles(w.s);
    const r = await post(w, await parts(w));
    expect(r.status).toBe(want.status);
    expect(r.text).toContain(want.says);
    if (want.keeps) expect(r.text).toContain(want.keeps);
    expect(w.s.receipts.ofRt(w.rtId, 2026)).toHaveLength(0);
    expect(storeFiles(w.s)).toEqual(before);
    expect(await until(() => quarantined(w.s).length === 0)).toBe(true);
    expect(await stillServing(w)).toBe(200);
  });

  it('refuses a body whose Content-Length is over 40 MB before reading it (an error page, 413)', async () => {
    const w = await aWorld();
    const r = await post(w, receiptFields(w), { contentLength: 41 * MB, holdAfter: 0, giveUpMs: 10_000 });
    expect(r.status).toBe(413);
    expect(r.text).toContain('Kiriman terlalu besar: paling banyak 40 MB sekali kirim');
    expect(await stillServing(w)).toBe(200);
  });

  it('counts the bytes as they come: a body that lies about its length is cut at the request limit', async () => {
    const w = await aWorld({ uploads: { ...loadConfig().uploads, requestBytes: 2 * MB } });
    const parts: Part[] = [...receiptFields(w), { name: 'nota', file: 'a.pdf', bytes: fakePdf(1.5 * MB) }, { name: 'daftarHadir', file: 'b.pdf', bytes: fakePdf(1.5 * MB) }];
    const r = await post(w, parts, { contentLength: MB });
    expect([413, 400, null]).toContain(r.status);
    expect(await until(() => quarantined(w.s).length === 0)).toBe(true);
    expect(await stillServing(w)).toBe(200);
  });

  it('cuts an upload that makes no progress for the stall time, and leaves nothing in the quarantine', async () => {
    const base = loadConfig().uploads;
    const w = await aWorld({ uploads: { ...base, stallMs: 400 } });
    const parts: Part[] = [...receiptFields(w), { name: 'nota', file: 'nota.pdf', bytes: aPdf('x'.repeat(300_000)) }];
    const r = await post(w, parts, { holdAfter: 200_000, giveUpMs: 20_000 });
    expect(r.status).toBeNull();
    expect(r.text).not.toBe('client gave up');
    expect(await until(() => quarantined(w.s).length === 0)).toBe(true);
    expect(await stillServing(w)).toBe(200);
  });

  it('lets one user have two uploads in flight; the third gets 429 in Indonesian, and a slot frees when one ends', async () => {
    const w = await aWorld();
    const slow = (): Part[] => [...receiptFields(w), { name: 'nota', file: 'nota.pdf', bytes: aPdf('y'.repeat(400_000)) }];
    const first = post(w, slow(), { holdAfter: 100_000, giveUpMs: 1_500 });
    const second = post(w, slow(), { holdAfter: 100_000, giveUpMs: 1_500 });
    await new Promise((r) => setTimeout(r, 300));
    const third = await post(w, receiptFields(w), { giveUpMs: 10_000 });
    expect(third.status).toBe(429);
    expect(third.text).toContain('Masih ada 2 unggahan Anda yang sedang berjalan');
    await Promise.all([first, second]); // both clients give up: their slots are released
    await new Promise((r) => setTimeout(r, 200));
    const after = await post(w, [...receiptFields(w), ...(await activity())]);
    expect(after.status).toBe(303);
    expect(await until(() => quarantined(w.s).length === 0)).toBe(true);
  });

  it.each<[string, string]>([
    ['a file part without a file name (ignored)', ''],
    ['a file part after the form was refused (wrong token first)', 'filename="nota.jpg"'],
  ])('a body that ends inside %s is answered, and the server lives on', async (_what, filename) => {
    const w = await aWorld();
    const boundary = '----danart-cut';
    const csrf = filename === '' ? w.csrf : 'wrong-token';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="nota"${filename ? `; ${filename}` : ''}\r\nContent-Type: application/octet-stream\r\n\r\n${'x'.repeat(4096)}`,
    );
    // No closing boundary: busboy ends with "Unexpected end of form" while the ignored file's stream is open.
    const errors: unknown[] = [];
    const onUncaught = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const r = await fetch(`${w.url}/rt/${w.rtId}/kuitansi`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: w.cookie, accept: 'text/html' }, body });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      await new Promise((res) => setTimeout(res, 100));
      expect(errors).toEqual([]);
      expect((await fetch(`${w.url}/healthz`)).status).toBe(200);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it.each<[string, string, number, string]>([
    ['a text field over 10 KB', `username=${'a'.repeat(11 * 1024)}&password=x`, 413, 'paling banyak 10 KB'],
    ['more than 100 fields', Array.from({ length: 150 }, (_, i) => `f${i}=1`).join('&'), 413, 'terlalu besar'],
    ['a form over 64 KB', `username=${'a'.repeat(70 * 1024)}`, 413, 'terlalu besar'],
  ])('refuses a urlencoded form with %s', async (_what, body, status, says) => {
    const w = await aWorld();
    const r = await fetch(`${w.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body });
    expect(r.status).toBe(status);
    expect(await r.text()).toContain(says);
  });
});

describe('files stay in quarantine until their receipt commits (item 2)', () => {
  it('refuses a receipt over the cash before reading its files: three 10 MB fake PDFs held back, answered early, nothing stored', async () => {
    const w = await aWorld();
    const before = storeFiles(w.s);
    const parts: Part[] = [...receiptFields(w, { amount: '9.000.000' }), ...['nota', 'daftarHadir', 'fotoKegiatan'].map((name, i) => ({ name, file: `palsu-${i}.pdf`, bytes: fakePdf(10 * MB - 1024) }))];
    const fieldBytes = receiptFields(w).reduce((a, p) => a + ('value' in p ? p.value.length + 100 : 0), 0);
    // The client sends the fields and the first 64 KB of the first file, then holds the 30 MB back.
    const r = await post(w, parts, { holdAfter: fieldBytes + 64 * 1024, giveUpMs: 20_000 });
    expect(r.status).toBe(422);
    expect(r.answeredEarly).toBe(true);
    expect(r.text).toContain('Kas tersedia');
    expect(r.text).toContain('value="Warung Bu Sri"');
    expect(storeFiles(w.s)).toEqual(before);
    expect(await until(() => quarantined(w.s).length === 0)).toBe(true);
    expect(w.s.receipts.ofRt(w.rtId, 2026)).toHaveLength(0);
  });

  it('refuses a file that fails its check after it streamed in: the quarantine is emptied, the store unchanged', async () => {
    const w = await aWorld();
    const before = storeFiles(w.s);
    const r = await post(w, [...receiptFields(w), { name: 'nota', file: 'palsu.pdf', bytes: fakePdf(3 * MB) }, ...(await activity()).slice(1)]);
    expect(r.status).toBe(422);
    expect(r.text).toContain('berkas terpotong atau rusak');
    expect(storeFiles(w.s)).toEqual(before);
    expect(await until(() => quarantined(w.s).length === 0)).toBe(true);
  });

  it('moves the files of a committed receipt into the store under their hashes, and empties the quarantine', async () => {
    const w = await aWorld();
    const files = await activity();
    const r = await post(w, [...receiptFields(w), ...files]);
    expect(r.status).toBe(303);
    const [receipt] = w.s.receipts.ofRt(w.rtId, 2026);
    for (const f of w.s.receipts.files(receipt!.id)) expect(fs.existsSync(w.s.evidence.pathOf(f.sha256))).toBe(true);
    expect(await until(() => quarantined(w.s).length === 0)).toBe(true);
  });

  it('a refusal inside the transaction (after the files moved in) removes the files it brought, at once', async () => {
    const w = await aWorld();
    const before = storeFiles(w.s);
    const files = await activity();
    // The same nota twice in one receipt is found only with the files' hashes.
    const r = await post(w, [...receiptFields(w), files[0]!, { ...files[0]!, file: 'lagi.jpg' } as Part, ...files.slice(1)]);
    expect(r.status).toBe(422);
    expect(storeFiles(w.s)).toEqual(before);
  });
});

describe('the yearly storage quota of an RT (item 2)', () => {
  it.each<[string, (used: number) => number, 'before files' | 'after files']>([
    ['already used up: refused before any file is read', (used) => used, 'before files'],
    ['not enough room for this upload: refused once its size is known', (used) => used + 100 * 1024, 'after files'],
  ])('%s, naming what is used and the limit', async (_what, limitOf, when) => {
    const probe = await aWorld();
    const used = probe.s.evidenceFiles.bytesUsedBy(probe.rtId, 2026);
    await probe.close();
    world = undefined;
    const w = await aWorld({ evidenceQuotaBytes: limitOf(used) });
    expect(w.s.evidenceFiles.bytesUsedBy(w.rtId, 2026)).toBe(used);
    const before = storeFiles(w.s);
    const big = aPdf('z'.repeat(300 * 1024));
    const r = await post(w, [...receiptFields(w), { name: 'nota', file: 'nota.pdf', bytes: big }, ...(await activity()).slice(1)], when === 'before files' ? { holdAfter: 80_000, giveUpMs: 20_000 } : {});
    expect(r.status).toBe(413);
    expect(r.text).toContain('Kuota penyimpanan bukti RT ini untuk tahun 2026 penuh: terpakai');
    expect(r.text).toMatch(/terpakai [\d,]+ MB dari [\d,]+ MB/);
    if (when === 'before files') expect(r.answeredEarly).toBe(true);
    expect(storeFiles(w.s)).toEqual(before);
    expect(await until(() => quarantined(w.s).length === 0)).toBe(true);
  });
});

describe('PDFs are parsed, not only sniffed (item 2)', () => {
  it.each<[string, () => Buffer | Promise<Buffer>, number, string | null]>([
    ['a real one-page PDF (pdfkit, as the seed makes)', () => onePagePdf('NOTA', [`Warung Bu Sri ${randomBytes(4).toString('hex')}`]), 303, null],
    ['a small hand-made one-page PDF', () => aPdf(randomBytes(4).toString('hex')), 303, null],
    ['%PDF + random bytes + %%EOF', () => fakePdf(200_000), 422, 'berkas terpotong atau rusak'],
    ['a PDF of no page', () => aPdf('kosong', 0), 422, 'berkas terpotong atau rusak'],
    ['a PDF of 201 pages', () => aPdf('tebal', 201), 413, 'PDF 201 halaman; paling banyak 200 halaman'],
    ['a PDF cut off before its trailer', () => aPdf('potong').subarray(0, 120), 422, 'berkas terpotong atau rusak'],
  ])('%s as the nota', async (_what, bytes, status, says) => {
    const w = await aWorld();
    const r = await post(w, [...receiptFields(w), { name: 'nota', file: 'nota.pdf', bytes: await bytes() }, ...(await activity()).slice(1)]);
    expect(r.status).toBe(status);
    if (says) expect(r.text).toContain(says);
    expect(w.s.receipts.ofRt(w.rtId, 2026)).toHaveLength(status === 303 ? 1 : 0);
  });
});

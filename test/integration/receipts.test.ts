/** Receipts and SPJ through real multipart uploads: every bad input refused clearly, duplicates, scope, the SPJ gate. */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { requestTranche } from '../../src/app/request-tranche';
import { evidenceImage } from '../../src/app/seed-documents';
import type { Services } from '../helpers/db';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import { appOf, seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
let n = 0;
const img = (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir' | 'foto_barang' = 'nota') => evidenceImage(kind, [`uji ${++n}`, randomBytes(4).toString('hex')], 500 + n);

type Files = Array<[string, Buffer, string]>;
function postReceipt(agent: Agent, csrf: string, rtId: number, fields: Record<string, string>, files: Files, key = randomBytes(12).toString('base64url')) {
  const req = agent.post(`/rt/${rtId}/kuitansi`).field('_csrf', csrf).field('year', '2026').field('requestKey', key);
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  for (const [f, b, name] of files) req.attach(f, b, name);
  return req;
}

const base = { date: '2026-10-20', category: 'SOS', description: 'Konsumsi rapat warga', vendor: 'Warung Bu Sri', notaNumber: 'WS-1012', amount: '250.000' };

let s: Services;
let ketua: { agent: Agent; csrf: string };
let bendahara: { agent: Agent; csrf: string };
let rtId: number;
let activity: () => Promise<Files>;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2026-10-20T03:00:00Z');
  // Sessions outlive the clock jumps of these tests.
  const app = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => clock);
  s = app.s;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  const { actor: chair } = await aUser(s, { username: 'ketua.uji', role: 'ketua_rt', rtId });
  const b = toActor(s.users.findByUsername('bendahara.pleburan')!);
  const plan = await aSubmittedPlan(s, chair);
  approvePlanFully(s, b, plan.id);
  approveAndPay(s, b, requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat', amount: 2_000_000 }], requestKey: 'receipts-test-0001' }).id);
  ketua = await signedIn(app.app, 'ketua.uji');
  bendahara = await signedIn(app.app, 'bendahara.pleburan');
  activity = async () => [['nota', await img('nota'), 'nota.jpg'], ['fotoKegiatan', await img('foto_kegiatan'), 'kegiatan.jpg'], ['daftarHadir', await img('daftar_hadir'), 'hadir.jpg']];
});

describe('recording spending', () => {
  it('records a receipt with photos, reserves the cash, and posts it once verified', async () => {
    const r = await postReceipt(ketua.agent, ketua.csrf, rtId, base, await activity());
    expect(r.status, /alert-error" role="alert">([\s\S]*?)<\/div>/.exec(r.text)?.[1]).toBe(303);
    const [receipt] = s.receipts.ofRt(rtId, 2026);
    expect(receipt).toMatchObject({ status: 'pending', amount: 250_000 });
    expect(s.receipts.files(receipt!.id)).toHaveLength(3);
    expect(s.receipts.heldBack(rtId, 2026).pending).toBe(250_000);
    const page = await ketua.agent.get(`/rt/${rtId}/kuitansi`);
    expect(page.text).toContain('Menunggu verifikasi');
    expect(page.text).toContain('Rp1.750.000'); // available = 2.000.000 − 250.000
    const before = s.ledger.head()!.id;
    expect((await bendahara.agent.post(`/kuitansi/${receipt!.id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    expect(s.ledger.head()!.id).toBe(before + 1);
    expect(s.balances.ofRt(2026, rtId)).toMatchObject({ cash: 1_750_000, spent: 250_000 });
    expect(s.balances.spentByCategory(2026, rtId).get('SOS')).toBe(250_000);
    expect(verifyLedger(s).ok).toBe(true);
  });

  it.each<[string, Record<string, string>, string]>([
    ['an amount with sen', { amount: '1.000,50' }, 'tanpa sen'],
    ['a negative amount', { amount: '-5000' }, 'tidak boleh negatif'],
    ['an absurd amount', { amount: '99999999999999999' }, 'terlalu besar'],
    ['a date in the future', { date: '2026-10-25' }, 'masa depan'],
    ['a date outside the programme year', { date: '2025-12-20' }, 'di dalam tahun program'],
    ['a category that does not exist', { category: 'ZZZ' }, 'Kategori tidak dikenal'],
    ['a forbidden use', { description: 'Bensin motor ketua RT' }, 'dilarang'],
    ['more than the cash', { amount: '2.500.000' }, 'melebihi kas RT'],
  ])('refuses %s with 422, keeps the input, saves nothing', async (_n, override, message) => {
    const r = await postReceipt(ketua.agent, ketua.csrf, rtId, { ...base, ...override }, await activity());
    expect(r.status).toBe(422);
    expect(r.text).toContain(message);
    expect(r.text).toContain('value="Warung Bu Sri"');
    expect(s.receipts.ofRt(rtId, 2026)).toHaveLength(0);
  });

  /** The evidence of an activity with its nota replaced by `bytes`. */
  const notaOf = async (bytes: Buffer, name: string): Promise<Files> => [['nota', bytes, name], ...(await activity()).slice(1)];
  it.each<[string, () => Promise<Files>, string, number]>([
    ['evidence missing for the category (no attendance list)', async () => [['nota', await img(), 'nota.jpg'], ['fotoKegiatan', await img('foto_kegiatan'), 'k.jpg']], 'Bukti belum lengkap untuk Kegiatan sosial kemasyarakatan: Daftar hadir.', 422],
    ['twenty files at once', async () => Promise.all(Array.from({ length: 20 }, async (_, i): Promise<Files[number]> => ['fotoKegiatan', await img('foto_kegiatan'), `f${i}.jpg`])), 'Terlalu banyak berkas', 422],
    ['an empty (0-byte) file', () => notaOf(Buffer.alloc(0), 'nota.jpg'), 'berkas kosong', 422],
    ['an executable renamed .jpg', () => notaOf(Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(2000)]), 'nota.jpg'), 'jenis berkas tidak diterima', 422],
    ['an SVG with script', () => notaOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'nota.svg'), 'jenis berkas tidak diterima', 422],
    ['an HTML file', () => notaOf(Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'nota.jpg'), 'jenis berkas tidak diterima', 422],
    ['a truncated JPEG', async () => { const j = await img(); return notaOf(j.subarray(0, Math.floor(j.length / 2)), 'nota.jpg'); }, 'rusak', 422],
    ['a file over the limit', async () => notaOf(Buffer.concat([await img(), randomBytes(11 * 1024 * 1024)]), 'besar.jpg'), 'terlalu besar', 413],
  ])('refuses %s clearly, keeps what was typed, stores nothing', async (_n, files, message, status) => {
    const stored = s.evidenceFiles.all().length;
    const r = await postReceipt(ketua.agent, ketua.csrf, rtId, base, await files());
    expect(r.status).toBe(status);
    expect(r.text).toContain(message);
    expect(r.text).toContain('value="Konsumsi rapat warga"');
    expect(s.receipts.ofRt(rtId, 2026)).toHaveLength(0);
    expect(s.evidenceFiles.all().length).toBe(stored);
  });

  it('a second click on submit posts once', async () => {
    const files = await activity();
    const key = randomBytes(12).toString('base64url');
    const [a, b] = await Promise.all([postReceipt(ketua.agent, ketua.csrf, rtId, base, files, key), postReceipt(ketua.agent, ketua.csrf, rtId, base, files, key)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(s.receipts.ofRt(rtId, 2026)).toHaveLength(1);
  });

  it('a receipt for another RT’s id is 404, and nothing is stored', async () => {
    const other = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
    const filesBefore = s.evidenceFiles.all().length;
    const r = await postReceipt(ketua.agent, ketua.csrf, other, base, await activity());
    expect(r.status).toBe(404);
    expect(s.receipts.ofRt(other, 2026).length).toBe(4);
    expect(s.evidenceFiles.all().length).toBe(filesBefore);
  });
});

describe('duplicates and scope', () => {
  it('refuses a file already used by another RT, tells the chair only that, and shows the bendahara which receipt', async () => {
    const demoRt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
    const used = s.receipts.files(s.receipts.ofRt(demoRt, 2026)[0]!.id)[0]!;
    const bytes = await import('node:fs').then((fs) => fs.readFileSync(s.evidence.pathOf(used.sha256)));
    const files = await activity();
    files[0] = ['nota', bytes, 'nota-saya.jpg'];
    const r = await postReceipt(ketua.agent, ketua.csrf, rtId, base, files);
    expect(r.status).toBe(422);
    expect(r.text).toContain('sudah pernah dipakai untuk kuitansi lain');
    expect(r.text).not.toContain('RT 001 / RW 001');
    const review = await bendahara.agent.get('/verifikasi');
    expect(review.text).toContain('Percobaan bukti ganda yang ditolak');
    expect(review.text).toContain('nota-saya.jpg');
    expect(review.text).toContain('RT 001 / RW 001 Kel. Pleburan');
  });

  it('another RT’s chair cannot fetch a receipt file by its hash', async () => {
    expect((await postReceipt(ketua.agent, ketua.csrf, rtId, base, await activity())).status).toBe(303);
    const sha = s.receipts.files(s.receipts.ofRt(rtId, 2026)[0]!.id)[0]!.sha256;
    expect((await ketua.agent.get(`/berkas/${sha}`)).status).toBe(200);
    expect((await bendahara.agent.get(`/berkas/${sha}`)).status).toBe(200);
    const other = await signedIn(appOf(s).app, 'ketua.pleburan');
    expect((await other.agent.get(`/berkas/${sha}`)).status).toBe(404);
  });
});

describe('SPJ and the next tranche', () => {
  it('an unverified SPJ blocks the next tranche; a verified one unlocks it; the ledger verifies after each step', async () => {
    expect((await postReceipt(ketua.agent, ketua.csrf, rtId, base, await activity())).status).toBe(303);
    const receiptId = s.receipts.ofRt(rtId, 2026)[0]!.id;
    const chair = toActor(s.users.findByUsername('ketua.uji')!);
    const nov = () => requestTranche(s, chair, { rtId, year: 2026, month: '2026-11', lines: [{ category: 'SOS', description: 'Rapat', amount: 500_000 }], requestKey: randomBytes(12).toString('base64url') });
    // October's SPJ is due once October is over.
    const early = await ketua.agent.post(`/rt/${rtId}/spj`).type('form').send({ _csrf: ketua.csrf, year: '2026', month: '2026-10' });
    expect(early.status).toBe(422);
    expect(early.text).toContain('sesudah bulannya selesai');
    clock = new Date('2026-11-03T03:00:00Z');
    expect(() => nov()).toThrow(/SPJ Oktober 2026 belum diverifikasi/);

    // Not while a receipt of the month waits for a decision: the page says which one.
    const open = await ketua.agent.post(`/rt/${rtId}/spj`).type('form').send({ _csrf: ketua.csrf, year: '2026', month: '2026-10' });
    expect(open.status).toBe(422);
    expect(open.text).toContain('1 kuitansi menunggu verifikasi kelurahan');
    expect(s.receipts.spj(rtId, 2026, '2026-10')).toBeUndefined();
    expect((await bendahara.agent.post(`/kuitansi/${receiptId}/verifikasi`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    expect(verifyLedger(s).ok).toBe(true);
    const submit = await ketua.agent.post(`/rt/${rtId}/spj`).type('form').send({ _csrf: ketua.csrf, year: '2026', month: '2026-10' });
    expect(submit.status).toBe(303);
    const spj = s.receipts.spj(rtId, 2026, '2026-10')!;
    expect((await bendahara.agent.post(`/spj/${spj.id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    expect(s.receipts.spj(rtId, 2026, '2026-10')).toMatchObject({ status: 'verified', openingCash: 0, received: 2_000_000, spent: 250_000, closingCash: 1_750_000 });
    expect(nov()).toMatchObject({ status: 'pending', amount: 500_000 });
    expect(verifyLedger(s).ok).toBe(true);
  });

  it('a returned receipt names what is missing; completed, it goes back to the bendahara', async () => {
    expect((await postReceipt(ketua.agent, ketua.csrf, rtId, base, await activity())).status).toBe(303);
    const id = s.receipts.ofRt(rtId, 2026)[0]!.id;
    expect((await bendahara.agent.post(`/kuitansi/${id}/kembalikan`).type('form').send({ _csrf: bendahara.csrf, note: 'Daftar hadir tanpa tanda tangan.' })).status).toBe(303);
    expect(s.receipts.heldBack(rtId, 2026).pending).toBe(0);
    const page = await ketua.agent.get(`/rt/${rtId}/kuitansi`);
    expect(page.text).toContain('Daftar hadir tanpa tanda tangan.');
    const resend = await ketua.agent.post(`/kuitansi/${id}/kirim-ulang`).field('_csrf', ketua.csrf).attach('daftarHadir', await img('daftar_hadir'), 'hadir-ttd.jpg');
    expect(resend.status).toBe(303);
    expect(s.receipts.find(id)).toMatchObject({ status: 'pending' });
    expect(s.receipts.files(id)).toHaveLength(4);
  });
});

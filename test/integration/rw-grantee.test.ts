/**
 * RWs as grantees (Perwal 32/2025: Rp3.000.000 per RW a year): the demo RW 001 Pleburan runs the
 * same plan → tranche → bank → receipt → SPJ flow as an RT, through HTTP, on its own accounts
 * (aset:rw:…), within its own allocation; abuse first, each refused with its Indonesian message.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { addRwGrantee } from '../../src/app/edit-rt';
import { allocateYear } from '../../src/app/allocate-year';
import { evidenceImage } from '../../src/app/seed-documents';
import { verifyLedger } from '../../src/app/verify-ledger';
import { SYSTEM, finishChain } from '../builders';
import type { Services } from '../helpers/db';
import { codeOf } from '../helpers/errors';
import { csrfFrom, seededApp, signedIn, type Agent } from '../helpers/http';
import { perRt } from '../../src/reports/audit-bundle';

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';
let n = 0;
const img = (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir' | 'foto_barang') => evidenceImage(kind, [`rw ${++n}`, randomBytes(4).toString('hex')], 700 + n);

let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
let rwId: number;
let chair: { agent: Agent; csrf: string };
let bendahara: { agent: Agent; csrf: string };
let clock: Date;

beforeEach(async () => {
  clock = new Date('2026-11-28T03:00:00Z');
  const seeded = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => clock);
  s = seeded.s;
  app = seeded.app;
  rwId = s.registry.findRtByNumbers(PLEBURAN, 1, 0)!.id;
  chair = await signedIn(app, 'ketua.rw01.pleburan');
  bendahara = await signedIn(app, 'bendahara.pleburan');
});

function postReceipt(fields: Record<string, string>, files: Array<[string, Buffer, string]>) {
  const req = chair.agent.post(`/rt/${rwId}/kuitansi`).field('_csrf', chair.csrf).field('year', '2026').field('requestKey', randomBytes(12).toString('base64url'));
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  for (const [f, b, name] of files) req.attach(f, b, name);
  return req;
}
const tranche = (month: string, amount: string) =>
  chair.agent.post(`/rt/${rwId}/pencairan`).type('form').send(`_csrf=${chair.csrf}&year=2026&requestKey=${randomBytes(12).toString('base64url')}&month=${month}&lineCategory=SOS&lineDescription=Rapat+koordinasi&lineAmount=${amount}`);

describe('the RW grantee is its own grantee', () => {
  it('is registered as RW 001 with Rp3.000.000 on its own accounts, apart from the RTs and in the kelurahan total', async () => {
    const rw = s.registry.findRt(rwId)!;
    expect(rw).toMatchObject({ kind: 'rw', number: 0, rwNumber: 1, chairName: 'Haryanto Wibisono' });
    expect(s.balances.ofRt(2026, rwId).allocated).toBe(3_000_000);
    const names = (s.db.sqlite.prepare('SELECT name FROM accounts WHERE rt_id = ? ORDER BY name').all(rwId) as Array<{ name: string }>).map((a) => a.name);
    expect(names).toContain('aset:rw:3374050005:rw01:alokasi');
    expect(names).toContain('beban:rw:3374050005:rw01:sos');
    expect(names.every((x) => x.includes(':rw:3374050005:rw01'))).toBe(true);
    const home = await chair.agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('RW 001');
    expect(home.text).not.toContain('RT 000');
    expect(home.text).toContain('Rp3.000.000');
    // Named as the RW's chair in the header (the role is the RT chair's).
    expect(home.text).toContain('<span class="who-role">Ketua RW</span>');
    const kel = await bendahara.agent.get(`/wilayah/kelurahan/${PLEBURAN}`);
    expect(kel.text).toContain('Hibah RW');
    expect(kel.text).toContain('Jumlah semua program'); // the demo's PKK RT 001 is among the grantees (pkk-programme.test.ts)
    expect(kel.text).toContain('1 RW penerima hibah');
    // The kecamatan's and the city's pages show RT and RW grants apart and together too.
    const auditor = await signedIn(app, 'auditor');
    for (const path of ['/', '/wilayah/kecamatan/3374050']) {
      const page = await auditor.agent.get(path);
      expect(page.status, path).toBe(200);
      const table = /<table class="table" id="per-kind">[\s\S]*?<\/table>/.exec(page.text)?.[0] ?? '';
      expect(table, path).toMatch(/<td>Hibah RW<\/td><td class="num">Rp3\.000\.000<\/td>/);
      expect(table, path).toContain('Jumlah semua program');
    }
    // A kecamatan without RW grants shows no such table.
    const mijen = await auditor.agent.get('/wilayah/kecamatan/3374010');
    expect(mijen.status).toBe(200);
    expect(mijen.text).not.toContain('id="per-kind"');
    // The bundle's per-grantee summary lists the RW under its own key.
    const balances = s.db.sqlite.prepare(`SELECT a.name, SUM(p.amount) AS balance FROM postings p JOIN accounts a ON a.id = p.account_id WHERE a.year = 2026 GROUP BY a.name`).all() as Array<{ name: string; balance: number }>;
    expect(perRt(balances).find(([k]) => k === 'rw 3374050005 rw01')).toEqual(['rw 3374050005 rw01', 3_000_000, expect.any(Number), 0, expect.any(Number), expect.any(Number), 0, 0]);
    // Allocating again posts nothing new for it (idempotent), and a second RW 001 grantee is refused.
    expect(allocateYear(s, SYSTEM, { year: 2026, kelurahanCode: PLEBURAN }).posted).toBe(0);
    expect(codeOf(() => addRwGrantee(s, SYSTEM, { kelurahanCode: PLEBURAN, rwNumber: 1, chairName: 'Orang Lain', bankAccount: '2099999999' }))).toBe('rw_grantee_exists');
    expect(codeOf(() => addRwGrantee(s, SYSTEM, { kelurahanCode: PLEBURAN, rwNumber: 2, chairName: 'Orang Lain', bankAccount: rw.bankAccount }))).toBe('bank_account_shared');
  });
});

describe('abuse of the RW grant, through HTTP', () => {
  it.each<[string, () => Promise<{ status: number; text: string }>, number, string]>([
    ['the RW chair opens an RT of its RW', async () => chair.agent.get(`/rt/${s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id}`), 404, ''],
    ['an RT chair opens the RW grantee', async () => (await signedIn(app, 'ketua.pleburan')).agent.get(`/rt/${rwId}`), 404, ''],
    [
      'another kelurahan’s treasurer opens the RW grantee',
      async () => {
        const { aUser } = await import('../builders');
        await aUser(s, { username: 'bendahara.wonodri', role: 'bendahara', kelurahanCode: WONODRI });
        return (await signedIn(app, 'bendahara.wonodri')).agent.get(`/rt/${rwId}`);
      },
      404,
      '',
    ],
    ['the RW chair requests more than its undrawn allocation (an RT’s amount)', () => tranche('2026-11', '2.500.000'), 422, 'Rp2.250.000'],
    ['the RW chair records spending beyond its cash', async () => postReceipt({ date: '2026-11-27', category: 'ADM', description: 'Kertas', vendor: 'Toko', notaNumber: 'X-1', amount: '60.000' }, [['nota', await img('nota'), 'n.jpg']]), 422, 'Kas tersedia'],
    [
      'the RW chair draws administration beyond 2,5 % of its own allocation (Rp75.000, not an RT’s Rp625.000)',
      () => chair.agent.post(`/rt/${rwId}/pencairan`).type('form').send(`_csrf=${chair.csrf}&year=2026&requestKey=${randomBytes(12).toString('base64url')}&month=2026-11&lineCategory=ADM&lineDescription=ATK&lineAmount=80.000`),
      422,
      'Rp75.000',
    ],
  ])('%s', async (_name, attempt, status, text) => {
    const before = s.ledger.countInScope(2026, null);
    const r = await attempt();
    expect(r.status).toBe(status);
    if (text) expect(r.text).toContain(text);
    if (status !== 303) expect(s.ledger.countInScope(2026, null)).toBe(before);
  });
});

describe('the RW flow end to end through HTTP', () => {
  it('SPJ, tranche, bank, receipt, verification: the RW’s own ledger balances and verify says OK', async () => {
    // The seed left one November receipt waiting: the treasurer verifies it.
    const waiting = s.receipts.ofRt(rwId, 2026).find((r) => r.status === 'pending')!;
    expect((await bendahara.agent.post(`/kuitansi/${waiting.id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    // October had nothing (reported "nihil") before November's tranche.
    expect((await chair.agent.post(`/rt/${rwId}/spj`).type('form').send({ _csrf: chair.csrf, year: '2026', month: '2026-10' })).status).toBe(303);
    const oct = s.receipts.spjOfRt(rwId, 2026).find((x) => x.month === '2026-10')!;
    expect((await bendahara.agent.post(`/spj/${oct.id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    const asked = await tranche('2026-11', '300.000');
    expect(asked.status, /alert-error" role="alert">([\s\S]*?)<\/div>/.exec(asked.text)?.[1]).toBe(303);
    const t = s.tranches.ofRt(rwId, 2026).find((x) => x.status === 'pending')!;
    expect((await bendahara.agent.post(`/pencairan/${t.id}/setujui`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    // The treasurer's verification is the chain's first step; the lurah's (and the camat's) follow.
    finishChain(s, 'tranche', t.id);
    const bpkad = await signedIn(app, 'bpkad');
    const bankPage = await bpkad.agent.get(`/kelurahan/${PLEBURAN}/bank`);
    expect(bankPage.text).toContain(s.registry.findRt(rwId)!.bankAccount);
    const made = await bpkad.agent.post(`/kelurahan/${PLEBURAN}/bank`).type('form').send({ _csrf: bpkad.csrf });
    expect(made.status).toBe(303);
    const batchId = Number(made.headers.location!.split('/').pop());
    const csv = await bpkad.agent.get(`/bank/batch/${batchId}/csv`);
    expect(csv.text).toContain(`${s.registry.findRt(rwId)!.bankAccount},RW 001 Kel. Pleburan,300000,`);
    const page = await bpkad.agent.get(`/bank/batch/${batchId}`);
    expect((await bpkad.agent.post(`/bank/batch/${batchId}/dibayar`).type('form').send({ _csrf: csrfFrom(page.text), bankReference: 'BJTG-RW-1', paidOn: '2026-11-28' })).status).toBe(303);
    expect(s.tranches.find(t.id)!.status).toBe('paid');

    const r = await postReceipt({ date: '2026-11-28', category: 'SOS', description: 'Konsumsi rapat koordinasi November', vendor: 'Warung Bu Sri', notaNumber: 'WS-1128', amount: '250.000' }, [
      ['nota', await img('nota'), 'nota.jpg'],
      ['fotoKegiatan', await img('foto_kegiatan'), 'kegiatan.jpg'],
      ['daftarHadir', await img('daftar_hadir'), 'hadir.jpg'],
    ]);
    expect(r.status, /alert-error" role="alert">([\s\S]*?)<\/div>/.exec(r.text)?.[1]).toBe(303);
    const rec = s.receipts.ofRt(rwId, 2026).find((x) => x.notaNumber === 'WS-1128')!;
    expect((await bendahara.agent.post(`/kuitansi/${rec.id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);

    const money = s.balances.ofRt(2026, rwId);
    expect(money).toMatchObject({ allocated: 3_000_000, spent: 700_000 + 40_000 + 250_000, transit: 0 });
    expect(money.undrawn + money.transit + money.cash + money.spent).toBe(3_000_000);
    const book = await chair.agent.get(`/rt/${rwId}/bku?tahun=2026`);
    expect(book.status).toBe(200);
    expect(book.text).toContain('RW 001');
    const report = verifyLedger(s, [], { evidence: true });
    expect(report.problems).toEqual([]);
  });
});

describe('the admin registers an RW grantee through HTTP', () => {
  it.each<[string, Record<string, string>, number, string]>([
    ['a bank account of 9 digits', { rwNumber: '2', chairName: 'Sutrisno', bankAccount: '209876543' }, 422, 'Nomor rekening harus tepat 10 angka.'],
    ['an RW number of 0', { rwNumber: '0', chairName: 'Sutrisno', bankAccount: '2098765432' }, 422, 'Nomor RW harus angka 1–999.'],
    ['no chair', { rwNumber: '2', chairName: ' ', bankAccount: '2098765432' }, 422, 'Nama ketua RW wajib diisi.'],
    ['RW 001 again (already a grantee)', { rwNumber: '1', chairName: 'Sutrisno', bankAccount: '2098765432' }, 409, 'RW 001 sudah terdaftar sebagai penerima.'],
    ['the bank account of an RT', { rwNumber: '2', chairName: 'Sutrisno', bankAccount: '' }, 422, 'Sudah dipakai RT/RW lain'],
  ])('refuses %s, keeps the input, registers nothing', async (_name, body, status, text) => {
    const admin = await signedIn(app, 'admin');
    const form = { ...body, bankAccount: body.bankAccount || s.registry.findRtByNumbers(PLEBURAN, 2, 1)!.bankAccount };
    const before = s.registry.rtsOfKelurahan(PLEBURAN).length;
    const r = await admin.agent.post(`/wilayah/kelurahan/${PLEBURAN}/rw-baru`).type('form').send({ _csrf: admin.csrf, ...form });
    expect(r.status).toBe(status);
    expect(r.text).toContain(text);
    expect(r.text).toContain(`value="${form.bankAccount}"`);
    expect(s.registry.rtsOfKelurahan(PLEBURAN).length).toBe(before);
  });

  it('registers RW 002 with its chair and account, audited; the next allocation gives it Rp3.000.000', async () => {
    const admin = await signedIn(app, 'admin');
    const r = await admin.agent.post(`/wilayah/kelurahan/${PLEBURAN}/rw-baru`).type('form').send({ _csrf: admin.csrf, rwNumber: '2', chairName: 'Sutrisno', bankAccount: '20 9876 5432' });
    expect(r.status).toBe(303);
    const rw2 = s.registry.findRtByNumbers(PLEBURAN, 2, 0)!;
    expect(r.headers.location).toBe(`/rt/${rw2.id}`);
    expect(rw2).toMatchObject({ kind: 'rw', chairName: 'Sutrisno', bankAccount: '2098765432' });
    expect(JSON.parse(s.audit.list({ action: 'registry.rt.create', page: 1, pageSize: 1 }).rows[0]!.summary).after).toMatchObject({ kind: 'rw', rw: 2, bankAccount: '2098765432' });
    expect(allocateYear(s, SYSTEM, { year: 2026, kelurahanCode: PLEBURAN })).toMatchObject({ posted: 1, totalRupiah: 3_000_000 });
    expect(s.balances.ofRt(2026, rw2.id).allocated).toBe(3_000_000);
    expect((await admin.agent.get(`/rt/${rw2.id}`)).text).toContain('RW 002');
    expect(verifyLedger(s, [], { evidence: false }).problems).toEqual([]);
  });
});

/** The text of a PDF (pdftotext -layout). */
function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rw-pdf-')), 'x.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('the RW chair is named as the RW’s chair (issue 18, gap 3)', () => {
  it('her home, profile and approval queue say "Ketua RW", never "Ketua RT"; her cash book PDF is signed "Ketua RW 001"', async () => {
    const home = await chair.agent.get('/');
    expect(home.text).toContain('<title>Beranda RW');
    expect(home.text).toContain('<dt>Ketua RW</dt>');
    expect(home.text).toContain('<dt>Bendahara RW</dt>');
    expect(home.text).not.toMatch(/Ketua RT|Beranda RT|Bendahara RT/);
    const profile = await chair.agent.get(`/rt/${rwId}/profil`);
    expect(profile.status).toBe(200);
    expect(profile.text).toContain('<th scope="row">Ketua RW</th>');
    expect(profile.text).not.toContain('Ketua RT');
    const pdf = await chair.agent.get(`/rt/${rwId}/bku/pdf?tahun=2026`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Ketua RW 001');
    expect(text).toContain('BUKU KAS UMUM (BKU) DANA OPERASIONAL RW');
    expect(text).toMatch(/Nomor: \d{3}\/BKU\/RW001\/PLB\//);
    expect(text).not.toMatch(/Ketua RT|RT000/);
    // The treasurer's review of the RW's waiting receipt offers to return it to the RW's chair.
    const review = await bendahara.agent.get(`/verifikasi?rt=${rwId}`);
    expect(review.status).toBe(200);
    expect(review.text).toContain('Kembalikan ke ketua RW');
    expect(review.text).not.toContain('Kembalikan ke ketua RT');
    // An RT's home still says RT.
    const rtChair = await signedIn(app, 'ketua.pleburan');
    expect((await rtChair.agent.get('/')).text).toContain('<dt>Ketua RT</dt>');
  });
});

describe('the admin creates an RW officer account from the new-user form (issue 18, gap 3)', () => {
  const create = async (body: Record<string, string>) => {
    const admin = await signedIn(app, 'admin');
    return admin.agent.post('/admin/pengguna/baru').type('form').send({ _csrf: admin.csrf, displayName: 'Siti Rahayu', password: 'sandi-awal-rw-01', kelurahanCode: PLEBURAN, ...body });
  };

  it.each<[string, Record<string, string>, number, string]>([
    ['an RW that is not a grantee (RW 002, no RT number)', { username: 'sekretaris.rw02', role: 'sekretaris_rt', rwNumber: '2', rtNumber: '' }, 422, 'RW ini bukan penerima dana RW di kelurahan ini'],
    ['an RT number of 0', { username: 'sekretaris.rw01.nol', role: 'sekretaris_rt', rwNumber: '1', rtNumber: '0' }, 422, 'atau kosong untuk pengurus RW'],
    ['no RW number', { username: 'sekretaris.rw01.tanpa', role: 'sekretaris_rt', rwNumber: '', rtNumber: '' }, 422, 'Nomor RW harus angka 1–999.'],
  ])('refuses %s, keeps the input, creates nothing', async (_what, body, status, text) => {
    const before = s.users.list().length;
    const r = await create(body);
    expect(r.status).toBe(status);
    expect(r.text).toContain(text);
    expect(r.text).toContain(`value="${body.username}"`);
    expect(s.users.list().length).toBe(before);
  });

  it('RW 001 with the RT number left empty: the account belongs to the RW grantee, listed as "Sekretaris RW", audited', async () => {
    const r = await create({ username: 'sekretaris.rw01.pleburan', role: 'sekretaris_rt', rwNumber: '1', rtNumber: '' });
    expect(r.status).toBe(303);
    const u = s.users.findByUsername('sekretaris.rw01.pleburan')!;
    expect(u).toMatchObject({ role: 'sekretaris_rt', rtId: rwId, kelurahanCode: PLEBURAN });
    expect(s.audit.list({ action: 'user.create', page: 1, pageSize: 1 }).rows[0]!.targetId).toBe(String(u.id));
    const admin = await signedIn(app, 'admin');
    const list = await admin.agent.get('/admin/pengguna?q=sekretaris.rw01');
    expect(list.text).toContain('Sekretaris RW');
  });
});

/**
 * A second programme configured without code: the PKK RT/RW aid (Perwal 47/2025) as a section of
 * the 2026 settings. The demo's PKK RT 001 / RW 001 Pleburan (seeded: dossier, plan through the
 * chain, a paid tranche) runs its receipts and SPJ through HTTP, judged by the PKK categories and
 * caps; abuse first (an OPS-only category, a PKK cap, the other grantee's pages, the public page,
 * a non-admin registering); then verify, the bundle and verify-bundle accept the PKK accounts.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { allocateYear } from '../../src/app/allocate-year';
import { changeYearSettings } from '../../src/app/create-programme-year';
import { addGrantee, editRt } from '../../src/app/edit-rt';
import { evidenceImage } from '../../src/app/seed-documents';
import { verifyBundleFiles } from '../../src/app/verify-bundle';
import { verifyLedger } from '../../src/app/verify-ledger';
import { SYSTEM } from '../builders';
import { exportedBundle } from '../helpers/bundle';
import { tempDbPath, type Services } from '../helpers/db';
import { codeOf } from '../helpers/errors';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
let n = 0;
const img = (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir' | 'foto_barang') => evidenceImage(kind, [`pkk ${++n}`, randomBytes(4).toString('hex')], 900 + n);

let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
let pkkId: number;
let rtId: number;
let chair: { agent: Agent; csrf: string };
let bendahara: { agent: Agent; csrf: string };
let clock: Date;

beforeEach(async () => {
  clock = new Date('2026-11-28T03:00:00Z');
  const seeded = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => clock);
  s = seeded.s;
  app = seeded.app;
  pkkId = s.registry.findRtByNumbers(PLEBURAN, 1, 1, 'PKK')!.id;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
  chair = await signedIn(app, 'ketua.pkk.rt001.pleburan');
  bendahara = await signedIn(app, 'bendahara.pleburan');
});

function postReceipt(fields: Record<string, string | string[]>, files: Array<[string, Buffer, string]>) {
  const req = chair.agent.post(`/rt/${pkkId}/kuitansi`).field('_csrf', chair.csrf).field('year', '2026').field('requestKey', randomBytes(12).toString('base64url'));
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) req.field(k, x);
  for (const [f, b, name] of files) req.attach(f, b, name);
  return req;
}
const activityFiles = async (): Promise<Array<[string, Buffer, string]>> => [
  ['nota', await img('nota'), 'nota.jpg'],
  ['fotoKegiatan', await img('foto_kegiatan'), 'kegiatan.jpg'],
  ['daftarHadir', await img('daftar_hadir'), 'hadir.jpg'],
];
const errorOf = (html: string) => /alert-error" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1];

describe('the PKK grantee is its own grantee of its own programme', () => {
  it('sits at RT 001 / RW 001 beside RT 001, with Rp10.000.000 on accounts that carry pkk', async () => {
    const g = s.registry.findRt(pkkId)!;
    expect(g).toMatchObject({ programme: 'PKK', kind: 'rt', number: 1, rwNumber: 1 });
    expect(pkkId).not.toBe(rtId);
    expect(s.balances.ofRt(2026, pkkId).allocated).toBe(10_000_000);
    expect(s.balances.ofRt(2026, rtId).allocated).toBe(25_000_000);
    const names = (s.db.sqlite.prepare('SELECT name FROM accounts WHERE rt_id = ? ORDER BY name').all(pkkId) as Array<{ name: string }>).map((a) => a.name);
    expect(names).toContain('aset:pkk:rt:3374050005:rw01:rt001:alokasi');
    expect(names).toContain('beban:pkk:rt:3374050005:rw01:rt001:keg');
    expect(names.every((x) => x.includes(':pkk:'))).toBe(true);
    // RT 001's own accounts never changed name.
    const own = (s.db.sqlite.prepare('SELECT name FROM accounts WHERE rt_id = ? ORDER BY name').all(rtId) as Array<{ name: string }>).map((a) => a.name);
    expect(own).toContain('aset:rt:3374050005:rw01:rt001:kas');
    expect(own.some((x) => x.includes('pkk'))).toBe(false);
    // The plan was approved through the chain and the tranche paid (the seed, through the same use cases).
    expect(s.plans.versions(pkkId, 2026).map((p) => p.status)).toContain('approved');
    expect(s.tranches.ofRt(pkkId, 2026).map((t) => t.status)).toContain('paid');
    const home = await chair.agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('PKK RT 001 / RW 001');
    expect(home.text).toContain('Rp10.000.000');
  });

  it('shows apart and together: RT, RW and PKK RT on the kelurahan, kecamatan and city pages and the LPJ', async () => {
    const auditor = await signedIn(app, 'auditor');
    for (const [who, path] of [[bendahara, `/wilayah/kelurahan/${PLEBURAN}`], [auditor, '/wilayah/kecamatan/3374050'], [auditor, '/']] as const) {
      const page = await who.agent.get(path);
      expect(page.status, path).toBe(200);
      const table = /<table class="table" id="per-kind">[\s\S]*?<\/table>/.exec(page.text)?.[0] ?? '';
      expect(table, path).toMatch(/<td>Hibah RT<\/td>/);
      expect(table, path).toMatch(/<td>Hibah RW<\/td><td class="num">Rp3\.000\.000<\/td>/);
      expect(table, path).toMatch(/<td>Hibah PKK RT<\/td><td class="num">Rp10\.000\.000<\/td>/);
      expect(table, path).toContain('Jumlah semua program');
    }
    const lpj = await bendahara.agent.get(`/laporan/lpj/${PLEBURAN}?tahun=2026`);
    expect(lpj.status).toBe(200);
    const groups = /<table class="table table-small" id="lpj-groups">[\s\S]*?<\/table>/.exec(lpj.text)?.[0] ?? '';
    expect(groups).toMatch(/<td>Hibah PKK RT<\/td><td class="num">1<\/td><td class="num">10\.000\.000<\/td>/);
    // The PKK categories have their own columns (its spending is never lost from the LPJ).
    expect(lpj.text).toContain('Kegiatan PKK (10 program pokok)');
    expect(lpj.text).toContain('PKK RT 001 / RW 001');
  });

  it('is registered once: a second PKK RT 001 is refused, another kind the programme does not pay too', () => {
    const base = { kelurahanCode: PLEBURAN, programme: 'PKK', rwNumber: 1, rtNumber: 1, chairName: 'Orang Lain', bankAccount: '2099888001' };
    expect(codeOf(() => addGrantee(s, SYSTEM, { ...base, kind: 'rt' }))).toBe('grantee_exists');
    expect(codeOf(() => addGrantee(s, SYSTEM, { ...base, programme: 'DAS', kind: 'rt' }))).toBe('programme_not_configured');
    expect(codeOf(() => addGrantee(s, SYSTEM, { ...base, rtNumber: 2, kind: 'rt', bankAccount: s.registry.findRt(rtId)!.bankAccount }))).toBe('bank_account_shared');
    // Allocation again posts nothing new (idempotent).
    expect(allocateYear(s, SYSTEM, { year: 2026, kelurahanCode: PLEBURAN }).posted).toBe(0);
    // The admin edits the PKK group's officers keeping its own account; RT 001's account is refused.
    const g = s.registry.findRt(pkkId)!;
    const fields = { chairName: g.chairName, secretaryName: 'Wiwik', treasurerName: 'Ani', bankAccount: g.bankAccount };
    expect(codeOf(() => editRt(s, SYSTEM, pkkId, fields))).toBe('ok');
    expect(codeOf(() => editRt(s, SYSTEM, pkkId, { ...fields, bankAccount: s.registry.findRt(rtId)!.bankAccount }))).toBe('bank_account_shared');
  });
});

describe('abuse of the PKK grant, through HTTP', () => {
  it.each<[string, () => Promise<{ status: number; text: string }>, number, string]>([
    ['the PKK chair opens RT 001’s own pages', () => chair.agent.get(`/rt/${rtId}`), 404, ''],
    ['RT 001’s chair opens the PKK grantee', async () => (await signedIn(app, 'ketua.pleburan')).agent.get(`/rt/${pkkId}`), 404, ''],
    ['RT 001’s chair opens the PKK receipts', async () => (await signedIn(app, 'ketua.pleburan')).agent.get(`/rt/${pkkId}/kuitansi`), 404, ''],
    ['the PKK chair records an OPS-only category (Peralatan)', async () => postReceipt({ date: '2026-11-27', category: 'PRL', description: 'Sapu', vendor: 'Toko', notaNumber: 'P-1', amount: '50.000', itemName: 'Sapu', itemQuantity: '1', itemUnitPrice: '50.000' }, [['nota', await img('nota'), 'n.jpg'], ['fotoBarang', await img('foto_barang'), 'b.jpg']]), 422, 'kategori'],
    [
      'the PKK chair pays a trainer over the PKK cap (Rp500.000, not OPS’s instructor Rp400.000)',
      async () => postReceipt({ date: '2026-11-27', category: 'LAT', description: 'Pelatihan olahan pangan', vendor: 'Ibu Narsih', notaNumber: 'L-1', amount: '600.000', itemName: 'Honor pelatih', itemQuantity: '1', itemUnitPrice: '600.000' }, await activityFiles()),
      422,
      'Rp500.000',
    ],
    [
      'the PKK chair spends administration beyond 5 % of its own allocation (Rp500.000)',
      async () => postReceipt({ date: '2026-11-27', category: 'ADM', description: 'Buku dan ATK', vendor: 'Toko Buku', notaNumber: 'A-1', amount: '510.000' }, [['nota', await img('nota'), 'n.jpg']]),
      422,
      'Rp500.000',
    ],
  ])('%s', async (_name, attempt, status, text) => {
    const before = s.receipts.ofRt(pkkId, 2026).length;
    const r = await attempt();
    expect(r.status).toBe(status);
    if (text) expect(r.text).toContain(text);
    expect(s.receipts.ofRt(pkkId, 2026).length).toBe(before);
  });

  it('public totals are the RT/RW grant’s at every level: the city’s row for the kecamatan equals its kelurahan rows, PKK money in none', async () => {
    const request = (await import('supertest')).default;
    const kel = s.registry.findKelurahan(PLEBURAN)!;
    type Area = { total: { allocated: number; spent: number; drawn: number; spj: { owed: number } }; baris: Array<{ code?: string; allocated: number; spent: number; drawn: number; spj: { owed: number } }> };
    const city = (await request(app).get('/publik.json')).body as Area;
    const kec = (await request(app).get(`/publik/kecamatan/${kel.kecamatanCode}.json`)).body as Area;
    const kelPage = (await request(app).get(`/publik/kelurahan/${PLEBURAN}.json`)).body as Area;
    const pick = (r: { allocated: number; spent: number; drawn: number; spj: { owed: number } }) => ({ allocated: r.allocated, spent: r.spent, drawn: r.drawn, owed: r.spj.owed });
    expect(pick(city.baris.find((r) => r.code === kel.kecamatanCode)!)).toEqual(pick(kec.total));
    expect(pick(kec.baris.find((r) => r.code === PLEBURAN)!)).toEqual(pick(kelPage.total));
    // The kelurahan's public allocation is its RTs' and RWs' (OPS) only: the PKK group's Rp10.000.000 is not in it.
    const ops = s.registry.rtsOfKelurahan(PLEBURAN).filter((g) => g.programme === 'OPS');
    const opsAllocated = ops.reduce((a, g) => a + s.balances.ofRt(2026, g.id).allocated, 0);
    expect(kelPage.total.allocated).toBe(opsAllocated);
    expect(s.balances.ofRt(2026, pkkId).allocated).toBe(10_000_000);
  });

  it('a PKK row never answers RT 001’s public page', async () => {
    const page = await (await import('supertest')).default(app).get(`/publik/rt/${PLEBURAN}/1/1`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('RT 001');
    expect(page.text).not.toContain('PKK');
    expect(page.text).toContain('Rp25.000.000');
    expect(page.text).not.toContain('Rp10.000.000');
  });
});

describe('the PKK flow end to end through HTTP, then verify and the bundle', () => {
  it('receipt within the PKK caps, verification, SPJ: the PKK ledger balances, verify and verify-bundle say OK', async () => {
    const r = await postReceipt({ date: '2026-11-27', category: 'LAT', description: 'Pelatihan olahan pangan lokal', vendor: 'Ibu Narsih', notaNumber: 'L-2', amount: '450.000', itemName: 'Honor pelatih', itemQuantity: '1', itemUnitPrice: '450.000' }, await activityFiles());
    expect(r.status, errorOf(r.text)).toBe(303);
    const rec = s.receipts.ofRt(pkkId, 2026).find((x) => x.notaNumber === 'L-2')!;
    // The treasurer's review names the PKK group as such, with the PKK category's name and checklist.
    const review = await bendahara.agent.get('/verifikasi');
    const card = new RegExp(`id="kuitansi-${rec.id}"[\\s\\S]{0,4000}`).exec(review.text)?.[0] ?? '';
    expect(card).toContain('PKK RT 001 / RW 001');
    expect(card).toContain('Pelatihan dan pemberdayaan');
    expect((await bendahara.agent.post(`/kuitansi/${rec.id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    // September and October reported (nothing spent: "nihil"), each verified; November is not over yet.
    for (const month of ['2026-09', '2026-10']) {
      const sent = await chair.agent.post(`/rt/${pkkId}/spj`).type('form').send({ _csrf: chair.csrf, year: '2026', month });
      expect(sent.status, `${month}: ${errorOf(sent.text)}`).toBe(303);
      const spj = s.receipts.spjOfRt(pkkId, 2026).find((x) => x.month === month)!;
      expect((await bendahara.agent.post(`/spj/${spj.id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    }
    const money = s.balances.ofRt(2026, pkkId);
    expect(money).toMatchObject({ allocated: 10_000_000, spent: 450_000, cash: 300_000 });
    expect(s.ledger.accountByName(2026, 'beban:pkk:rt:3374050005:rw01:rt001:lat')?.balance).toBe(450_000);
    expect((await chair.agent.get(`/rt/${pkkId}/bku?tahun=2026`)).status).toBe(200);
    expect(verifyLedger(s, [], { evidence: true }).problems).toEqual([]);

    const files = await exportedBundle(s, PLEBURAN, `${tempDbPath()}.zip`);
    expect(files.get('journal.jsonl')!.toString('utf8')).toContain('beban:pkk:rt:3374050005:rw01:rt001:lat');
    expect((await verifyBundleFiles(files)).problems).toEqual([]);
  });

  it('a change to the PKK caps applies from its date and does not re-judge what was decided before', async () => {
    const first = await postReceipt({ date: '2026-11-27', category: 'LAT', description: 'Pelatihan menjahit', vendor: 'Ibu Narsih', notaNumber: 'L-3', amount: '450.000', itemName: 'Honor pelatih', itemQuantity: '1', itemUnitPrice: '450.000' }, await activityFiles());
    expect(first.status, errorOf(first.text)).toBe(303);
    const y = s.years.find(2026)!;
    const pkk = structuredClone(y.programmes!.find((p) => p.code === 'PKK')!);
    pkk.categories.find((c) => c.code === 'LAT')!.itemCaps = [{ label: 'Honor narasumber/pelatih', maxRupiah: 300_000 }];
    changeYearSettings(s, SYSTEM, 2026, { programmes: [pkk] }, '2026-11-29');
    // Still the 28th: the old cap holds.
    const before = await postReceipt({ date: '2026-11-28', category: 'LAT', description: 'Pelatihan membatik', vendor: 'Ibu Narsih', notaNumber: 'L-4', amount: '100.000', itemName: 'Honor pelatih', itemQuantity: '1', itemUnitPrice: '100.000' }, await activityFiles());
    expect(before.status, errorOf(before.text)).toBe(303);
    clock = new Date('2026-11-29T03:00:00Z');
    const after = await postReceipt({ date: '2026-11-29', category: 'LAT', description: 'Pelatihan merangkai bunga', vendor: 'Ibu Narsih', notaNumber: 'L-5', amount: '150.000', itemName: 'Honor pelatih', itemQuantity: '1', itemUnitPrice: '150.000' }, await activityFiles());
    expect(after.status, errorOf(after.text)).toBe(303);
    const over = await postReceipt({ date: '2026-11-29', category: 'LAT', description: 'Pelatihan sablon', vendor: 'Ibu Narsih', notaNumber: 'L-6', amount: '100.000', itemName: 'Honor pelatih', itemQuantity: '1', itemUnitPrice: '350.000' }, await activityFiles());
    expect(over.status).toBe(422);
    // The receipt of the 27th (Rp450.000, over the new cap) is verified: it was judged when it was recorded.
    const rec = s.receipts.ofRt(pkkId, 2026).find((x) => x.notaNumber === 'L-3')!;
    expect(rec.status).toBe('pending');
    expect(s.years.find(2026, '2026-11-28')!.programmes!.find((p) => p.code === 'PKK')!.categories.find((c) => c.code === 'LAT')!.itemCaps[0]!.maxRupiah).toBe(500_000);
    expect(verifyLedger(s, [], { evidence: false }).problems).toEqual([]);
  });
});

describe('the admin registers a PKK grantee through HTTP', () => {
  it.each<[string, string, Record<string, string>, number, string]>([
    ['an RT chair', 'ketua.pleburan', { programme: 'PKK', kind: 'rt', rwNumber: '2', rtNumber: '1', chairName: 'Wulan', bankAccount: '2098700001' }, 403, ''],
    ['the kelurahan treasurer', 'bendahara.pleburan', { programme: 'PKK', kind: 'rt', rwNumber: '2', rtNumber: '1', chairName: 'Wulan', bankAccount: '2098700001' }, 403, ''],
    ['a programme the year does not configure', 'admin', { programme: 'DAS', kind: 'rt', rwNumber: '2', rtNumber: '1', chairName: 'Wulan', bankAccount: '2098700001' }, 422, 'tidak diatur'],
    ['PKK RT 001 / RW 001 again', 'admin', { programme: 'PKK', kind: 'rt', rwNumber: '1', rtNumber: '1', chairName: 'Wulan', bankAccount: '2098700001' }, 409, 'PKK RT 001 / RW 001 sudah terdaftar'],
    ['an RT number of 0', 'admin', { programme: 'PKK', kind: 'rt', rwNumber: '2', rtNumber: '0', chairName: 'Wulan', bankAccount: '2098700001' }, 422, 'Nomor RT harus angka 1–999.'],
  ])('refuses %s, registers nothing', async (_name, who, body, status, text) => {
    const user = await signedIn(app, who);
    const before = s.registry.rtsOfKelurahan(PLEBURAN).length;
    const r = await user.agent.post(`/wilayah/kelurahan/${PLEBURAN}/penerima-baru`).type('form').send({ _csrf: user.csrf, ...body });
    expect(r.status).toBe(status);
    if (text) expect(r.text).toContain(text);
    expect(s.registry.rtsOfKelurahan(PLEBURAN).length).toBe(before);
  });

  it('registers PKK RW 002 with its chair and account, audited; the next allocation gives it the PKK RW amount', async () => {
    const admin = await signedIn(app, 'admin');
    const form = await admin.agent.get(`/wilayah/kelurahan/${PLEBURAN}/penerima-baru`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Bantuan Operasional PKK RT/RW');
    const r = await admin.agent.post(`/wilayah/kelurahan/${PLEBURAN}/penerima-baru`).type('form').send({ _csrf: admin.csrf, programme: 'PKK', kind: 'rw', rwNumber: '2', rtNumber: '', chairName: 'Wulan Sari', bankAccount: '2098700002' });
    expect(r.status, errorOf(r.text)).toBe(303);
    const g = s.registry.findRtByNumbers(PLEBURAN, 2, 0, 'PKK')!;
    expect(r.headers.location).toBe(`/rt/${g.id}`);
    expect(g).toMatchObject({ kind: 'rw', programme: 'PKK', chairName: 'Wulan Sari' });
    // RW 002's own (OPS) grantee slot stays free: the PKK row does not answer for it.
    expect(s.registry.findRtByNumbers(PLEBURAN, 2, 0)).toBeUndefined();
    expect(JSON.parse(s.audit.list({ action: 'registry.rt.create', page: 1, pageSize: 1 }).rows[0]!.summary).after).toMatchObject({ kind: 'rw', rw: 2, programme: 'PKK', bankAccount: '2098700002' });
    expect(allocateYear(s, SYSTEM, { year: 2026, kelurahanCode: PLEBURAN })).toMatchObject({ posted: 1, totalRupiah: 5_000_000 });
    expect(s.ledger.accountByName(2026, 'aset:pkk:rw:3374050005:rw02:alokasi')?.balance).toBe(5_000_000);
    expect((await admin.agent.get(`/rt/${g.id}`)).text).toContain('PKK RW 002');
    expect(verifyLedger(s, [], { evidence: false }).problems).toEqual([]);
  });
});

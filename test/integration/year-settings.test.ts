/**
 * Programme-year settings by the admin: bad settings refused through HTTP with Indonesian
 * messages, the input kept and nothing saved; a change is a new version in force from its date,
 * judging what is decided from that date on and never what was decided before (verify stays OK).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { changeYearSettings } from '../../src/app/create-programme-year';
import { verifyReceipt } from '../../src/app/decide-receipt';
import { recordReceipt } from '../../src/app/record-receipt';
import { requestTranche } from '../../src/app/request-tranche';
import { seededPhoto } from '../../src/app/seed-documents';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import { seededServices, tempDbPath } from '../helpers/db';
import { runScript } from '../helpers/scripts';
import { codeOf } from '../helpers/errors';
import { seededApp, signedIn } from '../helpers/http';
import { yearFormValues } from '../../src/http/forms/year-settings';

const PLEBURAN = '3374050005';
/** As Handlebars writes a value into the page. */
const escaped = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/=/g, '&#x3D;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const NOW = () => new Date('2026-11-28T03:00:00Z');

/** The 2026 settings form as the page fills it, with some fields changed. */
async function postSettings(change: Record<string, string | string[]>) {
  const { app, s } = await seededApp({}, NOW);
  const admin = await signedIn(app, 'admin');
  const before = { versions: s.years.versions(2026).length, row: JSON.stringify(s.years.find(2026)) };
  const form = { ...yearFormValues(s.years.find(2026)!), effectiveFrom: '2026-11-28', ...change };
  const r = await admin.agent.post('/admin/tahun/2026').type('form').send({ _csrf: admin.csrf, ...form });
  return { r, s, before };
}

describe('bad settings are refused with Indonesian messages, the input kept, nothing saved', () => {
  it.each<[string, Record<string, string | string[]>, number, string]>([
    ['a date already past (would re-judge decisions taken)', { effectiveFrom: '2026-11-01', spjDueDay: '12' }, 422, 'sudah lewat'],
    ['a date outside the year', { effectiveFrom: '2027-01-05', spjDueDay: '12' }, 422, 'Tanggal berlaku harus di dalam tahun program'],
    ['a date that is not a date', { effectiveFrom: 'besok', spjDueDay: '12' }, 422, 'Tanggal berlaku dengan format TTTT-BB-HH.'],
    ['the RT allocation after money moved', { allocationRt: '30.000.000' }, 409, 'Alokasi per RT tahun 2026 tidak dapat diubah: uang tahun ini sudah dibukukan.'],
    ['the disbursement mode after money moved', { disbursementMode: 'staged' }, 409, 'Cara pencairan tahun 2026 tidak dapat diubah'],
    ['an allocation in words', { allocationRw: 'tiga juta' }, 422, 'Alokasi per RW'],
    ['stages adding up to 90', { stagePercents: '50; 40' }, 422, 'Persentase tahap harus berjumlah tepat 100.'],
    ['a category cap of 150 %', { cat0_percent: '150' }, 422, 'Batas persen kategori ADM harus persen lebih dari 0 dan paling banyak 100'],
    ['a two-letter category code', { cat0_code: 'AD' }, 422, 'Kode tiga huruf, misalnya ADM.'],
    ['a category code twice', { cat1_code: 'ADM' }, 422, 'Kode kategori ADM tidak valid atau ganda.'],
    ['a category without a name', { cat2_name: '' }, 422, 'Nama kategori wajib diisi.'],
    ['an item cap without an amount', { cat6_caps: 'Harga per barang = banyak' }, 422, 'Baris &quot;Harga per barang'],
    ['a category with no evidence ticked', { cat1_evidence: [] }, 422, 'Centang minimal satu jenis bukti'],
    ['an unknown evidence kind', { cat1_evidence: ['nota', 'selfie'] }, 422, 'Jenis bukti tidak dikenal.'],
    ['every category removed', Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`cat${i}_code`, ''])), 422, 'Minimal satu kategori belanja.'],
    ['an SPJ due on the 31st', { spjDueDay: '31' }, 422, 'Tanggal 1 sampai 28.'],
    ['a final report due in the next year', { finalReportDue: '2027-01-10' }, 422, 'Batas laporan akhir harus antara'],
    ['a duty-stamp threshold of zero', { meteraiThreshold: '0' }, 422, 'Batas meterai'],
    ['a forbidden word without its reason', { forbiddenWords: 'rokok' }, 422, 'misalnya &quot;rokok'],
    ['other settings that are not an object', { otherSettings: '[1, 2]' }, 422, 'Bukan JSON objek yang sah'],
    ['other settings naming the year', { otherSettings: '{ "year": 2030 }' }, 422, 'lewat isian di atas'],
    ['other settings naming no setting', { otherSettings: '{ "gratis": true }' }, 422, 'bukan pengaturan tahun ini'],
    ['other settings with the wrong shape', { otherSettings: '{ "forbiddenUses": "semua" }' }, 422, 'bentuknya salah'],
    ['the treasurer’s verification left out of the chain', { approvalSteps: ['approve', 'acknowledge'] }, 422, 'Verifikasi bendahara kelurahan selalu langkah pertama'],
    ['no approval step at all', { approvalSteps: [] }, 422, 'Verifikasi bendahara kelurahan selalu langkah pertama'],
    ['an unknown approval step', { approvalSteps: ['verify', 'walikota'] }, 422, 'Langkah persetujuan tidak dikenal.'],
    ['a step ticked twice', { approvalSteps: ['verify', 'approve', 'approve', 'acknowledge'] }, 422, 'Langkah persetujuan tidak dikenal.'],
    ['the approval steps through the JSON box', { otherSettings: '{ "approvalSteps": ["verify"] }' }, 422, 'lewat isian di atas'],
    ['nothing changed', {}, 422, 'Tidak ada pengaturan yang berubah.'],
  ])('%s → %s', async (_name, change, status, text) => {
    const { r, s, before } = await postSettings(change);
    expect(r.status).toBe(status);
    expect(r.text).toContain(text);
    // The typed input is on the page again.
    for (const [k, v] of Object.entries(change)) if (typeof v === 'string' && v && !k.startsWith('other')) expect(r.text).toContain(escaped(v));
    expect(s.years.versions(2026).length).toBe(before.versions);
    expect(JSON.stringify(s.years.find(2026))).toBe(before.row);
  });
});

describe('the admin changes a setting through the page', () => {
  it('saves a new version from its date, audited, listed in the history; the year in force today stays until then', async () => {
    const { app, s } = await seededApp({}, NOW);
    const admin = await signedIn(app, 'admin');
    const form: Record<string, string | string[]> = { ...yearFormValues(s.years.find(2026)!), effectiveFrom: '2026-12-01', spjDueDay: '12', cat6_caps: 'Harga per barang = 250.000' };
    form.forbiddenWords = `${String(form.forbiddenWords)}\nrokok = keperluan pribadi`;
    const r = await admin.agent.post('/admin/tahun/2026').type('form').send({ _csrf: admin.csrf, ...form });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/admin/tahun/2026');
    // Version 2 is the demo's PKK programme (from 2 January: seed-pkk-grantee.ts).
    expect(s.years.versions(2026).map((v) => [v.version, v.effectiveFrom])).toEqual([[1, '2026-01-01'], [2, '2026-01-02'], [3, '2026-12-01']]);
    expect(s.years.find(2026, '2026-11-30')!.spjDueDay).toBe(10);
    expect(s.years.find(2026, '2026-12-01')!.spjDueDay).toBe(12);
    expect(s.years.find(2026, '2026-12-01')!.categories.find((c) => c.code === 'PRL')!.itemCaps).toEqual([{ label: 'Harga per barang', maxRupiah: 250_000 }]);
    expect(s.years.find(2026, '2026-12-01')!.forbiddenKeywords.at(-1)).toEqual({ keyword: 'rokok', reason: 'keperluan pribadi' });
    // The pattern words the form does not show are kept.
    expect(s.years.find(2026, '2026-12-01')!.forbiddenKeywords.length).toBe(s.years.find(2026, '2026-11-30')!.forbiddenKeywords.length + 1);
    const row = s.audit.list({ action: 'programme_year.rules', page: 1, pageSize: 1 }).rows[0]!;
    expect(JSON.parse(row.summary).after).toMatchObject({ version: 3, effectiveFrom: '2026-12-01', settings: { spjDueDay: 12 } });
    const page = await admin.agent.get('/admin/tahun/2026');
    expect(page.text).toContain('Akan berlaku');
    expect(page.text).toContain('1 Desember 2026');
    // Who changed it, by name (the stored actor label only as a tooltip).
    expect(page.text).toContain('>Admin Kota (DP3A) (admin)</td>');
    expect(verifyLedger(s, [], { evidence: false }).problems).toEqual([]);
    // Another change may not start before the newest version.
    const early = await admin.agent.post('/admin/tahun/2026').type('form').send({ _csrf: admin.csrf, ...form, spjDueDay: '14', effectiveFrom: '2026-11-29' });
    expect(early.status).toBe(422);
    expect(early.text).toContain('sebelum versi 3 yang berlaku 1 Desember 2026');
  });

  it('the chain of approval as fields: the camat’s step dropped from 1 December (a new version, audited), ticked in any order stored in the one order', async () => {
    const { app, s } = await seededApp({}, NOW);
    const admin = await signedIn(app, 'admin');
    const page = await admin.agent.get('/admin/tahun/2026');
    // The treasurer's step is fixed (always first), the lurah's and the camat's are ticked as the demo year asks.
    expect(page.text).toMatch(/<input type="checkbox" checked disabled[^>]*><input type="hidden" name="approvalSteps" value="verify">/);
    expect(page.text).toMatch(/name="approvalSteps" value="approve"[^>]*checked/);
    expect(page.text).toMatch(/name="approvalSteps" value="acknowledge"[^>]*checked/);
    expect(page.text).not.toContain('&quot;approvalSteps&quot;');
    const form: Record<string, string | string[]> = { ...yearFormValues(s.years.find(2026)!), effectiveFrom: '2026-12-01', approvalSteps: ['approve', 'verify'] };
    // The demo's 2026 already has versions (the PKK programme is its version 2): this one is the next.
    const next = s.years.versions(2026).length + 1;
    const r = await admin.agent.post('/admin/tahun/2026').type('form').send({ _csrf: admin.csrf, ...form });
    expect(r.status).toBe(303);
    expect(s.years.find(2026, '2026-11-30')!.approvalSteps).toEqual(['verify', 'approve', 'acknowledge']);
    expect(s.years.find(2026, '2026-12-01')!.approvalSteps).toEqual(['verify', 'approve']);
    const row = s.audit.list({ action: 'programme_year.rules', page: 1, pageSize: 1 }).rows[0]!;
    expect(next).toBeGreaterThan(1);
    expect(JSON.parse(row.summary).after).toMatchObject({ version: next, effectiveFrom: '2026-12-01', settings: { rules: { approvalSteps: ['verify', 'approve'] } } });
    // The camat's own step back, and the lurah's left out: the domain allows it (verify, then acknowledge).
    const again = await admin.agent.post('/admin/tahun/2026').type('form').send({ _csrf: admin.csrf, ...form, effectiveFrom: '2026-12-02', approvalSteps: ['acknowledge', 'verify'] });
    expect(again.status).toBe(303);
    expect(s.years.find(2026, '2026-12-02')!.approvalSteps).toEqual(['verify', 'acknowledge']);
  });

  it('creates 2027 with its amounts per grantee kind and version 1; a second 2027 is refused', async () => {
    const { app, s } = await seededApp({}, NOW);
    const admin = await signedIn(app, 'admin');
    const form = { ...yearFormValues({ ...s.years.find(2026)!, year: 2027, finalReportDue: '2027-12-15' }), year: '2027', allocationRw: '3.500.000' };
    const r = await admin.agent.post('/admin/tahun/baru').type('form').send({ _csrf: admin.csrf, ...form });
    expect(r.status).toBe(303);
    const y = s.years.find(2027)!;
    expect(y).toMatchObject({ startsOn: '2027-01-01', endsOn: '2027-12-31', allocationPerRt: 25_000_000, allocationPerGrantee: { rt: 25_000_000, rw: 3_500_000 } });
    expect(s.years.versions(2027).map((v) => v.version)).toEqual([1]);
    const again = await admin.agent.post('/admin/tahun/baru').type('form').send({ _csrf: admin.csrf, ...form });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Tahun program 2027 sudah ada.');
    expect(verifyLedger(s, [], { evidence: false }).problems).toEqual([]);
  });
});

describe('a rule change applies from its date and never re-judges what was decided before', () => {
  it('the evidence checklist of ADM tightened from 1 November: October receipts stay verified, November ones need the photo, verify OK', async () => {
    let now = new Date('2026-10-20T03:00:00Z');
    const s = await seededServices(() => now);
    const rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
    const { actor: chair } = await aUser(s, { role: 'ketua_rt', rtId });
    const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
    const admin = toActor(s.users.findByUsername('admin')!);
    approvePlanFully(s, bendahara, (await aSubmittedPlan(s, chair)).id);
    approveAndPay(s, bendahara, requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'ADM', description: 'ATK', amount: 500_000 }], requestKey: 'ys-t1' }).id);
    let n = 0;
    const file = async (kind: 'nota' | 'foto_barang') => ({ ...(await s.evidence.put(await sharp(await seededPhoto(`ys ${kind} ${++n}`)).png().toBuffer(), 'image/png', `${kind}-${n}.png`)), kind });
    const adm = async (date: string, kinds: Array<'nota' | 'foto_barang'>) =>
      recordReceipt(s, chair, { rtId, year: 2026, date, category: 'ADM', description: 'Kertas HVS', vendor: 'Toko Uji', notaNumber: `YS-${++n}`, amount: 50_000, items: [], files: await Promise.all(kinds.map(file)), requestKey: `ys-r-${n}` }).id;

    const october = await adm('2026-10-20', ['nota']);
    verifyReceipt(s, bendahara, october);
    const tighter = s.years.find(2026)!.categories.map((c) => (c.code === 'ADM' ? { ...c, evidence: ['nota' as const, 'foto_barang' as const] } : c));
    // Backdating it would re-judge October: refused.
    expect(codeOf(() => changeYearSettings(s, admin, 2026, { categories: tighter }, '2026-10-01'))).toBe('settings_effective_backdated');
    expect(changeYearSettings(s, admin, 2026, { categories: tighter }, '2026-11-01').version).toBe(3); // 2: the demo's PKK programme

    // Still October: the version in force is 1; a nota alone is enough.
    const lateOctober = await adm('2026-10-20', ['nota']);
    now = new Date('2026-11-02T03:00:00Z');
    expect(codeOf(() => recordReceipt(s, chair, { rtId, year: 2026, date: '2026-11-02', category: 'ADM', description: 'Map', vendor: 'Toko Uji', notaNumber: 'YS-X', amount: 40_000, items: [], files: [], requestKey: 'ys-x' }))).toBe('evidence_incomplete');
    const november = await adm('2026-11-02', ['nota', 'foto_barang']);
    verifyReceipt(s, bendahara, november);
    expect(s.receipts.find(october)!.status).toBe('verified');
    expect(s.receipts.find(lateOctober)!.status).toBe('pending');
    const report = verifyLedger(s, [], { evidence: false });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('verify names a settings version edited in the file', async () => {
    const s = await seededServices(NOW);
    const admin = toActor(s.users.findByUsername('admin')!);
    changeYearSettings(s, admin, 2026, { spjDueDay: 12 }, '2026-12-01');
    s.db.sqlite.exec('DROP TRIGGER programme_year_versions_no_update');
    s.db.sqlite.prepare(`UPDATE programme_year_versions SET effective_from = '2026-11-01' WHERE year = 2026 AND version = 2`).run();
    const problems = verifyLedger(s, [], { evidence: false }).problems.join('\n');
    expect(problems).toContain('tahun program 2026 versi pengaturan 2: isi atau tanggal berlakunya berbeda dari riwayat audit');
    expect(problems).toContain('pemicu append-only hilang: programme_year_versions_no_update');
  });
});

describe('npm run year', () => {
  it('creates 2027, refuses a bad setting with its Indonesian message (exit 1), sets one from a date, shows the version in force', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    const created = await runScript('year', ['create', '2027', '--alokasi-rw', '3.500.000'], env);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Tahun program 2027 dibuat: 2027-01-01..2027-12-31, RT Rp25.000.000, RW Rp3.500.000, monthly (versi pengaturan 1).');
    const bad = await runScript('year', ['set', '2027', '--berlaku', '2027-03-01', '--json', '{"spjDueDay": 31}'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Ditolak: Batas SPJ harus tanggal 1 sampai 28 bulan berikutnya.');
    const notJson = await runScript('year', ['set', '2027', '--json', '{spjDueDay: 12'], env);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('Pengaturan bukan JSON objek yang sah');
    const set = await runScript('year', ['set', '2027', '--berlaku', '2027-03-01', '--json', '{"spjDueDay": 12}'], env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('Pengaturan tahun 2027 versi 2 disimpan, berlaku mulai 2027-03-01.');
    const feb = await runScript('year', ['show', '2027', '--tanggal', '2027-02-28'], env);
    const mar = await runScript('year', ['show', '2027', '--tanggal', '2027-03-01'], env);
    expect((JSON.parse(feb.stdout) as { spjDueDay: number }).spjDueDay).toBe(10);
    expect((JSON.parse(mar.stdout) as { spjDueDay: number }).spjDueDay).toBe(12);
    const list = await runScript('year', ['list'], env);
    expect(list.stdout).toMatch(/^2027 {2}2027-01-01\.\.2027-12-31 {2}RT Rp25\.000\.000 {2}RW Rp3\.500\.000 {2}monthly {2}versi [12] dari 2 {2}open$/m);
  });
});

/**
 * Year-end close that closes properly (issue 15, item 9), replayed through HTTP.
 * - Each kind of blocker (missing, unverified or returned SPJ; pending or returned receipt;
 *   pending tranche; tranche approved but not paid by the bank; pending plan) refuses the close
 *   of its kelurahan with a 409 naming the count, and the close page lists it per RT.
 * - An override without a reason is refused; with one it is stored, audited and shown, and the
 *   close goes through on it; `verify` checks the closed year against the same rule.
 * - After the close an admin posts a correction into the closed year (reason required, dated the
 *   day it is made, tagged with the year); the chair, the treasurer and the auditor cannot;
 *   use-case reversals are refused pointing to it; `verify` accepts the correction.
 * - After the close the statement (rt-summary.csv) and the LPJ show the full Rp25.000.000
 *   allocation = spent + returned + lapsed (the Rp17.079.000 bug replayed).
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeBlockers } from '../../src/app/close-year';
import { returnReceipt, verifyReceipt } from '../../src/app/decide-receipt';
import { postEntry, reverseEntry } from '../../src/app/post-entry';
import { recordReceipt } from '../../src/app/record-receipt';
import { requestTranche } from '../../src/app/request-tranche';
import { returnSpj, submitSpj, verifySpj } from '../../src/app/spj';
import { readZip } from '../../src/app/verify-bundle';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import type { Actor } from '../../src/domain/access';
import type { CloseBlockerKind } from '../../src/domain/grants/year-close';
import { rtLapsedAccount, rtSpendingAccount } from '../../src/domain/ledger/accounts';
import { perRt } from '../../src/reports/audit-bundle';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully, approveTrancheFully } from '../builders';
import { tempDbPath, type Services } from '../helpers/db';
import { codeOf } from '../helpers/errors';
import { binary, seededApp, signedIn, type Agent } from '../helpers/http';
import fs from 'node:fs';

const PLEBURAN = '3374050005';
let clock = new Date('2026-11-02T03:00:00Z');
const at = (iso: string) => {
  clock = new Date(iso);
};
let seq = 0;

type App = Awaited<ReturnType<typeof seededApp>>;
type Signed = { agent: Agent; csrf: string };

async function world() {
  at('2026-11-02T03:00:00Z');
  return seededApp({ sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 }, () => clock);
}

/** One RT of a kelurahan with an approved plan, its chair and the kelurahan's treasurer. */
async function anRtReady(s: Services, kel: string, approved = true) {
  const rt = s.registry.rtsOfKelurahan(kel)[0]!;
  const { actor: chair } = await aUser(s, { username: `ketua.close.${kel}`, role: 'ketua_rt', rtId: rt.id });
  const existing = s.users.findByUsername(`bendahara.close.${kel}`);
  const bendahara = existing ? toActor(existing) : (await aUser(s, { username: `bendahara.close.${kel}`, role: 'bendahara', kelurahanCode: kel })).actor;
  const plan = await aSubmittedPlan(s, chair);
  if (approved) approvePlanFully(s, bendahara, plan.id);
  return { rt, chair, bendahara };
}

const request = (s: Services, chair: Actor, month: string, lines = [{ category: 'SOS', description: 'Rapat warga', amount: 1_000_000 }]) =>
  requestTranche(s, chair, { rtId: chair.rtId!, year: 2026, month, lines, requestKey: `year-close-t-${String(++seq).padStart(8, '0')}` });

async function evidence(s: Services, kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir') {
  seq += 1;
  const png = await sharp({ create: { width: 6, height: 6, channels: 3, background: { r: seq & 255, g: (seq >> 8) & 255, b: 7 * kind.length } } }).png().toBuffer();
  return { ...(await s.evidence.put(png, 'image/png', `${kind}-${seq}.png`)), kind };
}

async function aReceipt(s: Services, chair: Actor, o: { category: string; amount: number; description: string; date?: string }) {
  const kinds = o.category === 'LIN' ? (['nota', 'foto_kegiatan'] as const) : (['nota', 'foto_kegiatan', 'daftar_hadir'] as const);
  const files = [];
  for (const k of kinds) files.push(await evidence(s, k));
  return recordReceipt(s, chair, {
    rtId: chair.rtId!, year: 2026, date: o.date ?? '2026-11-02', category: o.category, description: o.description, vendor: 'Toko Uji Tutup Tahun',
    notaNumber: `TT-${seq}`, amount: o.amount, items: [], files, requestKey: `year-close-r-${String(++seq).padStart(8, '0')}`,
  });
}

const closeOver = (admin: Signed, kel: string) => admin.agent.post('/tutup-tahun').type('form').send({ _csrf: admin.csrf, year: '2026', kelurahanCode: kel, confirm: 'ya' });
const overrideOver = (admin: Signed, kel: string, blockerKey: string, reason: string) =>
  admin.agent.post('/tutup-tahun/pengecualian').type('form').send({ _csrf: admin.csrf, year: '2026', kelurahanCode: kel, blockerKey, reason });

/** Each blocker kind: the kelurahan it is staged in, and what puts it there (at November's clock; SPJ steps in early December). */
const BLOCKERS: Array<[string, string, CloseBlockerKind, (s: Services, w: Awaited<ReturnType<typeof anRtReady>>) => Promise<string>]> = [
  ['drew November and never reported it: missing SPJ', '3374050001', 'spj_missing', async (s, w) => {
    approveAndPay(s, w.bendahara, request(s, w.chair, '2026-11').id);
    return 'SPJ November 2026';
  }],
  ['November SPJ submitted, never verified', '3374050002', 'spj_unverified', async (s, w) => {
    approveAndPay(s, w.bendahara, request(s, w.chair, '2026-11').id);
    at('2026-12-02T03:00:00Z');
    submitSpj(s, w.chair, { rtId: w.rt.id, year: 2026, month: '2026-11' });
    return 'SPJ November 2026';
  }],
  ['November SPJ returned to the chair', '3374050003', 'spj_returned', async (s, w) => {
    approveAndPay(s, w.bendahara, request(s, w.chair, '2026-11').id);
    at('2026-12-02T03:00:00Z');
    const spj = submitSpj(s, w.chair, { rtId: w.rt.id, year: 2026, month: '2026-11' });
    returnSpj(s, w.bendahara, spj.id, 'Lampirkan rekap kas yang ditandatangani.');
    return 'SPJ November 2026';
  }],
  ['a receipt still pending', '3374050004', 'receipt_pending', async (s, w) => {
    approveAndPay(s, w.bendahara, request(s, w.chair, '2026-11').id);
    const r = await aReceipt(s, w.chair, { category: 'SOS', amount: 250_000, description: 'Konsumsi rapat warga November' });
    return `Kuitansi KW-${r.id}`;
  }],
  ['a receipt returned to be completed', '3374050006', 'receipt_returned', async (s, w) => {
    approveAndPay(s, w.bendahara, request(s, w.chair, '2026-11').id);
    const r = await aReceipt(s, w.chair, { category: 'SOS', amount: 300_000, description: 'Santunan warga sakit' });
    returnReceipt(s, w.bendahara, r.id, 'Daftar hadir belum ditandatangani.');
    return `Kuitansi KW-${r.id}`;
  }],
  ['a tranche approved but not paid by the bank', '3374050007', 'tranche_unpaid', async (s, w) => {
    const t = approveTrancheFully(s, w.bendahara, request(s, w.chair, '2026-11').id);
    return `Pencairan #${t.id} November 2026`;
  }],
  ['a tranche still waiting for the treasurer', '3374050008', 'tranche_pending', async (s, w) => {
    const t = request(s, w.chair, '2026-11');
    return `Pencairan #${t.id} November 2026`;
  }],
  ['a plan still waiting for the treasurer', '3374050009', 'plan_pending', async () => 'RAP versi 1'],
];

describe('year-end close: each blocker refuses the close until it is cleared by an override with a reason', () => {
  let app: App;
  let admin: Signed;
  beforeAll(async () => {
    app = await world();
    admin = await signedIn(app.app, 'admin');
  });

  it.each(BLOCKERS)('%s', async (_name, kel, kind, stage) => {
    const { s } = app;
    at('2026-11-02T03:00:00Z');
    const w = await anRtReady(s, kel, kind !== 'plan_pending');
    const subject = await stage(s, w);
    at('2026-12-20T03:00:00Z');
    const blockers = closeBlockers(s, 2026, [kel]);
    const target = blockers.filter((b) => b.kind === kind);
    expect(target.length).toBeGreaterThan(0);
    expect(target[0]!.subject).toContain(subject);

    // The page lists every blocker of the kelurahan per RT, with its label and what it is.
    const page = await admin.agent.get(`/tutup-tahun?year=2026&kelurahanCode=${kel}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Belum dapat ditutup: ${blockers.length} hambatan di 1 RT`);
    for (const b of blockers) expect(page.text).toContain(`data-key="${b.key}" data-kind="${b.kind}"`);
    expect(page.text).toContain(`RT ${String(w.rt.number).padStart(3, '0')} / RW ${String(w.rt.rwNumber).padStart(3, '0')}`);
    const filtered = await admin.agent.get(`/tutup-tahun?year=2026&kelurahanCode=${kel}&kind=${kind}`);
    expect(filtered.text.match(/data-key="/g)?.length).toBe(target.length);

    // The close is refused naming the count; nothing is posted or closed.
    const entriesBefore = s.ledger.rowCounts().entries;
    let refused = await closeOver(admin, kel);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(`Belum dapat ditutup: ${blockers.length} hambatan di 1 RT belum selesai`);
    expect(s.tranches.isClosed(2026, kel)).toBe(false);
    expect(s.ledger.rowCounts().entries).toBe(entriesBefore);

    // The other blockers overridden: this kind alone still refuses the close.
    for (const b of blockers.filter((x) => x.kind !== kind)) expect((await overrideOver(admin, kel, b.key, 'Diperiksa manual oleh DP3A.')).status).toBe(303);
    refused = await closeOver(admin, kel);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(`Belum dapat ditutup: ${target.length} hambatan di 1 RT`);

    // An override without a written reason is refused and stores nothing.
    const blank = await overrideOver(admin, kel, target[0]!.key, '   ');
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Alasan pengecualian wajib diisi.');
    expect(s.yearClose.overrides(2026, kel).some((o) => o.blockerKey === target[0]!.key)).toBe(false);

    // With a reason: stored, audited, shown; the close then goes through and keeps it on record.
    const reason = `Dikecualikan: ${kind} diselesaikan di luar aplikasi, berita acara DP3A no. ${seq}.`;
    for (const b of target) expect((await overrideOver(admin, kel, b.key, reason)).status).toBe(303);
    expect(s.audit.count('year.close_override')).toBeGreaterThanOrEqual(target.length);
    const cleared = await admin.agent.get(`/tutup-tahun?year=2026&kelurahanCode=${kel}`);
    expect(cleared.text).toContain(reason);
    expect(cleared.text).toContain('Tidak ada hambatan yang tersisa');
    expect((await closeOver(admin, kel)).status).toBe(303);
    expect(s.tranches.isClosed(2026, kel)).toBe(true);
    expect(s.balances.ofRt(2026, w.rt.id)).toMatchObject({ undrawn: 0, cash: 0, allocated: 25_000_000 });
    const record = await admin.agent.get(`/tutup-tahun?year=2026&kelurahanCode=${kel}`);
    expect(record.text).toContain('Pengecualian yang tercatat pada tahun yang ditutup');
    expect(record.text).toContain(reason);
    const report = verifyLedger(s, [], { evidence: false });
    expect(report.problems).toEqual([]);
  });

  it('verify catches a kelurahan marked closed while a blocker had no override', async () => {
    const { s } = app;
    at('2026-11-02T03:00:00Z');
    const w = await anRtReady(s, '3374050010');
    approveAndPay(s, w.bendahara, request(s, w.chair, '2026-11').id);
    at('2026-12-20T03:00:00Z');
    // The close recorded by hand, around the use case.
    s.db.transaction(() => s.tranches.close(2026, '3374050010', 'tangan', clock.toISOString()));
    const report = verifyLedger(s, [], { evidence: false });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/tutup tahun 2026 kelurahan 3374050010: 2 hambatan tanpa pengecualian beralasan/);
  });

  it('the chair, the treasurer and the auditor can neither override nor close (403)', async () => {
    for (const username of ['ketua.pleburan', 'bendahara.pleburan', 'auditor']) {
      const who = await signedIn(app.app, username);
      const key = `rt:${app.s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id}:spj:2026-08`;
      expect((await who.agent.post('/tutup-tahun/pengecualian').type('form').send({ _csrf: who.csrf, year: '2026', blockerKey: key, reason: 'x' })).status, username).toBe(403);
      expect((await who.agent.post('/tutup-tahun').type('form').send({ _csrf: who.csrf, year: '2026', kelurahanCode: PLEBURAN, confirm: 'ya' })).status, username).toBe(403);
    }
    expect(app.s.yearClose.overrides(2026, PLEBURAN)).toEqual([]);
  });
});

describe('after the close: figures that add up, and corrections an admin posts into the closed year', () => {
  const KEL = '3374050010';
  let app: App;
  let admin: Signed;
  let w: Awaited<ReturnType<typeof anRtReady>>;
  let receiptIds: number[];
  beforeAll(async () => {
    app = await world();
    const { s } = app;
    admin = await signedIn(app.app, 'admin');
    w = await anRtReady(s, KEL);
    // November: Rp17.079.000 drawn and every rupiah of it spent and verified.
    const lines = [
      { category: 'SOS', description: 'Konsumsi rapat warga', amount: 5_500_000 },
      { category: 'BUD', description: 'Pengajian akbar', amount: 6_400_000 },
      { category: 'LIN', description: 'Kerja bakti lingkungan', amount: 3_500_000 },
      { category: 'PEM', description: 'Pelatihan keterampilan warga', amount: 1_679_000 },
    ];
    approveAndPay(s, w.bendahara, request(s, w.chair, '2026-11', lines).id);
    receiptIds = [];
    for (const l of lines) {
      const r = await aReceipt(s, w.chair, { category: l.category, amount: l.amount, description: l.description });
      verifyReceipt(s, w.bendahara, r.id);
      receiptIds.push(r.id);
    }
    at('2026-12-02T03:00:00Z');
    verifySpj(s, w.bendahara, submitSpj(s, w.chair, { rtId: w.rt.id, year: 2026, month: '2026-11' }).id);
    at('2026-12-20T03:00:00Z');
    // December's SPJ cannot be filed before the close: cleared with a reason.
    for (const b of closeBlockers(s, 2026, [KEL])) expect((await overrideOver(admin, KEL, b.key, 'Desember tanpa belanja; SPJ nihil diserahkan di atas kertas.')).status).toBe(303);
    expect((await closeOver(admin, KEL)).status).toBe(303);
    at('2027-01-12T03:00:00Z');
  });

  const rtKey = () => `${KEL} rw${String(w.rt.rwNumber).padStart(2, '0')} rt${String(w.rt.number).padStart(3, '0')}`;

  it('replays the Rp17.079.000 bug: the statement summary now shows the full Rp25.000.000 = spent + returned + lapsed', async () => {
    const { s } = app;
    const balances = s.ledger.scopeTrialBalance(2026, KEL);
    const row = perRt(balances).find((r) => r[0] === rtKey())!;
    const [, allocation, undrawn, transit, cash, spent, returned, lapsed] = row;
    // What the summary used to call the allocation (undrawn + cash + spent, the city's year-end accounts left out).
    expect(undrawn + cash + spent).toBe(17_079_000);
    expect({ allocation, undrawn, transit, cash, spent, returned, lapsed }).toEqual({ allocation: 25_000_000, undrawn: 0, transit: 0, cash: 0, spent: 17_079_000, returned: 0, lapsed: 7_921_000 });

    // The same through HTTP: the auditor's bundle (rt-summary.csv) and the kelurahan LPJ (CSV).
    const auditor = await signedIn(app.app, 'auditor');
    const res = await auditor.agent.get(`/laporan/bundel?tahun=2026&kelurahan=${KEL}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const zip = `${tempDbPath()}.zip`;
    fs.writeFileSync(zip, res.body as Buffer);
    const summary = (await readZip(zip)).get('rt-summary.csv')!.toString().trim().split('\n');
    expect(summary[0]).toBe('rt,allocation,undrawn,transit,cash,spent,returned,lapsed');
    expect(summary).toContain(`${rtKey()},25000000,0,0,0,17079000,0,7921000`);
    const lpj = await auditor.agent.get(`/laporan/lpj/${KEL}/csv?tahun=2026`);
    expect(lpj.status).toBe(200);
    const header = lpj.text.replace(/^\uFEFF/, '').split('\n')[0]!.split(',');
    const line = lpj.text.split('\n').find((l) => l.includes(`RT ${String(w.rt.number).padStart(3, '0')} / RW ${String(w.rt.rwNumber).padStart(3, '0')}`))!.split(',');
    const col = (name: string) => Number(line[header.indexOf(name)]);
    expect([col('Alokasi'), col('Total belanja'), col('Dikembalikan ke Kas Daerah'), col('Gugur')]).toEqual([25_000_000, 17_079_000, 0, 7_921_000]);
  });

  /** A correction as the admin's form posts it. */
  const correction = (who: Signed, o: Record<string, string> = {}) =>
    who.agent.post('/tutup-tahun/koreksi').type('form').send({
      _csrf: who.csrf, year: '2026', kelurahanCode: KEL, rtId: String(w.rt.id), from: 'spending:SOS', to: 'returned', amount: '150.000',
      reason: 'Inspektorat: konsumsi untuk acara keluarga pengurus; RT menyetor kembali ke Kas Daerah.', requestKey: `koreksi-${String(++seq).padStart(12, '0')}`, ...o,
    });

  const REFUSED: Array<[string, Record<string, string>, number, string]> = [
    ['no reason', { reason: '   ' }, 422, 'Alasan koreksi wajib diisi.'],
    ['more than the source holds', { amount: '5.500.001' }, 422, 'melebihi saldo belanja SOS'],
    ['from and to the same place', { to: 'spending:SOS' }, 422, 'Asal dan tujuan koreksi harus berbeda.'],
    ['a category the year does not have', { from: 'spending:XYZ' }, 422, 'Pilih asal dan tujuan koreksi'],
    ['into the cash the close emptied', { to: 'cash' }, 422, 'Periksa kembali isian'],
    ['no amount', { amount: '0' }, 422, 'Periksa kembali isian'],
  ];

  it.each(REFUSED)('a correction with %s is refused with the input kept, and nothing is posted', async (_name, o, status, message) => {
    const before = app.s.ledger.rowCounts().entries;
    const res = await correction(admin, o);
    expect(res.status).toBe(status);
    expect(res.text).toContain(message);
    expect(res.text).toContain('id="correction-form"');
    expect(app.s.ledger.rowCounts().entries).toBe(before);
  });

  it('into an RT whose kelurahan is not closed: refused (409), the ordinary reversal is the way there', async () => {
    const rt = app.s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const res = await correction(admin, { rtId: String(rt.id), kelurahanCode: PLEBURAN });
    expect(res.status).toBe(409);
    expect(res.text).toContain('belum ditutup');
  });

  it('the chair, the treasurer and the auditor cannot post a correction (403)', async () => {
    for (const username of ['ketua.pleburan', 'bendahara.pleburan', 'auditor']) {
      const who = await signedIn(app.app, username);
      expect((await correction(who)).status, username).toBe(403);
      expect((await who.agent.get('/tutup-tahun/koreksi')).status, username).toBe(403);
    }
  });

  it('use-case reversals stay refused in the closed year, pointing to the admin correction; the low-level one is refused too once the year is closed', async () => {
    const { s } = app;
    const bendahara = await signedIn(app.app, `bendahara.close.${KEL}`);
    const res = await bendahara.agent.post(`/kuitansi/${receiptIds[0]}/batalkan`).type('form').send({ _csrf: bendahara.csrf, reason: 'salah kategori' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('/tutup-tahun/koreksi');
    const adminActor = toActor(s.users.findByUsername('admin')!);
    const entryId = s.receipts.find(receiptIds[0]!)!.entryId!;
    s.db.sqlite.prepare("UPDATE programme_year SET status = 'closed' WHERE year = 2026").run();
    try {
      expect(codeOf(() => s.db.transaction(() => reverseEntry(s, { entryId, reason: 'koreksi', actor: adminActor, occurredOn: '2026-12-31' })))).toBe('year_closed_use_correction');
    } finally {
      s.db.sqlite.prepare("UPDATE programme_year SET status = 'open' WHERE year = 2026").run();
    }
  });

  it('an admin posts a correction: a new entry tagged 2026, dated the day it is made, with its reason, audited; verify OK; figures still add up', async () => {
    const { s } = app;
    const head = s.ledger.head()!;
    const audited = s.audit.count('year.correct');
    const page = await admin.agent.get(`/tutup-tahun/koreksi?year=2026&kelurahanCode=${KEL}&rtId=${w.rt.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="correction-form"');
    const requestKey = `koreksi-sekali-${String(++seq).padStart(8, '0')}`;
    const res = await correction(admin, { requestKey });
    expect(res.status).toBe(303);
    // A double submit of the same form posts nothing new.
    expect((await correction(admin, { requestKey })).status).toBe(303);
    const entry = s.ledger.findByKey(`year_correction:${requestKey}`)!;
    expect(entry).toMatchObject({ year: 2026, eventType: 'year_correction', eventRef: `rt:${w.rt.id}`, occurredOn: '2027-01-12', id: head.id + 1, prevHash: head.hash });
    expect(entry.reason).toContain('Inspektorat');
    expect(s.ledger.head()!.id).toBe(head.id + 1);
    expect(s.audit.count('year.correct')).toBe(audited + 1);
    expect(s.balances.ofRt(2026, w.rt.id)).toMatchObject({ spent: 16_929_000, returned: 150_000, lapsed: 7_921_000, cash: 0, undrawn: 0, allocated: 25_000_000 });
    const listed = await admin.agent.get(`/tutup-tahun/koreksi?year=2026`);
    expect(listed.text).toContain(`#${entry.id}`);
    expect(listed.text).toContain('Inspektorat: konsumsi untuk acara keluarga pengurus');
    const report = verifyLedger(s, [], { evidence: false });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('verify refuses a correction-shaped entry posted around the use case (RT not closed, or on its cash)', async () => {
    const { s } = app;
    const pleburanRt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const ref = { kelurahanCode: PLEBURAN, rwNumber: 1, rtNumber: 1 };
    s.db.transaction(() => {
      s.ledger.ensureAccounts(2026, pleburanRt.id, [{ name: rtLapsedAccount(ref), kind: 'lapsed', category: null }]);
      postEntry(s, {
        year: 2026, eventType: 'year_correction', eventRef: `rt:${pleburanRt.id}`, description: 'sisipan', actor: 'user:1:admin', occurredOn: '2027-01-12',
        idempotencyKey: 'year_correction:by-hand-0001', reason: 'tanpa tutup tahun', postings: [{ account: rtLapsedAccount(ref), amount: 50_000 }, { account: rtSpendingAccount(ref, 'SOS'), amount: -50_000 }],
      });
    });
    const report = verifyLedger(s, [], { evidence: false });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain('koreksi setelah tutup tahun yang melanggar aturannya');
  });
});

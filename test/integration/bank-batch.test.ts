/**
 * A bank batch is a fixed record, and money in transit is not cash (issue 15, items 5 and 6),
 * replayed through HTTP as a hurried treasurer, a careless city treasury and a dishonest insider
 * would: reverse a tranche the bank is paying, change an RT's account after its file went out,
 * batch and pay as the treasurer who approved, spend money the bank has not paid. Each row runs on
 * its own seeded database; after every path the ledger verifies and the cash book is the ledger's cash.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { requestTranche } from '../../src/app/request-tranche';
import { recordReceipt } from '../../src/app/record-receipt';
import { cashAvailableFor } from '../../src/app/cash-facts';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import type { Actor } from '../../src/domain/access';
import { aSubmittedPlan, aUser, approvePlanFully, approveTrancheFully, finishChain } from '../builders';
import type { Services } from '../helpers/db';
import { binary, csrfFrom, seededApp, signedIn, type Agent } from '../helpers/http';
import { codeOf } from '../helpers/errors';

const PLEBURAN = '3374050005';
const AMOUNT = 1_000_000;

let s: Services;
let clock: Date;
let rtId: number;
let chair: Actor;
let users: Record<'ketua' | 'bendahara' | 'bpkad' | 'admin' | 'auditor', { agent: Agent; csrf: string }>;
let seq = 0;

const at = (iso: string) => {
  clock = new Date(iso);
};
const today = () => clock.toISOString().slice(0, 10);

type Who = keyof typeof users;
/** A form post as the browser sends it (with the page's CSRF token). */
const post = (who: Who, path: string, body: Record<string, string> = {}) => users[who].agent.post(path).type('form').send({ _csrf: users[who].csrf, ...body });
const download = (who: Who, batchId: number) => users[who].agent.get(`/bank/batch/${batchId}/csv`).buffer(true).parse(binary);

/** The chair's December RBB, approved by the kelurahan treasurer: the tranche id. */
async function approvedTranche(): Promise<number> {
  const req = await users.ketua.agent
    .post(`/rt/${rtId}/pencairan`)
    .type('form')
    .send(`_csrf=${users.ketua.csrf}&year=2026&requestKey=bank-batch-key-${String(++seq).padStart(8, '0')}&month=2026-12&lineCategory=SOS&lineDescription=Rapat+warga&lineAmount=1.000.000`);
  expect(req.status).toBe(303);
  const t = s.tranches.ofRt(rtId, 2026).find((x) => x.status === 'pending')!;
  expect((await post('bendahara', `/pencairan/${t.id}/setujui`)).status).toBe(303);
  finishChain(s, 'tranche', t.id);
  return t.id;
}

/** BPKAD makes the kelurahan's batch: its id. */
async function batchNow(): Promise<number> {
  const res = await post('bpkad', `/kelurahan/${PLEBURAN}/bank`);
  expect(res.status).toBe(303);
  return Number(res.headers.location!.split('/').pop());
}

const rowOf = (batchId: number, trancheId: number) => s.tranches.batchRows(batchId).find((r) => r.trancheId === trancheId)!;
const money = () => s.balances.ofRt(2026, rtId);
const audits = (action: string) => (s.db.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

/** The ledger verifies, and the RT's cash book ends on the ledger's cash. */
function ledgerIsWhole() {
  expect(verifyLedger(s).problems).toEqual([]);
  const lines = s.ledger.cashBookLines(2026, rtId, '2026-01-01', '2027-01-01');
  expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(money().cash);
}

beforeEach(async () => {
  at('2026-12-03T03:00:00Z');
  const app = await seededApp({ sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 }, () => clock);
  s = app.s;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  chair = (await aUser(s, { username: 'ketua.bank', role: 'ketua_rt', rtId })).actor;
  approvePlanFully(s, toActor(s.users.findByUsername('bendahara.pleburan')!), (await aSubmittedPlan(s, chair)).id);
  users = {
    ketua: await signedIn(app.app, 'ketua.bank'),
    bendahara: await signedIn(app.app, 'bendahara.pleburan'),
    bpkad: await signedIn(app.app, 'bpkad'),
    admin: await signedIn(app.app, 'admin'),
    auditor: await signedIn(app.app, 'auditor'),
  };
});

describe('who makes and answers bank batches', () => {
  // The treasurer who approves never pays: every bank write is BPKAD's alone.
  const WRITES: Array<[string, (batchId: number, rowId: number) => [string, Record<string, string>]]> = [
    ['make a batch', () => [`/kelurahan/${PLEBURAN}/bank`, {}]],
    ['mark the whole batch paid', (b) => [`/bank/batch/${b}/dibayar`, { bankReference: 'BJTG-1', paidOn: '2026-12-03' }]],
    ['record a row paid', (b, r) => [`/bank/batch/${b}/baris/${r}`, { outcome: 'paid', bankReference: 'BJTG-2', paidOn: '2026-12-03' }]],
    ['record a row failed', (b, r) => [`/bank/batch/${b}/baris/${r}`, { outcome: 'failed', reason: 'Rekening tutup' }]],
    ['cancel the batch', (b) => [`/bank/batch/${b}/batal`, { reason: 'Salah kirim' }]],
  ];

  it.each(WRITES)('%s: the bendahara, the admin and the auditor get 403 and nothing changes; BPKAD may', async (what, route) => {
    const trancheId = await approvedTranche();
    // Making a batch needs a tranche in none; the others act on a batch already made.
    const batchId = what === 'make a batch' ? 0 : await batchNow();
    const [path, body] = route(batchId, batchId ? rowOf(batchId, trancheId).id : 0);
    const state = () => JSON.stringify([s.tranches.batches(PLEBURAN), batchId ? s.tranches.batchRows(batchId) : [], s.tranches.find(trancheId), s.ledger.head(), audits('bank_batch.create')]);
    const before = state();
    for (const who of ['bendahara', 'admin', 'auditor'] as const) expect((await post(who, path, body)).status, who).toBe(403);
    expect(state()).toBe(before);
    expect((await post('bpkad', path, body)).status).toBe(303);
    expect(state()).not.toBe(before);
    ledgerIsWhole();
  });

  it('the admin creates a BPKAD user with city scope (no kelurahan kept even when one is sent)', async () => {
    const form = await users.admin.agent.get('/admin/pengguna/baru');
    expect(form.text).toContain('BPKAD (kas daerah)');
    const made = await users.admin.agent.post('/admin/pengguna/baru').type('form')
      .send({ _csrf: csrfFrom(form.text), username: 'bpkad.kedua', displayName: 'Staf BPKAD', role: 'bpkad', kelurahanCode: PLEBURAN, password: 'sandi-bpkad-kedua-1' });
    expect(made.status).toBe(303);
    expect(s.users.findByUsername('bpkad.kedua')).toMatchObject({ role: 'bpkad', kelurahanCode: null, rtId: null, kecamatanCodes: null });
  });

  it('the bendahara sees her kelurahan’s bank page without the button to make a batch', async () => {
    await approvedTranche();
    const page = await users.bendahara.agent.get(`/kelurahan/${PLEBURAN}/bank`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Menunggu BPKAD membuat batch');
    expect(page.text).not.toContain(`action="/kelurahan/${PLEBURAN}/bank"`);
  });
});

describe('a bank batch is a fixed record', () => {
  it('a tranche in an unpaid batch cannot be reversed; after the batch is cancelled whole it can', async () => {
    const trancheId = await approvedTranche();
    const batchId = await batchNow();
    const refused = await post('bendahara', `/pencairan/${trancheId}/batalkan`, { reason: 'Salah bulan' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(`ada di batch bank #${batchId} yang belum dibayar`);
    expect(s.tranches.find(trancheId)!.status).toBe('approved');
    expect(s.tranches.find(trancheId)!.batchId).toBe(batchId);
    // Cancelling needs a reason; then the whole batch is off and its tranche back to be batched.
    expect((await post('bpkad', `/bank/batch/${batchId}/batal`, { reason: '' })).status).toBe(422);
    expect((await post('bpkad', `/bank/batch/${batchId}/batal`, { reason: 'Berkas dikirim ke bank yang salah' })).status).toBe(303);
    expect(s.tranches.findBatch(batchId)!.status).toBe('cancelled');
    expect(s.tranches.batchRows(batchId).map((r) => r.status)).toEqual(['cancelled']);
    expect(s.tranches.find(trancheId)!.batchId).toBeNull();
    expect(s.tranches.unbatched(PLEBURAN).map((r) => r.tranche.id)).toContain(trancheId);
    // A cancelled batch takes no answer.
    expect((await post('bpkad', `/bank/batch/${batchId}/dibayar`, { bankReference: 'X', paidOn: today() })).status).toBe(409);
    // Now the reversal goes through, from in transit.
    expect(money().transit).toBe(AMOUNT);
    expect((await post('bendahara', `/pencairan/${trancheId}/batalkan`, { reason: 'Salah bulan' })).status).toBe(303);
    expect(money().transit).toBe(0);
    expect(money().cash).toBe(0);
    ledgerIsWhole();
  });

  it('a batch with an answered row cannot be cancelled whole', async () => {
    const first = await approvedTranche();
    // A second RT in the same batch.
    const other = s.registry.findRtByNumbers(PLEBURAN, 3, 6)!.id;
    const { actor: otherChair } = await aUser(s, { role: 'ketua_rt', rtId: other });
    const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
    approvePlanFully(s, bendahara, (await aSubmittedPlan(s, otherChair, other)).id);
    approveTrancheFully(s, bendahara, requestTranche(s, otherChair, { rtId: other, year: 2026, month: '2026-12', lines: [{ category: 'SOS', description: 'Rapat', amount: 500_000 }], requestKey: 'bank-batch-other-0001' }).id);
    const batchId = await batchNow();
    expect(s.tranches.findBatch(batchId)!.rowCount).toBe(2);
    expect((await post('bpkad', `/bank/batch/${batchId}/baris/${rowOf(batchId, first).id}`, { outcome: 'failed', reason: 'Rekening tutup' })).status).toBe(303);
    expect(s.tranches.findBatch(batchId)!.status).toBe('open');
    const again = await post('bpkad', `/bank/batch/${batchId}/batal`, { reason: 'Coba batalkan' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('1 baris sudah dijawab bank');
    expect(s.tranches.findBatch(batchId)!.status).toBe('open');
    // The other row is still the bank's to answer; then the batch is answered.
    const otherTranche = s.tranches.ofRt(other, 2026)[0]!.id;
    expect((await post('bpkad', `/bank/batch/${batchId}/dibayar`, { bankReference: 'BJTG-REST', paidOn: today() })).status).toBe(303);
    expect(s.tranches.find(otherTranche)!.status).toBe('paid');
    expect(s.tranches.find(first)).toMatchObject({ status: 'approved', batchId: null });
    expect(s.tranches.findBatch(batchId)!.status).toBe('paid');
    ledgerIsWhole();
  });

  it('a changed bank account does not change an old batch’s CSV; the bytes hash to the stored SHA-256; every download is audited', async () => {
    const trancheId = await approvedTranche();
    const batchId = await batchNow();
    const rt = s.registry.findRt(rtId)!;
    const first = await download('bpkad', batchId);
    expect(first.status).toBe(200);
    const bytes = first.body as Buffer;
    expect(bytes.toString('utf8')).toContain(rt.bankAccount);
    const stored = s.tranches.findBatch(batchId)!.csvSha256;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored);
    expect(first.headers['x-content-sha256']).toBe(stored);
    // The admin corrects the RT's account afterwards.
    const edit = await users.admin.agent.get(`/rt/${rtId}/ubah`);
    const changed = await users.admin.agent.post(`/rt/${rtId}/ubah`).type('form').send({ _csrf: csrfFrom(edit.text), chairName: rt.chairName, bankAccount: '2098765432' });
    expect(changed.status).toBe(303);
    expect(s.registry.findRt(rtId)!.bankAccount).toBe('2098765432');
    const before = audits('bank_batch.download');
    const second = await download('bendahara', batchId);
    const third = await download('auditor', batchId);
    expect(Buffer.compare(second.body as Buffer, bytes)).toBe(0);
    expect(Buffer.compare(third.body as Buffer, bytes)).toBe(0);
    expect((second.body as Buffer).toString('utf8')).not.toContain('2098765432');
    // The batch page shows the account the bank got, too.
    const page = await users.bpkad.agent.get(`/bank/batch/${batchId}`);
    expect(page.text).toContain(rt.bankAccount);
    expect(page.text).not.toContain('2098765432');
    expect(rowOf(batchId, trancheId).bankAccount).toBe(rt.bankAccount);
    expect(audits('bank_batch.download')).toBe(before + 2);
    const last = s.db.sqlite.prepare(`SELECT actor_name AS who, summary FROM audit_log WHERE action = 'bank_batch.download' ORDER BY id DESC LIMIT 1`).get() as { who: string; summary: string };
    expect(last.who).toBe('auditor');
    expect(last.summary).toContain(stored!);
    ledgerIsWhole();
  });
});

describe('a batch made before files were stored (migrated)', () => {
  it('gets its file made once from its stored rows at the first download; later downloads serve those bytes', async () => {
    const batchId = s.tranches.batches(PLEBURAN).find((b) => b.status === 'paid')!.id;
    // As the migration leaves it: rows backfilled, no file, no SHA-256.
    s.db.sqlite.prepare('UPDATE bank_batches SET csv_file = NULL, csv_sha256 = NULL WHERE id = ?').run(batchId);
    const first = await download('auditor', batchId);
    expect(first.status).toBe(200);
    const stored = s.tranches.findBatch(batchId)!.csvSha256;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update(first.body as Buffer).digest('hex')).toBe(stored);
    const rows = s.tranches.batchRows(batchId);
    for (const r of rows) expect((first.body as Buffer).toString('utf8')).toContain(`${r.bankAccount},${r.accountName},${r.amount},${r.reference}`);
    const second = await download('bpkad', batchId);
    expect(Buffer.compare(second.body as Buffer, first.body as Buffer)).toBe(0);
    expect(s.tranches.findBatch(batchId)!.csvSha256).toBe(stored);
    ledgerIsWhole();
  });
});

describe('the bank’s answer, row by row, and money in transit', () => {
  it('cash is not spendable while in transit; the bank’s payment posts it to cash on the paid date', async () => {
    const trancheId = await approvedTranche();
    expect(money()).toMatchObject({ transit: AMOUNT, cash: 0 });
    expect(cashAvailableFor(s, rtId, 2026)).toBe(0);
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 9, g: 120, b: 7 } } }).png().toBuffer();
    const nota = { ...(await s.evidence.put(png, 'image/png', 'nota-atk.png')), kind: 'nota' as const };
    const spend = (key: string) =>
      codeOf(() => recordReceipt(s, chair, { rtId, year: 2026, date: today(), category: 'ADM', description: 'ATK', vendor: 'Toko', notaNumber: 'N-1', amount: 100_000, items: [], files: [nota], requestKey: key }));
    expect(spend('bank-batch-spend-01')).toBe('receipt_exceeds_cash');
    const page = await users.ketua.agent.get(`/rt/${rtId}/pencairan`);
    expect(page.text).toContain('Dalam transfer (belum dibayar bank)');
    expect(page.text).toContain('Menunggu dikirim ke bank oleh BPKAD');
    const batchId = await batchNow();
    expect(cashAvailableFor(s, rtId, 2026)).toBe(0);
    at('2026-12-05T03:00:00Z');
    const paid = await post('bpkad', `/bank/batch/${batchId}/dibayar`, { bankReference: 'BJTG-20261204-77', paidOn: '2026-12-04' });
    expect(paid.status).toBe(303);
    expect(money()).toMatchObject({ transit: 0, cash: AMOUNT });
    expect(s.tranches.find(trancheId)!.status).toBe('paid');
    expect(s.tranches.findBatch(batchId)!.status).toBe('paid');
    const row = rowOf(batchId, trancheId);
    expect(row).toMatchObject({ status: 'paid', bankReference: 'BJTG-20261204-77', paidOn: '2026-12-04' });
    // The cash book receives the money on the day the bank paid, not the day it was approved.
    const lines = s.ledger.cashBookLines(2026, rtId, '2026-01-01', '2027-01-01');
    expect(lines.map((l) => [l.date, l.amount, l.eventType])).toEqual([['2026-12-04', AMOUNT, 'bank_transfer']]);
    expect(s.ledger.findById(row.entryId!)!.occurredOn).toBe('2026-12-04');
    expect(cashAvailableFor(s, rtId, 2026)).toBe(AMOUNT);
    expect(spend('bank-batch-spend-02')).toBe('ok');
    const timeline = await users.ketua.agent.get(`/rt/${rtId}/pencairan`);
    for (const step of ['Diajukan', 'Disetujui', 'Dalam transfer', 'Diterima', '4 Desember 2026', 'Ref. bank BJTG-20261204-77']) expect(timeline.text).toContain(step);
    ledgerIsWhole();
  });

  it('a failed row goes back to be batched, its money stays in transit, and a new batch pays it', async () => {
    const trancheId = await approvedTranche();
    const first = await batchNow();
    expect((await post('bpkad', `/bank/batch/${first}/baris/${rowOf(first, trancheId).id}`, { outcome: 'failed', reason: '' })).status).toBe(422);
    expect((await post('bpkad', `/bank/batch/${first}/baris/${rowOf(first, trancheId).id}`, { outcome: 'failed', reason: 'Nama pemilik rekening tidak sesuai' })).status).toBe(303);
    expect(rowOf(first, trancheId)).toMatchObject({ status: 'failed', failureReason: 'Nama pemilik rekening tidak sesuai' });
    expect(s.tranches.find(trancheId)).toMatchObject({ status: 'approved', batchId: null });
    // Every row answered: the batch is answered, with no money moved.
    expect(s.tranches.findBatch(first)!.status).toBe('paid');
    expect(money()).toMatchObject({ transit: AMOUNT, cash: 0 });
    // Answered once only.
    expect((await post('bpkad', `/bank/batch/${first}/baris/${rowOf(first, trancheId).id}`, { outcome: 'paid', bankReference: 'X', paidOn: today() })).status).toBe(409);
    const page = await users.ketua.agent.get(`/rt/${rtId}/pencairan`);
    expect(page.text).toContain(`Transfer gagal (batch #${first}`);
    expect(page.text).toContain('Nama pemilik rekening tidak sesuai');
    ledgerIsWhole();
    // Back on the bank page, into a new batch, paid there.
    expect((await users.bpkad.agent.get(`/kelurahan/${PLEBURAN}/bank`)).text).toContain('Buat batch (1 baris, Rp1.000.000)');
    const second = await batchNow();
    expect(second).not.toBe(first);
    const row = rowOf(second, trancheId);
    expect((await post('bpkad', `/bank/batch/${second}/baris/${row.id}`, { outcome: 'paid', bankReference: 'BJTG-RETRY-1', paidOn: today() })).status).toBe(303);
    expect(s.tranches.find(trancheId)).toMatchObject({ status: 'paid', batchId: second });
    expect(money()).toMatchObject({ transit: 0, cash: AMOUNT });
    ledgerIsWhole();
  });

  it.each([
    ['before the batch was made', '2026-12-02', 422],
    ['in the future', '2026-12-09', 422],
    ['not a calendar date', '2026-02-30', 422],
    ['the day the batch was made', '2026-12-03', 303],
  ])('a paid date %s: %s → %i', async (_what, paidOn, status) => {
    await approvedTranche();
    const batchId = await batchNow();
    const res = await post('bpkad', `/bank/batch/${batchId}/dibayar`, { bankReference: 'BJTG-DATE', paidOn });
    expect(res.status).toBe(status);
    if (status === 422) {
      expect(res.text).toContain('BJTG-DATE'); // the input is kept
      expect(money().cash).toBe(0);
    }
    ledgerIsWhole();
  });

  it('without the bank’s reference a payment is refused with the input kept', async () => {
    await approvedTranche();
    const batchId = await batchNow();
    const res = await post('bpkad', `/bank/batch/${batchId}/dibayar`, { bankReference: '', paidOn: today() });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Nomor referensi bank wajib diisi');
    expect(s.tranches.findBatch(batchId)!.status).toBe('open');
  });
});

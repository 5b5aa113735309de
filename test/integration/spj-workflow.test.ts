/**
 * Reported months are closed and the SPJ workflow traps nobody (issue 15, items 2 and 3),
 * replayed through HTTP as a careless chair, a dishonest chair, a hurried treasurer and an
 * insider with the database file would try them:
 * - a September receipt after November's SPJ was verified;
 * - an SPJ sent while a receipt of its month is returned or still waiting;
 * - a forgotten receipt after the SPJ was sent (withdraw, record, send again);
 * - a late SPJ whose lateness vanished once it was sent;
 * - December's SPJ, due 15 December, sendable only from 1 January;
 * - a correction booked into a month already reported;
 * - verified SPJ figures rewritten, or an entry slipped into a reported month.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { postEntry } from '../../src/app/post-entry';
import { requestTranche } from '../../src/app/request-tranche';
import { evidenceImage } from '../../src/app/seed-documents';
import { spjSchedule } from '../../src/app/spj';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import { rtCashAccount, rtSpendingAccount } from '../../src/domain/ledger/accounts';
import type { Actor } from '../../src/domain/access';
import { aSubmittedPlan, aUser, approveAndPay, theTreasury, approvePlanFully, approveTrancheFully } from '../builders';
import { createBankBatch } from '../../src/app/bank-batch';
import { markBatchPaid } from '../../src/app/answer-bank-batch';
import type { Services } from '../helpers/db';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
let n = 0;
const img = (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir') => evidenceImage(kind, [`spj alur ${++n}`, randomBytes(4).toString('hex')], 700 + n);

let s: Services;
let clock: Date;
let rtId: number;
let chair: Actor;
let ketua: { agent: Agent; csrf: string };
let bendahara: { agent: Agent; csrf: string };

const at = (iso: string) => {
  clock = new Date(iso);
};

/** The chair records an SOS receipt through the form (nota, activity photo, attendance list). */
async function postReceipt(date: string, amount = '100.000') {
  return ketua.agent
    .post(`/rt/${rtId}/kuitansi`)
    .field('_csrf', ketua.csrf)
    .field('year', '2026')
    .field('requestKey', randomBytes(12).toString('base64url'))
    .field('date', date)
    .field('category', 'SOS')
    .field('description', `Konsumsi rapat warga ${++n}`)
    .field('vendor', 'Warung Bu Sri')
    .field('notaNumber', `WS-${n}`)
    .field('amount', amount)
    .attach('nota', await img('nota'), 'nota.jpg')
    .attach('fotoKegiatan', await img('foto_kegiatan'), 'kegiatan.jpg')
    .attach('daftarHadir', await img('daftar_hadir'), 'hadir.jpg');
}
const lastReceipt = () => s.receipts.ofRt(rtId, 2026)[0]!;
const submit = (month: string) => ketua.agent.post(`/rt/${rtId}/spj`).type('form').send({ _csrf: ketua.csrf, year: '2026', month });
const spjOf = (month: string) => s.receipts.spj(rtId, 2026, month)!;
const verify = (month: string) => bendahara.agent.post(`/spj/${spjOf(month).id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf });
const giveBack = (month: string) => bendahara.agent.post(`/spj/${spjOf(month).id}/kembalikan`).type('form').send({ _csrf: bendahara.csrf, note: 'Periksa lagi.' });
const withdraw = (month: string) => ketua.agent.post(`/spj/${spjOf(month).id}/tarik`).type('form').send({ _csrf: ketua.csrf });
const decide = (id: number, what: 'verifikasi' | 'kembalikan' | 'batalkan', body: Record<string, string> = {}) =>
  bendahara.agent.post(`/kuitansi/${id}/${what}`).type('form').send({ _csrf: bendahara.csrf, ...body });
const errorOf = (html: string) => /alert-error"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? html.slice(0, 400);

/** Reports a month and has it verified (nil when nothing was spent). */
async function reportAndVerify(month: string) {
  const sent = await submit(month);
  expect(sent.status, errorOf(sent.text)).toBe(303);
  expect((await verify(month)).status).toBe(303);
}

beforeEach(async () => {
  at('2026-09-02T03:00:00Z');
  // Sessions outlive the clock jumps of these tests.
  const app = await seededApp({ sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 }, () => clock);
  s = app.s;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  ({ actor: chair } = await aUser(s, { username: 'ketua.spj.alur', role: 'ketua_rt', rtId }));
  const b = toActor(s.users.findByUsername('bendahara.pleburan')!);
  approvePlanFully(s, b, (await aSubmittedPlan(s, chair)).id);
  approveAndPay(s, b, requestTranche(s, chair, { rtId, year: 2026, month: '2026-09', lines: [{ category: 'SOS', description: 'Rapat warga', amount: 3_000_000 }], requestKey: 'spj-alur-t-0001' }).id);
  ketua = await signedIn(app.app, 'ketua.spj.alur');
  bendahara = await signedIn(app.app, 'bendahara.pleburan');
  at('2026-09-20T03:00:00Z');
  expect((await postReceipt('2026-09-18')).status).toBe(303);
  expect((await decide(lastReceipt().id, 'verifikasi')).status).toBe(303);
});

describe('a reported month takes no more spending', () => {
  it('a September receipt after November’s SPJ was verified is refused, and so is one dated in November; December is open', async () => {
    at('2026-10-05T03:00:00Z');
    await reportAndVerify('2026-09');
    at('2026-11-03T03:00:00Z');
    await reportAndVerify('2026-10');
    at('2026-12-02T03:00:00Z');
    await reportAndVerify('2026-11');
    const stored = { ...spjOf('2026-09') };

    for (const date of ['2026-09-25', '2026-11-30']) {
      const late = await postReceipt(date);
      expect(late.status).toBe(422);
      expect(late.text).toContain('SPJ sampai November 2026 sudah diajukan');
      // The message never asks anyone to put another date on real spending.
      expect(late.text).not.toMatch(/tanggal bulan berjalan/);
      expect(late.text).toContain('tanggal aslinya');
    }
    expect(s.receipts.ofRt(rtId, 2026)).toHaveLength(1);
    expect((await postReceipt('2026-12-01')).status).toBe(303);
    // The page says up to which month the books are closed.
    expect((await ketua.agent.get(`/rt/${rtId}/kuitansi`)).text).toContain('SPJ sampai November 2026 sudah diajukan');
    expect(spjOf('2026-09')).toEqual(stored);
    expect(verifyLedger(s).ok).toBe(true);
  });

  it('the insider with the database file: an entry slipped into a verified month, or a verified SPJ’s figures rewritten, is what verify reports', async () => {
    at('2026-10-05T03:00:00Z');
    await reportAndVerify('2026-09');
    expect(verifyLedger(s).ok).toBe(true);
    const rt = s.registry.findRt(rtId)!;
    const ref = { kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number };
    // Below the use cases (which refuse it): spending posted with a September date.
    s.db.transaction(() =>
      postEntry(s, {
        year: 2026,
        eventType: 'receipt',
        eventRef: 'receipt:999999',
        description: 'Belanja disisipkan',
        actor: 'orang dalam',
        occurredOn: '2026-09-28',
        idempotencyKey: 'insider-sep',
        postings: [
          { account: rtSpendingAccount(ref, 'SOS'), amount: 50_000 },
          { account: rtCashAccount(ref), amount: -50_000 },
        ],
      }),
    );
    const slipped = verifyLedger(s);
    expect(slipped.ok).toBe(false);
    expect(slipped.problems.join('\n')).toMatch(/SPJ #\d+ \(RT #\d+, 2026-09\) terverifikasi tidak sama dengan buku besar: belanja tercatat 100000, buku besar 150000; kas akhir/);
  });

  it('a verified SPJ’s stored figures rewritten in the file are reported', async () => {
    at('2026-10-05T03:00:00Z');
    await reportAndVerify('2026-09');
    s.db.sqlite.prepare(`UPDATE spj_reports SET spent = spent - 40000, closing_cash = closing_cash + 40000 WHERE id = ?`).run(spjOf('2026-09').id);
    const r = verifyLedger(s);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toContain('belanja tercatat 60000, buku besar 100000; kas akhir tercatat 2940000, buku besar 2900000');
  });
});

describe('an SPJ cannot trap anyone', () => {
  it('not sent while a receipt of its month is returned or waiting; the page lists them with what to do', async () => {
    expect((await postReceipt('2026-09-19')).status).toBe(303);
    const open = lastReceipt().id;
    expect((await decide(open, 'kembalikan', { note: 'Daftar hadir tanpa tanda tangan.' })).status).toBe(303);
    at('2026-10-02T03:00:00Z');
    const returned = await submit('2026-09');
    expect(returned.status).toBe(422);
    expect(errorOf(returned.text)).toContain('1 kuitansi dikembalikan (lengkapi dan kirim ulang, atau tarik)');
    const page = await ketua.agent.get(`/rt/${rtId}/kuitansi`);
    expect(page.text).toContain('Belum dapat diajukan');
    expect(page.text).toContain(`href="#kuitansi-${open}"`);
    expect(page.text).not.toContain('Ajukan SPJ September 2026');

    // Completed and sent again: now it waits for the treasurer, and the SPJ still waits for it.
    const resend = await ketua.agent.post(`/kuitansi/${open}/kirim-ulang`).field('_csrf', ketua.csrf).attach('daftarHadir', await img('daftar_hadir'), 'hadir-ttd.jpg');
    expect(resend.status).toBe(303);
    const waiting = await submit('2026-09');
    expect(waiting.status).toBe(422);
    expect(errorOf(waiting.text)).toContain('1 kuitansi menunggu verifikasi kelurahan');
    expect((await decide(open, 'verifikasi')).status).toBe(303);
    await reportAndVerify('2026-09');
    expect(spjOf('2026-09')).toMatchObject({ status: 'verified', spent: 200_000, receiptCount: 2 });
  });

  it('a forgotten receipt after sending: refused, the chair withdraws the SPJ, records it with its own date, and sends again', async () => {
    at('2026-10-03T03:00:00Z');
    expect((await submit('2026-09')).status).toBe(303);
    expect((await postReceipt('2026-09-29')).status).toBe(422);
    const page = await ketua.agent.get(`/rt/${rtId}/kuitansi`);
    expect(page.text).toContain('Tarik SPJ September 2026');
    expect((await withdraw('2026-09')).status).toBe(303);
    expect(spjOf('2026-09').status).toBe('withdrawn');
    expect((await postReceipt('2026-09-29')).status).toBe(303);
    expect(lastReceipt()).toMatchObject({ date: '2026-09-29', status: 'pending' });
    expect((await decide(lastReceipt().id, 'verifikasi')).status).toBe(303);
    await reportAndVerify('2026-09');
    expect(spjOf('2026-09')).toMatchObject({ status: 'verified', spent: 200_000 });
    // A verified report is not withdrawn.
    expect((await withdraw('2026-09')).status).toBe(409);
    expect(verifyLedger(s).ok).toBe(true);
  });

  it('only the latest sent SPJ is withdrawn or returned: the months after it stand on it', async () => {
    at('2026-11-02T03:00:00Z');
    expect((await submit('2026-09')).status).toBe(303);
    expect((await submit('2026-10')).status).toBe(303);
    const earlier = await withdraw('2026-09');
    expect(earlier.status).toBe(409);
    expect(earlier.text).toContain('SPJ Oktober 2026 sudah diajukan sesudah SPJ September 2026');
    expect((await giveBack('2026-09')).status).toBe(409);
    expect(spjOf('2026-09').status).toBe('submitted');
    expect((await giveBack('2026-10')).status).toBe(303);
    expect((await giveBack('2026-09')).status).toBe(303);
    // Both months are open again: a September receipt may be recorded.
    expect((await postReceipt('2026-09-30')).status).toBe(303);
  });
});

describe('a returned receipt keeps its cash (replayed through the forms)', () => {
  it('Rp2.900.000 spent and returned: the page shows nothing left to spend, a new receipt is refused, the returned one is re-sent', async () => {
    expect((await postReceipt('2026-09-19', '2.900.000')).status).toBe(303);
    const spent = lastReceipt().id;
    expect((await decide(spent, 'kembalikan', { note: 'Foto kegiatan kurang jelas.' })).status).toBe(303);
    const page = await ketua.agent.get(`/rt/${rtId}/kuitansi`);
    expect(page.text).toMatch(/Bisa dibelanjakan<\/dt><dd>Rp0</);
    const more = await postReceipt('2026-09-20', '300.000');
    expect(more.status).toBe(422);
    expect(errorOf(more.text)).toContain('melebihi kas RT yang tersedia');
    const resend = await ketua.agent.post(`/kuitansi/${spent}/kirim-ulang`).field('_csrf', ketua.csrf).attach('fotoKegiatan', await img('foto_kegiatan'), 'kegiatan-jelas.jpg');
    expect(resend.status).toBe(303);
    expect(s.receipts.find(spent)!.status).toBe('pending');
  });
});

describe('a reversal never traps a month (found by the property test)', () => {
  it('a September receipt verified, reversed in October before September was reported: September and October are still verified', async () => {
    at('2026-10-02T03:00:00Z');
    const sept = lastReceipt();
    expect((await decide(sept.id, 'batalkan', { reason: 'Belanja ganda.' })).status).toBe(303);
    // September's ledger holds the spending, October the reversal: each SPJ matches its own month.
    await reportAndVerify('2026-09');
    expect(spjOf('2026-09')).toMatchObject({ status: 'verified', spent: 100_000 });
    at('2026-11-02T03:00:00Z');
    await reportAndVerify('2026-10');
    expect(spjOf('2026-10')).toMatchObject({ status: 'verified', received: 100_000, spent: 0 });
    expect(verifyLedger(s).ok).toBe(true);
  });
});

describe('the bank pays in a month the RT has already reported', () => {
  it('the transfer is booked in the first open month, the bank’s own date kept on the row; the reported SPJ stays equal to the ledger', async () => {
    at('2026-10-05T03:00:00Z');
    await reportAndVerify('2026-09');
    const b = toActor(s.users.findByUsername('bendahara.pleburan')!);
    const t = requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat warga', amount: 500_000 }], requestKey: 'spj-alur-t-0002' });
    approveTrancheFully(s, b, t.id);
    const bpkad = theTreasury(s);
    const { batchId } = createBankBatch(s, bpkad, s.registry.findRt(rtId)!.kelurahanCode);
    // October is reported (nil: the money has not arrived) before BPKAD records the bank's 30 October payment.
    at('2026-11-03T03:00:00Z');
    await reportAndVerify('2026-10');
    const october = { ...spjOf('2026-10') };
    markBatchPaid(s, bpkad, batchId, { bankReference: 'BJTG-1030', paidOn: '2026-10-30' });
    const row = s.tranches.batchRows(batchId)[0]!;
    expect(row).toMatchObject({ status: 'paid', paidOn: '2026-10-30' });
    expect(s.ledger.findById(row.entryId!)!.occurredOn).toBe('2026-11-01');
    expect(spjOf('2026-10')).toEqual(october);
    expect(verifyLedger(s).ok).toBe(true);
  });
});

describe('lateness and December', () => {
  it('a late SPJ keeps its lateness once sent and once verified (41 days), on the chair’s page, the review page and the LPJ', async () => {
    at('2026-11-20T03:00:00Z'); // September's SPJ was due 10 October
    expect(spjSchedule(s, rtId, 2026).find((m) => m.month === '2026-09')!.daysLate).toBe(41);
    expect((await submit('2026-09')).status).toBe(303);
    expect(spjOf('2026-09').daysLate).toBe(41);
    expect(spjSchedule(s, rtId, 2026).find((m) => m.month === '2026-09')!.daysLate).toBe(41);
    expect((await verify('2026-09')).status).toBe(303);
    at('2026-11-25T03:00:00Z');
    expect(spjSchedule(s, rtId, 2026).find((m) => m.month === '2026-09')!.daysLate).toBe(41);
    expect((await ketua.agent.get(`/rt/${rtId}/kuitansi`)).text).toContain('diajukan terlambat 41 hari');
    const review = await bendahara.agent.get('/verifikasi');
    expect(review.text).toMatch(/September 2026<\/td><td>[^<]+<\/td><td>diajukan 20 November 2026<\/td><td class="num"><span class="badge badge-bad">41 hari/);
    // The kelurahan report counts September (sent late stays late) and October (due 10 November, not sent).
    const lpj = await bendahara.agent.get(`/laporan/lpj/${PLEBURAN}/csv`);
    expect(lpj.status).toBe(200);
    const rt = s.registry.findRt(rtId)!;
    const row = lpj.text.split('\n').find((l) => l.includes(`RT ${String(rt.number).padStart(3, '0')} / RW ${String(rt.rwNumber).padStart(3, '0')}`));
    expect(row?.split(',').at(-1)?.trim()).toBe('2');
  });

  it('December’s SPJ is sent from 1 December (due 15 December); November’s not before November is over', async () => {
    at('2026-10-05T03:00:00Z');
    await reportAndVerify('2026-09');
    at('2026-11-04T03:00:00Z');
    await reportAndVerify('2026-10');
    at('2026-11-28T03:00:00Z');
    expect((await submit('2026-11')).status).toBe(422);
    at('2026-12-02T03:00:00Z');
    await reportAndVerify('2026-11');
    expect((await submit('2026-12')).status).toBe(303);
    expect(spjOf('2026-12')).toMatchObject({ status: 'submitted', daysLate: 0 });
    expect(spjSchedule(s, rtId, 2026).find((m) => m.month === '2026-12')!.due).toBe('2026-12-15');
  });
});

describe('a correction is booked in the first month not yet reported', () => {
  it('dated today while today’s month is open; refused while December is reported, then dated today once it is returned', async () => {
    at('2026-10-05T03:00:00Z');
    await reportAndVerify('2026-09');
    const sept = s.receipts.ofRt(rtId, 2026).find((r) => r.date === '2026-09-18')!;
    at('2026-11-04T03:00:00Z');
    await reportAndVerify('2026-10');
    at('2026-12-02T03:00:00Z');
    await reportAndVerify('2026-11');
    expect((await submit('2026-12')).status).toBe(303);
    at('2026-12-10T03:00:00Z');
    const refused = await decide(sept.id, 'batalkan', { reason: 'Nota ganda.' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('SPJ Desember 2026 sudah diajukan');
    expect(s.receipts.find(sept.id)!.status).toBe('verified');
    expect((await giveBack('2026-12')).status).toBe(303);
    expect((await decide(sept.id, 'batalkan', { reason: 'Nota ganda.' })).status).toBe(303);
    const reversal = s.ledger.findById(s.receipts.find(sept.id)!.reversalEntryId!)!;
    expect(reversal.occurredOn).toBe('2026-12-10');
    expect(verifyLedger(s).ok).toBe(true);
  });
});

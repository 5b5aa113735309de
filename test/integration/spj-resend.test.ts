/**
 * Issue 19, item 4, for the SPJ: a returned SPJ is answered in full, replayed through HTTP. The
 * chair sees the treasurer's note and the comment thread on the SPJ page, fixes the month's
 * receipts, and "Kirim ulang" sends the same SPJ again from `returned`: its figures recomputed by
 * the same function as at the first sending, its lateness by the same rule, audited, with an
 * optional reply in the thread. Refused as the first sending is while a receipt of the month is
 * open; refused to the treasurer, to other RTs' chairs, and for an SPJ that is not returned.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { requestTranche } from '../../src/app/request-tranche';
import { evidenceImage } from '../../src/app/seed-documents';
import { spjBook } from '../../src/app/spj';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import { daysLateOn, spjDueDate } from '../../src/domain/grants/spj';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import type { Services } from '../helpers/db';
import { csrfFrom, seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const MONTH = '2026-09';
const NOTE = 'Nota konsumsi 18 September tidak terbaca; foto ulang.';
let n = 0;
const img = (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir') => evidenceImage(kind, [`spj ulang ${++n}`, randomBytes(4).toString('hex')], 800 + n);

let s: Services;
let clock: Date;
let rtId: number;
let agents: Record<'ketua' | 'bendahara' | 'ketuaLain' | 'bendaharaWonodri' | 'sekretaris', { agent: Agent; csrf: string }>;

const at = (iso: string) => {
  clock = new Date(iso);
};
const spj = () => s.receipts.spj(rtId, 2026, MONTH)!;
const errorOf = (html: string) => /alert-error"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? html.slice(0, 400);

async function postReceipt(date: string, amount = '100.000') {
  return agents.ketua.agent
    .post(`/rt/${rtId}/kuitansi`)
    .field('_csrf', agents.ketua.csrf)
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
const decide = (id: number, what: 'verifikasi' | 'kembalikan', body: Record<string, string> = {}) =>
  agents.bendahara.agent.post(`/kuitansi/${id}/${what}`).type('form').send({ _csrf: agents.bendahara.csrf, ...body });
const resend = (who: keyof typeof agents, reply?: string, id = spj().id) =>
  agents[who].agent.post(`/spj/${id}/kirim-ulang`).type('form').send({ _csrf: agents[who].csrf, ...(reply === undefined ? {} : { reply }) });
const spjPage = (who: keyof typeof agents) => agents[who].agent.get(`/rt/${rtId}/spj/${MONTH}`);

beforeEach(async () => {
  at('2026-09-02T03:00:00Z');
  const app = await seededApp({ sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 }, () => clock);
  s = app.s;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  const { actor: chair } = await aUser(s, { username: 'ketua.spj.ulang', role: 'ketua_rt', rtId });
  await aUser(s, { username: 'sekretaris.spj.ulang', role: 'sekretaris_rt', rtId });
  await aUser(s, { username: 'ketua.lain', role: 'ketua_rt', rtId: s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id });
  await aUser(s, { username: 'bendahara.wonodri', role: 'bendahara', kelurahanCode: '3374050006' });
  const b = toActor(s.users.findByUsername('bendahara.pleburan')!);
  approvePlanFully(s, b, (await aSubmittedPlan(s, chair)).id);
  approveAndPay(s, b, requestTranche(s, chair, { rtId, year: 2026, month: MONTH, lines: [{ category: 'SOS', description: 'Rapat warga', amount: 3_000_000 }], requestKey: 'spj-ulang-t-00001' }).id);
  agents = {
    ketua: await signedIn(app.app, 'ketua.spj.ulang'),
    sekretaris: await signedIn(app.app, 'sekretaris.spj.ulang'),
    bendahara: await signedIn(app.app, 'bendahara.pleburan'),
    ketuaLain: await signedIn(app.app, 'ketua.lain'),
    bendaharaWonodri: await signedIn(app.app, 'bendahara.wonodri'),
  };
  at('2026-09-20T03:00:00Z');
  expect((await postReceipt('2026-09-18')).status).toBe(303);
  expect((await decide(lastReceipt().id, 'verifikasi')).status).toBe(303);
  // Sent on time (due 10 October), returned by the treasurer with a note.
  at('2026-10-02T03:00:00Z');
  const sent = await agents.ketua.agent.post(`/rt/${rtId}/spj`).type('form').send({ _csrf: agents.ketua.csrf, year: '2026', month: MONTH });
  expect(sent.status, errorOf(sent.text)).toBe(303);
  expect(spj().daysLate).toBe(0);
  expect((await agents.bendahara.agent.post(`/spj/${spj().id}/kembalikan`).type('form').send({ _csrf: agents.bendahara.csrf, note: NOTE })).status).toBe(303);
  expect(spj().status).toBe('returned');
});

describe('a returned SPJ is answered in full (issue 19, item 4)', () => {
  it('the SPJ page shows the chair the note, the thread and "Kirim ulang"; the treasurer the note and the thread, no "Kirim ulang"; both write in the thread from it', async () => {
    const chairPage = await spjPage('ketua');
    expect(chairPage.status).toBe(200);
    expect(chairPage.text).toContain(NOTE);
    expect(chairPage.text).toContain(`id="diskusi-spj-${spj().id}"`);
    expect(chairPage.text).toContain(`action="/spj/${spj().id}/kirim-ulang"`);
    const deskPage = await spjPage('bendahara');
    expect(deskPage.status).toBe(200);
    expect(deskPage.text).toContain(NOTE);
    expect(deskPage.text).toContain(`id="diskusi-spj-${spj().id}"`);
    expect(deskPage.text).not.toContain(`action="/spj/${spj().id}/kirim-ulang"`);

    // The treasurer writes in the thread from the SPJ page and is sent back to it; the chair reads it there.
    const asked = await agents.bendahara.agent.post(`/komentar/spj/${spj().id}`).type('form').send({ _csrf: csrfFrom(deskPage.text), body: 'Mohon foto ulang nota tanggal 18.', seen: '0' });
    expect(asked.status).toBe(303);
    expect(asked.headers.location).toBe(`/rt/${rtId}/spj/${MONTH}#diskusi-spj-${spj().id}`);
    expect((await spjPage('ketua')).text).toContain('Mohon foto ulang nota tanggal 18.');
    // Once sent again, the page offers it no more.
    expect((await resend('ketua')).status).toBe(303);
    const after = await spjPage('ketua');
    expect(after.text).not.toContain(`action="/spj/${spj().id}/kirim-ulang"`);
    expect(after.text).not.toContain(NOTE);
  });

  // The table: each abuse and each honest path, through the form, with what must (not) change.
  const cases: Array<{ name: string; act: () => Promise<{ status: number; text: string }>; status: number; message?: RegExp; sent: boolean }> = [
    { name: 'the chair, returned → sent again, with a reply', act: () => resend('ketua', 'Nota sudah saya foto ulang.'), status: 303, sent: true },
    { name: 'the chair, with no reply', act: () => resend('ketua'), status: 303, sent: true },
    { name: 'the treasurer (decides, never sends)', act: () => resend('bendahara'), status: 403, sent: false },
    { name: "the RT's secretary (records, never sends the SPJ)", act: () => resend('sekretaris'), status: 403, sent: false },
    { name: "another RT's chair", act: () => resend('ketuaLain'), status: 404, sent: false },
    { name: "another kelurahan's treasurer", act: () => resend('bendaharaWonodri'), status: 403, sent: false },
    { name: 'an SPJ that does not exist', act: () => resend('ketua', undefined, 999_999), status: 404, sent: false },
    { name: 'a reply over 1000 characters', act: () => resend('ketua', 'x'.repeat(1001)), status: 422, message: /Paling banyak 1000 karakter|1000/, sent: false },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.status}`, async () => {
      const before = spj();
      const auditsBefore = s.db.sqlite.prepare(`SELECT COUNT(*) c FROM audit_log WHERE action = 'spj.resend'`).get() as { c: number };
      const res = await c.act();
      expect(res.status, errorOf(res.text)).toBe(c.status);
      if (c.message) expect(errorOf(res.text)).toMatch(c.message);
      const after = spj();
      const audits = s.db.sqlite.prepare(`SELECT COUNT(*) c FROM audit_log WHERE action = 'spj.resend'`).get() as { c: number };
      if (c.sent) {
        expect(after.status).toBe('submitted');
        expect(audits.c).toBe(auditsBefore.c + 1);
      } else {
        expect(after).toEqual(before);
        expect(audits.c).toBe(auditsBefore.c);
      }
    });
  }

  it('sent again while a receipt of the month is returned, then while it waits: 422 in Indonesian, nothing changes; fixed and verified, sent again and verified', async () => {
    // The treasurer's note asks for a forgotten receipt: recorded in September, returned for a photo.
    at('2026-10-05T03:00:00Z');
    expect((await postReceipt('2026-09-25', '50.000')).status).toBe(303);
    const forgotten = lastReceipt().id;
    expect((await decide(forgotten, 'kembalikan', { note: 'Foto kegiatan kurang jelas.' })).status).toBe(303);
    const returned = await resend('ketua', 'Sudah saya tambahkan kuitansi 25 September.');
    expect(returned.status).toBe(422);
    expect(errorOf(returned.text)).toContain('1 kuitansi dikembalikan (lengkapi dan kirim ulang, atau tarik)');
    // The page came back with the reply kept and the receipt to fix named; nothing was stored.
    expect(returned.text).toContain('Sudah saya tambahkan kuitansi 25 September.');
    expect(returned.text).toContain(`href="/kuitansi/${forgotten}"`);
    expect(spj().status).toBe('returned');
    expect(s.comments.ofItem('spj', spj().id)).toEqual([]);

    const fixed = await agents.ketua.agent.post(`/kuitansi/${forgotten}/kirim-ulang`).field('_csrf', agents.ketua.csrf).attach('fotoKegiatan', await img('foto_kegiatan'), 'kegiatan-jelas.jpg');
    expect(fixed.status).toBe(303);
    const waiting = await resend('ketua');
    expect(waiting.status).toBe(422);
    expect(errorOf(waiting.text)).toContain('1 kuitansi menunggu verifikasi kelurahan');
    expect(spj().status).toBe('returned');

    expect((await decide(forgotten, 'verifikasi')).status).toBe(303);
    // Sent again after its due date (10 October): late by the rule of the first sending.
    at('2026-10-14T03:00:00Z');
    const ok = await resend('ketua', 'Sudah saya tambahkan kuitansi 25 September.');
    expect(ok.status, errorOf(ok.text)).toBe(303);
    expect(ok.headers.location).toBe(`/rt/${rtId}/spj/${MONTH}`);
    const { book } = spjBook(s, rtId, 2026, MONTH);
    const y = s.years.find(2026)!;
    expect(spj()).toMatchObject({
      status: 'submitted',
      openingCash: book.opening,
      received: book.received,
      spent: 150_000,
      closingCash: book.closing,
      receiptCount: 2,
      daysLate: daysLateOn(spjDueDate(y, MONTH), '2026-10-14'),
      decidedBy: null,
      note: NOTE,
    });
    expect(spj().daysLate).toBe(4);
    // The reply is in the thread, by the chair; the sending is audited with its lateness.
    expect(s.comments.ofItem('spj', spj().id).map((c) => c.body)).toEqual(['Sudah saya tambahkan kuitansi 25 September.']);
    const audit = s.db.sqlite.prepare(`SELECT summary FROM audit_log WHERE action = 'spj.resend' AND target_id = ?`).all(String(spj().id)) as Array<{ summary: string }>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({ before: { status: 'returned', note: NOTE }, after: { status: 'submitted', receipts: 2, daysLate: 4 } });
    expect((await spjPage('bendahara')).text).toContain('Sudah saya tambahkan kuitansi 25 September.');

    // Not twice: a sent SPJ is not "returned".
    const again = await resend('ketua');
    expect(again.status).toBe(409);
    expect(errorOf(again.text)).toContain('Hanya SPJ yang dikembalikan kelurahan yang dapat dikirim ulang.');

    // The treasurer verifies it; the books agree.
    expect((await agents.bendahara.agent.post(`/spj/${spj().id}/verifikasi`).type('form').send({ _csrf: agents.bendahara.csrf })).status).toBe(303);
    expect(spj()).toMatchObject({ status: 'verified', spent: 150_000, receiptCount: 2, daysLate: 4 });
    expect(verifyLedger(s).ok).toBe(true);
  });
});

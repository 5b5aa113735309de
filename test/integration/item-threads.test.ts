/**
 * Issue 19 item 4 (helper 19b): a returned receipt is edited in full and sent again, and each
 * receipt, plan and SPJ carries a comment thread between the RT and the kelurahan. Abuse first,
 * as tables replayed through HTTP: another RT's chair, an auditor, a lurah of another kelurahan,
 * empty and over-long bodies, a stale form; editing a verified receipt, another RT's receipt,
 * moving a receipt into a reported month, more than the cash, a stale edit form.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../src/db/user-repository';
import { verifyLedger } from '../../src/app/verify-ledger';
import { aUser } from '../builders';
import { csrfFrom, seededApp, signedIn, type Agent, type Services } from '../helpers/http';

const PLEBURAN = '3374050005';
let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
let returnedId: number;
let verifiedId: number;
type Who = { agent: Agent; csrf: string };
const users: Record<string, Who> = {};
const entries = () => (s.db.sqlite.prepare('SELECT count(*) AS n FROM journal_entries').get() as { n: number }).n;
const as = async (username: string) => (users[username] ??= await signedIn(app, username));

beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  ({ s, app } = await seededApp({}, () => new Date('2026-12-06T03:00:00Z')));
  const rtId = toActor(s.users.findByUsername('ketua.pleburan')!).rtId!;
  const rows = s.receipts.ofRt(rtId, 2026);
  returnedId = rows.find((r) => r.status === 'returned')!.id;
  verifiedId = rows.find((r) => r.status === 'verified')!.id;
  // Another RT's chair in the same kelurahan, and a lurah of another kelurahan.
  const other = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  await aUser(s, { username: 'ketua.lain', role: 'ketua_rt', rtId: other });
  const otherKel = s.registry.kelurahanList(s.registry.findKelurahan(PLEBURAN)!.kecamatanCode).find((k) => k.code !== PLEBURAN)!.code;
  await aUser(s, { username: 'lurah.lain', role: 'lurah', kelurahanCode: otherKel });
});

const comment = async (username: string, kind: string, id: number, body: string, seen = '0') => {
  const u = await as(username);
  return u.agent.post(`/komentar/${kind}/${id}`).type('form').send({ _csrf: u.csrf, body, seen });
};

describe('comment threads: who may write, and what', () => {
  it.each([
    ['another RT\'s chair', 'ketua.lain', 'kuitansi', 'Halo', 404],
    ['an auditor', 'auditor', 'kuitansi', 'Halo', 403],
    ['the admin', 'admin', 'kuitansi', 'Halo', 403],
    ['a lurah of another kelurahan', 'lurah.lain', 'kuitansi', 'Halo', 404],
    ['an empty body', 'ketua.pleburan', 'kuitansi', '   \n  ', 422],
    ['a body of 1001 characters', 'bendahara.pleburan', 'kuitansi', 'x'.repeat(1001), 422],
    ['an unknown kind of item', 'bendahara.pleburan', 'tranche', 'Halo', 404],
    ['the chair of the RT', 'ketua.pleburan', 'kuitansi', 'Foto sudah saya ambil ulang.', 303],
    ['the kelurahan treasurer', 'bendahara.pleburan', 'kuitansi', 'Terima kasih, mohon lampirkan.', 303],
    ['the lurah of the kelurahan', 'lurah.pleburan', 'kuitansi', 'Sudah saya lihat.', 303],
    ['the RT treasurer', 'bendahara.rt001.pleburan', 'kuitansi', 'Nota asli ada pada saya.', 303],
  ] as const)('%s: %s', async (_what, username, kind, body, status) => {
    const before = s.comments.ofItem('receipt', returnedId).length;
    const res = await comment(username, kind, returnedId, body);
    expect(res.status).toBe(status);
    const after = s.comments.ofItem('receipt', returnedId);
    expect(after.length).toBe(before + (status === 303 ? 1 : 0));
    if (status === 303) {
      expect(res.headers.location).toBe(`/kuitansi/${returnedId}#diskusi-kuitansi-${returnedId}`);
      expect(after.at(-1)!.body).toBe(body.trim());
      const audit = s.audit.list({ action: 'comment.add', page: 1, pageSize: 5 }).rows[0]!;
      expect(audit).toMatchObject({ targetType: 'receipt', targetId: String(returnedId), kelurahanCode: PLEBURAN });
      expect(JSON.parse(audit.summary).after.body).toBe(body.trim());
    }
    if (status === 422) {
      // The same page again, with the message and what was typed.
      expect(res.text).toContain(body.length > 1000 ? 'paling panjang 1000 karakter; yang Anda tulis 1001 karakter' : 'Komentar kosong');
      if (body.trim()) expect(res.text).toContain(body);
    }
  });

  it('a stale form (the thread moved since the page was opened) is refused, the text kept', async () => {
    const page = await (await as('ketua.pleburan')).agent.get(`/kuitansi/${returnedId}`);
    const seen = /name="seen" value="(\d+)"/.exec(page.text)![1]!;
    // The page's form posts to the thread's route.
    expect(page.text).toContain(`action="/komentar/kuitansi/${returnedId}"`);
    expect((await comment('bendahara.pleburan', 'kuitansi', returnedId, 'Mohon foto ulang.', seen)).status).toBe(303);
    const stale = await comment('ketua.pleburan', 'kuitansi', returnedId, 'Jawaban saya', seen);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Ada komentar baru sejak halaman ini dibuka');
    expect(stale.text).toContain('Jawaban saya');
    expect(stale.text).toContain('Mohon foto ulang.');
    expect(s.comments.ofItem('receipt', returnedId).map((c) => c.body)).toEqual(['Mohon foto ulang.']);
  });

  it('the thread shows on the receipt\'s page to both sides, and not to an auditor; plans and SPJs carry one too', async () => {
    await comment('bendahara.pleburan', 'kuitansi', returnedId, 'Foto kerja bakti belum terlihat warganya.');
    for (const u of ['ketua.pleburan', 'bendahara.pleburan']) {
      const page = await (await as(u)).agent.get(`/kuitansi/${returnedId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Foto kerja bakti belum terlihat warganya.');
    }
    const audited = await (await as('auditor')).agent.get(`/kuitansi/${returnedId}`);
    expect(audited.status).toBe(200);
    expect(audited.text).not.toContain('Foto kerja bakti belum terlihat warganya.');
    expect((await (await as('ketua.lain')).agent.get(`/kuitansi/${returnedId}`)).status).toBe(404);
    const rtId = toActor(s.users.findByUsername('ketua.pleburan')!).rtId!;
    const plan = s.plans.versions(rtId, 2026).at(-1)!;
    expect((await comment('ketua.pleburan', 'rencana', plan.id, 'Revisi menyusul.')).headers.location).toBe(`/rt/${rtId}/rencana?tahun=2026#diskusi-rencana-${plan.id}`);
    const spj = s.receipts.spjOfRt(rtId, 2026)[0]!;
    expect((await comment('bendahara.pleburan', 'spj', spj.id, 'SPJ diterima.')).status).toBe(303);
    const thread = await (await as('ketua.pleburan')).agent.get(`/komentar/spj/${spj.id}`);
    expect(thread.text).toContain('SPJ diterima.');
  });
});

describe('editing a returned receipt in full', () => {
  const form = (id: number, o: Record<string, string> = {}) => {
    const r = s.receipts.find(id)!;
    return { date: r.date, amount: String(r.amount), category: r.category, description: r.description, vendor: r.vendor, notaNumber: r.notaNumber ?? '', seenDecidedAt: r.decidedAt ?? '', ...o };
  };
  const edit = async (username: string, id: number, o: Record<string, string> = {}) => {
    const u = await as(username);
    return u.agent.post(`/kuitansi/${id}/ubah`).type('form').send({ _csrf: u.csrf, ...form(id, o) });
  };

  it.each([
    ['a verified receipt', 'ketua.pleburan', () => verifiedId, {}, 409, 'Hanya kuitansi yang dikembalikan'],
    ['another RT\'s chair', 'ketua.lain', () => returnedId, {}, 404, ''],
    ['the treasurer (she decides, she does not edit)', 'bendahara.pleburan', () => returnedId, {}, 403, ''],
    ['an auditor', 'auditor', () => returnedId, {}, 403, ''],
    ['moved into a month already reported (August)', 'ketua.pleburan', () => returnedId, { date: '2026-08-20' }, 422, 'sudah diajukan'],
    ['more than the cash', 'ketua.pleburan', () => returnedId, { amount: '5.000.000' }, 422, 'Kas tersedia'],
    ['a stale form (decided again since it was opened)', 'ketua.pleburan', () => returnedId, { seenDecidedAt: '2026-01-01T00:00:00.000Z' }, 409, 'sudah berubah sejak halaman dibuka'],
    ['a date in the future', 'ketua.pleburan', () => returnedId, { date: '2026-12-20' }, 422, ''],
    ['a forbidden use', 'ketua.pleburan', () => returnedId, { description: 'Honor ketua RT bulan November' }, 422, 'Dilarang'],
  ] as const)('%s: refused %i', async (_what, username, id, o, status, text) => {
    const before = s.receipts.find(id())!;
    const ledger = entries();
    const res = await edit(username, id(), o);
    expect(res.status).toBe(status);
    if (text) expect(res.text).toContain(text);
    expect(s.receipts.find(id())).toEqual(before);
    expect(entries()).toBe(ledger);
  });

  it('the chair edits every field and sends it again: pending, the same rules passed, audited before/after, no ledger entry', async () => {
    const before = s.receipts.find(returnedId)!;
    const ledger = entries();
    const page = await (await as('ketua.pleburan')).agent.get(`/kuitansi/${returnedId}`);
    expect(page.text).toContain('Perbaiki dan kirim ulang');
    const res = await edit('ketua.pleburan', returnedId, { amount: '100.000', vendor: 'Toko Sumber Rejeki', description: 'Konsumsi kerja bakti RT', notaNumber: 'SR-77', date: '2026-11-21' });
    expect(res.status).toBe(303);
    const after = s.receipts.find(returnedId)!;
    expect(after).toMatchObject({ status: 'pending', amount: 100_000, vendor: 'Toko Sumber Rejeki', description: 'Konsumsi kerja bakti RT', notaNumber: 'SR-77', date: '2026-11-21', number: before.number });
    expect(entries()).toBe(ledger);
    const audit = s.audit.list({ action: 'receipt.edit_resubmit', page: 1, pageSize: 5 }).rows[0]!;
    const summary = JSON.parse(audit.summary);
    expect(summary.before).toMatchObject({ status: 'returned', amount: before.amount, vendor: before.vendor });
    expect(summary.after).toMatchObject({ status: 'pending', amount: 100_000, vendor: 'Toko Sumber Rejeki' });
    // Once sent again it is no longer editable, and the chair's home no longer lists it.
    expect((await edit('ketua.pleburan', returnedId)).status).toBe(409);
    const home = await (await as('ketua.pleburan')).agent.get('/');
    expect(home.text).not.toContain(`href="/kuitansi/${returnedId}"`);
  });

  it('item lines: replaced by the edit, and held to the amount', async () => {
    const lines = { itemName: ['Teh', 'Gula'], itemQuantity: ['2', '1'], itemUnitPrice: ['10.000', '20.000'] };
    const u = await as('ketua.pleburan');
    const bad = await u.agent.post(`/kuitansi/${returnedId}/ubah`).type('form').send({ _csrf: u.csrf, ...form(returnedId, { amount: '50.000' }), ...lines });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Teh');
    const ok = await u.agent.post(`/kuitansi/${returnedId}/ubah`).type('form').send({ _csrf: u.csrf, ...form(returnedId, { amount: '40.000' }), ...lines });
    expect(ok.status).toBe(303);
    expect(s.receipts.items(returnedId)).toEqual([{ name: 'Teh', quantity: 2, unitPrice: 10_000 }, { name: 'Gula', quantity: 1, unitPrice: 20_000 }]);
  });
});

describe('the thread is append-only', () => {
  it('refuses UPDATE and DELETE on item_comments, and verify knows its triggers', async () => {
    await comment('bendahara.pleburan', 'kuitansi', returnedId, 'Tetap tercatat.');
    expect(() => s.db.sqlite.prepare("UPDATE item_comments SET body = 'diubah'").run()).toThrow(/append-only/);
    expect(() => s.db.sqlite.prepare('DELETE FROM item_comments').run()).toThrow(/append-only/);
    expect(s.comments.ofItem('receipt', returnedId).map((c) => c.body)).toEqual(['Tetap tercatat.']);
    expect(verifyLedger(s).problems).toEqual([]);
  });
});

/** The money flow from plan to year-end close, through HTTP and the use cases, with the ledger checked at each step. */
import { describe, expect, it } from 'vitest';
import { allocateYear } from '../../src/app/allocate-year';
import { approvePlan } from '../../src/app/decide-plan';
import { closeBlockers, closeYear, overrideBlocker } from '../../src/app/close-year';
import { postEntry } from '../../src/app/post-entry';
import { requestTranche } from '../../src/app/request-tranche';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import { aCompleteDossier, aKelurahan, aPdf, aProgrammeYear, aRt, anEntry, aSubmittedPlan, aUser, SYSTEM, theTreasury, approvePlanFully, approveTrancheFully, finishChain } from '../builders';
import { markBatchPaid } from '../../src/app/answer-bank-batch';
import { createBankBatch } from '../../src/app/bank-batch';
import { freshServices } from '../helpers/db';
import { codeOf } from '../helpers/errors';
import { csrfFrom, seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
/** Early October 2026: the demo's October tranche month is open. */
const OCTOBER = () => new Date('2026-10-05T03:00:00Z');
const PDF = aPdf();

/** Plan lines as typed in the form: an amount is a number, or the text typed. */
interface PlanSubmission {
  lines?: Array<{ category: string; description: string; amount: number | string }>;
  file?: [Buffer, string];
}

function planForm(agent: Agent, csrf: string, rtId: number, o: { action: 'save' | 'submit' } & PlanSubmission) {
  const req = agent.post(`/rt/${rtId}/rencana`).field('_csrf', csrf).field('year', '2026').field('action', o.action);
  for (const l of o.lines ?? DEMO_PLAN) {
    req.field('lineCategory', l.category).field('lineDescription', l.description).field('lineAmount', typeof l.amount === 'number' ? l.amount.toLocaleString('id-ID') : l.amount);
  }
  if (o.file) req.attach('beritaAcara', o.file[0], o.file[1]);
  return req;
}

/** A chair of RT 005 / RW 003 in Pleburan (no plan yet in the demo), signed in on a seeded app in October. */
async function chairOfRt305() {
  const { app, s } = await seededApp({}, OCTOBER);
  const rt = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!;
  const { username, actor } = await aUser(s, { username: 'ketua.rw3.rt5', displayName: rt.chairName, role: 'ketua_rt', rtId: rt.id });
  // The Perwal's dossier already uploaded (its own refusals: test/integration/plan-dossier.test.ts); the berita acara comes with the plan form.
  await aCompleteDossier(s, actor, rt.id);
  return { app, s, rt, ketua: await signedIn(app, username) };
}

describe('plan → tranche → bank, through the browser routes', () => {
  it('walks the whole flow with each refusal explained and the ledger verified at each step', async () => {
    const { app, s, rt, ketua } = await chairOfRt305();
    const bendahara = await signedIn(app, 'bendahara.pleburan');
    const entries = () => s.ledger.head()!.id;
    const start = entries();

    // A tranche before the plan is approved is refused, saying why.
    const early = await ketua.agent.get(`/rt/${rt.id}/pencairan`);
    // The page says why before any form is filled in; a request sent anyway is refused the same way.
    expect(early.text).toContain('Pengajuan belum dapat dibuat');
    expect(early.text).toContain('Rencana anggaran (RAP) RT belum disetujui');
    expect(early.text).not.toContain('name="requestKey"');
    const key = 'money-flow-key-00000001';
    const refused = await ketua.agent.post(`/rt/${rt.id}/pencairan`).type('form').send(
      `_csrf=${ketua.csrf}&year=2026&requestKey=${key}&month=2026-10&lineCategory=SOS&lineDescription=Rapat&lineAmount=500.000`,
    );
    // plan_not_approved is a conflict (409) wherever it is refused, the form shown again.
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Rencana anggaran (RAP) RT belum disetujui');
    expect(refused.text).toContain('value="Rapat"');

    // Plan: a draft may be incomplete (the refusals of a submission are in the table below).
    expect((await planForm(ketua.agent, ketua.csrf, rt.id, { action: 'save', lines: DEMO_PLAN.slice(0, 2) })).status).toBe(303);
    expect(s.plans.versions(rt.id, 2026)[0]!.status).toBe('draft');
    const submitted = await planForm(ketua.agent, ketua.csrf, rt.id, { action: 'submit', file: [PDF, 'berita-acara.pdf'] });
    expect(submitted.status).toBe(303);
    const plan = s.plans.versions(rt.id, 2026)[0]!;
    expect(plan).toMatchObject({ status: 'submitted', total: 25_000_000 });

    // The bendahara returns it with a note; the chair sees the note, resubmits; the bendahara approves.
    const back = await bendahara.agent.post(`/rencana/${plan.id}/kembalikan`).type('form').send({ _csrf: bendahara.csrf, note: 'Tanda tangan warga kurang.' });
    expect(back.status).toBe(303);
    expect((await ketua.agent.get(`/rt/${rt.id}/rencana`)).text).toContain('Tanda tangan warga kurang.');
    expect((await planForm(ketua.agent, ketua.csrf, rt.id, { action: 'submit' })).status).toBe(303);
    expect((await bendahara.agent.post(`/rencana/${plan.id}/setujui`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    finishChain(s, 'plan', plan.id);
    expect(s.plans.approved(rt.id, 2026)!.id).toBe(plan.id);
    expect(entries()).toBe(start);

    // The berita acara is served to the RT and its bendahara, not to another RT's chair.
    const sha = plan.beritaAcaraSha256!;
    expect((await ketua.agent.get(`/berkas/${sha}`)).status).toBe(200);
    expect((await bendahara.agent.get(`/berkas/${sha}`)).status).toBe(200);
    const other = await signedIn(app, 'ketua.pleburan');
    expect((await other.agent.get(`/berkas/${sha}`)).status).toBe(404);

    // The tranche: pending reserves, a double submit posts once.
    const form = `_csrf=${ketua.csrf}&year=2026&requestKey=${key}&month=2026-10&lineCategory=SOS&lineDescription=Rapat+Oktober&lineAmount=1.500.000`;
    const [r1, r2] = await Promise.all([ketua.agent.post(`/rt/${rt.id}/pencairan`).type('form').send(form), ketua.agent.post(`/rt/${rt.id}/pencairan`).type('form').send(form)]);
    expect([r1.status, r2.status]).toEqual([303, 303]);
    const pending = s.tranches.ofRt(rt.id, 2026);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ status: 'pending', amount: 1_500_000 });
    expect(s.tranches.reserved(rt.id, 2026)).toBe(1_500_000);
    expect(entries()).toBe(start);

    // Two treasurers approve at the same moment: one entry.
    await aUser(s, { username: 'bendahara2.pleburan', role: 'bendahara', kelurahanCode: PLEBURAN });
    const bendahara2 = await signedIn(app, 'bendahara2.pleburan');
    const [a1, a2] = await Promise.all([
      bendahara.agent.post(`/pencairan/${pending[0]!.id}/setujui`).type('form').send({ _csrf: bendahara.csrf }),
      bendahara2.agent.post(`/pencairan/${pending[0]!.id}/setujui`).type('form').send({ _csrf: bendahara2.csrf }),
    ]);
    expect([a1.status, a2.status].sort()).toEqual([303, 409]);
    // Verified, not yet approved: nothing posted until the chain's last step.
    expect(entries()).toBe(start);
    finishChain(s, 'tranche', pending[0]!.id);
    expect(entries()).toBe(start + 1);
    // Approved is in transit until the bank pays: not yet the RT's cash.
    expect(s.balances.ofRt(2026, rt.id)).toMatchObject({ transit: 1_500_000, cash: 0, undrawn: 23_500_000 });
    expect(verifyLedger(s).ok).toBe(true);

    // The next month waits for this month's SPJ (the receipts module provides it).
    const next = await ketua.agent.get(`/rt/${rt.id}/pencairan`);
    expect(next.text).toContain('SPJ Oktober 2026 belum diverifikasi');
    const key2 = 'money-flow-key-00000002';
    const nov = await ketua.agent.post(`/rt/${rt.id}/pencairan`).type('form').send(
      `_csrf=${ketua.csrf}&year=2026&requestKey=${key2}&month=2026-11&lineCategory=SOS&lineDescription=Rapat&lineAmount=500.000`,
    );
    expect(nov.status).toBe(422);
    expect(nov.text).toContain('SPJ Oktober 2026 belum diverifikasi');

    // Reversal with a reason before the bank pays: the money goes back to the undrawn allocation.
    const rev = await bendahara.agent.post(`/pencairan/${pending[0]!.id}/batalkan`).type('form').send({ _csrf: bendahara.csrf, reason: 'RBB salah bulan' });
    expect(rev.status).toBe(303);
    expect(s.balances.ofRt(2026, rt.id)).toMatchObject({ transit: 0, cash: 0, undrawn: 25_000_000 });
    expect(entries()).toBe(start + 2);
    expect(verifyLedger(s).ok).toBe(true);

    // Requested again and approved; the bank batch carries it; the CSV has the account and amount; paid.
    const again = await ketua.agent.get(`/rt/${rt.id}/pencairan`);
    const key3 = /name="requestKey" value="([^"]+)"/.exec(again.text)![1]!;
    expect((await ketua.agent.post(`/rt/${rt.id}/pencairan`).type('form').send(`_csrf=${ketua.csrf}&year=2026&requestKey=${key3}&month=2026-10&lineCategory=SOS&lineDescription=Rapat+Oktober&lineAmount=1.500.000`)).status).toBe(303);
    const second = s.tranches.ofRt(rt.id, 2026).find((t) => t.status === 'pending')!;
    expect((await bendahara.agent.post(`/pencairan/${second.id}/setujui`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    finishChain(s, 'tranche', second.id);
    // The city's treasury (BPKAD) batches it for the bank and records the bank's payment.
    const bpkad = await signedIn(app, 'bpkad');
    const bankPage = await bpkad.agent.get(`/kelurahan/${PLEBURAN}/bank`);
    expect(bankPage.text).toContain(rt.bankAccount);
    const made = await bpkad.agent.post(`/kelurahan/${PLEBURAN}/bank`).type('form').send({ _csrf: bpkad.csrf });
    expect(made.status).toBe(303);
    const batchId = Number(made.headers.location!.split('/').pop());
    const csv = await bpkad.agent.get(`/bank/batch/${batchId}/csv`);
    expect(csv.headers['content-disposition']).toMatch(/bank-2026-Pleburan-batch-\d+\.csv/);
    expect(csv.text.split('\n')[0]).toBe('no_rekening,nama_rekening,jumlah,referensi,keterangan');
    expect(csv.text).toContain(`${rt.bankAccount},RT 005 / RW 003 Kel. Pleburan,1500000,`);
    const page = await bpkad.agent.get(`/bank/batch/${batchId}`);
    const today = s.now().toISOString().slice(0, 10);
    expect((await bpkad.agent.post(`/bank/batch/${batchId}/dibayar`).type('form').send({ _csrf: csrfFrom(page.text), bankReference: 'BJTG-FLOW-1', paidOn: today })).status).toBe(303);
    expect(s.balances.ofRt(2026, rt.id)).toMatchObject({ transit: 0, cash: 1_500_000 });
    expect(s.tranches.find(second.id)!.status).toBe('paid');
    // Paid by the bank: no longer reversible (the money is in the RT's account).
    expect((await bendahara.agent.post(`/pencairan/${second.id}/batalkan`).type('form').send({ _csrf: bendahara.csrf, reason: 'x' })).status).toBe(409);
    expect(verifyLedger(s).ok).toBe(true);
  });

  it.each<[string, PlanSubmission, string]>([
    ['lines short of the allocation', { lines: DEMO_PLAN.slice(0, 2), file: [PDF, 'ba.pdf'] }, 'harus sama dengan alokasi Rp25.000.000'],
    ['no berita acara', {}, 'Belum diunggah: Berita acara kesepakatan RAP'],
    ['an executable named .pdf as berita acara', { file: [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'berita-acara.pdf'] }, 'jenis berkas tidak diterima'],
    ['an SVG with a script as berita acara', { file: [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'ba.svg'] }, 'jenis berkas tidak diterima'],
    ['an amount with sen', { lines: [{ category: 'ADM', description: 'ATK', amount: '1.000,50' }] }, 'tanpa sen'],
  ])('refuses submitting a plan with %s: 422 saying why, the draft kept as a draft', async (_what, submission, message) => {
    const { s, rt, ketua } = await chairOfRt305();
    expect((await planForm(ketua.agent, ketua.csrf, rt.id, { action: 'save', lines: DEMO_PLAN.slice(0, 2) })).status).toBe(303);
    const r = await planForm(ketua.agent, ketua.csrf, rt.id, { action: 'submit', ...submission });
    expect(r.status).toBe(422);
    expect(r.text).toContain(message);
    expect(s.plans.versions(rt.id, 2026).map((p) => p.status)).toEqual(['draft']);
  });

  it.each([
    ['the user who submitted it, as bendahara', 'approver_is_submitter'],
    ['the auditor', 'forbidden_role'],
  ] as const)('refuses a plan approval by %s', async (who, code) => {
    const { s } = await seededApp();
    const rt = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!;
    const chair = await aUser(s, { role: 'ketua_rt', rtId: rt.id });
    const plan = await aSubmittedPlan(s, chair.actor);
    const approver =
      who === 'the auditor'
        ? toActor(s.users.findByUsername('auditor')!)
        : // The same person acting as bendahara (a user id that submitted the plan) may not decide it.
          { ...toActor(s.users.findByUsername('bendahara.pleburan')!), userId: chair.id };
    expect(codeOf(() => approvePlan(s, approver, plan.id))).toBe(code);
    expect(s.plans.approved(rt.id, 2026)).toBeUndefined();
  });
});

describe('year-end close', () => {
  it('lists blockers; then returns cash, lapses the undrawn allocation, idempotently, and closes the year', async () => {
    const s = freshServices(() => new Date('2026-12-20T03:00:00Z'));
    aProgrammeYear(s, 2026);
    const kel = '3374050105';
    const a = aRt(s, { kelurahanCode: aKelurahan(s, { kecamatanCode: '3374050', code: kel, name: 'Uji' }), rt: 1, bankAccount: '2011110001' });
    const b = aRt(s, { kelurahanCode: kel, rt: 2, bankAccount: '2011110002' });
    allocateYear(s, SYSTEM, { year: 2026 });
    const { actor: admin } = await aUser(s, { role: 'admin' });
    const { actor: bendahara } = await aUser(s, { role: 'bendahara', kelurahanCode: kel });
    const chair = { userId: null, username: 'c', role: 'ketua_rt' as const, kelurahanCode: kel, rtId: a.id, kecamatanCodes: null };
    const plan = await aSubmittedPlan(s, chair);
    approvePlanFully(s, bendahara, plan.id);
    const t = requestTranche(s, chair, { rtId: a.id, year: 2026, month: '2026-12', lines: [{ category: 'SOS', description: 'Rapat', amount: 2_000_000 }], requestKey: 'close-test-0000001' });

    expect(codeOf(() => closeYear(s, admin, { year: 2026, kelurahanCode: kel }))).toBe('close_blocked');
    expect(closeBlockers(s, 2026, [kel]).map((x) => x.kind)).toEqual(['tranche_pending']);
    approveTrancheFully(s, bendahara, t.id);
    expect(closeBlockers(s, 2026, [kel]).map((x) => x.kind)).toEqual(['spj_missing', 'tranche_unpaid']);
    // The city's treasury has the bank pay it: from in transit to the RT's cash.
    const bpkad = theTreasury(s);
    markBatchPaid(s, bpkad, createBankBatch(s, bpkad, kel).batchId, { bankReference: 'BJTG-CLOSE', paidOn: '2026-12-20' });
    // December drawn, its SPJ never sent: cleared only by an override with a reason.
    const [spj] = closeBlockers(s, 2026, [kel]);
    expect(spj).toMatchObject({ kind: 'spj_missing', subject: 'SPJ Desember 2026' });
    overrideBlocker(s, admin, { year: 2026, blockerKey: spj!.key, reason: 'SPJ Desember diserahkan di atas kertas; diperiksa Inspektorat.' });

    const city = closeYear(s, admin, { year: 2026, kelurahanCode: null });
    expect(city).toMatchObject({ overrides: 1, returnedRupiah: 2_000_000, lapsedRupiah: 48_000_000, entries: 3, yearClosed: true });
    expect(s.balances.ofRt(2026, a.id)).toMatchObject({ transit: 0, cash: 0, undrawn: 0, returned: 2_000_000, lapsed: 23_000_000, allocated: 25_000_000 });
    expect(s.balances.ofRt(2026, b.id)).toMatchObject({ undrawn: 0, lapsed: 25_000_000 });
    expect(verifyLedger(s).ok).toBe(true);
    expect(s.years.find(2026)!.status).toBe('closed');
    expect(codeOf(() => closeYear(s, admin, { year: 2026, kelurahanCode: null }))).toBe('year_closed');
    expect(codeOf(() => s.db.transaction(() => postEntry(s, anEntry())))).toBe('year_closed');
    expect(codeOf(() => requestTranche(s, chair, { rtId: a.id, year: 2026, month: '2026-12', lines: [{ category: 'SOS', description: 'x', amount: 1 }], requestKey: 'close-test-0000002' }))).toBe('year_closed');
  });
});

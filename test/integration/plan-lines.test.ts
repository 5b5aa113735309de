/**
 * Spending held to the approved plan (issue 15, item 4), replayed through HTTP as a careless or
 * dishonest chair and a hurried treasurer would: a receipt may not push a category's verified,
 * pending and returned spending past its line in the approved plan (RAP), at entry, at re-sending
 * and at verification; money moves between categories only by a revision the treasurer approves;
 * spending beyond the month's RBB line is accepted and flagged to the treasurer.
 */
import { settingsOf } from '../../src/domain/grants/year-settings';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { requestTranche } from '../../src/app/request-tranche';
import { savePlan } from '../../src/app/save-plan';
import { evidenceImage } from '../../src/app/seed-documents';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import type { Actor } from '../../src/domain/access';
import type { PlanLine } from '../../src/domain/grants/plan';
import { aCompleteDossier, aPdf, aUser, approveAndPay, approvePlanFully, finishChain } from '../builders';
import type { Services } from '../helpers/db';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const PDF = () => aPdf(randomBytes(6).toString('hex'));

/** The RT's plan: ADM Rp600.000, SOS Rp5.500.000, PRL Rp1.000.000 (the lines), the rest elsewhere; Rp25.000.000 in all. */
const PLAN: PlanLine[] = [
  { category: 'ADM', description: 'ATK dan fotokopi', amount: 600_000 },
  { category: 'SOS', description: 'Konsumsi rapat dan santunan', amount: 5_500_000 },
  { category: 'PRL', description: 'Peralatan kebersihan', amount: 1_000_000 },
  { category: 'BUD', description: 'HUT RI dan pengajian', amount: 6_400_000 },
  { category: 'PEM', description: 'Senam lansia', amount: 2_000_000 },
  { category: 'LIN', description: 'Kerja bakti', amount: 3_500_000 },
  { category: 'PML', description: 'Pengecatan pos kamling', amount: 6_000_000 },
];

let s: Services;
let rtId: number;
let chair: Actor;
let treasurer: Actor;
let clock: Date;
let ketua: { agent: Agent; csrf: string };
let bendahara: { agent: Agent; csrf: string };
let n = 0;

const KINDS: Record<string, Array<[string, 'nota' | 'foto_kegiatan' | 'daftar_hadir' | 'foto_barang']>> = {
  ADM: [['nota', 'nota']],
  PRL: [['nota', 'nota'], ['fotoBarang', 'foto_barang']],
  SOS: [['nota', 'nota'], ['fotoKegiatan', 'foto_kegiatan'], ['daftarHadir', 'daftar_hadir']],
  BUD: [['nota', 'nota'], ['fotoKegiatan', 'foto_kegiatan'], ['daftarHadir', 'daftar_hadir']],
};

interface ReceiptInput {
  category: string;
  amount: number;
  date?: string;
  /** PRL needs item lines (a per-item cap applies). */
  items?: Array<{ name: string; quantity: number; unitPrice: number }>;
}

const rupiah = (x: number) => x.toLocaleString('id-ID');

/** The chair records a receipt through the multipart form; the reply as the browser gets it. */
async function postReceipt(r: ReceiptInput, key = randomBytes(12).toString('base64url')) {
  const req = ketua.agent.post(`/rt/${rtId}/kuitansi`).field('_csrf', ketua.csrf).field('year', '2026').field('requestKey', key);
  const fields = { date: r.date ?? '2026-10-20', category: r.category, description: `Belanja ${r.category} ${++n}`, vendor: 'Toko Uji', notaNumber: `U-${n}`, amount: rupiah(r.amount) };
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  for (const i of r.items ?? []) req.field('itemName', i.name).field('itemQuantity', String(i.quantity)).field('itemUnitPrice', rupiah(i.unitPrice));
  for (const [field, kind] of KINDS[r.category]!) req.attach(field, await evidenceImage(kind, [`uji ${++n}`, randomBytes(4).toString('hex')], 700 + n), `${kind}-${n}.jpg`);
  return req;
}

/** Records a receipt that must be accepted, and returns its id. */
async function recorded(r: ReceiptInput): Promise<number> {
  const res = await postReceipt(r);
  expect(res.status, /alert-error" role="alert">([\s\S]*?)<\/div>/.exec(res.text)?.[1]).toBe(303);
  return s.receipts.ofRt(rtId, 2026)[0]!.id;
}

const verify = (id: number) => bendahara.agent.post(`/kuitansi/${id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf });
const giveBack = (id: number) => bendahara.agent.post(`/kuitansi/${id}/kembalikan`).type('form').send({ _csrf: bendahara.csrf, note: 'Foto kurang jelas.' });
async function resend(id: number) {
  return ketua.agent
    .post(`/kuitansi/${id}/kirim-ulang`)
    .field('_csrf', ketua.csrf)
    .attach('nota', await evidenceImage('nota', [`ulang ${++n}`, randomBytes(4).toString('hex')], 900 + n), `ulang-${n}.jpg`);
}

/** What the RT's receipts use per category, as stored (pending, returned, verified). */
const used = (category: string) => s.receipts.usedInCategory(rtId, 2026, category);

/** The message shown on a refused page. */
const alertOf = (html: string) => /role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? html.slice(0, 400);

/** The October RBB (monthly mode), approved and paid: cash to spend. */
function drawOctober(lines: PlanLine[]) {
  approveAndPay(s, treasurer, requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines, requestKey: `plan-lines-t-${++n}`.padEnd(16, '0') }).id);
}

/**
 * A receipt recorded before this release (the rule did not exist then): written straight to
 * the store, as an old database holds it. Only for the rows that replay data no longer enterable.
 */
function legacyReceipt(category: string, amount: number, status: 'pending' | 'returned' = 'pending'): number {
  return s.db.transaction(() =>
    s.receipts.insert(
      { rtId, year: 2026, date: '2026-10-20', category, description: `Belanja lama ${category}`, vendor: 'Toko Lama', notaNumber: null, amount, status, flags: '[]', submittedBy: chair.userId, submittedAt: clock.toISOString(), requestKey: `legacy-${++n}`.padEnd(16, '0') },
      [],
      [],
    ),
  );
}

beforeEach(async () => {
  clock = new Date('2026-10-20T03:00:00Z');
  const app = await seededApp({ sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 }, () => clock);
  s = app.s;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  ({ actor: chair } = await aUser(s, { username: 'ketua.plan.lines', role: 'ketua_rt', rtId }));
  treasurer = toActor(s.users.findByUsername('bendahara.pleburan')!);
  const beritaAcara = await s.evidence.put(PDF(), 'application/pdf', 'berita-acara.pdf');
  await aCompleteDossier(s, chair, rtId);
  approvePlanFully(s, treasurer, savePlan(s, chair, { rtId, year: 2026, lines: PLAN, beritaAcara, submit: true }).id);
  ketua = await signedIn(app.app, 'ketua.plan.lines');
  bendahara = await signedIn(app.app, 'bendahara.pleburan');
});

/** Ten brooms at a price: PRL items (≤ Rp300.000 each). */
const brooms = (unitPrice: number, quantity = 10) => [{ name: 'Sapu lidi dan tempat sampah', quantity, unitPrice }];

describe('a receipt may not push its category past the approved plan line', () => {
  // Each abuse from the issue: the spending before, the receipt tried, the figures the refusal must name.
  const ABUSES: Array<[string, ReceiptInput[], ReceiptInput, string[]]> = [
    ['ADM Rp610.000 against a Rp600.000 plan line (under the 2,5 % cap of Rp625.000)', [], { category: 'ADM', amount: 610_000 }, ['Belanja Administrasi melebihi', 'rencana Rp600.000', 'sudah terpakai Rp0', 'kuitansi ini Rp610.000', 'sisa Rp600.000']],
    ['ADM over its line by Rp10.000 after spending already recorded', [{ category: 'ADM', amount: 350_000 }], { category: 'ADM', amount: 260_000 }, ['rencana Rp600.000', 'sudah terpakai Rp350.000', 'kuitansi ini Rp260.000', 'sisa Rp250.000']],
    ['PRL Rp2.900.000 against a Rp1.000.000 line', [], { category: 'PRL', amount: 2_900_000, items: brooms(290_000) }, ['Belanja Peralatan melebihi', 'rencana Rp1.000.000', 'kuitansi ini Rp2.900.000', 'sisa Rp1.000.000']],
    ['SOS past Rp5.500.000 in small receipts', [{ category: 'SOS', amount: 2_000_000 }, { category: 'SOS', amount: 3_000_000 }], { category: 'SOS', amount: 600_000 }, ['rencana Rp5.500.000', 'sudah terpakai Rp5.000.000', 'sisa Rp500.000']],
  ];

  it.each(ABUSES)('%s: refused with 422 naming the figures, the input kept, nothing saved', async (_name, before, attempt, figures) => {
    drawOctober([{ category: 'SOS', description: 'Rapat', amount: 5_500_000 }, { category: 'ADM', description: 'ATK', amount: 600_000 }, { category: 'PRL', description: 'Sapu', amount: 1_000_000 }]);
    for (const r of before) await recorded(r);
    const usedBefore = used(attempt.category);
    const res = await postReceipt(attempt);
    expect(res.status).toBe(422);
    const message = alertOf(res.text);
    expect(message).toContain('melebihi rencana anggaran (RAP)');
    for (const f of figures) expect(message).toContain(f);
    // The category by its name, never its code.
    expect(message).not.toMatch(/\b(ADM|SOS|PRL)\b/);
    expect(res.text).toContain(`value="${rupiah(attempt.amount)}"`); // the amount typed is kept
    expect(used(attempt.category)).toBe(usedBefore);
  });

  it('reaching the line exactly is allowed: ADM Rp600.000 against Rp600.000', async () => {
    drawOctober([{ category: 'ADM', description: 'ATK', amount: 600_000 }]);
    await recorded({ category: 'ADM', amount: 600_000 });
    expect(used('ADM')).toBe(600_000);
  });

  it('staged mode: SOS receipts over two stages summing past the Rp5.500.000 line are refused where they cross it', async () => {
    // The year switched to staged mode behind the app's back (the admin may not once money moved):
    // the row and a settings version in force from the year's start.
    s.db.transaction(() => {
      s.db.prepare(`UPDATE programme_year SET disbursement_mode = 'staged' WHERE year = 2026`).run();
      const staged = { ...settingsOf(s.years.find(2026)!), disbursementMode: 'staged' as const };
      // In force from the newest version's date (the demo's 2026 has later versions than 1 January: PKK from the 2nd).
      const from = s.years.versions(2026).reduce((d, v) => (v.effectiveFrom > d ? v.effectiveFrom : d), '2026-01-01');
      s.years.insertVersion({ year: 2026, version: s.years.versions(2026).length + 1, effectiveFrom: from, settings: JSON.stringify(staged), createdBy: 'test', createdAt: s.now().toISOString() });
    });
    // Stage 1 (40 % = Rp10.000.000), then 75 % of it accounted by verified spending, then stage 2.
    approveAndPay(s, treasurer, requestTranche(s, chair, { rtId, year: 2026, requestKey: 'plan-lines-stage-1' }).id);
    for (const r of [{ category: 'SOS', amount: 5_000_000 }, { category: 'BUD', amount: 2_500_000 }]) expect((await verify(await recorded(r))).status).toBe(303);
    approveAndPay(s, treasurer, requestTranche(s, chair, { rtId, year: 2026, requestKey: 'plan-lines-stage-2' }).id);
    expect(s.tranches.ofRt(rtId, 2026).filter((t) => t.mode === 'staged' && t.status === 'paid')).toHaveLength(2);
    // In stage 2 the chair goes on spending SOS as if each stage had its own Rp5.500.000: refused once the year's line is crossed.
    await recorded({ category: 'SOS', amount: 500_000 });
    const over = await postReceipt({ category: 'SOS', amount: 7_600_000 });
    expect(over.status).toBe(422);
    expect(alertOf(over.text)).toContain('rencana Rp5.500.000, sudah terpakai Rp5.500.000');
    const oneMore = await postReceipt({ category: 'SOS', amount: 1_000 });
    expect(oneMore.status).toBe(422);
    expect(used('SOS')).toBe(5_500_000);
  });

  it('two receipts sent at the same moment, each fitting, together past the line: exactly one is accepted', async () => {
    drawOctober([{ category: 'PRL', description: 'Sapu', amount: 1_000_000 }, { category: 'SOS', description: 'Rapat', amount: 1_000_000 }]);
    const tent = { category: 'PRL', amount: 600_000, items: brooms(60_000) };
    const replies = await Promise.all([postReceipt(tent), postReceipt(tent)]);
    expect(replies.map((r) => r.status).sort()).toEqual([303, 422]);
    expect(used('PRL')).toBe(600_000);
  });
});

describe('a returned receipt keeps its place under the line', () => {
  it('while a receipt is returned, other spending cannot fill its place, so it can always be re-sent', async () => {
    drawOctober([{ category: 'ADM', description: 'ATK', amount: 600_000 }, { category: 'SOS', description: 'Rapat', amount: 1_000_000 }]);
    const returned = await recorded({ category: 'ADM', amount: 300_000 });
    expect((await giveBack(returned)).status).toBe(303);
    const filler = await postReceipt({ category: 'ADM', amount: 310_000 });
    expect(filler.status).toBe(422);
    expect(alertOf(filler.text)).toContain('sudah terpakai Rp300.000');
    expect((await resend(returned)).status).toBe(303);
    expect(s.receipts.find(returned)!.status).toBe('pending');
  });

  it('re-sent after other spending filled the line (recorded before this rule): refused with 422 naming the figures, still returned', async () => {
    drawOctober([{ category: 'PRL', description: 'Sapu', amount: 1_000_000 }, { category: 'SOS', description: 'Rapat', amount: 1_000_000 }]);
    const returned = await recorded({ category: 'PRL', amount: 600_000, items: brooms(60_000) });
    expect((await giveBack(returned)).status).toBe(303);
    legacyReceipt('PRL', 500_000);
    const res = await resend(returned);
    expect(res.status).toBe(422);
    expect(res.text).toContain('rencana Rp1.000.000, sudah terpakai Rp500.000');
    expect(res.text).toContain('kuitansi ini Rp600.000');
    expect(s.receipts.find(returned)!.status).toBe('returned');
  });
});

describe('verification holds verified spending to the line', () => {
  it('two pending receipts each fitting, together past the line (recorded before this rule): the first verifies, the second is refused', async () => {
    drawOctober([{ category: 'PRL', description: 'Sapu', amount: 1_000_000 }, { category: 'SOS', description: 'Rapat', amount: 1_000_000 }]);
    const first = await recorded({ category: 'PRL', amount: 600_000, items: brooms(60_000) });
    const second = legacyReceipt('PRL', 500_000);
    expect((await verify(first)).status).toBe(303);
    const res = await verify(second);
    expect(res.status).toBe(409);
    expect(res.text).toContain('tidak dapat diverifikasi');
    expect(res.text).toContain('rencana Rp1.000.000, sudah terverifikasi Rp600.000, kuitansi ini Rp500.000, sisa Rp400.000');
    expect(s.receipts.find(second)!.status).toBe('pending');
    expect(s.balances.spentByCategory(2026, rtId).get('PRL')).toBe(600_000);
    expect(verifyLedger(s, [], { evidence: false }).problems).toEqual([]);
  });

  it('verify reports a category whose verified spending exceeds its approved plan line', async () => {
    drawOctober([{ category: 'ADM', description: 'ATK', amount: 600_000 }]);
    expect((await verify(await recorded({ category: 'ADM', amount: 600_000 }))).status).toBe(303);
    expect(verifyLedger(s, [], { evidence: false }).ok).toBe(true);
    // The line lowered behind the application's back (a revision cannot do it): verify names it.
    const plan = s.plans.approved(rtId, 2026)!;
    s.db.prepare(`UPDATE plan_lines SET amount = 500000 WHERE plan_id = ? AND category = 'ADM'`).run(plan.id);
    const report = verifyLedger(s, [], { evidence: false });
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(`belanja terverifikasi RT #${rtId} tahun 2026 kategori ADM 600000 melebihi rencana yang disetujui 500000`);
  });
});

/** The chair's plan form: lines, a reason, and a berita acara; submitted. */
function planForm(lines: PlanLine[], reason: string | null, action: 'submit' | 'save' = 'submit') {
  const req = ketua.agent.post(`/rt/${rtId}/rencana`).field('_csrf', ketua.csrf).field('year', '2026').field('action', action);
  for (const l of lines) req.field('lineCategory', l.category).field('lineDescription', l.description).field('lineAmount', rupiah(l.amount));
  if (reason !== null) req.field('revisionReason', reason);
  return req.attach('beritaAcara', PDF(), 'berita-acara-revisi.pdf');
}

/** PLAN with Rp500.000 moved from SOS to PRL. */
const MOVED: PlanLine[] = PLAN.map((l) => (l.category === 'SOS' ? { ...l, amount: 5_000_000 } : l.category === 'PRL' ? { ...l, amount: 1_500_000 } : l));

describe('moving money between categories is a revision the treasurer approves', () => {
  it('a revision moving Rp500.000 from SOS to PRL: refused before approval, allowed after; the history shows who, when and why', async () => {
    drawOctober([{ category: 'PRL', description: 'Sapu', amount: 1_000_000 }, { category: 'SOS', description: 'Rapat', amount: 1_000_000 }]);
    const tent = { category: 'PRL', amount: 1_500_000, items: brooms(150_000) };
    expect((await postReceipt(tent)).status).toBe(422);

    expect((await ketua.agent.post(`/rt/${rtId}/rencana/revisi`).type('form').send({ _csrf: ketua.csrf, year: '2026' })).status).toBe(303);
    const form = await ketua.agent.get(`/rt/${rtId}/rencana`);
    expect(form.text).toContain('Alasan revisi');
    expect(form.text).toContain('value="5500000"'); // the form is prefilled with the approved lines
    const submitted = await planForm(MOVED, 'Tenda lipat untuk kegiatan warga; disepakati musyawarah 18 Oktober.');
    expect(submitted.status, alertOf(submitted.text)).toBe(303);
    const revision = s.plans.versions(rtId, 2026)[0]!;
    expect(revision).toMatchObject({ version: 2, status: 'submitted', revisionReason: 'Tenda lipat untuk kegiatan warga; disepakati musyawarah 18 Oktober.' });

    // Until it is approved, the approved plan's lines hold.
    expect((await postReceipt(tent)).status).toBe(422);
    expect((await bendahara.agent.post(`/rencana/${revision.id}/setujui`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    finishChain(s, 'plan', revision.id);
    expect(s.plans.approved(rtId, 2026)!.id).toBe(revision.id);
    expect(s.plans.versions(rtId, 2026)[1]!.status).toBe('superseded');
    await recorded(tent);
    expect(used('PRL')).toBe(1_500_000);

    const page = await ketua.agent.get(`/rt/${rtId}/rencana`);
    expect(page.text).toContain('Revisi 2');
    expect(page.text).toContain('Alasan revisi: Tenda lipat untuk kegiatan warga');
    expect(page.text).toContain('diajukan oleh ketua.plan.lines (uji)');
    expect(page.text).toContain('diputuskan oleh');
    const audit = s.audit.list({ action: 'plan.approve', page: 1, pageSize: 5 }).rows.find((r) => r.targetId === String(revision.id));
    expect(audit?.actorName).toBeTruthy();
  });

  it('a revision submitted without a reason: refused with 422, the lines typed kept, nothing submitted', async () => {
    await ketua.agent.post(`/rt/${rtId}/rencana/revisi`).type('form').send({ _csrf: ketua.csrf, year: '2026' });
    const res = await planForm(MOVED, '   ');
    expect(res.status).toBe(422);
    expect(alertOf(res.text)).toContain('Tulis alasan revisi');
    expect(res.text).toContain('value="1.500.000"');
    expect(s.plans.versions(rtId, 2026)[0]!.status).toBe('draft');
  });

  it('the revision approved by the one who submitted it: refused (403), the old plan still holds', async () => {
    await ketua.agent.post(`/rt/${rtId}/rencana/revisi`).type('form').send({ _csrf: ketua.csrf, year: '2026' });
    expect((await planForm(MOVED, 'Pindah dana ke peralatan.')).status).toBe(303);
    const revision = s.plans.versions(rtId, 2026)[0]!;
    // The same person now holds the treasurer's account (a chair who became the kelurahan's treasurer).
    const treasurerId = s.users.findByUsername('bendahara.pleburan')!.id;
    s.db.prepare('UPDATE plans SET submitted_by = ? WHERE id = ?').run(treasurerId, revision.id);
    const res = await bendahara.agent.post(`/rencana/${revision.id}/setujui`).type('form').send({ _csrf: bendahara.csrf });
    expect(res.status).toBe(403);
    expect(res.text).toContain('tidak dapat memutuskan rencana yang Anda ajukan sendiri');
    expect(s.plans.find(revision.id)!.status).toBe('submitted');
    expect(s.plans.plannedByCategory(rtId, 2026).get('PRL')).toBe(1_000_000);
  });

  it('a revision lowering a line below what is already spent or held: refused at submission, and at approval when spending came in between', async () => {
    drawOctober([{ category: 'SOS', description: 'Rapat', amount: 5_000_000 }, { category: 'BUD', description: 'Pengajian', amount: 1_000_000 }]);
    expect((await verify(await recorded({ category: 'SOS', amount: 4_000_000 }))).status).toBe(303);
    const returned = await recorded({ category: 'SOS', amount: 800_000 });
    expect((await giveBack(returned)).status).toBe(303);
    await ketua.agent.post(`/rt/${rtId}/rencana/revisi`).type('form').send({ _csrf: ketua.csrf, year: '2026' });
    // SOS used: Rp4.000.000 verified + Rp800.000 returned = Rp4.800.000; the revision plans Rp4.500.000.
    const tooLow = PLAN.map((l) => (l.category === 'SOS' ? { ...l, amount: 4_500_000 } : l.category === 'PRL' ? { ...l, amount: 2_000_000 } : l));
    const res = await planForm(tooLow, 'Kurangi SOS.');
    expect(res.status).toBe(422);
    expect(alertOf(res.text)).toContain('Kategori SOS: revisi merencanakan Rp4.500.000, padahal sudah terpakai Rp4.800.000');
    expect(s.plans.versions(rtId, 2026)[0]!.status).toBe('draft');

    // Planned at Rp5.000.000 it is submitted; then Rp300.000 more SOS is recorded (it fits the old line): approval refused.
    expect((await planForm(MOVED, 'Pindah Rp500.000 ke peralatan.')).status).toBe(303);
    await recorded({ category: 'SOS', amount: 300_000 });
    const revision = s.plans.versions(rtId, 2026)[0]!;
    const approve = await bendahara.agent.post(`/rencana/${revision.id}/setujui`).type('form').send({ _csrf: bendahara.csrf });
    expect(approve.status).toBe(422);
    expect(approve.text).toContain('padahal sudah terpakai Rp5.100.000');
    expect(s.plans.find(revision.id)!.status).toBe('submitted');
  });
});

describe('spending beyond the month’s RBB line is accepted and flagged to the treasurer', () => {
  it('SOS Rp400.000 in October against an October RBB line of Rp250.000: accepted, flagged with the figures on the review card', async () => {
    drawOctober([{ category: 'SOS', description: 'Rapat', amount: 250_000 }, { category: 'PRL', description: 'Sapu', amount: 1_000_000 }]);
    const id = await recorded({ category: 'SOS', amount: 400_000 });
    // Stored with its figures (the category by code) and its words (by name).
    expect(JSON.parse(s.receipts.find(id)!.flags)).toContainEqual({
      code: 'rbb_overrun',
      message: 'Melebihi rencana belanja bulanan: RBB Oktober 2026 untuk Kegiatan sosial kemasyarakatan Rp250.000; sudah terpakai Rp0, kuitansi ini Rp400.000, lebih Rp150.000.',
      category: 'SOS',
      month: '2026-10',
      rbbLine: 250_000,
      usedInMonth: 0,
      adding: 400_000,
    });
    const review = await bendahara.agent.get('/verifikasi');
    expect(review.text).toContain('RBB Oktober 2026 untuk Kegiatan sosial kemasyarakatan Rp250.000; sudah terpakai Rp0, kuitansi ini Rp400.000, lebih Rp150.000.');
    expect(review.text).not.toContain('untuk SOS');
    // The category by its name on the review card, not its code.
    expect(review.text).toContain('RAP Kegiatan sosial kemasyarakatan: rencana Rp5.500.000');
    expect(review.text).not.toContain('<span class="mono">SOS</span>');
    // Within the RBB line: no flag.
    const fits = await recorded({ category: 'PRL', amount: 800_000, items: brooms(80_000) });
    expect(JSON.parse(s.receipts.find(fits)!.flags).map((f: { code: string }) => f.code)).not.toContain('rbb_overrun');
  });

  it('spending in a category the month’s RBB does not name is flagged (its line is zero)', async () => {
    drawOctober([{ category: 'SOS', description: 'Rapat', amount: 1_000_000 }]);
    const id = await recorded({ category: 'ADM', amount: 50_000 });
    expect(JSON.parse(s.receipts.find(id)!.flags)).toContainEqual(expect.objectContaining({ code: 'rbb_overrun', message: 'Melebihi rencana belanja bulanan: RBB Oktober 2026 untuk Administrasi Rp0; sudah terpakai Rp0, kuitansi ini Rp50.000, lebih Rp50.000.', category: 'ADM' }));
  });

  it('a flag stored before its figures were kept (text with the code) is shown with the category name; the stored text is not changed', async () => {
    drawOctober([{ category: 'SOS', description: 'Rapat', amount: 250_000 }, { category: 'PRL', description: 'Sapu', amount: 1_000_000 }]);
    const id = await recorded({ category: 'SOS', amount: 400_000 });
    const old = JSON.stringify([{ code: 'rbb_overrun', message: 'Melebihi rencana belanja bulanan: RBB Oktober 2026 untuk SOS Rp250.000; sudah terpakai Rp0, kuitansi ini Rp400.000, lebih Rp150.000.' }]);
    s.receipts.update(id, { flags: old });
    for (const [agent, path] of [[bendahara.agent, '/verifikasi'], [bendahara.agent, `/kuitansi/${id}`]] as const) {
      const page = await agent.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain('RBB Oktober 2026 untuk Kegiatan sosial kemasyarakatan Rp250.000');
      expect(page.text, path).not.toContain('untuk SOS');
    }
    expect(s.receipts.find(id)!.flags).toBe(old);
  });
});

describe('the pages show per category: plan, spent, pending, left', () => {
  it('the receipts page and the plan page show the approved line, verified, held and left', async () => {
    drawOctober([{ category: 'ADM', description: 'ATK', amount: 600_000 }]);
    expect((await verify(await recorded({ category: 'ADM', amount: 200_000 }))).status).toBe(303);
    await recorded({ category: 'ADM', amount: 150_000 });
    for (const path of [`/rt/${rtId}/kuitansi`, `/rt/${rtId}/rencana`]) {
      const page = await ketua.agent.get(path);
      const row = /<tr data-category="ADM"[\s\S]*?<\/tr>/.exec(page.text)?.[0] ?? '';
      expect(row.match(/Rp[\d.]+/g)).toEqual(['Rp600.000', 'Rp200.000', 'Rp150.000', 'Rp250.000']);
    }
  });
});

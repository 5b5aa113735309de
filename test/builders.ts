/** Builders: defaults plus overrides, so a test says only what matters to it. */
import { yearOrThrow } from '../src/app/scope';
import { markBatchPaid, paymentWindow } from '../src/app/answer-bank-batch';
import { createBankBatch } from '../src/app/bank-batch';
import { createProgrammeYear } from '../src/app/create-programme-year';
import { approvePlanThroughChain, approveTrancheThroughChain, type Approvers } from '../src/app/approve-through-chain';
import { approvePlan } from '../src/app/decide-plan';
import { approveTranche } from '../src/app/decide-tranche';
import { createUser, recordUserCreated, type CreateUserCommand } from '../src/app/manage-users';
import { savePlan } from '../src/app/save-plan';
import { DEMO_PLAN } from '../src/app/seed-money-flow';
import { onePagePdf } from '../src/app/seed-documents';
import { seedDossier } from '../src/app/seed-dossier';
import type { DossierKind } from '../src/domain/grants/dossier';
import type { Services } from './helpers/db';
import { toActor } from '../src/db/user-repository';
import { systemActor, type Actor, type Role } from '../src/domain/access';
import { rtAccounts } from '../src/domain/ledger/accounts';
import type { EntryDraft } from '../src/domain/ledger/entry';

let seq = 0;
const next = () => ++seq;

export function aKelurahan(s: Services, o: { kecamatanCode?: string; code?: string; name?: string } = {}) {
  const kecamatanCode = o.kecamatanCode ?? '3374050';
  const code = o.code ?? `${kecamatanCode}${String(100 + next()).padStart(3, '0')}`;
  s.registry.upsertWilayah({ kecamatanCode, kecamatanName: `Kec ${kecamatanCode}`, kelurahanCode: code, kelurahanName: o.name ?? `Kel ${code}` });
  return code;
}

export function aRt(s: Services, o: { kelurahanCode?: string; rw?: number; rt?: number; chairName?: string; bankAccount?: string } = {}) {
  const kelurahanCode = o.kelurahanCode ?? aKelurahan(s);
  const row = { kelurahanCode, rwNumber: o.rw ?? 1, rtNumber: o.rt ?? next(), chairName: o.chairName ?? 'Budi Santoso', bankAccount: o.bankAccount ?? '2012345678' };
  // Audited as the import audits it: verify holds each RT's bank account against the audit log.
  const { id } = s.db.transaction(() => {
    const r = s.registry.upsertRt(row);
    if (r.change !== 'same') {
      s.audit.record(systemActor('test'), null, {
        action: r.change === 'inserted' ? 'registry.rt.create' : 'registry.rt.update',
        targetType: 'rt',
        targetId: r.id,
        kelurahanCode,
        before: r.before ?? null,
        after: { rw: row.rwNumber, rt: row.rtNumber, chairName: row.chairName, bankAccount: row.bankAccount },
      });
    }
    return r;
  });
  return s.registry.findRt(id)!;
}

export function aProgrammeYear(s: Services, year = 2026) {
  return s.years.find(year) ?? createProgrammeYear(s, systemActor('test'), year);
}

/** An RT with its chart of accounts for a year. */
export function anRtWithAccounts(s: Services, year = 2026) {
  const y = aProgrammeYear(s, year);
  const rt = aRt(s);
  s.ledger.ensureAccounts(year, rt.id, rtAccounts({ kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number }, y.categories.map((c) => c.code)));
  return rt;
}

export function anEntry(o: Partial<EntryDraft> = {}): EntryDraft {
  return {
    year: 2026,
    eventType: 'allocation',
    eventRef: `test:${next()}`,
    description: 'Jurnal uji',
    actor: 'system:test',
    occurredOn: '2026-03-01',
    idempotencyKey: `test:${next()}`,
    postings: [
      { account: 'ekuitas:kota:apbd', amount: -1000 },
      { account: 'aset:kota:kasda:pengembalian', amount: 1000 },
    ],
    ...o,
  };
}

export function anActor(role: Role, o: Partial<Actor> = {}): Actor {
  return { userId: next(), username: `${role}.${seq}`, role, kelurahanCode: null, rtId: null, kecamatanCodes: null, ...o };
}

export const SYSTEM = systemActor('test');

/** The password of every demo and test user. */
export const DEMO_PASSWORD = 'dana-rt-demo';

/**
 * A user created through the real use case (hashed password, scope checked, audited), as the
 * system: an auditor of the whole city unless told otherwise. A ketua RT needs `rtId`, a
 * bendahara `kelurahanCode`; an auditor may have `kecamatanCodes`. Returns the new id, the username (generated unless given) and the user as
 * an actor for calling use cases.
 */
export async function aUser(s: Services, o: Partial<CreateUserCommand> = {}) {
  const role = o.role ?? 'auditor';
  const username = o.username ?? `${role.replace('_', '.')}.${next()}`;
  const id = await createUser(s, SYSTEM, {
    displayName: `${username} (uji)`,
    kelurahanCode: null,
    rtId: null,
    kecamatanCodes: null,
    password: DEMO_PASSWORD,
    mustChangePassword: false,
    ...o,
    role,
    username,
  });
  return { id, username, actor: toActor(s.users.findById(id)!) };
}

/**
 * The demo plan (the whole Rp25.000.000 allocation, every line within the limits) submitted for
 * 2026 by the chair, with a one-page berita acara (a real PDF naming the RT).
 */
export async function aSubmittedPlan(s: Services, chair: Actor, rtId = chair.rtId!) {
  const beritaAcara = await s.evidence.put(await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', [`RT #${rtId}, rencana tahun 2026`]), 'application/pdf', 'berita-acara.pdf');
  await aCompleteDossier(s, chair, rtId);
  return savePlan(s, chair, { rtId, year: 2026, lines: DEMO_PLAN, beritaAcara, submit: true });
}

/**
 * The Perwal's dossier (all but the berita acara, which comes with the plan) uploaded to the RT's
 * working plan version through the real use case: small real PDFs and a photo with its own pixels.
 * `skip` leaves items out.
 */
export async function aCompleteDossier(s: Services, chair: Actor, rtId = chair.rtId!, o: { year?: number; skip?: DossierKind[] } = {}) {
  await seedDossier(s, chair, rtId, { rtLabel: `RT #${rtId} uji`, year: o.year ?? 2026, photo: 'small', skip: o.skip });
}

/**
 * The city's treasury (BPKAD) of a test database: created on first use, straight in the store
 * (it never signs in, so no slow password hash), and then reused.
 */
export function theTreasury(s: Services): Actor {
  const row =
    s.users.findByUsername('bpkad.test') ??
    s.db.transaction(() => {
      const id = s.users.insert({ username: 'bpkad.test', displayName: 'BPKAD (uji)', passwordHash: 'x', role: 'bpkad', kelurahanCode: null, rtId: null, kecamatanCodes: null, mustChangePassword: false }, s.now());
      recordUserCreated(s, systemActor('test'), null, id);
      return s.users.findById(id)!;
    });
  return toActor(row);
}

/** A user straight in the store (never signs in: no slow password hash), audited as the app audits it; reused by username. */
function anApprover(s: Services, username: string, o: { role: Role; kelurahanCode?: string | null; kecamatanCodes?: string[] | null; displayName: string; nip: string }): Actor {
  const row =
    s.users.findByUsername(username) ??
    s.db.transaction(() => {
      const id = s.users.insert({ username, displayName: o.displayName, passwordHash: 'x', role: o.role, kelurahanCode: o.kelurahanCode ?? null, rtId: null, kecamatanCodes: o.kecamatanCodes ?? null, nip: o.nip, mustChangePassword: false }, s.now());
      recordUserCreated(s, systemActor('test'), null, id);
      return s.users.findById(id)!;
    });
  return toActor(row);
}

/** The lurah of a kelurahan in a test database (created on first use). */
export const theLurah = (s: Services, kelurahanCode: string) =>
  anApprover(s, `lurah.test.${kelurahanCode}`, { role: 'lurah', kelurahanCode, displayName: `Lurah ${kelurahanCode} (uji)`, nip: '197001012000031001' });

/** The camat of a kecamatan in a test database (created on first use). */
export const theCamat = (s: Services, kecamatanCode: string) =>
  anApprover(s, `camat.test.${kecamatanCode}`, { role: 'camat', kecamatanCodes: [kecamatanCode], displayName: `Camat ${kecamatanCode} (uji)`, nip: '196801011990031002' });

/** Who takes each step of the chain for an RT: the given treasurer, the RT's lurah and camat. */
export function approversOf(s: Services, bendahara: Actor, rtId: number): Approvers {
  const rt = s.registry.findRt(rtId)!;
  return { bendahara, lurah: theLurah(s, rt.kelurahanCode), camat: theCamat(s, rt.kecamatanCode) };
}

/** Every configured step of the chain on a submitted plan (the treasurer's first): the plan approved. */
export function approvePlanFully(s: Services, bendahara: Actor, planId: number) {
  return approvePlanThroughChain(s, approversOf(s, bendahara, s.plans.find(planId)!.rtId), planId);
}

/** Every configured step of the chain on a pending tranche: it is approved and in transit. */
export function approveTrancheFully(s: Services, bendahara: Actor, trancheId: number) {
  return approveTrancheThroughChain(s, approversOf(s, bendahara, s.tranches.find(trancheId)!.rtId), trancheId);
}

/**
 * Takes every configured step of the chain of approval on a tranche (the kelurahan treasurer,
 * then the lurah, then the camat when the year asks for him) and has the bank pay it: the city's
 * treasury makes its kelurahan's batch and records it paid today. Only then is it cash the RT may spend.
 */
export function approveAndPay(s: Services, bendahara: Actor, trancheId: number) {
  const t = approveTrancheFully(s, bendahara, trancheId);
  const bpkad = theTreasury(s);
  const { batchId } = createBankBatch(s, bpkad, s.registry.findRt(t.rtId)!.kelurahanCode);
  markBatchPaid(s, bpkad, batchId, { bankReference: `UJI-${batchId}`, paidOn: paymentWindow(s, s.tranches.findBatch(batchId)!).latest });
  return t;
}

/**
 * A small real PDF (catalog, pages, `pages` empty pages, a correct xref), synchronous;
 * `note` (a comment) makes its bytes unique. The upload check parses PDFs with pdfjs-dist, so a
 * `%PDF … %%EOF` shell no longer passes as evidence.
 */
export function aPdf(note = '', pages = 1): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'),
  ];
  let out = `%PDF-1.4\n%${note.replace(/[\r\n]/g, ' ')}\n`;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * The chain's later steps (the lurah's, then the camat's when the year asks for him) on a plan
 * or tranche the treasurer has verified (over HTTP in the flow tests): it ends approved.
 */
export function finishChain(s: Services, kind: 'plan' | 'tranche', id: number) {
  const row = kind === 'plan' ? s.plans.find(id)! : s.tranches.find(id)!;
  const rt = s.registry.findRt(row.rtId)!;
  // The steps of the settings in force today (as the decisions themselves read them).
  const later = yearOrThrow(s, row.year).approvalSteps.filter((x) => x !== 'verify');
  for (const step of later) {
    const actor = step === 'approve' ? theLurah(s, rt.kelurahanCode) : theCamat(s, rt.kecamatanCode);
    if (kind === 'plan') approvePlan(s, actor, id);
    else approveTranche(s, actor, id);
  }
}

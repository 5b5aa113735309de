/**
 * The role × route matrix: every route of the app, tried as anonymous, each role, and the
 * right role on another RT / kelurahan / kecamatan. Denied writes must change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { requestTranche } from '../../src/app/request-tranche';
import { savePlan } from '../../src/app/save-plan';
import { evidenceImage, onePagePdf } from '../../src/app/seed-documents';
import { submitSpj } from '../../src/app/spj';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import { toActor } from '../../src/db/user-repository';
import type { Services } from '../helpers/db';
import { aCompleteDossier, aKelurahan, aRt, aUser, theTreasury, approvePlanFully, approveTrancheFully } from '../builders';
import { approvePlan } from '../../src/app/decide-plan';
import { approveTranche } from '../../src/app/decide-tranche';
import { createBankBatch } from '../../src/app/bank-batch';
import { anonymous, appRoutes, seededApp, signedIn, type Agent } from '../helpers/http';
import { yearFormValues } from '../../src/http/forms/year-settings';
import { createApplication } from '../../src/app/application';
import { submitComplaint } from '../../src/app/submit-complaint';
import { loadConfig } from '../../src/config';
import { defaultProgrammeYear } from '../../src/domain/grants/programme-year';
import { refreshDirty } from '../../src/app/risk-refresh';

type Who = 'anon' | 'admin' | 'bendahara' | 'ketua' | 'auditor' | 'bpkad' | 'auditorMijen' | 'bendaharaWonodri' | 'ketuaOther' | 'ketuaNoPlan' | 'ketuaRw3'
  | 'sekretaris' | 'bendaharaRt' | 'lurah' | 'camat' | 'lurahWonodri' | 'camatMijen' | 'pengawas' | 'pengawasMijen';
interface Case {
  who: Who;
  path: string;
  body?: Record<string, string | string[]>;
  file?: string;
  /** Send as multipart/form-data even without a file. */
  multipart?: boolean;
  /** Files for a multipart form: [field, bytes, name]. */
  files?: Array<[string, Buffer, string]>;
  expect: number;
}

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';

// One seeded app for the whole file, on purpose: the cases run in the order written against one
// scenario (plans, tranches, receipts, SPJ in every state, nine signed-in users) that takes seconds
// to build, each right-role write coming after the denied ones on the same record; a denied case
// must leave that shared database as it found it, which `fingerprint` checks around every case.
let s: Services;
const agents = {} as Record<Who, { agent: Agent; csrf: string }>;
const ids = {} as {
  ownRt: number; otherRtSameKel: number; rtWonodri: number; spareUser: number; spareUser2: number; noPlanRt: number; rw3Rt: number;
  planToApprove: number; planToReturn: number; planForBulk: number; trancheToApprove: number; trancheToReject: number; trancheToReverse: number;
  batch: number; batchToAnswer: number; rowToAnswer: number; batchToCancel: number; beritaAcara: string; dossierSha: string; dossierDoc: number;
  receiptToVerify: number; receiptToReturn: number; receiptToReject: number; receiptToReverse: number; receiptReturned: number;
  spjToVerify: number; spjToReturn: number; spjToWithdraw: number; spjToResend: number; ownReturned: number;
  planForLurah: number; trancheForLurah: number; planToSendBack: number; trancheToSendBack: number; planToReject: number; trancheToReturn: number; planRejectedByTreasurer: number; trancheReturnedByTreasurer: number; wonodriOfficer: number; smallKel: string;
  complaintToAnswer: number; complaintCode: string;
  riskFlag: number;
  draft: number; draftFile: number;
  ownPhoto: string;
};
const images: Record<string, Buffer> = {};

beforeAll(async () => {
  // A fixed clock: which months an RT may request depends on today.
  const app = await seededApp({}, () => new Date('2026-11-28T03:00:00Z'));
  s = app.s;
  await aUser(s, { username: 'auditor.mijen', role: 'auditor', kecamatanCodes: ['3374010'] });
  await aUser(s, { username: 'bendahara.wonodri', role: 'bendahara', kelurahanCode: WONODRI });
  await aUser(s, { username: 'lurah.wonodri', role: 'lurah', kelurahanCode: WONODRI });
  await aUser(s, { username: 'camat.mijen', role: 'camat', kecamatanCodes: ['3374010'] });
  await aUser(s, { username: 'pengawas.mijen', role: 'pengawas', kecamatanCodes: ['3374010'] });
  ids.ownRt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
  ids.otherRtSameKel = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
  ids.rtWonodri = s.registry.findRtByNumbers(WONODRI, 1, 1)!.id;
  await aUser(s, { username: 'ketua.lain', role: 'ketua_rt', rtId: ids.otherRtSameKel });
  ids.spareUser = (await aUser(s, { role: 'auditor' })).id;
  ids.spareUser2 = (await aUser(s, { role: 'auditor' })).id;
  // Accounts at city scale: a Wonodri officer to reset, and a small kelurahan of two RTs for the bulk letters.
  ids.wonodriOfficer = (await aUser(s, { role: 'sekretaris_rt', rtId: ids.rtWonodri })).id;
  ids.smallKel = aKelurahan(s, { code: '3374050099', name: 'Kecil' });
  aRt(s, { kelurahanCode: ids.smallKel, rw: 1, rt: 1 });
  aRt(s, { kelurahanCode: ids.smallKel, rw: 1, rt: 2 });
  ids.noPlanRt = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  ids.rw3Rt = s.registry.findRtByNumbers(PLEBURAN, 3, 6)!.id;
  await aUser(s, { username: 'ketua.tanpa.rap', role: 'ketua_rt', rtId: ids.noPlanRt });
  await aUser(s, { username: 'ketua.rw3', role: 'ketua_rt', rtId: ids.rw3Rt });
  const submitted = s.plans.submittedOfKelurahan(PLEBURAN).map((r) => r.plan);
  ids.planToApprove = submitted[0]!.id;
  ids.planToReturn = submitted[1]!.id;
  const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
  const chair = (rtId: number) => ({ userId: null, username: 'test', role: 'ketua_rt' as const, kelurahanCode: PLEBURAN, rtId, kecamatanCodes: null });
  const file = await s.evidence.put(await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', ['matriks peran × rute']), 'application/pdf', 'ba.pdf');
  ids.beritaAcara = s.plans.approved(ids.ownRt, 2026)!.beritaAcaraSha256!;
  ids.dossierSha = s.plans.documents(s.plans.approved(ids.ownRt, 2026)!.id).find((d) => d.kind === 'sptjm')!.sha256;
  // A draft dossier of the RT without a plan: its photo is removed by its chair.
  await aCompleteDossier(s, chair(ids.noPlanRt), ids.noPlanRt);
  ids.dossierDoc = s.plans.documents(s.plans.versions(ids.noPlanRt, 2026)[0]!.id).find((d) => d.kind === 'foto_rapat')!.id;
  images.sptjm = await onePagePdf('SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK', ['matriks peran × rute']);
  const withPlan = async (rw: number, n: number, approve: boolean) => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, rw, n)!;
    await aCompleteDossier(s, chair(rt.id), rt.id);
    const plan = savePlan(s, chair(rt.id), { rtId: rt.id, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true });
    if (approve) approvePlanFully(s, bendahara, plan.id);
    return { rt, plan };
  };
  ids.planForBulk = (await withPlan(3, 3, false)).plan.id;
  await withPlan(3, 6, true);
  const rtReject = (await withPlan(3, 4, true)).rt;
  ids.trancheToReject = requestTranche(s, chair(rtReject.id), { rtId: rtReject.id, year: 2026, month: '2026-11', lines: DEMO_PLAN.slice(1, 2), requestKey: 'matrix-reject-000001' }).id;
  const approved = async (rw: number, n: number, key: string) => {
    const { rt } = await withPlan(rw, n, true);
    return approveTrancheFully(s, bendahara, requestTranche(s, chair(rt.id), { rtId: rt.id, year: 2026, month: '2026-11', lines: DEMO_PLAN.slice(1, 2), requestKey: key }).id);
  };
  // The seed's unpaid batch (RT 003 / RW 002 in transit) gets its row answered; a batch of its own is cancelled whole.
  ids.batchToAnswer = s.tranches.batches(PLEBURAN).find((b) => b.status === 'open')!.id;
  ids.rowToAnswer = s.tranches.batchRows(ids.batchToAnswer)[0]!.id;
  await approved(2, 5, 'matrix-cancel-0000001');
  ids.batchToCancel = createBankBatch(s, theTreasury(s), PLEBURAN).batchId;
  // Approved, in no batch: one reversed by the bendahara, one batched over HTTP by BPKAD.
  ids.trancheToReverse = (await approved(2, 6, 'matrix-reverse-000001')).id;
  await approved(2, 4, 'matrix-bank-00000001');
  // Verified by the treasurer, waiting for the lurah (then the camat: the demo's 2026 asks for him).
  ids.planForLurah = approvePlan(s, bendahara, (await withPlan(3, 7, false)).plan.id).id;
  {
    const { rt } = await withPlan(3, 8, true);
    ids.trancheForLurah = approveTranche(s, bendahara, requestTranche(s, chair(rt.id), { rtId: rt.id, year: 2026, month: '2026-11', lines: DEMO_PLAN.slice(1, 2), requestKey: 'matrix-lurah-0000001' }).id).id;
  }
  // Verified by the treasurer, sent back by the lurah at his step (returned, rejected).
  ids.planToSendBack = approvePlan(s, bendahara, (await withPlan(5, 1, false)).plan.id).id;
  {
    const { rt } = await withPlan(5, 2, true);
    ids.trancheToSendBack = approveTranche(s, bendahara, requestTranche(s, chair(rt.id), { rtId: rt.id, year: 2026, month: '2026-11', lines: DEMO_PLAN.slice(1, 2), requestKey: 'matrix-sendback-00001' }).id).id;
  }
  // The other way back at the lurah's step: a plan rejected for good, a tranche returned to fix.
  ids.planToReject = approvePlan(s, bendahara, (await withPlan(5, 3, false)).plan.id).id;
  {
    const { rt } = await withPlan(5, 4, true);
    ids.trancheToReturn = approveTranche(s, bendahara, requestTranche(s, chair(rt.id), { rtId: rt.id, year: 2026, month: '2026-11', lines: DEMO_PLAN.slice(1, 2), requestKey: 'matrix-sendback-00002' }).id).id;
  }
  // The treasurer's other ways back at her step (brief 29a): a plan rejected, a tranche returned.
  ids.planRejectedByTreasurer = (await withPlan(5, 5, false)).plan.id;
  {
    const { rt } = await withPlan(5, 6, true);
    ids.trancheReturnedByTreasurer = requestTranche(s, chair(rt.id), { rtId: rt.id, year: 2026, month: '2026-11', lines: DEMO_PLAN.slice(1, 2), requestKey: 'matrix-treasurer-0001' }).id;
  }
  ids.trancheToApprove = s.tranches.ofKelurahan(PLEBURAN, ['pending']).find((r) => r.tranche.rtId === s.registry.findRtByNumbers(PLEBURAN, 3, 1)!.id)!.tranche.id;
  ids.batch = s.tranches.batches(PLEBURAN).find((b) => b.status === 'paid')!.id;
  const rt13 = s.registry.findRtByNumbers(PLEBURAN, 1, 3)!.id;
  const rt12 = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
  const pending13 = s.receipts.ofRt(rt13, 2026).filter((r) => r.status === 'pending');
  ids.receiptToVerify = pending13[0]!.id;
  ids.receiptToReturn = pending13[1]!.id;
  const of12 = s.receipts.ofRt(rt12, 2026);
  ids.receiptToReject = of12.find((r) => r.status === 'pending')!.id;
  ids.receiptToReverse = of12.find((r) => r.status === 'verified')!.id;
  ids.receiptReturned = of12.find((r) => r.status === 'returned')!.id;
  ids.ownReturned = s.receipts.ofRt(ids.ownRt, 2026).find((r) => r.status === 'returned')!.id;
  ids.ownPhoto = s.receipts.ofRt(ids.ownRt, 2026).flatMap((r) => s.receipts.files(r.id)).find((f) => s.evidenceFiles.find(f.sha256)?.mime.startsWith('image/'))!.sha256;
  ids.spjToVerify = s.receipts.spjOfKelurahan(PLEBURAN, 2026, ['submitted'])[0]!.spj.id;
  images.nota = await evidenceImage('nota', ['MATRIX NOTA'], 901);
  images.hadir = await evidenceImage('daftar_hadir', ['MATRIX HADIR'], 902);
  images.nota2 = await evidenceImage('nota', ['MATRIX NOTA RT', 'Toko ATK Sinar'], 903);
  // Issue 19a: a receipt draft of the chair's own RT, with its photo.
  ids.draft = s.receiptDrafts.insert({ rtId: ids.ownRt, year: 2026, requestKey: 'matrix-draft-00000001', fields: '{}', bytes: images.nota.length, savedBy: null, savedAt: '2026-11-27T03:00:00Z' }, [{ field: 'nota', name: 'nota.jpg', mime: 'image/jpeg', content: images.nota }]);
  ids.draftFile = s.receiptDrafts.files(ids.draft)[0]!.id;
  // RT 002 / RW 002 drew August and has reported nothing: its first owed month (SPJs go in month order).
  const rt22 = s.registry.findRtByNumbers(PLEBURAN, 2, 2)!.id;
  ids.spjToReturn = submitSpj(s, chair(rt22), { rtId: rt22, year: 2026, month: '2026-08' }).id;
  // A report RT 006 / RW 003 sent and nobody verified yet: its chair may take it back.
  ids.spjToWithdraw = s.receipts.insertSpj({ rtId: ids.rw3Rt, year: 2026, month: '2026-10', status: 'submitted', openingCash: 0, received: 0, spent: 0, closingCash: 0, receiptCount: 0, submittedBy: null, submittedAt: '2026-11-05T03:00:00Z' });
  // A report of the same RT the treasurer returned: its chair sends it again (issue 19, item 4).
  ids.spjToResend = s.receipts.insertSpj({ rtId: ids.rw3Rt, year: 2026, month: '2026-09', status: 'returned', openingCash: 0, received: 0, spent: 0, closingCash: 0, receiptCount: 0, submittedBy: null, submittedAt: '2026-10-05T03:00:00Z', note: 'Lengkapi kuitansi September.' });
  // A resident's complaint to RT 001 / RW 001 Pleburan, waiting for the kelurahan (the demo's answered one is published).
  {
    const rt = { kind: 'rt' as const, id: ids.ownRt };
    const form = createApplication(s, loadConfig({ logLevel: 'silent' })).complaints;
    const { stamp: signed } = form.formContext(rt);
    const later = { ...s, now: () => new Date(s.now().getTime() + 60_000) };
    ids.complaintCode = submitComplaint(later, { target: rt, kind: 'pertanyaan', message: 'Matriks: untuk apa dana bulan November?', senderName: null, senderPhone: null, honeypot: '', stamp: signed, address: '192.0.2.1' }).code;
    ids.complaintToAnswer = s.complaints.findByCode(ids.complaintCode)!.id;
  }
  // The early-warning desk: every waiting refresh done, then an open flag of a Pleburan RT to follow up.
  refreshDirty(s, Number.MAX_SAFE_INTEGER);
  ids.riskFlag = s.risk.flagsOfMany(2026, s.registry.rtsOfKelurahan(PLEBURAN).map((r) => r.id)).find((f) => f.state === 'open')!.id;
  agents.anon = await anonymous(app.app);
  const logins: Array<[Who, string]> = [
    ['admin', 'admin'], ['bendahara', 'bendahara.pleburan'], ['ketua', 'ketua.pleburan'], ['auditor', 'auditor'],
    ['auditorMijen', 'auditor.mijen'], ['bendaharaWonodri', 'bendahara.wonodri'], ['ketuaOther', 'ketua.lain'],
    ['ketuaNoPlan', 'ketua.tanpa.rap'], ['ketuaRw3', 'ketua.rw3'], ['bpkad', 'bpkad'],
    ['sekretaris', 'sekretaris.rt001.pleburan'], ['bendaharaRt', 'bendahara.rt001.pleburan'], ['lurah', 'lurah.pleburan'], ['camat', 'camat.semarangselatan'],
    ['lurahWonodri', 'lurah.wonodri'], ['camatMijen', 'camat.mijen'], ['pengawas', 'pengawas.semarangselatan'], ['pengawasMijen', 'pengawas.mijen'],
  ];
  for (const [who, username] of logins) agents[who] = await signedIn(app.app, username);
});

/** One path's row of the table: who gets which status, tried in the order written. */
const on = (path: string, expected: Partial<Record<Who, number>>, extra: Partial<Case> = {}): Case[] =>
  Object.entries(expected).map(([who, status]) => ({ who: who as Who, path, expect: status, ...extra }));

const READERS_OF_RT = (rt: () => number, suffix = ''): Case[] =>
  on(`/rt/${rt()}${suffix}`, { anon: 303, ketua: 200, sekretaris: 200, bendaharaRt: 200, ketuaOther: 404, bendahara: 200, bendaharaWonodri: 404, auditor: 200, auditorMijen: 404, admin: 200, lurah: 403, camat: 403, pengawas: 200, pengawasMijen: 404 });

/** Non-admins get 403 on an admin-only route; anonymous is sent to sign in; the admin's own case comes last. */
const adminOnly = (path: () => string, adminCase: Omit<Case, 'who' | 'path'>, body?: Case['body'], file?: string): Case[] => [
  ...(['anon', 'bendahara', 'ketua', 'sekretaris', 'bendaharaRt', 'lurah', 'camat', 'auditor', 'auditorMijen', 'bpkad', 'pengawas'] as const).map((who) => ({ who, path: path(), body, file, expect: who === 'anon' ? 303 : 403 })),
  { who: 'admin', path: path(), body, file, ...adminCase },
];

const WILAYAH_CSV = 'kecamatan_code,kecamatan,kelurahan_code,kelurahan\n3374050,Semarang Selatan,3374050005,Pleburan\n';
const RT_CSV = 'kelurahan_code,rw,rt,chair_name,bank_account\n3374050005,1,1,Ketua Baru,2011111111\n';

/** Writers of one role: anonymous to sign-in, other roles 403, the same role elsewhere 404, the right one last. */
const writers = (path: () => string, roleWho: Who[], wrongScope: Who[], right: Omit<Case, 'path'>, body?: Case['body'], extra: Partial<Case> = {}): Case[] => {
  const all: Who[] = ['anon', 'admin', 'bendahara', 'ketua', 'sekretaris', 'bendaharaRt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas'];
  return [
    ...all.filter((w) => !roleWho.includes(w)).map((who) => ({ who, path: path(), body, ...extra, expect: who === 'anon' ? 303 : 403 })),
    ...wrongScope.map((who) => ({ who, path: path(), body, ...extra, expect: 404 })),
    { path: path(), body, ...extra, ...right },
  ];
};

const RBB = { lineCategory: ['SOS'], lineDescription: ['Konsumsi rapat Oktober'], lineAmount: ['300.000'] };

/** Issue 20: a photo of a verified receipt of Pleburan (shown publicly; the treasurer decides on it). */
const photoOfVerified = () =>
  s.db.sqlite
    .prepare(`SELECT f.receipt_id AS receiptId, f.sha256 FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id JOIN rt t ON t.id = r.rt_id WHERE r.status = 'verified' AND r.category <> 'SOS' AND f.kind IN ('foto_kegiatan', 'foto_barang') AND t.kelurahan_code = ? ORDER BY f.id DESC LIMIT 1`)
    .get(PLEBURAN) as { receiptId: number; sha256: string };
const publicPhotoSha = () => photoOfVerified().sha256;

const MATRIX: Record<string, () => Case[]> = {
  'get /healthz': () => on('/healthz', { anon: 200, ketua: 200, admin: 200 }),
  'get /login': () => on('/login', { anon: 200, admin: 303 }),
  // The signed checkpoints and public keys: for anyone, signed in or not.
  'get /publik/checkpoint': () => on('/publik/checkpoint', { anon: 200, ketua: 200, bendahara: 200, auditor: 200, bpkad: 200, admin: 200 }),
  'get /publik/checkpoint.json': () => on('/publik/checkpoint.json', { anon: 200, ketua: 200, admin: 200 }),
  'get /publik/kunci-publik.pem': () => on('/publik/kunci-publik.pem', { anon: 200, auditor: 200 }),
  // Issue 20: the open books, for anyone (served before sessions: the same page signed in or not).
  'get /publik{.:format}': () => [...on('/publik', { anon: 200, ketua: 200, admin: 200 }), ...on('/publik.csv', { anon: 200 }), ...on('/publik.json', { bendahara: 200 }), ...on('/publik.xml', { anon: 404 })],
  'get /publik/kecamatan/:code{.:format}': () => [...on('/publik/kecamatan/3374050', { anon: 200, auditorMijen: 200 }), ...on('/publik/kecamatan/3374050.json', { anon: 200 }), ...on('/publik/kecamatan/9999999', { anon: 404 })],
  'get /publik/kelurahan/:code{.:format}': () => [...on(`/publik/kelurahan/${PLEBURAN}`, { anon: 200, bendaharaWonodri: 200 }), ...on(`/publik/kelurahan/${PLEBURAN}.csv`, { anon: 200 }), ...on('/publik/kelurahan/9999999999', { anon: 404 })],
  'get /publik/rw/:kel/:rw{.:format}': () => [...on(`/publik/rw/${PLEBURAN}/1`, { anon: 200, ketuaOther: 200 }), ...on(`/publik/rw/${PLEBURAN}/1.json`, { anon: 200 }), ...on(`/publik/rw/${PLEBURAN}/99`, { anon: 404 })],
  'get /publik/rw/:kel/:rw/poster.pdf': () => [...on(`/publik/rw/${PLEBURAN}/1/poster.pdf`, { anon: 200 }), ...on(`/publik/rw/${PLEBURAN}/2/poster.pdf`, { anon: 404 })],
  'get /publik/rt/:kel/:rw/:rt{.:format}': () => [...on(`/publik/rt/${PLEBURAN}/1/1`, { anon: 200, ketuaOther: 200, bendaharaWonodri: 200 }), ...on(`/publik/rt/${PLEBURAN}/1/1.csv`, { anon: 200 }), ...on(`/publik/rt/${PLEBURAN}/1/1.json`, { anon: 200 }), ...on(`/publik/rt/${PLEBURAN}/1/999`, { anon: 404 })],
  'get /publik/rt/:kel/:rw/:rt/poster.pdf': () => [...on(`/publik/rt/${PLEBURAN}/1/1/poster.pdf`, { anon: 200, ketua: 200 }), ...on(`/publik/rt/${PLEBURAN}/1/999/poster.pdf`, { anon: 404 })],
  'get /publik/foto/:sha/:size': () => [...on(`/publik/foto/${publicPhotoSha()}/kecil`, { anon: 200, ketua: 200 }), ...on(`/publik/foto/${publicPhotoSha()}/asli`, { anon: 404 }), ...on(`/publik/foto/${'0'.repeat(64)}/kecil`, { anon: 404 })],
  // Aduan warga: the form and tracking for anyone; the inbox and answers for the kelurahan, the desk of its kecamatan, the admin.
  'get /publik/aduan': () => [...on('/publik/aduan', { anon: 200, ketua: 200, admin: 200 }), ...on('/publik/aduan?kode=salah', { anon: 422 })],
  'get /publik/aduan/baru': () => [...on(`/publik/aduan/baru?rt=${ids.ownRt}`, { anon: 200, ketua: 200, lurah: 200 }), ...on('/publik/aduan/baru?rt=99999999', { anon: 404 }), ...on('/publik/aduan/baru', { anon: 404 })],
  'get /publik/aduan/stempel': () => [...on(`/publik/aduan/stempel?rt=${ids.ownRt}`, { anon: 200, ketua: 200, admin: 200 }), ...on('/publik/aduan/stempel?rt=99999999', { anon: 404 }), ...on('/publik/aduan/stempel', { anon: 404 })],
  'post /publik/aduan': () => [
    // No signed stamp: refused politely (the form again), nothing stored; a target that does not exist is 404.
    ...on('/publik/aduan', { anon: 422, ketua: 422, admin: 422 }, { body: { targetKind: 'rt', targetId: String(ids.ownRt), kind: 'pertanyaan', message: 'Tanpa cap waktu', stamp: '' } }),
    ...on('/publik/aduan', { anon: 404 }, { body: { targetKind: 'rt', targetId: '99999999', kind: 'pertanyaan', message: 'x', stamp: '' } }),
  ],
  'get /publik/aduan/:code': () => [...on(`/publik/aduan/${ids.complaintCode}`, { anon: 200, ketua: 200, lurahWonodri: 200 }), ...on('/publik/aduan/ADU-2222-2222', { anon: 404 }), ...on('/publik/aduan/bukan-kode', { anon: 404 })],
  'get /aduan': () => on('/aduan', { anon: 303, ketua: 403, sekretaris: 403, bendaharaRt: 403, auditor: 403, bpkad: 403, camat: 403, lurah: 200, bendahara: 200, lurahWonodri: 200, pengawas: 200, pengawasMijen: 200, admin: 200 }),
  'get /aduan/:id': () => [
    ...on(`/aduan/${ids.complaintToAnswer}`, { anon: 303, ketua: 403, auditor: 403, camat: 403, lurahWonodri: 404, bendaharaWonodri: 404, pengawasMijen: 404, lurah: 200, bendahara: 200, pengawas: 200, admin: 200 }),
    ...on('/aduan/99999999', { admin: 404 }),
  ],
  'post /aduan/:id/jawab': () => [
    ...writers(() => `/aduan/${ids.complaintToAnswer}/jawab`, ['lurah', 'bendahara', 'pengawas', 'admin'], ['lurahWonodri', 'bendaharaWonodri', 'pengawasMijen'], { who: 'lurah', expect: 303 }, { answer: 'Jawaban matriks.' }),
    // Answered once: a second answer is a conflict.
    ...on(`/aduan/${ids.complaintToAnswer}/jawab`, { admin: 409 }, { body: { answer: 'Lagi.' } }),
    ...on(`/aduan/${ids.complaintToAnswer}/jawab`, { bendahara: 422 }, { body: { answer: '' } }),
  ],
  'post /login': () => [{ who: 'anon', path: '/login', body: { username: 'x', password: 'y' }, expect: 422 }],
  'post /logout': () => on('/logout', { anon: 303 }, { body: {} }),
  'get /akun/password': () => on('/akun/password', { admin: 200, bendahara: 200, ketua: 200, sekretaris: 200, bendaharaRt: 200, lurah: 200, camat: 200, auditor: 200, bpkad: 200, pengawas: 200, anon: 303 }),
  'post /akun/password': () => [
    { who: 'anon', path: '/akun/password', body: { currentPassword: 'x', newPassword: 'y', confirmPassword: 'y' }, expect: 303 },
    { who: 'auditor', path: '/akun/password', body: { currentPassword: 'salah', newPassword: 'abcdefghijk', confirmPassword: 'abcdefghijk' }, expect: 422 },
  ],
  'get /': () => on('/', { anon: 200, admin: 200, bendahara: 200, ketua: 200, sekretaris: 200, bendaharaRt: 200, lurah: 200, camat: 200, auditor: 200, auditorMijen: 200, bpkad: 200, pengawas: 200, pengawasMijen: 200 }),
  'get /wilayah/kecamatan/:code': () => [
    ...on('/wilayah/kecamatan/3374050', { anon: 303, ketua: 403, bendahara: 403, auditorMijen: 404, auditor: 200, admin: 200, pengawas: 200, pengawasMijen: 404 }),
    ...on('/wilayah/kecamatan/3374010', { auditorMijen: 200 }),
    ...on('/wilayah/kecamatan/9999999', { admin: 404 }),
  ],
  'get /wilayah/kelurahan/:code': () => [
    ...on(`/wilayah/kelurahan/${PLEBURAN}`, { anon: 303, ketua: 403, bendahara: 200, bendaharaWonodri: 404, auditorMijen: 404, auditor: 200 }),
    ...on(`/wilayah/kelurahan/${WONODRI}`, { bendahara: 404, admin: 200 }),
  ],
  'get /wilayah/kelurahan/:code/ubah': () => [...adminOnly(() => `/wilayah/kelurahan/${PLEBURAN}/ubah`, { expect: 200 }), ...on('/wilayah/kelurahan/9999999999/ubah', { admin: 404 })],
  'post /wilayah/kelurahan/:code/ubah': () => [
    ...adminOnly(() => `/wilayah/kelurahan/${WONODRI}/ubah`, { expect: 303 }, { address: 'Jl. Contoh No. 1', officeCode: 'WND', lurahName: 'Lurah Contoh', lurahNip: '197001011990031001', bendaharaName: '', bendaharaNip: '' }),
    { who: 'admin', path: `/wilayah/kelurahan/${WONODRI}/ubah`, body: { address: '', officeCode: 'WND', lurahName: 'Lurah Contoh', lurahNip: '1234', bendaharaName: '', bendaharaNip: '' }, expect: 422 },
  ],
  'get /rt/:id': () => [...READERS_OF_RT(() => ids.ownRt), ...on(`/rt/${ids.rtWonodri}`, { ketua: 404 }), ...on('/rt/999999', { admin: 404 })],
  'get /rt/:id/kuitansi/:receipt/pdf': () => [
    ...READERS_OF_RT(() => ids.ownRt, `/kuitansi/${ids.ownReturned}/pdf`),
    ...on(`/rt/${ids.otherRtSameKel}/kuitansi/${ids.ownReturned}/pdf`, { bendahara: 404 }),
    ...on(`/rt/${ids.ownRt}/kuitansi/abc/pdf`, { ketua: 404 }),
  ],
  'get /rt/:id/ubah': () => adminOnly(() => `/rt/${ids.ownRt}/ubah`, { expect: 200 }),
  'post /rt/:id/ubah': () => adminOnly(() => `/rt/${ids.otherRtSameKel}/ubah`, { expect: 303 }, { chairName: 'Nama Baru', bankAccount: '2022222222' }),
  'post /rt/:id/status': () => adminOnly(() => `/rt/${ids.rtWonodri}/status`, { expect: 303 }, { active: '0' }),
  'get /admin/pengguna': () => adminOnly(() => '/admin/pengguna', { expect: 200 }),
  'get /admin/pengguna/baru': () => adminOnly(() => '/admin/pengguna/baru', { expect: 200 }),
  'post /admin/pengguna/baru': () => adminOnly(() => '/admin/pengguna/baru', { expect: 303 }, { username: 'baru.sekali', displayName: 'Baru', role: 'auditor', password: 'panjang-sekali-1' }),
  'post /admin/pengguna/:id/reset': () => adminOnly(() => `/admin/pengguna/${ids.spareUser}/reset`, { expect: 303 }, {}),
  'post /admin/pengguna/:id/status': () => adminOnly(() => `/admin/pengguna/${ids.spareUser2}/status`, { expect: 303 }, { active: '0' }),
  'get /admin/impor': () => adminOnly(() => '/admin/impor', { expect: 200 }),
  'get /wilayah/kelurahan/:code/penerima-baru': () => [...adminOnly(() => `/wilayah/kelurahan/${PLEBURAN}/penerima-baru`, { expect: 200 }), ...on('/wilayah/kelurahan/9999999999/penerima-baru', { admin: 404 })],
  'post /wilayah/kelurahan/:code/penerima-baru': () => adminOnly(() => `/wilayah/kelurahan/${WONODRI}/penerima-baru`, { expect: 303 }, { choice: 'PKK:rt', rwNumber: '1', rtNumber: '1', chairName: 'Ketua PKK Uji', bankAccount: '2098765411' }),
  'get /wilayah/kelurahan/:code/rw-baru': () => [...adminOnly(() => `/wilayah/kelurahan/${PLEBURAN}/rw-baru`, { expect: 200 }), ...on('/wilayah/kelurahan/9999999999/rw-baru', { admin: 404 })],
  'post /wilayah/kelurahan/:code/rw-baru': () => adminOnly(() => `/wilayah/kelurahan/${WONODRI}/rw-baru`, { expect: 303 }, { rwNumber: '1', chairName: 'Ketua RW Uji', bankAccount: '2098765401' }),
  'get /admin/tahun': () => adminOnly(() => '/admin/tahun', { expect: 200 }),
  'get /admin/tahun/baru': () => adminOnly(() => '/admin/tahun/baru', { expect: 200 }),
  'post /admin/tahun/baru': () => adminOnly(() => '/admin/tahun/baru', { expect: 303 }, { ...yearFormValues(defaultProgrammeYear(2028)), year: '2028' }),
  'get /admin/tahun/:year': () => [...adminOnly(() => '/admin/tahun/2026', { expect: 200 }), ...on('/admin/tahun/abc', { admin: 404 }), ...on('/admin/tahun/2031', { admin: 404 })],
  // A change from the last day of the year: nothing the later cases do is judged by it.
  'post /admin/tahun/:year': () => adminOnly(() => '/admin/tahun/2026', { expect: 303 }, { ...yearFormValues(s.years.find(2026)!), effectiveFrom: '2026-12-31', meteraiThreshold: '6.000.000' }),
  'post /admin/impor/wilayah': () => adminOnly(() => '/admin/impor/wilayah', { expect: 303 }, {}, WILAYAH_CSV),
  'post /admin/impor/rt': () => adminOnly(() => '/admin/impor/rt', { expect: 303 }, {}, RT_CSV),
  'get /rt/:id/rencana': () => READERS_OF_RT(() => ids.ownRt, '/rencana'),
  'post /rt/:id/rencana': () =>
    writers(() => `/rt/${ids.noPlanRt}/rencana`, ['ketua'], ['ketua'], { who: 'ketuaNoPlan', expect: 303 },
      { year: '2026', action: 'save', lineCategory: ['SOS'], lineDescription: ['Konsumsi rapat'], lineAmount: ['1.000.000'] }, { multipart: true }),
  'post /rt/:id/rencana/berkas': () =>
    writers(() => `/rt/${ids.noPlanRt}/rencana/berkas`, ['ketua'], ['ketua'], { who: 'ketuaNoPlan', expect: 303 }, { year: '2026', kind: 'sptjm' }, { files: [['dokumen', images.sptjm!, 'sptjm.pdf']] }),
  'post /rt/:id/rencana/berkas/:doc/hapus': () => writers(() => `/rt/${ids.noPlanRt}/rencana/berkas/${ids.dossierDoc}/hapus`, ['ketua'], ['ketua'], { who: 'ketuaNoPlan', expect: 303 }, {}),
  'post /rt/:id/rencana/revisi': () => writers(() => `/rt/${ids.ownRt}/rencana/revisi`, ['ketua'], ['ketuaOther'], { who: 'ketua', expect: 303 }, { year: '2026' }),
  'post /rencana/:id/setujui': () => writers(() => `/rencana/${ids.planToApprove}/setujui`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, {}),
  'post /rencana/:id/kembalikan': () =>
    writers(() => `/rencana/${ids.planToReturn}/kembalikan`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, { note: 'Lengkapi tanda tangan warga.' }),
  'post /rencana/:id/tolak': () => [
    ...writers(() => `/rencana/${ids.planRejectedByTreasurer}/tolak`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', body: { reason: '' }, expect: 422 }, { reason: 'Kegiatan dilarang.' }),
    { who: 'bendahara', path: `/rencana/${ids.planRejectedByTreasurer}/tolak`, body: { reason: 'Kegiatan dilarang.' }, expect: 303 },
  ],
  'get /rt/:id/pencairan': () => READERS_OF_RT(() => ids.ownRt, '/pencairan'),
  'post /rt/:id/pencairan': () =>
    writers(() => `/rt/${ids.rw3Rt}/pencairan`, ['ketua'], ['ketua'], { who: 'ketuaRw3', expect: 303 }, { year: '2026', month: '2026-11', requestKey: 'matrix-request-0000001', ...RBB }),
  'get /antrian': () => on('/antrian', { anon: 303, ketua: 403, lurah: 403, camat: 403, auditor: 403, admin: 403, bendaharaWonodri: 200, bendahara: 200 }),
  // The chain's later steps: the lurah and the camat, each on his own queue; no step skipped, none by the wrong role.
  'get /persetujuan': () => on('/persetujuan', { anon: 303, ketua: 403, sekretaris: 403, bendahara: 403, auditor: 403, admin: 403, bpkad: 403, lurah: 200, lurahWonodri: 200, camat: 200, camatMijen: 200 }),
  'post /persetujuan/rencana/:id': () => [
    ...writers(() => `/persetujuan/rencana/${ids.planForLurah}`, ['lurah', 'camat'], ['lurahWonodri', 'camatMijen'], { who: 'camat', expect: 409 }, {}),
    { who: 'lurah', path: `/persetujuan/rencana/${ids.planForLurah}`, expect: 303 },
    { who: 'camat', path: `/persetujuan/rencana/${ids.planForLurah}`, expect: 303 },
  ],
  'post /persetujuan/rencana/:id/kembalikan': () => [
    ...writers(() => `/persetujuan/rencana/${ids.planToSendBack}/kembalikan`, ['lurah', 'camat'], ['lurahWonodri'], { who: 'camat', expect: 409 }, { reason: 'Berkas kurang.' }),
    { who: 'lurah', path: `/persetujuan/rencana/${ids.planToSendBack}/kembalikan`, body: { reason: '' }, expect: 422 },
    { who: 'lurah', path: `/persetujuan/rencana/${ids.planToSendBack}/kembalikan`, body: { reason: 'Daftar hadir belum ditandatangani.' }, expect: 303 },
  ],
  'post /persetujuan/pencairan/:id/tolak': () => [
    ...writers(() => `/persetujuan/pencairan/${ids.trancheToSendBack}/tolak`, ['lurah', 'camat'], ['lurahWonodri'], { who: 'camat', expect: 409 }, { reason: 'Tidak sesuai RAP.' }),
    { who: 'lurah', path: `/persetujuan/pencairan/${ids.trancheToSendBack}/tolak`, body: { reason: 'Tidak sesuai RAP.' }, expect: 303 },
  ],
  'post /persetujuan/rencana/:id/tolak': () => [
    ...writers(() => `/persetujuan/rencana/${ids.planToReject}/tolak`, ['lurah', 'camat'], ['lurahWonodri'], { who: 'camat', expect: 409 }, { reason: 'Rencana tidak sesuai musyawarah.' }),
    { who: 'lurah', path: `/persetujuan/rencana/${ids.planToReject}/tolak`, body: { reason: ' ' }, expect: 422 },
    { who: 'lurah', path: `/persetujuan/rencana/${ids.planToReject}/tolak`, body: { reason: 'Rencana tidak sesuai musyawarah.' }, expect: 303 },
  ],
  'post /persetujuan/pencairan/:id/kembalikan': () => [
    ...writers(() => `/persetujuan/pencairan/${ids.trancheToReturn}/kembalikan`, ['lurah', 'camat'], ['lurahWonodri'], { who: 'camat', expect: 409 }, { reason: 'Rinciannya belum sesuai RAP.' }),
    { who: 'lurah', path: `/persetujuan/pencairan/${ids.trancheToReturn}/kembalikan`, body: { reason: '' }, expect: 422 },
    { who: 'lurah', path: `/persetujuan/pencairan/${ids.trancheToReturn}/kembalikan`, body: { reason: 'Rinciannya belum sesuai RAP.' }, expect: 303 },
  ],
  'post /persetujuan/pencairan/:id': () => [
    ...writers(() => `/persetujuan/pencairan/${ids.trancheForLurah}`, ['lurah', 'camat'], ['lurahWonodri', 'camatMijen'], { who: 'camat', expect: 409 }, {}),
    { who: 'lurah', path: `/persetujuan/pencairan/${ids.trancheForLurah}`, expect: 303 },
    { who: 'camat', path: `/persetujuan/pencairan/${ids.trancheForLurah}`, expect: 303 },
  ],
  'get /rt/:id/profil': () => [
    ...on(`/rt/${ids.ownRt}/profil`, { anon: 303, ketua: 200, sekretaris: 200, bendaharaRt: 200, ketuaOther: 404, bendahara: 200, bendaharaWonodri: 404, lurah: 200, lurahWonodri: 404, camat: 200, camatMijen: 404, auditor: 200, auditorMijen: 404, admin: 200, bpkad: 403 }),
    ...on('/rt/999999/profil', { admin: 404 }),
  ],
  'post /rt/:id/profil': () => [
    ...(['anon', 'bendahara', 'ketua', 'sekretaris', 'bendaharaRt', 'lurah', 'camat', 'auditor', 'bpkad'] as const).map((who) => ({ who, path: `/rt/${ids.ownRt}/profil`, multipart: true, body: { decreeNumber: '141/9/2026' }, expect: who === 'anon' ? 303 : 403 })),
    { who: 'admin', path: `/rt/${ids.ownRt}/profil`, multipart: true, body: { decreeNumber: '141/9/2026', decreeDate: '2026-01-05', ketuaUserId: String(s.users.findByUsername('ketua.pleburan')!.id) }, expect: 303 },
  ],
  'post /antrian/setujui': () => writers(() => '/antrian/setujui', ['bendahara'], [], { who: 'bendahara', expect: 303 }, { ids: [`plan:${ids.planForBulk}`] }),
  'post /pencairan/:id/setujui': () => writers(() => `/pencairan/${ids.trancheToApprove}/setujui`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, {}),
  'post /pencairan/:id/tolak': () => writers(() => `/pencairan/${ids.trancheToReject}/tolak`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, { reason: 'RBB tidak sesuai RAP' }),
  'post /pencairan/:id/kembalikan': () => [
    ...writers(() => `/pencairan/${ids.trancheReturnedByTreasurer}/kembalikan`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', body: { reason: '' }, expect: 422 }, { reason: 'Lampirkan undangan.' }),
    { who: 'bendahara', path: `/pencairan/${ids.trancheReturnedByTreasurer}/kembalikan`, body: { reason: 'Lampirkan undangan.' }, expect: 303 },
  ],
  'post /pencairan/:id/batalkan': () =>
    writers(() => `/pencairan/${ids.trancheToReverse}/batalkan`, ['bendahara', 'admin'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, { reason: 'Salah bulan' }),
  // Bank batches: the kelurahan sees its own, the auditor and admin read; only BPKAD (the whole city) makes, cancels and answers them.
  'get /bank': () => on('/bank', { anon: 303, ketua: 403, bendahara: 403, auditor: 403, admin: 403, bpkad: 200 }),
  'get /kelurahan/:code/bank': () => on(`/kelurahan/${PLEBURAN}/bank`, { anon: 303, ketua: 403, bendahara: 200, bendaharaWonodri: 404, auditorMijen: 404, auditor: 200, admin: 200, bpkad: 200 }),
  'post /kelurahan/:code/bank': () => writers(() => `/kelurahan/${PLEBURAN}/bank`, ['bpkad'], [], { who: 'bpkad', expect: 303 }, {}),
  'get /bank/batch/:id': () => on(`/bank/batch/${ids.batch}`, { anon: 303, ketua: 403, bendahara: 200, bendaharaWonodri: 404, auditorMijen: 404, auditor: 200, admin: 200, bpkad: 200 }),
  'get /bank/batch/:id/csv': () => on(`/bank/batch/${ids.batch}/csv`, { anon: 303, ketua: 403, bendahara: 200, bendaharaWonodri: 404, auditorMijen: 404, auditor: 200, admin: 200, bpkad: 200 }),
  'post /bank/batch/:id/dibayar': () =>
    writers(() => `/bank/batch/${s.tranches.batches(PLEBURAN)[0]!.id}/dibayar`, ['bpkad'], [], { who: 'bpkad', expect: 303 }, { bankReference: 'BJTG-MATRIX-1', paidOn: '2026-11-28' }),
  'post /bank/batch/:id/baris/:rowId': () =>
    writers(() => `/bank/batch/${ids.batchToAnswer}/baris/${ids.rowToAnswer}`, ['bpkad'], [], { who: 'bpkad', expect: 303 }, { outcome: 'failed', reason: 'Rekening tutup.' }),
  'post /bank/batch/:id/batal': () => writers(() => `/bank/batch/${ids.batchToCancel}/batal`, ['bpkad'], [], { who: 'bpkad', expect: 303 }, { reason: 'Salah kirim.' }),
  'get /tutup-tahun': () => writers(() => '/tutup-tahun', ['admin'], [], { who: 'admin', expect: 200 }),
  // Pleburan's 2025 is closed in the seed; Wonodri's has nothing pending.
  'post /tutup-tahun': () => writers(() => '/tutup-tahun', ['admin'], [], { who: 'admin', expect: 303 }, { year: '2025', kelurahanCode: WONODRI, confirm: 'ya' }),
  'post /tutup-tahun/pengecualian': () =>
    writers(() => '/tutup-tahun/pengecualian', ['admin'], [], { who: 'admin', expect: 303 }, { year: '2026', blockerKey: `rt:${ids.otherRtSameKel}:spj:2026-08`, reason: 'Diperiksa manual oleh DP3A.' }),
  'get /tutup-tahun/koreksi': () => writers(() => '/tutup-tahun/koreksi?year=2025', ['admin'], [], { who: 'admin', expect: 200 }),
  'post /tutup-tahun/koreksi': () =>
    writers(() => '/tutup-tahun/koreksi', ['admin'], [], { who: 'admin', expect: 303 }, {
      year: '2025', kelurahanCode: PLEBURAN, rtId: String(ids.ownRt), from: 'spending:BUD', to: 'returned', amount: '100.000', reason: 'Temuan audit: hadiah lomba dobel.', requestKey: 'route-matrix-koreksi-0001',
    }),
  'get /berkas/:sha': () => [
    ...on(`/berkas/${ids.beritaAcara}`, { anon: 303, ketua: 200, ketuaOther: 404, bendahara: 200, bendaharaWonodri: 404, auditor: 200, auditorMijen: 404, admin: 200 }),
    ...on(`/berkas/${'0'.repeat(64)}`, { admin: 404 }),
    // A dossier file: scoped as the berita acara is.
    ...on(`/berkas/${ids.dossierSha}`, { anon: 303, ketua: 200, ketuaOther: 404, bendahara: 200, bendaharaWonodri: 404, auditor: 200, auditorMijen: 404, admin: 200 }),
  ],
  'get /istilah': () => on('/istilah', { anon: 200, ketua: 200, bendahara: 200, admin: 200 }),
  'get /berkas/:sha/kecil': () => [
    ...on(`/berkas/${ids.ownPhoto}/kecil`, { anon: 303, ketua: 200, ketuaOther: 404, bendahara: 200, bendaharaWonodri: 404, auditor: 200, auditorMijen: 404, admin: 200, lurah: 403, camat: 403 }),
    // A PDF has no thumbnail; an unknown file none either.
    ...on(`/berkas/${ids.beritaAcara}/kecil`, { ketua: 404, admin: 404 }),
    ...on(`/berkas/${'0'.repeat(64)}/kecil`, { admin: 404 }),
  ],
  'get /kuitansi/:id/banding/:other': () => [
    ...on(`/kuitansi/${ids.receiptToVerify}/banding/${ids.receiptToReturn}`, { anon: 303, ketua: 404, ketuaOther: 404, bendahara: 200, bendaharaWonodri: 404, auditor: 200, auditorMijen: 404, admin: 200, lurah: 403, camat: 403 }),
    ...on(`/kuitansi/${ids.receiptToVerify}/banding/${ids.receiptToVerify}`, { bendahara: 404 }),
  ],
  'get /rt/:id/kuitansi': () => READERS_OF_RT(() => ids.ownRt, '/kuitansi'),
  'post /rt/:id/kuitansi': () =>
  [
    ...writers(() => `/rt/${ids.ownRt}/kuitansi`, ['ketua', 'bendaharaRt'], ['ketuaOther'], { who: 'ketua', expect: 303 },
      { year: '2026', requestKey: 'matrix-receipt-000001', date: '2026-11-20', category: 'ADM', description: 'Fotokopi', vendor: 'Fotokopi Barokah', amount: '20.000' },
      { files: [['nota', images.nota!, 'nota.jpg']] }),
    // The RT's own bendahara keeps the receipts too.
    { who: 'bendaharaRt', path: `/rt/${ids.ownRt}/kuitansi`, expect: 303, files: [['nota', images.nota2!, 'nota.jpg']],
      body: { year: '2026', requestKey: 'matrix-receipt-000002', date: '2026-11-21', category: 'ADM', description: 'Map dan pulpen', vendor: 'Toko ATK Sinar', amount: '15.000' } },
  ],
  // Issue 19: the quick check before upload records nothing; the service worker is for anyone.
  'post /rt/:id/kuitansi/periksa': () =>
    writers(() => `/rt/${ids.ownRt}/kuitansi/periksa`, ['ketua', 'bendaharaRt'], ['ketuaOther'], { who: 'ketua', expect: 200 },
      { year: '2026', requestKey: 'matrix-quick-check-01', date: '2026-11-20', category: 'ADM', description: 'Fotokopi', vendor: 'Fotokopi Barokah', amount: '20.000', evidenceKind: 'nota' }),
  'get /sw.js': () => on('/sw.js', { anon: 200, ketua: 200 }),
  'post /rt/:id/kuitansi/draf': () =>
    writers(() => `/rt/${ids.ownRt}/kuitansi/draf`, ['ketua', 'bendaharaRt'], ['ketuaOther'], { who: 'ketua', expect: 303 }, { year: '2026', requestKey: 'matrix-draft-00000002', description: 'Draf konsumsi' }, { multipart: true }),
  'get /draf/:id/berkas/:file': () => on(`/draf/${ids.draft}/berkas/${ids.draftFile}`, { anon: 303, ketua: 200, bendaharaRt: 200, ketuaOther: 404, sekretaris: 403, bendahara: 403, auditor: 403, admin: 403 }),
  'post /draf/:id/hapus': () => writers(() => `/draf/${ids.draft}/hapus`, ['ketua', 'bendaharaRt'], ['ketuaOther'], { who: 'ketua', expect: 303 }, {}),
  'post /kuitansi/:id/kirim-ulang': () =>
    writers(() => `/kuitansi/${ids.receiptReturned}/kirim-ulang`, ['ketua', 'bendaharaRt'], ['ketua', 'bendaharaRt'], { who: 'ketuaOther', expect: 303 }, {}, { files: [['daftarHadir', images.hadir!, 'hadir.jpg']] }),
  'get /verifikasi': () => on('/verifikasi', { anon: 303, ketua: 403, auditor: 403, admin: 403, bendaharaWonodri: 200, bendahara: 200 }),
  'post /kuitansi/:id/verifikasi': () => writers(() => `/kuitansi/${ids.receiptToVerify}/verifikasi`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, {}),
  'post /kuitansi/:id/kembalikan': () => writers(() => `/kuitansi/${ids.receiptToReturn}/kembalikan`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, { note: 'Foto kegiatan buram.' }),
  'post /kuitansi/:id/tolak': () => writers(() => `/kuitansi/${ids.receiptToReject}/tolak`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, { reason: 'Bukan belanja RT.' }),
  // Issue 20: the kelurahan treasurer hides a receipt's photo from the public pages (or shows it again).
  'get /kuitansi/:id/foto-publik': () => [
    ...on(`/kuitansi/${photoOfVerified().receiptId}/foto-publik`, { anon: 303, ketua: 403, sekretaris: 403, lurah: 403, camat: 403, auditor: 403, admin: 403, bpkad: 403, bendaharaWonodri: 404, bendahara: 200 }),
    ...on('/kuitansi/999999/foto-publik', { bendahara: 404 }),
  ],
  'post /kuitansi/:id/foto-publik': () => [
    ...writers(() => `/kuitansi/${photoOfVerified().receiptId}/foto-publik`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, { sha256: photoOfVerified().sha256, hidden: '1', reason: 'Foto memuat KTP warga.' }),
    { who: 'bendahara', path: `/kuitansi/${photoOfVerified().receiptId}/foto-publik`, body: { sha256: photoOfVerified().sha256, hidden: '0', reason: '' }, expect: 422 },
  ],
  'post /kuitansi/:id/batalkan': () =>
    writers(() => `/kuitansi/${ids.receiptToReverse}/batalkan`, ['bendahara', 'admin'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, { reason: 'Salah kategori.' }),
  // RT 002 / RW 001 still has a returned August receipt: its chair gets past access to the rule
  // that keeps a month with open receipts from being reported (422).
  'post /rt/:id/spj': () => writers(() => `/rt/${ids.otherRtSameKel}/spj`, ['ketua'], ['ketua'], { who: 'ketuaOther', expect: 422 }, { year: '2026', month: '2026-08' }),
  // The RT's bendahara keeps the receipts: she may take one back as the chair may.
  'post /kuitansi/:id/tarik': () => writers(() => `/kuitansi/${ids.ownReturned}/tarik`, ['ketua', 'bendaharaRt'], ['ketuaOther'], { who: 'bendaharaRt', expect: 303 }, {}),
  // Helper 19b: one receipt's page, its edit in full (by then the RT's returned receipt was taken back: 409 past access), and the comment threads.
  'get /kuitansi/:id': () =>
    on(`/kuitansi/${ids.ownReturned}`, { anon: 303, ketua: 200, sekretaris: 200, bendaharaRt: 200, bendahara: 200, lurah: 200, auditor: 200, admin: 200, ketuaOther: 404, bendaharaWonodri: 404, auditorMijen: 404, lurahWonodri: 404, camat: 403, bpkad: 403 }),
  'post /kuitansi/:id/ubah': () =>
    writers(() => `/kuitansi/${ids.ownReturned}/ubah`, ['ketua', 'bendaharaRt'], ['ketuaOther'], { who: 'ketua', expect: 409 }, { date: '2026-11-20', amount: '100.000', category: 'SOS', description: 'Konsumsi', vendor: 'Warung', notaNumber: '', seenDecidedAt: '' }),
  'get /komentar/:kind/:id': () =>
    on(`/komentar/kuitansi/${ids.ownReturned}`, { anon: 303, ketua: 200, sekretaris: 200, bendaharaRt: 200, bendahara: 200, lurah: 200, camat: 403, auditor: 403, admin: 403, bpkad: 403, ketuaOther: 404, bendaharaWonodri: 404, lurahWonodri: 404 }),
  'post /komentar/:kind/:id': () => [
    ...writers(() => `/komentar/kuitansi/${ids.ownReturned}`, ['ketua', 'sekretaris', 'bendaharaRt', 'bendahara', 'lurah'], ['ketuaOther', 'bendaharaWonodri', 'lurahWonodri'], { who: 'bendahara', expect: 303 }, { body: 'Mohon lengkapi foto.', seen: '0' }),
    // The page the chair's secretary answers from showed no comment yet: a stale form.
    { who: 'sekretaris', path: `/komentar/kuitansi/${ids.ownReturned}`, body: { body: 'Baik.', seen: '0' }, expect: 409 },
  ],
  'post /spj/:id/tarik': () => writers(() => `/spj/${ids.spjToWithdraw}/tarik`, ['ketua'], ['ketua'], { who: 'ketuaRw3', expect: 303 }, {}),
  'post /spj/:id/kirim-ulang': () => writers(() => `/spj/${ids.spjToResend}/kirim-ulang`, ['ketua'], ['ketua'], { who: 'ketuaRw3', expect: 303 }, { reply: 'Sudah dilengkapi.' }),
  'post /spj/:id/verifikasi': () => writers(() => `/spj/${ids.spjToVerify}/verifikasi`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, {}),
  'post /spj/:id/kembalikan': () => writers(() => `/spj/${ids.spjToReturn}/kembalikan`, ['bendahara'], ['bendaharaWonodri'], { who: 'bendahara', expect: 303 }, { note: 'Lengkapi kuitansi Agustus.' }),
  'get /rt/:id/bku': () => READERS_OF_RT(() => ids.ownRt, '/bku'),
  'get /rt/:id/bku/pdf': () => READERS_OF_RT(() => ids.ownRt, '/bku/pdf'),
  'get /rt/:id/spj/:month': () => [...READERS_OF_RT(() => ids.ownRt, '/spj/2026-08'), ...on(`/rt/${ids.ownRt}/spj/2026-13`, { ketua: 404 }), ...on(`/rt/${ids.ownRt}/spj/2026-11`, { ketua: 404 })],
  'get /rt/:id/spj/:month/pdf': () => READERS_OF_RT(() => ids.ownRt, '/spj/2026-08/pdf'),
  'get /laporan': () => on('/laporan', { anon: 303, ketua: 403, bendahara: 200, auditor: 200, admin: 200 }),
  'get /laporan/lpj/:code': () => [
    ...on(`/laporan/lpj/${PLEBURAN}`, { anon: 303, ketua: 403, bendaharaWonodri: 404, auditorMijen: 404, auditor: 200 }),
    ...on(`/laporan/lpj/${PLEBURAN}?bulan=2026-08`, { bendahara: 200 }),
    ...on(`/laporan/lpj/${WONODRI}`, { admin: 200 }),
  ],
  'get /laporan/lpj/:code/:format': () => [
    ...on(`/laporan/lpj/${PLEBURAN}/csv`, { anon: 303, ketua: 403, bendahara: 200 }),
    ...on(`/laporan/lpj/${PLEBURAN}/pdf`, { bendaharaWonodri: 404 }),
    ...on(`/laporan/lpj/${PLEBURAN}/exe`, { bendahara: 404 }),
    ...on(`/laporan/lpj/${PLEBURAN}/xlsx`, { auditor: 200 }),
  ],
  'get /laporan/bundel': () => [
    ...on('/laporan/bundel', { anon: 303, ketua: 403, bendahara: 200 }),
    ...on(`/laporan/bundel?kelurahan=${WONODRI}`, { bendahara: 404 }),
    ...on(`/laporan/bundel?kelurahan=${PLEBURAN}`, { auditorMijen: 404, auditor: 200 }),
  ],
  'post /laporan/bundel': () => [
    ...on('/laporan/bundel', { anon: 303, ketua: 403 }, { body: {} }),
    ...on(`/laporan/bundel?kelurahan=${WONODRI}`, { bendahara: 404 }, { body: {} }),
    ...on(`/laporan/bundel?kelurahan=${PLEBURAN}`, { auditorMijen: 404 }, { body: {} }),
    ...on('/laporan/bundel', { bendahara: 303 }, { body: {} }),
    ...on(`/laporan/bundel?kelurahan=${PLEBURAN}`, { auditor: 303 }, { body: {} }),
  ],
  // Jobs are their owner's: an id that is not one of yours does not exist (the owner's own job is in audit-bundle.test.ts).
  'get /laporan/bundel/proses/:job': () => [
    ...on('/laporan/bundel/proses/AAAAAAAAAAAAAAAA', { anon: 303, ketua: 403, bendahara: 404 }),
    ...on('/laporan/bundel/proses/..%2F..%2Fetc', { auditor: 404 }),
  ],
  'get /laporan/bundel/proses/:job/unduh': () => on('/laporan/bundel/proses/AAAAAAAAAAAAAAAA/unduh', { anon: 303, ketua: 403, auditor: 404 }),
  'get /laporan/jurnal': () => [
    ...on('/laporan/jurnal', { anon: 303, ketua: 403, bendahara: 200, auditorMijen: 404, auditor: 200 }),
    ...on(`/laporan/jurnal?kelurahan=${WONODRI}`, { bendahara: 404 }),
    ...on(`/laporan/jurnal?kelurahan=${PLEBURAN}`, { admin: 200 }),
  ],
  // Accounts at city scale (issue 19): the admin and the kelurahan's own treasurer; RT officers' accounts only.
  'get /kelurahan/:code/akun': () => [
    ...on(`/kelurahan/${PLEBURAN}/akun`, { anon: 303, ketua: 403, sekretaris: 403, bendaharaRt: 403, lurah: 403, camat: 403, auditor: 403, bpkad: 403, bendahara: 200, bendaharaWonodri: 404, admin: 200 }),
    ...on('/kelurahan/9999999999/akun', { admin: 404 }),
  ],
  'post /kelurahan/:code/akun': () =>
    writers(() => `/kelurahan/${WONODRI}/akun`, ['bendahara', 'admin'], ['bendahara'], { who: 'bendaharaWonodri', expect: 200 }, { rtId: String(ids.rtWonodri), role: 'bendahara_rt', displayName: 'Bendahara Wonodri' }),
  'post /akun-rt/:id/reset': () => writers(() => `/akun-rt/${ids.wonodriOfficer}/reset`, ['bendahara', 'admin'], ['bendahara'], { who: 'bendaharaWonodri', expect: 200 }, {}),
  'post /kelurahan/:code/akun/massal': () => writers(() => `/kelurahan/${ids.smallKel}/akun/massal`, ['bendahara', 'admin'], ['bendahara', 'bendaharaWonodri'], { who: 'admin', expect: 200 }, {}),
  // Notifications and contact settings: every signed-in user, her own only.
  'get /notifikasi': () => on('/notifikasi', { anon: 303, admin: 200, bendahara: 200, ketua: 200, sekretaris: 200, bendaharaRt: 200, lurah: 200, camat: 200, auditor: 200, bpkad: 200 }),
  'post /notifikasi/baca': () => on('/notifikasi/baca', { anon: 303, ketua: 303, bendahara: 303 }, { body: {} }),
  'get /akun/kontak': () => on('/akun/kontak', { anon: 303, admin: 200, bendahara: 200, ketua: 200, auditor: 200, bpkad: 200 }),
  'post /akun/kontak': () => [
    ...on('/akun/kontak', { anon: 303 }, { body: { phone: '081234567890', email: '' } }),
    { who: 'ketua', path: '/akun/kontak', body: { phone: '12345', email: '' }, expect: 422 },
    { who: 'ketua', path: '/akun/kontak', body: { phone: '0812-3456-7890', email: 'ketua@contoh.id', emailOn: '1', inAppOn: '1' }, expect: 303 },
  ],
  'get /audit': () => [
    ...on('/audit', { anon: 303, ketua: 403, bendahara: 403, auditor: 200, auditorMijen: 200 }),
    ...on('/audit?action=auth.login', { admin: 200 }),
  ],
  // The early-warning desk (deteksi dini): pengawas in its kecamatan, the admin city-wide.
  'get /pengawas': () => [
    ...on('/pengawas', { anon: 303, ketua: 403, bendahara: 403, lurah: 403, camat: 403, auditor: 403, bpkad: 403, pengawas: 200, pengawasMijen: 200, admin: 200 }),
    ...on(`/pengawas?kelurahan=${PLEBURAN}&jenis=spj_overdue`, { pengawas: 200, pengawasMijen: 404, admin: 200 }),
    ...on('/pengawas?kelurahan=9999999999', { admin: 404 }),
  ],
  'post /pengawas/tanda/:id/tindak-lanjut': () => [
    ...writers(() => `/pengawas/tanda/${ids.riskFlag}/tindak-lanjut`, ['pengawas'], ['pengawasMijen'], { who: 'pengawas', expect: 303 }, { note: 'Lurah sudah menelepon ketua RT.' }),
    { who: 'pengawas', path: `/pengawas/tanda/${ids.riskFlag}/tindak-lanjut`, body: { note: 'Lagi' }, expect: 422 },
    { who: 'pengawas', path: '/pengawas/tanda/999999/tindak-lanjut', body: { note: 'Tidak ada tanda ini.' }, expect: 404 },
  ],
};

/** Everything a denied request must leave untouched. */
// Audit rows of reads (downloads, sign-ins) do not count; nor checkpoint.key_created: the server's signing key, made at its
// first use (here the first printed document), is not a user's write.
const fingerprint = () =>
  JSON.stringify(
    s.db.sqlite
      .prepare(
        `SELECT (SELECT group_concat(id || chair_name || bank_account || active) FROM rt) AS rt,
                (SELECT group_concat(id || password_hash || active) FROM users) AS users,
                (SELECT COUNT(*) FROM kelurahan) AS kel, (SELECT COUNT(*) FROM journal_entries) AS entries,
                (SELECT group_concat(id || status) FROM plans) AS plans, (SELECT group_concat(id || status || coalesce(batch_id, '')) FROM tranches) AS tranches,
                (SELECT group_concat(id || status) FROM bank_batches) AS batches, (SELECT group_concat(id || status) FROM bank_batch_rows) AS batchRows, (SELECT COUNT(*) FROM year_closures) AS closures,
                (SELECT group_concat(id || status) FROM receipts) AS receipts, (SELECT group_concat(id || status) FROM spj_reports) AS spj,
                (SELECT COUNT(*) FROM receipt_files) AS files, (SELECT COUNT(*) FROM approval_steps) AS steps,
                (SELECT group_concat(rt_id || coalesce(decree_number, '') || coalesce(ketua_user_id, '')) FROM rt_profiles) AS profiles,
                (SELECT COUNT(*) FROM programme_year_versions) AS versions, (SELECT group_concat(year || rules) FROM programme_year) AS years,
                (SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE 'auth.%' AND action NOT IN ('file.download', 'report.download', 'bank_batch.download', 'checkpoint.key_created')) AS audits`,
      )
      .get(),
  );

async function run(method: 'get' | 'post', c: Case) {
  const { agent, csrf } = agents[c.who];
  if (method === 'get') return agent.get(c.path);
  if (c.files) {
    const req = agent.post(c.path).field('_csrf', csrf);
    for (const [k, v] of Object.entries(c.body ?? {})) for (const x of Array.isArray(v) ? v : [v]) req.field(k, x);
    for (const [field, bytes, name] of c.files) req.attach(field, bytes, name);
    return req;
  }
  if (c.file !== undefined) return agent.post(c.path).field('_csrf', csrf).attach('file', Buffer.from(c.file), 'data.csv');
  if (c.multipart) {
    const req = agent.post(c.path).field('_csrf', csrf);
    for (const [k, v] of Object.entries(c.body ?? {})) for (const x of Array.isArray(v) ? v : [v]) req.field(k, x);
    return req;
  }
  const form = new URLSearchParams({ _csrf: csrf });
  for (const [k, v] of Object.entries(c.body ?? {})) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  return agent.post(c.path).type('form').send(form.toString());
}

describe('role × route matrix', () => {
  const routes = () => appRoutes().map((r) => `${r.method} ${r.path}`);

  it('covers every route of the app', () => {
    expect(new Set(routes())).toEqual(new Set(Object.keys(MATRIX)));
  });

  it('answers every route for every role as the permission table says, and denied writes change nothing', async () => {
    let tried = 0;
    const failures: string[] = [];
    for (const key of routes()) {
      const method = key.split(' ')[0] as 'get' | 'post';
      for (const c of MATRIX[key]!()) {
        const before = fingerprint();
        const res = await run(method, c);
        tried += 1;
        if (res.status !== c.expect) failures.push(`${key} as ${c.who} on ${c.path}: ${res.status}, expected ${c.expect}`);
        if (res.status === 303 && c.who === 'anon' && key !== 'post /logout') expect(res.headers.location).toMatch(/^\/login/);
        if ([403, 404].includes(res.status) || (method === 'get' && res.status < 400)) {
          if (fingerprint() !== before) failures.push(`${key} as ${c.who}: state changed`);
        }
        if (res.status >= 500) failures.push(`${key} as ${c.who}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    console.info(`route matrix: ${routes().length} routes, ${tried} route × user cases`);
    expect(tried).toBeGreaterThan(100);
    // 1,300+ requests: on two busy cores (the whole suite running) this takes over the default minute.
  }, 180_000);

  it('denied pages never show another RT’s data', async () => {
    const other = s.registry.findRt(ids.rtWonodri)!;
    const res = await agents.ketua.agent.get(`/rt/${other.id}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(other.chairName);
    expect(res.text).not.toContain(other.bankAccount);
  });
});

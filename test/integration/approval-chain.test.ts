/**
 * The chain of approval (issue 18, item 5) replayed through HTTP on the demo: the kelurahan
 * treasurer verifies, the lurah approves, the camat knows (the demo's 2026 asks for him), then
 * BPKAD pays. Each abuse first, as a table: a step taken early, by the wrong role, from outside
 * the scope, or by the one who asked; each refused with nothing recorded and nothing posted.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { changeProgrammeYearRules } from '../../src/app/create-programme-year';
import { changeUserScope } from '../../src/app/manage-users';
import { requestTranche } from '../../src/app/request-tranche';
import { savePlan } from '../../src/app/save-plan';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import { onePagePdf } from '../../src/app/seed-documents';
import { systemActor } from '../../src/domain/access';
import { toActor } from '../../src/db/user-repository';
import { aCompleteDossier, aUser, approvePlanFully } from '../builders';
import type { Services } from '../helpers/db';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';

type Who = 'ketua' | 'bendahara' | 'lurah' | 'camat' | 'lurahWonodri' | 'camatMijen' | 'auditor' | 'admin' | 'sekretaris';
let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
const agents = {} as Record<Who, { agent: Agent; csrf: string }>;
let rtId: number;
let seq = 0;
let nowMs = 0;

const post = (who: Who, path: string, body: Record<string, string> = {}) => agents[who].agent.post(path).type('form').send({ _csrf: agents[who].csrf, ...body });
const steps = (type: 'plan' | 'tranche', id: number) => s.approvals.ofSubjects(type, [id]).map((r) => `${r.step}:${r.role}`);
const entries = () => (s.db.sqlite.prepare('SELECT COUNT(*) AS n FROM journal_entries').get() as { n: number }).n;

/** A tranche the chair of RT 007 / RW 003 asks for (its plan approved through the whole chain). */
function aPendingTranche(): number {
  const chair = toActor(s.users.findByUsername('ketua.rantai')!);
  return requestTranche(s, chair, { rtId, year: 2026, month: '2026-11', lines: [{ category: 'SOS', description: 'Rapat warga', amount: 500_000 }], requestKey: `chain-${++seq}`.padEnd(16, '0') }).id;
}

beforeEach(async () => {
  nowMs = Date.parse('2026-11-28T03:00:00Z');
  const built = await seededApp({}, () => new Date(nowMs));
  s = built.s;
  app = built.app;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 7)!.id;
  await aUser(s, { username: 'ketua.rantai', role: 'ketua_rt', rtId });
  await aUser(s, { username: 'lurah.wonodri', role: 'lurah', kelurahanCode: WONODRI, nip: '198001012005011001' });
  await aUser(s, { username: 'camat.mijen', role: 'camat', kecamatanCodes: ['3374010'] });
  const file = await s.evidence.put(await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', ['RT 007 / RW 003 Pleburan']), 'application/pdf', 'ba.pdf');
  const chair = toActor(s.users.findByUsername('ketua.rantai')!);
  await aCompleteDossier(s, chair, rtId);
  approvePlanFully(s, toActor(s.users.findByUsername('bendahara.pleburan')!), savePlan(s, chair, { rtId, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true }).id);
  const logins: Array<[Who, string]> = [
    ['ketua', 'ketua.rantai'], ['bendahara', 'bendahara.pleburan'], ['lurah', 'lurah.pleburan'], ['camat', 'camat.semarangselatan'],
    ['lurahWonodri', 'lurah.wonodri'], ['camatMijen', 'camat.mijen'], ['auditor', 'auditor'], ['admin', 'admin'], ['sekretaris', 'sekretaris.rt001.pleburan'],
  ];
  for (const [who, username] of logins) agents[who] = await signedIn(app, username);
});

/** Each abuse: the steps taken first (in order), then who tries which step, and the answer. */
const ABUSES: Array<[string, Who[], Who, 'lurah' | 'bendahara', number, string]> = [
  ['the lurah approves before the treasurer verified', [], 'lurah', 'lurah', 409, 'masih menunggu bendahara kelurahan'],
  ['the camat knows before the lurah approved', ['bendahara'], 'camat', 'lurah', 409, 'masih menunggu lurah'],
  ['the camat knows with nothing taken', [], 'camat', 'lurah', 409, 'masih menunggu bendahara kelurahan'],
  ['the treasurer takes the lurah’s step', ['bendahara'], 'bendahara', 'lurah', 403, 'tidak berwenang'],
  ['the chair takes the lurah’s step', ['bendahara'], 'ketua', 'lurah', 403, 'tidak berwenang'],
  ['the RT’s sekretaris takes the lurah’s step', ['bendahara'], 'sekretaris', 'lurah', 403, 'tidak berwenang'],
  ['the auditor takes the camat’s step', ['bendahara', 'lurah'], 'auditor', 'lurah', 403, 'tidak berwenang'],
  ['the admin takes the lurah’s step', ['bendahara'], 'admin', 'lurah', 403, 'tidak berwenang'],
  ['the lurah takes the treasurer’s verification', [], 'lurah', 'bendahara', 403, 'tidak berwenang'],
  ['another kelurahan’s lurah approves', ['bendahara'], 'lurahWonodri', 'lurah', 404, 'tidak ditemukan'],
  ['another kecamatan’s camat knows', ['bendahara', 'lurah'], 'camatMijen', 'lurah', 404, 'tidak ditemukan'],
  ['the lurah approves twice: his second click changes nothing', ['bendahara', 'lurah'], 'lurah', 'lurah', 303, ''],
];

describe('each approval step: none skippable, none by the wrong role (HTTP)', () => {
  it.each(ABUSES)('%s (after %j, %s on the %s route) → %d', async (_what, before, who, route, status, text) => {
    const id = aPendingTranche();
    for (const w of before) expect((await post(w, w === 'bendahara' ? `/pencairan/${id}/setujui` : `/persetujuan/pencairan/${id}`)).status, w).toBe(303);
    const taken = steps('tranche', id);
    const posted = entries();
    const res = await post(who, route === 'bendahara' ? `/pencairan/${id}/setujui` : `/persetujuan/pencairan/${id}`);
    expect(res.status).toBe(status);
    if (text) expect(res.text).toContain(text);
    // Nothing recorded, nothing posted: the tranche still waits, its money reserved, not in transit.
    expect(steps('tranche', id)).toEqual(taken);
    expect(entries()).toBe(posted);
    expect(s.tranches.find(id)!.status).toBe('pending');
    expect(s.balances.ofRt(2026, rtId).transit).toBe(0);
  });

  it('nobody approves what they submitted: the chair made lurah cannot approve his own request (403)', async () => {
    const id = aPendingTranche();
    expect((await post('bendahara', `/pencairan/${id}/setujui`)).status).toBe(303);
    const chair = s.users.findByUsername('ketua.rantai')!;
    changeUserScope(s, toActor(s.users.findByUsername('admin')!), chair.id, { role: 'lurah', kelurahanCode: PLEBURAN, rtId: null, kecamatanCodes: null });
    const asLurah = await signedIn(app, 'ketua.rantai');
    const res = await asLurah.agent.post(`/persetujuan/pencairan/${id}`).type('form').send({ _csrf: asLurah.csrf });
    expect(res.status).toBe(403);
    expect(res.text).toContain('tidak dapat memutuskan pencairan yang Anda ajukan sendiri');
    expect(steps('tranche', id)).toEqual(['verify:bendahara']);
  });

  it('a plan: the lurah before the treasurer is refused; each step in order approves it only at the last', async () => {
    const other = s.registry.findRtByNumbers(PLEBURAN, 3, 8)!.id;
    const chair = (await aUser(s, { role: 'ketua_rt', rtId: other })).actor;
    const file = await s.evidence.put(await onePagePdf('BERITA ACARA', ['RT 008 / RW 003']), 'application/pdf', 'ba.pdf');
    await aCompleteDossier(s, chair, other);
    const plan = savePlan(s, chair, { rtId: other, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true });
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}`)).status).toBe(409);
    expect((await post('camat', `/persetujuan/rencana/${plan.id}`)).status).toBe(409);
    expect((await post('bendahara', `/persetujuan/rencana/${plan.id}`)).status).toBe(403);
    expect((await post('bendahara', `/rencana/${plan.id}/setujui`)).status).toBe(303);
    expect(s.plans.find(plan.id)!.status).toBe('submitted');
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}`)).status).toBe(303);
    expect(s.plans.find(plan.id)!.status).toBe('submitted');
    expect((await post('camat', `/persetujuan/rencana/${plan.id}`)).status).toBe(303);
    expect(s.plans.find(plan.id)!.status).toBe('approved');
    expect(steps('plan', plan.id)).toEqual(['verify:bendahara', 'approve:lurah', 'acknowledge:camat']);
  });
});

/** Sending back at a later step: each abuse first (steps taken before, who, the answer), then the lurah's and the camat's own. */
const SEND_BACKS: Array<[string, Who[], Who, number, string]> = [
  ['the lurah rejects before the treasurer verified', [], 'lurah', 409, 'masih menunggu bendahara kelurahan'],
  ['the camat rejects while it waits for the lurah', ['bendahara'], 'camat', 409, 'masih menunggu lurah'],
  ['the lurah rejects after he approved (the camat’s turn)', ['bendahara', 'lurah'], 'lurah', 409, 'masih menunggu camat'],
  ['another kelurahan’s lurah rejects', ['bendahara'], 'lurahWonodri', 404, 'tidak ditemukan'],
  ['another kecamatan’s camat rejects', ['bendahara', 'lurah'], 'camatMijen', 404, 'tidak ditemukan'],
  ['the chair rejects on the lurah’s route', ['bendahara'], 'ketua', 403, 'tidak berwenang'],
  ['the auditor rejects', ['bendahara'], 'auditor', 403, 'tidak berwenang'],
  ['the lurah rejects without a reason', ['bendahara'], 'lurah', 422, 'Alasan'],
];

describe('the lurah and the camat may send back at their step, and only then (HTTP)', () => {
  it.each(SEND_BACKS)('%s (after %j, %s) → %d', async (_what, before, who, status, text) => {
    const id = aPendingTranche();
    for (const w of before) expect((await post(w, w === 'bendahara' ? `/pencairan/${id}/setujui` : `/persetujuan/pencairan/${id}`)).status, w).toBe(303);
    const taken = steps('tranche', id);
    const audits = s.audit.count();
    const res = await post(who, `/persetujuan/pencairan/${id}/tolak`, { reason: status === 422 ? '   ' : 'Rincian tidak sesuai RAP.' });
    expect(res.status).toBe(status);
    expect(res.text).toContain(text);
    expect(s.tranches.find(id)!.status).toBe('pending');
    expect(steps('tranche', id)).toEqual(taken);
    expect(s.audit.count()).toBe(audits);
  });

  it('the camat rejects a tranche at his step: rejected with his reason, its reservation released, audited with his name', async () => {
    const id = aPendingTranche();
    const reservedBefore = s.balances.ofRt(2026, rtId);
    expect((await post('bendahara', `/pencairan/${id}/setujui`)).status).toBe(303);
    expect((await post('lurah', `/persetujuan/pencairan/${id}`)).status).toBe(303);
    const res = await post('camat', `/persetujuan/pencairan/${id}/tolak`, { reason: 'Kegiatan sudah dibiayai APBD kecamatan.' });
    expect(res.status).toBe(303);
    const t = s.tranches.find(id)!;
    expect(t.status).toBe('rejected');
    expect(t.reason).toBe('Kegiatan sudah dibiayai APBD kecamatan.');
    expect(s.balances.ofRt(2026, rtId).transit).toBe(reservedBefore.transit);
    const row = s.audit.list({ action: 'tranche.reject', page: 1, pageSize: 1 }).rows[0]!;
    expect(row.actorName).toBe('camat.semarangselatan');
    expect(entries()).toBeGreaterThan(0);
  });

  it('the lurah returns a plan at his step with a note; submitted again, every step starts over', async () => {
    const other = s.registry.findRtByNumbers(PLEBURAN, 3, 8)!.id;
    const chair = (await aUser(s, { role: 'ketua_rt', rtId: other })).actor;
    const file = await s.evidence.put(await onePagePdf('BERITA ACARA', ['RT 008 / RW 003 kembali']), 'application/pdf', 'ba.pdf');
    await aCompleteDossier(s, chair, other);
    const plan = savePlan(s, chair, { rtId: other, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true });
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}/kembalikan`, { reason: 'x' })).status).toBe(409);
    expect((await post('bendahara', `/rencana/${plan.id}/setujui`)).status).toBe(303);
    const refused = await post('lurah', `/persetujuan/rencana/${plan.id}/kembalikan`, { reason: '' });
    expect(refused.status).toBe(422);
    const res = await post('lurah', `/persetujuan/rencana/${plan.id}/kembalikan`, { reason: 'Daftar hadir tidak ditandatangani.' });
    expect(res.status).toBe(303);
    expect(s.plans.find(plan.id)!.status).toBe('returned');
    expect(s.plans.find(plan.id)!.note).toBe('Daftar hadir tidak ditandatangani.');
    // The chair fixes and submits again: the treasurer verifies afresh before the lurah may act.
    // (An hour later: a round is its submission's time.)
    nowMs += 3_600_000;
    savePlan(s, chair, { rtId: other, year: 2026, lines: DEMO_PLAN, beritaAcara: null, submit: true });
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}`)).status).toBe(409);
    expect((await post('bendahara', `/rencana/${plan.id}/setujui`)).status).toBe(303);
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}`)).status).toBe(303);
  });

  it('the queue offers each item the lurah can approve a way to send it back, with the reason kept after an error', async () => {
    const id = aPendingTranche();
    expect((await post('bendahara', `/pencairan/${id}/setujui`)).status).toBe(303);
    const page = await agents.lurah.agent.get('/persetujuan');
    expect(page.text).toContain(`action="/persetujuan/pencairan/${id}/tolak"`);
    const long = 'x'.repeat(1001);
    const res = await post('lurah', `/persetujuan/pencairan/${id}/tolak`, { reason: long });
    expect(res.status).toBe(422);
    expect(res.text).toContain(long);
    expect(res.text).toMatch(/<details class="send-back" open>/);
  });
});

describe('a tranche is not in transit until its last configured step', () => {
  it('the demo year (treasurer, lurah, camat): verified and approved it waits; known by the camat it is in transit; the timeline names each hand', async () => {
    const id = aPendingTranche();
    const lurahQueue = () => agents.lurah.agent.get('/persetujuan');
    expect((await lurahQueue()).text).not.toContain(`/persetujuan/pencairan/${id}`);
    expect((await post('bendahara', `/pencairan/${id}/setujui`)).status).toBe(303);
    expect(s.balances.ofRt(2026, rtId).transit).toBe(0);
    // Off the treasurer's queue, onto the lurah's with his name and NIP.
    expect((await agents.bendahara.agent.get('/antrian')).text).not.toContain(`value="tranche:${id}"`);
    const queue = await lurahQueue();
    expect(queue.text).toContain(`/persetujuan/pencairan/${id}`);
    expect(queue.text).toContain('197808142003121005');
    expect(queue.text).toContain('Diverifikasi bendahara kelurahan');
    expect((await post('lurah', `/persetujuan/pencairan/${id}`)).status).toBe(303);
    expect(s.tranches.find(id)!.status).toBe('pending');
    expect(s.balances.ofRt(2026, rtId).transit).toBe(0);
    expect((await agents.camat.agent.get('/persetujuan')).text).toContain('Mengetahui');
    expect((await post('camat', `/persetujuan/pencairan/${id}`)).status).toBe(303);
    expect(s.tranches.find(id)!.status).toBe('approved');
    expect(s.balances.ofRt(2026, rtId).transit).toBe(500_000);
    const page = await agents.ketua.agent.get(`/rt/${rtId}/pencairan`);
    const timeline = page.text.slice(page.text.indexOf('Perjalanan pencairan'));
    const order = ['Diajukan', 'Diverifikasi bendahara kelurahan', 'Dewi Kusumawati', 'Disetujui lurah', 'Agus Prasetyo', 'NIP 197808142003121005', 'Diketahui camat', 'Bambang Sutrisno', 'Dalam transfer', 'Menunggu dikirim ke bank oleh BPKAD', 'Diterima'];
    let at = 0;
    for (const step of order) {
      const i = timeline.indexOf(step, at);
      expect(i, step).toBeGreaterThanOrEqual(0);
      at = i;
    }
    // Each step is audited with who took it.
    const audited = s.audit.list({ action: 'approval.step', page: 1, pageSize: 50 }).rows.filter((r) => r.targetType === 'tranche' && r.targetId === String(id));
    expect(audited.map((r) => r.actorName).sort()).toEqual(['bendahara.pleburan', 'camat.semarangselatan', 'lurah.pleburan']);
  });

  it('the default chain (treasurer, lurah): not in transit after the treasurer; in transit when the lurah approved', async () => {
    changeProgrammeYearRules(s, systemActor('test'), 2026, { approvalSteps: ['verify', 'approve'] });
    const id = aPendingTranche();
    expect((await post('bendahara', `/pencairan/${id}/setujui`)).status).toBe(303);
    expect(s.tranches.find(id)!.status).toBe('pending');
    expect(s.balances.ofRt(2026, rtId).transit).toBe(0);
    expect((await post('camat', `/persetujuan/pencairan/${id}`)).status).toBe(403);
    expect((await post('lurah', `/persetujuan/pencairan/${id}`)).status).toBe(303);
    expect(s.tranches.find(id)!.status).toBe('approved');
    expect(s.balances.ofRt(2026, rtId).transit).toBe(500_000);
    expect(steps('tranche', id)).toEqual(['verify:bendahara', 'approve:lurah']);
  });
});

/**
 * The chain's two ways back (issue 18's gap 1), through HTTP on the demo: at their step the lurah
 * and the camat may return a plan or a tranche to its chair (fix it, submit again, every step
 * starts over) or reject it for good, with a required reason. Each abuse first, as a table, for
 * both verbs: out of turn, wrong role, wrong scope, no reason, already decided, by the one who
 * asked; each refused with nothing changed, nothing audited, nobody told.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { changeUserScope } from '../../src/app/manage-users';
import { requestTranche } from '../../src/app/request-tranche';
import { savePlan } from '../../src/app/save-plan';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import { onePagePdf } from '../../src/app/seed-documents';
import { toActor } from '../../src/db/user-repository';
import { aCompleteDossier, aUser, approvePlanFully } from '../builders';
import type { Services } from '../helpers/db';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';
const LURAH_NIP = '197808142003121005';

type Who = 'ketua' | 'bendahara' | 'lurah' | 'camat' | 'lurahWonodri' | 'camatMijen' | 'auditor' | 'admin' | 'sekretaris';
type Verb = 'kembalikan' | 'tolak';
let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
const agents = {} as Record<Who, { agent: Agent; csrf: string }>;
let rtId: number;
let seq = 0;
let nowMs = 0;

const post = (who: Who, path: string, body: Record<string, string> = {}) => agents[who].agent.post(path).type('form').send({ _csrf: agents[who].csrf, ...body });
const steps = (type: 'plan' | 'tranche', id: number) => s.approvals.ofSubjects(type, [id]).map((r) => `${r.step}:${r.role}`);
const notices = () => s.notifications.total();
const chairActor = () => toActor(s.users.findByUsername('ketua.balik')!);
const takeStep = (w: Who, id: number) => post(w, w === 'bendahara' ? `/pencairan/${id}/setujui` : `/persetujuan/pencairan/${id}`);

function aPendingTranche(month = '2026-11'): number {
  return requestTranche(s, chairActor(), { rtId, year: 2026, month, lines: [{ category: 'SOS', description: 'Rapat warga', amount: 500_000 }], requestKey: `back-${++seq}`.padEnd(16, '0') }).id;
}

beforeEach(async () => {
  nowMs = Date.parse('2026-11-28T03:00:00Z');
  const built = await seededApp({}, () => new Date(nowMs));
  s = built.s;
  app = built.app;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 7)!.id;
  await aUser(s, { username: 'ketua.balik', role: 'ketua_rt', rtId });
  await aUser(s, { username: 'lurah.wonodri', role: 'lurah', kelurahanCode: WONODRI, nip: '198001012005011001' });
  await aUser(s, { username: 'camat.mijen', role: 'camat', kecamatanCodes: ['3374010'] });
  const file = await s.evidence.put(await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', ['RT 007 / RW 003 Pleburan']), 'application/pdf', 'ba.pdf');
  await aCompleteDossier(s, chairActor(), rtId);
  approvePlanFully(s, toActor(s.users.findByUsername('bendahara.pleburan')!), savePlan(s, chairActor(), { rtId, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true }).id);
  const logins: Array<[Who, string]> = [
    ['ketua', 'ketua.balik'], ['bendahara', 'bendahara.pleburan'], ['lurah', 'lurah.pleburan'], ['camat', 'camat.semarangselatan'],
    ['lurahWonodri', 'lurah.wonodri'], ['camatMijen', 'camat.mijen'], ['auditor', 'auditor'], ['admin', 'admin'], ['sekretaris', 'sekretaris.rt001.pleburan'],
  ];
  for (const [who, username] of logins) agents[who] = await signedIn(app, username);
});

/** Each abuse (steps taken first, then who sends back, the answer), tried with both verbs. */
const ABUSES: Array<[string, Who[], Who, number, string]> = [
  ['the lurah before the treasurer verified', [], 'lurah', 409, 'masih menunggu bendahara kelurahan'],
  ['the camat while it waits for the lurah', ['bendahara'], 'camat', 409, 'masih menunggu lurah'],
  ['the lurah after his own step (the camat’s turn)', ['bendahara', 'lurah'], 'lurah', 409, 'masih menunggu camat'],
  ['another kelurahan’s lurah', ['bendahara'], 'lurahWonodri', 404, 'tidak ditemukan'],
  ['another kecamatan’s camat', ['bendahara', 'lurah'], 'camatMijen', 404, 'tidak ditemukan'],
  ['the chair on the lurah’s route', ['bendahara'], 'ketua', 403, 'tidak berwenang'],
  ['the RT’s sekretaris', ['bendahara'], 'sekretaris', 403, 'tidak berwenang'],
  ['the auditor', ['bendahara'], 'auditor', 403, 'tidak berwenang'],
  ['the admin', ['bendahara'], 'admin', 403, 'tidak berwenang'],
  ['the lurah without a reason', ['bendahara'], 'lurah', 422, 'Alasan'],
];
const ROWS = ABUSES.flatMap(([what, before, who, status, text]) => (['kembalikan', 'tolak'] as const).map((verb) => [what, verb, before, who, status, text] as [string, Verb, Who[], Who, number, string]));

describe('a tranche sent back out of turn, by the wrong hand or without a reason is refused (HTTP)', () => {
  it.each(ROWS)('%s (%s, after %j, %s) → %d', async (_what, verb, before, who, status, text) => {
    const id = aPendingTranche();
    for (const w of before) expect((await takeStep(w, id)).status, w).toBe(303);
    const taken = steps('tranche', id);
    const audits = s.audit.count();
    const told = notices();
    const res = await post(who, `/persetujuan/pencairan/${id}/${verb}`, { reason: status === 422 ? '   ' : 'Rincian tidak sesuai RAP.' });
    expect(res.status).toBe(status);
    expect(res.text).toContain(text);
    expect(s.tranches.find(id)!.status).toBe('pending');
    expect(steps('tranche', id)).toEqual(taken);
    expect(s.audit.count()).toBe(audits);
    expect(notices()).toBe(told);
  });

  it.each<[Verb, Verb]>([
    ['kembalikan', 'tolak'],
    ['tolak', 'kembalikan'],
    ['kembalikan', 'kembalikan'],
  ])('a tranche decided once cannot be decided again: %s then %s → 409', async (first, second) => {
    const id = aPendingTranche();
    expect((await takeStep('bendahara', id)).status).toBe(303);
    expect((await post('lurah', `/persetujuan/pencairan/${id}/${first}`, { reason: 'Pertama.' })).status).toBe(303);
    const status = s.tranches.find(id)!.status;
    const res = await post('lurah', `/persetujuan/pencairan/${id}/${second}`, { reason: 'Kedua.' });
    expect(res.status).toBe(409);
    expect(s.tranches.find(id)!.status).toBe(status);
    expect((await post('lurah', `/persetujuan/pencairan/${id}`)).status).toBe(409);
  });

  it.each<[Verb]>([['kembalikan'], ['tolak']])('nobody sends back what they asked for: the chair made lurah (%s) → 403', async (verb) => {
    const id = aPendingTranche();
    expect((await takeStep('bendahara', id)).status).toBe(303);
    const chair = s.users.findByUsername('ketua.balik')!;
    changeUserScope(s, toActor(s.users.findByUsername('admin')!), chair.id, { role: 'lurah', kelurahanCode: PLEBURAN, rtId: null, kecamatanCodes: null });
    const asLurah = await signedIn(app, 'ketua.balik');
    const res = await asLurah.agent.post(`/persetujuan/pencairan/${id}/${verb}`).type('form').send({ _csrf: asLurah.csrf, reason: 'Punya saya sendiri.' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('tidak dapat memutuskan pencairan yang Anda ajukan sendiri');
    expect(s.tranches.find(id)!.status).toBe('pending');
  });
});

describe('the lurah returns a tranche at his step', () => {
  it('returned with his reason, reservation released, audited with name and NIP, chair and treasurer told; requested again, every step starts over', async () => {
    const id = aPendingTranche();
    expect((await takeStep('bendahara', id)).status).toBe(303);
    const reservedBefore = s.tranches.reserved(rtId, 2026);
    const res = await post('lurah', `/persetujuan/pencairan/${id}/kembalikan`, { reason: 'Lampirkan undangan rapat.' });
    expect(res.status).toBe(303);
    const t = s.tranches.find(id)!;
    expect(t.status).toBe('returned');
    expect(t.reason).toBe('Lampirkan undangan rapat.');
    expect(s.tranches.reserved(rtId, 2026)).toBe(reservedBefore - 500_000);
    const row = s.audit.list({ action: 'tranche.return', page: 1, pageSize: 1 }).rows[0]!;
    expect(row.actorName).toBe('lurah.pleburan');
    expect(row.summary).toContain(LURAH_NIP);
    // The chair's officers and the treasurer are told who returned it and why.
    const chairNote = s.notifications.listFor(s.users.findByUsername('ketua.balik')!.id, 5).find((n) => n.kind === 'item_sent_back')!;
    expect(JSON.parse(chairNote.payload)).toMatchObject({ itemType: 'tranche', itemId: id, outcome: 'returned', note: 'Lampirkan undangan rapat.', byRole: 'Lurah' });
    const treasurer = s.users.findByUsername('bendahara.pleburan')!;
    expect(s.notifications.listFor(treasurer.id, 5).some((n) => n.kind === 'item_sent_back' && JSON.parse(n.payload).itemId === id)).toBe(true);
    // The chair's page: the timeline says who returned it (name, NIP) and why.
    const page = await agents.ketua.agent.get(`/rt/${rtId}/pencairan?tahun=2026`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dikembalikan untuk diperbaiki');
    expect(page.text).toContain(`NIP ${LURAH_NIP}`);
    expect(page.text).toContain('Lampirkan undangan rapat.');
    // The chair asks for the month again: a new request, its chain from the first step.
    nowMs += 3_600_000;
    const again = aPendingTranche();
    expect(again).not.toBe(id);
    expect((await post('lurah', `/persetujuan/pencairan/${again}`)).status).toBe(409);
    expect((await takeStep('bendahara', again)).status).toBe(303);
    expect((await post('lurah', `/persetujuan/pencairan/${again}`)).status).toBe(303);
    expect(steps('tranche', again)).toEqual(['verify:bendahara', 'approve:lurah']);
  });

  it('the camat rejects a tranche at his step: final, told to the chair with his name', async () => {
    const id = aPendingTranche();
    expect((await takeStep('bendahara', id)).status).toBe(303);
    expect((await takeStep('lurah', id)).status).toBe(303);
    expect((await post('camat', `/persetujuan/pencairan/${id}/tolak`, { reason: 'Sudah dibiayai APBD kecamatan.' })).status).toBe(303);
    expect(s.tranches.find(id)!.status).toBe('rejected');
    const chairNote = s.notifications.listFor(s.users.findByUsername('ketua.balik')!.id, 5).find((n) => n.kind === 'item_sent_back')!;
    expect(JSON.parse(chairNote.payload)).toMatchObject({ outcome: 'rejected', byRole: 'Camat' });
  });
});

describe('the lurah rejects a plan at his step', () => {
  async function aSubmittedPlan() {
    const other = s.registry.findRtByNumbers(PLEBURAN, 3, 8)!.id;
    const chair = (await aUser(s, { role: 'ketua_rt', rtId: other })).actor;
    const file = await s.evidence.put(await onePagePdf('BERITA ACARA', ['RT 008 / RW 003 tolak']), 'application/pdf', 'ba.pdf');
    await aCompleteDossier(s, chair, other);
    return { other, chair, plan: savePlan(s, chair, { rtId: other, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true }) };
  }

  it('rejected is final for the version: not approved, not returned, not edited; the chair’s next save opens a new version whose chain starts over', async () => {
    const { other, chair, plan } = await aSubmittedPlan();
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}/tolak`, { reason: 'x' })).status).toBe(409);
    expect((await post('bendahara', `/rencana/${plan.id}/setujui`)).status).toBe(303);
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}/tolak`, { reason: '' })).status).toBe(422);
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}/tolak`, { reason: 'Tidak sesuai musyawarah warga.' })).status).toBe(303);
    expect(s.plans.find(plan.id)!).toMatchObject({ status: 'rejected', note: 'Tidak sesuai musyawarah warga.' });
    expect(s.audit.list({ action: 'plan.reject', page: 1, pageSize: 1 }).rows[0]!.summary).toContain(LURAH_NIP);
    // Decided once: neither step nor way back again.
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}`)).status).toBe(409);
    expect((await post('lurah', `/persetujuan/rencana/${plan.id}/kembalikan`, { reason: 'Lagi.' })).status).toBe(409);
    expect((await post('bendahara', `/rencana/${plan.id}/kembalikan`, { note: 'Lagi.' })).status).toBe(409);
    // The chair's next save opens version 2 from version 1's lines and dossier files, with a new
    // berita acara (the rejected plan's agreement is not carried over); version 1 stays rejected.
    nowMs += 3_600_000;
    expect(() => savePlan(s, chair, { rtId: other, year: 2026, lines: DEMO_PLAN, beritaAcara: null, submit: true })).toThrow(/Berita acara/);
    const ba = await s.evidence.put(await onePagePdf('BERITA ACARA', ['RT 008 / RW 003 musyawarah ulang']), 'application/pdf', 'ba2.pdf');
    const v2 = savePlan(s, chair, { rtId: other, year: 2026, lines: DEMO_PLAN, beritaAcara: ba, submit: true });
    expect(v2.id).not.toBe(plan.id);
    expect(v2.version).toBe(plan.version + 1);
    expect(s.plans.find(plan.id)!.status).toBe('rejected');
    expect((await post('lurah', `/persetujuan/rencana/${v2.id}`)).status).toBe(409);
    expect((await post('bendahara', `/rencana/${v2.id}/setujui`)).status).toBe(303);
    expect((await post('lurah', `/persetujuan/rencana/${v2.id}`)).status).toBe(303);
  });

  it('the queue offers both ways back for each item, and keeps the reason of the one that failed', async () => {
    const { plan } = await aSubmittedPlan();
    expect((await post('bendahara', `/rencana/${plan.id}/setujui`)).status).toBe(303);
    const page = await agents.lurah.agent.get('/persetujuan');
    for (const verb of ['kembalikan', 'tolak']) expect(page.text).toContain(`action="/persetujuan/rencana/${plan.id}/${verb}"`);
    const long = 'y'.repeat(1001);
    const res = await post('lurah', `/persetujuan/rencana/${plan.id}/tolak`, { reason: long });
    expect(res.status).toBe(422);
    expect(res.text).toContain(long);
    expect(res.text.match(/<details class="send-back" open>/g)?.length).toBe(1);
  });
});

/**
 * The treasurer's ways back (brief 29a, item 2): at her step she may return or reject a plan,
 * and return or reject a tranche, each with a required reason, through the same use cases as the
 * lurah's and the camat's. Abuses first (wrong role, wrong scope, no reason, out of turn, already
 * decided), each refused with nothing changed; then the two new ways, and the chair's page saying
 * who sent it back and why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { approveTranche } from '../../src/app/decide-tranche';
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

type Who = 'ketua' | 'ketuaRencana' | 'bendahara' | 'bendaharaWonodri' | 'lurah' | 'auditor' | 'admin';
let s: Services;
const agents = {} as Record<Who, { agent: Agent; csrf: string }>;
let trancheRt: number;
let planRt: number;
let seq = 0;

const post = (who: Who, path: string, body: Record<string, string> = {}) => agents[who].agent.post(path).type('form').send({ _csrf: agents[who].csrf, ...body });
const bendahara = () => toActor(s.users.findByUsername('bendahara.pleburan')!);
const chairOf = (username: string) => toActor(s.users.findByUsername(username)!);
const aPendingTranche = () =>
  requestTranche(s, chairOf('ketua.balik'), { rtId: trancheRt, year: 2026, month: '2026-11', lines: [{ category: 'SOS', description: 'Rapat warga', amount: 500_000 }], requestKey: `treasurer-${++seq}`.padEnd(16, '0') }).id;

let planId: number;
let trancheId: number;

beforeAll(async () => {
  const built = await seededApp({}, () => new Date('2026-11-28T03:00:00Z'));
  s = built.s;
  trancheRt = s.registry.findRtByNumbers(PLEBURAN, 3, 7)!.id;
  planRt = s.registry.findRtByNumbers(PLEBURAN, 5, 1)!.id;
  await aUser(s, { username: 'ketua.balik', role: 'ketua_rt', rtId: trancheRt });
  await aUser(s, { username: 'ketua.rencana', role: 'ketua_rt', rtId: planRt });
  await aUser(s, { username: 'bendahara.wonodri', role: 'bendahara', kelurahanCode: WONODRI });
  const file = await s.evidence.put(await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', ['RT 007 / RW 003 Pleburan']), 'application/pdf', 'ba.pdf');
  await aCompleteDossier(s, chairOf('ketua.balik'), trancheRt);
  approvePlanFully(s, bendahara(), savePlan(s, chairOf('ketua.balik'), { rtId: trancheRt, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true }).id);
  await aCompleteDossier(s, chairOf('ketua.rencana'), planRt);
  planId = savePlan(s, chairOf('ketua.rencana'), { rtId: planRt, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true }).id;
  trancheId = aPendingTranche();
  const logins: Array<[Who, string]> = [
    ['ketua', 'ketua.balik'], ['ketuaRencana', 'ketua.rencana'], ['bendahara', 'bendahara.pleburan'], ['bendaharaWonodri', 'bendahara.wonodri'],
    ['lurah', 'lurah.pleburan'], ['auditor', 'auditor'], ['admin', 'admin'],
  ];
  for (const [who, username] of logins) agents[who] = await signedIn(built.app, username);
});

const LONG = `Tidak sesuai RAP ${'x'.repeat(1000)}`;
/** Who posts, with what reason, the answer and a text it shows; nothing changes. */
const ABUSES: Array<[string, Who, string, number, string]> = [
  ['the chair', 'ketua', 'Punya saya.', 403, 'tidak berwenang'],
  ['the lurah on the treasurer’s route', 'lurah', 'Bukan langkah saya.', 403, 'tidak berwenang'],
  ['the auditor', 'auditor', 'Diperiksa.', 403, 'tidak berwenang'],
  ['the admin', 'admin', 'Admin.', 403, 'tidak berwenang'],
  ['another kelurahan’s treasurer', 'bendaharaWonodri', 'Bukan wilayah saya.', 404, 'tidak ditemukan'],
  ['the treasurer without a reason', 'bendahara', '   ', 422, 'Alasan wajib diisi'],
  ['the treasurer with a reason too long (kept)', 'bendahara', LONG, 422, 'Alasan paling panjang 1000 karakter'],
];

describe('the treasurer’s new ways back refuse the wrong hand, the wrong place and a missing reason', () => {
  it.each(ABUSES)('reject a plan: %s → %d', async (_what, who, reason, status, text) => {
    const audits = s.audit.count();
    const res = await post(who, `/rencana/${planId}/tolak`, { reason });
    expect(res.status).toBe(status);
    expect(res.text).toContain(text);
    expect(s.plans.find(planId)!.status).toBe('submitted');
    expect(s.audit.count()).toBe(audits);
    // A refused reason is shown again in its form, open, with the message beside it.
    if (status === 422) {
      expect(res.text).toMatch(/<details class="send-back" open>/);
      if (reason === LONG) expect(res.text).toContain('Tidak sesuai RAP xxxx');
    }
  });

  it.each(ABUSES)('return a tranche: %s → %d', async (_what, who, reason, status, text) => {
    const audits = s.audit.count();
    const reserved = s.tranches.reserved(trancheRt, 2026);
    const res = await post(who, `/pencairan/${trancheId}/kembalikan`, { reason });
    expect(res.status).toBe(status);
    expect(res.text).toContain(text);
    expect(s.tranches.find(trancheId)!.status).toBe('pending');
    expect(s.tranches.reserved(trancheRt, 2026)).toBe(reserved);
    expect(s.audit.count()).toBe(audits);
    if (status === 422) {
      expect(res.text).toContain(`id="return-${trancheId}-error"`);
      if (reason === LONG) expect(res.text).toContain('Tidak sesuai RAP xxxx');
    }
  });

  it('the old reject of a tranche also re-renders with 422 and its message (no error page)', async () => {
    const res = await post('bendahara', `/pencairan/${trancheId}/tolak`, { reason: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain(`id="reason-${trancheId}-error"`);
    expect(s.tranches.find(trancheId)!.status).toBe('pending');
  });
});

describe('the treasurer’s pages offer both ways back while the item waits for her', () => {
  it('the plan page: return and reject; the tranche page: return and reject', async () => {
    const plan = await agents.bendahara.agent.get(`/rt/${planRt}/rencana?tahun=2026`);
    expect(plan.text).toContain(`action="/rencana/${planId}/kembalikan"`);
    expect(plan.text).toContain(`action="/rencana/${planId}/tolak"`);
    const tranches = await agents.bendahara.agent.get(`/rt/${trancheRt}/pencairan?tahun=2026`);
    expect(tranches.text).toContain(`action="/pencairan/${trancheId}/kembalikan"`);
    expect(tranches.text).toContain(`action="/pencairan/${trancheId}/tolak"`);
    expect(tranches.text).toContain('Kembalikan ke ketua RT…');
  });
});

describe('the treasurer rejects a plan and returns a tranche; the chair reads who and why', () => {
  it('the plan: rejected for good, audited with her name, the chair’s page names her and her reason', async () => {
    const res = await post('bendahara', `/rencana/${planId}/tolak`, { reason: 'Rencana untuk kegiatan yang dilarang.' });
    expect(res.status).toBe(303);
    const plan = s.plans.find(planId)!;
    expect(plan.status).toBe('rejected');
    expect(plan.note).toBe('Rencana untuk kegiatan yang dilarang.');
    const row = s.audit.list({ action: 'plan.reject', page: 1, pageSize: 1 }).rows[0]!;
    expect(row.actorName).toBe('bendahara.pleburan');
    const name = s.users.findByUsername('bendahara.pleburan')!.displayName;
    const page = await agents.ketuaRencana.agent.get(`/rt/${planRt}/rencana?tahun=2026`);
    expect(page.text).toContain(`ditolak oleh ${name} (Bendahara kelurahan`);
    expect(page.text).toContain('Rencana untuk kegiatan yang dilarang.');
    // Decided: no second way back.
    expect((await post('bendahara', `/rencana/${planId}/tolak`, { reason: 'Lagi.' })).status).toBe(409);
    expect((await post('bendahara', `/rencana/${planId}/kembalikan`, { note: 'Lagi.' })).status).toBe(409);
  });

  it('the tranche: returned to fix, reservation released, the chair’s timeline names her and her reason', async () => {
    const reserved = s.tranches.reserved(trancheRt, 2026);
    const res = await post('bendahara', `/pencairan/${trancheId}/kembalikan`, { reason: 'Lampirkan undangan rapat.' });
    expect(res.status).toBe(303);
    const t = s.tranches.find(trancheId)!;
    expect(t.status).toBe('returned');
    expect(t.reason).toBe('Lampirkan undangan rapat.');
    expect(s.tranches.reserved(trancheRt, 2026)).toBe(reserved - 500_000);
    expect(s.audit.list({ action: 'tranche.return', page: 1, pageSize: 1 }).rows[0]!.actorName).toBe('bendahara.pleburan');
    const name = s.users.findByUsername('bendahara.pleburan')!.displayName;
    const page = await agents.ketua.agent.get(`/rt/${trancheRt}/pencairan?tahun=2026`);
    expect(page.text).toMatch(new RegExp(`Dikembalikan untuk diperbaiki</strong>[^<]*· Lampirkan undangan rapat\\. · ${name} \\(Bendahara kelurahan`));
    expect((await post('bendahara', `/pencairan/${trancheId}/tolak`, { reason: 'Lagi.' })).status).toBe(409);
  });

  it('after her verification (the lurah’s turn) her page offers no way back; the use case still lets her send it back (its rule, unchanged)', async () => {
    const id = aPendingTranche();
    approveTranche(s, bendahara(), id);
    const page = await agents.bendahara.agent.get(`/rt/${trancheRt}/pencairan?tahun=2026`);
    expect(page.text).not.toContain(`action="/pencairan/${id}/kembalikan"`);
    expect(page.text).not.toContain(`action="/pencairan/${id}/tolak"`);
    const res = await post('bendahara', `/pencairan/${id}/kembalikan`, { reason: 'Ternyata RBB keliru.' });
    expect(res.status).toBe(303);
    expect(s.tranches.find(id)!.status).toBe('returned');
  });
});

/**
 * The early-warning desk (issue 20, item 4) on the seeded city with a fixed clock: a recorded
 * receipt marks its RT dirty and the desk shows the new flag without a full recompute; a flag
 * followed up over HTTP is audited, stays visible and reopens when its numbers get worse; a
 * kecamatan desk sees only its kecamatan; complaints come through the ComplaintSignals port;
 * verify catches a kept flag that differs from a recomputation; the weekly summary.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { weeklyDeskSummaries, weeklyDeskSummary, type WeeklyDeskSummary } from '../../src/app/desk-weekly';
import { recordReceipt } from '../../src/app/record-receipt';
import { requestTranche } from '../../src/app/request-tranche';
import { refreshDirty } from '../../src/app/risk-refresh';
import { seededPhoto } from '../../src/app/seed-documents';
import { verifyRiskFlags } from '../../src/app/verify-risk';
import { toActor } from '../../src/db/user-repository';
import type { Actor } from '../../src/domain/access';
import { checklistOf } from '../../src/domain/grants/evidence-kinds';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import type { Services } from '../helpers/db';
import { appOf, signedIn } from '../helpers/http';
import { seededServices } from '../helpers/db';

const PLEBURAN = '3374050005';
const NOW = new Date('2026-10-20T03:00:00Z');
let s: Services;
let app: ReturnType<typeof appOf>['app'];
let chair: Actor;
let rtId: number;
let seq = 0;

async function receipt(
  o: { amount: number; category: string; date: string; vendor: string; description?: string; items?: Array<{ name: string; quantity: number; unitPrice: number }> },
  by: { actor: Actor; rtId: number } = { actor: chair, rtId },
): Promise<number> {
  const year = s.years.find(2026, o.date)!;
  const files = [];
  for (const kind of checklistOf(year.categories.find((c) => c.code === o.category)!)) {
    seq += 1;
    const png = await sharp(await seededPhoto(`risk desk ${kind} ${seq}`)).png().toBuffer();
    files.push({ ...(await s.evidence.put(png, 'image/png', `${kind}-${seq}.png`)), kind });
  }
  return recordReceipt(s, by.actor, { rtId: by.rtId, year: 2026, date: o.date, category: o.category, description: o.description ?? `Belanja kegiatan ${seq}`, vendor: o.vendor, notaNumber: `SR-${seq}`, amount: o.amount, items: o.items ?? [], files, requestKey: `risk-desk-${seq}` }).id;
}

const flagOf = (kind: string, of = rtId) => s.risk.flagsOf(2026, of).find((f) => f.kind === kind);

beforeAll(async () => {
  s = await seededServices(() => NOW);
  app = appOf(s).app;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  chair = (await aUser(s, { role: 'ketua_rt', rtId })).actor;
  const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
  approvePlanFully(s, bendahara, (await aSubmittedPlan(s, chair)).id);
  const t = requestTranche(s, chair, {
    rtId,
    year: 2026,
    month: '2026-10',
    lines: [
      { category: 'SOS', description: 'Rapat dan santunan', amount: 5_500_000 },
      { category: 'BUD', description: 'Pengajian dan lomba', amount: 6_400_000 },
    ],
    requestKey: 'risk-desk-tranche',
  });
  approveAndPay(s, bendahara, t.id);
  // Everything the setup wrote is computed, so what follows starts from a clean list.
  refreshDirty(s, Number.MAX_SAFE_INTEGER);
});

describe('the desk is kept up to date as receipts are recorded', () => {
  it('a recorded receipt marks its RT; the desk shows the new flag without a full recompute', async () => {
    expect(flagOf('splitting')).toBeUndefined();
    expect(s.risk.dirtyCount()).toBe(0);
    const untouched = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
    const untouchedBefore = s.risk.stateOf(2026, untouched)!.computedAt;

    await receipt({ amount: 2_600_000, category: 'SOS', date: '2026-10-20', vendor: 'CV. Sumber Rejeki' });
    await receipt({ amount: 2_500_000, category: 'SOS', date: '2026-10-20', vendor: 'Toko Sumber  Rejeki' });
    expect(s.risk.isDirty(2026, rtId)).toBe(true);
    expect(flagOf('splitting')).toBeUndefined();

    const desk = await signedIn(app, 'pengawas.semarangselatan');
    expect(desk.home.status).toBe(200); // the home sends pengawas to /pengawas
    const page = await desk.agent.get('/pengawas?jenis=splitting');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dugaan pemecahan nota');
    expect(page.text).toContain('Rp5.100.000');
    const flag = flagOf('splitting')!;
    expect(flag.numbers).toMatchObject({ groups: 1, receipts: 2, total: 5_100_000, threshold: 5_000_000 });
    expect(page.text).toContain(`/rt/${rtId}/kuitansi/${flag.evidence[0]!.type === 'receipt' ? flag.evidence[0]!.id : 0}/pdf`);
    expect(s.risk.dirtyCount()).toBe(0);
    // Only the touched RT was recomputed.
    expect(s.risk.stateOf(2026, untouched)!.computedAt).toBe(untouchedBefore);
    expect(verifyRiskFlags(s).problems).toEqual([]);
  });
});

describe('following a flag up', () => {
  it('is audited, keeps the flag visible, and reopens it when its numbers get worse', async () => {
    const flag = flagOf('splitting')!;
    const desk = await signedIn(app, 'pengawas.semarangselatan');
    const short = await desk.agent.post(`/pengawas/tanda/${flag.id}/tindak-lanjut`).type('form').send({ _csrf: desk.csrf, note: 'ok' });
    expect(short.status).toBe(422);
    expect(flagOf('splitting')!.state).toBe('open');

    const res = await desk.agent.post(`/pengawas/tanda/${flag.id}/tindak-lanjut`).type('form').send({ _csrf: desk.csrf, note: 'Lurah memeriksa nota bersama ketua RT.' });
    expect(res.status).toBe(303);
    expect(flagOf('splitting')).toMatchObject({ state: 'followed_up', followNote: 'Lurah memeriksa nota bersama ketua RT.', followedSeverity: 40 });
    const audit = s.db.sqlite.prepare(`SELECT actor_name AS actor, target_id AS targetId, summary FROM audit_log WHERE action = 'risk.follow_up'`).all() as Array<{ actor: string; targetId: string; summary: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toContain('pengawas.semarangselatan');
    expect(audit[0]!.targetId).toBe(String(flag.id));
    expect(audit[0]!.summary).toContain('Lurah memeriksa nota');

    const page = await desk.agent.get('/pengawas');
    expect(page.text).toContain('Sudah ditindaklanjuti');
    expect(page.text).toContain('Lurah memeriksa nota bersama ketua RT.');
    expect(s.risk.stateOf(2026, rtId)!.openScore).toBe(s.risk.flagsOf(2026, rtId).filter((f) => f.state === 'open').reduce((a, f) => a + f.score, 0));
    const again = await desk.agent.post(`/pengawas/tanda/${flag.id}/tindak-lanjut`).type('form').send({ _csrf: desk.csrf, note: 'Sekali lagi dicatat.' });
    expect(again.status).toBe(409);

    // A second split (a pair of another vendor in BUD): two groups, severity 80 > 40.
    await receipt({ amount: 2_500_000, category: 'BUD', date: '2026-10-20', vendor: 'UD Sumber Makmur' });
    await receipt({ amount: 2_500_000, category: 'BUD', date: '2026-10-20', vendor: 'Sumber Makmur' });
    const worse = await desk.agent.get('/pengawas');
    expect(flagOf('splitting')).toMatchObject({ state: 'open', severity: 80, followNote: 'Lurah memeriksa nota bersama ketua RT.' });
    expect(worse.text).toContain('Dibuka lagi: angkanya memburuk');
    expect(verifyRiskFlags(s).problems).toEqual([]);
  });
});

describe('scope', () => {
  it('a kecamatan desk sees only its kecamatan (404 elsewhere), and follows up nothing outside it', async () => {
    await aUser(s, { username: 'pengawas.mijen', role: 'pengawas', kecamatanCodes: ['3374010'] });
    const mijen = await signedIn(app, 'pengawas.mijen');
    const list = await mijen.agent.get('/pengawas');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('Pleburan');
    expect(list.text).not.toContain(`/rt/${rtId}`);
    expect((await mijen.agent.get(`/pengawas?kelurahan=${PLEBURAN}`)).status).toBe(404);
    const flag = flagOf('splitting')!;
    const before = JSON.stringify(flag);
    const res = await mijen.agent.post(`/pengawas/tanda/${flag.id}/tindak-lanjut`).type('form').send({ _csrf: mijen.csrf, note: 'Bukan wilayah saya.' });
    expect(res.status).toBe(404);
    expect(JSON.stringify(flagOf('splitting'))).toBe(before);
    // The admin reads the desk city-wide but never follows up (403).
    const admin = await signedIn(app, 'admin');
    expect((await admin.agent.get(`/pengawas?kelurahan=${PLEBURAN}`)).text).toContain('Dugaan pemecahan nota');
    expect((await admin.agent.post(`/pengawas/tanda/${flag.id}/tindak-lanjut`).type('form').send({ _csrf: admin.csrf, note: 'Catatan admin.' })).status).toBe(403);
  });
});

describe('complaints past their deadline come through the ComplaintSignals port', () => {
  it('a fake port with two overdue complaints raises the flag; an empty one clears it', async () => {
    const original = s.complaintSignals;
    try {
      // The demo's own complaints stay as they are (the seed has one waiting on RT 001 / RW 001); this RT gets two more.
      s.complaintSignals = { overdueByRt: (asOf) => [...original.overdueByRt(asOf).filter((r) => r.rtId !== rtId), ...(asOf === '2026-10-20' ? [{ rtId, count: 2, oldestDeadline: '2026-10-15' }] : [])] };
      s.risk.markDirty(2026, [rtId]);
      refreshDirty(s);
      expect(flagOf('complaints_overdue')).toMatchObject({ severity: 65, numbers: { count: 2, oldestDeadline: '2026-10-15', days: 5 } });
      expect(verifyRiskFlags(s).problems).toEqual([]);
    } finally {
      s.complaintSignals = original;
    }
    s.risk.markDirty(2026, [rtId]);
    refreshDirty(s);
    expect(flagOf('complaints_overdue')).toBeUndefined();
  });
});

describe('verify holds the kept flags against a recomputation', () => {
  it('names a flag whose stored numbers were changed, and a cross-RT key removed by hand', () => {
    expect(verifyRiskFlags(s).problems).toEqual([]);
    const flag = flagOf('splitting')!;
    s.db.sqlite.prepare('UPDATE risk_flags SET severity = severity - 1 WHERE id = ?').run(flag.id);
    const problems = verifyRiskFlags(s).problems;
    expect(problems.some((p) => p.includes('"splitting"') && p.includes('RT 5/RW 3'))).toBe(true);
    s.db.sqlite.prepare('UPDATE risk_flags SET severity = severity + 1 WHERE id = ?').run(flag.id);
    s.db.sqlite.prepare(`DELETE FROM risk_links WHERE rt_id = ? AND kind = 'vendor'`).run(rtId);
    expect(verifyRiskFlags(s).problems.some((p) => p.includes('kunci lintas-RT RT 5/RW 3'))).toBe(true);
    // A refresh puts it right.
    s.risk.markDirty(2026, [rtId]);
    refreshDirty(s);
    expect(verifyRiskFlags(s).problems).toEqual([]);
  });
});

describe('weekly summary', () => {
  it('lists the week’s new flags, the worst ten and what was followed up, one per desk user', () => {
    const summary = weeklyDeskSummary(s, ['3374050'])!;
    expect(summary.fresh.some((f) => f.kind === 'Dugaan pemecahan nota' && f.text.includes('Rp5.000.000'))).toBe(true);
    expect(summary.followed.map((f) => f.note)).toContain('Lurah memeriksa nota bersama ketua RT.');
    expect(summary.worst.length).toBeLessThanOrEqual(10);
    expect(summary.worst.map((w) => w.score)).toEqual([...summary.worst.map((w) => w.score)].sort((a, b) => b - a));
    expect(summary.text).toContain('Ringkasan mingguan');
    const delivered: WeeklyDeskSummary[] = [];
    expect(weeklyDeskSummaries(s, (x) => delivered.push(x))).toBe(2);
    const mijen = delivered.find((d) => d.username.includes('pengawas.mijen'))!;
    expect(mijen.scope).toEqual(['3374010']);
    expect(mijen.worst.some((w) => w.rtId === rtId)).toBe(false);
  });
});

describe('amounts just under a per-item cap', () => {
  it('three honor lines at or just under the Rp150.000 cap raise the flag with its numbers and receipt links; verify recomputes it', async () => {
    // An RT of its own with cash for kebersihan (the RT above has spent its tranche).
    const capRt = s.registry.findRtByNumbers(PLEBURAN, 3, 6)!.id;
    const capChair = (await aUser(s, { role: 'ketua_rt', rtId: capRt })).actor;
    const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
    approvePlanFully(s, bendahara, (await aSubmittedPlan(s, capChair)).id);
    const t = requestTranche(s, capChair, { rtId: capRt, year: 2026, month: '2026-10', lines: [{ category: 'LIN', description: 'Kebersihan lingkungan', amount: 2_000_000 }], requestKey: 'risk-desk-cap-tranche' });
    approveAndPay(s, bendahara, t.id);
    const by = { actor: capChair, rtId: capRt };
    refreshDirty(s);
    expect(flagOf('item_cap_under', capRt)).toBeUndefined();
    const honor = (unitPrice: number, quantity = 1) => ({ name: 'Honor petugas kebersihan', quantity, unitPrice });
    const first = await receipt({ amount: 450_000, category: 'LIN', date: '2026-10-20', vendor: 'Pak Darmo', description: 'Honor petugas kebersihan Oktober', items: [honor(150_000, 2), honor(150_000)] }, by);
    refreshDirty(s);
    expect(flagOf('item_cap_under', capRt)).toBeUndefined(); // two lines: below the minimum count of 3
    const second = await receipt({ amount: 185_000, category: 'LIN', date: '2026-10-20', vendor: 'Pak Darmo', description: 'Honor petugas kebersihan dan karung', items: [honor(145_000), { name: 'Karung sampah', quantity: 4, unitPrice: 10_000 }] }, by);

    const desk = await signedIn(app, 'pengawas.semarangselatan');
    const page = await desk.agent.get('/pengawas?jenis=item_cap_under');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Harga satuan tepat di bawah batas per barang/honor');
    const flag = flagOf('item_cap_under', capRt)!;
    // The karung line is bound by no cap of LIN (a fee cap binds fees only: the receipt check's capsFor).
    expect(flag.numbers).toEqual({ count: 3, capped: 3, sharePercent: 100, cap: 'Honor petugas kebersihan', maxRupiah: 150_000, floor: 135_000, ofCap: 3, receipts: 2 });
    expect(flag.evidence).toEqual([
      { type: 'receipt', id: first, rtId: capRt },
      { type: 'receipt', id: second, rtId: capRt },
    ]);
    expect(page.text).toContain('antara Rp135.000 dan Rp150.000');
    expect(page.text).toContain(`/rt/${capRt}/kuitansi/${first}/pdf`);
    expect(page.text).toContain(`/rt/${capRt}/kuitansi/${second}/pdf`);
    expect(verifyRiskFlags(s).problems).toEqual([]);

    s.db.sqlite.prepare(`UPDATE risk_flags SET numbers = replace(numbers, '"count":3', '"count":2') WHERE id = ?`).run(flag.id);
    expect(verifyRiskFlags(s).problems.some((p) => p.includes('"item_cap_under"') && p.includes('RT 6/RW 3'))).toBe(true);
    s.risk.markDirty(2026, [capRt]);
    refreshDirty(s);
    expect(verifyRiskFlags(s).problems).toEqual([]);
  });
});

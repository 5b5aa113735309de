/**
 * Issue 18's PKK grantee at the two ends of the money (brief 29a, item 4):
 * - the treasury (BPKAD) batches a PKK tranche for the bank and marks it paid, over HTTP: the row
 *   names the PKK group and its own account, the money moves from the PKK group's in-transit
 *   account to its own cash on the paid date, the RT beside it untouched;
 * - the year closes with the PKK grantee in the kelurahan: its blockers are its own (named
 *   "PKK RT 001 / RW 001", apart from RT 001's), the close empties its accounts into returned and
 *   lapsed on the PKK accounts, and the statement shows the PKK grant apart (rt-summary.csv's
 *   pkk row, statement.pdf's "Hibah PKK RT" group).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeBlockers } from '../../src/app/close-year';
import { requestTranche } from '../../src/app/request-tranche';
import { submitSpj, verifySpj } from '../../src/app/spj';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import { rtCashAccount, rtTransitAccount } from '../../src/domain/ledger/accounts';
import { approveTrancheFully } from '../builders';
import { exportedBundle } from '../helpers/bundle';
import { tempDbPath, type Services } from '../helpers/db';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
let clock = new Date('2026-09-20T03:00:00Z');
let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
let pkkId: number;
let rtId: number;
const users = {} as Record<'admin' | 'bpkad', { agent: Agent; csrf: string }>;
const post = (who: keyof typeof users, path: string, body: Record<string, string> = {}) => users[who].agent.post(path).type('form').send({ _csrf: users[who].csrf, ...body });
const ref = () => {
  const g = s.registry.findRt(pkkId)!;
  return { kelurahanCode: g.kelurahanCode, rwNumber: g.rwNumber, rtNumber: g.number, kind: g.kind, programme: g.programme };
};
const balanceOf = (name: string) => s.ledger.accountByName(2026, name)?.balance ?? 0;

beforeAll(async () => {
  const seeded = await seededApp({ sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 }, () => clock);
  s = seeded.s;
  app = seeded.app;
  pkkId = s.registry.findRtByNumbers(PLEBURAN, 1, 1, 'PKK')!.id;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
  users.admin = await signedIn(app, 'admin');
  users.bpkad = await signedIn(app, 'bpkad');
});

describe('a PKK tranche through the bank (BPKAD batches it and marks it paid)', () => {
  it('the row names the PKK group and its account; paid: the PKK in-transit account empties into the PKK cash on the paid date', async () => {
    clock = new Date('2026-10-02T03:00:00Z');
    const chair = toActor(s.users.findByUsername('ketua.pkk.rt001.pleburan')!);
    const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
    // September's SPJ first (the gate of the next tranche), then October's RBB.
    verifySpj(s, bendahara, submitSpj(s, chair, { rtId: pkkId, year: 2026, month: '2026-09' }).id);
    const t = requestTranche(s, chair, { rtId: pkkId, year: 2026, month: '2026-10', lines: [{ category: 'KEG', description: 'Posyandu Oktober', amount: 500_000 }], requestKey: 'pkk-bank-000000000001' });
    approveTrancheFully(s, bendahara, t.id);
    expect(s.tranches.find(t.id)!.status).toBe('approved');
    const pkkBefore = s.balances.ofRt(2026, pkkId);
    const rtBefore = s.balances.ofRt(2026, rtId);
    expect(balanceOf(rtTransitAccount(ref()))).toBe(500_000);

    const made = await post('bpkad', `/kelurahan/${PLEBURAN}/bank`);
    expect(made.status).toBe(303);
    const batchId = Number(made.headers.location!.split('/').pop());
    const row = s.tranches.batchRows(batchId).find((r) => r.trancheId === t.id)!;
    const g = s.registry.findRt(pkkId)!;
    expect(row).toMatchObject({ rtId: pkkId, rtLabel: 'PKK RT 001 / RW 001', bankAccount: g.bankAccount, amount: 500_000 });
    // The file for the bank names the PKK group and pays its account, not RT 001's.
    const csv = (await users.bpkad.agent.get(`/bank/batch/${batchId}/csv`)).text;
    expect(csv).toContain(g.bankAccount);
    expect(csv).toContain('PKK RT 001 / RW 001');
    expect(g.bankAccount).not.toBe(s.registry.findRt(rtId)!.bankAccount);

    clock = new Date('2026-10-06T03:00:00Z');
    const paid = await post('bpkad', `/bank/batch/${batchId}/dibayar`, { bankReference: 'BJTG-20261005-PKK', paidOn: '2026-10-05' });
    expect(paid.status).toBe(303);
    expect(s.tranches.find(t.id)!.status).toBe('paid');
    expect(s.tranches.batchRows(batchId).find((r) => r.trancheId === t.id)).toMatchObject({ status: 'paid', bankReference: 'BJTG-20261005-PKK', paidOn: '2026-10-05' });
    expect(balanceOf(rtTransitAccount(ref()))).toBe(0);
    expect(rtCashAccount(ref())).toContain(':pkk:');
    expect(s.balances.ofRt(2026, pkkId)).toMatchObject({ transit: pkkBefore.transit - 500_000, cash: pkkBefore.cash + 500_000 });
    expect(s.balances.ofRt(2026, rtId)).toEqual(rtBefore);
    const lines = s.ledger.cashBookLines(2026, pkkId, '2026-10-05', '2026-10-06');
    expect(lines.map((l) => [l.date, l.amount, l.eventType])).toEqual([['2026-10-05', 500_000, 'bank_transfer']]);
    expect(verifyLedger(s, [], { evidence: false }).problems).toEqual([]);
  });
});

describe('closing the year with a PKK grantee in the kelurahan', () => {
  it('its blockers are its own, the close empties the PKK accounts, the statement shows the PKK grant apart', async () => {
    clock = new Date('2026-12-20T03:00:00Z');
    const blockers = closeBlockers(s, 2026, [PLEBURAN]);
    const pkk = blockers.filter((b) => b.rtId === pkkId);
    const rt = blockers.filter((b) => b.rtId === rtId);
    // The PKK group drew money in October and filed no SPJ since: its own blockers, under its own name.
    expect(pkk.length).toBeGreaterThan(0);
    expect(new Set(pkk.map((b) => b.rtLabel))).toEqual(new Set(['PKK RT 001 / RW 001']));
    expect(rt.every((b) => b.rtLabel === 'RT 001 / RW 001')).toBe(true);
    expect(pkk.some((b) => rt.some((r) => r.key === b.key))).toBe(false);
    const page = await users.admin.agent.get(`/tutup-tahun?year=2026&kelurahanCode=${PLEBURAN}`);
    expect(page.status).toBe(200);
    for (const b of pkk) expect(page.text).toContain(`data-key="${b.key}"`);
    expect(page.text).toContain('PKK RT 001 / RW 001');

    // Cleared with a reason, the kelurahan closes; the PKK accounts end in returned and lapsed, apart from RT 001's.
    for (const b of blockers) expect((await post('admin', '/tutup-tahun/pengecualian', { year: '2026', kelurahanCode: PLEBURAN, blockerKey: b.key, reason: 'Diperiksa manual oleh DP3A.' })).status, b.key).toBe(303);
    const cashBefore = s.balances.ofRt(2026, pkkId).cash;
    const undrawnBefore = s.balances.ofRt(2026, pkkId).undrawn;
    const closed = await post('admin', '/tutup-tahun', { year: '2026', kelurahanCode: PLEBURAN, confirm: 'ya' });
    expect(closed.status).toBe(303);
    expect(s.tranches.isClosed(2026, PLEBURAN)).toBe(true);
    const after = s.balances.ofRt(2026, pkkId);
    expect(after).toMatchObject({ allocated: 10_000_000, undrawn: 0, transit: 0, cash: 0, returned: cashBefore, lapsed: undrawnBefore });
    expect(after.spent + after.returned + after.lapsed).toBe(10_000_000);
    expect(s.balances.ofRt(2026, rtId)).toMatchObject({ allocated: 25_000_000, undrawn: 0, cash: 0 });
    expect(verifyLedger(s, [], { evidence: false }).problems).toEqual([]);

    // The statement: rt-summary.csv carries the PKK group on its own row; statement.pdf its own group.
    const files = await exportedBundle(s, PLEBURAN, `${tempDbPath()}.zip`);
    const summary = files.get('rt-summary.csv')!.toString().trim().split('\n');
    const pkkRow = summary.find((l) => l.startsWith('pkk '))!;
    expect(pkkRow).toMatch(/^pkk 3374050005 rw01 rt001,10000000,0,0,0,/);
    expect(pkkRow.split(',').slice(1).map(Number)).toEqual([10_000_000, 0, 0, 0, after.spent, after.returned, after.lapsed]);
    expect(summary.find((l) => l.startsWith('3374050005 rw01 rt001,'))!.split(',')[1]).toBe('25000000');
    const pdf = `${tempDbPath()}.pdf`;
    fs.writeFileSync(pdf, files.get('statement.pdf')!);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toMatch(/Hibah PKK RT 1 10\.000\.000/);
  });
});

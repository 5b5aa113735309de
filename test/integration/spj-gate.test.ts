/**
 * The SPJ gate with no skipping (issue 15, item 1), replayed through HTTP as a dishonest chair
 * would: draw August, never have August's SPJ verified, file an empty ("nihil") November SPJ, get
 * it verified, and ask for December. Every month from the first drawn month to the month before
 * the requested one needs a verified SPJ, at the request and again at the approval; SPJs are
 * submitted in month order; the request page names the missing months.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { toActor } from '../../src/db/user-repository';
import { verifyLedger } from '../../src/app/verify-ledger';
import { aSubmittedPlan, aUser, approvePlanFully, finishChain } from '../builders';
import type { Services } from '../helpers/db';
import { csrfFrom, seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const MISSING = ['Agustus 2026', 'September 2026', 'Oktober 2026'];

let s: Services;
let rtId: number;
let clock: Date;
let ketua: { agent: Agent; csrf: string };
let bendahara: { agent: Agent; csrf: string };
let bpkad: { agent: Agent; csrf: string };
let seq = 0;

const at = (iso: string) => {
  clock = new Date(iso);
};

/** The chair's RBB for a month through the request form; the reply as the browser gets it. */
const requestMonth = (month: string, amount = '1.000.000') =>
  ketua.agent
    .post(`/rt/${rtId}/pencairan`)
    .type('form')
    .send(`_csrf=${ketua.csrf}&year=2026&requestKey=spj-gate-key-${String(++seq).padStart(8, '0')}&month=${month}&lineCategory=SOS&lineDescription=Rapat+warga&lineAmount=${amount}`);

const submitSpj = (month: string) => ketua.agent.post(`/rt/${rtId}/spj`).type('form').send({ _csrf: ketua.csrf, year: '2026', month });
const verifySpj = (month: string) => bendahara.agent.post(`/spj/${s.receipts.spj(rtId, 2026, month)!.id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf });

/** The bendahara approves the pending tranche; the city's treasury (BPKAD) batches the kelurahan for the bank and records the batch paid today. */
async function approveAndPayOverHttp() {
  const pending = s.tranches.ofRt(rtId, 2026).find((t) => t.status === 'pending')!;
  expect((await bendahara.agent.post(`/pencairan/${pending.id}/setujui`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
  finishChain(s, 'tranche', pending.id);
  const made = await bpkad.agent.post(`/kelurahan/${PLEBURAN}/bank`).type('form').send({ _csrf: bpkad.csrf });
  expect(made.status).toBe(303);
  const batchId = Number(made.headers.location!.split('/').pop());
  const page = await bpkad.agent.get(`/bank/batch/${batchId}`);
  const paid = await bpkad.agent.post(`/bank/batch/${batchId}/dibayar`).type('form').send({ _csrf: csrfFrom(page.text), bankReference: `BJTG-${batchId}`, paidOn: clock.toISOString().slice(0, 10) });
  expect(paid.status).toBe(303);
  expect(s.tranches.find(pending.id)!.status).toBe('paid');
}

beforeEach(async () => {
  at('2026-08-05T03:00:00Z');
  // Sessions outlive the clock jumps of these tests.
  const app = await seededApp({ sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 }, () => clock);
  s = app.s;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  const { actor: chair } = await aUser(s, { username: 'ketua.spj.gate', role: 'ketua_rt', rtId });
  approvePlanFully(s, toActor(s.users.findByUsername('bendahara.pleburan')!), (await aSubmittedPlan(s, chair)).id);
  ketua = await signedIn(app.app, 'ketua.spj.gate');
  bendahara = await signedIn(app.app, 'bendahara.pleburan');
  bpkad = await signedIn(app.app, 'bpkad');
  // August: the RT draws, and the bank pays.
  expect((await requestMonth('2026-08')).status).toBe(303);
  await approveAndPayOverHttp();
});

describe('the SPJ gate has no gap to skip through', () => {
  it('drew August, never reported it, a nil November SPJ: refused to file, and December is refused naming August, September and October', async () => {
    at('2026-12-02T03:00:00Z');
    // The nil November SPJ, filed while August, September and October have none: refused, naming them.
    const november = await submitSpj('2026-11');
    expect(november.status).toBe(422);
    for (const m of MISSING) expect(november.text).toContain(m);
    expect(s.receipts.spj(rtId, 2026, '2026-11')).toBeFalsy();

    // December asked for anyway: refused, naming every month without a verified SPJ.
    const december = await requestMonth('2026-12');
    expect(december.status).toBe(422);
    for (const m of [...MISSING, 'November 2026']) expect(december.text).toContain(m);
    expect(s.tranches.ofRt(rtId, 2026).filter((t) => t.period === '2026-12')).toEqual([]);
  });

  it('every month filed in order but only November verified: December is refused naming August, September and October, on the page and at the request', async () => {
    at('2026-12-02T03:00:00Z');
    for (const m of ['2026-08', '2026-09', '2026-10', '2026-11']) expect((await submitSpj(m)).status, m).toBe(303);
    expect((await verifySpj('2026-11')).status).toBe(303);
    expect(s.receipts.spj(rtId, 2026, '2026-11')!.status).toBe('verified');

    const page = await ketua.agent.get(`/rt/${rtId}/pencairan`);
    expect(page.text).toContain('Pengajuan belum dapat dibuat');
    for (const m of MISSING) expect(page.text).toContain(m);
    expect(page.text).not.toContain('name="requestKey"');

    const december = await requestMonth('2026-12');
    expect(december.status).toBe(422);
    for (const m of MISSING) expect(december.text).toContain(m);
    expect(december.text).not.toContain('SPJ November 2026');
    expect(s.tranches.ofRt(rtId, 2026).filter((t) => t.period === '2026-12')).toEqual([]);

    // Once the earlier months are verified in order, December goes through.
    for (const m of ['2026-08', '2026-09', '2026-10']) expect((await verifySpj(m)).status, m).toBe(303);
    expect((await requestMonth('2026-12')).status).toBe(303);
    expect(verifyLedger(s).ok).toBe(true);
  });

  it('a December request already waiting (filed under the old rule) is refused at approval naming the unverified months', async () => {
    at('2026-12-02T03:00:00Z');
    for (const m of ['2026-08', '2026-09', '2026-10', '2026-11']) expect((await submitSpj(m)).status, m).toBe(303);
    expect((await verifySpj('2026-11')).status).toBe(303);
    // As the old gate let it in: a pending December request, stored as the request use case stores one.
    const chair = s.users.findByUsername('ketua.spj.gate')!;
    const id = s.tranches.insert(
      { rtId, year: 2026, mode: 'monthly', period: '2026-12', amount: 1_000_000, status: 'pending', requestedBy: chair.id, requestedAt: clock.toISOString(), requestKey: 'spj-gate-old-rule' },
      [{ category: 'SOS', description: 'Rapat warga', amount: 1_000_000 }],
    );
    const approve = await bendahara.agent.post(`/pencairan/${id}/setujui`).type('form').send({ _csrf: bendahara.csrf });
    expect(approve.status).toBe(422);
    for (const m of MISSING) expect(approve.text).toContain(m);
    expect(s.tranches.find(id)!.status).toBe('pending');
  });

  it('a month with no spending is reported nil and verified: then the next month is open', async () => {
    at('2026-09-02T03:00:00Z');
    expect((await submitSpj('2026-08')).status).toBe(303);
    expect((await verifySpj('2026-08')).status).toBe(303);
    at('2026-10-02T03:00:00Z');
    // September drew nothing, but it is reported too before October's money.
    expect((await requestMonth('2026-10')).status).toBe(422);
    expect((await submitSpj('2026-09')).status).toBe(303);
    expect((await verifySpj('2026-09')).status).toBe(303);
    expect((await requestMonth('2026-10')).status).toBe(303);
  });
});

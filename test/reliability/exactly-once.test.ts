/**
 * Exactly once: the same form sent twice (in parallel and in sequence), the same approval
 * clicked by two treasurers at once, and a request retried after the client gave up, each
 * make one record and post at most one entry; the second sender sees the first one's result.
 * (The money-flow and receipts tests cover the parallel tranche request and the parallel
 * receipt; this file covers the rest.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestTranche } from '../../src/app/request-tranche';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import type { Services } from '../helpers/db';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import { uniquePng } from '../../scripts/lib/crash/http-client';
import { aCompleteDossier, aPdf, aSubmittedPlan, aUser, approveAndPay, approvePlanFully, finishChain } from '../builders';
import { anonymous, csrfFrom, seededApp, sessionCookie, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const PDF = aPdf();
const newKey = () => randomBytes(12).toString('base64url');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type Session = { agent: Agent; csrf: string };

let s: Services;
let app: Listener;
let rtId: number;
let ketua: Session;
let bendahara: Session;
let bendahara2: Session;
/** Lets a test slow down one request, as a bad network or a busy server would. */
let delay: { before?: number; answer?: number } = {};

beforeEach(async () => {
  const clock = new Date('2026-10-20T03:00:00Z');
  const seeded = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => clock);
  s = seeded.s;
  delay = {};
  // The app behind a hook that can hold a request before it is handled, or its answer after.
  app = (req, res) => {
    const { before, answer } = delay;
    delay = {};
    if (answer) {
      const end = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
      res.end = ((...a: unknown[]) => (setTimeout(() => end(...a), answer), res)) as typeof res.end;
    }
    if (before) setTimeout(() => seeded.app(req as never, res as never), before);
    else seeded.app(req as never, res as never);
  };
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  await Promise.all([aUser(s, { username: 'ketua.uji', role: 'ketua_rt', rtId }), aUser(s, { username: 'bendahara2.pleburan', role: 'bendahara', kelurahanCode: PLEBURAN })]);
  [ketua, bendahara, bendahara2] = await Promise.all([signedIn(app, 'ketua.uji'), signedIn(app, 'bendahara.pleburan'), signedIn(app, 'bendahara2.pleburan')]);
});

afterEach(() => {
  expect(verifyLedger(s).problems).toEqual([]);
});

const actor = (username: string) => toActor(s.users.findByUsername(username)!);
const entries = () => s.ledger.head()!.id;

async function approvedPlan() {
  const plan = await aSubmittedPlan(s, actor('ketua.uji'));
  approvePlanFully(s, actor('bendahara.pleburan'), plan.id);
}

/** An approved plan and an October tranche of Rp2.000.000 drawn: cash to spend. */
async function withCash() {
  await approvedPlan();
  const t = requestTranche(s, actor('ketua.uji'), { rtId, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat', amount: 2_000_000 }], requestKey: newKey() });
  approveAndPay(s, actor('bendahara.pleburan'), t.id);
}

function planForm(agent: Agent, csrf: string, lines = DEMO_PLAN) {
  const req = agent.post(`/rt/${rtId}/rencana`).field('_csrf', csrf).field('year', '2026').field('action', 'submit');
  for (const l of lines) req.field('lineCategory', l.category).field('lineDescription', l.description).field('lineAmount', String(l.amount));
  return req.attach('beritaAcara', PDF, 'berita-acara.pdf');
}

const trancheForm = (key: string) => `_csrf=${ketua.csrf}&year=2026&requestKey=${key}&month=2026-10&lineCategory=SOS&lineDescription=Rapat+Oktober&lineAmount=1.500.000`;

type Files = Array<[string, Buffer, string]>;
const activityFiles = (): Files => [['nota', uniquePng(), 'nota.png'], ['fotoKegiatan', uniquePng(), 'kegiatan.png'], ['daftarHadir', uniquePng(), 'hadir.png']];
const receiptFields = { date: '2026-10-20', category: 'SOS', description: 'Konsumsi rapat warga', vendor: 'Warung Bu Sri', notaNumber: 'WS-2010', amount: '250.000' };

function receiptForm(agent: Agent, key: string, files: Files, fields: Record<string, string> = receiptFields) {
  const req = agent.post(`/rt/${rtId}/kuitansi`).field('_csrf', ketua.csrf).field('year', '2026').field('requestKey', key);
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  for (const [f, b, name] of files) req.attach(f, b, name);
  return req;
}

describe('the same form sent twice', () => {
  it('plan submit, in parallel then again in sequence: one plan under review, and each sender is shown it', async () => {
    await aCompleteDossier(s, actor('ketua.uji'), rtId);
    const before = s.audit.count('plan.submit');
    const both = await Promise.all([planForm(ketua.agent, ketua.csrf), planForm(ketua.agent, ketua.csrf)]);
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    const again = await planForm(ketua.agent, ketua.csrf);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`/rt/${rtId}/rencana?tahun=2026`);
    const versions = s.plans.versions(rtId, 2026);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ status: 'submitted', total: 25_000_000 });
    expect(s.audit.count('plan.submit') - before).toBe(1);
    // Another plan while this one is under review is still refused, saying why.
    const other = await planForm(ketua.agent, ketua.csrf, [...DEMO_PLAN.slice(0, -1), { ...DEMO_PLAN.at(-1)!, description: 'Tenda lipat' }]);
    expect(other.status).toBe(409);
    expect(other.text).toContain('sedang diperiksa kelurahan');
  });

  it('tranche request, in sequence: one request, one reservation', async () => {
    await approvedPlan();
    const key = newKey();
    const first = await ketua.agent.post(`/rt/${rtId}/pencairan`).type('form').send(trancheForm(key));
    const second = await ketua.agent.post(`/rt/${rtId}/pencairan`).type('form').send(trancheForm(key));
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    expect(s.tranches.ofRt(rtId, 2026)).toHaveLength(1);
    expect(s.tranches.reserved(rtId, 2026)).toBe(1_500_000);
  });

  it('receipt, in sequence: one receipt, its files once, its cash reserved once; the key with other content is refused', async () => {
    await withCash();
    const key = newKey();
    const files = activityFiles();
    const first = await receiptForm(ketua.agent, key, files);
    const second = await receiptForm(ketua.agent, key, files);
    expect([first.status, second.status]).toEqual([303, 303]);
    const receipts = s.receipts.ofRt(rtId, 2026);
    expect(receipts).toHaveLength(1);
    expect(s.receipts.files(receipts[0]!.id)).toHaveLength(3);
    expect(s.receipts.heldBack(rtId, 2026).pending).toBe(250_000);
    const reused = await receiptForm(ketua.agent, key, activityFiles(), { ...receiptFields, amount: '300.000' });
    // request_key_reused is a conflict (409): the form comes back with its input, the status is its kind's.
    expect(reused.status).toBe(409);
    expect(reused.text).toContain('Formulir ini sudah dipakai');
    expect(s.receipts.ofRt(rtId, 2026)).toHaveLength(1);
  });
});

/** The approval steps recorded on a tranche, in order. */
const stepsOf = (trancheId: number) => s.db.sqlite.prepare(`SELECT step FROM approval_steps WHERE subject_type = 'tranche' AND subject_id = ? ORDER BY id`).pluck().all(trancheId);

describe('two treasurers click together', () => {
  async function pendingTranche() {
    await approvedPlan();
    return requestTranche(s, actor('ketua.uji'), { rtId, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat', amount: 1_500_000 }], requestKey: newKey() });
  }

  it("approve the same tranche: the treasurer's step taken once, the later click told it is already recorded; one entry once the chain ends", async () => {
    const t = await pendingTranche();
    const start = entries();
    const [a, b] = await Promise.all([bendahara, bendahara2].map((x) => x.agent.post(`/pencairan/${t.id}/setujui`).type('form').send({ _csrf: x.csrf })));
    expect([a!.status, b!.status].sort()).toEqual([303, 409]);
    expect([a, b].find((r) => r!.status === 409)!.text).toContain('Langkah persetujuan ini sudah dicatat');
    expect(stepsOf(t.id)).toEqual(['verify']);
    finishChain(s, 'tranche', t.id);
    expect(entries()).toBe(start + 1);
    // Approved is in transit until the bank pays it.
    expect(s.balances.ofRt(2026, rtId)).toMatchObject({ transit: 1_500_000, cash: 0, undrawn: 23_500_000 });
  });

  it('approve from both queues at once (bulk): one entry, the other told why', async () => {
    const t = await pendingTranche();
    const start = entries();
    const replies = await Promise.all([bendahara, bendahara2].map((x) => x.agent.post('/antrian/setujui').type('form').send({ _csrf: x.csrf, ids: `tranche:${t.id}` })));
    expect(replies.map((r) => r.status)).toEqual([303, 303]);
    expect(stepsOf(t.id)).toEqual(['verify']);
    const pages = await Promise.all([bendahara, bendahara2].map((x) => x.agent.get('/antrian')));
    expect(pages.map((p) => p.text).join()).toContain('Langkah persetujuan ini sudah dicatat');
    finishChain(s, 'tranche', t.id);
    expect(entries()).toBe(start + 1);
  });

  it('verify the same receipt: one entry, the cash spent once', async () => {
    await withCash();
    expect((await receiptForm(ketua.agent, newKey(), activityFiles())).status).toBe(303);
    const receipt = s.receipts.ofRt(rtId, 2026)[0]!;
    const start = entries();
    const replies = await Promise.all([bendahara, bendahara2].map((x) => x.agent.post(`/kuitansi/${receipt.id}/verifikasi`).type('form').send({ _csrf: x.csrf })));
    expect(replies.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(entries()).toBe(start + 1);
    expect(s.balances.ofRt(2026, rtId).cash).toBe(2_000_000 - 250_000);
  });

  it('one treasurer double-clicks approve: one entry, and both clicks land on the approved tranche', async () => {
    const t = await pendingTranche();
    const start = entries();
    const replies = await Promise.all([1, 2].map(() => bendahara.agent.post(`/pencairan/${t.id}/setujui`).type('form').send({ _csrf: bendahara.csrf })));
    expect(replies.map((r) => r.status)).toEqual([303, 303]);
    expect(stepsOf(t.id)).toEqual(['verify']);
    finishChain(s, 'tranche', t.id);
    expect(entries()).toBe(start + 1);
  });
});

describe('a retry after the client gave up waiting', () => {
  it('the answer was slow: the retry arrives after the commit and gets the same receipt', async () => {
    await withCash();
    const key = newKey();
    const files = activityFiles();
    delay = { answer: 600 };
    const original = receiptForm(ketua.agent, key, files).then((r) => r);
    await sleep(300); // the client's patience runs out; the server has committed, its answer is on the way
    const retry = await receiptForm(ketua.agent, key, files);
    expect(retry.status).toBe(303);
    expect((await original).status).toBe(303);
    expect(s.receipts.ofRt(rtId, 2026)).toHaveLength(1);
    expect(s.receipts.heldBack(rtId, 2026).pending).toBe(250_000);
  });

  it('the original was slow to arrive: the retry is handled first, the late original makes nothing new', async () => {
    await approvedPlan();
    const key = newKey();
    delay = { before: 500 };
    const original = ketua.agent.post(`/rt/${rtId}/pencairan`).type('form').send(trancheForm(key)).then((r) => r);
    await sleep(100);
    const retry = await ketua.agent.post(`/rt/${rtId}/pencairan`).type('form').send(trancheForm(key));
    expect(retry.status).toBe(303);
    expect(s.tranches.ofRt(rtId, 2026)).toHaveLength(1);
    expect((await original).status).toBe(303);
    expect(s.tranches.ofRt(rtId, 2026)).toHaveLength(1);
    expect(s.tranches.reserved(rtId, 2026)).toBe(1_500_000);
  });

  it('the client hung up mid-upload and sent it again: whatever became of the first, one receipt', async () => {
    await withCash();
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // A phone's own session (its cookie sent by hand: fetch can hang up, supertest cannot).
      const { agent, csrf: loginCsrf } = await anonymous(app);
      const login = await agent.post('/login').type('form').send({ _csrf: loginCsrf, username: 'ketua.uji', password: 'dana-rt-demo' });
      const session = sessionCookie(login)!;
      const csrf = csrfFrom((await agent.get('/')).text);
      const key = newKey();
      const files = activityFiles();
      const body = () => {
        const form = new FormData();
        for (const [k, v] of Object.entries({ _csrf: csrf, year: '2026', requestKey: key, ...receiptFields })) form.append(k, v);
        for (const [f, b, name] of files) form.append(f, new Blob([b], { type: 'image/png' }), name);
        return form;
      };
      for (const patienceMs of [5, 40, 120]) {
        const hungUp = await fetch(`${url}/rt/${rtId}/kuitansi`, { method: 'POST', body: body(), headers: { cookie: session }, redirect: 'manual', signal: AbortSignal.timeout(patienceMs) }).then(
          (r) => r.status,
          () => 'gave up',
        );
        expect([303, 'gave up']).toContain(hungUp);
      }
      await sleep(300);
      const retry = await fetch(`${url}/rt/${rtId}/kuitansi`, { method: 'POST', body: body(), headers: { cookie: session }, redirect: 'manual' });
      expect(retry.status).toBe(303);
      expect(s.receipts.ofRt(rtId, 2026)).toHaveLength(1);
      expect(s.receipts.heldBack(rtId, 2026).pending).toBe(250_000);
    } finally {
      server.close();
    }
  });
});

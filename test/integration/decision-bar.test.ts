/**
 * Issue 19, helper 26b item 1: a treasurer barred from deciding an RT's items (she issued a
 * temporary password to one of its officers: the 30-day conflict rule,
 * src/domain/accounts/password-conflict.ts) sees no decide buttons for that RT's items, but a
 * short note saying since and until when; another treasurer of the same kelurahan still sees
 * them. Replayed through HTTP on the seeded demo: a table of pages × barred / not barred, and
 * every page agrees with the decision itself (409 for the barred one).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toActor } from '../../src/db/user-repository';
import { readQueue } from '../../src/app/read-queue';
import { readReview } from '../../src/app/read-receipts';
import { seededApp, signedIn, type Agent, type Services } from '../helpers/http';
import { aSubmittedPlan, aUser } from '../builders';

const PLEBURAN = '3374050005';
let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
const who = {} as Record<'barred' | 'free', { agent: Agent; csrf: string }>;
/** One waiting item of each kind, with its RT and year. */
const item = {} as Record<'receipt' | 'spj' | 'plan' | 'tranche', { id: number; rtId: number; year: number }>;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const NOTE = 'Anda tidak dapat memutuskan sejak 6 Desember 2026 sampai 5 Januari 2027';

beforeAll(async () => {
  ({ s, app } = await seededApp({}, () => new Date('2026-12-06T03:00:00Z')));
  await aUser(s, { username: 'bendahara2.pleburan', role: 'bendahara', kelurahanCode: PLEBURAN });
  const treasurer = toActor(s.users.findByUsername('bendahara.pleburan')!);
  const review = readReview(s, treasurer);
  const receipt = review.pending.find((r) => r.canDecide)!;
  const spj = review.spjs.find((r) => r.canReturn)!;
  let queue = readQueue(s, treasurer);
  if (queue.plans.length === 0) {
    // The seed's plans are all decided: a chair of an RT without a plan submits one.
    const rt = s.registry.rtsOfKelurahan(PLEBURAN).find((r) => !s.plans.versions(r.id, 2026).length)!;
    const chair = await aUser(s, { role: 'ketua_rt', rtId: rt.id });
    await aSubmittedPlan(s, chair.actor, rt.id);
    queue = readQueue(s, treasurer);
  }
  const plan = queue.plans[0]!;
  const tranche = queue.tranches[0]!;
  expect(receipt && spj && plan && tranche).toBeTruthy();
  Object.assign(item, {
    receipt: { id: receipt.id, rtId: receipt.rtId, year: receipt.year },
    spj: { id: spj.id, rtId: spj.rtId, year: spj.year },
    plan: { id: plan.id, rtId: plan.rtId, year: plan.year },
    tranche: { id: tranche.id, rtId: tranche.rtId, year: tranche.year },
  });
  who.barred = await signedIn(app, 'bendahara.pleburan');
  who.free = await signedIn(app, 'bendahara2.pleburan');
  // The treasurer resets a password of an officer of each of these RTs, through HTTP: that bars her from their items.
  for (const rtId of new Set(Object.values(item).map((i) => i.rtId))) {
    const officer = s.users.list().find((u) => u.rtId === rtId && u.active && u.role === 'ketua_rt') ?? (await aUser(s, { role: 'ketua_rt', rtId }));
    const res = await who.barred.agent.post(`/akun-rt/${officer.id}/reset`).type('form').send({ _csrf: who.barred.csrf });
    expect(res.status).toBe(200);
  }
}, 180_000);

/** The page, what marks the item's decide control on it. */
const pages: Array<[string, () => string, () => string]> = [
  ['review page, receipt', () => '/verifikasi', () => `action="/kuitansi/${item.receipt.id}/verifikasi"`],
  ['review page, receipt return', () => '/verifikasi', () => `action="/kuitansi/${item.receipt.id}/kembalikan"`],
  ['review page, SPJ', () => '/verifikasi', () => `action="/spj/${item.spj.id}/kembalikan"`],
  ['queue, plan', () => '/antrian', () => `value="plan:${item.plan.id}"`],
  ['queue, tranche', () => '/antrian', () => `value="tranche:${item.tranche.id}"`],
  ['plan page', () => `/rt/${item.plan.rtId}/rencana?tahun=${item.plan.year}`, () => `action="/rencana/${item.plan.id}/setujui"`],
  ['tranche page', () => `/rt/${item.tranche.rtId}/pencairan?tahun=${item.tranche.year}`, () => `action="/pencairan/${item.tranche.id}/setujui"`],
  ['receipts page', () => `/rt/${item.receipt.rtId}/kuitansi?tahun=${item.receipt.year}`, () => `href="/verifikasi#kuitansi-${item.receipt.id}"`],
];

describe('decide buttons: pages × barred / not barred', () => {
  it.each(pages)('%s: the other treasurer sees the decide control, no note', async (_name, path, control) => {
    const res = await who.free.agent.get(path());
    expect(res.status).toBe(200);
    expect(res.text).toContain(control());
    expect(text(res.text)).not.toContain('Anda tidak dapat memutuskan');
  });

  it.each(pages)('%s: the barred treasurer sees no decide control, but the note since and until when', async (_name, path, control) => {
    const res = await who.barred.agent.get(path());
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(control());
    expect(text(res.text)).toContain(NOTE);
  });
});

describe('the pages and the decision ask the same rule', () => {
  it('the barred treasurer deciding anyway is refused (409) with the same end date; the other one may', async () => {
    const refused = await who.barred.agent.post(`/kuitansi/${item.receipt.id}/verifikasi`).type('form').send({ _csrf: who.barred.csrf });
    expect(refused.status).toBe(409);
    expect(text(refused.text)).toContain('5 Januari 2027');
    expect(s.receipts.find(item.receipt.id)!.status).toBe('pending');
    const plan = await who.barred.agent.post(`/rencana/${item.plan.id}/setujui`).type('form').send({ _csrf: who.barred.csrf });
    expect(plan.status).toBe(409);
    const tranche = await who.barred.agent.post(`/pencairan/${item.tranche.id}/setujui`).type('form').send({ _csrf: who.barred.csrf });
    expect(tranche.status).toBe(409);
  });

  it('the queue keeps its approve button while one item is hers to decide, and drops it when none is', async () => {
    const queue = readQueue(s, toActor(s.users.findByUsername('bendahara.pleburan')!));
    const res = await who.barred.agent.get('/antrian');
    expect(queue.anyDecidable).toBe([...queue.plans, ...queue.tranches].some((i) => i.canDecide));
    expect(res.text.includes('Setujui yang dipilih')).toBe(queue.anyDecidable);
    // Every item the barred treasurer cannot pick is one of the barred RTs'.
    const barredRts = new Set(Object.values(item).map((i) => i.rtId));
    for (const i of [...queue.plans, ...queue.tranches]) expect(i.canDecide).toBe(!barredRts.has(i.rtId));
  });
});

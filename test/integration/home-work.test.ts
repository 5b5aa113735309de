/**
 * Issue 19 item 3 (helper 19b): the homes start with what needs the user, and the menu carries
 * the counts. Replayed through HTTP on the seeded demo (Kelurahan Pleburan), each count checked
 * against the read model that lists the same items (the queue, the approval queue, the receipts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toActor } from '../../src/db/user-repository';
import { readQueue } from '../../src/app/read-queue';
import { readApprovalQueue } from '../../src/app/read-approvals';
import { seededApp, signedIn, type Services } from '../helpers/http';
import { aUser } from '../builders';

const PLEBURAN = '3374050005';
let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
const actorOf = (username: string) => toActor(s.users.findByUsername(username)!);
/** The text of the page without tags, spaces collapsed. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The count on the menu item of a page, in the wide menu (null: no badge). */
const badge = (html: string, href: string) => {
  const wide = html.slice(html.indexOf('nav-wide'), html.indexOf('nav-narrow'));
  const m = new RegExp(`<a href="${href.replace(/[?]/g, '\\$&')}"[^>]*>[^<]*<span class="nav-count">(\\d+)`).exec(wide);
  return m ? Number(m[1]) : null;
};
/** The count of a line of the "menunggu tindakan" summary. */
const line = (html: string, kind: string) => {
  const m = new RegExp(`data-kind="${kind}"><span class="work-count">(\\d+)</span>([^<]*)`).exec(html);
  return m ? Number(m[1]) : null;
};

beforeAll(async () => {
  ({ s, app } = await seededApp({}, () => new Date('2026-12-06T03:00:00Z')));
});

describe('the chair home: perlu tindakan', () => {
  it('starts with the returned receipt, its reason and a link to fix it; the SPJs owed with days left; the lapse; the tranche timeline; category names', async () => {
    const { home } = await signedIn(app, 'ketua.pleburan');
    const rtId = actorOf('ketua.pleburan').rtId!;
    const returned = s.receipts.ofRt(rtId, 2026).filter((r) => r.status === 'returned');
    expect(returned.length).toBeGreaterThan(0);
    const page = text(home.text);
    // "Perlu tindakan" comes before the RT's card.
    expect(home.text.indexOf('Perlu tindakan')).toBeLessThan(home.text.indexOf('<h1>RT 001 / RW 001</h1>'));
    for (const r of returned) {
      expect(home.text).toContain(`href="/kuitansi/${r.id}"`);
      expect(page).toContain(r.note!);
    }
    // SPJ November 2026 is due 10 December: 4 days from 6 December.
    expect(page).toMatch(/SPJ November 2026 · batas 10 Desember 2026 · 4 hari lagi/);
    // The lapse from the ledger's figures, not a constant.
    const m = s.balances.ofRt(2026, rtId);
    const unspent = (m.undrawn + m.transit + m.cash).toLocaleString('id-ID');
    expect(page).toContain(`Rp${unspent} akan hangus 31 Desember 2026`);
    expect(page).toMatch(/Agustus 2026 · Rp1\.800\.000 Dibayar Diajukan 1 Agustus 2026 Diverifikasi bendahara kelurahan .* Dalam transfer .* Diterima 6 Agustus 2026/);
    expect(page).toContain('Kegiatan sosial kemasyarakatan');
    expect(home.text).not.toMatch(/<span class="mono">SOS<\/span>/);
  });

  it('the menu counts the returned items on "Belanja & SPJ", once per page, and each page appears once', async () => {
    const { home } = await signedIn(app, 'ketua.pleburan');
    const rtId = actorOf('ketua.pleburan').rtId!;
    expect(badge(home.text, `/rt/${rtId}/kuitansi`)).toBe(s.work.returnedOfRt(rtId));
    const wide = home.text.slice(home.text.indexOf('nav-wide'), home.text.indexOf('nav-narrow'));
    const hrefs = [...wide.matchAll(/<a href="([^"]+)"/g)].map((x) => x[1]);
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });

  it('a returned plan is listed with its reason and a link to the plan, whose page carries the thread', async () => {
    const [rtId] = [...s.plans.latestStatusOfKelurahan(PLEBURAN, 2026)].find(([, st]) => st === 'returned')!;
    await aUser(s, { username: 'ketua.rap.kembali', role: 'ketua_rt', rtId });
    const { home, agent } = await signedIn(app, 'ketua.rap.kembali');
    const plan = s.plans.versions(rtId, 2026)[0]!;
    expect(home.text).toContain(`RAP 2026 versi ${plan.version}`);
    expect(text(home.text)).toContain(plan.note!);
    expect(home.text).toContain(`href="/rt/${rtId}/rencana?tahun=2026"`);
    const page = await agent.get(`/rt/${rtId}/rencana?tahun=2026`);
    expect(page.text).toContain(`action="/komentar/rencana/${plan.id}"`);
  });

  it('an RT with nothing returned and no money drawn says there is nothing to do', async () => {
    const { home } = await signedIn(app, 'ketua.rw01.pleburan');
    const page = text(home.text);
    expect(page).toContain('Perlu tindakan');
    if (!s.work.returnedOfRt(actorOf('ketua.rw01.pleburan').rtId!)) expect(badge(home.text, `/rt/${actorOf('ketua.rw01.pleburan').rtId}/kuitansi`)).toBeNull();
  });
});

describe('the officials: counts on the home and in the menu', () => {
  it('the treasurer: receipts and SPJs waiting, and plans and tranches waiting for her step, as her queue lists them', async () => {
    const { home } = await signedIn(app, 'bendahara.pleburan');
    const queue = readQueue(s, actorOf('bendahara.pleburan'));
    const receipts = s.receipts.pendingOfKelurahan(PLEBURAN).length;
    const spj = s.receipts.spjOfKelurahan(PLEBURAN, 2026, ['submitted']).length + s.receipts.spjOfKelurahan(PLEBURAN, 2025, ['submitted']).length;
    expect(receipts).toBeGreaterThan(0);
    expect(line(home.text, 'receipts')).toBe(receipts);
    expect(line(home.text, 'spj')).toBe(spj);
    expect(line(home.text, 'plans')).toBe(queue.plans.length);
    expect(line(home.text, 'tranches')).toBe(queue.tranches.length);
    expect(badge(home.text, '/verifikasi')).toBe(receipts + spj || null);
    // Her queue lists all four kinds: its menu count is the queue's total (checked against its page below).
    expect(badge(home.text, '/antrian')).toBe(queue.counts.total);
    // The oldest waiting receipt's age in days.
    const oldest = s.receipts.pendingOfKelurahan(PLEBURAN)[0]!.receipt.submittedAt;
    const days = Math.floor((Date.parse('2026-12-06') - Date.parse(oldest.slice(0, 10))) / 86_400_000);
    expect(text(home.text)).toContain(`Kuitansi menunggu verifikasi · tertua ${days} hari`);
  });

  it('the treasurer with items of every kind waiting: the "Antrian" count in the menu is the M of the queue page\'s "Menampilkan N dari M", on every page', async () => {
    const { agent } = await signedIn(app, 'bendahara.pleburan');
    const queue = readQueue(s, actorOf('bendahara.pleburan'));
    // Every kind waits (the demo's Pleburan: receipts, SPJs, plans and tranches at her step).
    for (const [kind, rows] of Object.entries({ receipts: queue.receipts, spjs: queue.spjs, plans: queue.plans, tranches: queue.tranches })) expect(rows.length, kind).toBeGreaterThan(0);
    const page = await agent.get('/antrian');
    const shown = /Menampilkan <strong[^>]*>(\d+)<\/strong> dari (\d+) butir/.exec(page.text);
    expect(shown).not.toBeNull();
    const total = Number(shown![2]);
    expect(total).toBe(queue.receipts.length + queue.spjs.length + queue.plans.length + queue.tranches.length);
    for (const path of ['/', '/antrian', '/verifikasi', `/wilayah/kelurahan/${PLEBURAN}`]) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(200);
      expect(badge(res.text, '/antrian'), path).toBe(total);
    }
    // Narrowed, the page shows fewer; the total (and the menu) stay the whole queue.
    const narrowed = await agent.get('/antrian?jenis=spj');
    expect(/Menampilkan <strong[^>]*>(\d+)<\/strong> dari (\d+) butir/.exec(narrowed.text)!.slice(1).map(Number)).toEqual([queue.spjs.length, total]);
    expect(badge(narrowed.text, '/antrian')).toBe(total);
  });

  it.each([
    ['lurah.pleburan'],
    ['camat.semarangselatan'],
  ])('%s: what waits for the step, as the approval queue lists it', async (username) => {
    const { home } = await signedIn(app, username);
    const queue = readApprovalQueue(s, actorOf(username));
    expect(line(home.text, 'steps')).toBe(queue.items.length);
    expect(badge(home.text, '/persetujuan')).toBe(queue.items.length || null);
  });

  it('the admin: the city\'s counts per step, no badges', async () => {
    const { home } = await signedIn(app, 'admin');
    const page = text(home.text);
    expect(page).toContain('Menunggu tindakan');
    expect(line(home.text, 'receipts')).toBe(s.work.pendingReceipts({}).count);
    expect(page).toContain('RAP menunggu (menunggu bendahara kelurahan)');
    expect(home.text.slice(home.text.indexOf('nav-wide'), home.text.indexOf('nav-narrow'))).not.toContain('nav-count');
  });

  it('BPKAD: its counts, and its table of kelurahan to pay still lists each kelurahan by name (the counts once replaced it)', async () => {
    const { home } = await signedIn(app, 'bpkad');
    const rows = [...home.text.matchAll(/<a href="\/kelurahan\/(\d{10})\/bank">([^<]*)<\/a>/g)];
    expect(rows.length).toBeGreaterThan(0);
    for (const [, code, name] of rows) expect(name, code).toBe(s.registry.findKelurahan(code!)!.name);
  });

  it('an auditor has no counts and no badges', async () => {
    const { home } = await signedIn(app, 'auditor');
    expect(home.text).not.toContain('Menunggu tindakan');
    expect(home.text).not.toContain('nav-count');
  });
});

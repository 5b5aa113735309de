/**
 * Accounts at city scale (issue 19, item 7), replayed through HTTP: the kelurahan treasurer
 * creates and resets her RTs' officers' accounts with a temporary password shown once on a
 * printable slip; she may not touch other kelurahan (404) or other roles (403), a chair may not
 * issue at all (403); whoever issued a temporary password may not decide that RT's items for 30
 * days (409), and `verify` finds a decision that slipped past the rule in the audit log.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toActor } from '../../src/db/user-repository';
import { verifyLedger } from '../../src/app/verify-ledger';
import { verifyPassword } from '../../src/app/passwords';
import { aKelurahan, aRt, aUser } from '../builders';
import type { Services } from '../helpers/db';
import { binary, seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';

let s: Services;
let clock: Date;
let app: Parameters<typeof signedIn>[0];
const who = {} as Record<'bendahara' | 'bendaharaWonodri' | 'ketua' | 'admin' | 'lurah', { agent: Agent; csrf: string }>;

const post = (w: keyof typeof who, path: string, body: Record<string, string> = {}) => who[w].agent.post(path).type('form').send({ _csrf: who[w].csrf, ...body });
const slipPassword = (html: string) => /class="mono slip-secret">([a-z0-9-]{14})</g.exec(html.split('Kata sandi sementara')[1] ?? '')?.[1];

beforeAll(async () => {
  clock = new Date('2026-11-28T03:00:00Z');
  const seeded = await seededApp({}, () => clock);
  s = seeded.s;
  app = seeded.app;
  await aUser(s, { username: 'bendahara.wonodri', role: 'bendahara', kelurahanCode: WONODRI });
  for (const [k, u] of [['bendahara', 'bendahara.pleburan'], ['bendaharaWonodri', 'bendahara.wonodri'], ['ketua', 'ketua.pleburan'], ['admin', 'admin'], ['lurah', 'lurah.pleburan']] as const) {
    who[k] = await signedIn(app, u);
  }
}, 120_000);

describe('who may issue a temporary password to whom (abuse table first)', () => {
  const userId = (username: string) => s.users.findByUsername(username)!.id;
  const cases: Array<[string, number, keyof typeof who, () => string]> = [
    ['the treasurer of another kelurahan resets a Pleburan chair', 404, 'bendaharaWonodri', () => `/akun-rt/${userId('ketua.pleburan')}/reset`],
    ['the treasurer resets the admin', 404, 'bendahara', () => `/akun-rt/${userId('admin')}/reset`],
    ['the treasurer resets the lurah of her own kelurahan', 403, 'bendahara', () => `/akun-rt/${userId('lurah.pleburan')}/reset`],
    ['the treasurer resets herself', 409, 'bendahara', () => `/akun-rt/${userId('bendahara.pleburan')}/reset`],
    ['the treasurer resets another kelurahan’s treasurer', 404, 'bendahara', () => `/akun-rt/${userId('bendahara.wonodri')}/reset`],
    ['a chair resets a fellow officer', 403, 'ketua', () => `/akun-rt/${userId('sekretaris.rt001.pleburan')}/reset`],
    ['the lurah resets a chair', 403, 'lurah', () => `/akun-rt/${userId('ketua.pleburan')}/reset`],
    ['an unknown account', 404, 'bendahara', () => '/akun-rt/999999/reset'],
    ['the treasurer opens another kelurahan’s accounts page', 404, 'bendahara', () => `/kelurahan/${WONODRI}/akun/massal`],
    ['a chair asks for the bulk letters', 403, 'ketua', () => `/kelurahan/${PLEBURAN}/akun/massal`],
  ];
  it.each(cases)('%s → %i, nothing changes', async (_name, status, w, path) => {
    const before = JSON.stringify(s.users.list().map((u) => [u.id, u.passwordHash]));
    const res = await post(w, path());
    expect(res.status).toBe(status);
    expect(JSON.stringify(s.users.list().map((u) => [u.id, u.passwordHash]))).toBe(before);
  });

  it('a treasurer cannot create an account for another kelurahan’s RT nor a treasurer’s account', async () => {
    const wonodriRt = s.registry.findRtByNumbers(WONODRI, 1, 1)!.id;
    const pleburanRt = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
    expect((await post('bendahara', `/kelurahan/${PLEBURAN}/akun`, { rtId: String(wonodriRt), role: 'ketua_rt', displayName: 'Ketua Lain' })).status).toBe(404);
    expect((await post('bendahara', `/kelurahan/${PLEBURAN}/akun`, { rtId: String(pleburanRt), role: 'bendahara', displayName: 'Bendahara Palsu' })).status).toBe(422);
  });
});

describe('a temporary password and the 30-day conflict rule', () => {
  it('the treasurer resets her chair: slip shown once, password hashed, audited without it, must change, owner told', async () => {
    const chair = s.users.findByUsername('ketua.pleburan')!;
    const res = await post('bendahara', `/akun-rt/${chair.id}/reset`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const temporary = slipPassword(res.text)!;
    expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const after = s.users.findById(chair.id)!;
    expect(after.mustChangePassword).toBe(true);
    expect(after.passwordHash).not.toContain(temporary);
    expect(await verifyPassword(temporary, after.passwordHash)).toBe(true);
    const rows = s.db.sqlite.prepare(`SELECT summary FROM audit_log WHERE action = 'user.reset_password' AND target_id = ?`).all(String(chair.id)) as Array<{ summary: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).not.toContain(temporary);
    const told = s.notifications.listFor(chair.id, 10).find((n) => n.kind === 'password_issued')!;
    expect(told.payload).toContain('"conflictUntil":"2026-12-28"');
    // The chair signs in with it and is sent to change it.
    const { agent, csrf } = await (await import('../helpers/http')).anonymous(app);
    const login = await agent.post('/login').type('form').send({ _csrf: csrf, username: chair.username, password: temporary });
    expect(login.headers.location).toBe('/akun/password');
  });

  it('she may not decide that RT’s items for 30 days (409); another RT’s are hers to decide; after 30 days she may again', async () => {
    // The RW grantee's chair (the seed leaves a receipt of hers pending): the treasurer resets her password.
    const chair = s.users.findByUsername('ketua.rw01.pleburan')!;
    expect((await post('bendahara', `/akun-rt/${chair.id}/reset`)).status).toBe(200);
    const pending = s.receipts.pendingOfKelurahan(PLEBURAN);
    const own = pending.find((p) => p.receipt.rtId === chair.rtId);
    const other = pending.find((p) => p.receipt.rtId !== chair.rtId);
    expect(own && other).toBeTruthy();
    const refused = await post('bendahara', `/kuitansi/${own!.receipt.id}/verifikasi`);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('28 Desember 2026');
    expect(s.receipts.find(own!.receipt.id)!.status).toBe('pending');
    const returned = await post('bendahara', `/kuitansi/${own!.receipt.id}/kembalikan`, { note: 'Foto nota buram.' });
    expect(returned.status).toBe(409);
    expect((await post('bendahara', `/kuitansi/${other!.receipt.id}/kembalikan`, { note: 'Foto nota buram.' })).status).toBe(303);
    clock = new Date('2026-12-28T03:00:01Z');
    expect((await post('bendahara', `/kuitansi/${own!.receipt.id}/kembalikan`, { note: 'Foto nota buram.' })).status).toBe(303);
    clock = new Date('2026-11-28T03:00:00Z');
    // Her session ended with the jump of a month (absolute lifetime): she signs in again for what follows.
    who.bendahara = await signedIn(app, 'bendahara.pleburan');
  });

  it('verify replays the rule from the audit log: a decision forged past it is named', () => {
    expect(verifyLedger(s, [], { evidence: false }).problems.filter((p) => p.includes('kata sandi sementara'))).toEqual([]);
    const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
    const chair = s.users.findByUsername('ketua.rw01.pleburan')!;
    const receipt = s.db.sqlite.prepare(`SELECT id FROM receipts WHERE rt_id = ? LIMIT 1`).get(chair.rtId) as { id: number };
    // A decision written straight into the log (as if the rule had been bypassed), 3 days after the reset.
    s.auditAt(() => new Date('2026-12-01T03:00:00Z')).record(bendahara, null, { action: 'receipt.verify', targetType: 'receipt', targetId: receipt.id, kelurahanCode: PLEBURAN, after: { status: 'verified' } });
    const problems = verifyLedger(s, [], { evidence: false }).problems.filter((p) => p.includes('kata sandi sementara'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`receipt #${receipt.id}`);
  });
});

describe('creating accounts: one, and the whole kelurahan in bulk with one letter per RT', () => {
  it('the treasurer creates a secretary’s account for one RT: slip with username and password', async () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!;
    const res = await post('bendahara', `/kelurahan/${PLEBURAN}/akun`, { rtId: String(rt.id), role: 'sekretaris_rt', displayName: 'Siti Aminah' });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`sekretaris.${PLEBURAN}.1.2`);
    const u = s.users.findByUsername(`sekretaris.${PLEBURAN}.1.2`)!;
    expect(u.rtId).toBe(rt.id);
    expect(await verifyPassword(slipPassword(res.text)!, u.passwordHash)).toBe(true);
  });

  it('the admin creates every officer’s account of a kelurahan at once: one PDF page per RT, streamed, nothing kept', async () => {
    // A small kelurahan fresh from the RT import (three RTs): scrypt makes each account cost a hash.
    const KECIL = aKelurahan(s, { code: '3374050098', name: 'Kecil' });
    for (const rt of [1, 2, 3]) aRt(s, { kelurahanCode: KECIL, rw: 1, rt, chairName: `Ketua ${rt}` });
    const rts = s.registry.activeRts(KECIL);
    const before = new Set(s.accounts.rtOfficersOf(KECIL).map((u) => u.id));
    // One RT's import names its secretary and treasurer too: they get accounts on the same letter.
    const named = rts.find((rt) => !s.accounts.rtOfficersOf(KECIL).some((u) => u.rtId === rt.id))!;
    s.db.sqlite.prepare(`UPDATE rt SET secretary_name = 'Sri Lestari', treasurer_name = 'Wahyu Hidayat' WHERE id = ?`).run(named.id);
    const res = await post('admin', `/kelurahan/${KECIL}/akun/massal`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['cache-control']).toContain('no-store');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const created = s.accounts.rtOfficersOf(KECIL).filter((u) => !before.has(u.id));
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBe(new Set(created.map((u) => u.rtId)).size);
    expect(created.filter((u) => u.rtId === named.id).map((u) => u.role).sort()).toEqual(['bendahara_rt', 'ketua_rt', 'sekretaris_rt']);
    expect(s.accounts.rtOfficersOf(KECIL).filter((u) => u.role === 'ketua_rt').length).toBe(rts.length);
    expect(created.every((u) => u.mustChangePassword)).toBe(true);
    expect(s.audit.count('user.bulk_create')).toBe(1);
    // A second run creates nothing more (every named officer has an account).
    expect((await post('admin', `/kelurahan/${KECIL}/akun/massal`)).status).toBe(409);
  }, 300_000);
});

describe('phones and e-mails: the user’s own, her treasurer and the admin only', () => {
  it('an RT officer saves her contact (validated); her treasurer and the admin see it, another kelurahan’s treasurer and the lurah do not', async () => {
    // The chair's password was reset above (her sessions ended): her secretary does it.
    who.ketua = await signedIn(app, 'sekretaris.rt001.pleburan');
    const bad = await post('ketua', '/akun/kontak', { phone: '0212345678', email: 'bukan-email' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="0212345678"');
    expect((await post('ketua', '/akun/kontak', { phone: '0812-7777-1234', email: 'Ketua@Contoh.id', inAppOn: '1', emailOn: '1' })).status).toBe(303);
    const chair = s.users.findByUsername('sekretaris.rt001.pleburan')!;
    expect(s.notifications.contactOf(chair.id)).toMatchObject({ phone: '+6281277771234', email: 'ketua@contoh.id', emailOff: false, whatsappOff: true, inAppOff: false });
    const audit = s.db.sqlite.prepare(`SELECT summary FROM audit_log WHERE action = 'user.contact'`).all() as Array<{ summary: string }>;
    expect(audit.map((a) => a.summary).join()).not.toContain('7777');
    expect((await who.bendahara.agent.get(`/kelurahan/${PLEBURAN}/akun`)).text).toContain('+6281277771234');
    expect((await who.admin.agent.get(`/kelurahan/${PLEBURAN}/akun`)).text).toContain('+6281277771234');
    expect((await who.bendaharaWonodri.agent.get(`/kelurahan/${PLEBURAN}/akun`)).status).toBe(404);
    expect((await who.lurah.agent.get(`/kelurahan/${PLEBURAN}/akun`)).status).toBe(403);
    for (const page of ['/', `/rt/${chair.rtId}`, `/rt/${chair.rtId}/profil`]) {
      expect((await who.lurah.agent.get(page)).text).not.toContain('7777');
    }
  });
});

/** Sign-in, sessions, CSRF, lockout and user management through HTTP. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { GENERIC_LOGIN_ERROR } from '../../src/app/sign-in';
import { anonymous, csrfFrom, DEMO_PASSWORD, seededApp, sessionCookie, signedIn } from '../helpers/http';

describe('sign-in', () => {
  it.each([
    ['admin', /Kota Semarang[\s\S]*Per kecamatan/],
    ['bendahara.pleburan', /Kelurahan Pleburan[\s\S]*Daftar RT/],
    ['ketua.pleburan', /RT 001 \/ RW 001[\s\S]*Alokasi 2026/],
    ['auditor', /Kota Semarang[\s\S]*Per kecamatan/],
  ])('signs the demo user %s in and sends them to their own home', async (username, home) => {
    const { app } = await seededApp();
    const signed = await signedIn(app, username);
    expect(signed.home.status).toBe(200);
    expect(signed.home.text).toMatch(home);
  });

  it('gives the same message for an unknown user and a wrong password, keeps the username, never the password', async () => {
    const { app } = await seededApp();
    const { agent, csrf } = await anonymous(app);
    const wrong = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: 'salah-sekali' });
    const unknown = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'tidak.ada', password: 'salah-sekali' });
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(422);
      expect(r.text).toContain(GENERIC_LOGIN_ERROR);
      expect(r.text).not.toContain('salah-sekali');
    }
    expect(unknown.text).toContain('value="tidak.ada"');
  });

  it('issues a new session id at sign-in (no fixation) and ends it at logout', async () => {
    const { app } = await seededApp();
    const { agent, csrf } = await anonymous(app);
    const planted = 'dana_rt_sid=planted-by-attacker';
    const res = await agent.post('/login').set('Cookie', planted).type('form').send({ _csrf: csrf, username: 'admin', password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    const cookie = sessionCookie(res)!;
    expect(cookie).toBeDefined();
    expect(cookie).not.toContain('planted');
    expect(res.headers['set-cookie']!.toString()).toMatch(/HttpOnly/i);
    expect(res.headers['set-cookie']!.toString()).toMatch(/SameSite=Lax/i);

    const again = await anonymous(app);
    const second = await again.agent.post('/login').type('form').send({ _csrf: again.csrf, username: 'admin', password: DEMO_PASSWORD });
    expect(sessionCookie(second)).not.toBe(cookie);

    const home = await request(app).get('/admin/pengguna').set('Cookie', cookie);
    expect(home.status).toBe(200);
    const token = csrfFrom(home.text);
    const out = await request(app).post('/logout').set('Cookie', cookie).type('form').send({ _csrf: token });
    expect(out.status).toBe(303);
    const replay = await request(app).get('/admin/pengguna').set('Cookie', cookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toMatch(/^\/login/);
  });

  it('locks the account after repeated failures, and the lock holds even with the right password', async () => {
    const { app, s } = await seededApp({ loginLockAfter: 3 });
    const { agent, csrf } = await anonymous(app);
    for (let i = 0; i < 3; i++) {
      await agent.post('/login').type('form').send({ _csrf: csrf, username: 'auditor', password: `salah-${i}` });
    }
    const locked = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'auditor', password: DEMO_PASSWORD });
    // Too many attempts: 429, on the sign-in form with the time the lock ends.
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('dikunci sementara');
    expect(s.audit.count('auth.login_failed')).toBe(3);
    expect(s.audit.count('auth.login_locked')).toBe(1);
    // Unknown usernames are throttled the same way, so the lock reveals nothing.
    for (let i = 0; i < 3; i++) await agent.post('/login').type('form').send({ _csrf: csrf, username: 'hantu', password: 'x' });
    const ghost = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'hantu', password: 'x' });
    expect(ghost.text).toContain('dikunci sementara');
  });

  it('ends a deactivated user’s live session at once', async () => {
    const { app, s } = await seededApp();
    const ketua = await signedIn(app, 'ketua.pleburan');
    const admin = await signedIn(app, 'admin');
    const id = s.users.findByUsername('ketua.pleburan')!.id;
    const r = await admin.agent.post(`/admin/pengguna/${id}/status`).type('form').send({ _csrf: admin.csrf, active: '0' });
    expect(r.status).toBe(303);
    const after = await ketua.agent.get('/');
    expect(after.text).toContain('Masuk ke Dana RT'.slice(0, 5));
    expect(after.text).not.toContain('Alokasi 2026');
    const relogin = await anonymous(app);
    const denied = await relogin.agent.post('/login').type('form').send({ _csrf: relogin.csrf, username: 'ketua.pleburan', password: DEMO_PASSWORD });
    expect(denied.status).toBe(422);
    expect(denied.text).toContain(GENERIC_LOGIN_ERROR);
  });

  it('expires an idle session', async () => {
    let now = new Date('2026-11-28T03:00:00Z');
    const { app } = await seededApp({ sessionIdleMinutes: 30 }, () => now);
    const { agent } = await signedIn(app, 'admin');
    now = new Date(now.getTime() + 31 * 60_000);
    const r = await agent.get('/admin/pengguna');
    expect(r.status).toBe(303);
  });
});

describe('CSRF', () => {
  const RT_EDIT = { chairName: 'Penyusup', bankAccount: '2000000000' };
  it.each<[string, 'admin' | 'nobody', (rtId: number) => string, Record<string, string>]>([
    ['an RT edit without a token', 'admin', (id) => `/rt/${id}/ubah`, RT_EDIT],
    ['an RT edit with a forged token', 'admin', (id) => `/rt/${id}/ubah`, { ...RT_EDIT, _csrf: 'x'.repeat(32) }],
    ['a sign-in without the login form', 'nobody', () => '/login', { username: 'admin', password: DEMO_PASSWORD }],
  ])('refuses %s with 403 and changes nothing', async (_what, who, path, body) => {
    const { app, s } = await seededApp();
    const rt = s.registry.findRtByNumbers('3374050005', 1, 2)!;
    const agent = who === 'admin' ? (await signedIn(app, 'admin')).agent : request.agent(app);
    const sessions = s.db.sqlite.prepare('SELECT COUNT(*) AS n FROM sessions');
    const before = sessions.get();
    const r = await agent.post(path(rt.id)).type('form').send(body);
    expect(r.status).toBe(403);
    expect(s.registry.findRt(rt.id)).toEqual(rt);
    expect(sessions.get()).toEqual(before);
  });
});

describe('passwords', () => {
  it('admin creates a user who must change the temporary password first; reset ends sessions', async () => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const created = await admin.agent.post('/admin/pengguna/baru').type('form').send({
      _csrf: admin.csrf, username: 'bendahara.wonodri', displayName: 'Sri Rahayu', role: 'bendahara', kelurahanCode: '3374050006', password: 'sementara-123',
    });
    expect(created.status).toBe(303);
    const u = await anonymous(app);
    const login = await u.agent.post('/login').type('form').send({ _csrf: u.csrf, username: 'bendahara.wonodri', password: 'sementara-123' });
    expect(login.headers.location).toBe('/akun/password');
    const blocked = await u.agent.get('/wilayah/kelurahan/3374050006');
    expect(blocked.headers.location).toBe('/akun/password');
    const page = await u.agent.get('/akun/password');
    const token = csrfFrom(page.text);
    const weak = await u.agent.post('/akun/password').type('form').send({ _csrf: token, currentPassword: 'sementara-123', newPassword: 'pendek', confirmPassword: 'pendek' });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('Minimal 10 karakter');
    const ok = await u.agent.post('/akun/password').type('form').send({ _csrf: token, currentPassword: 'sementara-123', newPassword: 'kuat-dan-panjang-1', confirmPassword: 'kuat-dan-panjang-1' });
    expect(ok.status).toBe(303);
    expect((await u.agent.get('/wilayah/kelurahan/3374050006')).status).toBe(200);

    const id = s.users.findByUsername('bendahara.wonodri')!.id;
    const reset = await admin.agent.post(`/admin/pengguna/${id}/reset`).type('form').send({ _csrf: admin.csrf });
    expect(reset.status).toBe(303);
    expect((await u.agent.get('/wilayah/kelurahan/3374050006')).status).toBe(303);
    expect(s.users.findByUsername('bendahara.wonodri')!.mustChangePassword).toBe(true);
    expect(s.audit.count('user.reset_password')).toBe(1);
  });

  it('re-renders the new-user form with 422, the input kept and messages beside the fields', async () => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const before = s.users.count();
    const r = await admin.agent.post('/admin/pengguna/baru').type('form').send({
      _csrf: admin.csrf, username: 'Ketua Baru!', displayName: 'Nama <b>Tebal</b>', role: 'ketua_rt', kelurahanCode: '3374050005', rwNumber: 'x', rtNumber: '2', password: 'x',
    });
    expect(r.status).toBe(422);
    expect(r.text).toContain('value="Nama &lt;b&gt;Tebal&lt;/b&gt;"');
    expect(r.text).toContain('Nomor RW harus angka 1–999.');
    expect(s.users.count()).toBe(before);
  });
});

describe('security headers', () => {
  it.each(['/', '/login', '/tidak-ada', '/assets/app.css'])('sends CSP, frame-ancestors, nosniff and a referrer policy on %s', async (path) => {
    const { app } = await seededApp();
    const r = await request(app).get(path);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('same-origin');
  });

  it('answers unknown pages with an Indonesian 404 and malformed bodies with 4xx, never 500', async () => {
    const { app } = await seededApp();
    const nf = await request(app).get('/tidak-ada');
    expect(nf.status).toBe(404);
    expect(nf.text).toContain('Tidak ditemukan');
    const admin = await signedIn(app, 'admin');
    const huge = await admin.agent.post('/rt/1/ubah').type('form').send(`_csrf=${admin.csrf}&chairName=${'x'.repeat(70_000)}`);
    expect(huge.status).toBe(413);
    const badId = await admin.agent.get('/rt/abc');
    expect(badId.status).toBe(404);
    const proto = await admin.agent.post('/rt/1/ubah').type('form').send(`_csrf=${admin.csrf}&__proto__=x&chairName=A&chairName=B&bankAccount=2000000000`);
    expect(proto.status).toBe(422);
  });
});

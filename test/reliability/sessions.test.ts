/**
 * Sessions and sign-in, attacked through the real HTTP app (createApp under supertest, and the
 * real server process for what depends on it: TRUST_PROXY and the cookies behind https).
 * test/integration/auth.test.ts holds the basics (a planted junk cookie, GET replay after
 * logout, a deactivated user's GET, a sequential lockout, four security-header paths); this
 * file goes further: a planted VALID session and a planted pre-session token, replayed
 * writes and downloads, parallel guessing, lock expiry and reset, a stolen session table, and
 * the security headers on every kind of response.
 */
import fs from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/app/sign-in';
import { anonymous, binary, csrfFrom, DEMO_PASSWORD, seededApp, sessionCookie, signedIn } from '../helpers/http';

type App = Awaited<ReturnType<typeof seededApp>>['app'];
import { seededServices } from '../helpers/db';
import { startServer } from '../helpers/server';

const PLEBURAN = '3374050005';
const FULL = process.env.RELIABILITY === 'full';

/** Signs in and returns the bare session cookie ("dana_rt_sid=...") and the session's CSRF token: requests then carry exactly that cookie. */
async function signInRaw(app: App, username: string) {
  const { agent, csrf } = await anonymous(app);
  const res = await agent.post('/login').type('form').send({ _csrf: csrf, username, password: DEMO_PASSWORD });
  expect(res.status).toBe(303);
  const cookie = sessionCookie(res)!;
  const home = await request(app).get('/').set('Cookie', cookie);
  return { cookie, csrf: csrfFrom(home.text) };
}

describe('session fixation', () => {
  it('a pre-session token and a session id planted by an attacker never become part of the victim’s session', async () => {
    const { app, s } = await seededApp();
    // The attacker plants both cookies (say, from a sibling subdomain) and so knows the login form's token.
    const known = 'A'.repeat(32);
    const planted = `dana_rt_csrf=${known}; dana_rt_sid=attacker-chosen-id`;
    const form = await request(app).get('/login').set('Cookie', planted);
    expect(csrfFrom(form.text)).toBe(known);
    const login = await request(app).post('/login').set('Cookie', planted).type('form').send({ _csrf: known, username: 'admin', password: DEMO_PASSWORD });
    expect(login.status).toBe(303);
    const victim = sessionCookie(login)!;
    expect(victim).toMatch(/^dana_rt_sid=[A-Za-z0-9_-]{43}$/);
    expect(victim).not.toContain('attacker-chosen-id');
    // What the attacker knows is worth nothing: the planted id is no session, the planted token no longer passes CSRF.
    const asAttacker = await request(app).get('/admin/pengguna').set('Cookie', 'dana_rt_sid=attacker-chosen-id');
    expect(asAttacker.status).toBe(303);
    expect(asAttacker.headers.location).toMatch(/^\/login/);
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!;
    const forged = await request(app).post(`/rt/${rt.id}/ubah`).set('Cookie', `${victim}; dana_rt_csrf=${known}`).type('form')
      .send({ _csrf: known, chairName: 'Diganti penyerang', bankAccount: rt.bankAccount });
    expect(forged.status).toBe(403);
    expect(s.registry.findRt(rt.id)!.chairName).toBe(rt.chairName);
  });

  it('an attacker’s own valid session planted in the victim’s browser is ended when the victim signs in over it', async () => {
    const { app, s } = await seededApp();
    const attacker = await signInRaw(app, 'ketua.pleburan');
    // The victim's browser carries the attacker's cookie; the victim submits the sign-in form in it.
    const login = await request(app).post('/login').set('Cookie', attacker.cookie).type('form').send({ _csrf: attacker.csrf, username: 'bendahara.pleburan', password: DEMO_PASSWORD });
    expect(login.status).toBe(303);
    const victim = sessionCookie(login)!;
    expect(victim).not.toBe(attacker.cookie);
    // The planted session is gone: the attacker cannot ride on the victim's sign-in.
    const replay = await request(app).get('/').set('Cookie', attacker.cookie);
    expect(replay.text).not.toContain('Kelurahan Pleburan');
    expect(replay.text).not.toContain('RT 001 / RW 001');
    expect((await request(app).get('/antrian').set('Cookie', attacker.cookie)).status).toBe(303);
    expect((await request(app).get('/antrian').set('Cookie', victim)).status).toBe(200);
    expect(s.db.sqlite.prepare('SELECT COUNT(*) AS n FROM sessions WHERE id_hash = ?').get(hashToken(attacker.cookie.split('=')[1]!))).toEqual({ n: 0 });
  });

  it('the session table holds only hashes: a stolen table yields no usable cookie', async () => {
    const { app, s } = await seededApp();
    const admin = await signInRaw(app, 'admin');
    const token = admin.cookie.split('=')[1]!;
    const rows = s.db.sqlite.prepare('SELECT id_hash AS idHash FROM sessions').all() as Array<{ idHash: string }>;
    expect(rows.some((r) => r.idHash === token)).toBe(false);
    expect(rows.some((r) => r.idHash === hashToken(token))).toBe(true);
    for (const r of rows) {
      const stolen = await request(app).get('/admin/pengguna').set('Cookie', `dana_rt_sid=${r.idHash}`);
      expect(stolen.status).toBe(303);
    }
  });
});

describe('replay after logout', () => {
  it('the old cookie opens no page, no download, no evidence file, and writes nothing, even with its old CSRF token', async () => {
    const { app, s } = await seededApp();
    const { cookie, csrf } = await signInRaw(app, 'ketua.pleburan');
    const rtId = s.users.findByUsername('ketua.pleburan')!.rtId!;
    const sha = (s.db.sqlite.prepare('SELECT f.sha256 FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id WHERE r.rt_id = ? LIMIT 1').get(rtId) as { sha256: string }).sha256;
    expect((await request(app).get(`/rt/${rtId}/bku/pdf?tahun=2026`).set('Cookie', cookie)).status).toBe(200);
    expect((await request(app).get(`/berkas/${sha}`).set('Cookie', cookie)).status).toBe(200);

    // Sign-out is a POST with the session's token: a link or a forged form can neither sign anyone out nor keep them in.
    expect((await request(app).get('/logout').set('Cookie', cookie)).status).toBe(404);
    expect((await request(app).post('/logout').set('Cookie', cookie).type('form').send({ _csrf: 'x'.repeat(32) })).status).toBe(403);
    expect((await request(app).get('/').set('Cookie', cookie)).text).toContain('RT 001 / RW 001');
    const out = await request(app).post('/logout').set('Cookie', cookie).type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers['set-cookie']!.toString()).toMatch(/dana_rt_sid=;.*Expires=Thu, 01 Jan 1970/);

    const downloads = s.audit.count('bku.pdf');
    for (const path of [`/rt/${rtId}`, `/rt/${rtId}/bku/pdf?tahun=2026`, `/berkas/${sha}`, `/rt/${rtId}/kuitansi`]) {
      const r = await request(app).get(path).set('Cookie', cookie);
      expect(r.status, path).toBe(303);
      expect(r.headers.location, path).toMatch(/^\/login/);
      expect(r.headers['content-type'] ?? '', path).not.toMatch(/pdf|image/);
    }
    expect(s.audit.count('bku.pdf')).toBe(downloads);
    const receipts = s.receipts.ofRt(rtId, 2026).length;
    const upload = await request(app).post(`/rt/${rtId}/kuitansi`).set('Cookie', cookie).field('_csrf', csrf).field('year', '2026').field('amount', '1000');
    expect(upload.status).toBe(303);
    expect(upload.headers.location).toMatch(/^\/login/);
    expect(s.receipts.ofRt(rtId, 2026)).toHaveLength(receipts);
    const passwordHash = s.users.findByUsername('ketua.pleburan')!.passwordHash;
    const takeover = await request(app).post('/akun/password').set('Cookie', cookie).type('form')
      .send({ _csrf: csrf, currentPassword: DEMO_PASSWORD, newPassword: 'diambil-alih-123', confirmPassword: 'diambil-alih-123' });
    expect(takeover.status).toBe(303);
    expect(takeover.headers.location).toBe('/login?sesi=habis');
    expect(s.users.findByUsername('ketua.pleburan')!.passwordHash).toBe(passwordHash);
  });
});

describe('a deactivated user', () => {
  it('loses every live session at once: pages, downloads and writes; reactivation does not revive the old cookie', async () => {
    const { app, s } = await seededApp();
    const phone = await signInRaw(app, 'bendahara.pleburan');
    const laptop = await signInRaw(app, 'bendahara.pleburan');
    const admin = await signedIn(app, 'admin');
    const id = s.users.findByUsername('bendahara.pleburan')!.id;
    expect((await admin.agent.post(`/admin/pengguna/${id}/status`).type('form').send({ _csrf: admin.csrf, active: '0' })).status).toBe(303);
    expect(s.db.sqlite.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(id)).toEqual({ n: 0 });
    const pending = s.db.sqlite.prepare(`SELECT id FROM tranches WHERE status = 'pending' LIMIT 1`).get() as { id: number };
    for (const who of [phone, laptop]) {
      const page = await request(app).get('/antrian').set('Cookie', who.cookie);
      expect(page.status).toBe(303);
      const csv = await request(app).get(`/laporan/lpj/${PLEBURAN}/csv?tahun=2026`).set('Cookie', who.cookie);
      expect(csv.status).toBe(303);
      expect(csv.headers['content-type'] ?? '').not.toContain('csv');
      const approve = await request(app).post(`/pencairan/${pending.id}/setujui`).set('Cookie', who.cookie).type('form').send({ _csrf: who.csrf });
      expect(approve.status).toBe(303);
      expect(approve.headers.location).toMatch(/^\/login/);
    }
    expect(s.tranches.find(pending.id)!.status).toBe('pending');
    expect((await admin.agent.post(`/admin/pengguna/${id}/status`).type('form').send({ _csrf: admin.csrf, active: '1' })).status).toBe(303);
    expect((await request(app).get('/antrian').set('Cookie', phone.cookie)).status).toBe(303);
  });

  it('is shut out on the next request even if deactivated behind the application’s back (sessions left in the table)', async () => {
    const { app, s } = await seededApp();
    const ketua = await signInRaw(app, 'ketua.pleburan');
    const id = s.users.findByUsername('ketua.pleburan')!.id;
    s.users.setActive(id, false); // a direct update: the session rows are still there
    expect((s.db.sqlite.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(id) as { n: number }).n).toBeGreaterThan(0);
    const r = await request(app).get('/').set('Cookie', ketua.cookie);
    expect(r.text).not.toContain('RT 001 / RW 001');
    expect(s.db.sqlite.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(id)).toEqual({ n: 0 });
  });
});

describe('lockout', () => {
  it(`guesses sent in parallel cannot get past the limit (${FULL ? 60 : 15} at once, limit 5)`, async () => {
    // The account's lock is what is tried here: the per-address limit (its own test in
    // sign-in-abuse.test.ts) is off, or from one address it answers the 31st guess on before the lock does.
    const { app, s } = await seededApp({ loginLockAfter: 5, loginIpLimit: 0 });
    const guesses = FULL ? 60 : 15;
    const attempts = await Promise.all(
      Array.from({ length: guesses }, async (_, i) => {
        const { agent, csrf } = await anonymous(app);
        return agent.post('/login').type('form').send({ _csrf: csrf, username: 'auditor', password: `tebakan-${i}` });
      }),
    );
    // Five wrong passwords (422) and the rest refused by the lock (429), none let through.
    expect(attempts.filter((r) => r.status === 422)).toHaveLength(5);
    expect(attempts.filter((r) => r.status === 429)).toHaveLength(guesses - 5);
    // Each attempt is counted before its (slow, async) password check: exactly five are checked, the rest refused.
    expect(s.audit.count('auth.login_failed')).toBe(5);
    expect(s.audit.count('auth.login_failed') + s.audit.count('auth.login_locked')).toBe(guesses);
    expect(s.audit.count('auth.login')).toBe(0);
    const { agent, csrf } = await anonymous(app);
    const right = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'auditor', password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
    expect(right.text).toContain('dikunci sementara');
    expect(sessionCookie(right)).toBeUndefined();
  });

  it('the lock is on the username, however it is typed and from whichever browser', async () => {
    const { app } = await seededApp({ loginLockAfter: 3 });
    for (const username of ['Admin', ' ADMIN ', 'admin']) {
      const { agent, csrf } = await anonymous(app);
      expect((await agent.post('/login').type('form').send({ _csrf: csrf, username, password: 'salah' })).status).toBe(422);
    }
    const { agent, csrf } = await anonymous(app);
    const r = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: DEMO_PASSWORD });
    expect(r.text).toContain('dikunci sementara');
  });

  it('ends after LOGIN_LOCK_MINUTES, and a success resets the count', async () => {
    let now = new Date('2026-11-28T03:00:00Z');
    const { app } = await seededApp({ loginLockAfter: 3, loginLockMinutes: 15 }, () => now);
    const attempt = async (password: string) => {
      const { agent, csrf } = await anonymous(app);
      return agent.post('/login').type('form').send({ _csrf: csrf, username: 'ketua.pleburan', password });
    };
    for (let i = 0; i < 2; i++) expect((await attempt('salah')).status).toBe(422);
    expect((await attempt(DEMO_PASSWORD)).status).toBe(303); // resets the count
    for (let i = 0; i < 2; i++) expect((await attempt('salah')).status).toBe(422);
    expect((await attempt(DEMO_PASSWORD)).status).toBe(303); // still not locked: two failures since the success
    for (let i = 0; i < 3; i++) await attempt('salah');
    expect((await attempt(DEMO_PASSWORD)).text).toContain('dikunci sementara');
    now = new Date(now.getTime() + 14 * 60_000);
    expect((await attempt(DEMO_PASSWORD)).text).toContain('dikunci sementara');
    now = new Date(now.getTime() + 2 * 60_000);
    expect((await attempt(DEMO_PASSWORD)).status).toBe(303);
  });
});

/** What every response must carry, whatever produced it. */
function expectSecurityHeaders(r: request.Response, what: string, opts: { evidence?: boolean; signedIn?: boolean } = {}) {
  const csp = String(r.headers['content-security-policy'] ?? '');
  expect(csp, what).toMatch(opts.evidence ? /default-src 'none'/ : /default-src 'self'/);
  expect(csp, what).toMatch(opts.evidence ? /frame-ancestors 'self'/ : /frame-ancestors 'none'/);
  expect(/script-src[^;]*/.exec(csp)?.[0] ?? '', what).not.toContain('unsafe');
  expect(r.headers['x-content-type-options'], what).toBe('nosniff');
  expect(r.headers['referrer-policy'], what).toMatch(/^(same-origin|no-referrer|strict-origin(-when-cross-origin)?)$/);
  expect(r.headers['x-frame-options'], what).toMatch(/^(DENY|SAMEORIGIN)$/);
  expect(r.headers['x-powered-by'], what).toBeUndefined();
  expect(r.headers.server, what).toBeUndefined();
  // A signed-in response, evidence photos included, never lands in a shared or back-button cache.
  if (opts.signedIn) expect(r.headers['cache-control'], what).toBe('no-store');
}

describe('security headers on every kind of response', () => {
  it('pages, redirects, 4xx, 5xx, static assets, downloads and evidence files all carry them', async () => {
    const { app, s } = await seededApp();
    const ketua = await signedIn(app, 'ketua.pleburan');
    const bendahara = await signedIn(app, 'bendahara.pleburan');
    const admin = await signedIn(app, 'admin');
    const rtId = s.users.findByUsername('ketua.pleburan')!.rtId!;
    const sha = (s.db.sqlite.prepare('SELECT f.sha256 FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id WHERE r.rt_id = ? LIMIT 1').get(rtId) as { sha256: string }).sha256;
    const asset = await request(app).get('/assets/app.css');
    const cases: Array<[string, () => Promise<request.Response>, number, { evidence?: boolean; signedIn?: boolean }?]> = [
      ['anonymous page', () => request(app).get('/login'), 200],
      ['HEAD', () => request(app).head('/login'), 200],
      ['redirect to sign-in', () => request(app).get('/admin/pengguna'), 303],
      ['404', () => request(app).get('/tidak-ada'), 404],
      ['static asset', () => request(app).get('/assets/app.css'), 200],
      ['static asset, not modified', () => request(app).get('/assets/app.css').set('If-None-Match', String(asset.headers.etag)), 304],
      ['static asset missing', () => request(app).get('/assets/tidak-ada.js'), 404],
      ['OPTIONS', () => request(app).options('/login'), 404],
      ['malformed URL', () => request(app).get('/rt/%E0%A4%A'), 400],
      ['CSRF refusal', () => request(app).post('/login').type('form').send({ username: 'admin', password: 'x' }), 403],
      ['form error', () => anonymous(app).then(({ agent, csrf }) => agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: 'salah' })), 422],
      // The body parser refuses it before the session is read: no private data, no cache rule needed.
      ['body too large', () => admin.agent.post('/rt/1/ubah').type('form').send(`_csrf=${admin.csrf}&chairName=${'x'.repeat(70_000)}`), 413],
      ['truncated multipart', () => ketua.agent.post(`/rt/${rtId}/kuitansi`).set('Content-Type', 'multipart/form-data; boundary=XX').send('--XX\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nabc'), 400, { signedIn: true }],
      ['signed-in page', () => ketua.agent.get('/'), 200, { signedIn: true }],
      ['redirect after a write', () => admin.agent.post(`/rt/${rtId}/ubah`).type('form').send({ _csrf: admin.csrf, chairName: 'Bapak Uji', bankAccount: s.registry.findRt(rtId)!.bankAccount }), 303, { signedIn: true }],
      ['403 for the role', () => ketua.agent.get('/admin/pengguna'), 403, { signedIn: true }],
      ['404 for another RT', () => ketua.agent.get(`/rt/${rtId + 1}`), 404, { signedIn: true }],
      ['PDF download', () => ketua.agent.get(`/rt/${rtId}/bku/pdf?tahun=2026`).buffer(true).parse(binary), 200, { signedIn: true }],
      ['CSV download', () => bendahara.agent.get(`/laporan/lpj/${PLEBURAN}/csv?tahun=2026`), 200, { signedIn: true }],
      ['XLSX download', () => bendahara.agent.get(`/laporan/lpj/${PLEBURAN}/xlsx?tahun=2026`).buffer(true).parse(binary), 200, { signedIn: true }],
      ['journal download (streamed)', () => bendahara.agent.get('/laporan/jurnal?tahun=2026'), 200, { signedIn: true }],
      ['bundle download (streamed ZIP)', () => bendahara.agent.get(`/laporan/bundel?tahun=2026&kelurahan=${PLEBURAN}`).buffer(true).parse(binary), 200, { signedIn: true }],
      ['evidence file', () => ketua.agent.get(`/berkas/${sha}`).buffer(true).parse(binary), 200, { signedIn: true, evidence: true }],
    ];
    for (const [what, send, status, opts] of cases) {
      const r = await send();
      expect(r.status, what).toBe(status);
      expectSecurityHeaders(r, what, opts);
    }
    // A bug: a 500 page must carry them too (a repository made to throw).
    s.registry.findRt = () => {
      throw new Error('disk on fire');
    };
    const boom = await admin.agent.get(`/rt/${rtId}`);
    expect(boom.status).toBe(500);
    expect(boom.text).not.toContain('disk on fire');
    expectSecurityHeaders(boom, '500', { signedIn: true });
  });
});

describe('the real server behind a TLS proxy (TRUST_PROXY=1)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    const s = await seededServices();
    const file = s.db.sqlite.name;
    s.db.close();
    server = await startServer({ DATABASE_PATH: file, EVIDENCE_DIR: `${file}.evidence`, TRUST_PROXY: '1' });
  });
  afterAll(() => server?.stop());

  async function signIn(headers: Record<string, string>) {
    const form = await fetch(`${server.url}/login`, { headers });
    const pre = form.headers.getSetCookie().find((c) => c.startsWith('dana_rt_csrf='))!;
    const body = new URLSearchParams({ _csrf: csrfFrom(await form.text()), username: 'auditor', password: DEMO_PASSWORD });
    const login = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { ...headers, cookie: pre.split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' }, body });
    return { form, pre, login, sid: login.headers.getSetCookie().find((c) => c.startsWith('dana_rt_sid='))! };
  }

  it('over https the session and pre-session cookies are Secure, HttpOnly, SameSite=Lax, host-only, path /', async () => {
    const { pre, login, sid } = await signIn({ 'x-forwarded-proto': 'https' });
    expect(login.status).toBe(303);
    for (const c of [pre, sid]) {
      const attrs = c.split(/;\s*/).slice(1).map((a) => a.toLowerCase());
      expect(attrs, c).toContain('secure');
      expect(attrs, c).toContain('httponly');
      expect(attrs, c).toContain('samesite=lax');
      expect(attrs, c).toContain('path=/');
      expect(attrs.some((a) => a.startsWith('domain=')), c).toBe(false);
    }
    expect(sid).toMatch(/Max-Age=43200/);
    const home = await fetch(`${server.url}/`, { headers: { cookie: sid.split(';')[0]!, 'x-forwarded-proto': 'https' } });
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-store');
    for (const h of ['content-security-policy', 'x-content-type-options', 'referrer-policy']) expect(home.headers.get(h), h).toBeTruthy();
    expect(home.headers.get('x-powered-by')).toBeNull();
  });

  it('over plain http (the proxy says so) the cookies are not marked Secure, so the browser keeps them', async () => {
    const { login, sid } = await signIn({ 'x-forwarded-proto': 'http' });
    expect(login.status).toBe(303);
    expect(sid.toLowerCase()).not.toContain('secure');
    expect(sid.toLowerCase()).toContain('httponly');
  });

  it('serves the same headers from the real process on a page, a redirect, a 404 and an asset', async () => {
    for (const [path, status] of [['/login', 200], ['/admin/pengguna', 303], ['/tidak-ada', 404], ['/assets/app.css', 200]] as const) {
      const r = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(r.status, path).toBe(status);
      expect(r.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(r.headers.get('x-powered-by'), path).toBeNull();
    }
    expect(fs.existsSync('views/assets/app.css')).toBe(true);
  });
});

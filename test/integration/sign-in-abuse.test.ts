/**
 * Sign-in cannot be used against users (issue 17, item 5), attacks first:
 * - a forged X-Forwarded-For is not stored as the audit IP (TRUST_PROXY as hops or a list, never "all");
 * - the lock-out attempt: five wrong passwords from the attacker's address do not keep the owner out,
 *   and the owner and the admin are told "N percobaan gagal dari alamat X";
 * - a flood of invented usernames cannot clear the active locks;
 * - one address cannot spray passwords across usernames (per-IP limit, 429 on the sign-in form).
 */
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/app/login-throttle';
import { loadConfig, parseTrustProxy } from '../../src/config';
import { anonymous, DEMO_PASSWORD, seededApp, signedIn, type Agent } from '../helpers/http';

type App = Awaited<ReturnType<typeof seededApp>>;

/** One sign-in attempt from a client that says (truly or not) it is X-Forwarded-For `xff`. */
async function attempt(a: { agent: Agent; csrf: string }, username: string, password: string, xff?: string) {
  const req = a.agent.post('/login').type('form');
  if (xff) req.set('X-Forwarded-For', xff);
  return req.send({ _csrf: a.csrf, username, password });
}

const lastAuditIp = (s: App['s'], action: string) => s.audit.list({ action, page: 1, pageSize: 1 }).rows[0]?.ip;

describe('forged X-Forwarded-For', () => {
  // supertest connects from the loopback address: that is the "direct" client here.
  const DIRECT = /^(::ffff:)?127\.0\.0\.1$/;
  const cases: Array<{ trustProxy: string; xff: string; stored: RegExp | string; why: string }> = [
    { trustProxy: '', xff: '6.6.6.6', stored: DIRECT, why: 'no proxy configured: the header is ignored' },
    { trustProxy: '10.0.0.1', xff: '6.6.6.6', stored: DIRECT, why: 'the client is not a listed proxy: its header is ignored' },
    { trustProxy: '10.0.0.0/8,192.168.1.1', xff: '6.6.6.6, 10.0.0.5', stored: DIRECT, why: 'the client is not in the CIDR list' },
    { trustProxy: '1', xff: '6.6.6.6, 203.0.113.7', stored: '203.0.113.7', why: 'one hop: only the address the proxy appended counts, the forged one before it does not' },
    { trustProxy: 'loopback', xff: '6.6.6.6, 203.0.113.7', stored: '203.0.113.7', why: 'a listed proxy: the first address it did not add itself is the client' },
    { trustProxy: '127.0.0.1', xff: '198.51.100.4', stored: '198.51.100.4', why: 'the real proxy’s word is taken (the positive case)' },
  ];
  it.each(cases)('TRUST_PROXY="$trustProxy", X-Forwarded-For "$xff": $why', async ({ trustProxy, xff, stored }) => {
    const app = await seededApp({ trustProxy: parseTrustProxy(trustProxy) });
    const a = await anonymous(app.app);
    expect((await attempt(a, 'auditor', 'salah-sekali', xff)).status).toBe(422);
    expect((await attempt(a, 'auditor', DEMO_PASSWORD, xff)).status).toBe(303);
    for (const action of ['auth.login_failed', 'auth.login']) {
      const ip = lastAuditIp(app.s, action);
      if (typeof stored === 'string') expect(ip, action).toBe(stored);
      else expect(ip, action).toMatch(stored);
      expect(ip, action).not.toContain('6.6.6.6');
    }
  });

  it.each(['true', 'TRUE', 'all', '*'])('TRUST_PROXY=%s ("trust all") is refused at start with the reason', (v) => {
    const before = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = v;
    try {
      expect(() => loadConfig()).toThrow(/TRUST_PROXY="[^"]+" ditolak.*TRUST_PROXY=1/);
    } finally {
      if (before === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = before;
    }
  });

  it.each(['10.0.0.1/33', 'proxy.example', '1.2.3', '10.0.0.0/8/1'])('TRUST_PROXY=%s (not an address) is refused', (v) => {
    expect(() => parseTrustProxy(v)).toThrow(/TRUST_PROXY/);
  });

  it('a forged X-Forwarded-For does not get round the per-address limit', async () => {
    const app = await seededApp({ loginIpLimit: 4 });
    const a = await anonymous(app.app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(a, `pengguna${i}`, 'salah', `203.0.113.${i}`)).status);
    expect(statuses).toEqual([422, 422, 422, 422, 429, 429]);
  });
});

describe('the lock-out attempt', () => {
  const ATTACKER = '203.0.113.66';
  const OWNER = '198.51.100.10';
  // Behind one trusted proxy (TRUST_PROXY=1), so each client's address is the one the proxy appends.
  const setup = () => seededApp({ trustProxy: 1, loginLockAfter: 5, loginIpLimit: 0 });

  it('five wrong passwords lock the attacker’s address out of admin; admin signs in from elsewhere and is told', async () => {
    const app = await setup();
    const attacker = await anonymous(app.app);
    const tries: number[] = [];
    for (let i = 0; i < 5; i++) tries.push((await attempt(attacker, 'admin', `tebakan-${i}`, ATTACKER)).status);
    // Locked for the attacker, even with the right password.
    const locked = await attempt(attacker, 'admin', DEMO_PASSWORD, ATTACKER);
    expect([...tries, locked.status]).toEqual([422, 422, 422, 422, 422, 429]);
    expect(locked.text).toContain('dikunci sementara untuk alamat Anda');
    // The owner, from another address: signed in, and told on the next page.
    const owner = await anonymous(app.app);
    const signIn = await attempt(owner, 'admin', DEMO_PASSWORD, OWNER);
    expect(signIn.status).toBe(303);
    const home = await owner.agent.get('/').set('X-Forwarded-For', OWNER);
    expect(home.text).toContain(`6 percobaan gagal dari alamat ${ATTACKER}`);
    expect(home.text).toContain('dikunci sampai pukul');
    // Told once.
    expect((await owner.agent.get('/').set('X-Forwarded-For', OWNER)).text).not.toContain('percobaan gagal dari alamat');
    // The admin's record: one audit row for the lock, naming the address.
    const rows = app.s.audit.list({ action: 'auth.address_locked', page: 1, pageSize: 10 }).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ip: ATTACKER, targetId: String(app.s.users.findByUsername('admin')!.id) });
    // The attacker is still locked out after the owner's sign-in.
    expect((await attempt(attacker, 'admin', DEMO_PASSWORD, ATTACKER)).status).toBe(429);
  });

  it('the admin’s users page names the address that failed on a chair’s account', async () => {
    const app = await setup();
    const attacker = await anonymous(app.app);
    for (let i = 0; i < 7; i++) await attempt(attacker, 'ketua.pleburan', `tebakan-${i}`, ATTACKER);
    const admin = await signedIn(app.app, 'admin');
    const page = await admin.agent.get('/admin/pengguna');
    expect(page.status).toBe(200);
    const row = page.text.split('<tr>').find((r) => r.includes('>ketua.pleburan<'))!;
    expect(row).toContain(`7 percobaan gagal dari alamat ${ATTACKER}`);
    expect(row).toContain('Terkunci untuk sebagian alamat');
  });

  it('a typo before the right password from the same address is no alarm', async () => {
    const app = await setup();
    const owner = await anonymous(app.app);
    await attempt(owner, 'auditor', 'salah-ketik', OWNER);
    expect((await attempt(owner, 'auditor', DEMO_PASSWORD, OWNER)).status).toBe(303);
    expect((await owner.agent.get('/').set('X-Forwarded-For', OWNER)).text).not.toContain('percobaan gagal');
  });

  it('the lock does not reveal which usernames exist: an unknown one answers the same, attempt by attempt', async () => {
    const app = await setup();
    const a = await anonymous(app.app);
    const run = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await attempt(a, username, `tebakan-${i}`, ATTACKER);
        out.push(`${r.status} ${/dikunci sementara/.test(r.text) ? 'locked' : /salah/.test(r.text) ? 'wrong' : '?'}`);
      }
      return out;
    };
    const known = await run('bendahara.pleburan');
    const unknown = await run('bendahara.tidak.ada');
    expect(known).toEqual(unknown);
    expect(known.at(-1)).toBe('429 locked');
  });

  it('a flood of invented usernames does not clear an active lock (it used to, past 10,000)', async () => {
    const app = await seededApp({ trustProxy: 1, loginLockAfter: 3, loginIpLimit: 0, loginTrackMax: 4 });
    const a = await anonymous(app.app);
    for (let i = 0; i < 3; i++) await attempt(a, 'admin', `tebakan-${i}`, ATTACKER);
    expect((await attempt(a, 'admin', DEMO_PASSWORD, ATTACKER)).status).toBe(429);
    // 12 invented usernames from 12 addresses: three times the bound (the unit test below floods 20,000).
    for (let i = 0; i < 12; i++) await attempt(a, `hantu${i}`, 'x', `192.0.2.${i + 1}`);
    expect((await attempt(a, 'admin', DEMO_PASSWORD, ATTACKER)).status).toBe(429);
  });
});

describe('LoginThrottle bound', () => {
  it('stays within its bound under 20,000 invented pairs and keeps every active lock', () => {
    const t = new LoginThrottle({ lockAfter: 5, lockMinutes: 15, max: 1_000 });
    const now = Date.parse('2026-11-28T03:00:00Z');
    for (let i = 0; i < 5; i++) t.claim('admin', '203.0.113.66', now);
    for (let i = 0; i < 20_000; i++) t.claim(`hantu${i}`, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, now + i);
    expect(t.size).toBeLessThanOrEqual(1_000);
    expect(t.claim('admin', '203.0.113.66', now + 20_001)).not.toBeNull();
    expect(t.droppedLocks).toBe(0);
  });

  it('when every tracked pair is locked, the oldest lock goes (and is counted), never the bound', () => {
    const t = new LoginThrottle({ lockAfter: 1, lockMinutes: 15, max: 10 });
    const now = Date.parse('2026-11-28T03:00:00Z');
    for (let i = 0; i < 25; i++) t.claim(`u${i}`, '192.0.2.1', now);
    expect(t.size).toBeLessThanOrEqual(10);
    expect(t.droppedLocks).toBeGreaterThan(0);
    expect(t.claim('u24', '192.0.2.1', now)).not.toBeNull(); // the newest lock holds
  });
});

describe('per-address limit on sign-in', () => {
  it('past LOGIN_IP_LIMIT failures from one address across usernames: 429 on the sign-in form, username kept; another address and successes are not held', async () => {
    expect(loadConfig().loginIpLimit).toBe(30); // the default, in 15 minutes
    const app = await seededApp({ trustProxy: 1, loginLockAfter: 1_000, loginIpLimit: 6 });
    const a = await anonymous(app.app);
    for (let i = 0; i < 6; i++) expect((await attempt(a, `pengguna${i % 4}`, 'salah', '203.0.113.9')).status).toBe(422);
    const refused = await attempt(a, 'ketua.pleburan', DEMO_PASSWORD, '203.0.113.9');
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Terlalu banyak percobaan masuk yang gagal dari alamat Anda. Coba lagi dalam');
    expect(refused.text).toContain('value="ketua.pleburan"');
    expect(refused.text).not.toContain(DEMO_PASSWORD);
    // Another address is not held; successful sign-ins are never counted.
    expect((await attempt(await anonymous(app.app), 'ketua.pleburan', DEMO_PASSWORD, '198.51.100.20')).status).toBe(303);
    for (let i = 0; i < 8; i++) expect((await attempt(await anonymous(app.app), 'auditor', DEMO_PASSWORD, '198.51.100.21')).status).toBe(303);
  });
});

/**
 * Issue 19, item 5 (search and filters) and item 6 (a bad submission comes back to its page),
 * replayed through HTTP: the review page by RT, month and category; an RT's receipts by status,
 * month and category; the users page by name, role and kelurahan; the audit log by a kelurahan's
 * name. Every bad value is refused with a 4xx and a message in Indonesian (never a 500); the
 * queries run on indexes (EXPLAIN QUERY PLAN).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seededApp, signedIn, type Agent, type Services } from '../helpers/http';

const PLEBURAN = '3374050005';
let s: Services;
let bendahara: { agent: Agent; csrf: string };
let admin: { agent: Agent; csrf: string };
let auditor: { agent: Agent; csrf: string };
const html = (t: string) => t.replaceAll('&#x3D;', '=').replaceAll('&quot;', '"').replaceAll('&#x27;', "'");
const idsOn = (page: string) => [...page.matchAll(/id="kuitansi-(\d+)"/g)].map((m) => Number(m[1]));

beforeAll(async () => {
  const app = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => new Date('2026-11-28T03:00:00Z'));
  s = app.s;
  bendahara = await signedIn(app.app, 'bendahara.pleburan');
  admin = await signedIn(app.app, 'admin');
  auditor = await signedIn(app.app, 'auditor');
});

const pendingOfPleburan = () => s.receipts.pendingOfKelurahan(PLEBURAN).map((p) => p.receipt);

describe('the review page by RT, month and category', () => {
  it('each filter narrows the waiting receipts to exactly those that match', async () => {
    const all = pendingOfPleburan();
    expect(all.length).toBeGreaterThan(2);
    const unfiltered = idsOn((await bendahara.agent.get('/verifikasi')).text);
    expect(new Set(unfiltered)).toEqual(new Set(all.map((r) => r.id)));
    const one = all[0]!;
    const cases: Array<[string, (r: (typeof all)[number]) => boolean]> = [
      [`rt=${one.rtId}`, (r) => r.rtId === one.rtId],
      [`kategori=${one.category}`, (r) => r.category === one.category],
      [`bulan=${one.date.slice(0, 7)}`, (r) => r.date.startsWith(one.date.slice(0, 7))],
      [`rt=${one.rtId}&kategori=${one.category}&bulan=${one.date.slice(0, 7)}`, (r) => r.rtId === one.rtId && r.category === one.category && r.date.startsWith(one.date.slice(0, 7))],
    ];
    for (const [query, match] of cases) {
      const res = await bendahara.agent.get(`/verifikasi?${query}`);
      expect(res.status, query).toBe(200);
      expect(new Set(idsOn(res.text)), query).toEqual(new Set(all.filter(match).map((r) => r.id)));
      expect(idsOn(res.text).length, query).toBeLessThanOrEqual(all.length);
    }
    // The page's decisions come back with the filters.
    const filtered = await bendahara.agent.get(`/verifikasi?kategori=${one.category}`);
    expect(html(filtered.text)).toContain(`name="back" value="/verifikasi?kategori=${one.category}"`);
    // Nothing matches: said so.
    const none = await bendahara.agent.get('/verifikasi?bulan=2020-01');
    expect(idsOn(none.text)).toEqual([]);
    expect(none.text).toContain('Tidak ada kuitansi menunggu yang cocok dengan saringan.');
  });

  it.each([
    ['bulan=2026-13', 'Bulan harus 01 sampai 12'],
    ['bulan=oktober', 'TTTT-BB'],
    ['kategori=%3Cscript%3E', 'Kategori tidak dikenal'],
    ['rt=abc', 'Pilih RT dari daftar'],
    ['rt=1&rt=2', 'sekali saja'],
    [`kategori=${'A'.repeat(300)}`, 'Kategori tidak dikenal'], // 300 letters
  ])('?%s: 422 with the message, never a 500', async (query, message) => {
    const res = await bendahara.agent.get(`/verifikasi?${query}`);
    expect(res.status).toBe(422);
    expect(html(res.text)).toContain(message);
  });

  it('a filter by an RT of another kelurahan shows nothing of it', async () => {
    const other = s.registry.rtsOfKelurahan('3374050006')[0]!;
    const res = await bendahara.agent.get(`/verifikasi?rt=${other.id}`);
    expect(res.status).toBe(200);
    expect(idsOn(res.text)).toEqual([]);
  });
});

describe('an RT\'s receipts by status, month and category', () => {
  it('narrows the list, keeps the SPJ part whole, refuses a bad status', async () => {
    const rtId = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
    const rows = s.receipts.ofRt(rtId, 2026);
    const returned = rows.filter((r) => r.status === 'returned');
    expect(returned.length).toBeGreaterThan(0);
    const res = await bendahara.agent.get(`/rt/${rtId}/kuitansi?tahun=2026&status=returned`);
    expect(res.status).toBe(200);
    const list = res.text.slice(res.text.indexOf('id="daftar-kuitansi"'));
    expect(new Set(idsOn(list))).toEqual(new Set(returned.map((r) => r.id)));
    expect(res.text).toContain(`Tampilkan semua (${rows.length})`);
    const month = rows[0]!.date.slice(0, 7);
    const byMonth = await bendahara.agent.get(`/rt/${rtId}/kuitansi?tahun=2026&bulan=${month}`);
    expect(new Set(idsOn(byMonth.text.slice(byMonth.text.indexOf('id="daftar-kuitansi"'))))).toEqual(new Set(rows.filter((r) => r.date.startsWith(month)).map((r) => r.id)));
    for (const bad of ['status=hilang', 'bulan=2026-00', 'kategori=adm']) {
      const r = await bendahara.agent.get(`/rt/${rtId}/kuitansi?tahun=2026&${bad}`);
      expect(r.status, bad).toBe(422);
      expect(r.text).toContain('Periksa kembali isian');
    }
  });
});

describe('the users page by name, role and kelurahan', () => {
  const usernames = (t: string) => [...t.matchAll(/<td class="mono">([^<]+)<\/td>/g)].map((m) => m[1]);

  it('a part of a name, a role, a kelurahan; "%" and "_" are taken literally', async () => {
    const all = s.users.list();
    const byName = await admin.agent.get('/admin/pengguna?q=PLEBURAN');
    expect(byName.status).toBe(200);
    expect(new Set(usernames(byName.text))).toEqual(new Set(all.filter((u) => u.username.toLowerCase().includes('pleburan') || u.displayName.toLowerCase().includes('pleburan')).map((u) => u.username)));
    expect(usernames(byName.text).length).toBeGreaterThan(0);
    const byRole = await admin.agent.get('/admin/pengguna?peran=bendahara');
    expect(new Set(usernames(byRole.text))).toEqual(new Set(all.filter((u) => u.role === 'bendahara').map((u) => u.username)));
    const byKel = await admin.agent.get(`/admin/pengguna?kelurahan=${PLEBURAN}&peran=lurah`);
    expect(new Set(usernames(byKel.text))).toEqual(new Set(all.filter((u) => u.role === 'lurah' && u.kelurahanCode === PLEBURAN).map((u) => u.username)));
    expect(usernames((await admin.agent.get('/admin/pengguna?q=%25')).text)).toEqual([]);
    expect(usernames((await admin.agent.get('/admin/pengguna?q=_')).text)).toEqual(all.filter((u) => u.username.includes('_') || u.displayName.includes('_')).map((u) => u.username));
  });

  it.each([
    [`q=${'a'.repeat(61)}`, 'paling banyak 60'],
    ['peran=RAJA', 'Peran tidak dikenal'],
    ['kelurahan=Pleburan', '10 angka'],
  ])('?%s: 422 with the message', async (query, message) => {
    const res = await admin.agent.get(`/admin/pengguna?${query}`);
    expect(res.status).toBe(422);
    expect(html(res.text)).toContain(message);
  });
});

describe('the audit log by a kelurahan\'s name', () => {
  it('"Pleburan", "kelurahan pleburan" and the code give the same rows', async () => {
    const byCode = await auditor.agent.get(`/audit?kelurahan=${PLEBURAN}`);
    expect(byCode.status).toBe(200);
    const count = /(\d[\d.]*) catatan/.exec(byCode.text)![1];
    expect(Number(count!.replaceAll('.', ''))).toBeGreaterThan(0);
    for (const name of ['Pleburan', 'kelurahan%20pleburan', 'PLEBURAN']) {
      const res = await auditor.agent.get(`/audit?kelurahan=${name}`);
      expect(res.status, name).toBe(200);
      expect(/(\d[\d.]*) catatan/.exec(res.text)![1], name).toBe(count);
    }
  });

  it.each([
    ['Atlantis', 'Tidak ada kelurahan bernama “Atlantis”'],
    ['%3Cscript%3E', 'Isi nama kelurahan atau kodenya'],
    ['12345', 'Isi nama kelurahan atau kodenya'],
  ])('?kelurahan=%s: 422 with the message', async (value, message) => {
    const res = await auditor.agent.get(`/audit?kelurahan=${value}`);
    expect(res.status).toBe(422);
    expect(html(res.text)).toContain(message);
  });
});

describe('a bulk approval with nothing selected comes back to the queue with a message', () => {
  it('303 to /antrian, the message shown there, nothing approved', async () => {
    const before = s.audit.count();
    const res = await bendahara.agent.post('/antrian/setujui').type('form').send({ _csrf: bendahara.csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/antrian');
    const page = await bendahara.agent.get('/antrian');
    expect(page.text).toContain('Pilih paling sedikit satu.');
    expect(s.audit.count()).toBe(before);
  });
});

describe('the filters run on indexes', () => {
  const plan = (sql: string, ...args: unknown[]) => (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

  it.each([
    ['a kelurahan by name', 'SELECT code FROM kelurahan WHERE name = ? COLLATE NOCASE', ['Pleburan'], /USING INDEX kelurahan_name_nocase_idx/],
    ['users of a kelurahan', 'SELECT * FROM users WHERE kelurahan_code = ?', [PLEBURAN], /USING INDEX users_kelurahan_idx/],
    ['users of a role', 'SELECT * FROM users WHERE role = ? ORDER BY role, username', ['bendahara'], /USING INDEX users_role_idx/],
    // notify.ts notifyRt, once per RT and notification (the scheduler tick asks for every RT of the city).
    ['the officers of an RT', "SELECT id FROM users WHERE rt_id = ? AND active = 1 AND role IN ('ketua_rt', 'sekretaris_rt', 'bendahara_rt') ORDER BY id", [1], /USING (COVERING )?INDEX users_rt_idx/],
    ['an RT\'s receipts by status', 'SELECT * FROM receipts WHERE rt_id = ? AND year = ? AND status = ?', [1, 2026, 'returned'], /SEARCH receipts USING INDEX receipts_\w+/],
    ['the waiting receipts of a kelurahan', 'SELECT r.id FROM receipts r JOIN rt ON rt.id = r.rt_id WHERE rt.kelurahan_code = ? AND r.status = ?', [PLEBURAN, 'pending'], /USING INDEX/],
    ['the audit log of a kelurahan', 'SELECT * FROM audit_log WHERE kelurahan_code = ? ORDER BY id DESC LIMIT 50', [PLEBURAN], /USING INDEX audit_kelurahan_idx/],
  ])('%s', (_what, sql, args, expected) => {
    const p = plan(sql, ...args);
    expect(p).toMatch(expected);
    expect(p).not.toMatch(/^SCAN (receipts|users|audit_log)\b/);
  });
});

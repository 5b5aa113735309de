/** Bad and hostile input gets a clear 4xx, never a 500, and changes nothing. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { importRts } from '../../src/app/import-registry';
import { verifyLedger } from '../../src/app/verify-ledger';
import { SYSTEM } from '../builders';
import { anonymous, csrfFrom, DEMO_PASSWORD, seededApp, signedIn } from '../helpers/http';

describe('uploads that go wrong', () => {
  it('answers a broken multipart body, a wrong field, two files and an oversized file with 4xx', async () => {
    const { app, s } = await seededApp();
    const before = s.registry.counts();
    const anon = await request(app).post('/admin/impor/rt').attach('x', Buffer.from('a,b\n'), 'a.csv');
    expect(anon.status).toBe(303);
    const admin = await signedIn(app, 'admin');
    const wrongField = await admin.agent.post('/admin/impor/rt').field('_csrf', admin.csrf).attach('x', Buffer.from('a\n'), 'a.csv');
    expect(wrongField.status).toBe(422);
    expect(wrongField.text).toContain('kolom yang salah');
    const twoFiles = await admin.agent.post('/admin/impor/rt').field('_csrf', admin.csrf).attach('file', Buffer.from('a\n'), 'a.csv').attach('file', Buffer.from('b\n'), 'b.csv');
    expect(twoFiles.status).toBe(422);
    const big = await admin.agent.post('/admin/impor/rt').field('_csrf', admin.csrf).attach('file', Buffer.alloc(6 * 1024 * 1024, 0x41), 'big.csv');
    expect(big.status).toBe(413);
    const noBoundary = await admin.agent.post('/admin/impor/wilayah').set('Content-Type', 'multipart/form-data').send('abc');
    expect(noBoundary.status).toBeGreaterThanOrEqual(400);
    expect(noBoundary.status).toBeLessThan(500);
    const truncated = await admin.agent
      .post('/admin/impor/wilayah')
      .set('Content-Type', 'multipart/form-data; boundary=XYZ')
      .send(`--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}\r\n--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nkecamatan_code,kec`);
    expect(truncated.status).toBeGreaterThanOrEqual(400);
    expect(truncated.status).toBeLessThan(500);
    const ketua = await signedIn(app, 'ketua.pleburan');
    const ketuaUpload = await ketua.agent.post('/admin/impor/rt').field('_csrf', ketua.csrf).attach('x', Buffer.from('a\n'), 'a.csv');
    expect(ketuaUpload.status).toBe(403);
    expect(s.registry.counts()).toEqual(before);
  });
});

describe('forms with repeated, invisible or hostile values', () => {
  it('answers a repeated field in Indonesian and keeps the first value typed', async () => {
    const { app } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const r = await admin.agent.post('/admin/pengguna/baru').type('form').send(
      `_csrf=${admin.csrf}&username=baru.satu&displayName=Baru&role=bendahara&kelurahanCode=3374050001&kelurahanCode=3374050002&password=panjang-sekali-1`,
    );
    expect(r.status).toBe(422);
    expect(r.text).toContain('Kelurahan harus diisi sekali saja');
    expect(r.text).not.toMatch(/Invalid input|expected string/);
    const audit = await admin.agent.get('/audit?actor=a&actor=b');
    expect(audit.status).toBe(422);
    expect(audit.text).toContain('Pelaku harus diisi sekali saja');
  });

  it('refuses a name made only of invisible or control characters', async () => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const rt = s.registry.findRtByNumbers('3374050005', 1, 3)!;
    const r = await admin.agent.post(`/rt/${rt.id}/ubah`).type('form').send({ _csrf: admin.csrf, chairName: '\u200b\u200b\u0000\u001b', bankAccount: rt.bankAccount });
    expect(r.status).toBe(422);
    expect(s.registry.findRt(rt.id)!.chairName).toBe(rt.chairName);
  });

  it('escapes HTML in everything it shows back', async () => {
    const { app } = await seededApp();
    const { agent, csrf } = await anonymous(app);
    const r = await agent.post('/login').type('form').send({ _csrf: csrf, username: '<script>alert(1)</script>', password: 'x' });
    expect(r.status).toBe(422);
    expect(r.text).not.toContain('<script>alert(1)</script>');
    expect(r.text).toContain('&lt;script&gt;');
  });

  it('refuses a calendar date that does not exist and an end before the start', async () => {
    const { app } = await seededApp();
    const admin = await signedIn(app, 'admin');
    expect((await admin.agent.get('/audit?dari=2026-02-30')).text).toContain('Tanggal tidak ada di kalender.');
    const r = await admin.agent.get('/audit?dari=2026-03-10&sampai=2026-03-01');
    expect(r.status).toBe(422);
    expect(r.text).toContain('Tanggal akhir tidak boleh sebelum tanggal awal.');
  });

  it('refuses a bank account already held by another RT', async () => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const a = s.registry.findRtByNumbers('3374050005', 1, 1)!;
    const b = s.registry.findRtByNumbers('3374050005', 1, 2)!;
    const r = await admin.agent.post(`/rt/${b.id}/ubah`).type('form').send({ _csrf: admin.csrf, chairName: b.chairName, bankAccount: a.bankAccount });
    expect(r.status).toBe(422);
    expect(r.text).toContain('Sudah dipakai RT lain');
  });
});

describe('import line numbers', () => {
  it('reports the real line of the file, counting blank lines', async () => {
    const { s } = await seededApp();
    const csv = 'kelurahan_code,rw,rt,chair_name,bank_account\n3374050005,30,1,A,2030000001\n\n\n3374050005,30,2,B,12345\n';
    const r = importRts(s, SYSTEM, csv);
    expect(r.errors).toEqual([{ line: 5, message: expect.stringContaining('tepat 10 angka') }]);
    expect(importRts(s, SYSTEM, 'kelurahan_code;rw;rt;chair_name;bank_account\n').errors[0]!.message).toContain('bukan titik koma');
  });
});

describe('sessions and passwords (review findings)', () => {
  it('parallel guesses cannot get past the lockout', async () => {
    const { app, s } = await seededApp({ loginLockAfter: 5 });
    const { agent, csrf } = await anonymous(app);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => agent.post('/login').type('form').send({ _csrf: csrf, username: 'auditor', password: `salah-${i}` })),
    );
    const locked = results.filter((r) => r.text.includes('dikunci sementara')).length;
    expect(locked).toBe(15);
    expect(s.audit.count('auth.login_failed')).toBe(5);
  });

  it('an expired lock starts the count afresh', async () => {
    let now = new Date('2026-11-28T03:00:00Z');
    const { app } = await seededApp({ loginLockAfter: 3, loginLockMinutes: 15 }, () => now);
    const { agent, csrf } = await anonymous(app);
    for (let i = 0; i < 3; i++) await agent.post('/login').type('form').send({ _csrf: csrf, username: 'auditor', password: 'x' });
    now = new Date(now.getTime() + 16 * 60_000);
    const wrongOnce = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'auditor', password: 'x' });
    expect(wrongOnce.text).not.toContain('dikunci');
    const right = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'auditor', password: DEMO_PASSWORD });
    expect(right.status).toBe(303);
  });

  it('an admin cannot reset their own password (they would lock themselves out)', async () => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const id = s.users.findByUsername('admin')!.id;
    const r = await admin.agent.post(`/admin/pengguna/${id}/reset`).type('form').send({ _csrf: admin.csrf });
    expect(r.status).toBe(409);
    expect((await admin.agent.get('/admin/pengguna')).status).toBe(200);
  });

  it('changing a password ends the user’s other sessions but keeps this one', async () => {
    const { app } = await seededApp();
    const one = await signedIn(app, 'auditor');
    const two = await signedIn(app, 'auditor');
    const page = await one.agent.get('/akun/password');
    const r = await one.agent.post('/akun/password').type('form').send({ _csrf: csrfFrom(page.text), currentPassword: DEMO_PASSWORD, newPassword: 'sandi-baru-yang-panjang', confirmPassword: 'sandi-baru-yang-panjang' });
    expect(r.status).toBe(303);
    expect((await one.agent.get('/audit')).status).toBe(200);
    expect((await two.agent.get('/audit')).status).toBe(303);
  });

  it('a form posted after the session expired leads back to sign-in, not to a bare 403', async () => {
    let now = new Date('2026-11-28T03:00:00Z');
    const { app } = await seededApp({ sessionIdleMinutes: 30 }, () => now);
    const admin = await signedIn(app, 'admin');
    now = new Date(now.getTime() + 40 * 60_000);
    const r = await admin.agent.post('/rt/1/ubah').type('form').send({ _csrf: admin.csrf, chairName: 'X', bankAccount: '2000000000' });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/login?sesi=habis');
    const login = await admin.agent.get('/login?sesi=habis');
    expect(login.text).toContain('Sesi Anda sudah berakhir');
  });
});

describe('verify catches what the chain alone cannot', () => {
  it('names missing triggers and a chain head that is gone (an entry cut off the end)', async () => {
    const { s } = await seededApp();
    const head = s.ledger.head()!;
    expect(verifyLedger(s, [head.hash]).ok).toBe(true);
    s.db.sqlite.exec(`DROP TRIGGER journal_entries_no_delete; DROP TRIGGER postings_no_delete; PRAGMA foreign_keys = OFF;`);
    const last = s.db.sqlite.prepare('SELECT account_id AS a, amount FROM postings WHERE entry_id = ?').all(head.id) as Array<{ a: number; amount: number }>;
    for (const p of last) s.db.sqlite.prepare('UPDATE accounts SET balance = balance - ? WHERE id = ?').run(p.amount, p.a);
    s.db.sqlite.prepare('DELETE FROM postings WHERE entry_id = ?').run(head.id);
    s.db.sqlite.prepare('DELETE FROM journal_entries WHERE id = ?').run(head.id);
    const report = verifyLedger(s, [head.hash]);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain('pemicu append-only hilang');
    expect(report.problems.join('\n')).toContain(`jangkar rantai ${head.hash}`);
  });
});

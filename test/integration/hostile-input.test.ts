/** Bad and hostile input gets a clear 4xx, never a 500, and changes nothing. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { importRts } from '../../src/app/import-registry';
import { verifyLedger } from '../../src/app/verify-ledger';
import { SYSTEM } from '../builders';
import { anonymous, csrfFrom, DEMO_PASSWORD, seededApp, signedIn, type Agent, type Services } from '../helpers/http';

/** Everything a refused request must leave as it was: the RTs and the users. */
const registryState = (s: Services) =>
  JSON.stringify([
    s.registry.counts(),
    s.db.sqlite.prepare('SELECT id, chair_name, bank_account, active FROM rt ORDER BY id').all(),
    s.db.sqlite.prepare('SELECT id, username, password_hash, active FROM users ORDER BY id').all(),
  ]);

/** Who sends a row's request: `nobody` has no cookie at all, `anon` holds the login form's CSRF token. */
type Who = 'nobody' | 'anon' | 'admin' | 'ketua';
const USERNAMES = { admin: 'admin', ketua: 'ketua.pleburan' } as const;
async function as(app: Parameters<typeof request.agent>[0], who: Who): Promise<{ agent: Agent; csrf: string }> {
  if (who === 'nobody') return { agent: request.agent(app), csrf: '' };
  if (who === 'anon') return anonymous(app);
  return signedIn(app, USERNAMES[who]);
}

interface Row {
  who: Who;
  send: (agent: Agent, csrf: string, s: Services) => PromiseLike<{ status: number; text: string }>;
  /** The status, or '4xx' where any client error is the right answer. */
  status: number | '4xx';
  says?: string[];
  never?: Array<string | RegExp>;
}

/** Sends the row's request and checks the answer; the registry must be as it was. */
async function refused(row: Row) {
  const { app, s } = await seededApp();
  const before = registryState(s);
  const { agent, csrf } = await as(app, row.who);
  const r = await row.send(agent, csrf, s);
  if (row.status === '4xx') {
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  } else expect(r.status).toBe(row.status);
  for (const text of row.says ?? []) expect(r.text).toContain(text);
  for (const text of row.never ?? []) expect(r.text).not.toMatch(text);
  expect(registryState(s)).toBe(before);
}

describe('uploads that go wrong', () => {
  it.each<[string, Row]>([
    ['an upload by nobody signed in', { who: 'nobody', send: (a) => a.post('/admin/impor/rt').attach('x', Buffer.from('a,b\n'), 'a.csv'), status: 303 }],
    ['a file in the wrong field', { who: 'admin', send: (a, csrf) => a.post('/admin/impor/rt').field('_csrf', csrf).attach('x', Buffer.from('a\n'), 'a.csv'), status: 422, says: ['kolom yang salah'] }],
    [
      'two files',
      { who: 'admin', send: (a, csrf) => a.post('/admin/impor/rt').field('_csrf', csrf).attach('file', Buffer.from('a\n'), 'a.csv').attach('file', Buffer.from('b\n'), 'b.csv'), status: 422 },
    ],
    ['an oversized file', { who: 'admin', send: (a, csrf) => a.post('/admin/impor/rt').field('_csrf', csrf).attach('file', Buffer.alloc(6 * 1024 * 1024, 0x41), 'big.csv'), status: 413 }],
    ['a multipart body without a boundary', { who: 'admin', send: (a) => a.post('/admin/impor/wilayah').set('Content-Type', 'multipart/form-data').send('abc'), status: '4xx' }],
    // Found by the fuzz (seed 1372001082): busboy throws "Malformed content type" for an empty boundary.
    ['a multipart body with an empty boundary', { who: 'admin', send: (a) => a.post('/admin/impor/wilayah').set('Content-Type', 'multipart/form-data; boundary=').send('--x\r\n'), status: '4xx' }],
    [
      'a multipart body cut off inside the file',
      {
        who: 'admin',
        send: (a, csrf) =>
          a
            .post('/admin/impor/wilayah')
            .set('Content-Type', 'multipart/form-data; boundary=XYZ')
            .send(`--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nkecamatan_code,kec`),
        status: '4xx',
      },
    ],
    ['an upload by a ketua RT', { who: 'ketua', send: (a, csrf) => a.post('/admin/impor/rt').field('_csrf', csrf).attach('x', Buffer.from('a\n'), 'a.csv'), status: 403 }],
  ])('answers %s with a 4xx or a sign-in, never a 500, and imports nothing', async (_what, row) => {
    await refused(row);
  });
});

describe('forms with repeated, invisible or hostile values', () => {
  it.each<[string, Row]>([
    [
      'a repeated field, answered in Indonesian',
      {
        who: 'admin',
        send: (a, csrf) =>
          a.post('/admin/pengguna/baru').type('form').send(`_csrf=${csrf}&username=baru.satu&displayName=Baru&role=bendahara&kelurahanCode=3374050001&kelurahanCode=3374050002&password=panjang-sekali-1`),
        status: 422,
        says: ['Kelurahan harus diisi sekali saja'],
        never: [/Invalid input|expected string/],
      },
    ],
    ['a repeated filter of the audit log', { who: 'admin', send: (a) => a.get('/audit?actor=a&actor=b'), status: 422, says: ['Pelaku harus diisi sekali saja'] }],
    [
      'a name made only of invisible or control characters',
      {
        who: 'admin',
        send: (a, csrf, s) => {
          const rt = s.registry.findRtByNumbers('3374050005', 1, 3)!;
          return a.post(`/rt/${rt.id}/ubah`).type('form').send({ _csrf: csrf, chairName: '\u200b\u200b\u0000\u001b', bankAccount: rt.bankAccount });
        },
        status: 422,
      },
    ],
    [
      'HTML in a username: escaped in what is shown back',
      {
        who: 'anon',
        send: (a, csrf) => a.post('/login').type('form').send({ _csrf: csrf, username: '<script>alert(1)</script>', password: 'x' }),
        status: 422,
        says: ['&lt;script&gt;'],
        never: ['<script>alert(1)</script>'],
      },
    ],
    ['a calendar date that does not exist', { who: 'admin', send: (a) => a.get('/audit?dari=2026-02-30'), status: 422, says: ['Tanggal tidak ada di kalender.'] }],
    ['an end date before the start', { who: 'admin', send: (a) => a.get('/audit?dari=2026-03-10&sampai=2026-03-01'), status: 422, says: ['Tanggal akhir tidak boleh sebelum tanggal awal.'] }],
    [
      'a bank account already held by another RT',
      {
        who: 'admin',
        send: (a, csrf, s) => {
          const held = s.registry.findRtByNumbers('3374050005', 1, 1)!;
          const b = s.registry.findRtByNumbers('3374050005', 1, 2)!;
          return a.post(`/rt/${b.id}/ubah`).type('form').send({ _csrf: csrf, chairName: b.chairName, bankAccount: held.bankAccount });
        },
        status: 422,
        says: ['Sudah dipakai RT lain'],
      },
    ],
  ])('refuses %s, and changes nothing', async (_what, row) => {
    await refused(row);
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

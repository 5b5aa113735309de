/** The admin's registry pages: edits audited with before/after, uploads all-or-nothing, the audit log browsable. */
import { describe, expect, it } from 'vitest';
import { aUser } from '../builders';
import { seededApp, signedIn } from '../helpers/http';

describe('editing an RT', () => {
  it('refuses a bad bank account with 422, keeps the input, saves nothing', async () => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const rt = s.registry.findRtByNumbers('3374050005', 2, 1)!;
    const r = await admin.agent.post(`/rt/${rt.id}/ubah`).type('form').send({ _csrf: admin.csrf, chairName: 'Slamet Baru', secretaryName: '', treasurerName: '', bankAccount: '12345' });
    expect(r.status).toBe(422);
    expect(r.text).toContain('Nomor rekening harus tepat 10 angka.');
    expect(r.text).toContain('value="Slamet Baru"');
    expect(r.text).toContain('value="12345"');
    expect(s.registry.findRt(rt.id)).toEqual(rt);
  });

  it('saves a valid edit, redirects 303, and audits the bank account change with before and after', async () => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const rt = s.registry.findRtByNumbers('3374050005', 2, 1)!;
    const r = await admin.agent.post(`/rt/${rt.id}/ubah`).type('form').send({ _csrf: admin.csrf, chairName: rt.chairName, secretaryName: 'Sekretaris Baru', treasurerName: rt.treasurerName ?? '', bankAccount: '20 9876 5432' });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe(`/rt/${rt.id}`);
    const after = s.registry.findRt(rt.id)!;
    expect(after.bankAccount).toBe('2098765432');
    expect(after.secretaryName).toBe('Sekretaris Baru');
    const row = s.audit.list({ action: 'registry.rt.bank_account', page: 1, pageSize: 1 }).rows[0]!;
    expect(row).toMatchObject({ actorName: 'admin', actorRole: 'admin', targetId: String(rt.id), kelurahanCode: '3374050005' });
    expect(JSON.parse(row.summary)).toEqual({
      before: { bankAccount: rt.bankAccount, secretaryName: rt.secretaryName },
      after: { bankAccount: '2098765432', secretaryName: 'Sekretaris Baru' },
    });
    const page = await admin.agent.get(`/rt/${rt.id}`);
    expect(page.text).toContain('Data RT 001 / RW 002 disimpan.');
    expect(page.text).toContain('2098765432');
  });

  it('deactivates an RT so that it gets no new allocation', async () => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const rt = s.registry.findRtByNumbers('3374050005', 3, 1)!;
    const r = await admin.agent.post(`/rt/${rt.id}/status`).type('form').send({ _csrf: admin.csrf, active: '0' });
    expect(r.status).toBe(303);
    expect(s.registry.findRt(rt.id)!.active).toBe(false);
    expect(s.registry.activeRts('3374050005').some((x) => x.id === rt.id)).toBe(false);
    const bad = await admin.agent.post(`/rt/${rt.id}/status`).type('form').send({ _csrf: admin.csrf, active: 'mungkin' });
    expect(bad.status).toBe(422);
  });
});

describe('uploading registry CSVs', () => {
  it.each<[string, string, Buffer, string[]]>([
    [
      'an RT file with bad rows (each named by its line)',
      '/admin/impor/rt',
      Buffer.from('kelurahan_code,rw,rt,chair_name,bank_account\n3374050005,20,1,Baru Satu,2011111111\n3374050005,20,2,Baru Dua,201111\n9999999999,20,3,Baru Tiga,2011111113\n'),
      ['Baris 3: nomor rekening harus tepat 10 angka', 'Baris 4: kode kelurahan 9999999999 tidak dikenal'],
    ],
    ['an empty wilayah file', '/admin/impor/wilayah', Buffer.alloc(0), []],
    ['a binary file named .csv', '/admin/impor/wilayah', Buffer.from([0x4d, 0x5a, 0, 0, 1, 2]), ['bukan CSV']],
  ])('refuses %s with 422 and imports nothing', async (_what, path, file, says) => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const before = s.registry.counts();
    const r = await admin.agent.post(path).field('_csrf', admin.csrf).attach('file', file, 'data.csv');
    expect(r.status).toBe(422);
    for (const text of says) expect(r.text).toContain(text);
    expect(s.registry.counts()).toEqual(before);
  });

  it('imports a good file, and the same file again changes nothing', async () => {
    const { app, s } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const csv = 'kelurahan_code,rw,rt,chair_name,bank_account\n3374050005,20,1,Baru Satu,2011111111\n3374050005,20,2,Baru Dua,2011111112\n';
    const first = await admin.agent.post('/admin/impor/rt').field('_csrf', admin.csrf).attach('file', Buffer.from(csv), 'rt.csv');
    expect(first.status).toBe(303);
    const rts = s.registry.counts().rt;
    const page = await admin.agent.get('/admin/impor');
    expect(page.text).toContain('2 baris, 2 baru');
    const second = await admin.agent.post('/admin/impor/rt').field('_csrf', admin.csrf).attach('file', Buffer.from(csv), 'rt.csv');
    expect(second.status).toBe(303);
    expect(s.registry.counts().rt).toBe(rts);
    expect((await admin.agent.get('/admin/impor')).text).toContain('0 baru, 0 diubah, 2 tetap');
  });
});

describe('audit log page', () => {
  it('filters by action and actor, paginates, and rejects a bad date with 422', async () => {
    const { app } = await seededApp();
    const admin = await signedIn(app, 'admin');
    const all = await admin.agent.get('/audit');
    expect(all.status).toBe(200);
    expect(all.text).toContain('Berikutnya');
    const logins = await admin.agent.get('/audit?action=auth.login&actor=admin');
    expect(logins.text).toContain('<span class="muted small mono">auth.login</span>');
    expect(logins.text).not.toContain('<span class="muted small mono">registry.rt.create</span>');
    const bad = await admin.agent.get('/audit?dari=kemarin');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Tanggal harus berformat');
  });

  it('shows a kecamatan-scoped auditor only its kecamatan', async () => {
    const { app, s } = await seededApp();
    const { username } = await aUser(s, { role: 'auditor', kecamatanCodes: ['3374010'] });
    const a = await signedIn(app, username);
    const r = await a.agent.get('/audit?action=registry.rt.create');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Tidak ada catatan yang cocok.');
  });
});

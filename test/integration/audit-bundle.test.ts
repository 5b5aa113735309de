/** The auditor's bundle: accepted fresh, refused when a CSV amount, an evidence file or a journal line is changed. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readZip, verifyBundleFiles } from '../../src/app/verify-bundle';
import type { Services } from '../../src/app/services';
import { tempDbPath } from '../helpers/db';
import { binary, csrfFrom, seededApp, signedIn, type Agent } from '../helpers/http';

let s: Services;
let auditor: Agent;
let bendahara: Agent;
let zipFile: string;
let bendaharaCsrf: string;
let auditorCsrf: string;


beforeAll(async () => {
  const app = await seededApp({}, () => new Date('2026-11-28T03:00:00Z'));
  s = app.s;
  const a = await signedIn(app.app, 'auditor');
  const b = await signedIn(app.app, 'bendahara.pleburan');
  auditor = a.agent;
  auditorCsrf = a.csrf;
  bendahara = b.agent;
  bendaharaCsrf = b.csrf;
  const res = await auditor.get('/laporan/bundel?tahun=2026&kelurahan=3374050005').buffer(true).parse(binary);
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toContain('bundel-audit-2026-Pleburan.zip');
  zipFile = `${tempDbPath()}.zip`;
  fs.writeFileSync(zipFile, res.body as Buffer);
});

describe('auditor bundle', () => {
  it('holds the statement, the CSVs, the evidence, the hledger journal and a MANIFEST with the chain head', async () => {
    const files = await readZip(zipFile);
    for (const name of ['statement.pdf', 'journal.csv', 'postings.csv', 'balances.csv', 'receipts.csv', 'jurnal-2026.journal', 'MANIFEST.txt']) expect(files.has(name)).toBe(true);
    expect([...files.keys()].filter((n) => n.startsWith('evidence/')).length).toBeGreaterThan(10);
    expect(files.get('MANIFEST.txt')!.toString()).toContain(`kepala rantai hash buku besar saat ekspor: ${s.ledger.head()!.hash}`);
    expect(s.audit.count('report.download')).toBeGreaterThanOrEqual(1);
  });

  it('npm run verify-bundle accepts a fresh bundle', () => {
    const out = execFileSync('npx', ['tsx', 'scripts/verify-bundle.ts', zipFile], { encoding: 'utf8' });
    expect(out).toMatch(/^OK: \d+ berkas sesuai MANIFEST, \d+ jurnal seimbang/);
  });

  it('refuses a changed CSV amount, a removed evidence file and an edited journal line, naming each', async () => {
    const fresh = await readZip(zipFile);
    const changed = new Map(fresh);
    changed.set('balances.csv', Buffer.from(fresh.get('balances.csv')!.toString().replace(/,25000000\n/, ',25000001\n')));
    expect(verifyBundleFiles(changed).problems.join('\n')).toContain('balances.csv: isi berubah');

    const removed = new Map(fresh);
    const evidence = [...fresh.keys()].find((n) => n.startsWith('evidence/'))!;
    removed.delete(evidence);
    const r2 = verifyBundleFiles(removed);
    expect(r2.ok).toBe(false);
    expect(r2.problems.join('\n')).toContain(`${evidence}: tercantum di MANIFEST tetapi tidak ada`);

    const edited = new Map(fresh);
    edited.set('journal.csv', Buffer.from(fresh.get('journal.csv')!.toString().replace('Alokasi 2026 RT 001 / RW 001', 'Alokasi 2026 RT 009 / RW 001')));
    // Even with the MANIFEST rewritten to match, the entry's own hash gives the edit away.
    const manifest = fresh.get('MANIFEST.txt')!.toString().replace(/^[0-9a-f]{64} {2}journal\.csv$/m, `${(await import('node:crypto')).createHash('sha256').update(edited.get('journal.csv')!).digest('hex')}  journal.csv`);
    edited.set('MANIFEST.txt', Buffer.from(manifest));
    const r3 = verifyBundleFiles(edited);
    expect(r3.problems.some((p) => /jurnal #\d+: hash tidak cocok/.test(p))).toBe(true);

    const cli = spawnSync('npx', ['tsx', 'scripts/verify-bundle.ts', `${zipFile}.missing`], { encoding: 'utf8' });
    expect(cli.status).not.toBe(0);
  });

  it('is for its bendahara and auditors within their scope', async () => {
    expect((await bendahara.get('/laporan/bundel?tahun=2026')).status).toBe(200);
    expect((await bendahara.get('/laporan/bundel?tahun=2026&kelurahan=3374050006')).status).toBe(404);
  });

  it('as a background job: a progress page for its owner only, then a download that verifies; writers are not blocked meanwhile', async () => {
    const reports = await auditor.get('/laporan?tahun=2026');
    expect(reports.text).toContain('action="/laporan/bundel?tahun=2026"');
    const started = await auditor.post('/laporan/bundel?tahun=2026&kelurahan=3374050005').type('form').send({ _csrf: auditorCsrf });
    expect(started.status).toBe(303);
    const jobPath = started.headers.location as string;
    expect(jobPath).toMatch(/^\/laporan\/bundel\/proses\/[A-Za-z0-9_-]{16}$/);
    // While the job runs on its own snapshot, the server's connection still takes writes.
    s.db.transaction(() => s.audit.record({ userId: null, username: 'test', role: 'system', kelurahanCode: null, rtId: null, kecamatanCodes: null }, null, { action: 'test.write', targetType: 'test' }));
    let page = await auditor.get(jobPath);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<progress');
    for (let i = 0; i < 100 && !page.text.includes('Unduh bundel'); i++) {
      expect(page.text).toContain('http-equiv="refresh"');
      await new Promise((r) => setTimeout(r, 100));
      page = await auditor.get(jobPath);
    }
    expect(page.text).toContain('Unduh bundel');
    expect(page.text).not.toContain('http-equiv="refresh"');
    // Someone else's job does not exist for them.
    expect((await bendahara.get(jobPath)).status).toBe(404);
    expect((await bendahara.get(`${jobPath}/unduh`)).status).toBe(404);
    const res = await auditor.get(`${jobPath}/unduh`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('bundel-audit-2026-Pleburan.zip');
    const file = `${tempDbPath()}.zip`;
    fs.writeFileSync(file, res.body as Buffer);
    expect(execFileSync('npx', ['tsx', 'scripts/verify-bundle.ts', file], { encoding: 'utf8' })).toMatch(/^OK: /);
    // The bendahara's button starts a job for its own kelurahan; another kelurahan is 404.
    expect((await bendahara.post('/laporan/bundel?tahun=2026').type('form').send({ _csrf: bendaharaCsrf })).status).toBe(303);
    expect((await bendahara.post('/laporan/bundel?tahun=2026&kelurahan=3374050006').type('form').send({ _csrf: bendaharaCsrf })).status).toBe(404);
  });
});

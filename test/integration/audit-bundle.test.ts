/** The auditor's bundle: accepted fresh, refused when a CSV amount, an evidence file or a journal line is changed. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readZip, verifyBundleFiles } from '../../src/app/verify-bundle';
import type { Services } from '../helpers/db';
import { tempDbPath } from '../helpers/db';
import { binary, seededApp, signedIn, type Agent } from '../helpers/http';
import { runScript } from '../helpers/scripts';

// One seeded app and one bundle for the whole file, because building the bundle is the slow part
// and the tests read it: they check the zip, its copies and who may fetch it. The last test
// also starts background jobs and writes one audit row, which no other test looks at.
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

  it('npm run verify-bundle accepts a fresh bundle', async () => {
    const r = await runScript('verify-bundle', [zipFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^OK: \d+ berkas sesuai MANIFEST, \d+ jurnal seimbang/);
  });

  type Bundle = Map<string, Buffer>;
  it.each<[string, (fresh: Bundle) => Promise<{ files: Bundle; problem: string | RegExp }>]>([
    [
      'a changed CSV amount',
      async (fresh) => {
        const files = new Map(fresh);
        files.set('balances.csv', Buffer.from(fresh.get('balances.csv')!.toString().replace(/,25000000\n/, ',25000001\n')));
        return { files, problem: 'balances.csv: isi berubah' };
      },
    ],
    [
      'a removed evidence file',
      async (fresh) => {
        const files = new Map(fresh);
        const evidence = [...fresh.keys()].find((n) => n.startsWith('evidence/'))!;
        files.delete(evidence);
        return { files, problem: `${evidence}: tercantum di MANIFEST tetapi tidak ada` };
      },
    ],
    [
      'an edited journal.csv line, even with the MANIFEST rewritten to match (journal.jsonl, the exact entries, gives it away)',
      async (fresh) => {
        const files = new Map(fresh);
        files.set('journal.csv', Buffer.from(fresh.get('journal.csv')!.toString().replace('Alokasi 2026 RT 001 / RW 001', 'Alokasi 2026 RT 009 / RW 001')));
        const sha = createHash('sha256').update(files.get('journal.csv')!).digest('hex');
        files.set('MANIFEST.txt', Buffer.from(fresh.get('MANIFEST.txt')!.toString().replace(/^[0-9a-f]{64} {2}journal\.csv$/m, `${sha}  journal.csv`)));
        return { files, problem: /journal\.csv jurnal #\d+: berbeda dari journal\.jsonl \(kolom description\)/ };
      },
    ],
  ])('refuses a bundle with %s, naming it', async (_what, edit) => {
    const fresh = await readZip(zipFile);
    expect((await verifyBundleFiles(fresh)).problems).toEqual([]);
    const { files, problem } = await edit(fresh);
    const r = await verifyBundleFiles(files);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.text).join('\n')).toMatch(problem);
  });

  it('npm run verify-bundle refuses a file that is not there', async () => {
    const cli = await runScript('verify-bundle', [`${zipFile}.missing`]);
    expect(cli.code).not.toBe(0);
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
    const verified = await runScript('verify-bundle', [file]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^OK: /);
    // The bendahara's button starts a job for its own kelurahan; another kelurahan is 404.
    expect((await bendahara.post('/laporan/bundel?tahun=2026').type('form').send({ _csrf: bendaharaCsrf })).status).toBe(303);
    expect((await bendahara.post('/laporan/bundel?tahun=2026&kelurahan=3374050006').type('form').send({ _csrf: bendaharaCsrf })).status).toBe(404);
  });
});

/**
 * The bundle from the export side: a separate implementation (scripts/independent/verify_chain.py,
 * Python's standard library only) recomputes every entry hash of a fresh bundle and agrees with the
 * app, and refuses an edited one; export:bundle refuses, loudly and with nothing left behind, when
 * the evidence files are not where EVIDENCE_DIR says.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAuditBundle } from '../../src/app/export-bundle';
import { readZip } from '../../src/app/verify-bundle';
import { isDomainError } from '../../src/domain/errors';
import { seededServices, tempDbPath, type Services } from '../helpers/db';
import { fixManifest, text, type Bundle } from '../helpers/bundle';
import { runScript } from '../helpers/scripts';

const PLEBURAN = '3374050005';
let s: Services;
let fresh: Bundle;

beforeAll(async () => {
  s = await seededServices(() => new Date('2026-11-28T03:00:00Z'));
  const zipFile = `${tempDbPath()}.zip`;
  const out = fs.createWriteStream(zipFile);
  const closed = new Promise<void>((r) => out.on('close', () => r()));
  await exportAuditBundle(s, { year: 2026, kelurahanCode: PLEBURAN }, out);
  await closed;
  fresh = await readZip(zipFile);
});

function unzipTo(files: Bundle): string {
  const dir = `${tempDbPath()}.unzipped`;
  for (const [name, body] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

const python = (dir: string) => spawnSync('python3', ['scripts/independent/verify_chain.py', dir], { encoding: 'utf8' });

describe('independent recomputation (Python)', () => {
  it('recomputes every entry hash of a fresh bundle and agrees with the app', () => {
    const r = python(unzipTo(fresh));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const lines = text(fresh, 'journal.jsonl').split('\n').filter(Boolean).length;
    expect(r.stdout).toContain(`OK: ${lines} entries recomputed`);
    expect(lines).toBeGreaterThan(50);
  });

  it('refuses an edited entry (MANIFEST fixed) and a line that is valid JSON but not the canonical text', () => {
    const edited = fixManifest(new Map([...fresh].map(([k, v]) => [k, k === 'journal.jsonl' ? Buffer.from(v.toString().replace('Alokasi 2026', 'Alokasi 2O26')) : v])));
    const r = python(unzipTo(edited));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/PROBLEM: entry \d+: recomputed hash [0-9a-f]{16} differs from chain\.csv/);
    const spaced = fixManifest(new Map([...fresh].map(([k, v]) => [k, k === 'journal.jsonl' ? Buffer.from(v.toString().replace(/^\[2,(\d+),/, '[2, $1,')) : v])));
    const r2 = python(unzipTo(spaced));
    expect(r2.status).toBe(1);
    expect(r2.stdout).toMatch(/journal\.jsonl line is not canonical text/);
  });
});

describe('missing evidence', () => {
  it('exportAuditBundle refuses before writing a byte (bundle_evidence_missing)', async () => {
    const copy = await seededServices(() => new Date('2026-11-28T03:00:00Z'));
    // One photo of a 2026 receipt, certainly in the bundle's scope (a folder picked by name may hold none).
    const sha = copy.db.sqlite.prepare(`SELECT f.sha256 FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id WHERE r.year = 2026 ORDER BY f.id LIMIT 1`).pluck().get() as string;
    fs.rmSync(copy.evidence.pathOf(sha));
    const out = new PassThrough();
    let bytes = 0;
    out.on('data', (c: Buffer) => (bytes += c.length));
    const error = await exportAuditBundle(copy, { year: 2026, kelurahanCode: null }, out).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDomainError(error) ? error.code : error).toBe('bundle_evidence_missing');
    expect(bytes).toBe(0);
  });

  it('npm run export:bundle with a wrong EVIDENCE_DIR exits 1 with a clear message and leaves no file', async () => {
    const out = `${tempDbPath()}.zip`;
    const r = await runScript('export:bundle', ['--year', '2026', '--kelurahan', PLEBURAN, '--out', out], { DATABASE_PATH: s.db.sqlite.name, EVIDENCE_DIR: '/tmp/dana-rt-no-such-evidence-dir' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/GAGAL: Bundel tidak dibuat: \d+ berkas bukti tidak ada di penyimpanan bukti \(EVIDENCE_DIR\)/);
    expect(r.stderr).toContain('EVIDENCE_DIR sekarang: /tmp/dana-rt-no-such-evidence-dir');
    expect(fs.existsSync(out)).toBe(false);
  });
});

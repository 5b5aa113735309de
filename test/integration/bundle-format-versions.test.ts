/**
 * Old audit bundles (brief 30a, item 2). pre-dossier-plans.csv became a required file of the
 * bundle while the format stayed dana-rt-bundle/2, so a bundle an auditor downloaded before it
 * (same format, no such file) was refused. The format owner's fix: new bundles say
 * dana-rt-bundle/3 and must carry the file; a dana-rt-bundle/2 bundle without it still verifies,
 * with a note in the report that the pre-dossier check is not in that format version (not a
 * problem, not a silent pass); an unknown format is refused. Old bundles are made the way an
 * auditor would hold them: a fresh export with the format line set back to 2 and the file and its
 * MANIFEST line removed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundleFiles } from '../../src/app/verify-bundle';
import { MIGRATIONS_DIR } from '../../src/db/client';
import { BUNDLE_FORMAT } from '../../src/reports/bundle-format';
import { exportedBundle } from '../helpers/bundle';
import { seededServices, tempDbPath, type Services } from '../helpers/db';

const PLEBURAN = '3374050005';
const FILE = 'pre-dossier-plans.csv';

const bundleOf = (s: Services) => exportedBundle(s, PLEBURAN, `${tempDbPath()}.zip`);

/** The bundle with its MANIFEST's format line set to `format`, and without `drop` (the file and its MANIFEST line). */
function asFormat(files: ReadonlyMap<string, Buffer>, format: string, drop: string | null = null): Map<string, Buffer> {
  const out = new Map(files);
  const manifest = out
    .get('MANIFEST.txt')!
    .toString('utf8')
    .split('\n')
    .map((l) => (l.startsWith('# format: ') ? `# format: ${format}` : l))
    .filter((l) => drop === null || !l.endsWith(`  ${drop}`));
  out.set('MANIFEST.txt', Buffer.from(manifest.join('\n')));
  if (drop) out.delete(drop);
  return out;
}

/** One byte more at the end of `name`: its MANIFEST hash no longer holds. */
function tampered(files: Map<string, Buffer>, name: string): Map<string, Buffer> {
  files.set(name, Buffer.concat([files.get(name)!, Buffer.from('\n')]));
  return files;
}

/** A plan row as the application wrote it before the dossier rule, listed by migration 0028 (as in bundle-pre-dossier.test.ts). */
function anOldListedPlan(s: Services): void {
  const rtId = s.registry.rtsOfKelurahan(PLEBURAN).at(-1)!.id;
  s.db.sqlite
    .prepare(
      `INSERT INTO plans (rt_id, year, version, status, total, submitted_at, decided_at, created_at, updated_at)
       VALUES (?, 2026, 1, 'approved', 25000000, '2026-01-20T02:00:00.000Z', '2026-01-25T02:00:00.000Z', '2026-01-18T02:00:00.000Z', '2026-01-25T02:00:00.000Z')`,
    )
    .run(rtId);
  s.db.sqlite.exec('DROP TABLE pre_dossier_plans');
  const text = fs.readFileSync(path.join(MIGRATIONS_DIR, '0028_pre_dossier_plans.sql'), 'utf8');
  s.db.sqlite.transaction(() => {
    for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) s.db.sqlite.exec(statement);
  })();
}

const NOTE = /format dana-rt-bundle\/2.*pre-dossier-plans\.csv.*tidak termasuk/;

let fresh: Map<string, Buffer>;
let withOldPlan: Map<string, Buffer>;
let withErased: Map<string, Buffer>;

/** The insider's edit: an approved plan, submitted under the dossier rule (its audited submission records it), loses its requirement behind the application. */
function eraseARequirement(s: Services): void {
  const { id } = s.db.sqlite
    .prepare(`SELECT p.id FROM plans p JOIN rt ON rt.id = p.rt_id WHERE rt.kelurahan_code = ? AND p.year = 2026 AND p.status = 'approved' AND p.dossier_required IS NOT NULL ORDER BY p.id LIMIT 1`)
    .get(PLEBURAN) as { id: number };
  s.db.sqlite.prepare('UPDATE plans SET dossier_required = NULL WHERE id = ?').run(id);
}

beforeAll(async () => {
  fresh = await bundleOf(await seededServices());
  const s = await seededServices();
  anOldListedPlan(s);
  withOldPlan = await bundleOf(s);
  const e = await seededServices();
  eraseARequirement(e);
  withErased = await bundleOf(e);
});

interface Row {
  name: string;
  files: () => Map<string, Buffer>;
  ok: boolean;
  /** A problem the report must name (refused rows). */
  problem?: RegExp;
  /** Whether the report carries the note that the pre-dossier check is not in the bundle's format. */
  note: boolean;
}

const ROWS: Row[] = [
  { name: 'v3 with the file', files: () => new Map(fresh), ok: true, note: false },
  { name: 'v3 without the file (and its MANIFEST line)', files: () => asFormat(fresh, 'dana-rt-bundle/3', FILE), ok: false, problem: /pre-dossier-plans\.csv: berkas wajib tidak ada/, note: false },
  { name: 'v2 without the file (downloaded before it existed)', files: () => asFormat(fresh, 'dana-rt-bundle/2', FILE), ok: true, note: true },
  { name: 'v2 without the file, holding a plan submitted before the dossier rule', files: () => asFormat(withOldPlan, 'dana-rt-bundle/2', FILE), ok: true, note: true },
  { name: 'v2 with the file (downloaded after it came, before v3): checked as v3', files: () => asFormat(withOldPlan, 'dana-rt-bundle/2'), ok: true, note: false },
  { name: 'v2 without the file, another file tampered', files: () => tampered(asFormat(fresh, 'dana-rt-bundle/2', FILE), 'receipts.csv'), ok: false, problem: /receipts\.csv: isi berubah/, note: true },
  { name: 'v2 with the file, the file tampered', files: () => tampered(asFormat(fresh, 'dana-rt-bundle/2'), FILE), ok: false, problem: /pre-dossier-plans\.csv: isi berubah/, note: false },
  { name: 'v3, a requirement erased behind the application', files: () => new Map(withErased), ok: false, problem: /diajukan tanpa syarat berkas yang tercatat/, note: false },
  // The downgrade: the same bundle relabelled as format 2 and the list dropped, to skip the check. The audit half still refuses it.
  { name: 'v2 without the file, a requirement erased behind the application (relabelled to skip the check)', files: () => asFormat(withErased, 'dana-rt-bundle/2', FILE), ok: false, problem: /pengajuannya \(log audit #\d+\) mencatat syarat berkas/, note: true },
  { name: 'an unknown format', files: () => asFormat(fresh, 'dana-rt-bundle/9'), ok: false, problem: /MANIFEST\.txt: format dana-rt-bundle\/9 tidak dikenal/, note: false },
  { name: 'no format line', files: () => asFormat(fresh, '').set('MANIFEST.txt', Buffer.from(fresh.get('MANIFEST.txt')!.toString('utf8').replace(/^# format: .*\n/m, ''))), ok: false, problem: /MANIFEST\.txt: format \(tidak ada\)/, note: false },
];

describe('bundle format versions', () => {
  it('new bundles say dana-rt-bundle/3', () => {
    expect(BUNDLE_FORMAT).toBe('dana-rt-bundle/3');
    expect(fresh.get('MANIFEST.txt')!.toString('utf8')).toMatch(/^# format: dana-rt-bundle\/3$/m);
    expect(fresh.has(FILE)).toBe(true);
  });

  it.each(ROWS)('$name: ok $ok, note $note', async (row) => {
    const r = await verifyBundleFiles(row.files());
    const problems = r.problems.map((p) => p.text).join('\n');
    expect(r.ok, problems).toBe(row.ok);
    if (row.problem) expect(problems).toMatch(row.problem);
    // The note is a line of its own, never a problem: a v2 bundle without the file is not failed for it, nor passed in silence.
    expect(r.notes.some((n) => NOTE.test(n)), r.notes.join('\n')).toBe(row.note);
    expect(problems).not.toMatch(NOTE);
    if (row.note) expect(problems).not.toMatch(/pre-dossier-plans\.csv|RAP #\d+ .*diajukan tanpa syarat berkas/);
  });

  it('the command prints the note beside OK for a v2 bundle without the file', () => {
    const dir = fs.mkdtempSync(`${tempDbPath()}-v2`);
    const v2 = asFormat(fresh, 'dana-rt-bundle/2', FILE);
    const zip = path.join(dir, 'bundel-v2.zip');
    // The ZIP as an auditor holds it: every file written back, zipped with the system's zip.
    for (const [name, bytes] of v2) {
      fs.mkdirSync(path.dirname(path.join(dir, 'x', name)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'x', name), bytes);
    }
    execFileSync('zip', ['-q', '-r', '-D', zip, '.'], { cwd: path.join(dir, 'x') });
    const out = execFileSync('npx', ['tsx', 'scripts/verify-bundle.ts', zip], { encoding: 'utf8' });
    expect(out).toMatch(/^OK: /m);
    expect(out).toMatch(/^Catatan: .*format dana-rt-bundle\/2.*pre-dossier-plans\.csv.*tidak termasuk/m);
  });
});

/**
 * The kelurahan bundle carries the plans exempt from the dossier (brief 29a, item 3):
 * pre-dossier-plans.csv, migration 0028's list for the bundle's plans, so verify-bundle (offline)
 * checks what `verify` checks: a plan past its draft without a recorded requirement must be
 * listed, and a listed plan's audited submission must not record a dossier. Attacks first: an
 * insider's exemption added in the database (trigger dropped, requirement erased) before an
 * honest export; a requirement erased without listing; a row added to the bundle afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundleFiles } from '../../src/app/verify-bundle';
import { verifyDossierExemptions } from '../../src/app/verify-dossier';
import { MIGRATIONS_DIR } from '../../src/db/client';
import { exportedBundle } from '../helpers/bundle';
import { seededServices, tempDbPath, type Services } from '../helpers/db';

const PLEBURAN = '3374050005';

const bundleOf = (s: Services) => exportedBundle(s, PLEBURAN, `${tempDbPath()}.zip`);
const problemsOf = async (files: ReadonlyMap<string, Buffer>) => (await verifyBundleFiles(files)).problems.map((p) => p.text);

/** A plan row as the application wrote it before issue 17 (no requirement), straight into the file. */
function anOldPlan(s: Services, rtId: number): number {
  const r = s.db.sqlite
    .prepare(
      `INSERT INTO plans (rt_id, year, version, status, total, submitted_at, decided_at, created_at, updated_at)
       VALUES (?, 2026, 1, 'approved', 25000000, '2026-01-20T02:00:00.000Z', '2026-01-25T02:00:00.000Z', '2026-01-18T02:00:00.000Z', '2026-01-25T02:00:00.000Z')`,
    )
    .run(rtId);
  return Number(r.lastInsertRowid);
}

function rerunMigration0028(s: Services): void {
  s.db.sqlite.exec('DROP TABLE pre_dossier_plans');
  const text = fs.readFileSync(path.join(MIGRATIONS_DIR, '0028_pre_dossier_plans.sql'), 'utf8');
  s.db.sqlite.transaction(() => {
    for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) s.db.sqlite.exec(statement);
  })();
}

/** A Pleburan plan of 2026 submitted under the dossier rule (its audited submission records it). */
const aPlanUnderTheRule = (s: Services) =>
  (s.db.sqlite.prepare(`SELECT p.id FROM plans p JOIN rt ON rt.id = p.rt_id WHERE rt.kelurahan_code = ? AND p.year = 2026 AND p.status = 'approved' AND p.dossier_required IS NOT NULL ORDER BY p.id LIMIT 1`).get(PLEBURAN) as { id: number }).id;

describe('the bundle carries pre-dossier-plans.csv and verify-bundle holds it to the audit log', () => {
  it('a fresh bundle carries the file (header only) and passes', async () => {
    const s = await seededServices();
    const files = await bundleOf(s);
    expect(files.get('pre-dossier-plans.csv')!.toString('utf8').replace(/^\uFEFF/, '').trim()).toBe('plan_id,status,submitted_at,recorded_at');
    expect(await problemsOf(files)).toEqual([]);
  });

  it('a plan listed by the migration is carried and accepted offline, as verify accepts it', async () => {
    const s = await seededServices();
    const old = anOldPlan(s, s.registry.rtsOfKelurahan(PLEBURAN).at(-1)!.id);
    rerunMigration0028(s);
    expect(verifyDossierExemptions(s)).toEqual([]);
    const files = await bundleOf(s);
    expect(files.get('pre-dossier-plans.csv')!.toString('utf8')).toMatch(new RegExp(`^\\uFEFF?plan_id,[^\\n]*\\n${old},approved,`, 'm'));
    expect(await problemsOf(files)).toEqual([]);
  });

  it('an insider’s exemption added in the database (trigger dropped, requirement erased) is named by verify-bundle', async () => {
    const s = await seededServices();
    const id = aPlanUnderTheRule(s);
    s.db.sqlite.exec('DROP TRIGGER pre_dossier_plans_closed');
    s.db.sqlite.prepare(`INSERT INTO pre_dossier_plans (plan_id, status, submitted_at, recorded_at) VALUES (?, 'approved', NULL, '2026-01-01T00:00:00.000Z')`).run(id);
    s.db.sqlite.prepare('UPDATE plans SET dossier_required = NULL WHERE id = ?').run(id);
    expect(verifyDossierExemptions(s).join('\n')).toMatch(new RegExp(`RAP #${id}: tercatat sebagai RAP yang diajukan sebelum berkas diminta`));
    const problems = await problemsOf(await bundleOf(s));
    expect(problems.join('\n')).toMatch(new RegExp(`RAP #${id}: tercatat sebagai RAP yang diajukan sebelum berkas diminta, padahal pengajuannya \\(log audit #\\d+\\) mencatat syarat berkas`));
  });

  it('a requirement erased without listing the plan is named by verify-bundle', async () => {
    const s = await seededServices();
    const id = aPlanUnderTheRule(s);
    s.db.sqlite.prepare('UPDATE plans SET dossier_required = NULL WHERE id = ?').run(id);
    const problems = await problemsOf(await bundleOf(s));
    expect(problems.join('\n')).toMatch(new RegExp(`RAP #${id} \\(RT #\\d+, approved\\): diajukan tanpa syarat berkas yang tercatat`));
  });

  it('a row added to pre-dossier-plans.csv after the export breaks its MANIFEST hash and names a plan not in plans.csv', async () => {
    const s = await seededServices();
    const files = await bundleOf(s);
    files.set('pre-dossier-plans.csv', Buffer.concat([files.get('pre-dossier-plans.csv')!, Buffer.from('999999,approved,,2026-01-01T00:00:00.000Z\n')]));
    const problems = (await problemsOf(files)).join('\n');
    expect(problems).toMatch(/pre-dossier-plans\.csv/);
    expect(problems).toContain('RAP #999999 tercatat sebagai RAP yang diajukan sebelum berkas diminta, tetapi tidak ada di plans.csv');
  });

  it('a bundle without the file is incomplete', async () => {
    const s = await seededServices();
    const files = await bundleOf(s);
    files.delete('pre-dossier-plans.csv');
    expect((await problemsOf(files)).join('\n')).toMatch(/pre-dossier-plans\.csv/);
  });
});

/**
 * Plans submitted before the dossier was asked for (issue 18, gap 5): migration 0028 lists them
 * once, so `verify` knows exactly which submitted plans carry no dossier requirement by right.
 * A plan listed by the migration passes; the list is closed to new plans (trigger); a plan whose
 * requirement is erased, or which is listed after it was submitted under the dossier rule, is
 * named by verify (the tamper rows are in test/reliability/record-tamper.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/client';
import { verifyDossierExemptions } from '../../src/app/verify-dossier';
import { savePlan } from '../../src/app/save-plan';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import { onePagePdf } from '../../src/app/seed-documents';
import { aCompleteDossier, aUser } from '../builders';
import { seededServices } from '../helpers/db';

const PLEBURAN = '3374050005';

/** A plan row as the application wrote it before issue 17 (no requirement, no dossier), straight into the file. */
function anOldPlan(s: Awaited<ReturnType<typeof seededServices>>, rtId: number, status: string): number {
  const r = s.db.sqlite
    .prepare(
      `INSERT INTO plans (rt_id, year, version, status, total, submitted_at, decided_at, created_at, updated_at)
       VALUES (?, 2025, 1, ?, 25000000, '2025-07-20T02:00:00.000Z', '2025-07-25T02:00:00.000Z', '2025-07-18T02:00:00.000Z', '2025-07-25T02:00:00.000Z')`,
    )
    .run(rtId, status);
  return Number(r.lastInsertRowid);
}

/**
 * Runs migration 0028's SQL again over the file as it stands (as it ran on the production file).
 * Its statements are run directly: the migrator applies only migrations newer than the newest
 * applied one, and later migrations follow 0028.
 */
function rerunMigration0028(s: Awaited<ReturnType<typeof seededServices>>): void {
  s.db.sqlite.exec('DROP TABLE pre_dossier_plans');
  const text = fs.readFileSync(path.join(MIGRATIONS_DIR, '0028_pre_dossier_plans.sql'), 'utf8');
  s.db.sqlite.transaction(() => {
    for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) s.db.sqlite.exec(statement);
  })();
}

describe('plans submitted before the dossier (migration 0028)', () => {
  it('a fresh database lists no plan: every submitted plan records its requirement, and verify finds nothing to excuse', async () => {
    const s = await seededServices();
    expect((s.db.sqlite.prepare('SELECT COUNT(*) AS n FROM pre_dossier_plans').get() as { n: number }).n).toBe(0);
    expect(s.plans.unrecordedDossiers()).toEqual([]);
    expect(verifyDossierExemptions(s)).toEqual([]);
  });

  it('the migration lists the old submitted plans (not drafts or returned ones); verify accepts exactly those', async () => {
    const s = await seededServices();
    const rts = s.registry.rtsOfKelurahan(PLEBURAN).slice(-3);
    const approved = anOldPlan(s, rts[0]!.id, 'approved');
    const superseded = anOldPlan(s, rts[1]!.id, 'superseded');
    const returned = anOldPlan(s, rts[2]!.id, 'returned');
    // Before the migration lists them, verify names both submitted ones.
    expect(verifyDossierExemptions(s).join('\n')).toMatch(new RegExp(`RAP #${approved} .*diajukan tanpa syarat berkas yang tercatat`));
    rerunMigration0028(s);
    const listed = (s.db.sqlite.prepare('SELECT plan_id AS id FROM pre_dossier_plans ORDER BY plan_id').all() as Array<{ id: number }>).map((r) => r.id);
    expect(listed).toEqual([approved, superseded]);
    expect(listed).not.toContain(returned);
    expect(verifyDossierExemptions(s)).toEqual([]);
  });

  it('the list is closed: no plan can be added, changed or removed through the database', async () => {
    const s = await seededServices();
    const old = anOldPlan(s, s.registry.rtsOfKelurahan(PLEBURAN).at(-1)!.id, 'approved');
    rerunMigration0028(s);
    const fresh = anOldPlan(s, s.registry.rtsOfKelurahan(PLEBURAN).at(-2)!.id, 'approved');
    expect(() => s.db.sqlite.prepare(`INSERT INTO pre_dossier_plans (plan_id, status, recorded_at) VALUES (?, 'approved', '2026-01-01')`).run(fresh)).toThrow(/never exempt from the dossier/);
    expect(() => s.db.sqlite.prepare(`UPDATE pre_dossier_plans SET plan_id = ? WHERE plan_id = ?`).run(fresh, old)).toThrow(/never change/);
    expect(() => s.db.sqlite.prepare(`DELETE FROM pre_dossier_plans WHERE plan_id = ?`).run(old)).toThrow(/never change/);
    // The plan written after the migration without a requirement is named.
    expect(verifyDossierExemptions(s).join('\n')).toMatch(new RegExp(`RAP #${fresh} .*bukan RAP yang diajukan sebelum berkas diminta \\(migrasi 0028\\)`));
  });

  it('a plan submitted now records its requirement, so it can never rely on the list', async () => {
    const s = await seededServices();
    const rt = s.registry.findRtByNumbers(PLEBURAN, 3, 7)!;
    const chair = (await aUser(s, { role: 'ketua_rt', rtId: rt.id })).actor;
    await aCompleteDossier(s, chair, rt.id);
    const file = await s.evidence.put(await onePagePdf('BERITA ACARA', ['RT 007 / RW 003 sekarang']), 'application/pdf', 'ba.pdf');
    const plan = savePlan(s, chair, { rtId: rt.id, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true });
    expect(s.plans.find(plan.id)!.dossierRequired).not.toBeNull();
    expect(s.plans.unrecordedDossiers().map((u) => u.planId)).not.toContain(plan.id);
  });
});

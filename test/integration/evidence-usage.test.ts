/**
 * An RT's yearly evidence quota is read from evidence_usage, a table kept by triggers (db/0032),
 * instead of a join over its receipts', plans' and plan documents' files asked three times per
 * upload. The join of the first version is kept here as the oracle: on the seeded city, after a
 * receipt, after a berita acara replaced, after a file reference deleted, the table answers
 * what the join answers. An insider who edits the table (to free room, or to fill an RT's
 * quota) is named by verify.
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidenceUsage } from '../../src/app/evidence-quota';
import { recordReceipt } from '../../src/app/record-receipt';
import { seededPhoto } from '../../src/app/seed-documents';
import { verifyLedger } from '../../src/app/verify-ledger';
import { checklistOf } from '../../src/domain/grants/evidence-kinds';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import { toActor } from '../../src/db/user-repository';
import { requestTranche } from '../../src/app/request-tranche';
import type { Services } from '../helpers/db';
import { seededServices } from '../helpers/db';

const PLEBURAN = '3374050005';
const NOW = new Date('2026-10-20T03:00:00Z');

/** The quota's join as it was before db/0032 (evidence-repository.ts), verbatim. */
const JOIN = `SELECT COALESCE(SUM(ef.size), 0) AS bytes FROM evidence_files ef WHERE ef.sha256 IN (
   SELECT rf.sha256 FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id WHERE r.rt_id = ? AND r.year = ?
   UNION SELECT p.berita_acara_sha256 FROM plans p WHERE p.rt_id = ? AND p.year = ? AND p.berita_acara_sha256 IS NOT NULL
   UNION SELECT d.sha256 FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE p.rt_id = ? AND p.year = ?)`;

let s: Services;
let rtId: number;
const joined = (rt: number, year = 2026) => (s.db.sqlite.prepare(JOIN).get(rt, year, rt, year, rt, year) as { bytes: number }).bytes;
/** Every RT and year holding a record with a file. */
const holders = () =>
  s.db.sqlite
    .prepare(`SELECT DISTINCT rt_id AS rtId, year FROM receipts UNION SELECT DISTINCT rt_id, year FROM plans`)
    .all() as Array<{ rtId: number; year: number }>;

beforeAll(async () => {
  s = await seededServices(() => NOW);
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
});
afterAll(() => s.db.close());

describe('the kept quota use equals the join of the first version', () => {
  it('for every RT and year of the seeded city (receipts of every status, plans, plan documents)', () => {
    const all = holders();
    expect(all.length).toBeGreaterThan(10);
    let nonZero = 0;
    for (const h of all) {
      expect(s.evidenceFiles.bytesUsedBy(h.rtId, h.year), `RT #${h.rtId} ${h.year}`).toBe(joined(h.rtId, h.year));
      if (joined(h.rtId, h.year) > 0) nonZero += 1;
    }
    expect(nonZero).toBeGreaterThan(5);
    expect(verifyEvidenceUsage(s)).toEqual([]);
  });

  it.each<[string, () => Promise<void> | void]>([
    [
      'a plan with its berita acara and documents, then a receipt with its photos',
      async () => {
        const chair = (await aUser(s, { role: 'ketua_rt', rtId })).actor;
        const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
        approvePlanFully(s, bendahara, (await aSubmittedPlan(s, chair)).id);
        const t = requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat warga', amount: 2_000_000 }], requestKey: 'usage-tranche' });
        approveAndPay(s, bendahara, t.id);
        const year = s.years.find(2026, '2026-10-20')!;
        const files = [];
        for (const kind of checklistOf(year.categories.find((c) => c.code === 'SOS')!)) {
          const png = await sharp(await seededPhoto(`usage ${kind}`)).png().toBuffer();
          files.push({ ...(await s.evidence.put(png, 'image/png', `${kind}.png`)), kind });
        }
        recordReceipt(s, chair, { rtId, year: 2026, date: '2026-10-20', category: 'SOS', description: 'Konsumsi rapat warga', vendor: 'Warung Bu Sri', notaNumber: 'U-1', amount: 150_000, items: [], files, requestKey: 'usage-receipt' });
      },
    ],
    [
      "a plan's berita acara replaced: the old file no longer counts, the new one does",
      async () => {
        const plan = s.plans.versions(rtId, 2026).find((p) => p.beritaAcaraSha256)!;
        const pdf = Buffer.from(`%PDF-1.4 berita acara pengganti ${randomBytes(8).toString('hex')}`);
        const file = await s.evidence.put(pdf, 'application/pdf', 'ba.pdf');
        s.evidenceFiles.ensure(file, NOW.toISOString());
        s.plans.update(plan.id, { beritaAcaraSha256: file.sha256, beritaAcaraName: 'ba.pdf' });
      },
    ],
    [
      'a file reference deleted by hand (no use case does): the file no longer counts unless another record holds it',
      () => {
        const row = s.db.sqlite.prepare(`SELECT rf.id FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id WHERE r.rt_id = ? ORDER BY rf.id DESC LIMIT 1`).get(rtId) as { id: number };
        s.db.sqlite.prepare(`DELETE FROM receipt_files WHERE id = ?`).run(row.id);
      },
    ],
  ])('after %s', async (_what, act) => {
    const before = s.evidenceFiles.bytesUsedBy(rtId, 2026);
    await act();
    const after = s.evidenceFiles.bytesUsedBy(rtId, 2026);
    expect(after).toBe(joined(rtId));
    expect(after).not.toBe(before);
    expect(verifyEvidenceUsage(s)).toEqual([]);
  });
});

describe('an insider who edits the kept use is named by verify', () => {
  it.each<[string, string, RegExp]>([
    ['a row deleted (room freed for more uploads)', `DELETE FROM evidence_usage WHERE (rt_id, year, sha256) IN (SELECT rt_id, year, sha256 FROM evidence_usage WHERE rt_id = ${'$RT'} LIMIT 1)`, /dipegang catatan tetapi tidak terhitung/],
    ['a file counted that no record holds (an RT made full)', `INSERT INTO evidence_usage (rt_id, year, sha256, size) VALUES (${'$RT'}, 2026, '${'f'.repeat(64)}', 500000000)`, /tidak dipegang catatan mana pun/],
    ['a size made smaller', `UPDATE evidence_usage SET size = 1 WHERE (rt_id, year, sha256) IN (SELECT rt_id, year, sha256 FROM evidence_usage WHERE rt_id = ${'$RT'} LIMIT 1)`, /tidak terhitung[\s\S]*tidak dipegang|tidak dipegang[\s\S]*tidak terhitung/],
  ])('%s', async (_what, tamper, says) => {
    const t = await seededServices(() => NOW);
    try {
      const rt = t.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
      expect(verifyEvidenceUsage(t)).toEqual([]);
      t.db.sqlite.exec(tamper.replaceAll('$RT', String(rt)));
      const problems = verifyEvidenceUsage(t);
      expect(problems.join('\n')).toMatch(says);
      expect(problems.join('\n')).toContain(`RT #${rt} tahun 2026`);
      const report = verifyLedger(t, [], { evidence: false });
      expect(report.ok).toBe(false);
      expect(report.problems.join('\n')).toMatch(says);
    } finally {
      t.db.close();
    }
  });
});

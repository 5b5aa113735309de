/**
 * `npm run risk:refresh` (the nightly cron job of README "Operations") on a database with dirty
 * grantees, run as a user runs it: exit 0, nothing left dirty, every active grantee of the open
 * year computed, and verify's recomputation agrees with what it stored.
 */
import { describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/app/bootstrap';
import { verifyRiskFlags } from '../../src/app/verify-risk';
import { seededServices } from '../helpers/db';
import { runScript } from '../helpers/scripts';

describe('npm run risk:refresh', () => {
  it('on a database with dirty grantees exits 0 and leaves none dirty', async () => {
    const s = await seededServices();
    const file = s.db.sqlite.name;
    const evidenceDir = `${file}.evidence`;
    // Dirty marks as they arise: the trigger on a receipt written, and every active grantee
    // marked (what the server's daily stale marking does).
    const receipt = s.db.sqlite.prepare(`SELECT id, rt_id AS rtId, year FROM receipts WHERE status = 'pending' ORDER BY id LIMIT 1`).get() as { id: number; rtId: number; year: number };
    s.db.sqlite.prepare(`DELETE FROM risk_dirty`).run();
    s.db.sqlite.prepare(`UPDATE receipts SET flags = flags WHERE id = ?`).run(receipt.id);
    expect(s.risk.isDirty(receipt.year, receipt.rtId)).toBe(true);
    const grantees = s.registry.activeRts().map((r) => r.id);
    s.risk.markDirty(2026, grantees);
    expect(s.risk.dirtyCount()).toBeGreaterThanOrEqual(grantees.length);
    s.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    s.db.close();

    const r = await runScript('risk:refresh', [], { DATABASE_PATH: file, EVIDENCE_DIR: evidenceDir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Selesai: \d+ penerima dihitung ulang dalam \d+ ms\./);

    const after = bootstrap({ databasePath: file, evidenceDir });
    try {
      expect(after.risk.dirtyCount()).toBe(0);
      expect(after.db.sqlite.prepare(`SELECT count(*) AS n FROM risk_dirty`).get()).toEqual({ n: 0 });
      const computed = new Set(after.risk.states(2026).map((st) => st.rtId));
      expect(grantees.filter((id) => !computed.has(id))).toEqual([]);
      expect(verifyRiskFlags(after)).toMatchObject({ problems: [], waiting: 0 });
    } finally {
      after.db.close();
    }
  });
});

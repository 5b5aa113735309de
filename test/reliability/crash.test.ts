/**
 * The crash test, quick version (npm test): the real server SIGKILLed five times under real
 * HTTP traffic; after each kill nothing acknowledged is lost or doubled, nothing half there.
 * The full run (at least 50 kills, and kills during a new install's seed) is npm run test:crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOrSeed } from '../../src/app/first-start';
import { seedBase, seedDemo } from '../../src/app/seed';
import { verifyLedger } from '../../src/app/verify-ledger';
import { runCrashTest } from '../../scripts/lib/crash/run';

describe('crash test (quick)', () => {
  it('survives five SIGKILLs under traffic: every acknowledged operation found once, none half there', async () => {
    const lines: string[] = [];
    const s = await runCrashTest({ kills: 5, seed: 8, spenders: 3, drawers: 1, upMs: [700, 2_000], startupKillShare: 0.2, seedKills: 0, log: (l) => lines.push(l) });
    const report = [...lines, ...s.anomalies, ...s.problems].join('\n');
    expect(s.problems, report).toEqual([]);
    expect(s.anomalies, report).toEqual([]);
    expect(s.kills).toBe(5);
    expect(s.acked, report).toBeGreaterThan(10);
    expect(s.found, report).toBe(s.acked);
    expect({ lost: s.lost, duplicates: s.duplicates, halfThere: s.halfThere, unknownAtEnd: s.unknownAtEnd }).toEqual({ lost: 0, duplicates: 0, halfThere: 0, unknownAtEnd: 0 });
    expect(s.verifyCli, report).toMatch(/^OK/);
    expect(s.ok, report).toBe(true);
  }, 240_000);
});

describe('first start', () => {
  it('a seed that dies halfway leaves a blank database, and the next start seeds the whole city', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-first-start-'));
    const cfg = { databasePath: path.join(dir, 'dana-rt.sqlite'), evidenceDir: path.join(dir, 'evidence') };
    await expect(
      openOrSeed(cfg, async (s) => {
        seedBase(s); // the wilayah and the years are in; the RTs, users and money flow never come
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    const { s, seeded } = await openOrSeed(cfg, (fresh) => seedDemo(fresh, { production: false }));
    expect(seeded).toMatchObject({ rts: 670, users: 10 });
    expect(s.users.findByUsername('bendahara.pleburan')).toBeDefined();
    expect(s.users.findByUsername('bpkad')).toMatchObject({ role: 'bpkad' });
    expect(verifyLedger(s).ok).toBe(true);
    // Seeded once: a later start opens it as it is.
    s.db.close();
    const again = await openOrSeed(cfg, () => Promise.reject(new Error('must not seed again')));
    expect(again.seeded).toBeUndefined();
    again.s.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

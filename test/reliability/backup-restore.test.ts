/**
 * Backup and restore under write load: the real server on a temporary database takes writes
 * over HTTP (an admin editing an RT, the bendahara verifying receipts, each a ledger entry)
 * while a second process-local writer records receipts with evidence into the same file;
 * `npm run backup` runs in the middle of it. The backup is restored into a new place, `npm run
 * verify` passes there, every operation acknowledged before the backup started is in it, none
 * started after the backup ended is, and its ledger is a prefix of the live one.
 *
 * RELIABILITY=full takes several backups during a longer run, each restored and checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { seededPhoto } from '../../src/app/seed-documents';
import { afterAll, describe, expect, it } from 'vitest';
import { backupTo } from '../../src/app/backup';
import { MANIFEST } from '../../src/app/backup-manifest';
import { EvidenceStore } from '../../src/app/evidence-store';
import { recordReceipt } from '../../src/app/record-receipt';
import { requestTranche } from '../../src/app/request-tranche';
import { restoreFrom, RestoreRefused } from '../../src/app/restore';
import type { Services } from '../helpers/db';
import { toActor } from '../../src/db/user-repository';
import type { Actor } from '../../src/domain/access';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import { seededServices } from '../helpers/db';
import { signedIn } from '../helpers/http';
import { runScript } from '../helpers/scripts';
import { startServer } from '../helpers/server';

const FULL = process.env.RELIABILITY === 'full';
const BACKUPS = FULL ? 5 : 1;
const PLEBURAN = '3374050005';
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-backup-'));
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

interface Op {
  kind: 'receipt.record' | 'receipt.verify' | 'rt.edit';
  /** receipt id, or the chair name written */
  key: string;
  startedAt: number;
  ackedAt: number;
}

/** A small valid PNG whose pixels are unique to n (the same pixels are refused when reused). */
const uniquePng = async (n: number) => sharp(await seededPhoto(`backup ${n}`)).png().toBuffer();

/** An RT chair of a fresh RT with an approved plan and Rp2.000.000 drawn, on the live file. */
async function chairWithCash(s: Services): Promise<{ chair: Actor; rtId: number }> {
  const rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  const { actor: chair } = await aUser(s, { username: 'ketua.beban', role: 'ketua_rt', rtId });
  const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
  const plan = await aSubmittedPlan(s, chair);
  approvePlanFully(s, bendahara, plan.id);
  approveAndPay(s, bendahara, requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat', amount: 2_000_000 }], requestKey: 'backup-test-tranche' }).id);
  return { chair, rtId };
}

describe('backup and restore under write load', () => {
  it(`takes ${BACKUPS} consistent backup(s) while writes continue; each restores, verifies, and holds every acknowledged operation`, async () => {
    const clock = new Date('2026-10-20T03:00:00Z');
    const t0 = Date.now();
    const phases: string[] = [];
    const phase = (name: string) => phases.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    const s = await seededServices(() => clock);
    phase('seeded');
    const live = { databasePath: s.db.sqlite.name, evidenceDir: s.evidence.dir };
    const { chair, rtId } = await chairWithCash(s);
    const server = await startServer({ DATABASE_PATH: live.databasePath, EVIDENCE_DIR: live.evidenceDir });
    phase('server up');
    const ops: Op[] = [];
    let stop = false;
    const failures: string[] = [];
    try {
      const admin = await signedIn(server.url, 'admin');
      const bendahara = await signedIn(server.url, 'bendahara.pleburan');
      const editedRt = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!;
      const toVerify: number[] = [];

      // Writer 1, in this process on the same file: the chair records Rp500 receipts with a photo
      // (the administration cap of 2,5 % leaves room for 1,250 of them).
      const recorder = (async () => {
        for (let n = 1; !stop && failures.length === 0; n++) {
          const startedAt = Date.now();
          const file = await s.evidence.put(await uniquePng(n), 'image/png', `nota-${n}.png`);
          const r = recordReceipt(s, chair, {
            rtId, year: 2026, date: '2026-10-20', category: 'ADM', description: `Fotokopi ${n}`, vendor: 'Toko Beban', notaNumber: `B-${n}`,
            amount: 500, items: [], files: [{ ...file, kind: 'nota' }], requestKey: `backup-load-${n}`,
          });
          ops.push({ kind: 'receipt.record', key: String(r.id), startedAt, ackedAt: Date.now() });
          toVerify.push(r.id);
          await new Promise((res) => setTimeout(res, 5));
        }
      })().catch((e: Error) => void failures.push(`record: ${e.message}`));
      // Writer 2, the server: the bendahara verifies each recorded receipt (one journal entry each).
      const verifier = (async () => {
        while (!stop) {
          const id = toVerify.shift();
          if (id === undefined) {
            await new Promise((res) => setTimeout(res, 5));
            continue;
          }
          const startedAt = Date.now();
          const r = await bendahara.agent.post(`/kuitansi/${id}/verifikasi`).type('form').send({ _csrf: bendahara.csrf });
          if (r.status === 303) ops.push({ kind: 'receipt.verify', key: String(id), startedAt, ackedAt: Date.now() });
          else failures.push(`verify ${id}: ${r.status}`);
        }
      })();
      // Writer 3, the server: an admin edits an RT's chair name again and again (audit rows).
      const editor = (async () => {
        for (let n = 1; !stop; n++) {
          const chairName = `Ketua Beban ${n}`;
          const startedAt = Date.now();
          const r = await admin.agent.post(`/rt/${editedRt.id}/ubah`).type('form').send({ _csrf: admin.csrf, chairName, bankAccount: editedRt.bankAccount });
          if (r.status === 303) ops.push({ kind: 'rt.edit', key: chairName, startedAt, ackedAt: Date.now() });
          else failures.push(`edit ${n}: ${r.status}`);
          await new Promise((res) => setTimeout(res, 10));
        }
      })();

      const until = async (count: number) => {
        while (ops.length < count && failures.length === 0) await new Promise((res) => setTimeout(res, 20));
      };
      const backups: Array<{ b: number; dir: string; startedAt: number; endedAt: number; ackedBefore: Op[]; during: number; stdout: string }> = [];
      for (let b = 1; b <= BACKUPS; b++) {
        await until(ops.length + (FULL ? 60 : 30));
        const dir = path.join(WORK, `backup-${b}`);
        const startedAt = Date.now();
        const ackedBefore = ops.filter((o) => o.ackedAt < startedAt);
        const backup = await runScript('backup', [dir], { DATABASE_PATH: live.databasePath, EVIDENCE_DIR: live.evidenceDir });
        const endedAt = Date.now();
        expect(backup.code, backup.stderr).toBe(0);
        phase(`backup ${b} (${endedAt - startedAt} ms)`);
        backups.push({ b, dir, startedAt, endedAt, ackedBefore, during: ops.filter((o) => o.ackedAt >= startedAt && o.ackedAt <= endedAt).length, stdout: backup.stdout.trim() });
        await until(ops.length + 10); // writes go on after the backup too
      }
      stop = true;
      await Promise.all([recorder, verifier, editor]);
      expect(failures).toEqual([]);
      await server.stop();

      const figures: string[] = [];
      for (const { b, dir, endedAt, ackedBefore, during, stdout } of backups) {
        const target = { DATABASE_PATH: path.join(WORK, `restored-${b}`, 'dana-rt.sqlite'), EVIDENCE_DIR: path.join(WORK, `restored-${b}`, 'evidence') };
        const restored = await runScript('restore', [dir], target);
        expect(restored.code, restored.stderr).toBe(0);
        phase(`restored ${b}`);
        const verified = await runScript('verify', [], target);
        expect(verified.code, verified.stderr).toBe(0);
        phase(`verified ${b}`);
        expect(verified.stdout).toMatch(/^OK: \d+ jurnal/);

        const copy = new Database(target.DATABASE_PATH, { readonly: true });
        try {
          const missing: string[] = [];
          const leaked: string[] = [];
          const receipt = copy.prepare('SELECT status FROM receipts WHERE id = ?');
          const edit = copy.prepare(`SELECT 1 FROM audit_log WHERE action = 'registry.rt.update' AND target_id = ? AND summary LIKE ?`);
          const present = (o: Op) =>
            o.kind === 'rt.edit'
              ? !!edit.get(String(editedRt.id), `%"${o.key}"%`)
              : o.kind === 'receipt.record'
                ? !!receipt.get(Number(o.key))
                : (receipt.get(Number(o.key)) as { status: string } | undefined)?.status === 'verified';
          for (const o of ackedBefore) if (!present(o)) missing.push(`${o.kind} ${o.key}`);
          const after = ops.filter((x) => x.startedAt > endedAt);
          for (const o of after) if (present(o)) leaked.push(`${o.kind} ${o.key}`);
          expect(missing, 'acknowledged before the backup started, missing from the restored copy').toEqual([]);
          expect(after.length).toBeGreaterThan(0);
          expect(leaked, 'started after the backup ended, yet in the restored copy').toEqual([]);
          // The load RT's evidence came back (verify has checked every file's bytes against its hash).
          const files = copy.prepare(`SELECT DISTINCT f.sha256 FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id WHERE r.rt_id = ?`).all(rtId) as Array<{ sha256: string }>;
          const store = new EvidenceStore(target.EVIDENCE_DIR);
          expect(files.filter((f) => !fs.existsSync(store.pathOf(f.sha256)))).toEqual([]);
          // The restored ledger is a prefix of the live one: the same entries, hash for hash.
          const liveDb = new Database(live.databasePath, { readonly: true });
          try {
            const liveHash = liveDb.prepare('SELECT hash FROM journal_entries WHERE id = ?');
            const entries = copy.prepare('SELECT id, hash FROM journal_entries ORDER BY id').all() as Array<{ id: number; hash: string }>;
            expect(entries.filter((e) => (liveHash.get(e.id) as { hash: string } | undefined)?.hash !== e.hash)).toEqual([]);
            const liveCount = (liveDb.prepare('SELECT COUNT(*) AS n FROM journal_entries').get() as { n: number }).n;
            figures.push(
              `backup ${b}: ${stdout} | ${ackedBefore.length} operations acknowledged before it started, all restored; ` +
                `${during} acknowledged while it ran; ${after.length} started after it ended, none restored; ` +
                `restored ledger ${entries.length} of ${liveCount} live entries, hash for hash; ${files.length} evidence files of the load RT back`,
            );
          } finally {
            liveDb.close();
          }
        } finally {
          copy.close();
        }
      }
      const byKind = ops.reduce<Record<string, number>>((a, o) => ({ ...a, [o.kind]: (a[o.kind] ?? 0) + 1 }), {});
      console.log(`backup-restore: ${ops.length} operations acknowledged in all ${JSON.stringify(byKind)}\n${figures.join('\n')}\nphases: ${phases.join(', ')}`);
    } finally {
      stop = true;
      await server.stop();
      s.db.close();
    }
   }, FULL ? 900_000 : undefined);
});

describe('restore refuses what it must not do', () => {
  async function aBackup() {
    const s = await seededServices();
    const source = { databasePath: s.db.sqlite.name, evidenceDir: s.evidence.dir };
    s.db.close();
    const dir = fs.mkdtempSync(path.join(WORK, 'b-'));
    const report = await backupTo(source, dir);
    expect(report).toMatchObject({ badFiles: 0, problems: [] });
    const target = { databasePath: path.join(dir, '..', `${path.basename(dir)}-restored`, 'db.sqlite'), evidenceDir: path.join(dir, '..', `${path.basename(dir)}-restored`, 'evidence') };
    return { source, dir, report, target };
  }

  const refused = (fn: () => unknown): RestoreRefused => {
    try {
      fn();
    } catch (e) {
      if (e instanceof RestoreRefused) return e;
      throw e;
    }
    throw new Error('restore was not refused');
  };

  it('will not replace an existing database without --force; with it, the old one is moved aside, not lost', async () => {
    const { dir, target } = await aBackup();
    restoreFrom(dir, target);
    const again = refused(() => restoreFrom(dir, target));
    expect(again.message).toMatch(/sudah ada dan mungkin sedang dipakai server.*--force/);
    const forced = restoreFrom(dir, target, { force: true });
    expect(forced.movedAside).toMatch(/\.before-restore-/);
    expect(fs.existsSync(forced.movedAside!)).toBe(true);
    expect(fs.existsSync(target.databasePath)).toBe(true);
  });

  it('refuses a backup with a damaged evidence file, a damaged database copy, or no MANIFEST, and touches nothing', async () => {
    const { dir, report, target } = await aBackup();
    const rel = fs.readFileSync(path.join(dir, MANIFEST), 'utf8').split('\n').find((l) => l.includes('  evidence/'))!.split('  ')[1]!;
    const bytes = fs.readFileSync(path.join(dir, rel));
    fs.writeFileSync(path.join(dir, rel), Buffer.concat([bytes, Buffer.from('x')]));
    const e1 = refused(() => restoreFrom(dir, target));
    expect(e1.problems.join('\n')).toContain(`${rel} tidak cocok dengan SHA-256 di MANIFEST`);
    fs.writeFileSync(path.join(dir, rel), bytes);

    // A copy that matches its MANIFEST but not its own chain (a MANIFEST rewritten to match): verify catches it.
    const db = new Database(path.join(dir, 'dana-rt.sqlite'));
    db.exec(`DROP TRIGGER journal_entries_no_update; UPDATE journal_entries SET description = 'diubah' WHERE id = 7;`);
    db.close();
    const manifest = fs.readFileSync(path.join(dir, MANIFEST), 'utf8');
    const { sha256OfFile } = await import('../../src/app/verify-evidence');
    fs.writeFileSync(path.join(dir, MANIFEST), manifest.replace(/^[0-9a-f]{64}(?= {2}dana-rt\.sqlite$)/m, sha256OfFile(path.join(dir, 'dana-rt.sqlite'))));
    const e2 = refused(() => restoreFrom(dir, target));
    expect(e2.message).toMatch(/tidak lolos verifikasi/);
    expect(e2.problems.join('\n')).toMatch(/jurnal #7: hash tidak cocok/);

    fs.rmSync(path.join(dir, MANIFEST));
    expect(() => restoreFrom(dir, target)).toThrow(/bukan cadangan yang lengkap/);
    expect(fs.existsSync(target.databasePath)).toBe(false);
    expect(fs.readdirSync(path.dirname(target.databasePath)).filter((f) => !f.startsWith('evidence'))).toEqual([]);
    expect(report.evidenceFiles).toBeGreaterThan(30);
  });

  it('will not back up into a folder that already holds a backup', async () => {
    const { source, dir } = await aBackup();
    await expect(backupTo(source, dir)).rejects.toThrow(/sudah berisi cadangan/);
  });
});

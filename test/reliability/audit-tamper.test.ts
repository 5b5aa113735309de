/**
 * The audit log as evidence: edits made straight into the SQLite file of a seeded demo (triggers
 * dropped and put back by a careful intruder) to users, RT bank accounts, the year's rules, the
 * audit log itself or the triggers are found by `npm run verify`, which names the user, RT, year,
 * audit row or trigger in Indonesian. Each case works on its own copy; the happy paths (the seed,
 * a typical flow through the use cases, the command-line scripts) verify OK.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/app/bootstrap';
import { changeProgrammeYearRules } from '../../src/app/create-programme-year';
import { PLEBURAN } from '../../src/app/seed';
import { editRt } from '../../src/app/edit-rt';
import { changeUserScope, resetPassword, setUserActive } from '../../src/app/manage-users';
import { verifyLedger, type VerifyReport } from '../../src/app/verify-ledger';
import { auditHash, type AuditContent } from '../../src/domain/audit/audit-chain';
import { toActor } from '../../src/domain/access';
import { aSubmittedPlan, aUser, approvePlanFully } from '../builders';
import { freshServices, seededServices, tempDbPath } from '../helpers/db';
import { runScript } from '../helpers/scripts';

interface Copy {
  file: string;
  evidenceDir: string;
}

async function seededCopy(): Promise<Copy> {
  const s = await seededServices();
  const copy = { file: s.db.sqlite.name, evidenceDir: s.evidence.dir };
  s.db.close();
  return copy;
}

/** Plain better-sqlite3 (no application code): triggers dropped, the edit, triggers put back. */
function tamper(c: Copy, edit: (db: Database.Database) => void, { restoreTriggers = true } = {}): void {
  const db = new Database(c.file);
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string }>;
  db.pragma('foreign_keys = OFF');
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  edit(db);
  if (restoreTriggers) for (const t of triggers) db.exec(t.sql);
  db.close();
}

function verify(c: Copy): VerifyReport {
  const s = bootstrap({ databasePath: c.file, evidenceDir: c.evidenceDir });
  try {
    return verifyLedger(s, [], { evidence: false });
  } finally {
    s.db.close();
  }
}

const verifyCli = (c: Copy) => runScript('verify', ['--skip-evidence'], { DATABASE_PATH: c.file, EVIDENCE_DIR: c.evidenceDir });

interface Targets {
  chair: { id: number; rtId: number };
  adminHash: string;
  rt: { id: number; bankAccount: string };
  audit: { sealId: number; lastId: number; middleId: number };
  auditorId: number;
}

let targets: Targets;
/** A seeded copy with one more user through the use case: an auditor of one kecamatan. */
let base: Copy;

beforeAll(async () => {
  const s = await seededServices();
  const auditor = await aUser(s, { role: 'auditor', username: 'auditor.selatan', kecamatanCodes: ['3374050'] });
  const one = <T>(sql: string, ...args: unknown[]) => s.db.sqlite.prepare(sql).get(...args) as T;
  const chair = one<{ id: number; rtId: number }>(`SELECT id, rt_id AS rtId FROM users WHERE username = 'ketua.pleburan'`);
  targets = {
    chair,
    adminHash: one<{ h: string }>(`SELECT password_hash AS h FROM users WHERE username = 'admin'`).h,
    rt: one<{ id: number; bankAccount: string }>(`SELECT id, bank_account AS bankAccount FROM rt WHERE id = ?`, chair.rtId),
    audit: {
      sealId: one<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'audit.seal'`).id,
      lastId: one<{ id: number }>(`SELECT max(id) AS id FROM audit_log`).id,
      middleId: one<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'plan.approve' ORDER BY id LIMIT 1`).id,
    },
    auditorId: auditor.id,
  };
  s.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  base = { file: s.db.sqlite.name, evidenceDir: s.evidence.dir };
  s.db.close();
  expect(verify(base)).toMatchObject({ ok: true, problems: [] });
});

function copyOfBase(): Copy {
  const file = tempDbPath();
  fs.copyFileSync(base.file, file);
  return { file, evidenceDir: base.evidenceDir };
}

interface Case {
  name: string;
  run: (c: Copy) => void;
  /** Each message verify must print (one per thing named). */
  expect: () => RegExp[];
}

/** An audit row rewritten and its own hash recomputed: the next row's link names it. */
function rehash(db: Database.Database, id: number): void {
  const r = db
    .prepare(
      `SELECT id, at, actor_user_id AS actorUserId, actor_name AS actorName, actor_role AS actorRole, action, target_type AS targetType, target_id AS targetId,
       kelurahan_code AS kelurahanCode, kecamatan_code AS kecamatanCode, summary, ip, prev_hash AS prevHash FROM audit_log WHERE id = ?`,
    )
    .get(id) as AuditContent & { prevHash: string };
  db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?').run(auditHash(r.prevHash, r), id);
}

const CASES: Case[] = [
  {
    name: 'a chair made admin (role and password hash)',
    run: (c) =>
      tamper(c, (db) => db.prepare(`UPDATE users SET role = 'admin', rt_id = NULL, kelurahan_code = NULL, password_hash = ? WHERE id = ?`).run(targets.adminHash, targets.chair.id)),
    expect: () => [
      new RegExp(`pengguna ketua\\.pleburan \\(#${targets.chair.id}\\): peran admin di basis data, riwayat audit mengatakan ketua_rt`),
      new RegExp(`pengguna ketua\\.pleburan \\(#${targets.chair.id}\\): cakupan seluruh kota di basis data, riwayat audit mengatakan kelurahan 3374050005, RT #${targets.chair.rtId}`),
      new RegExp(`pengguna ketua\\.pleburan \\(#${targets.chair.id}\\): hash kata sandi di basis data bukan yang tercatat di riwayat audit`),
    ],
  },
  {
    name: 'audit rows deleted from the middle',
    run: (c) => tamper(c, (db) => db.prepare('DELETE FROM audit_log WHERE id IN (?, ?)').run(targets.audit.middleId, targets.audit.middleId + 1)),
    expect: () => [new RegExp(`log audit #${targets.audit.middleId + 2}: baris audit #${targets.audit.middleId}–#${targets.audit.middleId + 1} hilang sebelum baris ini \\(dihapus\\)`)],
  },
  {
    name: 'an audit row rewritten (who approved the plan)',
    run: (c) => tamper(c, (db) => db.prepare(`UPDATE audit_log SET actor_name = 'bendahara.lain' WHERE id = ?`).run(targets.audit.middleId)),
    expect: () => [new RegExp(`log audit #${targets.audit.middleId}: hash tidak cocok dengan isi baris \\(isi baris audit diubah\\)`)],
  },
  {
    name: 'an audit row rewritten with its own hash recomputed',
    run: (c) =>
      tamper(c, (db) => {
        db.prepare(`UPDATE audit_log SET summary = '{"before":null,"after":{"status":"returned"}}' WHERE id = ?`).run(targets.audit.middleId);
        rehash(db, targets.audit.middleId);
      }),
    expect: () => [new RegExp(`log audit #${targets.audit.middleId + 1}: prev_hash tidak sama dengan hash baris sebelumnya`)],
  },
  {
    name: 'the seal rewritten (a user slipped into its baseline)',
    run: (c) =>
      tamper(c, (db) => {
        db.prepare(`UPDATE audit_log SET summary = replace(summary, '"legacyRows":0', '"legacyRows":1') WHERE id = ?`).run(targets.audit.sealId);
      }),
    expect: () => [new RegExp(`log audit #${targets.audit.sealId}: (hash tidak cocok|baris audit sebelum rantai dimulai tidak sama)`)],
  },
  {
    name: 'the whole audit log emptied',
    run: (c) => tamper(c, (db) => db.exec('DELETE FROM audit_log')),
    expect: () => [/log audit kosong padahal ada \d+ pengguna dan \d+ RT \(baris audit dihapus\)/],
  },
  {
    name: 'a row without hash added after the chain began',
    run: (c) =>
      tamper(c, (db) =>
        db
          .prepare(`INSERT INTO audit_log (id, at, actor_name, actor_role, action, target_type, target_id, summary) VALUES (?, '2026-06-01T00:00:00.000Z', 'admin', 'admin', 'user.create', 'user', '999', '{}')`)
          .run(targets.audit.lastId + 1),
      ),
    expect: () => [new RegExp(`log audit #${targets.audit.lastId + 1}: baris tanpa hash sesudah rantai audit dimulai`)],
  },
  {
    name: 'an append-only trigger replaced by a no-op of the same name, then an audit row edited through it',
    run: (c) => {
      const db = new Database(c.file);
      db.exec(`DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END`);
      db.prepare(`UPDATE audit_log SET ip = '10.0.0.66' WHERE id = ?`).run(targets.audit.middleId);
      db.close();
    },
    expect: () => [
      /pemicu audit_log_no_update diganti: isi SQL-nya bukan yang dibuat migrasi/,
      new RegExp(`log audit #${targets.audit.middleId}: hash tidak cocok dengan isi baris`),
    ],
  },
  {
    name: 'an unknown trigger added',
    run: (c) => tamper(c, (db) => db.exec(`CREATE TRIGGER rt_quiet AFTER UPDATE ON rt BEGIN SELECT 1; END`)),
    expect: () => [/pemicu tak dikenal: rt_quiet \(dibuat di luar aplikasi\)/],
  },
  {
    name: "an RT's bank account redirected",
    run: (c) => tamper(c, (db) => db.prepare(`UPDATE rt SET bank_account = '2099999999' WHERE id = ?`).run(targets.rt.id)),
    expect: () => [new RegExp(`RT #${targets.rt.id} \\(RT 001/RW 001, kelurahan 3374050005\\): rekening bank 2099999999 di basis data, riwayat audit mengatakan ${targets.rt.bankAccount}`)],
  },
  {
    name: "the programme year's rules switched off",
    run: (c) =>
      tamper(c, (db) =>
        db.exec(`UPDATE programme_year SET rules = json_set(rules, '$.gates.previousSpjVerified', json('false'), '$.gates.withinAllocation', json('false')) WHERE year = 2026`),
      ),
    expect: () => [/tahun program 2026: aturan di basis data berbeda dari riwayat audit \(berbeda: rules\.gates\.withinAllocation, rules\.gates\.previousSpjVerified\)/],
  },
  {
    name: "a user's scope widened (an auditor of one kecamatan made the whole city's)",
    run: (c) => tamper(c, (db) => db.prepare(`UPDATE users SET kecamatan_codes = NULL WHERE id = ?`).run(targets.auditorId)),
    expect: () => [new RegExp(`pengguna auditor\\.selatan \\(#${targets.auditorId}\\): cakupan seluruh kota di basis data, riwayat audit mengatakan kecamatan 3374050`)],
  },
  {
    name: 'a disabled user enabled again in the file',
    run: (c) => {
      tamper(c, (db) => db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(targets.auditorId));
    },
    expect: () => [new RegExp(`pengguna auditor\\.selatan \\(#${targets.auditorId}\\): nonaktif di basis data, riwayat audit mengatakan aktif`)],
  },
  {
    name: 'a forged users row',
    run: (c) =>
      tamper(c, (db) =>
        db
          .prepare(`INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES ('siluman', 'Siluman', ?, 'admin', '2026-01-01T00:00:00.000Z')`)
          .run(targets.adminHash),
      ),
    expect: () => [/pengguna siluman \(#\d+\) tidak ada di riwayat audit \(dibuat di luar aplikasi\)/],
  },
];

describe('audit tamper: verify names the record changed in the file without its audit event', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const copy = copyOfBase();
    c.run(copy);
    const r = verify(copy);
    expect(r.ok).toBe(false);
    for (const m of c.expect()) expect(r.problems.some((p) => m.test(p)), `${m}\n${r.problems.join('\n')}`).toBe(true);
    const cli = await verifyCli(copy);
    expect(cli.code).toBe(1);
    for (const m of c.expect()) expect(cli.stderr).toMatch(m);
    if (process.env.SHOW_VERIFY_MESSAGES) console.log(`## ${c.name}\n${cli.stderr}`);
  });

  it('random edits of random audit rows are each named by their row', () => {
    const columns = ['at', 'actor_name', 'action', 'target_id', 'summary', 'ip'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 6; i++) {
      const copy = copyOfBase();
      const id = targets.audit.sealId + 1 + rand(targets.audit.lastId - targets.audit.sealId);
      const col = columns[rand(columns.length)]!;
      tamper(copy, (db) => db.prepare(`UPDATE audit_log SET ${col} = coalesce(${col}, '') || 'x' WHERE id = ?`).run(id));
      const r = verify(copy);
      expect(r.problems, `audit row #${id}, column ${col}`).toContain(`log audit #${id}: hash tidak cocok dengan isi baris (isi baris audit diubah)`);
    }
  });
});

describe('audit happy paths: verify OK', () => {
  it('the seeded demo, through npm run verify', async () => {
    const cli = await verifyCli(await seededCopy());
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/log audit \d+ baris, rantai utuh, kepala [0-9a-f]{64}; pengguna, rekening RT dan aturan tahun program sesuai riwayat audit/);
  });

  it('after a typical flow of changes through the use cases, each audited with the state it set', async () => {
    const s = await seededServices();
    const admin = toActor(s.users.findByUsername('admin')!);
    const chair = s.users.findByUsername('ketua.pleburan')!;
    const auditor = await aUser(s, { role: 'auditor', kecamatanCodes: ['3374050'] });
    changeUserScope(s, admin, auditor.id, { role: 'auditor', kelurahanCode: null, rtId: null, kecamatanCodes: ['3374050', '3374010'] });
    const { temporary } = await resetPassword(s, admin, chair.id);
    expect(temporary.length).toBeGreaterThan(8);
    setUserActive(s, admin, auditor.id, false);
    const rt = s.registry.findRt(chair.rtId!)!;
    editRt(s, admin, rt.id, { chairName: rt.chairName, secretaryName: rt.secretaryName, treasurerName: rt.treasurerName, bankAccount: '2011111111' });
    changeProgrammeYearRules(s, admin, 2026, { spjDueDay: 12 });
    const other = s.registry.rtsOfKelurahan(PLEBURAN).find((r) => s.plans.versions(r.id, 2026).length === 0 && !s.users.list().some((u) => u.rtId === r.id))!;
    const otherChair = await aUser(s, { role: 'ketua_rt', rtId: other.id });
    approvePlanFully(s, toActor(s.users.findByUsername('bendahara.pleburan')!), (await aSubmittedPlan(s, otherChair.actor)).id);
    expect(verifyLedger(s, [], { evidence: false })).toMatchObject({ ok: true, problems: [] });

    const after = (action: string) => JSON.parse(s.audit.list({ action, page: 1, pageSize: 1 }).rows[0]!.summary).after as Record<string, unknown>;
    const newHash = s.users.findById(chair.id)!.passwordHash;
    expect(after('user.reset_password').passwordSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(s.audit.list({ page: 1, pageSize: 50 }).rows)).not.toContain(newHash);
    expect(after('user.change_scope')).toMatchObject({ role: 'auditor', kecamatanCodes: ['3374010', '3374050'] });
    expect(after('user.deactivate')).toMatchObject({ active: false });
    expect(after('registry.rt.bank_account')).toEqual({ bankAccount: '2011111111' });
    expect(after('programme_year.rules')).toMatchObject({ rulesSha256: expect.stringMatching(/^[0-9a-f]{64}$/), settings: { spjDueDay: 12 } });
    s.db.close();
  });

  it('a fresh install set up by the scripts (create-admin, import:wilayah, import:rt, re-import with a new account)', async () => {
    const file = tempDbPath();
    const env = { DATABASE_PATH: file, EVIDENCE_DIR: `${file}.evidence`, ADMIN_PASSWORD: 'kata-sandi-admin-panjang-1' };
    const csv = (name: string, text: string) => (fs.writeFileSync(`${file}.${name}.csv`, text), `${file}.${name}.csv`);
    expect((await runScript('user:create-admin', ['admin.kota', 'Admin Kota'], env)).code).toBe(0);
    expect((await runScript('import:wilayah', [csv('wilayah', 'kecamatan_code,kecamatan,kelurahan_code,kelurahan\n3374050,Semarang Selatan,3374050005,Pleburan\n')], env)).code).toBe(0);
    expect((await runScript('import:rt', [csv('rt', 'kelurahan_code,rw,rt,chair_name,bank_account\n3374050005,1,1,Agus Santoso,2000000001\n')], env)).code).toBe(0);
    expect((await runScript('import:rt', [csv('rt2', 'kelurahan_code,rw,rt,chair_name,bank_account\n3374050005,1,1,Agus Santoso,2000000009\n')], env)).code).toBe(0);
    const cli = await runScript('verify', ['--skip-evidence'], env);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
  });

  it('a database from before the chain: its rows sealed at the first write, an edit of them found later', () => {
    const s = freshServices();
    const legacy = s.db.sqlite.prepare(`INSERT INTO audit_log (at, actor_name, actor_role, action, target_type, target_id, summary) VALUES (?, 'admin', 'admin', 'plan.approve', 'plan', ?, '{}')`);
    for (let i = 1; i <= 3; i++) legacy.run(`2025-08-0${i}T00:00:00.000Z`, String(i));
    expect(verifyLedger(s, [], { evidence: false })).toMatchObject({ ok: true, problems: [] });
    s.db.transaction(() => s.audit.record(toActor({ id: 1, username: 'admin', role: 'admin', kelurahanCode: null, rtId: null, kecamatanCodes: null }), null, { action: 'auth.login', targetType: 'user', targetId: 1 }));
    const seal = s.db.sqlite.prepare(`SELECT id, summary FROM audit_log WHERE action = 'audit.seal'`).get() as { id: number; summary: string };
    expect(seal.id).toBe(4);
    expect(JSON.parse(seal.summary).after).toMatchObject({ legacyRows: 3, legacyLastId: 3 });
    expect(verifyLedger(s, [], { evidence: false })).toMatchObject({ ok: true, problems: [] });
    const copy = { file: s.db.sqlite.name, evidenceDir: s.evidence.dir };
    s.db.close();
    tamper(copy, (db) => db.exec(`UPDATE audit_log SET actor_name = 'lain' WHERE id = 2`));
    expect(verify(copy).problems).toContain('log audit #4: baris audit sebelum rantai dimulai tidak sama dengan yang disegel: segel mencatat 3 baris (sampai #3), sekarang 3 baris (sampai #3), isinya diubah');
  });
});

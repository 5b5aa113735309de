/** The ledger's guarantees at the database level, on fresh SQLite files with the real migrations. */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { allocateYear } from '../../src/app/allocate-year';
import { postEntry, reverseEntry } from '../../src/app/post-entry';
import { verifyLedger } from '../../src/app/verify-ledger';
import { DomainError } from '../../src/domain/errors';
import { CITY_APPROPRIATION, rtCashAccount, rtUndrawnAccount } from '../../src/domain/ledger/accounts';
import { aProgrammeYear, aRt, anEntry, SYSTEM } from '../builders';
import { freshServices, seededServices, tempDbPath } from '../helpers/db';

function allocatedRt() {
  const s = freshServices();
  aProgrammeYear(s, 2026);
  const rt = aRt(s);
  allocateYear(s, SYSTEM, { year: 2026 });
  return { s, rt };
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? e.code : String((e as Error).message);
  }
};

describe('append-only journal', () => {
  it('refuses raw UPDATE and DELETE on postings and entries', () => {
    const { s } = allocatedRt();
    const sql = s.db.sqlite;
    expect(() => sql.prepare('UPDATE postings SET amount = amount + 1 WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => sql.prepare('DELETE FROM postings WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => sql.prepare("UPDATE journal_entries SET description = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => sql.prepare('DELETE FROM journal_entries').run()).toThrow(/append-only/);
    expect(() => sql.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('refuses an extra posting on a complete entry and an unbalanced entry, at the database', () => {
    const { s } = allocatedRt();
    const sql = s.db.sqlite;
    expect(() => sql.prepare('INSERT INTO postings (entry_id, account_id, amount) VALUES (1, 1, 5)').run()).toThrow(/entry_already_complete/);
    const head = s.ledger.head()!;
    sql.prepare(
      `INSERT INTO journal_entries (id, year, event_type, event_ref, description, actor, occurred_on, recorded_at, idempotency_key, posting_count, debit_total, prev_hash, hash)
       VALUES (?, 2026, 'tranche', 'x', 'x', 'x', '2026-01-01', 'x', 'raw', 2, 100, ?, 'raw-hash')`,
    ).run(head.id + 1, head.hash);
    sql.prepare('INSERT INTO postings (entry_id, account_id, amount) VALUES (?, 1, 100)').run(head.id + 1);
    expect(() => sql.prepare('INSERT INTO postings (entry_id, account_id, amount) VALUES (?, 2, -99)').run(head.id + 1)).toThrow(/entry_not_balanced/);
  });

  it('verify names the entry whose amount was edited after the triggers were dropped', () => {
    const { s } = allocatedRt();
    expect(verifyLedger(s).ok).toBe(true);
    const sql = s.db.sqlite;
    sql.exec('DROP TRIGGER postings_no_update');
    sql.prepare('UPDATE postings SET amount = amount + 1000 WHERE entry_id = 1 AND amount > 0').run();
    const report = verifyLedger(s);
    expect(report.ok).toBe(false);
    expect(report.firstBrokenEntryId).toBe(1);
    expect(report.problems.join('\n')).toMatch(/jurnal #1/);
  });

  it('verify detects a deleted entry and a tampered cached balance', () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    aRt(s);
    aRt(s);
    aRt(s);
    allocateYear(s, SYSTEM, { year: 2026 });
    const sql = s.db.sqlite;
    sql.exec('DROP TRIGGER journal_entries_no_delete; DROP TRIGGER postings_no_delete; PRAGMA foreign_keys = OFF;');
    sql.prepare('DELETE FROM postings WHERE entry_id = 2').run();
    sql.prepare('DELETE FROM journal_entries WHERE id = 2').run();
    sql.prepare('UPDATE accounts SET balance = balance + 1 WHERE id = 1').run();
    const report = verifyLedger(s);
    expect(report.ok).toBe(false);
    expect(report.firstBrokenEntryId).toBe(3);
    expect(report.problems.some((p) => p.includes('saldo tersimpan'))).toBe(true);
  });
});

describe('posting rules', () => {
  it('each invalid entry is refused with its own code', () => {
    const { s, rt } = allocatedRt();
    const ref = { kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number };
    const cash = rtCashAccount(ref);
    const undrawn = rtUndrawnAccount(ref);
    const post = (o: Parameters<typeof anEntry>[0]) => codeOf(() => s.db.transaction(() => postEntry(s, anEntry(o))));
    expect(post({ postings: [{ account: cash, amount: 100 }, { account: undrawn, amount: -100 }] })).toBe('ok');
    expect(post({ postings: [{ account: 'aset:rt:nope:kas', amount: 100 }, { account: undrawn, amount: -100 }] })).toBe('account_unknown');
    expect(post({ year: 2031, postings: [{ account: cash, amount: 100 }, { account: undrawn, amount: -100 }] })).toBe('year_unknown');
    expect(post({ postings: [{ account: cash, amount: 100 }, { account: undrawn, amount: -90 }] })).toBe('entry_not_balanced');
    expect(codeOf(() => postEntry(s, anEntry()))).toMatch(/inside a transaction/);
  });

  it('an account of another year is unknown in this year', () => {
    const { s, rt } = allocatedRt();
    aProgrammeYear(s, 2027);
    const ref = { kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number };
    const code = codeOf(() =>
      s.db.transaction(() => postEntry(s, anEntry({ year: 2027, postings: [{ account: rtCashAccount(ref), amount: 5 }, { account: CITY_APPROPRIATION, amount: -5 }] }))),
    );
    expect(code).toBe('account_unknown');
  });

  it('the same idempotency key posts once; with other content it is a conflict', () => {
    const { s } = allocatedRt();
    const draft = anEntry({ idempotencyKey: 'form:abc' });
    const first = s.db.transaction(() => postEntry(s, draft));
    const again = s.db.transaction(() => postEntry(s, draft));
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.entry.id).toBe(first.entry.id);
    const other = anEntry({ idempotencyKey: 'form:abc', postings: [{ account: 'ekuitas:kota:apbd', amount: -5 }, { account: 'aset:kota:kasda:pengembalian', amount: 5 }] });
    expect(codeOf(() => s.db.transaction(() => postEntry(s, other)))).toBe('idempotency_conflict');
  });

  it('an entry is reversed once; a closed year takes only an admin reversal', () => {
    const { s } = allocatedRt();
    const { entry } = s.db.transaction(() => postEntry(s, anEntry()));
    s.db.transaction(() => reverseEntry(s, { entryId: entry.id, reason: 'salah', actor: SYSTEM, occurredOn: '2026-03-02' }));
    expect(codeOf(() => s.db.transaction(() => reverseEntry(s, { entryId: entry.id, reason: 'lagi', actor: SYSTEM, occurredOn: '2026-03-02' })))).toBe('entry_already_reversed');
    const { entry: second } = s.db.transaction(() => postEntry(s, anEntry()));
    s.db.sqlite.prepare("UPDATE programme_year SET status = 'closed' WHERE year = 2026").run();
    expect(codeOf(() => s.db.transaction(() => postEntry(s, anEntry())))).toBe('year_closed');
    const bendahara = { ...SYSTEM, userId: 5, username: 'b', role: 'bendahara' as const };
    expect(codeOf(() => s.db.transaction(() => reverseEntry(s, { entryId: second.id, reason: 'x', actor: bendahara, occurredOn: '2026-12-31' })))).toBe('year_closed');
    const admin = { ...SYSTEM, userId: 1, username: 'admin', role: 'admin' as const };
    expect(codeOf(() => s.db.transaction(() => reverseEntry(s, { entryId: second.id, reason: 'koreksi akhir tahun', actor: admin, occurredOn: '2026-12-31' })))).toBe('ok');
    expect(verifyLedger(s).ok).toBe(true);
  });
});

describe('allocation', () => {
  it('posts one entry per active RT and nothing new when run again', () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    const kel = aRt(s).kelurahanCode;
    aRt(s, { kelurahanCode: kel });
    const inactive = aRt(s, { kelurahanCode: kel });
    s.registry.setRtActive(inactive.id, false);
    const first = allocateYear(s, SYSTEM, { year: 2026 });
    expect(first).toEqual({ posted: 2, alreadyAllocated: 0, totalRupiah: 50_000_000, skippedClosed: 0 });
    const auditRows = s.audit.count('allocation.post');
    const second = allocateYear(s, SYSTEM, { year: 2026 });
    expect(second).toEqual({ posted: 0, alreadyAllocated: 2, totalRupiah: 0, skippedClosed: 0 });
    expect(s.audit.count('allocation.post')).toBe(auditRows);
    const tb = new Map(s.ledger.trialBalance(2026).map((r) => [r.name, r.balance]));
    expect(tb.get(CITY_APPROPRIATION)).toBe(-50_000_000);
    expect(verifyLedger(s)).toMatchObject({ ok: true, entries: 2 });
  });
});

describe('npm run verify', () => {
  it('prints OK with the entry count and chain head on the seeded database, and exits 1 naming a broken entry', async () => {
    const s = await seededServices();
    const file = s.db.sqlite.name;
    const head = s.ledger.head()!;
    s.db.close();
    const env = { ...process.env, DATABASE_PATH: file, EVIDENCE_DIR: `${file}.evidence` };
    const out = execFileSync('npx', ['tsx', 'scripts/verify.ts'], { env, encoding: 'utf8' });
    expect(out).toMatch(new RegExp(`^OK: ${head.id} jurnal, \\d+ posting, rantai hash utuh; kepala rantai ${head.hash}`));
    const { openDatabase } = await import('../../src/db/client');
    const db = openDatabase(file);
    db.sqlite.exec("DROP TRIGGER journal_entries_no_update; UPDATE journal_entries SET description = 'diubah' WHERE id = 5;");
    db.close();
    const bad = spawnSync('npx', ['tsx', 'scripts/verify.ts'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('jurnal pertama yang rusak #5');
  });

  it('a fresh path gets migrated by db:migrate', () => {
    const file = tempDbPath();
    const out = execFileSync('npx', ['tsx', 'scripts/db-migrate.ts'], { env: { ...process.env, DATABASE_PATH: file }, encoding: 'utf8' });
    expect(out).toContain('Migrasi diterapkan');
  });
});

/** The ledger's guarantees at the database level, on fresh SQLite files with the real migrations. */
import { describe, expect, it } from 'vitest';
import { allocateYear } from '../../src/app/allocate-year';
import { postEntry, reverseEntry } from '../../src/app/post-entry';
import { verifyLedger } from '../../src/app/verify-ledger';
import { CITY_APPROPRIATION, rtCashAccount, rtUndrawnAccount } from '../../src/domain/ledger/accounts';
import { aProgrammeYear, aRt, anEntry, SYSTEM } from '../builders';
import { freshServices, seededServices, tempDbPath } from '../helpers/db';
import { codeOf } from '../helpers/errors';
import { runScript } from '../helpers/scripts';

/** A fresh database with `rts` RTs allocated for 2026 (one entry each). */
function allocatedRt(rts = 1) {
  const s = freshServices();
  aProgrammeYear(s, 2026);
  const rt = aRt(s);
  for (let i = 1; i < rts; i++) aRt(s);
  allocateYear(s, SYSTEM, { year: 2026 });
  return { s, rt };
}

describe('append-only journal', () => {
  it.each([
    ['UPDATE postings SET amount = amount + 1 WHERE id = 1'],
    ['DELETE FROM postings WHERE id = 1'],
    ["UPDATE journal_entries SET description = 'x' WHERE id = 1"],
    ['DELETE FROM journal_entries'],
    ['DELETE FROM audit_log'],
  ])('refuses raw SQL: %s', (statement) => {
    const { s } = allocatedRt();
    expect(() => s.db.sqlite.prepare(statement).run()).toThrow(/append-only/);
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

  it.each<[string, number, string, number, RegExp]>([
    ['an amount edited after the triggers were dropped', 1, 'DROP TRIGGER postings_no_update; UPDATE postings SET amount = amount + 1000 WHERE entry_id = 1 AND amount > 0', 1, /jurnal #1/],
    [
      'an entry deleted and a cached balance changed',
      3,
      'DROP TRIGGER journal_entries_no_delete; DROP TRIGGER postings_no_delete; PRAGMA foreign_keys = OFF; DELETE FROM postings WHERE entry_id = 2; DELETE FROM journal_entries WHERE id = 2; UPDATE accounts SET balance = balance + 1 WHERE id = 1',
      3,
      /saldo tersimpan/,
    ],
  ])('verify finds %s, naming the first broken entry', (_what, rts, tamper, firstBroken, problem) => {
    const { s } = allocatedRt(rts);
    expect(verifyLedger(s).ok).toBe(true);
    s.db.sqlite.exec(tamper);
    const report = verifyLedger(s);
    expect(report.ok).toBe(false);
    expect(report.firstBrokenEntryId).toBe(firstBroken);
    expect(report.problems.join('\n')).toMatch(problem);
  });
});

describe('posting rules', () => {
  type Ref = ReturnType<typeof allocatedRt>['rt'];
  const accounts = (rt: Ref) => {
    const ref = { kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number };
    return { cash: rtCashAccount(ref), undrawn: rtUndrawnAccount(ref) };
  };
  it.each<[string, string, (a: ReturnType<typeof accounts>) => Parameters<typeof anEntry>[0]]>([
    ['a balanced entry on known accounts', 'ok', (a) => ({ postings: [{ account: a.cash, amount: 100 }, { account: a.undrawn, amount: -100 }] })],
    ['to an account that does not exist', 'account_unknown', (a) => ({ postings: [{ account: 'aset:rt:nope:kas', amount: 100 }, { account: a.undrawn, amount: -100 }] })],
    ['in a year without a programme', 'year_unknown', (a) => ({ year: 2031, postings: [{ account: a.cash, amount: 100 }, { account: a.undrawn, amount: -100 }] })],
    ['an entry that does not sum to zero', 'entry_not_balanced', (a) => ({ postings: [{ account: a.cash, amount: 100 }, { account: a.undrawn, amount: -90 }] })],
  ])('posting %s → %s', (_what, expected, draft) => {
    const { s, rt } = allocatedRt();
    expect(codeOf(() => s.db.transaction(() => postEntry(s, anEntry(draft(accounts(rt))))))).toBe(expected);
  });

  it('posts only inside a transaction', () => {
    const { s } = allocatedRt();
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

  it('an entry is reversed once; a closed year takes no reversal, not even an admin\'s (only a correction)', () => {
    const { s } = allocatedRt();
    const { entry } = s.db.transaction(() => postEntry(s, anEntry()));
    s.db.transaction(() => reverseEntry(s, { entryId: entry.id, reason: 'salah', actor: SYSTEM, occurredOn: '2026-03-02' }));
    expect(codeOf(() => s.db.transaction(() => reverseEntry(s, { entryId: entry.id, reason: 'lagi', actor: SYSTEM, occurredOn: '2026-03-02' })))).toBe('entry_already_reversed');
    const { entry: second } = s.db.transaction(() => postEntry(s, anEntry()));
    s.db.sqlite.prepare("UPDATE programme_year SET status = 'closed' WHERE year = 2026").run();
    expect(codeOf(() => s.db.transaction(() => postEntry(s, anEntry())))).toBe('year_closed');
    const bendahara = { ...SYSTEM, userId: 5, username: 'b', role: 'bendahara' as const };
    expect(codeOf(() => s.db.transaction(() => reverseEntry(s, { entryId: second.id, reason: 'x', actor: bendahara, occurredOn: '2026-12-31' })))).toBe('year_closed_use_correction');
    const admin = { ...SYSTEM, userId: 1, username: 'admin', role: 'admin' as const };
    expect(codeOf(() => s.db.transaction(() => reverseEntry(s, { entryId: second.id, reason: 'koreksi akhir tahun', actor: admin, occurredOn: '2026-12-31' })))).toBe('year_closed_use_correction');
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
    const env = { DATABASE_PATH: file, EVIDENCE_DIR: `${file}.evidence` };
    const good = await runScript('verify', [], env);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(new RegExp(`^OK: ${head.id} jurnal, \\d+ posting, rantai hash utuh; kepala rantai ${head.hash}`));
    const { openDatabase } = await import('../../src/db/client');
    const db = openDatabase(file);
    db.sqlite.exec("DROP TRIGGER journal_entries_no_update; UPDATE journal_entries SET description = 'diubah' WHERE id = 5;");
    db.close();
    const bad = await runScript('verify', [], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('jurnal pertama yang rusak #5');
  });

  it('a fresh path gets migrated by db:migrate', async () => {
    const r = await runScript('db:migrate', [], { DATABASE_PATH: tempDbPath() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Migrasi diterapkan');
  });
});

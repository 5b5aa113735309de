/**
 * Tamper evidence: edits made straight into the SQLite file (append-only triggers dropped, and
 * put back afterwards by a careful intruder, cached balances patched to match) or into the
 * evidence store are found by `npm run verify`, which names the entry, record or file.
 *
 * Each case works on its own copy of the seeded demo database. RELIABILITY=full adds many
 * more random edits (a random kind on a random entry, tracks covered or not).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/app/bootstrap';
import { verifyLedger, type VerifyReport } from '../../src/app/verify-ledger';
import { entryHash } from '../../src/domain/ledger/hash-chain';
import { seededServices } from '../helpers/db';
import { runScript } from '../helpers/scripts';

const FULL = process.env.RELIABILITY === 'full';
const RANDOM_EDITS = FULL ? 300 : 12;
/** The full run's loops outlast vitest's default minute. */
const TIMEOUT = FULL ? 900_000 : undefined;

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

interface TamperOpts {
  /** Put the dropped triggers back, so the edit is not given away by a missing trigger. */
  restoreTriggers?: boolean;
  /** Recompute every cached balance from the (edited) postings. */
  patchBalances?: boolean;
}

/** Opens the file with plain better-sqlite3 (no application code), drops the triggers and edits. */
function tamper(c: Copy, edit: (db: Database.Database) => void, { restoreTriggers = true, patchBalances = false }: TamperOpts = {}): void {
  const db = new Database(c.file);
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string }>;
  db.pragma('foreign_keys = OFF');
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  edit(db);
  if (patchBalances) db.exec('UPDATE accounts SET balance = (SELECT COALESCE(SUM(amount), 0) FROM postings WHERE account_id = accounts.id)');
  if (restoreTriggers) for (const t of triggers) db.exec(t.sql);
  db.close();
}

function verify(c: Copy): VerifyReport {
  const s = bootstrap({ databasePath: c.file, evidenceDir: c.evidenceDir });
  try {
    return verifyLedger(s);
  } finally {
    s.db.close();
  }
}

/** `npm run verify` itself, on the tampered copy. */
const verifyCli = (c: Copy) => runScript('verify', [], { DATABASE_PATH: c.file, EVIDENCE_DIR: c.evidenceDir });

interface EntryRow {
  id: number;
  year: number;
  event_type: string;
  event_ref: string;
  description: string;
  actor: string;
  occurred_on: string;
  recorded_at: string;
  idempotency_key: string;
  hash: string;
}

/** Appends an entry whose hash is recomputed exactly as the application would: the chain stays intact. */
function appendWithValidHash(db: Database.Database, e: Omit<EntryRow, 'id' | 'hash' | 'recorded_at'>, postings: Array<{ accountId: number; amount: number }>): number {
  const head = db.prepare('SELECT * FROM journal_entries ORDER BY id DESC LIMIT 1').get() as EntryRow;
  const names = postings.map((p) => (db.prepare('SELECT name FROM accounts WHERE id = ?').get(p.accountId) as { name: string }).name);
  const id = head.id + 1;
  const recordedAt = new Date().toISOString();
  const hash = entryHash(head.hash, {
    id, year: e.year, eventType: e.event_type as never, eventRef: e.event_ref, description: e.description, actor: e.actor, occurredOn: e.occurred_on,
    recordedAt, idempotencyKey: e.idempotency_key, reversesEntryId: null, reason: null, version: 1, facts: null, postings: postings.map((p, i) => ({ account: names[i]!, amount: p.amount })),
  });
  db.prepare(
    `INSERT INTO journal_entries (id, year, event_type, event_ref, description, actor, occurred_on, recorded_at, idempotency_key, posting_count, debit_total, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, e.year, e.event_type, e.event_ref, e.description, e.actor, e.occurred_on, recordedAt, e.idempotency_key, postings.length,
    postings.filter((p) => p.amount > 0).reduce((a, p) => a + p.amount, 0), head.hash, hash);
  for (const p of postings) db.prepare('INSERT INTO postings (entry_id, account_id, amount) VALUES (?, ?, ?)').run(id, p.accountId, p.amount);
  return id;
}

/** Facts of the seeded demo the cases aim at, read once from a pristine copy. */
interface Targets {
  tranche: { entryId: number; trancheId: number };
  receipt: { entryId: number; receiptId: number };
  allocation: { entryId: number; rtId: number; accounts: number[] };
  head: { id: number; trancheId: number; drawnAccount: number; undrawnAccount: number };
  file: { sha: string; receiptId: number };
}

let targets: Targets;

beforeAll(async () => {
  const c = await seededCopy();
  expect(verify(c)).toMatchObject({ ok: true, problems: [] });
  const db = new Database(c.file, { readonly: true });
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
  const t = one<{ entryId: number; trancheId: number }>(`SELECT entry_id AS entryId, id AS trancheId FROM tranches WHERE entry_id IS NOT NULL ORDER BY entry_id LIMIT 1`);
  const r = one<{ entryId: number; receiptId: number }>(`SELECT entry_id AS entryId, id AS receiptId FROM receipts WHERE entry_id IS NOT NULL ORDER BY entry_id LIMIT 1`);
  const a = one<{ id: number; ref: string }>(`SELECT id, event_ref AS ref FROM journal_entries WHERE event_type = 'allocation' ORDER BY id LIMIT 1 OFFSET 100`);
  const allocAccounts = (db.prepare('SELECT account_id AS id FROM postings WHERE entry_id = ? ORDER BY id').all(a.id) as Array<{ id: number }>).map((x) => x.id);
  const head = one<{ id: number; ref: string }>(`SELECT id, event_ref AS ref FROM journal_entries ORDER BY id DESC LIMIT 1`);
  expect(head.ref).toMatch(/^tranche:\d+$/); // the seed ends with an approved tranche
  const headPostings = db.prepare('SELECT p.account_id AS id, a.kind FROM postings p JOIN accounts a ON a.id = p.account_id WHERE entry_id = ?').all(head.id) as Array<{ id: number; kind: string }>;
  const f = one<{ sha: string; receiptId: number }>(`SELECT sha256 AS sha, receipt_id AS receiptId FROM receipt_files ORDER BY id LIMIT 1`);
  db.close();
  targets = {
    tranche: t,
    receipt: r,
    allocation: { entryId: a.id, rtId: Number(a.ref.slice(3)), accounts: allocAccounts },
    head: { id: head.id, trancheId: Number(head.ref.slice(8)), // An approval debits the RT's money in transit (the bank's payment later moves it to cash).
      drawnAccount: headPostings.find((p) => p.kind === 'transit')!.id, undrawnAccount: headPostings.find((p) => p.kind === 'undrawn')!.id },
    file: f,
  };
});

interface Case {
  name: string;
  run: (c: Copy) => void;
  /** What verify must say: the entry, record or file named. */
  expect: () => RegExp;
  firstBroken?: () => number | null;
  /** Also run through the CLI in the quick run (the full run takes every case through it). */
  cli?: boolean;
}

const evidencePath = (c: Copy, sha: string) => `${c.evidenceDir}/${sha.slice(0, 2)}/${sha}`;

const CASES: Case[] = [
  {
    name: 'a posting amount changed',
    run: (c) => tamper(c, (db) => db.prepare('UPDATE postings SET amount = amount + 100000 WHERE id = (SELECT MIN(id) FROM postings WHERE entry_id = ? AND amount > 0)').run(targets.tranche.entryId)),
    expect: () => new RegExp(`jurnal #${targets.tranche.entryId}: tidak seimbang`),
    firstBroken: () => targets.tranche.entryId,
    cli: true,
  },
  {
    name: 'both sides of an entry doubled, its debit total and every balance patched to match',
    run: (c) =>
      tamper(c, (db) => {
        db.prepare('UPDATE postings SET amount = amount * 2 WHERE entry_id = ?').run(targets.tranche.entryId);
        db.prepare('UPDATE journal_entries SET debit_total = debit_total * 2 WHERE id = ?').run(targets.tranche.entryId);
      }, { patchBalances: true }),
    expect: () => new RegExp(`jurnal #${targets.tranche.entryId}: hash tidak cocok dengan isi jurnal`),
    firstBroken: () => targets.tranche.entryId,
  },
  {
    name: 'a journal memo rewritten',
    run: (c) => tamper(c, (db) => db.prepare(`UPDATE journal_entries SET description = 'Belanja konsumsi rapat (diubah)' WHERE id = ?`).run(targets.receipt.entryId)),
    expect: () => new RegExp(`jurnal #${targets.receipt.entryId}: hash tidak cocok dengan isi jurnal`),
    firstBroken: () => targets.receipt.entryId,
  },
  {
    name: 'a journal date moved',
    run: (c) => tamper(c, (db) => db.prepare(`UPDATE journal_entries SET occurred_on = '2026-01-02' WHERE id = ?`).run(targets.receipt.entryId)),
    expect: () => new RegExp(`jurnal #${targets.receipt.entryId}: hash tidak cocok dengan isi jurnal`),
    firstBroken: () => targets.receipt.entryId,
  },
  {
    name: 'an entry deleted with its postings, balances patched',
    run: (c) =>
      tamper(c, (db) => {
        db.prepare('DELETE FROM postings WHERE entry_id = ?').run(targets.allocation.entryId);
        db.prepare('DELETE FROM journal_entries WHERE id = ?').run(targets.allocation.entryId);
      }, { patchBalances: true }),
    expect: () => new RegExp(`jurnal #${targets.allocation.entryId + 1}: jurnal #${targets.allocation.entryId} hilang`),
    firstBroken: () => targets.allocation.entryId + 1,
    cli: true,
  },
  {
    name: 'the last entry deleted with its postings, balances patched (the chain itself stays intact)',
    run: (c) =>
      tamper(c, (db) => {
        db.prepare('DELETE FROM postings WHERE entry_id = ?').run(targets.head.id);
        db.prepare('DELETE FROM journal_entries WHERE id = ?').run(targets.head.id);
      }, { patchBalances: true }),
    expect: () => new RegExp(`pencairan #${targets.head.trancheId} → jurnal #${targets.head.id}`),
    firstBroken: () => null,
  },
  {
    name: 'a forged balanced entry appended with a recomputed hash, balances patched (the chain stays intact)',
    run: (c) =>
      tamper(c, (db) =>
        appendWithValidHash(db, {
          year: 2026, event_type: 'tranche', event_ref: `tranche:${targets.head.trancheId}`, description: 'Pencairan tambahan', actor: 'user:2:bendahara.pleburan',
          occurred_on: '2026-11-02', idempotency_key: 'forged:1',
        }, [{ accountId: targets.head.drawnAccount, amount: 5_000_000 }, { accountId: targets.head.undrawnAccount, amount: -5_000_000 }]),
      { patchBalances: true }),
    expect: () => new RegExp(`jurnal pencairan atau kuitansi yang tidak dirujuk oleh catatan yang disebutnya \\(jurnal sisipan\\) \\(misalnya jurnal #${targets.head.id + 1}\\)`),
    firstBroken: () => null,
    cli: true,
  },
  {
    name: 'a forged second allocation for an RT appended with a recomputed hash, balances patched',
    run: (c) =>
      tamper(c, (db) => {
        const [debit, credit] = targets.allocation.accounts;
        appendWithValidHash(db, {
          year: 2026, event_type: 'allocation', event_ref: `rt:${targets.allocation.rtId}`, description: 'Alokasi 2026', actor: 'system:seed',
          occurred_on: '2026-01-01', idempotency_key: 'forged:allocation',
        }, [{ accountId: debit!, amount: 25_000_000 }, { accountId: credit!, amount: -25_000_000 }]);
      }, { patchBalances: true }),
    expect: () => new RegExp(`lebih dari satu alokasi .*\\(misalnya jurnal #${targets.head.id + 1}\\)`),
    firstBroken: () => null,
  },
  {
    name: 'a forged balanced entry inserted with a made-up hash',
    run: (c) =>
      tamper(c, (db) => {
        const head = db.prepare('SELECT id, hash FROM journal_entries ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
        db.prepare(
          `INSERT INTO journal_entries (id, year, event_type, event_ref, description, actor, occurred_on, recorded_at, idempotency_key, posting_count, debit_total, prev_hash, hash)
           VALUES (?, 2026, 'allocation', 'manual', 'Koreksi', 'system:seed', '2026-11-02', '2026-11-02T00:00:00Z', 'forged:2', 2, 700000, ?, ?)`,
        ).run(head.id + 1, head.hash, 'f'.repeat(64));
        db.prepare('INSERT INTO postings (entry_id, account_id, amount) VALUES (?, ?, 700000), (?, ?, -700000)').run(head.id + 1, targets.head.drawnAccount, head.id + 1, targets.head.undrawnAccount);
      }),
    expect: () => new RegExp(`jurnal #${targets.head.id + 1}: hash tidak cocok`),
    firstBroken: () => targets.head.id + 1,
  },
  {
    name: 'a posting deleted',
    run: (c) => tamper(c, (db) => db.prepare('DELETE FROM postings WHERE id = (SELECT MAX(id) FROM postings WHERE entry_id = ?)').run(targets.receipt.entryId)),
    expect: () => new RegExp(`jurnal #${targets.receipt.entryId}: punya 1 baris posting, seharusnya 2`),
    firstBroken: () => targets.receipt.entryId,
  },
  {
    name: 'a posting deleted and a three-line entry made to look complete and balanced (count, total, balances patched)',
    run: (c) =>
      tamper(c, (db) => {
        // Turn the receipt's two lines into one line and a new one of the same total: counts and sums still agree.
        const lines = db.prepare('SELECT id, account_id AS accountId, amount FROM postings WHERE entry_id = ? ORDER BY id').all(targets.receipt.entryId) as Array<{ id: number; accountId: number; amount: number }>;
        const debit = lines.find((l) => l.amount > 0)!;
        db.prepare('DELETE FROM postings WHERE id = ?').run(debit.id);
        db.prepare('INSERT INTO postings (entry_id, account_id, amount) VALUES (?, ?, ?)').run(targets.receipt.entryId, targets.head.undrawnAccount, debit.amount);
      }, { patchBalances: true }),
    expect: () => new RegExp(`jurnal #${targets.receipt.entryId}: hash tidak cocok dengan isi jurnal`),
    firstBroken: () => targets.receipt.entryId,
  },
  {
    name: "an evidence file's bytes replaced (same size)",
    run: (c) => {
      const file = evidencePath(c, targets.file.sha);
      const bytes = fs.readFileSync(file);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0xff;
      fs.writeFileSync(file, bytes);
    },
    expect: () => new RegExp(`berkas bukti ${targets.file.sha} \\(kuitansi #${targets.file.receiptId}\\): isinya tidak cocok lagi dengan SHA-256`),
    firstBroken: () => null,
    cli: true,
  },
  {
    name: 'an evidence file replaced by another photo',
    run: (c) => fs.writeFileSync(evidencePath(c, targets.file.sha), Buffer.from('another photo altogether')),
    expect: () => new RegExp(`berkas bukti ${targets.file.sha} \\(kuitansi #${targets.file.receiptId}\\): ukurannya 24 byte`),
    firstBroken: () => null,
  },
  {
    name: 'an evidence file deleted',
    run: (c) => fs.rmSync(evidencePath(c, targets.file.sha)),
    expect: () => new RegExp(`berkas bukti ${targets.file.sha} \\(kuitansi #${targets.file.receiptId}\\): tidak ada`),
    firstBroken: () => null,
  },
  {
    name: 'a cached balance edited',
    run: (c) => tamper(c, (db) => db.prepare('UPDATE accounts SET balance = balance + 1 WHERE id = ?').run(targets.head.drawnAccount)),
    expect: () => /saldo tersimpan akun aset:rt:.*:dalam-transfer \(2026\) = \d+, dari posting = \d+/,
    firstBroken: () => null,
  },
  {
    name: 'the append-only triggers dropped and left dropped',
    run: (c) => tamper(c, () => undefined, { restoreTriggers: false }),
    expect: () => /pemicu append-only hilang: journal_entries_no_update, journal_entries_no_delete, postings_no_update, postings_no_delete/,
    firstBroken: () => null,
  },
];

describe('tamper evidence: verify names what was changed in the file', () => {
  const tampered: Array<{ name: string; copy: Copy; expected: RegExp; cli: boolean }> = [];

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const copy = await seededCopy();
    c.run(copy);
    const report = verify(copy);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(c.expect());
    if (c.firstBroken) expect(report.firstBrokenEntryId).toBe(c.firstBroken());
    tampered.push({ name: c.name, copy, expected: c.expect(), cli: FULL || !!c.cli });
  });

  it(`npm run verify exits 1 and prints the same finding (${FULL ? 'every case' : 'a case of each kind'})`, async () => {
    expect(tampered).toHaveLength(CASES.length);
    const queue = tampered.filter((t) => t.cli);
    expect(queue.length).toBeGreaterThanOrEqual(4);
    const worker = async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const r = await verifyCli(t.copy);
        expect(r.code, `${t.name}: ${r.stdout}`).toBe(1);
        expect(r.stderr, t.name).toMatch(/^RUSAK: /);
        expect(r.stderr, t.name).toMatch(t.expected);
      }
    };
    await Promise.all([worker(), worker()]);
  }, TIMEOUT);
});

/** A small deterministic generator, so a failing random edit can be replayed from its seed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

type RandomKind = 'amount' | 'memo' | 'date' | 'actor' | 'delete_entry' | 'delete_posting' | 'swap_account';
const KINDS: RandomKind[] = ['amount', 'memo', 'date', 'actor', 'delete_entry', 'delete_posting', 'swap_account'];

describe(`tamper evidence: ${RANDOM_EDITS} random edits on random entries`, () => {
  it('every one is detected', async () => {
    const seed = Number(process.env.TAMPER_SEED ?? Date.now() % 1_000_000);
    const next = rng(seed);
    const missed: string[] = [];
    const counts: Record<string, number> = {};
    for (let i = 0; i < RANDOM_EDITS; i++) {
      const copy = await seededCopy();
      const kind = KINDS[next(KINDS.length)]!;
      const patchBalances = next(2) === 1;
      let what = '';
      tamper(copy, (db) => {
        const max = (db.prepare('SELECT MAX(id) AS n FROM journal_entries').get() as { n: number }).n;
        const id = 1 + next(max);
        what = `${kind} on entry #${id}${patchBalances ? ' (balances patched)' : ''}`;
        const postings = db.prepare('SELECT id, account_id AS accountId FROM postings WHERE entry_id = ? ORDER BY id').all(id) as Array<{ id: number; accountId: number }>;
        const posting = postings[next(postings.length)]!;
        switch (kind) {
          case 'amount':
            db.prepare('UPDATE postings SET amount = amount + ? WHERE id = ?').run(1 + next(1_000_000), posting.id);
            break;
          case 'memo':
            db.prepare(`UPDATE journal_entries SET description = description || ' ' WHERE id = ?`).run(id);
            break;
          case 'date':
            db.prepare(`UPDATE journal_entries SET occurred_on = date(occurred_on, '+1 day') WHERE id = ?`).run(id);
            break;
          case 'actor':
            db.prepare(`UPDATE journal_entries SET actor = 'user:1:admin' || actor WHERE id = ?`).run(id);
            break;
          case 'delete_entry':
            db.prepare('DELETE FROM postings WHERE entry_id = ?').run(id);
            db.prepare('DELETE FROM journal_entries WHERE id = ?').run(id);
            break;
          case 'delete_posting':
            db.prepare('DELETE FROM postings WHERE id = ?').run(posting.id);
            break;
          case 'swap_account': {
            // Move a line to another account of the same year: balanced, but not what was posted.
            const other = db.prepare('SELECT id FROM accounts WHERE year = (SELECT year FROM journal_entries WHERE id = ?) AND id <> ? ORDER BY id LIMIT 1 OFFSET ?')
              .get(id, posting.accountId, next(100)) as { id: number };
            db.prepare('UPDATE postings SET account_id = ? WHERE id = ?').run(other.id, posting.id);
            break;
          }
        }
      }, { patchBalances });
      counts[kind] = (counts[kind] ?? 0) + 1;
      const report = verify(copy);
      if (report.ok) missed.push(what);
      fs.rmSync(copy.file, { force: true });
      fs.rmSync(copy.evidenceDir, { recursive: true, force: true });
    }
    console.log(`tamper: ${RANDOM_EDITS} random edits (seed ${seed}), ${RANDOM_EDITS - missed.length} detected; by kind ${JSON.stringify(counts)}`);
    expect(missed, `seed ${seed}`).toEqual([]);
   }, TIMEOUT);
});

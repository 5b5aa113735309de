/**
 * The benchmark's own SQL, raw on purpose: the one place under scripts/ where the benchmark
 * touches SQLite without the application (test/architecture/layers.test.ts lists it).
 *
 * Every measure of the benchmark goes through the use cases and src/db; its anchors are what
 * they are compared against in the same run: hand-written better-sqlite3 inserting the same
 * ledger rows into the same schema, with none of the product (no validation, idempotency, hash
 * chain or repository). That is why they stay out of src/db and use none of it: an anchor
 * written through the repositories would measure the product against itself, and would get
 * faster or slower with it. Here too, for the same reason:
 * - the copy of a city's registry (by ATTACH) that gives both sides of a comparison the same RTs;
 * - the reading of a ledger's rows as raw arrays, to insert them again on the raw side;
 * - the statement timer of `bench:data --time-sql`, which wraps better-sqlite3 itself to tell
 *   how much of a workload is SQLite and how much the JavaScript around it.
 */
import Database from 'better-sqlite3';
import type { Db } from '../../src/db/client';

/** A row as better-sqlite3's raw mode returns it: the columns in table order. */
export type RawRow = unknown[];
export type RawPosting = [entryId: number, accountId: number, amount: number];

/**
 * Copies the registry of cityFile into db, ids kept: kecamatan, kelurahan, RW, the RTs (up to
 * maxRtId if given) and, if asked, the programme years.
 */
export function copyRegistry(db: Db, cityFile: string, o: { maxRtId?: number; programmeYears?: boolean } = {}): void {
  const rts = o.maxRtId === undefined ? '' : ` WHERE id <= ${Math.trunc(o.maxRtId)}`;
  const years = o.programmeYears ? ' INSERT INTO programme_year SELECT * FROM city.programme_year;' : '';
  db.sqlite.exec(`ATTACH '${cityFile.replaceAll("'", "''")}' AS city; INSERT INTO kecamatan SELECT * FROM city.kecamatan; INSERT INTO kelurahan SELECT * FROM city.kelurahan;
    INSERT INTO rw SELECT * FROM city.rw; INSERT INTO rt SELECT * FROM city.rt${rts};${years} DETACH city;`);
}

/** The whole ledger of a file as raw rows in id order (read on a read-only connection of its own). */
export function readLedgerRows(file: string): { accounts: RawRow[]; entries: RawRow[]; postings: RawPosting[] } {
  const src = new Database(file, { readonly: true });
  try {
    return {
      accounts: src.prepare('SELECT id, year, name, kind, rt_id, category FROM accounts ORDER BY id').raw().all() as RawRow[],
      entries: src.prepare('SELECT * FROM journal_entries ORDER BY id').raw().all() as RawRow[],
      postings: src.prepare('SELECT entry_id, account_id, amount FROM postings ORDER BY id').raw().all() as RawPosting[],
    };
  } finally {
    src.close();
  }
}

/** The entries of a file after afterEntryId, and their postings, as raw rows in id order. */
export function readEntriesAfter(file: string, afterEntryId: number): { entries: RawRow[]; postings: RawPosting[] } {
  const src = new Database(file, { readonly: true });
  try {
    return {
      entries: src.prepare('SELECT * FROM journal_entries WHERE id > ? ORDER BY id').raw().all(afterEntryId) as RawRow[],
      postings: src.prepare('SELECT entry_id, account_id, amount FROM postings WHERE entry_id > ? ORDER BY id').raw().all(afterEntryId) as RawPosting[],
    };
  } finally {
    src.close();
  }
}

/**
 * Hand-written inserts of ledger rows (accounts, entries, postings and the cached balances) on
 * db's connection, so the raw side runs with the same pragmas as the application. The statements
 * are compiled here, before any timing starts.
 */
export class RawLedgerWriter {
  private readonly insAccount: Database.Statement;
  private readonly insEntry: Database.Statement;
  private readonly insPosting: Database.Statement;
  private readonly addBalance: Database.Statement;
  private readonly single: Database.Transaction<(e: RawRow, ps: RawPosting[]) => void>;

  constructor(private readonly db: Db) {
    const sqlite = db.sqlite;
    const cols = sqlite.prepare('SELECT * FROM journal_entries LIMIT 0').columns().length;
    this.insAccount = sqlite.prepare('INSERT INTO accounts (id, year, name, kind, rt_id, category) VALUES (?, ?, ?, ?, ?, ?)');
    this.insEntry = sqlite.prepare(`INSERT INTO journal_entries VALUES (${Array(cols).fill('?').join(', ')})`);
    this.insPosting = sqlite.prepare('INSERT INTO postings (entry_id, account_id, amount) VALUES (?, ?, ?)');
    this.addBalance = sqlite.prepare('UPDATE accounts SET balance = balance + ? WHERE id = ?');
    this.single = sqlite.transaction((e: RawRow, ps: RawPosting[]) => {
      this.insEntry.run(...e);
      for (const p of ps) {
        this.insPosting.run(...p);
        this.addBalance.run(p[2], p[1]);
      }
    });
  }

  /** The accounts, in one transaction. */
  accounts(rows: readonly RawRow[]): void {
    this.db.sqlite.transaction(() => {
      for (const a of rows) this.insAccount.run(...a);
    })();
  }

  /**
   * Entries with their postings (both in entry order), perTransaction entries a transaction.
   * Returns how many postings went in (all of them, unless a posting names no given entry).
   */
  bulk(entries: readonly RawRow[], postings: readonly RawPosting[], perTransaction: number): number {
    let p = 0;
    for (let i = 0; i < entries.length; i += perTransaction) {
      this.db.sqlite.transaction(() => {
        for (const e of entries.slice(i, i + perTransaction)) {
          this.insEntry.run(...e);
          const id = e[0] as number;
          while (p < postings.length && postings[p]![0] === id) {
            this.insPosting.run(...postings[p]!);
            this.addBalance.run(postings[p]![2], postings[p]![1]);
            p += 1;
          }
        }
      })();
    }
    return p;
  }

  /** One entry with its postings in a transaction of its own, IMMEDIATE as the application's. */
  one(entry: RawRow, postings: RawPosting[]): void {
    this.single.immediate(entry, postings);
  }
}

export interface SqlTime {
  seconds: number;
  statements: number;
  /** The n statements (by SQL text) that took the most time: for finding what a slowdown is. */
  top: (n: number) => { source: string; seconds: number; calls: number }[];
}

/**
 * Times every SQLite statement call of this process (better-sqlite3's run, get, all and
 * iterate), to tell how much of a workload is SQLite itself and how much is JavaScript around
 * it. For benchmarks only: it wraps the statement prototype for the whole process.
 */
export function timeSqlStatements(): () => SqlTime {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  probe.close();
  let ns = 0n;
  let statements = 0;
  const bySource = new Map<string, { ns: bigint; calls: number }>();
  for (const name of ['run', 'get', 'all'] as const) {
    const original = proto[name]!;
    proto[name] = function (this: { source?: string }, ...args: unknown[]) {
      const t = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const d = process.hrtime.bigint() - t;
        ns += d;
        statements += 1;
        const key = this.source ?? '?';
        const b = bySource.get(key);
        if (b) {
          b.ns += d;
          b.calls += 1;
        } else bySource.set(key, { ns: d, calls: 1 });
      }
    };
  }
  const iterate = proto.iterate!;
  proto.iterate = function* (this: unknown, ...args: unknown[]) {
    statements += 1;
    const rows = iterate.apply(this, args) as Iterator<unknown>;
    try {
      for (;;) {
        const t = process.hrtime.bigint();
        const r = rows.next();
        ns += process.hrtime.bigint() - t;
        if (r.done) return;
        yield r.value;
      }
    } finally {
      // A caller that leaves the loop early must not leave the statement open (the connection would stay busy).
      rows.return?.();
    }
  };
  const top = (n: number) =>
    [...bySource].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, n).map(([source, b]) => ({ source, seconds: Number(b.ns) / 1e9, calls: b.calls }));
  return () => ({ seconds: Number(ns) / 1e9, statements, top });
}

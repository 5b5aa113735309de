/**
 * Storage of accounts, journal entries and postings. Hot paths use prepared better-sqlite3
 * statements (drizzle's builder halves the posting rate). Callers hold the transaction.
 */
import type { Statement } from 'better-sqlite3';
import type { AccountRow, ChainLink, LedgerStore, TriggerProblems } from '../app/ports';
import type { AccountSpec } from '../domain/ledger/accounts';
import type { EntryDraft, PostedEntry } from '../domain/ledger/entry';
import type { Db } from './client';
import { triggerProblems } from './triggers';

export type { AccountRow } from '../app/ports';

interface EntryRow {
  id: number;
  year: number;
  eventType: string;
  eventRef: string;
  description: string;
  actor: string;
  occurredOn: string;
  recordedAt: string;
  idempotencyKey: string;
  reversesEntryId: number | null;
  reason: string | null;
  postingCount: number;
  debitTotal: number;
  prevHash: string;
  hash: string;
  version: number;
  facts: string | null;
}

const ENTRY_COLUMNS = `id, year, event_type AS eventType, event_ref AS eventRef, description, actor,
  occurred_on AS occurredOn, recorded_at AS recordedAt, idempotency_key AS idempotencyKey,
  reverses_entry_id AS reversesEntryId, reason, posting_count AS postingCount,
  debit_total AS debitTotal, prev_hash AS prevHash, hash, version, facts`;

/** An entry row with its postings, built field by field (a rest spread per entry cost a city export seconds). */
function posted(row: EntryRow, postings: Array<{ account: string; amount: number }>): PostedEntry {
  return {
    id: row.id,
    year: row.year,
    eventType: row.eventType as EntryDraft['eventType'],
    eventRef: row.eventRef,
    description: row.description,
    actor: row.actor,
    occurredOn: row.occurredOn,
    recordedAt: row.recordedAt,
    idempotencyKey: row.idempotencyKey,
    reversesEntryId: row.reversesEntryId,
    reason: row.reason,
    prevHash: row.prevHash,
    hash: row.hash,
    version: row.version as PostedEntry['version'],
    facts: factsOf(row.facts),
    postings,
  };
}

/** The stored facts text back as an object (JSON.parse keeps the key order, so canonical() is the same). */
function factsOf(text: string | null): PostedEntry['facts'] {
  return text === null ? null : (JSON.parse(text) as PostedEntry['facts']);
}

export class LedgerRepository implements LedgerStore {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Db) {
    const p = (sql: string) => db.sqlite.prepare(sql);
    this.s = {
      insertAccount: p(`INSERT INTO accounts (year, name, kind, rt_id, category) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (year, name) DO NOTHING`),
      accountByName: p(`SELECT id, year, name, kind, rt_id AS rtId, category, balance FROM accounts WHERE year = ? AND name = ?`),
      head: p(`SELECT id, hash FROM journal_entries ORDER BY id DESC LIMIT 1`),
      byKey: p(`SELECT ${ENTRY_COLUMNS} FROM journal_entries WHERE idempotency_key = ?`),
      byId: p(`SELECT ${ENTRY_COLUMNS} FROM journal_entries WHERE id = ?`),
      reversalOf: p(`SELECT ${ENTRY_COLUMNS} FROM journal_entries WHERE reverses_entry_id = ?`),
      postingsOf: p(`SELECT a.name AS account, p.amount FROM postings p JOIN accounts a ON a.id = p.account_id
                     WHERE p.entry_id = ? ORDER BY p.id`),
      insertEntry: p(`INSERT INTO journal_entries (id, year, event_type, event_ref, description, actor, occurred_on,
                        recorded_at, idempotency_key, reverses_entry_id, reason, posting_count, debit_total, prev_hash, hash, version, facts)
                      VALUES (@id, @year, @eventType, @eventRef, @description, @actor, @occurredOn, @recordedAt,
                        @idempotencyKey, @reversesEntryId, @reason, @postingCount, @debitTotal, @prevHash, @hash, @version, @facts)`),
      insertPosting: p(`INSERT INTO postings (entry_id, account_id, amount) VALUES (?, ?, ?)`),
      addBalance: p(`UPDATE accounts SET balance = balance + ? WHERE id = ?`),
      yearStatus: p(`SELECT status FROM programme_year WHERE year = ?`),
    };
  }

  ensureAccounts(year: number, rtId: number | null, specs: readonly AccountSpec[]): void {
    for (const a of specs) this.s.insertAccount!.run(year, a.name, a.kind, rtId, a.category);
  }

  accountByName(year: number, name: string): AccountRow | undefined {
    return this.s.accountByName!.get(year, name) as AccountRow | undefined;
  }

  yearStatus(year: number): 'open' | 'closed' | undefined {
    return (this.s.yearStatus!.get(year) as { status: 'open' | 'closed' } | undefined)?.status;
  }

  head(): { id: number; hash: string } | undefined {
    return this.s.head!.get() as { id: number; hash: string } | undefined;
  }

  findByKey(key: string): PostedEntry | undefined {
    return this.hydrate(this.s.byKey!.get(key) as EntryRow | undefined);
  }

  findById(id: number): PostedEntry | undefined {
    return this.hydrate(this.s.byId!.get(id) as EntryRow | undefined);
  }

  findReversalOf(id: number): PostedEntry | undefined {
    return this.hydrate(this.s.reversalOf!.get(id) as EntryRow | undefined);
  }

  /** Inserts an entry whose id, hash and account ids the caller has already computed. */
  insert(e: PostedEntry, accountIds: number[], debitTotal: number): void {
    this.s.insertEntry!.run({
      id: e.id,
      year: e.year,
      eventType: e.eventType,
      eventRef: e.eventRef,
      description: e.description,
      actor: e.actor,
      occurredOn: e.occurredOn,
      recordedAt: e.recordedAt,
      idempotencyKey: e.idempotencyKey,
      reversesEntryId: e.reversesEntryId,
      reason: e.reason,
      postingCount: e.postings.length,
      debitTotal,
      prevHash: e.prevHash,
      hash: e.hash,
      version: e.version,
      facts: e.facts === null ? null : JSON.stringify(e.facts),
    });
    e.postings.forEach((p, i) => {
      const accountId = accountIds[i]!;
      this.s.insertPosting!.run(e.id, accountId, p.amount);
      this.s.addBalance!.run(p.amount, accountId);
    });
  }

  private hydrate(row: EntryRow | undefined): PostedEntry | undefined {
    if (!row) return undefined;
    return posted(row, this.s.postingsOf!.all(row.id) as Array<{ account: string; amount: number }>);
  }

  /** Streams every entry with its postings in id order (for verify and exports). */
  *iterateEntries(): Generator<PostedEntry & { postingCount: number; debitTotal: number }> {
    const entries = this.db.sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM journal_entries ORDER BY id`);
    const postings = this.db.sqlite.prepare(
      `SELECT p.entry_id AS entryId, a.name AS account, p.amount FROM postings p JOIN accounts a ON a.id = p.account_id ORDER BY p.entry_id, p.id`,
    );
    const pIt = postings.iterate() as IterableIterator<{ entryId: number; account: string; amount: number }>;
    let pending = pIt.next();
    for (const row of entries.iterate() as IterableIterator<EntryRow>) {
      const ps: Array<{ account: string; amount: number }> = [];
      while (!pending.done && pending.value.entryId < row.id) pending = pIt.next(); // orphans: skipped here, counted by orphanPostings()
      while (!pending.done && pending.value.entryId === row.id) {
        ps.push({ account: pending.value.account, amount: pending.value.amount });
        pending = pIt.next();
      }
      const e = posted(row, ps) as PostedEntry & { postingCount: number; debitTotal: number };
      e.postingCount = row.postingCount;
      e.debitTotal = row.debitTotal;
      yield e;
    }
  }

  /** The triggers checked by their SQL text against src/db/triggers.ts (verify). */
  triggerProblems(): TriggerProblems {
    return triggerProblems(this.db);
  }

  hasHash(hash: string): boolean {
    return !!this.db.prepare(`SELECT 1 FROM journal_entries WHERE hash = ?`).get(hash);
  }

  /**
   * An RT's cash and spending in a month, from the postings by business date: the cash at the
   * start and end, what came in and went out, and the spending posted to its categories.
   */
  rtMonthFlows(year: number, rtId: number, monthStart: string, nextMonthStart: string) {
    return this.db.prepare(
        `SELECT
           COALESCE(SUM(CASE WHEN a.kind = 'cash' AND e.occurred_on < @start THEN p.amount END), 0) AS opening,
           COALESCE(SUM(CASE WHEN a.kind = 'cash' AND e.occurred_on >= @start AND e.occurred_on < @next AND p.amount > 0 THEN p.amount END), 0) AS received,
           COALESCE(-SUM(CASE WHEN a.kind = 'cash' AND e.occurred_on >= @start AND e.occurred_on < @next AND p.amount < 0 THEN p.amount END), 0) AS spent,
           COALESCE(SUM(CASE WHEN a.kind = 'cash' AND e.occurred_on < @next THEN p.amount END), 0) AS closing,
           COALESCE(SUM(CASE WHEN a.kind = 'spending' AND e.occurred_on >= @start AND e.occurred_on < @next THEN p.amount END), 0) AS spendingPosted
         FROM postings p JOIN accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
         WHERE a.year = @year AND a.rt_id = @rtId`,
      )
      .get({ year, rtId, start: monthStart, next: nextMonthStart }) as { opening: number; received: number; spent: number; closing: number; spendingPosted: number };
  }

  orphanPostings(): number {
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM postings p LEFT JOIN journal_entries e ON e.id = p.entry_id WHERE e.id IS NULL`)
        .get() as { n: number }
    ).n;
  }

  /** How many rows the ledger holds, all years (what a generated city or a benchmark reports). */
  rowCounts(): { entries: number; postings: number; accounts: number } {
    return this.db
      .prepare(`SELECT (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM postings) AS postings, (SELECT count(*) FROM accounts) AS accounts`)
      .get() as { entries: number; postings: number; accounts: number };
  }

  /** How many entries a scope's export holds (for its progress bar). */
  countInScope(year: number, kelurahanCode: string | null): number {
    const row = kelurahanCode
      ? this.db
          .prepare(
            `SELECT count(DISTINCT p2.entry_id) AS n FROM postings p2 JOIN accounts a2 ON a2.id = p2.account_id JOIN rt ON rt.id = a2.rt_id
             WHERE a2.year = ? AND rt.kelurahan_code = ?`,
          )
          .get(year, kelurahanCode)
      : this.db.prepare(`SELECT count(*) AS n FROM journal_entries WHERE year = ?`).get(year);
    return (row as { n: number }).n;
  }

  /** Accounts whose cached balance differs from the sum of their postings. */
  balanceMismatches(limit = 10): Array<{ name: string; year: number; cached: number; derived: number }> {
    return this.db.prepare(
        `SELECT a.name, a.year, a.balance AS cached, COALESCE(s.total, 0) AS derived
         FROM accounts a LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM postings GROUP BY account_id) s
           ON s.account_id = a.id
         WHERE a.balance <> COALESCE(s.total, 0) LIMIT ?`,
      )
      .all(limit) as Array<{ name: string; year: number; cached: number; derived: number }>;
  }

  /**
   * Entries of a year in id order, optionally only those touching a kelurahan's RTs, each with
   * its postings: streamed, so a city-year never sits in memory.
   */
  *entriesInScope(year: number, kelurahanCode: string | null): Generator<PostedEntry> {
    // The scope as a set of entry ids: all of the year, or those touching the kelurahan's RT accounts.
    const scope = kelurahanCode
      ? `SELECT DISTINCT p2.entry_id AS id FROM postings p2 JOIN accounts a2 ON a2.id = p2.account_id JOIN rt ON rt.id = a2.rt_id
         WHERE a2.year = @year AND rt.kelurahan_code = @kel`
      : `SELECT id FROM journal_entries WHERE year = @year`;
    const entries = this.db.sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM journal_entries e WHERE e.id IN (${scope}) ORDER BY e.id`);
    // One pass over the postings in entry order, merged with the entries: no query per entry.
    const postings = this.db.sqlite.prepare(
      `SELECT p.entry_id AS entryId, a.name AS account, p.amount FROM postings p JOIN accounts a ON a.id = p.account_id
       WHERE p.entry_id IN (${scope}) ORDER BY p.entry_id, p.id`,
    );
    const params = kelurahanCode ? { year, kel: kelurahanCode } : { year };
    const pIt = postings.iterate(params) as IterableIterator<{ entryId: number; account: string; amount: number }>;
    let pending = pIt.next();
    try {
      for (const row of entries.iterate(params) as IterableIterator<EntryRow>) {
        const ps: Array<{ account: string; amount: number }> = [];
        while (!pending.done && pending.value.entryId < row.id) pending = pIt.next();
        while (!pending.done && pending.value.entryId === row.id) {
          ps.push({ account: pending.value.account, amount: pending.value.amount });
          pending = pIt.next();
        }
        yield posted(row, ps);
      }
    } finally {
      // Stopped early (a download cut midway): the postings' statement is finished too, or the
      // connection stays busy and its snapshot cannot be closed.
      pIt.return?.();
    }
  }

  /** The scope as a set of entry ids (SQL), with its parameters: all of the year, or those touching the kelurahan's RT accounts. */
  private scopeIds(year: number, kelurahanCode: string | null): { sql: string; params: Record<string, unknown> } {
    return kelurahanCode
      ? {
          sql: `SELECT DISTINCT p2.entry_id AS id FROM postings p2 JOIN accounts a2 ON a2.id = p2.account_id JOIN rt ON rt.id = a2.rt_id
                WHERE a2.year = @year AND rt.kelurahan_code = @kel`,
          params: { year, kel: kelurahanCode },
        }
      : { sql: `SELECT id FROM journal_entries WHERE year = @year`, params: { year } };
  }

  firstIdInScope(year: number, kelurahanCode: string | null): number | null {
    const scope = this.scopeIds(year, kelurahanCode);
    const row = this.db.sqlite.prepare(`SELECT min(id) AS id FROM (${scope.sql})`).get(scope.params) as { id: number | null };
    return row.id;
  }

  *chainSkeleton(from: number, to: number, year: number, kelurahanCode: string | null): Generator<ChainLink> {
    const scope = this.scopeIds(year, kelurahanCode);
    const rows = this.db.sqlite.prepare(
      `SELECT id, prev_hash AS prevHash, hash, (id IN (${scope.sql})) AS inScope FROM journal_entries WHERE id BETWEEN @from AND @to ORDER BY id`,
    );
    yield* rows.iterate({ ...scope.params, from, to }) as IterableIterator<ChainLink>;
  }

  /** Balances per account over the entries of a scope (the trial balance an export must reproduce). */
  scopeTrialBalance(year: number, kelurahanCode: string | null): Array<{ name: string; balance: number }> {
    if (!kelurahanCode) {
      // The city: every account of the year that has postings. One pass over the covering index
      // (account_id, amount) summing per account, then the names: 3× faster than grouping the join.
      return this.db
        .prepare(
          `SELECT a.name, s.balance FROM accounts a JOIN (SELECT account_id, SUM(amount) AS balance FROM postings GROUP BY account_id) s ON s.account_id = a.id
           WHERE a.year = ? ORDER BY a.name`,
        )
        .all(year) as Array<{ name: string; balance: number }>;
    }
    return this.db.prepare(
        `SELECT a.name, SUM(p.amount) AS balance FROM postings p JOIN accounts a ON a.id = p.account_id
         WHERE p.entry_id IN (SELECT DISTINCT p2.entry_id FROM postings p2 JOIN accounts a2 ON a2.id = p2.account_id JOIN rt ON rt.id = a2.rt_id
                              WHERE a2.year = @year AND rt.kelurahan_code = @kel)
         GROUP BY a.id ORDER BY a.name`,
      )
      .all({ year, kel: kelurahanCode }) as Array<{ name: string; balance: number }>;
  }

  /** The postings on an RT's cash account in a date range, in order: the lines of its cash book (BKU). */
  cashBookLines(year: number, rtId: number, from: string, before: string) {
    return this.db.prepare(
        `SELECT e.id AS entryId, e.occurred_on AS date, e.event_type AS eventType, e.event_ref AS eventRef, e.description, p.amount
         FROM postings p JOIN accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
         WHERE a.year = ? AND a.rt_id = ? AND a.kind = 'cash' AND e.occurred_on >= ? AND e.occurred_on < ?
         ORDER BY e.occurred_on, e.id`,
      )
      .all(year, rtId, from, before) as Array<{ entryId: number; date: string; eventType: string; eventRef: string; description: string; amount: number }>;
  }

  /**
   * The lowest cash balance of an RT from a day on (the running balance by business date):
   * spending dated on that day must fit under it, or the cash book would go negative later.
   */
  minCashFrom(year: number, rtId: number, from: string): number {
    const rows = this.db.prepare(
        `SELECT e.occurred_on AS date, SUM(p.amount) AS amount FROM postings p JOIN accounts a ON a.id = p.account_id
         JOIN journal_entries e ON e.id = p.entry_id WHERE a.year = ? AND a.rt_id = ? AND a.kind = 'cash'
         GROUP BY e.occurred_on ORDER BY e.occurred_on`,
      )
      .all(year, rtId) as Array<{ date: string; amount: number }>;
    // End-of-day balances: the balance at the end of `from` (same-day money counts), then at the end of every later day.
    let running = 0;
    let min = Number.POSITIVE_INFINITY;
    let seenFrom = false;
    for (const r of rows) {
      if (r.date > from && !seenFrom) {
        min = Math.min(min, running);
        seenFrom = true;
      }
      running += r.amount;
      if (r.date > from) min = Math.min(min, running);
    }
    return Math.min(min, running);
  }

  /** Trial balance of a year from postings (not from the cache). */
  trialBalance(year: number): Array<{ name: string; balance: number }> {
    return this.db.prepare(
        `SELECT a.name, COALESCE(SUM(p.amount), 0) AS balance FROM accounts a
         LEFT JOIN postings p ON p.account_id = a.id WHERE a.year = ? GROUP BY a.id ORDER BY a.name`,
      )
      .all(year) as Array<{ name: string; balance: number }>;
  }
}

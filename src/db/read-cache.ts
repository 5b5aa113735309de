/**
 * Read models kept until the database changes: a report that 50 people open at once is computed
 * once. An entry is used only while no transaction has committed since it was computed — neither
 * through this connection (every use case writes in db.transaction) nor by any other connection
 * (SQLite's data_version) — so a reader never sees a figure older than the last commit. Session
 * bookkeeping (last seen, flash messages) writes outside transactions and does not count.
 * Inside a transaction nothing is kept or used, unless the cache is made to keep reads for the
 * rest of one write transaction (insideTransactions). A cache given an `epoch` (a counter that
 * triggers move with every change of its data) keeps entries while that counter stands still
 * instead, commits of other data notwithstanding. Callers check access before asking: the cache
 * holds data, not permissions.
 */
import type { Statement } from 'better-sqlite3';
import type { ReadModelCache } from '../app/ports';
import type { Db } from './client';

export interface ReadCacheOptions {
  /** Entries kept at most (least recently used go first). */
  max?: number;
  /**
   * How often to ask SQLite whether another connection committed: on every read (default), or
   * once per turn of the event loop — for something a page reads several times, where even the
   * pragma's tens of microseconds count; another connection's commit then shows from the next turn.
   */
  otherConnections?: 'every read' | 'once per turn';
  /**
   * Inside a write transaction: compute every read afresh (default), or keep a read for the rest
   * of that transaction — for something a use case reads several times whose every write through
   * this process calls forget() (no other connection can commit while the transaction holds the
   * write lock; a rollback ends the transaction, and with it what was kept).
   */
  insideTransactions?: 'afresh' | 'per transaction';
  /**
   * A counter that every change of the data moves, kept by triggers inside the writer's own
   * transaction (any connection, a hand edit included): an entry is then used while the counter
   * stands still, commits of other data notwithstanding, inside transactions too. One computed
   * inside a transaction serves only that transaction (a rollback takes the counter's move back,
   * and the next move would meet the rolled-back value). Read on every question: one row.
   * Replaces the other two options. A counter that is not there (its row deleted by hand) keeps
   * nothing: every read is made afresh.
   */
  epoch?: () => number | undefined;
}

export class ReadCache implements ReadModelCache {
  private readonly entries = new Map<string, { stamp: string; value: unknown }>();
  private readonly epoch: (() => number | undefined) | null;
  private readonly dataVersion: Statement;
  private readonly max: number;
  private readonly perTurn: boolean;
  private readonly perTransaction: boolean;
  private versionThisTurn: number | null = null;

  constructor(
    private readonly db: Db,
    options: ReadCacheOptions = {},
  ) {
    this.max = options.max ?? 64;
    this.perTurn = options.otherConnections === 'once per turn';
    this.perTransaction = options.insideTransactions === 'per transaction';
    this.dataVersion = db.sqlite.prepare('PRAGMA data_version');
    this.epoch = options.epoch ?? null;
  }

  remember<T>(key: string, compute: () => T): T {
    let stamp: string;
    if (this.epoch) {
      const counter = this.epoch();
      if (typeof counter !== 'number') return compute();
      if (!this.db.sqlite.inTransaction) stamp = `e${counter}`;
      else {
        const tx = this.db.openTransaction();
        // A transaction not opened by db.transaction (a snapshot's) keeps nothing.
        if (tx === null) return compute();
        const hit = this.entries.get(key);
        if (hit?.stamp === `e${counter}`) return hit.value as T;
        stamp = `e${counter}:tx${tx}`;
      }
    } else if (this.db.sqlite.inTransaction) {
      const tx = this.perTransaction ? this.db.openTransaction() : null;
      if (tx === null) return compute();
      stamp = `tx${tx}`;
    } else stamp = `${this.db.commits()}:${this.version()}`;
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit?.stamp === stamp) {
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const value = compute();
    this.entries.set(key, { stamp, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Drops every entry (for a write that does not go through db.transaction). */
  forget(): void {
    this.entries.clear();
  }

  private version(): number {
    if (this.versionThisTurn !== null) return this.versionThisTurn;
    const version = (this.dataVersion.get() as { data_version: number }).data_version;
    if (this.perTurn) {
      this.versionThisTurn = version;
      setImmediate(() => {
        this.versionThisTurn = null;
      }).unref();
    }
    return version;
  }
}

/**
 * Read models kept until the database changes: a report that 50 people open at once is computed
 * once. An entry is used only while no transaction has committed since it was computed — neither
 * through this connection (every use case writes in db.transaction) nor by any other connection
 * (SQLite's data_version) — so a reader never sees a figure older than the last commit. Session
 * bookkeeping (last seen, flash messages) writes outside transactions and does not count.
 * Inside a transaction nothing is kept or used. Callers check access before asking: the cache
 * holds data, not permissions.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './client';

export class ReadCache {
  private readonly entries = new Map<string, { stamp: string; value: unknown }>();
  private readonly version: Statement;

  constructor(
    private readonly db: Db,
    private readonly max = 64,
  ) {
    this.version = db.sqlite.prepare('PRAGMA data_version');
  }

  remember<T>(key: string, compute: () => T): T {
    if (this.db.sqlite.inTransaction) return compute();
    const stamp = `${this.db.commits()}:${(this.version.get() as { data_version: number }).data_version}`;
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
}

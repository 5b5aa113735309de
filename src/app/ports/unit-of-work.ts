/**
 * The unit of work: the one place that opens transactions, and the handle on the storage a set
 * of stores shares. src/db implements it for SQLite (Db in src/db/client.ts).
 */
export interface UnitOfWork {
  /**
   * Runs fn in one transaction that takes the write lock up front (so two writers never both
   * read the same chain head). fn must be synchronous: SQLite cannot roll back across an await.
   * Inside a transaction already, fn joins it.
   */
  transaction<T>(fn: () => T): T;
  /** Inside a transaction now (use cases that must run inside one check it). */
  inTransaction(): boolean;
  /** Transactions committed through transaction() on this connection (read caches compare it). */
  commits(): number;
  /** The database file (':memory:' for an in-memory database). */
  file: string;
  /**
   * A second, read-only unit of work holding one consistent snapshot (for long exports that
   * stream while writers carry on), or null when the storage has no second connection (an
   * in-memory database: read in place). The snapshot is of the same engine as this one: build
   * its stores with the factory that built this one's, never write through it (its
   * transaction() throws), and close it when done.
   */
  openSnapshot(): UnitOfWork | null;
  /** Folds the write-ahead log back into the database file (before a copy or a rename of it). */
  checkpoint(): void;
  /**
   * Copies what the write-ahead log holds back into the database file without waiting for
   * anyone (PRAGMA wal_checkpoint(PASSIVE)): frames a reader's snapshot still needs stay. Says how
   * many frames the log has and how many are in the file now (equal: the next writer starts the
   * log over, so it stops growing).
   */
  walCheckpoint(): { logFrames: number; checkpointedFrames: number };
  /**
   * Folds the write-ahead log from a thread of its own every `everyMs` instead of inside this
   * connection's commits (which otherwise fold it every 1000 pages, on the thread that serves
   * requests). `stop` gives the commits their own folding back; so does a thread that fails
   * (`onProblem`). A storage without a log (in memory) does nothing.
   */
  foldInBackground(everyMs: number, hooks?: { onProblem?: (err: Error) => void }): { stop(): Promise<void>; running(): boolean };
  close(): void;
}

/**
 * Opens the SQLite database and applies migrations. The one place that opens transactions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { UnitOfWork } from '../app/ports';
import * as schema from './schema';
import { startBackgroundCheckpoints } from './background-checkpoint';

export type Orm = BetterSQLite3Database<typeof schema>;

/**
 * The application's unit of work on SQLite (transaction() opens an IMMEDIATE transaction), with
 * the handles only src/db uses.
 */
export interface Db extends UnitOfWork {
  sqlite: Database.Database;
  /**
   * The serial number of the transaction that transaction() has open now, or null outside one
   * (or inside a transaction not opened by it): within one write transaction nothing but its own
   * writes changes the data, so a read cache may keep a read for the rest of it.
   */
  openTransaction(): number | null;
  orm: Orm;
  /** A compiled statement, cached by its SQL text. Not for iterate(): a statement cannot run twice at once. */
  prepare(source: string): Database.Statement;
  /**
   * A second, read-only connection holding one snapshot (see openReadSnapshot), or null for an
   * in-memory database, which has no second connection.
   */
  openSnapshot(): Db | null;
}

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'db');

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // After a checkpoint that empties it, the WAL file is cut back to 64 MB (a long export can
  // make it grow; without a limit the file keeps its largest size for ever).
  sqlite.pragma('journal_size_limit = 67108864');
  // 32 MB of page cache (the default is 2 MB): a city's hot index pages stay in the process.
  sqlite.pragma('cache_size = -32000');
  const cached = withStatementCache(sqlite);
  const orm = drizzle(cached, { schema });
  let commits = 0;
  let serial = 0;
  let open: number | null = null;
  return {
    sqlite,
    orm,
    prepare: (source: string) => cached.prepare(source),
    transaction<T>(fn: () => T): T {
      if (sqlite.inTransaction) return fn();
      serial += 1;
      open = serial;
      try {
        const result = sqlite
          .transaction(() => {
            const r = fn();
            if (r instanceof Promise) throw new Error('transaction callbacks must be synchronous');
            return r;
          })
          .immediate();
        commits += 1;
        return result;
      } finally {
        open = null;
      }
    },
    openTransaction: () => (open !== null && sqlite.inTransaction ? open : null),
    commits: () => commits,
    inTransaction: () => sqlite.inTransaction,
    file: sqlite.name,
    openSnapshot: () => (sqlite.memory ? null : openReadSnapshot(sqlite.name)),
    checkpoint: () => void sqlite.pragma('wal_checkpoint(TRUNCATE)'),
    walCheckpoint: () => {
      if (sqlite.memory) return { logFrames: 0, checkpointedFrames: 0 };
      const [r] = sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      return { logFrames: r!.log, checkpointedFrames: r!.checkpointed };
    },
    foldInBackground: (everyMs, hooks) => startBackgroundCheckpoints(sqlite, everyMs, hooks),
    close: () => sqlite.close(),
  };
}

/**
 * A second, read-only connection to the same file holding one read transaction: a consistent
 * snapshot for long exports. Streaming rows keeps a statement open between awaits, and an open
 * statement makes its connection refuse writes ("busy executing a query"); on this connection
 * the server's writers carry on (WAL lets readers and the writer work side by side), and every
 * file of an export shows the ledger at the same instant.
 */
export function openReadSnapshot(file: string): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const cached = withStatementCache(sqlite);
  sqlite.exec('BEGIN');
  // The snapshot starts at the first read.
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  return {
    sqlite,
    orm: drizzle(cached, { schema }),
    prepare: (source: string) => cached.prepare(source),
    transaction: () => {
      throw new Error('a read snapshot cannot write');
    },
    commits: () => 0,
    openTransaction: () => null,
    inTransaction: () => sqlite.inTransaction,
    file,
    openSnapshot: () => openReadSnapshot(file),
    checkpoint: () => undefined,
    walCheckpoint: () => ({ logFrames: 0, checkpointedFrames: 0 }),
    foldInBackground: () => ({ stop: async () => undefined, running: () => false }),
    close: () => {
      if (sqlite.inTransaction) sqlite.exec('COMMIT');
      sqlite.close();
    },
  };
}

/**
 * drizzle prepares (compiles) every query's SQL again on each call; on the hot paths that was a
 * fifth of the time of a receipt. The same SQL text gets the same compiled statement here (an
 * LRU of them). drizzle switches a statement to raw (array) rows for its own mapping; the mode
 * is reset on every reuse so a statement never answers in the previous caller's shape. Only
 * drizzle goes through this: the streaming readers that iterate prepare their own statements.
 */
function withStatementCache(sqlite: Database.Database, max = 2000): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source);
      cache.set(source, stmt);
      if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
      return stmt;
    }
    stmt = sqlite.prepare(source);
    cache.set(source, stmt);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** How many migrations the database has had applied (0 for a new file). */
function appliedMigrations(db: Db): number {
  const table = db.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  return table ? (db.sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
}

/**
 * Applies the migrations with foreign keys off, as SQLite's procedure for rebuilding a table
 * (a new CHECK) asks: drizzle runs them in one transaction, where `PRAGMA foreign_keys` in the
 * SQL itself is ignored. When a migration ran, every reference is checked afterwards; a broken
 * one stops the start. (Nothing to apply, nothing checked: `verify` must still open a damaged file.)
 */
export function migrateDatabase(db: Db): void {
  const before = appliedMigrations(db);
  const enforced = db.sqlite.pragma('foreign_keys', { simple: true }) === 1;
  db.sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db.orm, { migrationsFolder: MIGRATIONS_DIR });
    if (before > 0 && appliedMigrations(db) > before) {
      const broken = db.sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`migration left ${broken.length} broken references: ${JSON.stringify(broken.slice(0, 5))}`);
    }
  } finally {
    if (enforced) db.sqlite.pragma('foreign_keys = ON');
  }
}

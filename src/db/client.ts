/**
 * Opens the SQLite database and applies migrations. The one place that opens transactions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface Db {
  sqlite: Database.Database;
  orm: Orm;
  /**
   * Runs fn in one IMMEDIATE transaction (the write lock is taken up front, so two writers
   * never both read the same chain head). fn must be synchronous: better-sqlite3 cannot
   * roll back across an await.
   */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db');

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const orm = drizzle(sqlite, { schema });
  return {
    sqlite,
    orm,
    transaction<T>(fn: () => T): T {
      if (sqlite.inTransaction) return fn();
      return sqlite
        .transaction(() => {
          const result = fn();
          if (result instanceof Promise) throw new Error('transaction callbacks must be synchronous');
          return result;
        })
        .immediate();
    },
    close: () => sqlite.close(),
  };
}

export function migrateDatabase(db: Db): void {
  migrate(db.orm, { migrationsFolder: MIGRATIONS_DIR });
}

/**
 * A consistent copy of a live SQLite database, taken with SQLite's online backup API while
 * other processes (the server) keep writing, and the checks of such a copy.
 *
 * - The copy is one instant of the database: all its pages are transferred in a single backup
 *   step, i.e. inside one read transaction. In WAL mode a reader does not block writers, so
 *   the server carries on. (Stepping a few pages at a time, the API's default, restarts the
 *   copy whenever another connection writes, and under steady load may never finish.)
 * - The copy is left in rollback-journal mode: a single self-contained file.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from './client';
import * as schema from './schema';

export interface SnapshotResult {
  pages: number;
  bytes: number;
}

export async function snapshotDatabase(source: string, dest: string): Promise<SnapshotResult> {
  if (!fs.existsSync(source)) throw new Error(`basis data ${source} tidak ada`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The first step only sizes the copy; the callback then asks for every remaining page at once.
    const r = await db.backup(dest, { progress: () => 0x7fffffff });
    const copy = new Database(dest);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return { pages: r.totalPages, bytes: fs.statSync(dest).size };
  } finally {
    db.close();
  }
}

/** SQLite's own structural check of a copy: an empty list when the file is sound. */
export function integrityProblems(file: string): string[] {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const fk = db.pragma('foreign_key_check') as unknown[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (fk.length) problems.push(`${fk.length} baris melanggar kunci asing`);
    return problems;
  } finally {
    db.close();
  }
}

/**
 * Opens a copy read-only, as it is: no migration, no switch to WAL (which would rewrite its
 * header and so its checksum). For reading a backup's facts with the ordinary repositories.
 */
export function openCopyReadOnly(file: string): Db {
  const sqlite = new Database(file, { fileMustExist: true, readonly: true });
  return {
    sqlite,
    orm: drizzle(sqlite, { schema }),
    prepare: (source: string) => sqlite.prepare(source),
    transaction: () => {
      throw new Error('a backup copy is read-only');
    },
    commits: () => 0,
    openTransaction: () => null,
    inTransaction: () => false,
    file,
    openSnapshot: () => null,
    checkpoint: () => undefined,
    walCheckpoint: () => ({ logFrames: 0, checkpointedFrames: 0 }),
    foldInBackground: () => ({ stop: async () => undefined, running: () => false }),
    close: () => sqlite.close(),
  } as Db;
}

/**
 * The insider with the database file: copies of the seeded demo database edited with plain
 * better-sqlite3 (no application code), triggers dropped for the edit and put back after, then
 * checked by the verifier as `npm run verify` runs it.
 */
import Database from 'better-sqlite3';
import { bootstrap } from '../../src/app/bootstrap';
import { verifyLedger, type VerifyReport } from '../../src/app/verify-ledger';
import { seededServices } from './db';

export interface DbCopy {
  file: string;
  evidenceDir: string;
}

export async function seededCopy(): Promise<DbCopy> {
  const s = await seededServices();
  const copy = { file: s.db.sqlite.name, evidenceDir: s.evidence.dir };
  s.db.close();
  return copy;
}

/** Drops every trigger, edits, puts the triggers back (a careful intruder leaves no missing trigger). */
export function tamperFile(c: DbCopy, edit: (db: Database.Database) => void): void {
  const db = new Database(c.file);
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string }>;
  db.pragma('foreign_keys = OFF');
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  edit(db);
  for (const t of triggers) db.exec(t.sql);
  db.close();
}

export function verifyCopy(c: DbCopy, opts: { evidence?: boolean } = {}): VerifyReport {
  const s = bootstrap({ databasePath: c.file, evidenceDir: c.evidenceDir });
  try {
    return verifyLedger(s, [], opts);
  } finally {
    s.db.close();
  }
}

/** Reads from a copy with plain SQL (targets for the edits). */
export function readCopy<T>(c: DbCopy, sql: string, ...args: unknown[]): T {
  const db = new Database(c.file, { readonly: true });
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}

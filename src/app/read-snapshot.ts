/**
 * Runs a long read (an export, a bundle) on its own read-only connection and snapshot, so the
 * server keeps taking writes while it streams and every file it writes agrees with the others.
 */
import { openReadSnapshot } from '../db/client';
import { createServices, type Services } from './services';

export async function withReadSnapshot<T>(s: Services, fn: (snapshot: Services) => Promise<T>): Promise<T> {
  // An in-memory database has no second connection: it reads in place.
  if (s.db.sqlite.memory) return fn(s);
  const db = openReadSnapshot(s.db.sqlite.name);
  try {
    return await fn(createServices(db, s.now, s.evidence.dir));
  } finally {
    db.close();
  }
}

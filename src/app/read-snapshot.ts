/**
 * Runs a long read (an export, a bundle) on its own read-only connection and snapshot, so the
 * server keeps taking writes while it streams and every file it writes agrees with the others.
 */
import { createServices, type Services } from './services';

export async function withReadSnapshot<T>(s: Services, fn: (snapshot: Services) => Promise<T>): Promise<T> {
  // An in-memory database has no second connection: it reads in place.
  const snapshot = s.openSnapshot();
  if (!snapshot) return fn(s);
  try {
    return await fn(createServices(snapshot, s.now, s.evidence.dir));
  } finally {
    snapshot.db.close();
  }
}

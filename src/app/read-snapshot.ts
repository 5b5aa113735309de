/**
 * Runs a long read (an export, a bundle) on its own read-only connection and snapshot, so the
 * server keeps taking writes while it streams and every file it writes agrees with the others.
 * A snapshot held open stops checkpoints at its mark (the WAL grows meanwhile): the downloads
 * that hold one are cut when their client stops reading (http/middleware/stall-guard.ts), and
 * openSnapshots() counts them (it must come back to 0).
 */
import { createServices, type Services } from './services';

let open = 0;

/** Snapshots held open in this process now. */
export const openSnapshots = () => open;

export async function withReadSnapshot<T>(s: Services, fn: (snapshot: Services) => Promise<T>): Promise<T> {
  // An in-memory database has no second connection: it reads in place.
  const snapshot = s.openSnapshot();
  if (!snapshot) return fn(s);
  open += 1;
  try {
    return await fn(createServices(snapshot, s.now, s.evidence.dir, s.signing.keyPath));
  } finally {
    // Counted as released only once closed (a connection still busy with a statement refuses to close).
    snapshot.db.close();
    open -= 1;
  }
}

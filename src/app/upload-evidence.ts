/**
 * Uploads into the evidence store. The order (issue 17, item 2):
 *
 * 1. Before any file is read: everything that needs no file (scope, the form's amount, cash,
 *    plan line, caps, dates, month lock, year open, quota already full) is checked from the text
 *    fields, which come first in the form (the route's `precheck`, run when the first file part
 *    starts; a refusal answers at once and the files are never read).
 * 2. The files stream into the quarantine as this request's files (`<evidence>.quarantine/u-*`,
 *    beside the store on the same filesystem),
 *    hashed and counted while they stream, fsynced once whole; nothing of the store changes.
 * 3. `withEvidence`: the scope again, the quota with the real sizes, then each file's bytes
 *    (type, a photo decoded and fingerprinted on an image worker thread, a PDF parsed), one file
 *    at a time.
 * 4. Each file is moved into the store under its hash (a rename: idempotent) BEFORE the
 *    transaction that points to it commits, so a committed row never points to a missing file;
 *    a crash after the move and before the commit leaves an orphan that the hourly sweep removes.
 * 5. The transaction commits, or refuses; either way `settle` then removes, at once, any file
 *    this request moved in that no row refers to, and the request's `finally` (the upload
 *    middleware) removes its files left in the quarantine. A refused request leaves nothing behind.
 */
import type { Action, Actor } from '../domain/access';
import type { EvidenceKind } from '../domain/grants/receipt';
import { fail } from '../domain/errors';
import type { QuarantinedFile, StoredFile } from './evidence-store';
import { cleanFileName } from './evidence-store';
import { refuseOverQuota } from './evidence-quota';
import { MAX_RECEIPT_BYTES } from './record-receipt';
import { rtInScope } from './scope';
import type { Services } from './services';

export interface RawUpload extends QuarantinedFile {
  kind?: EvidenceKind;
}

/**
 * Checks the scope, the quota and the bytes of every file, moves them into the store, runs
 * `commit` (the use case's transaction) with them, and settles the store whatever happened.
 * `thumbnails`: the caller makes the photos' review thumbnails after the commit (a receipt), so
 * each photo's examination makes its thumbnail from the same decode (evidence-store.ts `inspectFile`).
 */
export async function withEvidence<T>(
  s: Services,
  actor: Actor,
  action: Action,
  target: { rtId: number; year: number; quotaBytes?: number },
  uploads: readonly RawUpload[],
  commit: (files: Array<StoredFile & { kind?: EvidenceKind }>) => T,
  o: { thumbnails?: boolean } = {},
): Promise<T> {
  rtInScope(s, actor, action, target.rtId);
  const total = uploads.reduce((a, u) => a + u.size, 0);
  if (total > MAX_RECEIPT_BYTES) throw fail('receipt_files_too_large', { maxBytes: MAX_RECEIPT_BYTES });
  refuseOverQuota(s, target.rtId, target.year, target.quotaBytes, uploads);
  const files: Array<StoredFile & { kind?: EvidenceKind }> = [];
  for (const u of uploads) {
    const { mime, fingerprint } = await s.evidence.inspectFile(u, u.field, `Berkas "${u.originalName.slice(0, 60)}"`, o.thumbnails ? u.sha256 : undefined);
    files.push({ sha256: u.sha256, size: u.size, mime, originalName: cleanFileName(u.originalName), pixelSha256: fingerprint?.pixelSha256 ?? null, phash: fingerprint?.phash ?? null, kind: u.kind });
  }
  const adopted: string[] = [];
  try {
    for (const u of uploads) {
      adopted.push(u.sha256);
      await s.evidence.adopt(u);
    }
    return commit(files);
  } finally {
    s.evidence.settle(adopted, (sha) => !!s.evidenceFiles.find(sha));
  }
}

/** Removes stored files that no committed row refers to (older than the grace period), and stale quarantine files. */
export async function sweepEvidence(s: Services, olderThanMs = 60 * 60_000): Promise<number> {
  const removed = await s.evidence.sweepOrphans({ referencedUnder: (prefix) => s.evidenceFiles.hashesUnder(prefix), isReferenced: (sha) => !!s.evidenceFiles.find(sha) }, olderThanMs);
  return removed + (await s.evidence.clearQuarantine(olderThanMs));
}

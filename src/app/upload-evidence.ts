/**
 * Uploads into the evidence store, only after the uploader's scope is checked (a refused
 * request must not leave files behind), and the sweep of files whose row never committed.
 */
import type { Action, Actor } from '../domain/access';
import type { EvidenceKind } from '../domain/grants/receipt';
import { fail } from '../domain/errors';
import type { StoredFile } from './evidence-store';
import { MAX_RECEIPT_BYTES } from './record-receipt';
import { rtInScope } from './scope';
import type { Services } from './services';

export interface RawUpload {
  buffer: Buffer;
  originalName: string;
  /** The form field, for a message beside it. */
  field: string;
  kind?: EvidenceKind;
}

/** Checks the scope, then the bytes of every file, then stores them (before any row points to them). */
export async function storeForRt(s: Services, actor: Actor, action: Action, rtId: number, uploads: readonly RawUpload[]): Promise<Array<StoredFile & { kind?: EvidenceKind }>> {
  rtInScope(s, actor, action, rtId);
  const total = uploads.reduce((a, u) => a + u.buffer.length, 0);
  if (total > MAX_RECEIPT_BYTES) throw fail('receipt_files_too_large', { maxBytes: MAX_RECEIPT_BYTES });
  const out: Array<StoredFile & { kind?: EvidenceKind }> = [];
  for (const u of uploads) {
    const { mime, fingerprint } = await s.evidence.inspect(u.buffer, u.field, `Berkas "${u.originalName.slice(0, 60)}"`);
    out.push({ ...(await s.evidence.put(u.buffer, mime, u.originalName, fingerprint)), kind: u.kind });
  }
  return out;
}

/** Removes stored files that no committed row refers to (older than the grace period). */
export function sweepEvidence(s: Services, olderThanMs = 60 * 60_000): Promise<number> {
  return s.evidence.sweepOrphans({ referencedUnder: (prefix) => s.evidenceFiles.hashesUnder(prefix), isReferenced: (sha) => !!s.evidenceFiles.find(sha) }, olderThanMs);
}

/**
 * The auditor's bundle: the application reads one snapshot and hands the report its rows
 * (the report renders, it does not fetch).
 *
 * The bundle ends at a checkpoint signed for it (checkpointsForExport) and starts its chain
 * skeleton at the latest checkpoint before its first entry, so every link between the two is in
 * chain.csv. The checkpoint is signed on the writer, then the snapshot is opened; if a write came
 * in between (the snapshot's head is not the checkpoint's), both are taken again.
 */
import type { Writable } from 'node:stream';
import type { SignedCheckpoint } from '../domain/ledger/checkpoint';
import { fail } from '../domain/errors';
import { writeAuditBundle, type BundleProgress, type BundleScope, type BundleSource } from '../reports/audit-bundle';
// STAND-IN until src/app/checkpoints.ts (checkpoints work of issue 16) is merged: same signature.
import { checkpointsForExport, type ExportCheckpoints } from './checkpoints';
import { bundleTables, bundleAuditLog, bundleStoredFiles, planEvidenceHashes } from './bundle-records';
import { journalScopeLabel } from './export-journal';
import { statementDocument } from './statement-document';
import { withReadSnapshot } from './read-snapshot';
import type { Services } from './services';

export type { ExportCheckpoints } from './checkpoints';

/** The checkpoints a bundle rests on: the latest one before its first in-scope entry (if any) through the end one. */
export function checkpointsOfRange(all: readonly SignedCheckpoint[], end: SignedCheckpoint, firstId: number | null): SignedCheckpoint[] {
  const upto = all.filter((c) => c.seq <= end.seq);
  // The range holds at least the last link (a scope without entries still shows the head it ends at).
  const first = Math.min(firstId ?? Number.MAX_SAFE_INTEGER, Math.max(1, end.entryCount));
  let start = -1;
  for (let i = 0; i < upto.length; i++) if (upto[i]!.entryCount < first && upto[i]!.seq < end.seq) start = i;
  const list = start === -1 ? upto.filter((c) => c.seq === end.seq) : upto.slice(start);
  return list.at(-1)?.seq === end.seq ? list : [...list, end];
}

/** Merges two sorted hash streams (repeats kept; the bundle drops them). */
function* mergeSorted(a: Iterable<string>, b: Iterable<string>): Generator<string> {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  let x = ia.next();
  let y = ib.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && x.value <= y.value)) {
      yield x.value as string;
      x = ia.next();
    } else {
      yield y.value;
      y = ib.next();
    }
  }
}

/** The bundle's rows, read from s (a read snapshot: rows are streamed across awaits). */
export function bundleSource(s: Services, scope: BundleScope, cps: ExportCheckpoints): BundleSource {
  const kel = scope.kelurahanCode ? s.registry.findKelurahan(scope.kelurahanCode) : null;
  const counts = s.receipts.countInScope(scope.year, scope.kelurahanCode);
  const end = cps.end;
  const checkpoints = checkpointsOfRange(cps.all, end, s.ledger.firstIdInScope(scope.year, scope.kelurahanCode));
  const start = checkpoints[0]!.seq === end.seq ? null : checkpoints[0]!;
  // Hashes come sorted, so the store is asked in order (one directory listing at a time).
  const present = s.evidence.existsInOrder();
  const evidenceHashes = () => mergeSorted(s.receipts.evidenceHashesOf(scope.year, scope.kelurahanCode), planEvidenceHashes(s, scope));
  return {
    scope,
    label: kel ? `Kelurahan ${kel.name} (${kel.code})` : 'Kota Semarang',
    journalScopeLabel: journalScopeLabel(s, scope),
    generatedAt: s.now().toISOString(),
    endCheckpoint: end,
    checkpoints,
    publicKeysPem: cps.publicKeysPem,
    entryCount: s.ledger.countInScope(scope.year, scope.kelurahanCode),
    receiptCount: counts.receipts,
    fileCount: counts.files,
    entries: function* () {
      for (const e of s.ledger.entriesInScope(scope.year, scope.kelurahanCode)) {
        if (e.id > end.entryCount) return;
        yield e;
      }
    },
    chain: () => s.ledger.chainSkeleton((start?.entryCount ?? 0) + 1, end.entryCount, scope.year, scope.kelurahanCode),
    receipts: () => s.receipts.indexOf(scope.year, scope.kelurahanCode),
    tables: () => bundleTables(s, scope),
    auditLog: () => bundleAuditLog(s, scope),
    storedFiles: () => bundleStoredFiles(s, scope),
    evidenceHashes,
    evidenceFile: (sha256) =>
      present(sha256) ? { path: s.evidence.pathOf(sha256), mime: s.evidenceFiles.find(sha256)?.mime ?? 'application/octet-stream' } : null,
    statement: statementDocument(s, scope),
  };
}

/** Refuses (bundle_evidence_missing) when any evidence file of the scope is not in the store: never a bundle with silent gaps. */
export function checkEvidencePresent(s: Services, source: Pick<BundleSource, 'evidenceHashes'>): void {
  const present = s.evidence.existsInOrder();
  let missing = 0;
  let example = '';
  let previous = '';
  for (const sha of source.evidenceHashes()) {
    if (sha === previous) continue;
    previous = sha;
    if (!present(sha)) {
      missing += 1;
      if (!example) example = `${sha.slice(0, 16)}…`;
    }
  }
  if (missing > 0) throw fail('bundle_evidence_missing', { count: missing, example });
}

/**
 * Writes a scope's bundle to out from its own read snapshot (writers carry on meanwhile).
 * `checkpoints` signs the end checkpoint on the writer (by default checkpointsForExport).
 */
export async function exportAuditBundle(
  s: Services,
  scope: BundleScope,
  out: Writable,
  onProgress?: (p: BundleProgress) => void,
  sign: () => ExportCheckpoints = () => checkpointsForExport(s, 'ekspor'),
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const cps = sign();
    const result = await withReadSnapshot(s, async (snapshot) => {
      if ((snapshot.ledger.head()?.id ?? 0) !== cps.end.entryCount) return null;
      const source = bundleSource(snapshot, scope, cps);
      checkEvidencePresent(snapshot, source);
      return writeAuditBundle(source, out, onProgress);
    });
    if (result !== null) return result;
    if (attempt >= 4) throw fail('bundle_ledger_moved');
  }
}

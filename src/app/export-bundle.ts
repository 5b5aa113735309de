/**
 * The auditor's bundle: the application reads one snapshot and hands the report its rows
 * (the report renders, it does not fetch).
 */
import type { Writable } from 'node:stream';
import { writeAuditBundle, type BundleProgress, type BundleScope, type BundleSource } from '../reports/audit-bundle';
import { journalScopeLabel } from './export-journal';
import { statementDocument } from './statement-document';
import { withReadSnapshot } from './read-snapshot';
import type { Services } from './services';

/** The bundle's rows, read from s (a read snapshot: rows are streamed across awaits). */
export function bundleSource(s: Services, scope: BundleScope): BundleSource {
  const kel = scope.kelurahanCode ? s.registry.findKelurahan(scope.kelurahanCode) : null;
  const counts = s.receipts.countInScope(scope.year, scope.kelurahanCode);
  // Hashes come sorted, so the store is asked in order (one directory listing at a time).
  const present = s.evidence.existsInOrder();
  return {
    scope,
    label: kel ? `Kelurahan ${kel.name} (${kel.code})` : 'Kota Semarang',
    journalScopeLabel: journalScopeLabel(s, scope),
    generatedAt: s.now().toISOString(),
    chainHead: s.ledger.head()?.hash ?? '-',
    entryCount: s.ledger.countInScope(scope.year, scope.kelurahanCode),
    receiptCount: counts.receipts,
    fileCount: counts.files,
    entries: () => s.ledger.entriesInScope(scope.year, scope.kelurahanCode),
    receipts: () => s.receipts.indexOf(scope.year, scope.kelurahanCode),
    trialBalance: () => s.ledger.scopeTrialBalance(scope.year, scope.kelurahanCode),
    evidenceHashes: () => s.receipts.evidenceHashesOf(scope.year, scope.kelurahanCode),
    evidenceFile: (sha256) =>
      present(sha256) ? { path: s.evidence.pathOf(sha256), mime: s.evidenceFiles.find(sha256)?.mime ?? 'application/octet-stream' } : null,
    statement: statementDocument(s, scope),
  };
}

/** Writes a scope's bundle to out from its own read snapshot (writers carry on meanwhile). */
export function exportAuditBundle(s: Services, scope: BundleScope, out: Writable, onProgress?: (p: BundleProgress) => void): Promise<string> {
  return withReadSnapshot(s, (snapshot) => writeAuditBundle(bundleSource(snapshot, scope), out, onProgress));
}

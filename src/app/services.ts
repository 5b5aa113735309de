/**
 * What use cases receive: the storage's stores (ports owned by the application, implemented in
 * src/db), the evidence file store, and the clock.
 */
import path from 'node:path';
import { EvidenceStore } from './evidence-store';
import type { ComplaintSignals, Storage } from './ports';
import { receiptSpendingReports, type SpendingReports } from './spending-reports';
import { defaultSigningKeyPath } from '../config';
import type { SigningKey } from './signing-key';

export interface Services extends Storage {
  evidence: EvidenceStore;
  spending: SpendingReports;
  now: () => Date;
  /** Complaints past their deadline, for the early-warning desk: read from aduan warga's store. */
  complaintSignals: ComplaintSignals;
  /** The checkpoint signing key: its file (outside the database) and the key once read (checkpoints.ts). */
  signing: { keyPath: string; key: SigningKey | null };
}

export function createServices<S extends Storage>(storage: S, now: () => Date = () => new Date(), evidenceDir?: string, signingKeyPath?: string): S & Services {
  return {
    ...storage,
    // Default: beside the database file, so every database has its own store.
    evidence: new EvidenceStore(evidenceDir ?? path.join(path.dirname(storage.db.file), 'evidence')),
    spending: receiptSpendingReports(storage.receipts),
    now,
    complaintSignals: { overdueByRt: (asOf: string) => storage.complaints.overdueComplaintsByRt(asOf) },
    // Default: beside the database file, named after it (so every database has its own key).
    signing: { keyPath: signingKeyPath ?? defaultSigningKeyPath(storage.db.file), key: null },
  };
}

/**
 * What use cases receive: the storage's stores (ports owned by the application, implemented in
 * src/db), the evidence file store, and the clock.
 */
import path from 'node:path';
import { EvidenceStore } from './evidence-store';
import type { Storage } from './ports';
import { receiptSpendingReports, type SpendingReports } from './spending-reports';

export interface Services extends Storage {
  evidence: EvidenceStore;
  spending: SpendingReports;
  now: () => Date;
}

export function createServices<S extends Storage>(storage: S, now: () => Date = () => new Date(), evidenceDir?: string): S & Services {
  return {
    ...storage,
    // Default: beside the database file, so every database has its own store.
    evidence: new EvidenceStore(evidenceDir ?? path.join(path.dirname(storage.db.file), 'evidence')),
    spending: receiptSpendingReports(storage.receipts),
    now,
  };
}

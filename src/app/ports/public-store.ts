/** Issue 20 (open books): what the public pages read beyond the other stores, and the photo decisions. */

/** A receipt's file that may be a public photo, with what decides it. */
export interface PhotoCandidate {
  receiptId: number;
  rtId: number;
  kind: string;
  category: string;
  year: number;
  status: string;
  mime: string;
}

export interface PhotoDecision {
  id: number;
  receiptId: number;
  sha256: string;
  hidden: boolean;
  reason: string;
  decidedBy: number | null;
  decidedAt: string;
}

export interface PublicStore {
  /**
   * A cheap version of everything the public pages show: it changes on every ledger entry, every
   * audited change (reads such as sign-ins and downloads excepted), every photo decision and
   * every signed checkpoint.
   */
  dataVersion(): string;
  /** The files of these receipts (receiptId → files). */
  filesOf(receiptIds: readonly number[]): Map<number, Array<{ sha256: string; kind: string }>>;
  /** "receiptId:sha256" of the photos whose newest decision hides them, among these receipts. */
  hiddenAmong(receiptIds: readonly number[]): Set<string>;
  /** Every receipt that carries this file, with its kind, category and status. */
  photoCandidates(sha256: string): PhotoCandidate[];
  /** The decisions on one receipt's photos, oldest first. */
  decisionsOf(receiptId: number): PhotoDecision[];
  insertDecision(d: Omit<PhotoDecision, 'id'>): number;
}

/**
 * The business records an audit bundle carries beside the ledger (plans with every version,
 * tranches and their RBB lines, bank batches with their rows and stored files, SPJ, the audit
 * log), read in one scope: a programme year and a kelurahan (null: the city). Streamed.
 * Rows come with the column names of their CSV (snake_case).
 */
export type BundleCell = string | number | null;
export type BundleRecordRow = Record<string, BundleCell>;

export interface BundleBatchFile {
  id: number;
  sha256: string | null;
  csv: Buffer;
}

export interface BundleRecordStore {
  plans(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
  planLines(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
  /** The dossier files of the scope's plans (every version, withdrawn too). */
  planDocuments(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
  /** The scope's plans that migration 0028 listed as submitted before the dossier was asked for (exempt from it). */
  preDossierPlans(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
  /** The numbers the scope's offices issued for the year's documents. */
  documentNumbers(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
  /** The berita acara and dossier files of the scope's plans (every version), sorted by hash, each once. */
  planEvidenceHashes(year: number, kelurahanCode: string | null): Generator<string>;
  tranches(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
  trancheLines(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
  bankBatches(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
  bankBatchRows(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
  /** The files made for the bank, byte for byte (a few KB each). */
  bankBatchFiles(year: number, kelurahanCode: string | null): Generator<BundleBatchFile>;
  spjReports(year: number, kelurahanCode: string | null): Generator<BundleRecordRow>;
}

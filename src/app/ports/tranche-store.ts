/** Tranches (drawings of the allocation), their RBB lines, bank batches and year closures. */
import type { PlanLine } from '../../domain/grants/plan';
import type { DisbursementMode } from '../../domain/grants/programme-year';
import type { TrancheStatus } from '../../domain/grants/tranche';
import type { BatchRowStatus, BatchStatus } from '../../domain/grants/bank-batch';

export interface TrancheRow {
  id: number;
  rtId: number;
  year: number;
  mode: DisbursementMode;
  /** The RBB month (YYYY-MM) in monthly mode; the stage number in staged mode. */
  period: string;
  amount: number;
  status: TrancheStatus;
  /** Null when recorded by an import or the demo seed rather than by a signed-in chair. */
  requestedBy: number | null;
  requestedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  reason: string | null;
  entryId: number | null;
  reversalEntryId: number | null;
  batchId: number | null;
  paidAt: string | null;
  requestKey: string;
}

/** What requesting a tranche writes; the columns it leaves out start empty. */
export interface NewTranche {
  rtId: number;
  year: number;
  mode: DisbursementMode;
  period: string;
  amount: number;
  status: TrancheStatus;
  requestedBy?: number | null;
  requestedAt: string;
  decidedBy?: number | null;
  decidedAt?: string | null;
  reason?: string | null;
  entryId?: number | null;
  reversalEntryId?: number | null;
  batchId?: number | null;
  paidAt?: string | null;
  requestKey: string;
}

/** What the SPJ schedules need of a drawn tranche. */
export type DrawnTranche = Pick<TrancheRow, 'rtId' | 'status' | 'mode' | 'period' | 'decidedAt'>;

/** A tranche with the RT it is paid to. */
export interface TrancheWithRt {
  tranche: TrancheRow;
  rtNumber: number;
  rwNumber: number;
  chairName: string;
  bankAccount: string;
}

/** A tranche of a kelurahan (the treasurer's queue), with its RT and whether the RT is active. */
export interface KelurahanTranche extends TrancheWithRt {
  rtActive: boolean;
}

export interface BankBatchRow {
  id: number;
  kelurahanCode: string;
  year: number;
  rowCount: number;
  total: number;
  createdBy: number;
  createdAt: string;
  /** When (and by whom) the bank's answer to the last waiting row was recorded. */
  paidBy: number | null;
  paidAt: string | null;
  status: BatchStatus;
  /** SHA-256 of the stored CSV file (null for a batch made before files were stored, until its first download). */
  csvSha256: string | null;
  cancelledBy: number | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface NewBankBatch {
  kelurahanCode: string;
  year: number;
  rowCount: number;
  total: number;
  createdBy: number;
  createdAt: string;
  csvFile: Buffer;
  csvSha256: string;
}

/** A row of a batch as sent to the bank (fixed at creation), with the bank's answer. */
export interface BatchRowRecord {
  id: number;
  batchId: number;
  trancheId: number;
  rtId: number;
  rtLabel: string;
  bankAccount: string;
  accountName: string;
  amount: number;
  reference: string;
  description: string;
  status: BatchRowStatus;
  bankReference: string | null;
  paidOn: string | null;
  failureReason: string | null;
  answeredBy: number | null;
  answeredAt: string | null;
  entryId: number | null;
}

export type NewBatchRow = Pick<BatchRowRecord, 'trancheId' | 'rtId' | 'rtLabel' | 'bankAccount' | 'accountName' | 'amount' | 'reference' | 'description'>;

/** A batch row with the day its batch was made (a tranche's transfer history). */
export type TrancheTransfer = BatchRowRecord & { batchCreatedAt: string };

/** Per kelurahan, what waits for the city's treasury: approved tranches not in a batch, and unpaid batches. */
export interface BankWork {
  kelurahanCode: string;
  kelurahanName: string;
  unbatched: number;
  unbatchedTotal: number;
  openBatches: number;
}

export interface TrancheStore {
  find(id: number): TrancheRow | undefined;
  findByRequestKey(key: string): TrancheRow | undefined;
  /** An RT's tranches of a year, by period. */
  ofRt(rtId: number, year: number): TrancheRow[];
  lines(trancheId: number): PlanLine[];
  insert(row: NewTranche, lines: readonly PlanLine[]): number;
  update(id: number, fields: Partial<Omit<TrancheRow, 'id' | 'rtId' | 'year'>>): void;
  /** RBB amounts per category of the RT's live tranches. */
  drawnByCategory(rtId: number, year: number): Map<string, number>;
  /** A month's RBB line for a category: the lines of the RT's live tranche for that month (0 when it names no such line), or null when no RBB was filed for the month. */
  rbbLine(rtId: number, year: number, month: string, category: string): number | null;
  /** Undrawn allocation reserved by pending tranches of an RT. */
  reserved(rtId: number, year: number): number;
  /** The drawn (approved or paid) tranches of a kelurahan's RTs in a year (for SPJ schedules). */
  drawnOfKelurahan(kelurahanCode: string, year: number): DrawnTranche[];
  /** Tranches of a kelurahan in some statuses, oldest request first, with their RT numbers. */
  ofKelurahan(kelurahanCode: string, statuses: TrancheStatus[], year?: number): KelurahanTranche[];
  /** Approved tranches not yet in a batch. */
  unbatched(kelurahanCode: string): KelurahanTranche[];
  countInStatus(year: number, statuses: TrancheStatus[], kelurahanCodes: string[] | null): number;
  /** Every bank account number that more than one RT uses (for a whole bank batch). */
  sharedAccounts(): Set<string>;
  /** Whether another RT has the same bank account number (a shared number is suspicious). */
  accountShared(bankAccount: string): boolean;
  /** Inserts a batch with its rows and file, and puts the rows' tranches into it. */
  insertBatch(row: NewBankBatch, rows: readonly NewBatchRow[]): number;
  findBatch(id: number): BankBatchRow | undefined;
  /** A kelurahan's batches, newest first. */
  batches(kelurahanCode: string): BankBatchRow[];
  /** The stored CSV file of a batch, or null for a batch made before files were stored. */
  batchFile(batchId: number): Buffer | null;
  /** Stores the file of a batch made before files were stored (once: a stored file is never replaced). */
  storeBatchFile(batchId: number, csv: Buffer, sha256: string): void;
  /** The rows of a batch in the order they were sent. */
  batchRows(batchId: number): BatchRowRecord[];
  findBatchRow(id: number): BatchRowRecord | undefined;
  updateBatchRow(id: number, fields: Partial<Pick<BatchRowRecord, 'status' | 'bankReference' | 'paidOn' | 'failureReason' | 'answeredBy' | 'answeredAt' | 'entryId'>>): void;
  updateBatch(id: number, fields: Partial<Pick<BankBatchRow, 'status' | 'paidBy' | 'paidAt' | 'cancelledBy' | 'cancelledAt' | 'cancelReason'>>): void;
  /** Every row that carried one of the tranches, oldest first, with the day its batch was made. */
  transfersOf(trancheIds: readonly number[]): TrancheTransfer[];
  /** Per kelurahan with work for the city's treasury: tranches to batch and unpaid batches. */
  bankWork(): BankWork[];
  /** Whether a kelurahan's year has been closed. */
  isClosed(year: number, kelurahanCode: string): boolean;
  /** Records a kelurahan's year as closed (once). */
  close(year: number, kelurahanCode: string, closedBy: string, now: string): void;
  closedKelurahan(year: number): Set<string>;
}

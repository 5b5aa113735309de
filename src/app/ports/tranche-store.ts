/** Tranches (drawings of the allocation), their RBB lines, bank batches and year closures. */
import type { PlanLine } from '../../domain/grants/plan';
import type { DisbursementMode } from '../../domain/grants/programme-year';
import type { TrancheStatus } from '../../domain/grants/tranche';

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
  paidBy: number | null;
  paidAt: string | null;
}

export interface NewBankBatch {
  kelurahanCode: string;
  year: number;
  rowCount: number;
  total: number;
  createdBy: number;
  createdAt: string;
  paidBy?: number | null;
  paidAt?: string | null;
}

export interface TrancheStore {
  find(id: number): TrancheRow | undefined;
  findByRequestKey(key: string): TrancheRow | undefined;
  /** An RT's tranches of a year, by period. */
  ofRt(rtId: number, year: number): TrancheRow[];
  /** Approved tranches of an RT whose bank batch is not marked paid yet: in the ledger's cash, not in the RT's bank account. */
  unpaidAmount(rtId: number, year: number): number;
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
  /** Inserts a batch and puts into it those of the tranches that are in no batch yet. */
  insertBatch(row: NewBankBatch, trancheIds: number[]): number;
  findBatch(id: number): BankBatchRow | undefined;
  /** A kelurahan's batches, newest first. */
  batches(kelurahanCode: string): BankBatchRow[];
  /** The tranches the bank is to pay in a batch (a reversed one has left it). */
  batchTranches(batchId: number): TrancheWithRt[];
  /** Row count and total of a batch from the tranches still in it. */
  recountBatch(batchId: number): void;
  markBatchPaid(batchId: number, userId: number, now: string): void;
  /** Whether a kelurahan's year has been closed. */
  isClosed(year: number, kelurahanCode: string): boolean;
  /** Records a kelurahan's year as closed (once). */
  close(year: number, kelurahanCode: string, closedBy: string, now: string): void;
  closedKelurahan(year: number): Set<string>;
}

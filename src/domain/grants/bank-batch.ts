/**
 * A bank batch: the rows sent to the bank, fixed when the batch is made, and the bank's answer
 * per row. The one rule used when a batch is answered, cancelled or a tranche reversed, and by
 * the pages.
 *
 * Invariants:
 * - a row is answered once: sent → paid (with the bank's reference and the date it paid, not
 *   before the batch was made nor after today) or sent → failed (with the bank's reason);
 * - a failed row's tranche goes back to be batched again (its money stays in transit);
 * - a batch is answered ("paid") when no row waits; it is cancelled whole, only while no row
 *   has been answered, and then all its tranches go back to be batched;
 * - a tranche in an unpaid batch is never reversed: the bank may be paying it.
 */
import { fail } from '../errors';

export const BATCH_ROW_STATUSES = ['sent', 'paid', 'failed', 'cancelled'] as const;
export type BatchRowStatus = (typeof BATCH_ROW_STATUSES)[number];
export type BatchStatus = 'open' | 'paid' | 'cancelled';

export const BATCH_ROW_LABELS: Record<BatchRowStatus, string> = {
  sent: 'Menunggu bank',
  paid: 'Dibayar',
  failed: 'Gagal',
  cancelled: 'Batch dibatalkan',
};

export type BankAnswer = { outcome: 'paid'; bankReference: string; paidOn: string } | { outcome: 'failed'; reason: string };

/** The reference a row carries to the bank (and back on the RT's statement). */
export const batchRowReference = (year: number, kelurahanCode: string, trancheId: number) => `DANART-${year}-${kelurahanCode}-T${trancheId}`;

/**
 * Checks one answer to a row and gives the row's new status. `earliest` is the day the batch was
 * made, `latest` today (or the year's last day, whichever comes first).
 */
export function answerBatchRow(row: { id: number; status: BatchRowStatus }, batch: { id: number; status: BatchStatus }, answer: BankAnswer, window: { earliest: string; latest: string }): BatchRowStatus {
  if (batch.status === 'cancelled') throw fail('batch_cancelled', { batchId: batch.id });
  if (row.status !== 'sent') throw fail('batch_row_answered', { rowId: row.id });
  if (answer.outcome === 'failed') {
    if (!answer.reason.trim()) throw fail('reason_required', undefined, { reason: 'Tulis alasan bank.' });
    return 'failed';
  }
  if (!answer.bankReference.trim()) throw fail('bank_reference_required', undefined, { bankReference: 'Tulis nomor referensi bank.' });
  if (answer.paidOn < window.earliest || answer.paidOn > window.latest) throw fail('bank_paid_date_invalid', window, { paidOn: 'Tanggal di luar rentang.' });
  return 'paid';
}

/** The batch's status once its rows stand as given: answered when no row waits. */
export function batchStatusOf(current: BatchStatus, rows: ReadonlyArray<{ status: BatchRowStatus }>): BatchStatus {
  if (current === 'cancelled') return 'cancelled';
  return rows.some((r) => r.status === 'sent') ? 'open' : 'paid';
}

/** A batch is cancelled whole, with a reason, only while the bank has answered none of its rows. */
export function refuseBatchCancel(batch: { id: number; status: BatchStatus }, rows: ReadonlyArray<{ status: BatchRowStatus }>, reason: string): void {
  if (batch.status === 'cancelled') throw fail('batch_cancelled', { batchId: batch.id });
  if (batch.status === 'paid') throw fail('batch_already_paid');
  const answered = rows.filter((r) => r.status === 'paid' || r.status === 'failed').length;
  if (answered > 0) throw fail('batch_partly_answered', { batchId: batch.id, answered });
  if (!reason.trim()) throw fail('reason_required', undefined, { reason: 'Tulis alasan pembatalan batch.' });
}

/** A tranche waiting in an unpaid batch is not reversed (the bank may be paying it). */
export function refuseReversalInBatch(trancheId: number, batch: { id: number; status: BatchStatus } | undefined): void {
  if (batch?.status === 'open') throw fail('tranche_in_unpaid_batch', { trancheId, batchId: batch.id });
}

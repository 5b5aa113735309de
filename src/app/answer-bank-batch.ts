/**
 * The bank's answer to a batch, recorded by the city's treasury (BPKAD) row by row: paid (the
 * bank's reference and the date it paid) moves the tranche's money from in transit to the RT's
 * cash, dated that day; failed (the bank's reason) sends the tranche back to be batched again,
 * its money still in transit. The batch is answered ("paid") when no row waits. Marking a whole
 * batch paid is every waiting row paid with one reference and date.
 */
import { bookingDate } from '../domain/grants/reported-months';
import { lastReportedOf } from './spj';
import { actorLabel, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { answerBatchRow, batchStatusOf, type BankAnswer } from '../domain/grants/bank-batch';
import { periodLabel, trancheTransition } from '../domain/grants/tranche';
import { rtCashAccount, rtTransitAccount , accountRefOf } from '../domain/ledger/accounts';
import { granteeLabel } from '../domain/registry/rows';
import { loadBatch } from './bank-batch';
import { approvedIntoTransit } from './decide-tranche';
import { postEntry } from './post-entry';
import { bankTransferFacts } from '../domain/ledger/entry-facts';
import type { BankBatchRow, BatchRowRecord } from './ports';
import { yearOrThrow } from './scope';
import { clampToYear } from '../domain/grants/year-window';
import type { Services } from './services';
import { tellMoneyTransferred } from './notification-events';

/** The days a payment may be dated: from the day the batch was made to today, both held to its programme year (as the approval's date is). */
export function paymentWindow(s: Services, batch: Pick<BankBatchRow, 'year' | 'createdAt'>) {
  const y = yearOrThrow(s, batch.year);
  return { earliest: clampToYear(todayWib(new Date(batch.createdAt)), y), latest: clampToYear(todayWib(s.now()), y) };
}

function answerOne(s: Services, actor: Actor, batch: BankBatchRow, row: BatchRowRecord, answer: BankAnswer, now: string): void {
  const status = answerBatchRow(row, batch, answer, paymentWindow(s, batch));
  const t = s.tranches.find(row.trancheId)!;
  if (status === 'failed') {
    // Back to be batched again (a new batch); the money stays in transit until then.
    s.tranches.updateBatchRow(row.id, { status, failureReason: answer.outcome === 'failed' ? answer.reason.trim() : null, answeredBy: actor.userId, answeredAt: now });
    s.tranches.update(t.id, { batchId: null });
    return;
  }
  const paid = answer as Extract<BankAnswer, { outcome: 'paid' }>;
  const rt = s.registry.findRt(t.rtId)!;
  const ref = accountRefOf(rt);
  let entryId: number | null = null;
  // An approval recorded before the in-transit account put the money in the cash already: nothing to move.
  if (t.entryId && approvedIntoTransit(s, t.entryId, ref)) {
    const { entry } = postEntry(s, {
      year: t.year,
      eventType: 'bank_transfer',
      eventRef: `bank_row:${row.id}`,
      description: `Transfer bank ${periodLabel(t.mode, t.period)} ${granteeLabel(rt)} ${rt.kelurahanName} (ref. ${paid.bankReference.trim()})`,
      actor: actorLabel(actor),
      // On the bank's date, unless the RT has already reported that month: then in its first open month (reported-months.ts).
      occurredOn: bookingDate(paid.paidOn, yearOrThrow(s, t.year), lastReportedOf(s, t.rtId, t.year)),
      idempotencyKey: `bank_row:${row.id}:paid`,
      facts: bankTransferFacts({ trancheId: t.id, rtId: t.rtId, batchId: batch.id, bankAccount: row.bankAccount }),
      postings: [
        { account: rtCashAccount(ref), amount: t.amount },
        { account: rtTransitAccount(ref), amount: -t.amount },
      ],
    });
    entryId = entry.id;
  }
  s.tranches.updateBatchRow(row.id, { status, bankReference: paid.bankReference.trim(), paidOn: paid.paidOn, answeredBy: actor.userId, answeredAt: now, entryId });
  s.tranches.update(t.id, { status: trancheTransition(t.status, 'mark_paid', { isRequester: false }), paidAt: now });
  tellMoneyTransferred(s, rt, t, paid.paidOn);
}

function settle(s: Services, actor: Actor, ip: string | null, batch: BankBatchRow, kelurahanCode: string, now: string) {
  const rows = s.tranches.batchRows(batch.id);
  const status = batchStatusOf(batch.status, rows);
  if (status !== batch.status) {
    s.tranches.updateBatch(batch.id, { status, paidBy: actor.userId, paidAt: now });
    const count = (st: string) => rows.filter((r) => r.status === st).length;
    s.audit.record(actor, ip, {
      action: 'bank_batch.paid',
      targetType: 'bank_batch',
      targetId: batch.id,
      kelurahanCode,
      before: { status: batch.status },
      after: { status, paid: count('paid'), failed: count('failed'), total: batch.total },
    });
  }
}

/** Records the bank's answer to one row of a batch. */
export function answerBankRow(s: Services, actor: Actor, cmd: { batchId: number; rowId: number; answer: BankAnswer }, ip: string | null = null) {
  if (actor.userId === null) throw fail('forbidden_role');
  return s.db.transaction(() => {
    const { batch, kelurahan } = loadBatch(s, actor, cmd.batchId, 'bank.batch');
    const row = s.tranches.findBatchRow(cmd.rowId);
    if (!row || row.batchId !== batch.id) throw fail('batch_row_not_found');
    const now = s.now().toISOString();
    answerOne(s, actor, batch, row, cmd.answer, now);
    s.audit.record(actor, ip, {
      action: `bank_batch.row_${cmd.answer.outcome}`,
      targetType: 'bank_batch',
      targetId: batch.id,
      kelurahanCode: kelurahan.code,
      before: { row: row.id, status: row.status },
      after: { row: row.id, trancheId: row.trancheId, ...(cmd.answer.outcome === 'paid' ? { bankReference: cmd.answer.bankReference.trim(), paidOn: cmd.answer.paidOn } : { reason: cmd.answer.reason.trim() }) },
    });
    settle(s, actor, ip, batch, kelurahan.code, now);
    return s.tranches.findBatchRow(row.id)!;
  });
}

/** Every waiting row of a batch paid with one bank reference and date. */
export function markBatchPaid(s: Services, actor: Actor, batchId: number, paid: { bankReference: string; paidOn: string }, ip: string | null = null) {
  if (actor.userId === null) throw fail('forbidden_role');
  return s.db.transaction(() => {
    const { batch, kelurahan, rows } = loadBatch(s, actor, batchId, 'bank.batch');
    if (batch.status === 'cancelled') throw fail('batch_cancelled', { batchId: batch.id });
    if (batch.status === 'paid') throw fail('batch_already_paid');
    const now = s.now().toISOString();
    const waiting = rows.filter((r) => r.status === 'sent');
    for (const r of waiting) answerOne(s, actor, batch, r, { outcome: 'paid', ...paid }, now);
    s.audit.record(actor, ip, {
      action: 'bank_batch.rows_paid',
      targetType: 'bank_batch',
      targetId: batch.id,
      kelurahanCode: kelurahan.code,
      after: { rows: waiting.map((r) => r.id), bankReference: paid.bankReference.trim(), paidOn: paid.paidOn },
    });
    settle(s, actor, ip, batch, kelurahan.code, now);
  });
}

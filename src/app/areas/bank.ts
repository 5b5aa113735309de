/** Bank batches: the city's treasury makes, cancels and answers them; the kelurahan reads them. */
import { can, type Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import { todayWib } from '../../domain/calendar';
import { answerBankRow, markBatchPaid } from '../answer-bank-batch';
import { batchCandidates, cancelBankBatch, createBankBatch, downloadBatchCsv, loadBatch } from '../bank-batch';
import type { Services } from '../services';
import { bindTo } from './bind';
import { kelurahanOptions } from './registry';

/** The bank page of a kelurahan: what can go into the next batch, what is held and why, earlier batches. */
function bankPage(s: Services, actor: Actor, kelurahanCode: string) {
  const { kelurahan, rows } = batchCandidates(s, actor, kelurahanCode, 'bank.view');
  const valid = rows.filter((r) => !r.problem);
  return {
    kelurahan,
    rows,
    validCount: valid.length,
    validTotal: valid.reduce((a, r) => a + r.amount, 0),
    invalid: rows.filter((r) => r.problem),
    batches: s.tranches.batches(kelurahan.code),
    canBatch: can(actor, 'bank.batch', { kelurahanCode: kelurahan.code }),
  };
}

/** A batch with what the signed-in user may do to it (the treasury answers an unpaid batch or cancels it before any answer). */
function batchPage(s: Services, actor: Actor, batchId: number) {
  const model = loadBatch(s, actor, batchId);
  const may = can(actor, 'bank.batch', { kelurahanCode: model.kelurahan.code }) && model.batch.status === 'open';
  const answered = model.rows.some((r) => r.status === 'paid' || r.status === 'failed');
  return {
    ...model,
    rows: model.rows.map((r) => ({ ...r, canAnswer: may && r.status === 'sent' })),
    canAnswer: may,
    canCancel: may && !answered,
    waiting: model.rows.filter((r) => r.status === 'sent').length,
    today: todayWib(s.now()),
  };
}

/** The city treasury's overview: per kelurahan, tranches waiting to be batched and unpaid batches. */
function bankOverview(s: Services, actor: Actor) {
  if (!can(actor, 'bank.batch')) throw fail('forbidden_role');
  const work = s.tranches.bankWork();
  return { work, empty: work.length === 0 };
}

export function bankArea(s: Services) {
  return bindTo(s, {
    overview: bankOverview,
    page: bankPage,
    createBatch: createBankBatch,
    batch: batchPage,
    download: downloadBatchCsv,
    cancel: cancelBankBatch,
    answerRow: answerBankRow,
    markPaid: markBatchPaid,
  });
}

/** Bank batches of a kelurahan. */
import type { Actor } from '../../domain/access';
import { batchCandidates, createBankBatch, loadBatch, markBatchPaid } from '../bank-batch';
import type { Services } from '../services';
import { bindTo } from './bind';

/** The bank page of a kelurahan: what can go into the next batch, what is held and why, earlier batches. */
function bankPage(s: Services, actor: Actor, kelurahanCode: string) {
  const { kelurahan, rows } = batchCandidates(s, actor, kelurahanCode);
  const valid = rows.filter((r) => !r.problem);
  return {
    kelurahan,
    rows,
    validCount: valid.length,
    validTotal: valid.reduce((a, r) => a + r.amount, 0),
    invalid: rows.filter((r) => r.problem),
    batches: s.tranches.batches(kelurahan.code),
  };
}

export function bankArea(s: Services) {
  return bindTo(s, { page: bankPage, createBatch: createBankBatch, batch: loadBatch, markPaid: markBatchPaid });
}

/** Receipts: the chair records (with evidence files) and re-sends, the bendahara decides; the review page. */
import { authorize, type Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import { rejectReceipt, returnReceipt, reverseReceipt, verifyReceipt } from '../decide-receipt';
import { readReceiptPage, readReview } from '../read-receipts';
import { recordReceipt, resubmitReceipt, withdrawReceipt, type RecordReceiptCommand, type UploadedEvidence } from '../record-receipt';
import type { Services } from '../services';
import { storeForRt, type RawUpload } from '../upload-evidence';
import { bindTo } from './bind';

/** Checks the scope, then checks and stores every file tagged with its kind (before any database write). */
async function storeEvidence(s: Services, actor: Actor, rtId: number, uploads: readonly RawUpload[]): Promise<UploadedEvidence[]> {
  const stored = await storeForRt(s, actor, 'receipt.record', rtId, uploads);
  return stored.map((f) => ({ ...f, kind: f.kind! }));
}

/** Where a receipt lives (its RT and year), for someone who may see that RT; 404 outside their scope. */
function locateReceipt(s: Services, actor: Actor, receiptId: number) {
  const receipt = s.receipts.find(receiptId);
  const rt = receipt && s.registry.findRt(receipt.rtId);
  if (!receipt || !rt) throw fail('receipt_not_found');
  authorize(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
  return { rtId: receipt.rtId, year: receipt.year };
}

export function receiptsArea(s: Services) {
  return {
    ...bindTo(s, {
      page: readReceiptPage,
      review: readReview,
      locate: locateReceipt,
      withdraw: withdrawReceipt,
      verify: verifyReceipt,
      return: returnReceipt,
      reject: rejectReceipt,
      reverse: reverseReceipt,
    }),
    /** Stores the files (outside any transaction), then records the receipt in one transaction. */
    async record(actor: Actor, cmd: Omit<RecordReceiptCommand, 'files'>, uploads: readonly RawUpload[], ip: string | null) {
      const files = await storeEvidence(s, actor, cmd.rtId, uploads);
      return recordReceipt(s, actor, { ...cmd, files }, ip);
    },
    /** Adds files to a returned receipt and sends it back to the kelurahan. */
    async resubmit(actor: Actor, receiptId: number, uploads: readonly RawUpload[], ip: string | null) {
      const { rtId } = locateReceipt(s, actor, receiptId);
      const files = await storeEvidence(s, actor, rtId, uploads);
      return resubmitReceipt(s, actor, receiptId, files, ip);
    },
  };
}

/** Receipts: the chair records (with evidence files) and re-sends, the bendahara decides; the review page. */
import { authorize, type Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import { rejectReceipt, returnReceipt, reverseReceipt, verifyReceipt } from '../decide-receipt';
import { readReceiptPage, readReview } from '../read-receipts';
import { readComparison } from '../read-comparison';
import { checklistFor } from '../../domain/grants/receipt';
import { returnNote } from '../../domain/grants/evidence-kinds';
import { precheckReceipt, precheckResubmit, recordReceipt, resubmitReceipt, withdrawReceipt, type RecordReceiptCommand, type UploadedEvidence } from '../record-receipt';
import type { Services } from '../services';
import { withEvidence, type RawUpload } from '../upload-evidence';
import { bindTo } from './bind';
import { chairWordOfRt } from '../scope';
import { yearOfRt } from '../scope';
import type { EvidenceKind } from '../../domain/grants/evidence-kinds';

const withKinds = (files: ReadonlyArray<Omit<UploadedEvidence, 'kind'> & { kind?: UploadedEvidence['kind'] }>): UploadedEvidence[] => files.map((f) => ({ ...f, kind: f.kind! }));

/** Where a receipt lives (its RT and year), for someone who may see that RT; 404 outside their scope. */
function locateReceipt(s: Services, actor: Actor, receiptId: number) {
  const receipt = s.receipts.find(receiptId);
  const rt = receipt && s.registry.findRt(receipt.rtId);
  if (!receipt || !rt) throw fail('receipt_not_found');
  authorize(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
  return { rtId: receipt.rtId, year: receipt.year };
}

/**
 * `afterRecord` runs once a receipt (or its re-sending) has committed, without delaying the answer:
 * the application makes its photos' thumbnails there (areas/files.ts makeReceiptThumbnails).
 */
export function receiptsArea(s: Services, quotaBytes?: number, afterRecord: (receiptId: number) => void = () => undefined) {
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
      compare: readComparison,
      chairOf: chairWordOfRt,
    }),
    /** Returns a receipt with the checklist items ticked as missing or unclear and/or a note (src/domain/grants/evidence-kinds.ts returnNote). */
    returnWithChecklist(actor: Actor, receiptId: number, missing: readonly string[], note: string, ip: string | null) {
      const receipt = s.receipts.find(receiptId);
      const found = receipt && s.years.find(receipt.year);
      if (!receipt || !found) throw fail('receipt_not_found');
      const year = yearOfRt(s, receipt.rtId, receipt.year);
      return returnReceipt(s, actor, receiptId, returnNote(checklistFor(year, receipt.category), missing, note), ip);
    },
    /** Before any file of the form is read: every rule that needs no file (src/app/upload-evidence.ts). */
    precheck(actor: Actor, cmd: Omit<RecordReceiptCommand, 'files' | 'quotaBytes'>) {
      precheckReceipt(s, actor, { ...cmd, quotaBytes });
    },
    /**
     * The quick check the phone runs before it sends any byte of a photo (issue 19): the same
     * rules as precheck, with the evidence checklist judged against the kinds of file chosen.
     * Returns the notes the chair may see now (meterai, a use the bendahara will check).
     */
    quickCheck(actor: Actor, cmd: Omit<RecordReceiptCommand, 'files' | 'quotaBytes'>, evidenceKinds: readonly EvidenceKind[]) {
      // A possible duplicate names another receipt: the chair is not told which (read-receipts.ts).
      return precheckReceipt(s, actor, { ...cmd, quotaBytes }, evidenceKinds)
        .filter((f) => f.code !== 'possible_duplicate' && f.code !== 'similar_photo')
        .map((f) => f.message);
    },
    precheckResubmit(actor: Actor, receiptId: number) {
      precheckResubmit(s, actor, receiptId, quotaBytes);
    },
    /** Checks the quarantined files, moves them into the store, records the receipt in one transaction. */
    async record(actor: Actor, cmd: Omit<RecordReceiptCommand, 'files' | 'quotaBytes'>, uploads: readonly RawUpload[], ip: string | null) {
      const receipt = await withEvidence(s, actor, 'receipt.record', { rtId: cmd.rtId, year: cmd.year, quotaBytes }, uploads, (files) => recordReceipt(s, actor, { ...cmd, files: withKinds(files), quotaBytes }, ip), { thumbnails: true });
      afterRecord(receipt.id);
      return receipt;
    },
    /** Adds files to a returned receipt and sends it back to the kelurahan. */
    async resubmit(actor: Actor, receiptId: number, uploads: readonly RawUpload[], ip: string | null) {
      const { rtId, year } = locateReceipt(s, actor, receiptId);
      const receipt = await withEvidence(s, actor, 'receipt.record', { rtId, year, quotaBytes }, uploads, (files) => resubmitReceipt(s, actor, receiptId, withKinds(files), ip, quotaBytes), { thumbnails: true });
      afterRecord(receipt.id);
      return receipt;
    },
  };
}

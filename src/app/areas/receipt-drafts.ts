/** Receipt drafts saved on the server (issue 19a): save, list, open, a draft's photo, delete. */
import { deleteReceiptDraft, readReceiptDraft, readReceiptDraftFile, readReceiptDrafts, saveReceiptDraft } from '../receipt-drafts';
import type { Services } from '../services';
import { bindTo } from './bind';

export function receiptDraftsArea(s: Services) {
  return bindTo(s, {
    save: saveReceiptDraft,
    list: readReceiptDrafts,
    open: readReceiptDraft,
    file: readReceiptDraftFile,
    delete: deleteReceiptDraft,
  });
}

/** Comment threads on receipts, plans and SPJs; one receipt's page and its edit in full. */
import { addComment, itemHrefFor, readThread } from '../item-comments';
import { editReturnedReceipt } from '../edit-returned-receipt';
import { readReceiptItem } from '../read-receipt-item';
import type { Services } from '../services';
import { bindTo } from './bind';

export function threadsArea(s: Services) {
  return bindTo(s, { read: readThread, add: addComment, receiptItem: readReceiptItem, editReceipt: editReturnedReceipt, itemHref: itemHrefFor });
}

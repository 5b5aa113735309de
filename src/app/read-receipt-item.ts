/**
 * One receipt's page: its facts, files and flags, its history, the comment thread, and for a
 * returned receipt of the reader's own RT the form that edits it in full and sends it again.
 */
import { can, roleMay, type Actor } from '../domain/access';
import { checklistFor, EVIDENCE_KINDS } from '../domain/grants/receipt';
import { yearOpenFor } from '../domain/grants/year-window';
import { granteeLabel } from '../domain/registry/rows';
import { fail } from '../domain/errors';
import { receiptNumber } from '../domain/documents/document-number';
import { readThread } from './item-comments';
import { historyOf } from './read-history';
import { receiptView, withFlagsFor, type ReceiptFormValues } from './read-receipts';
import { rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';

export function readReceiptItem(s: Services, actor: Actor, receiptId: number, typed?: ReceiptFormValues) {
  const r = s.receipts.find(receiptId);
  if (!r) throw fail('receipt_not_found');
  // The lurah reads a receipt through its thread; everyone else as the RT's pages allow.
  const rt = rtInScope(s, actor, roleMay(actor, 'rt.view') ? 'rt.view' : 'item.comment', r.rtId);
  const y = yearOfGrantee(s, rt, r.year);
  const scope = { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id };
  const catName = (c: string) => y.categories.find((x) => x.code === c)?.name ?? c;
  const view = withFlagsFor(s, actor, receiptView(s, r, catName));
  const canEdit = can(actor, 'receipt.record', scope) && r.status === 'returned' && yearOpenFor(y, s.tranches.isClosed(y.year, rt.kelurahanCode));
  const items = typed?.items ?? view.items.map((i) => ({ name: i.name, quantity: String(i.quantity), unitPrice: String(i.unitPrice) }));
  const values = typed ?? { date: r.date, category: r.category, description: r.description, vendor: r.vendor, notaNumber: r.notaNumber ?? '', amount: String(r.amount) };
  return {
    rt,
    label: granteeLabel(rt),
    year: y,
    receipt: { ...view, numberLabel: r.number ? receiptNumber(r.number) : `#${r.id}`, history: historyOf(s, 'receipt', [r.id]) },
    canEdit,
    edit: canEdit
      ? {
          values,
          seenDecidedAt: r.decidedAt ?? '',
          itemRows: [...items, ...Array.from({ length: Math.max(1, 3 - items.length) }, () => ({ name: '', quantity: '', unitPrice: '' }))],
          categories: y.categories.map((c) => ({ code: c.code, name: c.name, selected: c.code === values.category, checklist: checklistFor(y, c.code).map((k) => EVIDENCE_KINDS[k]).join(', ') })),
        }
      : null,
    backHref: roleMay(actor, 'rt.view') ? `/rt/${rt.id}/kuitansi?tahun=${r.year}#kuitansi-${r.id}` : null,
    thread: readThread(s, actor, 'receipt', r.id),
  };
}

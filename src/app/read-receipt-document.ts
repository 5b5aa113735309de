/**
 * A receipt (kuitansi) as a paper to sign: the RT's receipt number, the amount and its words, what
 * it paid for, the seller's signature with a meterai box from the year's threshold, and the RT
 * officers' acknowledgement. Read in the reader's scope of the RT.
 */
import type { Actor } from '../domain/access';
import { formatTanggal } from '../domain/calendar';
import { fail } from '../domain/errors';
import { needsMeterai, RECEIPT_STATUS_LABELS } from '../domain/grants/receipt';
import { terbilang } from '../domain/money';
import { granteeLabel } from '../domain/registry/rows';
import type { ReceiptDoc } from '../reports/shapes/receipt';
import { receiptVoucher } from './read-cash-book';
import { grantWordsOf, rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';

export function readReceiptDocument(s: Services, actor: Actor, rtId: number, receiptId: number): ReceiptDoc {
  const rt = rtInScope(s, actor, 'rt.view', rtId);
  const r = s.receipts.find(receiptId);
  if (!r || r.rtId !== rt.id) throw fail('receipt_not_found');
  const y = yearOfGrantee(s, rt, r.year);
  const label = granteeLabel(rt);
  const number = receiptVoucher(r);
  return {
    number,
    label,
    kelurahanName: rt.kelurahanName,
    kecamatanName: rt.kecamatanName,
    year: r.year,
    grantName: grantWordsOf(s, rt, r.year).name,
    date: r.date,
    category: `${r.category} — ${y.categories.find((c) => c.code === r.category)?.name ?? r.category}`,
    description: r.description,
    vendor: r.vendor,
    notaNumber: r.notaNumber,
    amount: r.amount,
    words: terbilang(r.amount),
    items: s.receipts.items(r.id),
    meterai: needsMeterai(r.amount, y.meteraiThreshold),
    meteraiThreshold: y.meteraiThreshold,
    status: RECEIPT_STATUS_LABELS[r.status],
    chairName: rt.chairName,
    treasurerName: rt.treasurerName,
    place: `Semarang, ${formatTanggal(r.date)}`,
    fileBase: `Kuitansi-${number}-${r.year}-RT${String(rt.number).padStart(3, '0')}-RW${String(rt.rwNumber).padStart(3, '0')}-${rt.kelurahanName.replace(/[^A-Za-z0-9]+/g, '-')}`,
  };
}

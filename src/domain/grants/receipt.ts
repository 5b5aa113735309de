/**
 * Spending receipts (kuitansi/nota) and their rules at entry.
 *
 * Invariants:
 * - a receipt's amount is a positive whole rupiah amount; item lines, when given, add up to it;
 * - a submitted (pending) receipt reserves the RT's cash; the cash available for a new receipt
 *   is the cash drawn minus what pending receipts reserve, so an RT never spends more than it drew;
 * - verification posts the spending (debit the category, credit cash); rejection and return
 *   release the reservation; a verified receipt is never edited (a correction is a reversal);
 * - nobody verifies a receipt they submitted themselves.
 */
import { categoryCapBreach } from './category-cap';
import { checklistOf, EVIDENCE_KINDS, type EvidenceKind } from './evidence-kinds';
import { fail } from '../errors';
import { formatRupiah } from '../money';
import { checkMessage, judgeUse } from './forbidden-uses';
import { isInsideYear, type Category, type ItemCap, type ProgrammeYear } from './programme-year';

export const RECEIPT_STATUSES = ['pending', 'verified', 'returned', 'rejected', 'reversed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];
export type ReceiptAction = 'verify' | 'return' | 'reject' | 'resubmit' | 'reverse' | 'withdraw';

export const RECEIPT_STATUS_LABELS: Record<ReceiptStatus, string> = {
  pending: 'Menunggu verifikasi',
  verified: 'Terverifikasi',
  returned: 'Dikembalikan untuk dilengkapi',
  rejected: 'Ditolak',
  reversed: 'Dibatalkan (jurnal balik)',
};

export { DEFAULT_EVIDENCE_CHECKLIST, EVIDENCE_KINDS, type EvidenceKind } from './evidence-kinds';

export interface ReceiptItem {
  name: string;
  quantity: number;
  unitPrice: number;
}

export interface ReceiptDraft {
  date: string;
  category: string;
  description: string;
  vendor: string;
  notaNumber: string | null;
  amount: number;
  items: ReceiptItem[];
  evidenceKinds: EvidenceKind[];
}

export type ReceiptFlag =
  | { code: 'meterai'; message: string }
  | { code: 'forbidden_use'; message: string }
  /** A pay word without an allowed recipient: accepted, for the bendahara to check. */
  | { code: 'forbidden_check'; message: string }
  | { code: 'possible_duplicate'; message: string; receiptId: number }
  /**
   * A photo perceptually near one of another live receipt (src/domain/evidence/perceptual-hash.ts):
   * accepted, for the bendahara to compare. The message names no RT; the link to the other
   * receipt is shown only to a reader whose scope holds it, and a chair never sees the flag.
   */
  | { code: 'similar_photo'; message: string; receiptId: number; rtId: number }
  | { code: 'item_cap'; message: string }
  /**
   * Spending beyond the month's RBB line for its category: accepted, for the bendahara to see.
   * Flags stored before issue 19 have only the message (with the category's code in it).
   */
  | ({ code: 'rbb_overrun'; message: string } & Partial<{ category: string; month: string; rbbLine: number | null; usedInMonth: number; adding: number }>);

export interface ReceiptFacts {
  year: ProgrammeYear;
  today: string;
  allocation: number;
  /** Cash drawn minus what pending receipts already reserve. */
  cashAvailable: number;
  /** Administration spent or reserved so far this year. */
  adminUsed: number;
  /** Another receipt with the same vendor, nota number, amount and date. */
  sameNota: { receiptId: number } | null;
}

const TRANSITIONS: Record<ReceiptAction, Partial<Record<ReceiptStatus, ReceiptStatus>>> = {
  verify: { pending: 'verified' },
  return: { pending: 'returned' },
  reject: { pending: 'rejected' },
  resubmit: { returned: 'pending' },
  reverse: { verified: 'reversed' },
  // The chair takes back a returned receipt to record a corrected one.
  withdraw: { returned: 'rejected' },
};

export function receiptTransition(
  status: ReceiptStatus,
  action: ReceiptAction,
  ctx: { isSubmitter: boolean; note?: string | null },
): ReceiptStatus {
  const next = TRANSITIONS[action][status];
  if (!next) {
    const codes = {
      verify: 'receipt_not_pending',
      return: 'receipt_not_pending',
      reject: 'receipt_not_pending',
      resubmit: 'receipt_not_returned',
      reverse: 'receipt_not_verified',
      withdraw: 'receipt_not_returned',
    } as const satisfies Record<ReceiptAction, string>;
    throw fail(codes[action]);
  }
  if ((action === 'verify' || action === 'return' || action === 'reject') && ctx.isSubmitter) {
    throw fail('approver_is_submitter', { what: 'kuitansi' });
  }
  if ((action === 'return' || action === 'reject' || action === 'reverse') && !ctx.note?.trim()) {
    throw fail('note_required', undefined, { note: 'Wajib diisi.' });
  }
  return next;
}

/** Whether an item-level cap applies to an item: fee caps to fees (honor/upah/jasa), other caps to every item. */
const FEE_WORDS = /\b(honor|honorarium|upah|jasa|fee|transport|instruktur|pelatih|petugas|penceramah|ustadz|ustad|pemuka|pendeta|kyai)\b/i;

export function capApplies(cap: ItemCap, itemName: string): boolean {
  if (!/^honor/i.test(cap.label)) return true;
  return FEE_WORDS.test(itemName);
}

/** The caps of a category that bind one item (the receipt check at entry, the desk's just-under-a-cap flag). */
export function capsFor(category: Pick<Category, 'itemCaps'>, itemName: string): ItemCap[] {
  return category.itemCaps.filter((cap) => capApplies(cap, itemName));
}

/** The evidence a receipt of this category needs (the year's setting, see evidence-kinds.ts). */
export function checklistFor(y: Pick<ProgrammeYear, 'categories'>, category: string): EvidenceKind[] {
  const c = y.categories.find((x) => x.code === category);
  return checklistOf(c ?? { code: category });
}

/**
 * The rules at entry. Throws the first refusal (with every field message it can name);
 * returns the flags a bendahara must see (meterai, possible duplicate).
 */
export function checkReceipt(d: ReceiptDraft, f: ReceiptFacts): ReceiptFlag[] {
  const y = f.year;
  const category: Category | undefined = y.categories.find((c) => c.code === d.category);
  if (!category) throw fail('category_unknown', {}, { category: 'Pilih kategori tahun ini.' });
  if (!isInsideYear(y, d.date)) {
    throw fail('receipt_date_outside_year', { startsOn: y.startsOn, endsOn: y.endsOn }, { date: 'Di luar tahun program.' });
  }
  if (d.date > f.today) throw fail('receipt_date_future', undefined, { date: 'Tanggal di masa depan.' });
  const perItemCap = category.itemCaps.find((c) => !/^honor/i.test(c.label));
  if (perItemCap && d.items.length === 0) {
    throw fail('items_required', { category: category.name, cap: perItemCap.label, maxRupiah: perItemCap.maxRupiah }, { items: 'Rincian barang wajib untuk kategori ini.' });
  }
  if (d.items.length) {
    const sum = d.items.reduce((a, i) => a + i.quantity * i.unitPrice, 0);
    if (sum !== d.amount) {
      throw fail('items_total_mismatch', { itemsTotal: sum, amount: d.amount }, { items: 'Periksa jumlah dan harga satuan.' });
    }
    for (const item of d.items) {
      for (const cap of capsFor(category, item.name)) {
        if (item.unitPrice > cap.maxRupiah) {
          throw fail('item_cap_exceeded', { item: item.name, unitPrice: item.unitPrice, cap: cap.label, maxRupiah: cap.maxRupiah }, { items: `Batas ${cap.label}: ${formatRupiah(cap.maxRupiah)}.` });
        }
      }
    }
  }
  const use = judgeUse(y, `${d.description} ${d.items.map((i) => i.name).join(' ')}`);
  if (use.outcome === 'refuse' && y.forbiddenMode !== 'flag') {
    throw fail('forbidden_use', { use: use.reason }, { description: `Dilarang: ${use.reason}.` });
  }
  if (d.amount > f.cashAvailable) {
    throw fail('receipt_exceeds_cash', { amount: d.amount, available: f.cashAvailable }, { amount: `Kas tersedia ${formatRupiah(f.cashAvailable)}.` });
  }
  const breach = categoryCapBreach(category, f.allocation, f.adminUsed, d.amount);
  if (breach) {
    throw fail('category_limit_exceeded', { category: category.name, percent: category.maxPercentOfAllocation!, limit: breach.limit, total: breach.total }, { amount: `Sisa batas ${formatRupiah(breach.room)}.` });
  }
  const missing = checklistOf(category).filter((k) => !d.evidenceKinds.includes(k));
  if (missing.length) {
    throw fail('evidence_incomplete', { category: category.name, missing: missing.map((k) => EVIDENCE_KINDS[k]) }, Object.fromEntries(missing.map((k) => [`file_${k}`, 'Wajib dilampirkan.'])));
  }
  const flags: ReceiptFlag[] = [];
  if (needsMeterai(d.amount, y.meteraiThreshold)) {
    flags.push({ code: 'meterai', message: `Jumlah ${formatRupiah(d.amount)} ≥ ${formatRupiah(y.meteraiThreshold)}: kuitansi wajib bermeterai Rp10.000.` });
  }
  if (use.outcome === 'refuse') flags.push({ code: 'forbidden_use', message: `Kemungkinan penggunaan terlarang: ${use.reason}.` });
  if (use.outcome === 'flag') flags.push({ code: 'forbidden_check', message: checkMessage(use) });
  // A fee recorded without item lines: the cap cannot be checked per person, so the bendahara is told.
  for (const cap of category.itemCaps) {
    if (/^honor/i.test(cap.label) && d.items.length === 0 && FEE_WORDS.test(d.description) && d.amount > cap.maxRupiah) {
      flags.push({ code: 'item_cap', message: `Tampak sebagai honor (${formatRupiah(d.amount)}) di atas batas "${cap.label}" ${formatRupiah(cap.maxRupiah)}; periksa rinciannya.` });
    }
  }
  if (f.sameNota) {
    flags.push({ code: 'possible_duplicate', message: `Penjual, nomor nota, jumlah dan tanggal sama dengan kuitansi #${f.sameNota.receiptId}.`, receiptId: f.sameNota.receiptId });
  }
  return flags;
}

/** A document stating this amount needs a Rp10.000 duty stamp (meterai): from the year's threshold (Rp5.000.000) up. */
export function needsMeterai(amount: number, threshold: number): boolean {
  return amount >= threshold;
}

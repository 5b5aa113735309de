/**
 * The RT's cash book (Buku Kas Umum) for a month or the year, and its monthly SPJ document:
 * tanggal, nomor bukti, uraian, penerimaan, pengeluaran, saldo, with opening and closing
 * balance, straight from the postings on the RT's cash account. Mistakes are never erased:
 * a reversal is its own line.
 */
import { can, type Actor } from '../domain/access';
import { BULAN, formatTanggal, todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { terbilang } from '../domain/money';
import { rtFileLabel, granteeLabel } from '../domain/registry/rows';
import { yearMonths } from '../domain/grants/tranche';
import { planVersusActual } from './read-plans';
import { grantWordsOf, rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';
import { openReceiptsOf, spjBook } from './spj';
import { receiptNumber } from '../domain/documents/document-number';
import { needsMeterai } from '../domain/grants/receipt';
import { SPJ_STATUS_LABELS } from '../domain/grants/spj';
import type { ReceiptRow } from './ports';
import { documentOffice } from './document-office';

/** "KW-001" (the RT's receipt number), or "KW-#<id>" for a receipt recorded before numbers existed and not numbered. */
export const receiptVoucher = (r: Pick<ReceiptRow, 'id' | 'number'>) => (r.number ? receiptNumber(r.number) : `KW-#${r.id}`);

// The money reaches the cash book when the bank pays a tranche's row (TB: transfer bank, by batch row).
const PREFIX: Record<string, string> = { bank_transfer: 'TB', tranche: 'PC', receipt: 'KW', reversal: 'KR', year_end_return: 'PK', allocation: 'AL' };
const nextDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const monthName = (m: string) => `${BULAN[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`;

export function readCashBook(s: Services, actor: Actor, rtId: number, year: number, month?: string) {
  const rt = rtInScope(s, actor, 'rt.view', rtId);
  const y = yearOfGrantee(s, rt, year);
  if (month !== undefined && !yearMonths(y).includes(month)) throw fail('month_invalid');
  const from = month ? `${month}-01` : y.startsOn;
  const before = month ? nextDay(month) : nextDay(y.endsOn.slice(0, 7));
  const opening = s.ledger.rtMonthFlows(y.year, rt.id, from, before).opening;
  let balance = opening;
  // Receipts by their spending entry and by their reversal: a voucher shows the RT's receipt number.
  const receipts = s.receipts.ofRt(rt.id, y.year);
  const byEntry = new Map(receipts.filter((r) => r.entryId).map((r) => [r.entryId!, r]));
  const byReversal = new Map(receipts.filter((r) => r.reversalEntryId).map((r) => [r.reversalEntryId!, r]));
  const lines = s.ledger.cashBookLines(y.year, rt.id, from, before).map((l) => {
    balance += l.amount;
    const id = l.eventRef.split(':')[1] ?? String(l.entryId);
    // A reversal is a correction (koreksi): it reduces the column of what it corrects, so money
    // given back by a reversed receipt lowers the spending, never counts as money received.
    const correction = l.eventType === 'reversal';
    const receipt = correction ? byReversal.get(l.entryId) : l.eventType === 'receipt' ? byEntry.get(l.entryId) : undefined;
    const voucher = receipt ? `${correction ? 'KR/' : ''}${receiptVoucher(receipt)}` : `${PREFIX[l.eventType] ?? 'JU'}-${id}`;
    return {
      date: l.date,
      voucher,
      description: correction ? `Koreksi: ${l.description}` : l.description,
      received: correction ? Math.min(l.amount, 0) : Math.max(l.amount, 0),
      paid: correction ? -Math.max(l.amount, 0) : Math.max(-l.amount, 0),
      balance,
      correction,
    };
  });
  const received = lines.reduce((a, l) => a + l.received, 0);
  const paid = lines.reduce((a, l) => a + l.paid, 0);
  const closing = opening + received - paid;
  return {
    rt,
    office: documentOffice(s, rt.kelurahanCode).header,
    number: null as string | null,
    label: granteeLabel(rt),
    // "DANA OPERASIONAL RT" for the RT/RW grant, the programme's name for a PKK group's book.
    grantTitle: grantWordsOf(s, rt, y.year).title,
    year: y,
    month: month ?? null,
    periodLabel: month ? `Bulan ${monthName(month)}` : `Tahun program ${y.year}`,
    months: yearMonths(y).map((m) => ({ value: m, label: monthName(m), selected: m === month })),
    opening,
    lines,
    received,
    paid,
    closing,
    closingWords: terbilang(closing),
    vsActual: planVersusActual(s, rt.id, y.year),
    place: `Semarang, ${formatTanggal(todayWib(s.now()))}`,
    fileBase: `BKU-${y.year}${month ? `-${month}` : ''}-${rtFileLabel(rt.number, rt.rwNumber)}-${rt.kelurahanName.replace(/[^A-Za-z0-9]+/g, '-')}`,
  };
}

export type CashBook = ReturnType<typeof readCashBook>;

/** The monthly SPJ document: the month's receipts, totals per category, the cash book, signatures. */
export function readSpjDocument(s: Services, actor: Actor, rtId: number, year: number, month: string) {
  const book = readCashBook(s, actor, rtId, year, month);
  const report = s.receipts.spj(rtId, year, month);
  if (!report) throw fail('spj_not_found');
  const y = book.year;
  const receipts = s.receipts.inMonth(rtId, year, month).filter((r) => r.status !== 'rejected' && r.status !== 'reversed');
  const byCategory = y.categories
    .map((c) => ({ code: c.code, name: c.name, amount: receipts.filter((r) => r.category === c.code && r.status === 'verified').reduce((a, r) => a + r.amount, 0) }))
    .filter((c) => c.amount > 0);
  const verifiedTotal = byCategory.reduce((a, c) => a + c.amount, 0);
  const { reconciled } = spjBook(s, rtId, year, month);
  const office = documentOffice(s, book.rt.kelurahanCode);
  const verified = report.status === 'verified';
  const decider = report.decidedBy ? (s.users.findById(report.decidedBy)?.displayName ?? null) : null;
  const returned = report.status === 'returned';
  const scope = { kecamatanCode: book.rt.kecamatanCode, kelurahanCode: book.rt.kelurahanCode, rtId: book.rt.id };
  const open = returned ? openReceiptsOf(s, rtId, year, month) : { pending: [], returned: [] };
  return {
    ...book,
    report,
    monthLabel: monthName(month),
    // In date order, then in the order recorded: the receipt numbers run with the dates.
    receipts: receipts
      .sort((a, b) => a.date.localeCompare(b.date) || (a.number ?? a.id) - (b.number ?? b.id))
      .map((r) => ({ ...r, categoryName: y.categories.find((c) => c.code === r.category)?.name ?? r.category, voucher: receiptVoucher(r), verified: r.status === 'verified', meterai: needsMeterai(r.amount, y.meteraiThreshold) })),
    byCategory,
    verifiedTotal,
    verifiedWords: terbilang(verifiedTotal),
    reconciled,
    status: {
      verified,
      label: verified ? SPJ_STATUS_LABELS.verified : report.status === 'submitted' ? 'Diajukan, menunggu verifikasi kelurahan' : SPJ_STATUS_LABELS[report.status],
      submittedAt: report.submittedAt,
      verifierName: report.decidedAt ? decider : null,
      decidedAt: report.decidedAt,
    },
    /**
     * A returned SPJ: the treasurer's note, the month's receipts still open (they keep it from
     * being sent again, as at the first sending), and whether this reader sends it again.
     */
    answer: returned
      ? {
          note: report.note,
          returnedBy: decider,
          returnedAt: report.decidedAt,
          openReceipts: [...open.returned, ...open.pending].map((r) => ({ id: r.id, description: r.description, amount: r.amount, todo: r.status === 'pending' ? 'menunggu verifikasi kelurahan' : 'dikembalikan: lengkapi bukti lalu kirim ulang, atau tarik' })),
          canResend: can(actor, 'spj.submit', scope),
        }
      : null,
    // The RT signs the SPJ on the day it sent it (its latest sending).
    place: `Semarang, ${formatTanggal(todayWib(new Date(report.submittedAt)))}`,
    meteraiThreshold: y.meteraiThreshold,
    lurah: office.lurah,
    bendaharaKelurahan: office.bendahara,
    fileBase: `SPJ-${month}-${rtFileLabel(book.rt.number, book.rt.rwNumber)}-${book.rt.kelurahanName.replace(/[^A-Za-z0-9]+/g, '-')}`,
  };
}

export type SpjDocument = ReturnType<typeof readSpjDocument>;

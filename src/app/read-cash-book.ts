/**
 * The RT's cash book (Buku Kas Umum) for a month or the year, and its monthly SPJ document:
 * tanggal, nomor bukti, uraian, penerimaan, pengeluaran, saldo, with opening and closing
 * balance, straight from the postings on the RT's cash account. Mistakes are never erased:
 * a reversal is its own line.
 */
import type { Actor } from '../domain/access';
import { BULAN, formatTanggal, todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { terbilang } from '../domain/money';
import { rtFileLabel, rtLabel } from '../domain/registry/rows';
import { yearMonths } from '../domain/grants/tranche';
import { planVersusActual } from './read-plans';
import { rtInScope, yearOrThrow } from './scope';
import type { Services } from './services';
import { spjBook } from './spj';

// The money reaches the cash book when the bank pays a tranche's row (TB: transfer bank, by batch row).
const PREFIX: Record<string, string> = { bank_transfer: 'TB', tranche: 'PC', receipt: 'KW', reversal: 'KR', year_end_return: 'PK', allocation: 'AL' };
const nextDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const monthName = (m: string) => `${BULAN[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`;

export function readCashBook(s: Services, actor: Actor, rtId: number, year: number, month?: string) {
  const rt = rtInScope(s, actor, 'rt.view', rtId);
  const y = yearOrThrow(s, year);
  if (month !== undefined && !yearMonths(y).includes(month)) throw fail('month_invalid');
  const from = month ? `${month}-01` : y.startsOn;
  const before = month ? nextDay(month) : nextDay(y.endsOn.slice(0, 7));
  const opening = s.ledger.rtMonthFlows(y.year, rt.id, from, before).opening;
  let balance = opening;
  const lines = s.ledger.cashBookLines(y.year, rt.id, from, before).map((l) => {
    balance += l.amount;
    const id = l.eventRef.split(':')[1] ?? String(l.entryId);
    return {
      date: l.date,
      voucher: `${PREFIX[l.eventType] ?? 'JU'}-${id}`,
      description: l.description,
      received: l.amount > 0 ? l.amount : 0,
      paid: l.amount < 0 ? -l.amount : 0,
      balance,
    };
  });
  const received = lines.reduce((a, l) => a + l.received, 0);
  const paid = lines.reduce((a, l) => a + l.paid, 0);
  return {
    rt,
    label: rtLabel(rt.number, rt.rwNumber),
    year: y,
    month: month ?? null,
    periodLabel: month ? `Bulan ${monthName(month)}` : `Tahun program ${y.year}`,
    months: yearMonths(y).map((m) => ({ value: m, label: monthName(m), selected: m === month })),
    opening,
    lines,
    received,
    paid,
    closing: opening + received - paid,
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
  return {
    ...book,
    report,
    monthLabel: monthName(month),
    receipts: receipts.map((r) => ({ ...r, verified: r.status === 'verified' })),
    byCategory,
    verifiedTotal,
    verifiedWords: terbilang(verifiedTotal),
    reconciled,
    fileBase: `SPJ-${month}-${rtFileLabel(book.rt.number, book.rt.rwNumber)}-${book.rt.kelurahanName.replace(/[^A-Za-z0-9]+/g, '-')}`,
  };
}

export type SpjDocument = ReturnType<typeof readSpjDocument>;

/**
 * The monthly accountability report (SPJ) of an RT.
 *
 * Invariants:
 * - an SPJ covers one month of one RT: its receipts (dated in that month) and the cash book
 *   (opening + tranches − verified spending = closing), which must equal the ledger;
 * - it is verified only when every receipt of the month is decided; nobody verifies their own;
 * - due on the year's SPJ day of the following month, and never after the final report date.
 */
import { fail } from '../errors';
import type { ProgrammeYear } from './programme-year';

export const SPJ_STATUSES = ['submitted', 'verified', 'returned', 'withdrawn'] as const;
export type SpjStatus = (typeof SPJ_STATUSES)[number];

export const SPJ_STATUS_LABELS: Record<SpjStatus | 'missing' | 'overdue', string> = {
  submitted: 'Diajukan',
  verified: 'Terverifikasi',
  returned: 'Dikembalikan',
  withdrawn: 'Ditarik',
  missing: 'Belum diajukan',
  overdue: 'Terlambat',
};

export function spjTransition(
  status: SpjStatus | null,
  action: 'submit' | 'resend' | 'verify' | 'return' | 'withdraw',
  ctx: { isSubmitter: boolean; undecidedReceipts: number; note?: string | null },
): SpjStatus {
  if (action === 'resend') {
    // "Kirim ulang": the same SPJ answered after the treasurer returned it (and only then).
    if (status !== 'returned') throw fail('spj_not_returned');
    return 'submitted';
  }
  if (action === 'submit') {
    if (status === 'submitted' || status === 'verified') throw fail('spj_already_submitted');
    return 'submitted';
  }
  if (action === 'withdraw') {
    // The chair takes back a report nobody has verified yet (to add a forgotten receipt).
    if (status !== 'submitted') throw fail('spj_not_withdrawable');
    return 'withdrawn';
  }
  if (status !== 'submitted') throw fail('spj_not_submitted');
  if (ctx.isSubmitter) throw fail('approver_is_submitter', { what: 'SPJ' });
  if (action === 'return') {
    if (!ctx.note?.trim()) throw fail('note_required', undefined, { note: 'Wajib diisi.' });
    return 'returned';
  }
  if (ctx.undecidedReceipts > 0) {
    throw fail('spj_receipts_pending', { count: ctx.undecidedReceipts });
  }
  return 'verified';
}

/**
 * Whether the SPJ of `month` may be sent on `today` (YYYY-MM-DD): once its month is over, or,
 * for the year's last month, from its first day (December's SPJ is due 15 December, before the
 * month ends; spending after it is sent waits for a withdrawal).
 */
export function spjSubmittableOn(year: Pick<ProgrammeYear, 'endsOn'>, month: string, today: string): boolean {
  const thisMonth = today.slice(0, 7);
  return month < thisMonth || (month === thisMonth && month === year.endsOn.slice(0, 7));
}

/** Days an SPJ sent on `sentOn` (YYYY-MM-DD) is late against its due date; 0 when on time. */
export function daysLateOn(due: string, sentOn: string): number {
  return sentOn > due ? daysBetween(due, sentOn) : 0;
}

/**
 * Due date of the SPJ for a month (YYYY-MM): the year's SPJ day of the following month, never
 * after the final report date. The year's last month is due in that month itself when the
 * final report date falls in it (December's SPJ by 15 December).
 */
export function spjDueDate(year: Pick<ProgrammeYear, 'spjDueDay' | 'finalReportDue'>, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const due = `${next}-${String(year.spjDueDay).padStart(2, '0')}`;
  return due < year.finalReportDue ? due : year.finalReportDue;
}

export const daysBetween = (from: string, to: string) => daysBetweenStamps(dayStamp(from), dayStamp(to));
/** A date's midnight (UTC) in milliseconds: read once when many dates are compared (risk/flags.ts splittingFlag). */
export const dayStamp = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** Whole days from one dayStamp to another. */
export const daysBetweenStamps = (from: number, to: number) => Math.round((to - from) / 86_400_000);

export interface CashBook {
  opening: number;
  received: number;
  spent: number;
  closing: number;
}

/**
 * What differs between a verified SPJ's stored figures and its month as the ledger now has it
 * (empty when they agree). A reported month is closed, so they must agree for ever.
 */
export function spjFiguresDiffer(stored: { openingCash: number; received: number; spent: number; closingCash: number }, ledger: CashBook): string[] {
  const pairs: Array<[string, number, number]> = [
    ['kas awal', stored.openingCash, ledger.opening],
    ['penerimaan', stored.received, ledger.received],
    ['belanja', stored.spent, ledger.spent],
    ['kas akhir', stored.closingCash, ledger.closing],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([what, a, b]) => `${what} tercatat ${a}, buku besar ${b}`);
}

/** The cash book of the month must equal the ledger's cash at the end of the month. */
export function checkReconciled(book: CashBook, ledgerClosing: number): void {
  if (book.opening + book.received - book.spent !== book.closing || book.closing !== ledgerClosing) {
    throw fail('spj_not_reconciled', { closing: book.closing, ledgerClosing });
  }
}

/**
 * Reported months are closed: once an RT has sent the SPJ of a month, nothing may be booked
 * in that month or any earlier one, so a report never disagrees with its ledger afterwards.
 *
 * Invariants:
 * - the RT's books are closed through its latest month whose SPJ is submitted or verified
 *   (a returned or withdrawn SPJ reopens its month, and SPJs are sent in month order, so every
 *   earlier month is reported too);
 * - a receipt dated in a closed month is refused at entry, at re-sending and at verification;
 * - money moved by a decision (a correction such as the reversal of a verified receipt or of a
 *   tranche, a tranche's approval or arrival) is dated today, or on the first day of the first
 *   month not yet reported when today falls in a reported month; when every month of the year
 *   is reported there is no date for it and it is refused;
 * - only the RT's latest reported SPJ may be withdrawn or returned (the later months would
 *   otherwise stand on a month that is open again).
 */
import { fail } from '../errors';
import type { ProgrammeYear } from './programme-year';
import type { SpjStatus } from './spj';
import { nextMonth } from './tranche';

/** Whether an SPJ in this status closes its month. */
export const closesMonth = (status: SpjStatus | null | undefined): boolean => status === 'submitted' || status === 'verified';

/** The latest month (YYYY-MM) whose SPJ is submitted or verified; null when none is. */
export function lastReportedMonth(spj: Iterable<{ month: string; status: SpjStatus }>): string | null {
  let last: string | null = null;
  for (const r of spj) if (closesMonth(r.status) && (last === null || r.month > last)) last = r.month;
  return last;
}

/** Whether a date (YYYY-MM-DD) falls in a month already reported. */
export const inReportedMonth = (date: string, lastReported: string | null): boolean => lastReported !== null && date.slice(0, 7) <= lastReported;

/**
 * Refuses a receipt dated in a reported month: at entry and re-sending (the chair's form), or at
 * the treasurer's decision (a conflict: the month was reported while the receipt waited).
 */
export function refuseIfReported(date: string, lastReported: string | null, at: 'entry' | 'decision' = 'entry'): void {
  if (!inReportedMonth(date, lastReported)) return;
  const params = { month: date.slice(0, 7), lastReported: lastReported! };
  if (at === 'decision') throw fail('spj_month_reported_on_verify', params);
  throw fail('spj_month_closed', params, { date: 'Bulan ini sudah dilaporkan dalam SPJ.' });
}

/**
 * The date money decided today is booked on for an RT (a correction, a tranche's approval or
 * its arrival): `today` (already moved into the year), or the first day of the first month not
 * yet reported when today is in a reported month. Refused when every month of the year up to
 * its end is reported.
 */
export function bookingDate(today: string, year: Pick<ProgrammeYear, 'endsOn'>, lastReported: string | null): string {
  if (!inReportedMonth(today, lastReported)) return today;
  const date = `${nextMonth(lastReported!)}-01`;
  if (date > year.endsOn) throw fail('booking_month_reported', { month: lastReported! });
  return date;
}

/** Only the latest reported month's SPJ may be withdrawn or returned. */
export function refuseIfLaterReported(month: string, lastReported: string | null): void {
  if (lastReported !== null && lastReported > month) throw fail('spj_later_month_reported', { month, later: lastReported });
}

/**
 * Whether a programme year (or one kelurahan's part of it) still takes changes, and the date a
 * decision is booked on: the rules every use case that writes asks in the same words.
 *
 * Invariants:
 * - a closed year, or a kelurahan closed for it, takes no new plan, tranche, receipt or decision;
 * - a decision is booked on today's date, moved into the year when today is outside it
 *   (an entry of 2026 never carries a 2027 date).
 */
import { fail } from '../errors';
import type { ProgrammeYear } from './programme-year';

/** The year still takes changes for this kelurahan. */
export const yearOpenFor = (year: Pick<ProgrammeYear, 'status'>, kelurahanClosed: boolean): boolean => year.status !== 'closed' && !kelurahanClosed;

/** Refuses (year_closed) when the year, or the kelurahan's part of it, is closed. */
export function refuseIfClosed(year: Pick<ProgrammeYear, 'year' | 'status'>, kelurahanClosed: boolean): void {
  if (!yearOpenFor(year, kelurahanClosed)) throw fail('year_closed', { year: year.year });
}

/** Refuses a use-case reversal in a closed year (or kelurahan), pointing to the admin's correction after close. */
export function refuseReversalIfClosed(year: Pick<ProgrammeYear, 'year' | 'status'>, kelurahanClosed: boolean): void {
  if (!yearOpenFor(year, kelurahanClosed)) throw fail('year_closed_use_correction', { year: year.year });
}

/** A date (YYYY-MM-DD) moved into the year: its first day before it, its last day after it. */
export function clampToYear(date: string, year: Pick<ProgrammeYear, 'startsOn' | 'endsOn'>): string {
  return date < year.startsOn ? year.startsOn : date > year.endsOn ? year.endsOn : date;
}

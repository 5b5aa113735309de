/**
 * Working days: the calendar a complaint's deadline is counted in.
 *
 * Invariants:
 * - a working day is a Monday to Friday that is not on the holiday list;
 * - adding n working days to a date never lands on a weekend or a holiday, and the date itself
 *   is never counted (received on Friday, the first working day is the next Monday);
 * - dates are plain WIB business dates (YYYY-MM-DD); no instant, no time zone arithmetic here.
 */

const DAY_MS = 86_400_000;

const dayOf = (date: string) => new Date(`${date}T00:00:00Z`);
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string) => dayOf(date).getUTCDay();

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const wd = weekdayOf(date);
  return wd !== 0 && wd !== 6 && !holidays.has(date);
}

/** The date `n` working days after `date` (n ≥ 1). */
export function addWorkingDays(date: string, n: number, holidays: ReadonlySet<string>): string {
  let d = dayOf(date);
  let left = n;
  // A holiday list cannot hold a year of holidays in a row: bounded well before that.
  for (let guard = 0; left > 0 && guard < 400; guard++) {
    d = new Date(d.getTime() + DAY_MS);
    if (isWorkingDay(dateOf(d), holidays)) left -= 1;
  }
  return dateOf(d);
}

/**
 * Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`
 * (the working days since it), 0 on the same day.
 */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  if (from === to) return 0;
  const [a, b, sign] = from < to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let d = dayOf(a).getTime() + DAY_MS, end = dayOf(b).getTime(); d <= end; d += DAY_MS) {
    if (isWorkingDay(dateOf(new Date(d)), holidays)) count += 1;
  }
  return sign * count;
}

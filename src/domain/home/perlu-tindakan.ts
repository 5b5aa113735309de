/**
 * "Perlu tindakan": what needs an RT's officers now, from facts the application reads.
 *
 * Invariants:
 * - every returned item (receipt, plan, SPJ) is listed, with its reason and where to fix it,
 *   oldest first; nothing else is called "returned";
 * - an SPJ is owed for each month listed until it is sent (a returned or withdrawn one is owed
 *   again); its days left are counted in calendar days to its due date (spj.ts), negative when
 *   it is overdue, and the most urgent comes first;
 * - the money that will lapse is the allocation not yet spent (undrawn, in transit, cash in
 *   hand): what the year end returns to Kas Daerah if nothing more is spent; none once the year
 *   is closed or its end has passed;
 * - a category's bar has planned = spent + held + left, with left never below zero.
 */
import { formatBulan, formatTanggal, todayWib } from '../calendar';
import { formatRupiah } from '../money';
import { daysBetween } from '../grants/spj';

export type ReturnedKind = 'receipt' | 'plan' | 'spj';

export interface ReturnedFact {
  kind: ReturnedKind;
  id: number;
  /** "Kuitansi #12 Toko Maju", "RAP 2026 versi 2", "SPJ Maret 2026". */
  what: string;
  reason: string | null;
  /** When it was returned (ISO time or date), for the order and the age. */
  returnedAt: string | null;
  href: string;
}

export interface OwedSpj {
  month: string;
  due: string;
  /** Submitted or verified (a returned or withdrawn report is owed again). */
  sent: boolean;
  /** The report was returned by the treasurer (it is listed with the returned items too). */
  returned?: boolean;
}

export interface ChairFacts {
  today: string;
  year: { year: number; endsOn: string; closed: boolean };
  returned: readonly ReturnedFact[];
  spj: readonly OwedSpj[];
  money: { undrawn: number; transit: number; cash: number };
  categories: ReadonlyArray<{ code: string; name: string; planned: number; spent: number; held: number }>;
}

export interface SpjDue {
  month: string;
  monthLabel: string;
  due: string;
  daysLeft: number;
  overdue: boolean;
  /** "10 hari lagi", "hari ini", "terlambat 3 hari". */
  when: string;
}

export interface Lapse {
  amount: number;
  date: string;
  daysLeft: number;
  message: string;
}

export interface CategoryBar {
  code: string;
  name: string;
  planned: number;
  spent: number;
  held: number;
  /** Spent and held together: what the bar fills. */
  used: number;
  left: number;
  over: boolean;
}

export interface ChairNeeds {
  returned: Array<ReturnedFact & { ageDays: number | null }>;
  spjDue: SpjDue[];
  lapse: Lapse | null;
  bars: CategoryBar[];
  /** How many things ask for an action (returned items and owed SPJs): the menu's count. */
  count: number;
}

export function whenLabel(daysLeft: number): string {
  if (daysLeft === 0) return 'hari ini';
  if (daysLeft > 0) return `${daysLeft} hari lagi`;
  return `terlambat ${-daysLeft} hari`;
}

/** The chair's "perlu tindakan" from the facts of one programme year. */
export function chairNeeds(f: ChairFacts): ChairNeeds {
  // A time (ISO, UTC) is aged from its WIB date; a plain date as it is.
  const age = (at: string | null) => (at ? Math.max(0, daysBetween(at.length > 10 ? todayWib(new Date(at)) : at, f.today)) : null);
  const returned = [...f.returned]
    .sort((a, b) => (a.returnedAt ?? '').localeCompare(b.returnedAt ?? '') || a.id - b.id)
    .map((r) => ({ ...r, ageDays: age(r.returnedAt) }));
  const spjDue = f.spj
    .filter((s) => !s.sent)
    .map((s) => {
      const daysLeft = daysBetween(f.today, s.due);
      return { month: s.month, monthLabel: formatBulan(s.month), due: s.due, daysLeft, overdue: daysLeft < 0, when: whenLabel(daysLeft) };
    })
    .sort((a, b) => a.daysLeft - b.daysLeft || a.month.localeCompare(b.month));
  const unspent = f.money.undrawn + f.money.transit + f.money.cash;
  const open = !f.year.closed && f.today <= f.year.endsOn;
  const lapse =
    open && unspent > 0
      ? { amount: unspent, date: f.year.endsOn, daysLeft: daysBetween(f.today, f.year.endsOn), message: `${formatRupiah(unspent)} akan hangus ${formatTanggal(f.year.endsOn)}` }
      : null;
  const bars = f.categories
    .filter((c) => c.planned > 0 || c.spent > 0 || c.held > 0)
    .map((c) => ({ code: c.code, name: c.name, planned: c.planned, spent: c.spent, held: c.held, used: c.spent + c.held, left: Math.max(0, c.planned - c.spent - c.held), over: c.spent + c.held > c.planned }));
  // A returned SPJ is one thing to do, listed once among the returned items.
  const owedNotReturned = spjDue.filter((s) => !f.spj.find((x) => x.month === s.month)?.returned).length;
  return { returned, spjDue, lapse, bars, count: returned.length + owedNotReturned };
}

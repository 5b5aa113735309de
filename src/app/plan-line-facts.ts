/**
 * The facts of the plan-line rule (src/domain/grants/plan-line.ts) for an RT, read from
 * storage: the one place entry, re-sending, verification, plan revisions, the pages and
 * `verify` get them.
 */
import { fail } from '../domain/errors';
import { formatRupiah } from '../domain/money';
import { holdToPlanLine, lineOf, planLineBreach, planStanding, rbbOverrunFlag, revisionBelowUsed } from '../domain/grants/plan-line';
import type { PlanLine } from '../domain/grants/plan';
import type { ProgrammeYear } from '../domain/grants/programme-year';
import type { ReceiptFlag } from '../domain/grants/receipt';
import { yearOfRt } from './scope';
import type { Services } from './services';

/** The approved plan's total per category, or null when the RT has no approved plan for the year. */
export const approvedLines = (s: Services, rtId: number, year: number): Map<string, number> | null => s.plans.approvedLines(rtId, year);

export interface SpendingReceipt {
  rtId: number;
  year: number;
  category: string;
  amount: number;
  /** Set when the receipt is already stored (re-sent or verified): its own hold is not counted twice. */
  status?: string;
}

/**
 * Refuses a receipt that would take its category past the approved plan line: at entry and
 * re-sending against what is verified, pending and returned; at verification against what is verified.
 */
export function refuseOverPlanLine(s: Services, r: SpendingReceipt, at: 'entry' | 'verify'): void {
  const planned = approvedLines(s, r.rtId, r.year);
  if (planned === null) return;
  const category = yearOfRt(s, r.rtId, r.year).categories.find((c) => c.code === r.category) ?? { code: r.category, name: '' };
  const held = r.status === 'pending' || r.status === 'returned' || r.status === 'verified' ? r.amount : 0;
  const used = at === 'verify' ? (s.balances.spentByCategory(r.year, r.rtId).get(r.category) ?? 0) : s.receipts.usedInCategory(r.rtId, r.year, r.category) - held;
  holdToPlanLine(category, lineOf(planned, r.category), used, r.amount, at);
}

/** The flag for spending beyond the month's RBB line (monthly mode), as a list to spread into a receipt's flags. */
export function rbbFlags(s: Services, year: ProgrammeYear, r: { rtId: number; date: string; category: string; amount: number }): ReceiptFlag[] {
  if (year.disbursementMode !== 'monthly' || approvedLines(s, r.rtId, year.year) === null) return [];
  const month = r.date.slice(0, 7);
  const category = { code: r.category, name: year.categories.find((c) => c.code === r.category)?.name ?? r.category };
  const flag = rbbOverrunFlag(category, month, s.tranches.rbbLine(r.rtId, year.year, month, r.category), s.receipts.usedInCategoryMonth(r.rtId, year.year, r.category, month), r.amount);
  return flag ? [flag] : [];
}

/** Per category: plan, spent (verified), held (pending or returned) and left, for the pages. */
export function planStandingOf(s: Services, rtId: number, year: number) {
  const y = yearOfRt(s, rtId, year);
  return planStanding(y.categories, approvedLines(s, rtId, year) ?? new Map(), s.balances.spentByCategory(year, rtId), s.receipts.heldByCategory(rtId, year));
}

/** Used per category (verified, pending, returned) of an RT's year: what a revision may not plan below. */
function usedByCategory(s: Services, rtId: number, year: number): Map<string, number> {
  const spent = s.balances.spentByCategory(year, rtId);
  const used = new Map(spent);
  for (const [c, n] of s.receipts.heldByCategory(rtId, year)) used.set(c, (used.get(c) ?? 0) + n);
  return used;
}

/** Refuses plan lines (a revision) that would put a category below what its receipts already use. */
export function refuseRevisionBelowUsed(s: Services, rtId: number, year: number, lines: readonly PlanLine[]): void {
  const below = revisionBelowUsed(lines, usedByCategory(s, rtId, year));
  if (below) throw fail('plan_below_used', below, { lines: `Rencana ${below.category} paling sedikit ${formatRupiah(below.used)}.` });
}

/** For `npm run verify`: each RT, year and category whose verified spending exceeds its approved plan line. */
export function planLineProblems(s: Services, max = 20): { count: number; problems: string[] } {
  let count = 0;
  const problems: string[] = [];
  for (const u of s.consistency.planLineUse()) {
    const breach = planLineBreach(u.planned, u.verified, 0);
    if (!breach) continue;
    count += 1;
    if (problems.length < max) problems.push(`belanja terverifikasi RT #${u.rtId} tahun ${u.year} kategori ${u.category} ${u.verified} melebihi rencana yang disetujui ${u.planned}`);
  }
  return { count, problems };
}

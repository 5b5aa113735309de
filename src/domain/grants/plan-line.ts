/**
 * Spending held to the approved plan (RAP), per category: the one rule used when a receipt is
 * recorded, re-sent and verified, when a plan revision is submitted and approved, by the pages
 * and by `npm run verify`. And the month's RBB line, whose overrun is accepted but flagged.
 *
 * Invariants:
 * - what a category has used (receipts verified, pending and returned: a returned receipt keeps
 *   its cash held until it is withdrawn or rejected) plus a new receipt never exceeds the
 *   category's line in the approved plan; reaching the line exactly is allowed;
 * - a category that the approved plan does not name has a line of zero;
 * - with no approved plan there is no line to hold to (null): the plan gate keeps every tranche,
 *   and so all cash, away from an RT until its plan is approved;
 * - at verification the receipt must fit beside what is already verified: verified spending
 *   never exceeds the line, which is what `verify` checks afterwards;
 * - a revision (moving money between categories) may not plan a category below what it has
 *   already used; until the revision is approved the old lines hold;
 * - staged mode has no per-stage lines: the line is the year's approved plan per category;
 * - spending in a month beyond that month's RBB line for the category is accepted, and flagged
 *   to the treasurer with the figures (monthly mode only: the RBB is the monthly plan).
 */
import { formatRupiah } from '../money';
import { formatBulan } from '../calendar';
import { fail } from '../errors';
import type { PlanLine } from './plan';
import type { ReceiptFlag } from './receipt';

export interface PlanLineBreach {
  /** The category's line in the approved plan. */
  planned: number;
  /** What the category had used before the new amount. */
  used: number;
  adding: number;
  /** What was left of the line before the new amount (never negative). */
  left: number;
}

/**
 * The line a new amount would break (with the figures to say so), or null when it fits or
 * there is no approved plan (`planned` null). `used` is what already counts against the line.
 */
export function planLineBreach(planned: number | null, used: number, adding: number): PlanLineBreach | null {
  if (planned === null) return null;
  return used + adding > planned ? { planned, used, adding, left: Math.max(0, planned - used) } : null;
}

/** The line of a category in an approved plan's totals (zero when the plan does not name it), or null without an approved plan. */
export const lineOf = (planned: ReadonlyMap<string, number> | null, category: string): number | null => (planned === null ? null : (planned.get(category) ?? 0));

/**
 * Refuses a receipt that would take its category past the approved plan line. `at`: 'entry'
 * (recording or re-sending: `used` counts verified, pending and returned) or 'verify' (`used`
 * counts what is verified).
 */
export function holdToPlanLine(category: { code: string; name: string }, planned: number | null, used: number, adding: number, at: 'entry' | 'verify'): void {
  const breach = planLineBreach(planned, used, adding);
  if (!breach) return;
  // People read the category by its name, never by its code (the code only when no name is known).
  const name = category.name || category.code;
  const params = { category: name, ...breach };
  if (at === 'verify') throw fail('plan_line_exceeded_on_verify', params);
  throw fail('plan_line_exceeded', params, { amount: `Sisa rencana ${name}: ${formatRupiah(breach.left)}.` });
}

export interface CategoryStanding {
  code: string;
  name: string;
  planned: number;
  /** Verified spending. */
  spent: number;
  /** Pending and returned receipts: cash held, counted against the line. */
  held: number;
  /** What may still be spent under the line (negative only when records broke the rule). */
  left: number;
  over: boolean;
}

/** Per category: plan, spent, held (pending or returned), left, the way the rule counts them. */
export function planStanding(
  categories: ReadonlyArray<{ code: string; name: string }>,
  planned: ReadonlyMap<string, number> | null,
  spent: ReadonlyMap<string, number>,
  held: ReadonlyMap<string, number>,
): CategoryStanding[] {
  return categories.map((c) => {
    const p = lineOf(planned, c.code) ?? 0;
    const a = spent.get(c.code) ?? 0;
    const h = held.get(c.code) ?? 0;
    return { code: c.code, name: c.name, planned: p, spent: a, held: h, left: p - a - h, over: planLineBreach(p, a + h, 0) !== null };
  });
}

/** The first category a revision would plan below what it already used, or null. */
export function revisionBelowUsed(lines: readonly PlanLine[], used: ReadonlyMap<string, number>): { category: string; planned: number; used: number } | null {
  const planned = new Map<string, number>();
  for (const l of lines) planned.set(l.category, (planned.get(l.category) ?? 0) + l.amount);
  for (const [category, amount] of used) {
    if (amount > 0 && planLineBreach(planned.get(category) ?? 0, amount, 0)) return { category, planned: planned.get(category) ?? 0, used: amount };
  }
  return null;
}

/** What an RBB overrun flag records: enough to word it again with the year's category names. */
export interface RbbOverrunFacts {
  /** The category's code (as stored on the receipt). */
  category: string;
  month: string;
  /** The month's RBB line for the category; null when no RBB was filed for the month. */
  rbbLine: number | null;
  usedInMonth: number;
  adding: number;
}

/** The flag's words, the category by its name ("RBB Oktober 2026 untuk Peralatan Rp1.000.000"). */
export function rbbOverrunMessage(f: RbbOverrunFacts, categoryName: string): string {
  const line = f.rbbLine ?? 0;
  const where = f.rbbLine === null ? `tidak ada RBB ${formatBulan(f.month)}` : `RBB ${formatBulan(f.month)} untuk ${categoryName} ${formatRupiah(line)}`;
  return `Melebihi rencana belanja bulanan: ${where}; sudah terpakai ${formatRupiah(f.usedInMonth)}, kuitansi ini ${formatRupiah(f.adding)}, lebih ${formatRupiah(f.usedInMonth + f.adding - line)}.`;
}

/**
 * The flag for spending beyond the month's RBB line for its category, or null when it fits.
 * `rbbLine` is null when no RBB was filed for the month (the month has no spending plan: line 0).
 * The flag keeps its figures beside its words, so pages word it with the category's name.
 */
export function rbbOverrunFlag(category: { code: string; name: string }, month: string, rbbLine: number | null, usedInMonth: number, adding: number): ReceiptFlag | null {
  const line = rbbLine ?? 0;
  if (usedInMonth + adding <= line) return null;
  const facts: RbbOverrunFacts = { category: category.code, month, rbbLine, usedInMonth, adding };
  return { code: 'rbb_overrun', message: rbbOverrunMessage(facts, category.name), ...facts };
}

/**
 * A receipt's flag as people read it: an RBB overrun worded again from its figures with the
 * year's name of its category; one stored before its figures were kept has the code in its text
 * ("RBB Oktober 2026 untuk SOS Rp250.000"), which is replaced by the name. Other flags as stored.
 */
export function flagInWords(flag: ReceiptFlag, categoryName: (code: string) => string): ReceiptFlag {
  if (flag.code !== 'rbb_overrun') return flag;
  const { category, month, rbbLine, usedInMonth, adding } = flag;
  if (category !== undefined && month !== undefined && rbbLine !== undefined && usedInMonth !== undefined && adding !== undefined) {
    return { ...flag, message: rbbOverrunMessage({ category, month, rbbLine, usedInMonth, adding }, categoryName(category)) };
  }
  return { ...flag, message: flag.message.replace(/(RBB \S+ \d{4} untuk )(\S+)(?= Rp)/, (_m, head: string, code: string) => `${head}${categoryName(code)}`) };
}

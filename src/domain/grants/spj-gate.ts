/**
 * The SPJ gate with no skipping: money is drawn only once everything drawn before is accounted for.
 *
 * Invariants:
 * - an RT owes an SPJ for every month from its first drawn month on, drawn or not (a month
 *   without spending is reported nil), so no month can be skipped by reporting a later one;
 * - monthly mode: a tranche for a month is requested and approved only when every owed month
 *   before it has a verified SPJ;
 * - SPJs are submitted in month order: a month is submitted only when every owed month before it
 *   has a submitted or verified SPJ (a returned one must be sent again first);
 * - staged mode: every earlier stage is accounted for by verified spending, taken in stage
 *   order, to at least the year's percentage of that stage.
 */
import Decimal from 'decimal.js';
import { todayWib } from '../calendar';
import type { SpjStatus } from './spj';
import { nextMonth } from './tranche';


/** The month (YYYY-MM) a drawn tranche counts from: its RBB month, or in staged mode the WIB month it was approved. */
export function drawnMonth(t: { mode: 'monthly' | 'staged'; period: string; decidedAt: string | null }): string | null {
  if (t.mode === 'monthly') return t.period;
  return t.decidedAt ? todayWib(new Date(t.decidedAt)).slice(0, 7) : null;
}

/** Every month from the first drawn month up to, not including, `before`; none when nothing was drawn. */
export function monthsOwedBefore(drawnMonths: readonly string[], before: string): string[] {
  const first = [...drawnMonths].sort()[0];
  const out: string[] = [];
  if (first === undefined) return out;
  for (let m = first; m < before; m = nextMonth(m)) out.push(m);
  return out;
}

/** The months before `requestedMonth` (from the first drawn month) that lack a verified SPJ: the monthly tranche gate. */
export function monthsLackingVerifiedSpj(drawnMonths: readonly string[], spj: ReadonlyMap<string, SpjStatus>, requestedMonth: string): string[] {
  return monthsOwedBefore(drawnMonths, requestedMonth).filter((m) => spj.get(m) !== 'verified');
}

/** The months before `month` (from the first drawn month) with no submitted or verified SPJ: SPJs go in month order. */
export function monthsNotSubmittedBefore(drawnMonths: readonly string[], spj: ReadonlyMap<string, SpjStatus>, month: string): string[] {
  return monthsOwedBefore(drawnMonths, month).filter((m) => {
    const status = spj.get(m);
    return status !== 'submitted' && status !== 'verified';
  });
}

export interface StageShortfall {
  stage: number;
  /** Verified spending that falls to this stage, the earlier stages taken first. */
  accounted: number;
  /** The year's percentage of the stage, rounded up to the rupiah. */
  needed: number;
}

/**
 * The drawn stages before `requestedStage` not accounted for: verified spending fills the stages
 * in order, and each needs at least `percent` of its amount. (If an earlier stage falls short, so
 * does the last one: the rule is the previous stage's 75 %, with each shortfall named.)
 */
export function stagesNotAccounted(
  drawnStages: ReadonlyArray<{ stage: number; amount: number }>,
  verifiedSpending: number,
  requestedStage: number,
  percent: string,
): StageShortfall[] {
  const earlier = drawnStages.filter((d) => d.stage < requestedStage).sort((a, b) => a.stage - b.stage);
  const out: StageShortfall[] = [];
  let before = 0;
  for (const d of earlier) {
    const accounted = Math.min(d.amount, Math.max(0, verifiedSpending - before));
    const needed = new Decimal(d.amount).times(percent).dividedBy(100).ceil().toNumber();
    if (accounted < needed) out.push({ stage: d.stage, accounted, needed });
    before += d.amount;
  }
  return out;
}

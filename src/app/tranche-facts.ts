/**
 * The facts the tranche gates judge, gathered in one place so that a request and its approval
 * are judged by the same rules (a request that was fine when filed is checked again when
 * approved: an SPJ may have been returned, the allocation used by another tranche).
 */
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import type { TrancheFacts } from '../domain/grants/gates';
import type { PlanLine } from '../domain/grants/plan';
import type { ProgrammeYear } from '../domain/grants/programme-year';
import { periodLabel, stageAmounts, yearMonths } from '../domain/grants/tranche';
import { formatRupiah } from '../domain/money';
import type { RtDetail } from './ports';
import type { TrancheRow } from './ports';
import type { Services } from './services';

const LIVE = new Set(['pending', 'approved', 'paid']);

/** Months an RT may file an RBB for now: this month or next, after every month already drawn. */
export function requestableMonths(s: Services, year: ProgrammeYear, tranches: TrancheRow[]): string[] {
  const thisMonth = todayWib(s.now()).slice(0, 7);
  const live = tranches.filter((t) => LIVE.has(t.status));
  const latest = live.map((t) => t.period).sort().at(-1) ?? '';
  const months = yearMonths(year);
  const i = months.indexOf(thisMonth);
  const window = i === -1 ? [] : months.slice(i, i + 2);
  return window.filter((m) => m > latest);
}

/** The next stage in staged mode: the lowest stage that is not live (a reversed stage can be drawn again). */
export function nextStage(year: ProgrammeYear, allocation: number, tranches: TrancheRow[]) {
  const amounts = stageAmounts(year, allocation);
  const live = new Set(tranches.filter((t) => LIVE.has(t.status)).map((t) => Number(t.period)));
  const stage = amounts.findIndex((_, i) => !live.has(i + 1)) + 1;
  return stage === 0 ? null : { stage, amount: amounts[stage - 1]! };
}

/** RBB lines must follow the approved plan: per category, what is drawn stays within what was planned. */
export function checkAgainstPlan(s: Services, rtId: number, year: number, lines: readonly PlanLine[], excludeTrancheId = 0): void {
  const planned = s.plans.plannedByCategory(rtId, year);
  const drawn = new Map<string, number>();
  for (const t of s.tranches.ofRt(rtId, year)) {
    if (!LIVE.has(t.status) || t.id === excludeTrancheId) continue;
    for (const l of s.tranches.lines(t.id)) drawn.set(l.category, (drawn.get(l.category) ?? 0) + l.amount);
  }
  const asked = new Map<string, number>();
  for (const l of lines) asked.set(l.category, (asked.get(l.category) ?? 0) + l.amount);
  for (const [category, amount] of asked) {
    const plan = planned.get(category);
    if (plan === undefined) {
      throw fail('category_not_in_plan', { category }, { lines: 'Pakai kategori yang ada di RAP.' });
    }
    const used = drawn.get(category) ?? 0;
    if (used + amount > plan) {
      throw fail('rbb_exceeds_plan', { category, drawn: used, planned: plan, requested: amount }, { lines: `Sisa rencana ${category}: ${formatRupiah(plan - used)}.` });
    }
  }
}

export function trancheFacts(
  s: Services,
  rt: RtDetail,
  year: ProgrammeYear,
  t: { period: string; amount: number; mode: 'monthly' | 'staged'; id?: number },
): TrancheFacts {
  const all = s.tranches.ofRt(rt.id, year.year).filter((x) => x.id !== t.id);
  const drawn = all.filter((x) => x.status === 'approved' || x.status === 'paid');
  const money = s.balances.ofRt(year.year, rt.id);
  const reservedByOthers = all.filter((x) => x.status === 'pending').reduce((a, x) => a + x.amount, 0);
  // Monthly: every month since the first drawn one needs a verified SPJ (spj-gate.ts); staged:
  // every earlier stage accounted for by verified spending.
  const monthly = t.mode === 'monthly';
  return {
    year,
    today: todayWib(s.now()),
    mode: t.mode,
    period: t.period,
    amount: t.amount,
    planApproved: !!s.plans.approved(rt.id, year.year),
    undrawnAvailable: money.undrawn - reservedByOthers,
    bankAccount: rt.bankAccount,
    bankAccountShared: s.tranches.accountShared(rt.bankAccount),
    kelurahanClosed: s.tranches.isClosed(year.year, rt.kelurahanCode),
    drawnMonths: monthly ? drawn.filter((x) => x.mode === 'monthly').map((x) => x.period) : [],
    spjStatuses: monthly ? s.spending.spjStatuses(rt.id, year.year) : new Map(),
    drawnStages: monthly ? [] : drawn.filter((x) => x.mode === 'staged').map((x) => ({ stage: Number(x.period), amount: x.amount })),
    verifiedSpending: monthly ? 0 : s.spending.verifiedSpending(rt.id, year.year),
  };
}

/** One pending request at a time: the next waits until the bendahara decided the previous. */
export function refuseIfPending(tranches: TrancheRow[]): void {
  const pending = tranches.find((t) => t.status === 'pending');
  if (pending) throw fail('tranche_pending_exists', { period: periodLabel(pending.mode, pending.period) });
}

/**
 * What waits for the signed-in user, counted with one prepared query per count (WorkCountStore):
 * the homes' summaries and the menu's badges. The judgement of what is whose is the domain's
 * (work-summary.ts, approval-chain.ts).
 */
import type { Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { APPROVAL_STEPS, type ApprovalStepCode } from '../domain/grants/approval-chain';
import { badgesByPage, workLines, type WorkCount, type WorkLine } from '../domain/home/work-summary';
import type { WaitingCount, WorkScope } from './ports';
import { waitingCounts, waitingItems, type WaitingItem } from './read-queue';
import type { Services } from './services';

const add = (a: WaitingCount, b: WaitingCount): WaitingCount => ({
  count: a.count + b.count,
  oldestAt: [a.oldestAt, b.oldestAt].filter((x): x is string => x !== null).sort()[0] ?? null,
});
const NONE: WaitingCount = { count: 0, oldestAt: null };

/** Plans and tranches waiting for one step, summed over the years whose chain has it (each year its own previous step). */
function atStep(s: Services, scope: WorkScope, step: ApprovalStepCode) {
  let plans = NONE;
  let tranches = NONE;
  for (const year of s.years.years()) {
    const chain = s.years.find(year)?.approvalSteps ?? [];
    const i = chain.indexOf(step);
    if (i < 0) continue;
    const previous = i === 0 ? null : chain[i - 1]!;
    plans = add(plans, s.work.plansAtStep(scope, year, step, previous));
    tranches = add(tranches, s.work.tranchesAtStep(scope, year, step, previous));
  }
  return { plans, tranches };
}

const line = (kind: WorkCount['kind'], c: WaitingCount, who?: string): WorkCount => ({ kind, count: c.count, oldestAt: c.oldestAt, ...(who ? { who } : {}) });

/** The counts of an actor's work (empty for a role that waits on nobody). */
export function workCountsOf(s: Services, actor: Actor): WorkCount[] {
  switch (actor.role) {
    case 'bendahara': {
      // Her queue's own list, counted (read-queue.ts): the home, the menu and /antrian cannot disagree.
      if (!actor.kelurahanCode) return [line('receipts', NONE), line('spj', NONE), line('plans', NONE), line('tranches', NONE)];
      const c = waitingCounts(s, actor);
      return [line('receipts', c.kuitansi), line('spj', c.spj), line('plans', c.rap), line('tranches', c.pencairan)];
    }
    case 'lurah':
    case 'camat': {
      const scope = actor.role === 'lurah' ? { kelurahanCode: actor.kelurahanCode ?? '' } : { kecamatanCode: actor.kecamatanCodes?.[0] ?? '' };
      const { plans, tranches } = atStep(s, scope, actor.role === 'lurah' ? 'approve' : 'acknowledge');
      return [line('steps', add(plans, tranches))];
    }
    case 'bpkad':
      return [line('bank', s.work.unbatchedTranches({}))];
    case 'admin': {
      const steps = (['verify', 'approve', 'acknowledge'] as const).map((st) => ({ st, ...atStep(s, {}, st) }));
      return [
        line('receipts', s.work.pendingReceipts({})),
        line('spj', s.work.submittedSpj({})),
        ...steps.flatMap(({ st, plans, tranches }) => [line('plans', plans, `menunggu ${APPROVAL_STEPS[st].who}`), line('tranches', tranches, `menunggu ${APPROVAL_STEPS[st].who}`)]),
        line('bank', s.work.unbatchedTranches({})),
      ];
    }
    case 'ketua_rt':
    case 'sekretaris_rt':
    case 'bendahara_rt':
      return actor.rtId ? [{ kind: 'returned', count: s.work.returnedOfRt(actor.rtId), oldestAt: null }] : [];
    default:
      return [];
  }
}

/** How many of the oldest waiting items a treasurer's home lists under the counts. */
export const OLDEST_ON_HOME = 5;

/**
 * The home page's lines for an official; for a kelurahan treasurer also the oldest items waiting
 * for her across kinds, from the list her queue shows (read-queue.ts), so the two agree.
 */
export function readWorkSummary(s: Services, actor: Actor): { lines: WorkLine[]; total: number; oldest: WaitingItem[] } {
  const lines = workLines(actor.role, workCountsOf(s, actor), todayWib(s.now()));
  const oldest = actor.role === 'bendahara' && actor.kelurahanCode ? waitingItems(s, actor).slice(0, OLDEST_ON_HOME) : [];
  return { lines, total: lines.reduce((a, l) => a + l.count, 0), oldest };
}

/** The menu's badges: page path → count. An RT officer's returned items go on the receipts page. */
export function menuBadges(s: Services, actor: Actor): Record<string, number> {
  if (actor.role === 'admin' || actor.role === 'auditor' || actor.role === 'system') return {};
  if (actor.rtId && (actor.role === 'ketua_rt' || actor.role === 'sekretaris_rt' || actor.role === 'bendahara_rt')) {
    const n = s.work.returnedOfRt(actor.rtId);
    return n ? { [`/rt/${actor.rtId}/kuitansi`]: n } : {};
  }
  return Object.fromEntries(badgesByPage(workLines(actor.role, workCountsOf(s, actor), todayWib(s.now())), actor.role));
}

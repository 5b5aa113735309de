/**
 * The annual plan (RAP) of an RT.
 *
 * Invariants:
 * - a submitted plan's lines sum exactly to the RT's allocation; every line has a known
 *   category, a description and a positive whole amount;
 * - a category with a share limit (administration: 2,5 %) stays within it;
 * - no line describes a forbidden use (honoraria or fuel for RT officers, personal use,
 *   new construction, political activity);
 * - state changes follow PLAN_TRANSITIONS; nobody approves, returns or rejects a plan they submitted;
 * - a rejected version is final: it is never edited nor submitted again (the chair opens a new version);
 * - an approved plan is never edited: a revision is a new version.
 */
import { categoryCapBreach } from './category-cap';
import { fail } from '../errors';
import type { ProgrammeYear } from './programme-year';
import { judgeUse } from './forbidden-uses';

export const PLAN_STATUSES = ['draft', 'submitted', 'returned', 'rejected', 'approved', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type PlanAction = 'edit' | 'submit' | 'approve' | 'return' | 'reject' | 'revise';

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draf',
  submitted: 'Diajukan',
  returned: 'Dikembalikan',
  rejected: 'Ditolak',
  approved: 'Disetujui',
  superseded: 'Diganti revisi',
};

export interface PlanLine {
  category: string;
  description: string;
  amount: number;
}

/** state × action → next state; anything missing is refused with the action's code. */
const PLAN_TRANSITIONS: Record<PlanAction, Partial<Record<PlanStatus, PlanStatus>>> = {
  edit: { draft: 'draft', returned: 'returned' },
  submit: { draft: 'submitted', returned: 'submitted' },
  approve: { submitted: 'approved' },
  return: { submitted: 'returned' },
  // Rejected is final for this version: the chair starts a new version from scratch.
  reject: { submitted: 'rejected' },
  // Revising an approved plan opens a new draft version; the approved one stays in force.
  revise: { approved: 'draft' },
};

const REFUSALS = {
  edit: 'plan_not_editable',
  submit: 'plan_not_submittable',
  approve: 'plan_not_submitted',
  return: 'plan_not_submitted',
  reject: 'plan_not_submitted',
  revise: 'plan_not_approved',
} as const satisfies Record<PlanAction, string>;

export function planTransition(status: PlanStatus, action: PlanAction, ctx: { isSubmitter: boolean }): PlanStatus {
  const next = PLAN_TRANSITIONS[action][status];
  if (!next) {
    throw fail(REFUSALS[action]);
  }
  if ((action === 'approve' || action === 'return' || action === 'reject') && ctx.isSubmitter) {
    throw fail('approver_is_submitter', { what: 'rencana' });
  }
  return next;
}

export const MAX_PLAN_LINES = 40;

/** Checks lines as they are typed (a draft may not sum to the allocation yet). */
export function validatePlanLines(year: ProgrammeYear, lines: readonly PlanLine[]): void {
  const codes = new Set(year.categories.map((c) => c.code));
  if (lines.length > MAX_PLAN_LINES) throw fail('plan_too_many_lines', { max: MAX_PLAN_LINES });
  lines.forEach((l, i) => {
    const field = `lines.${i}`;
    if (!codes.has(l.category)) throw fail('category_unknown', { line: i + 1 }, { [field]: 'Pilih kategori.' });
    if (!Number.isSafeInteger(l.amount) || l.amount <= 0) {
      throw fail('plan_line_amount_invalid', { line: i + 1 }, { [field]: 'Jumlah harus lebih dari nol.' });
    }
    // A line only flagged ("Honor" with no recipient) may stand in a plan: the receipt is checked again.
    const use = judgeUse(year, l.description);
    if (use.outcome === 'refuse') {
      throw fail('forbidden_use', { use: use.reason, line: i + 1 }, { [field]: `Dilarang: ${use.reason}.` });
    }
  });
}

/** Full check before a plan may be submitted or approved. */
export function validatePlanForSubmission(year: ProgrammeYear, lines: readonly PlanLine[], allocation: number): void {
  if (lines.length === 0) throw fail('plan_empty');
  validatePlanLines(year, lines);
  const total = lines.reduce((a, l) => a + l.amount, 0);
  if (total !== allocation) {
    throw fail('plan_total_mismatch', { total, allocation });
  }
  for (const c of year.categories) {
    const used = lines.filter((l) => l.category === c.code).reduce((a, l) => a + l.amount, 0);
    const breach = categoryCapBreach(c, allocation, 0, used);
    if (breach) throw fail('category_limit_exceeded', { category: c.name, percent: c.maxPercentOfAllocation!, limit: breach.limit, total: breach.total });
  }
}

/**
 * The annual plan (RAP) of an RT.
 *
 * Invariants:
 * - a submitted plan's lines sum exactly to the RT's allocation; every line has a known
 *   category, a description and a positive whole amount;
 * - a category with a share limit (administration: 2,5 %) stays within it;
 * - no line describes a forbidden use (honoraria or fuel for RT officers, personal use,
 *   new construction, political activity);
 * - state changes follow PLAN_TRANSITIONS; nobody approves or returns a plan they submitted;
 * - an approved plan is never edited: a revision is a new version.
 */
import Decimal from 'decimal.js';
import { conflict, forbidden, invalid } from '../errors';
import { formatRupiah } from '../money';
import type { ProgrammeYear } from './programme-year';
import { findForbiddenUse } from './forbidden-uses';

export const PLAN_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type PlanAction = 'edit' | 'submit' | 'approve' | 'return' | 'revise';

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draf',
  submitted: 'Diajukan',
  returned: 'Dikembalikan',
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
  // Revising an approved plan opens a new draft version; the approved one stays in force.
  revise: { approved: 'draft' },
};

const REFUSALS: Record<PlanAction, [string, string]> = {
  edit: ['plan_not_editable', 'Rencana ini tidak dapat diubah lagi; ajukan revisi bila perlu.'],
  submit: ['plan_not_submittable', 'Rencana ini sudah diajukan atau disetujui.'],
  approve: ['plan_not_submitted', 'Hanya rencana yang sedang diajukan yang dapat disetujui.'],
  return: ['plan_not_submitted', 'Hanya rencana yang sedang diajukan yang dapat dikembalikan.'],
  revise: ['plan_not_approved', 'Hanya rencana yang sudah disetujui yang dapat direvisi.'],
};

export function planTransition(status: PlanStatus, action: PlanAction, ctx: { isSubmitter: boolean }): PlanStatus {
  const next = PLAN_TRANSITIONS[action][status];
  if (!next) {
    const [code, message] = REFUSALS[action];
    throw conflict(code, message);
  }
  if ((action === 'approve' || action === 'return') && ctx.isSubmitter) {
    throw forbidden('approver_is_submitter', 'Anda tidak dapat memutuskan rencana yang Anda ajukan sendiri.');
  }
  return next;
}

export const MAX_PLAN_LINES = 40;

/** Checks lines as they are typed (a draft may not sum to the allocation yet). */
export function validatePlanLines(year: ProgrammeYear, lines: readonly PlanLine[]): void {
  const codes = new Set(year.categories.map((c) => c.code));
  if (lines.length > MAX_PLAN_LINES) throw invalid('plan_too_many_lines', `Paling banyak ${MAX_PLAN_LINES} baris rencana.`);
  lines.forEach((l, i) => {
    const field = `lines.${i}`;
    if (!codes.has(l.category)) throw invalid('category_unknown', `Baris ${i + 1}: kategori tidak dikenal.`, { [field]: 'Pilih kategori.' });
    if (!Number.isSafeInteger(l.amount) || l.amount <= 0) {
      throw invalid('plan_line_amount_invalid', `Baris ${i + 1}: jumlah harus lebih dari nol.`, { [field]: 'Jumlah harus lebih dari nol.' });
    }
    const hit = findForbiddenUse(year, l.description);
    if (hit) {
      throw invalid('forbidden_use', `Baris ${i + 1}: "${l.description}" termasuk penggunaan yang dilarang (${hit}).`, {
        [field]: `Dilarang: ${hit}.`,
      });
    }
  });
}

/** Full check before a plan may be submitted or approved. */
export function validatePlanForSubmission(year: ProgrammeYear, lines: readonly PlanLine[], allocation: number): void {
  if (lines.length === 0) throw invalid('plan_empty', 'Rencana belum berisi baris apa pun.');
  validatePlanLines(year, lines);
  const total = lines.reduce((a, l) => a + l.amount, 0);
  if (total !== allocation) {
    throw invalid(
      'plan_total_mismatch',
      `Jumlah rencana ${formatRupiah(total)} harus sama dengan alokasi ${formatRupiah(allocation)} (selisih ${formatRupiah(allocation - total)}).`,
    );
  }
  for (const c of year.categories) {
    if (c.maxPercentOfAllocation === null) continue;
    const limit = new Decimal(allocation).times(c.maxPercentOfAllocation).dividedBy(100).floor().toNumber();
    const used = lines.filter((l) => l.category === c.code).reduce((a, l) => a + l.amount, 0);
    if (used > limit) {
      throw invalid(
        'category_limit_exceeded',
        `${c.name} paling banyak ${c.maxPercentOfAllocation.replace('.', ',')} % dari alokasi (${formatRupiah(limit)}); rencana memuat ${formatRupiah(used)}.`,
      );
    }
  }
}

/**
 * Tranches (pencairan): money released from an RT's undrawn allocation to its cash.
 *
 * Invariants:
 * - pending reserves undrawn allocation; only approval posts (debit cash, credit undrawn);
 * - a tranche is decided once: approve, return or reject from pending only; nobody decides their own request;
 * - an approved (or paid) tranche is undone only by a reversal with a reason;
 * - staged amounts are the year's percentages of the allocation, adding up exactly.
 */
import { fail } from '../errors';
import { splitByPercent } from '../money';
import { BULAN } from '../calendar';
import type { ProgrammeYear } from './programme-year';

export const TRANCHE_STATUSES = ['pending', 'approved', 'returned', 'rejected', 'paid', 'reversed'] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];
export type TrancheAction = 'approve' | 'return' | 'reject' | 'mark_paid' | 'reverse';

export const TRANCHE_STATUS_LABELS: Record<TrancheStatus, string> = {
  pending: 'Menunggu persetujuan',
  approved: 'Disetujui',
  returned: 'Dikembalikan untuk diperbaiki',
  rejected: 'Ditolak',
  paid: 'Dibayar',
  reversed: 'Dibatalkan (jurnal balik)',
};

const TRANSITIONS: Record<TrancheAction, Partial<Record<TrancheStatus, TrancheStatus>>> = {
  approve: { pending: 'approved' },
  // Returned: the chair fixes it and requests the period again (a new request, a new round of the chain).
  return: { pending: 'returned' },
  reject: { pending: 'rejected' },
  mark_paid: { approved: 'paid' },
  // A paid tranche is in the RT's bank account: it is accounted for by receipts or returned at year end.
  reverse: { approved: 'reversed' },
};

const REFUSALS = {
  approve: 'tranche_not_pending',
  return: 'tranche_not_pending',
  reject: 'tranche_not_pending',
  mark_paid: 'tranche_not_approved',
  reverse: 'tranche_not_reversible',
} as const satisfies Record<TrancheAction, string>;

export function trancheTransition(
  status: TrancheStatus,
  action: TrancheAction,
  ctx: { isRequester: boolean; reason?: string | null },
): TrancheStatus {
  const next = TRANSITIONS[action][status];
  if (!next) {
    throw fail(REFUSALS[action]);
  }
  if ((action === 'approve' || action === 'return' || action === 'reject') && ctx.isRequester) {
    throw fail('approver_is_submitter', { what: 'pencairan' });
  }
  if ((action === 'return' || action === 'reject' || action === 'reverse') && !ctx.reason?.trim()) {
    throw fail('reason_required', undefined, { reason: 'Tulis alasannya.' });
  }
  return next;
}

/** Stage amounts in staged mode: the year's percentages of the allocation, adding up exactly. */
export const stageAmounts = (year: Pick<ProgrammeYear, 'stagePercents'>, allocation: number) =>
  splitByPercent(allocation, year.stagePercents);

/** The months (YYYY-MM) of a programme year. */
export function yearMonths(year: Pick<ProgrammeYear, 'startsOn' | 'endsOn'>): string[] {
  const out: string[] = [];
  let [y, m] = year.startsOn.slice(0, 7).split('-').map(Number) as [number, number];
  const end = year.endsOn.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** "2026-08" -> "Agustus 2026"; a stage "2" -> "Tahap 2". */
export function periodLabel(mode: 'monthly' | 'staged', period: string): string {
  if (mode === 'staged') return `Tahap ${period}`;
  const [y, m] = period.split('-');
  return `${BULAN[Number(m) - 1] ?? period} ${y}`;
}

/** The month after a YYYY-MM month. */
export const nextMonth = (period: string): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

export const previousMonth = (period: string): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

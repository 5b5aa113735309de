/** Every state shown as a badge: its Indonesian label and its colour class. */
import { PLAN_STATUS_LABELS, type PlanStatus } from '../domain/grants/plan';
import { TRANCHE_STATUS_LABELS, type TrancheStatus } from '../domain/grants/tranche';

const TONE: Record<string, 'ok' | 'bad' | 'warn' | 'info' | 'muted'> = {
  draft: 'info',
  submitted: 'warn',
  returned: 'bad',
  approved: 'ok',
  superseded: 'muted',
  pending: 'warn',
  rejected: 'bad',
  paid: 'ok',
  reversed: 'bad',
};

export interface Badge {
  label: string;
  tone: string;
}

export const planBadge = (s: PlanStatus): Badge => ({ label: PLAN_STATUS_LABELS[s], tone: TONE[s] ?? 'info' });
export const trancheBadge = (s: TrancheStatus): Badge => ({ label: TRANCHE_STATUS_LABELS[s], tone: TONE[s] ?? 'info' });

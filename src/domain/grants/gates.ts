/**
 * The gates a tranche request must pass. Each is a setting of the programme year and each
 * refuses with its own code and message; a switched-off gate is reported as such, never
 * skipped silently.
 *
 * The SPJ and receipt facts come from the receipts module through SpendingReports: until it
 * provides a verified SPJ, the monthly gate refuses (it does not pass by default). The SPJ gate
 * itself (no month skipped, every earlier stage accounted for) is spj-gate.ts.
 */
import { fail, type DomainError } from '../errors';
import { isValidBankAccount } from '../registry/rows';
import { isInsideYear, type ProgrammeYear } from './programme-year';
import type { SpjStatus } from './spj';
import { monthsLackingVerifiedSpj, stagesNotAccounted } from './spj-gate';
import { yearOpenFor } from './year-window';

/** A gate's refusal, not thrown: the caller names every failing gate at once. */
export type GateFailure = DomainError;

export interface TrancheFacts {
  year: ProgrammeYear;
  today: string;
  mode: 'monthly' | 'staged';
  period: string;
  amount: number;
  planApproved: boolean;
  /** Undrawn allocation minus what pending tranches already reserve. */
  undrawnAvailable: number;
  bankAccount: string;
  bankAccountShared: boolean;
  kelurahanClosed: boolean;
  /** Monthly: the months of the RT's drawn (approved or paid) tranches, other than this one. */
  drawnMonths: readonly string[];
  /** Monthly: the RT's SPJ status per month (YYYY-MM); a month without an SPJ is absent. */
  spjStatuses: ReadonlyMap<string, SpjStatus>;
  /** Staged: the RT's drawn (approved or paid) stages, other than this one. */
  drawnStages: ReadonlyArray<{ stage: number; amount: number }>;
  /** Staged: the RT's verified spending in the year, which accounts for the stages in order. */
  verifiedSpending: number;
}

export function checkTrancheGates(f: TrancheFacts): GateFailure[] {
  const g = f.year.gates;
  const out: GateFailure[] = [];
  if (!yearOpenFor(f.year, f.kelurahanClosed)) {
    out.push(fail('year_closed', { year: f.year.year }));
  }
  if (g.planApproved && !f.planApproved) {
    out.push(fail('plan_not_approved'));
  }
  if (g.insideYear && !isInsideYear(f.year, f.today)) {
    out.push(fail('tranche_date_outside_year', { today: f.today, year: f.year.year, startsOn: f.year.startsOn, endsOn: f.year.endsOn }));
  }
  if (g.withinAllocation && f.amount > f.undrawnAvailable) {
    out.push(fail('tranche_exceeds_allocation', { amount: f.amount, available: f.undrawnAvailable }));
  }
  if (g.bankAccountValid && (!isValidBankAccount(f.bankAccount) || f.bankAccountShared)) {
    out.push(fail('bank_account_invalid', f.bankAccountShared ? { sharedAccount: f.bankAccount } : {}));
  }
  if (f.mode === 'monthly' && g.previousSpjVerified) {
    const months = monthsLackingVerifiedSpj(f.drawnMonths, f.spjStatuses, f.period);
    if (months.length > 0) out.push(fail('spj_months_missing', { months }));
  }
  if (f.mode === 'staged' && g.stageAccounted) {
    for (const short of stagesNotAccounted(f.drawnStages, f.verifiedSpending, Number(f.period), f.year.stageAccountedPercent)) {
      out.push(fail('previous_stage_not_accounted', { ...short, percent: f.year.stageAccountedPercent }));
    }
  }
  return out;
}

/**
 * The gates a tranche request must pass. Each is a setting of the programme year and each
 * refuses with its own code and message; a switched-off gate is reported as such, never
 * skipped silently.
 *
 * The SPJ and receipt facts come from the receipts module through SpendingFacts: until it
 * provides a verified SPJ, the monthly gate refuses (it does not pass by default).
 */
import Decimal from 'decimal.js';
import { fail, type DomainError } from '../errors';
import { isValidBankAccount } from '../registry/rows';
import { isInsideYear, type ProgrammeYear } from './programme-year';
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
  /** Monthly: the month of the latest earlier tranche, whose SPJ must be verified. */
  previousSpj: { month: string; verified: boolean } | null;
  /** Staged: the previous stage, and how much of it verified receipts account for. */
  previousStage: { stage: number; amount: number; accounted: number } | null;
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
  if (f.mode === 'monthly' && g.previousSpjVerified && f.previousSpj && !f.previousSpj.verified) {
    out.push(fail('previous_report_not_verified', { month: f.previousSpj.month }));
  }
  if (f.mode === 'staged' && g.stageAccounted && f.previousStage) {
    const needed = new Decimal(f.previousStage.amount).times(f.year.stageAccountedPercent).dividedBy(100).ceil().toNumber();
    if (f.previousStage.accounted < needed) {
      out.push(fail('previous_stage_not_accounted', { stage: f.previousStage.stage, accounted: f.previousStage.accounted, needed, percent: f.year.stageAccountedPercent }));
    }
  }
  return out;
}

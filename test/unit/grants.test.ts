import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { checkTrancheGates, type TrancheFacts } from '../../src/domain/grants/gates';
import { findForbiddenUse } from '../../src/domain/grants/forbidden-uses';
import { planTransition, validatePlanForSubmission, type PlanAction, type PlanStatus } from '../../src/domain/grants/plan';
import { defaultProgrammeYear } from '../../src/domain/grants/programme-year';
import { stageAmounts, trancheTransition, yearMonths, type TrancheAction, type TrancheStatus } from '../../src/domain/grants/tranche';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';

const outcome = (fn: () => unknown) => {
  try {
    return fn();
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('plan state machine', () => {
  it.each<[PlanStatus, PlanAction, boolean, string]>([
    ['draft', 'edit', false, 'draft'],
    ['returned', 'edit', false, 'returned'],
    ['submitted', 'edit', false, 'plan_not_editable'],
    ['approved', 'edit', false, 'plan_not_editable'],
    ['draft', 'submit', false, 'submitted'],
    ['returned', 'submit', false, 'submitted'],
    ['submitted', 'submit', false, 'plan_not_submittable'],
    ['submitted', 'approve', false, 'approved'],
    ['submitted', 'approve', true, 'approver_is_submitter'],
    ['draft', 'approve', false, 'plan_not_submitted'],
    ['approved', 'approve', false, 'plan_not_submitted'],
    ['submitted', 'return', false, 'returned'],
    ['submitted', 'return', true, 'approver_is_submitter'],
    ['returned', 'return', false, 'plan_not_submitted'],
    ['approved', 'revise', false, 'draft'],
    ['submitted', 'revise', false, 'plan_not_approved'],
    ['superseded', 'revise', false, 'plan_not_approved'],
  ])('%s × %s (submitter: %s) → %s', (status, action, isSubmitter, expected) => {
    expect(outcome(() => planTransition(status, action, { isSubmitter }))).toBe(expected);
  });
});

describe('tranche state machine', () => {
  it.each<[TrancheStatus, TrancheAction, boolean, string | null, string]>([
    ['pending', 'approve', false, null, 'approved'],
    ['pending', 'approve', true, null, 'approver_is_submitter'],
    ['approved', 'approve', false, null, 'tranche_not_pending'],
    ['rejected', 'approve', false, null, 'tranche_not_pending'],
    ['pending', 'reject', false, 'RBB tidak sesuai', 'rejected'],
    ['pending', 'reject', false, '  ', 'reason_required'],
    ['pending', 'reject', true, 'x', 'approver_is_submitter'],
    ['approved', 'mark_paid', false, null, 'paid'],
    ['pending', 'mark_paid', false, null, 'tranche_not_approved'],
    ['paid', 'mark_paid', false, null, 'tranche_not_approved'],
    ['approved', 'reverse', false, 'salah', 'reversed'],
    ['paid', 'reverse', false, 'salah', 'tranche_not_reversible'],
    ['approved', 'reverse', false, '', 'reason_required'],
    ['pending', 'reverse', false, 'x', 'tranche_not_reversible'],
    ['reversed', 'reverse', false, 'x', 'tranche_not_reversible'],
  ])('%s × %s (requester: %s, reason %j) → %s', (status, action, isRequester, reason, expected) => {
    expect(outcome(() => trancheTransition(status, action, { isRequester, reason }))).toBe(expected);
  });
});

describe('plan rules', () => {
  const year = defaultProgrammeYear(2026);
  it.each([
    ['the demo plan', DEMO_PLAN, 'ok'],
    ['a total below the allocation', DEMO_PLAN.slice(1), 'plan_total_mismatch'],
    ['administration above 2,5 %', [{ category: 'ADM', description: 'ATK', amount: 700_000 }, { category: 'SOS', description: 'Rapat', amount: 24_300_000 }], 'category_limit_exceeded'],
    ['an unknown category', [{ category: 'XYZ', description: 'x', amount: 25_000_000 }], 'category_unknown'],
    ['fuel for officers', [{ category: 'LIN', description: 'BBM ronda pengurus', amount: 25_000_000 }], 'forbidden_use'],
    ['an honorarium for the RT chair', [{ category: 'SOS', description: 'Honor ketua RT', amount: 25_000_000 }], 'forbidden_use'],
    ['new construction', [{ category: 'PML', description: 'Pembangunan pos ronda', amount: 25_000_000 }], 'forbidden_use'],
    ['an empty plan', [], 'plan_empty'],
  ])('%s → %s', (_n, lines, expected) => {
    expect(outcome(() => (validatePlanForSubmission(year, lines, 25_000_000), 'ok'))).toBe(expected);
  });

  it('allows fees that are not for RT officers', () => {
    expect(findForbiddenUse(year, 'Honor penceramah pengajian')).toBeNull();
    expect(findForbiddenUse(year, 'Honor petugas kebersihan')).toBeNull();
    expect(findForbiddenUse(year, 'Pengecatan pos kamling')).toBeNull();
    expect(findForbiddenUse(year, 'Beli Pertalite untuk ronda')).toBe('BBM');
  });
});

describe('tranche gates', () => {
  const year = defaultProgrammeYear(2026);
  const ok: TrancheFacts = {
    year, today: '2026-09-01', mode: 'monthly', period: '2026-09', amount: 1_000_000, planApproved: true, undrawnAvailable: 24_000_000,
    bankAccount: '2012345678', bankAccountShared: false, kelurahanClosed: false,
    drawnMonths: ['2026-08'], spjStatuses: new Map([['2026-08', 'verified']]), drawnStages: [], verifiedSpending: 0,
  };
  it.each<[string, Partial<TrancheFacts>, string]>([
    ['plan not approved', { planApproved: false }, 'plan_not_approved'],
    ['a date outside the year', { today: '2027-01-02' }, 'tranche_date_outside_year'],
    ['more than the undrawn allocation', { amount: 24_000_001 }, 'tranche_exceeds_allocation'],
    ['a bank account of 9 digits', { bankAccount: '201234567' }, 'bank_account_invalid'],
    ['a bank account shared with another RT', { bankAccountShared: true }, 'bank_account_invalid'],
    ['last month’s SPJ not verified', { spjStatuses: new Map([['2026-08', 'submitted']]) }, 'spj_months_missing'],
    ['a closed year', { kelurahanClosed: true }, 'year_closed'],
    ['staged: under 75 % accounted', { mode: 'staged', period: '2', drawnStages: [{ stage: 1, amount: 10_000_000 }], verifiedSpending: 7_499_999 }, 'previous_stage_not_accounted'],
  ])('%s → %s', (_name, override, code) => {
    expect(checkTrancheGates(ok)).toEqual([]);
    const failures = checkTrancheGates({ ...ok, ...override });
    expect(failures.map((f) => f.code)).toEqual([code]);
    expect(failures[0]!.message.length).toBeGreaterThan(20);
  });

  it('a switched-off gate is a setting of the year, not a silent skip', () => {
    const lenient = { ...year, gates: { ...year.gates, previousSpjVerified: false } };
    expect(checkTrancheGates({ ...ok, year: lenient, spjStatuses: new Map() })).toEqual([]);
  });

  it('staged: exactly 75 % accounted passes', () => {
    expect(checkTrancheGates({ ...ok, mode: 'staged', period: '2', drawnMonths: [], drawnStages: [{ stage: 1, amount: 10_000_000 }], verifiedSpending: 7_500_000 })).toEqual([]);
  });
});

describe('stages and months', () => {
  it('staged amounts add up to the allocation for any allocation and any percentages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }), (allocation, weights) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const pcts = weights.map((w) => Math.floor((w * 100) / sum));
        pcts[0]! += 100 - pcts.reduce((a, b) => a + b, 0);
        const parts = stageAmounts({ stagePercents: pcts.map(String) }, allocation);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(allocation);
      }),
    );
    expect(stageAmounts({ stagePercents: ['40', '40', '20'] }, 25_000_000)).toEqual([10_000_000, 10_000_000, 5_000_000]);
  });

  it('the 2025 year has the months July to December', () => {
    expect(yearMonths(defaultProgrammeYear(2025))).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    expect(yearMonths(defaultProgrammeYear(2026))).toHaveLength(12);
  });
});

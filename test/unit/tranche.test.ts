/** src/domain/grants/tranche.ts: the tranche's state machine, stage amounts, the months of a year and their labels. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { periodLabel, previousMonth, stageAmounts, TRANCHE_STATUS_LABELS, TRANCHE_STATUSES, trancheTransition, yearMonths, type TrancheAction, type TrancheStatus } from '../../src/domain/grants/tranche';

const outcome = (fn: () => unknown) => {
  try {
    return fn();
  } catch (e) {
    return e instanceof DomainError ? `${e.code}/${e.kind}` : `unexpected: ${String(e)}`;
  }
};

describe('tranche states', () => {
  it('has six states, each with its Indonesian label', () => {
    expect(TRANCHE_STATUSES).toEqual(['pending', 'approved', 'returned', 'rejected', 'paid', 'reversed']);
    expect(TRANCHE_STATUS_LABELS).toEqual({ pending: 'Menunggu persetujuan', approved: 'Disetujui', returned: 'Dikembalikan untuk diperbaiki', rejected: 'Ditolak', paid: 'Dibayar', reversed: 'Dibatalkan (jurnal balik)' });
  });

  const MATRIX: Record<TrancheAction, Record<TrancheStatus, string>> = {
    approve: { pending: 'approved', approved: 'tranche_not_pending/conflict', returned: 'tranche_not_pending/conflict', rejected: 'tranche_not_pending/conflict', paid: 'tranche_not_pending/conflict', reversed: 'tranche_not_pending/conflict' },
    return: { pending: 'returned', approved: 'tranche_not_pending/conflict', returned: 'tranche_not_pending/conflict', rejected: 'tranche_not_pending/conflict', paid: 'tranche_not_pending/conflict', reversed: 'tranche_not_pending/conflict' },
    reject: { pending: 'rejected', approved: 'tranche_not_pending/conflict', returned: 'tranche_not_pending/conflict', rejected: 'tranche_not_pending/conflict', paid: 'tranche_not_pending/conflict', reversed: 'tranche_not_pending/conflict' },
    mark_paid: { pending: 'tranche_not_approved/conflict', approved: 'paid', returned: 'tranche_not_approved/conflict', rejected: 'tranche_not_approved/conflict', paid: 'tranche_not_approved/conflict', reversed: 'tranche_not_approved/conflict' },
    reverse: { pending: 'tranche_not_reversible/conflict', approved: 'reversed', returned: 'tranche_not_reversible/conflict', rejected: 'tranche_not_reversible/conflict', paid: 'tranche_not_reversible/conflict', reversed: 'tranche_not_reversible/conflict' },
  };
  const rows = Object.entries(MATRIX).flatMap(([action, byStatus]) => Object.entries(byStatus).map(([status, expected]) => [status, action, expected] as [TrancheStatus, TrancheAction, string]));

  it.each(rows)('%s × %s → %s', (status, action, expected) => {
    expect(outcome(() => trancheTransition(status, action, { isRequester: false, reason: 'alasan' }))).toBe(expected);
  });

  it.each<[TrancheStatus, TrancheAction, boolean, string | null | undefined, string]>([
    ['pending', 'approve', true, 'x', 'approver_is_submitter/forbidden'],
    ['pending', 'reject', true, '', 'approver_is_submitter/forbidden'],
    ['pending', 'return', true, 'perbaiki', 'approver_is_submitter/forbidden'],
    ['pending', 'return', false, '  ', 'reason_required/validation'],
    ['pending', 'return', false, 'perbaiki rinciannya', 'returned'],
    ['approved', 'mark_paid', true, null, 'paid'],
    ['approved', 'reverse', true, 'salah', 'reversed'],
    ['pending', 'approve', false, undefined, 'approved'],
    ['approved', 'mark_paid', false, undefined, 'paid'],
    ['pending', 'reject', false, undefined, 'reason_required/validation'],
    ['pending', 'reject', false, null, 'reason_required/validation'],
    ['approved', 'reverse', false, ' \t', 'reason_required/validation'],
  ])('%s × %s (requester: %s, reason %j) → %s', (status, action, isRequester, reason, expected) => {
    expect(outcome(() => trancheTransition(status, action, { isRequester, reason }))).toBe(expected);
  });

  it('asks for the reason in the reason field', () => {
    try {
      trancheTransition('pending', 'reject', { isRequester: false });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).fields).toEqual({ reason: expect.stringMatching(/^\S.*\.$/) });
    }
  });

  it('says it is their own tranche request', () => {
    expect(() => trancheTransition('pending', 'approve', { isRequester: true })).toThrow(/pencairan/);
  });
});

describe('stages, months and periods', () => {
  it.each<[string[], number, number[]]>([
    [['40', '40', '20'], 25_000_000, [10_000_000, 10_000_000, 5_000_000]],
    [['40', '40', '20'], 1001, [401, 400, 200]],
    [['100'], 7, [7]],
  ])('stages %j of %d → %j', (stagePercents, allocation, amounts) => {
    expect(stageAmounts({ stagePercents }, allocation)).toEqual(amounts);
  });

  it.each<[string, string, string[]]>([
    ['2025-07-01', '2025-12-31', ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']],
    ['2026-01-01', '2026-12-31', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']],
    ['2026-03-15', '2026-03-20', ['2026-03']],
    ['2026-11-01', '2027-02-28', ['2026-11', '2026-12', '2027-01', '2027-02']],
  ])('the months from %s to %s', (startsOn, endsOn, months) => {
    expect(yearMonths({ startsOn, endsOn })).toEqual(months);
  });

  it.each<['monthly' | 'staged', string, string]>([
    ['monthly', '2026-08', 'Agustus 2026'],
    ['monthly', '2026-01', 'Januari 2026'],
    ['monthly', '2025-12', 'Desember 2025'],
    ['staged', '2', 'Tahap 2'],
    ['staged', '2026-08', 'Tahap 2026-08'],
  ])('%s %s is "%s"', (mode, period, label) => {
    expect(periodLabel(mode, period)).toBe(label);
  });

  it('never labels a month that does not exist as "undefined"', () => {
    expect(periodLabel('monthly', '2026-13')).not.toContain('undefined');
    expect(periodLabel('monthly', '2026-13')).toContain('2026-13');
  });

  it.each([
    ['2026-01', '2025-12'],
    ['2026-02', '2026-01'],
    ['2026-10', '2026-09'],
    ['2026-12', '2026-11'],
  ])('the month before %s is %s', (month, before) => {
    expect(previousMonth(month)).toBe(before);
  });
});

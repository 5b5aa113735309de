/** src/domain/grants/spj.ts: the SPJ's state machine, its due date and the cash book's reconciliation. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { defaultProgrammeYear } from '../../src/domain/grants/programme-year';
import { checkReconciled, daysBetween, SPJ_STATUS_LABELS, SPJ_STATUSES, spjDueDate, spjTransition, type SpjStatus } from '../../src/domain/grants/spj';

const outcome = (fn: () => unknown) => {
  try {
    return fn() ?? 'ok';
  } catch (e) {
    return e instanceof DomainError ? `${e.code}/${e.kind}` : `unexpected: ${String(e)}`;
  }
};

describe('SPJ states', () => {
  it('has four states and labels for the months without one', () => {
    expect(SPJ_STATUSES).toEqual(['submitted', 'verified', 'returned', 'withdrawn']);
    expect(SPJ_STATUS_LABELS).toEqual({ submitted: 'Diajukan', verified: 'Terverifikasi', returned: 'Dikembalikan', withdrawn: 'Ditarik', missing: 'Belum diajukan', overdue: 'Terlambat' });
  });

  it.each<[SpjStatus | null, 'submit' | 'verify' | 'return', boolean, number, string | null | undefined, string]>([
    [null, 'submit', false, 3, undefined, 'submitted'],
    ['returned', 'submit', true, 0, undefined, 'submitted'],
    ['submitted', 'submit', false, 0, undefined, 'spj_already_submitted/conflict'],
    ['verified', 'submit', false, 0, undefined, 'spj_already_submitted/conflict'],
    ['submitted', 'verify', false, 0, undefined, 'verified'],
    ['submitted', 'verify', false, 1, undefined, 'spj_receipts_pending/conflict'],
    ['submitted', 'verify', true, 0, undefined, 'approver_is_submitter/forbidden'],
    [null, 'verify', false, 0, undefined, 'spj_not_submitted/conflict'],
    ['returned', 'verify', false, 0, undefined, 'spj_not_submitted/conflict'],
    ['verified', 'verify', false, 0, undefined, 'spj_not_submitted/conflict'],
    ['submitted', 'return', false, 2, 'kuitansi kurang', 'returned'],
    ['submitted', 'return', true, 0, 'x', 'approver_is_submitter/forbidden'],
    ['submitted', 'return', false, 0, undefined, 'note_required/validation'],
    ['submitted', 'return', false, 0, null, 'note_required/validation'],
    ['submitted', 'return', false, 0, '  ', 'note_required/validation'],
    [null, 'return', false, 0, 'x', 'spj_not_submitted/conflict'],
    ['verified', 'return', false, 0, 'x', 'spj_not_submitted/conflict'],
  ])('%s × %s (submitter %s, undecided %d, note %j) → %s', (status, action, isSubmitter, undecidedReceipts, note, expected) => {
    expect(outcome(() => spjTransition(status, action, { isSubmitter, undecidedReceipts, note }))).toBe(expected);
  });

  it('says it is their own SPJ, and asks for the note in the note field', () => {
    expect(() => spjTransition('submitted', 'verify', { isSubmitter: true, undecidedReceipts: 0 })).toThrow(/SPJ/);
    try {
      spjTransition('submitted', 'return', { isSubmitter: false, undecidedReceipts: 0 });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).fields).toEqual({ note: expect.stringMatching(/^\S.*\.$/) });
    }
  });

  it('says how many receipts are still undecided', () => {
    expect(() => spjTransition('submitted', 'verify', { isSubmitter: false, undecidedReceipts: 4 })).toThrow(/ 4 kuitansi/);
  });
});

describe('when an SPJ is due', () => {
  const year = defaultProgrammeYear(2026);
  it.each<[Partial<typeof year>, string, string]>([
    [{}, '2026-01', '2026-02-10'],
    [{}, '2026-09', '2026-10-10'],
    [{}, '2026-11', '2026-12-10'],
    [{}, '2026-12', '2026-12-15'],
    [{ spjDueDay: 5 }, '2026-03', '2026-04-05'],
    [{ spjDueDay: 25 }, '2026-08', '2026-09-25'],
    [{ finalReportDue: '2027-01-31' }, '2026-12', '2027-01-10'],
  ])('with %j, the SPJ of %s is due %s', (settings, month, due) => {
    expect(spjDueDate({ ...year, ...settings }, month)).toBe(due);
  });

  it.each([
    ['2026-01-01', '2026-01-31', 30],
    ['2026-02-28', '2026-03-01', 1],
    ['2026-03-01', '2026-03-01', 0],
    ['2026-03-10', '2026-03-01', -9],
    ['2025-12-31', '2026-12-31', 365],
  ])('from %s to %s is %d days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('the cash book reconciles with the ledger', () => {
  it.each([
    [{ opening: 100_000, received: 1_800_000, spent: 1_500_000, closing: 400_000 }, 400_000, 'ok'],
    [{ opening: 0, received: 0, spent: 0, closing: 0 }, 0, 'ok'],
    [{ opening: 100_000, received: 1_800_000, spent: 1_500_000, closing: 400_000 }, 399_999, 'spj_not_reconciled/conflict'],
    [{ opening: 100_000, received: 1_800_000, spent: 1_500_000, closing: 400_001 }, 400_001, 'spj_not_reconciled/conflict'],
    [{ opening: 100_000, received: 1_800_000, spent: 1_500_000, closing: 3_400_000 }, 3_400_000, 'spj_not_reconciled/conflict'],
    [{ opening: 100_000, received: 1_800_000, spent: 1_500_000, closing: -3_200_000 }, -3_200_000, 'spj_not_reconciled/conflict'],
  ])('%j against %d → %s', (book, ledgerClosing, expected) => {
    expect(outcome(() => checkReconciled(book, ledgerClosing))).toBe(expected);
  });

  it('names both closing balances', () => {
    expect(() => checkReconciled({ opening: 0, received: 300_000, spent: 0, closing: 300_000 }, 299_999)).toThrow(/Rp300\.000.*Rp299\.999/);
  });
});

/** Reported months are closed (reported-months.ts) and the SPJ calendar (spj.ts): the rules as tables. */
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/domain/error-codes';
import { bookingDate, inReportedMonth, lastReportedMonth, refuseIfLaterReported, refuseIfReported } from '../../src/domain/grants/reported-months';
import { daysLateOn, spjDueDate, spjFiguresDiffer, spjSubmittableOn, spjTransition, type SpjStatus } from '../../src/domain/grants/spj';
import { failureOf } from '../helpers/errors';

const YEAR = { endsOn: '2026-12-31', spjDueDay: 10, finalReportDue: '2026-12-15' };

describe('the last reported month', () => {
  it.each<[string, Array<[string, SpjStatus]>, string | null]>([
    ['none sent', [], null],
    ['a verified and a submitted month', [['2026-08', 'verified'], ['2026-09', 'submitted']], '2026-09'],
    ['the latest returned reopens it', [['2026-08', 'verified'], ['2026-09', 'returned']], '2026-08'],
    ['the latest withdrawn reopens it', [['2026-08', 'verified'], ['2026-09', 'withdrawn']], '2026-08'],
    ['order of rows does not matter', [['2026-10', 'submitted'], ['2026-08', 'verified']], '2026-10'],
    ['only returned ones', [['2026-08', 'returned']], null],
  ])('%s', (_, rows, expected) => {
    expect(lastReportedMonth(rows.map(([month, status]) => ({ month, status })))).toBe(expected);
  });
});

describe('a receipt in a reported month', () => {
  it.each<[string, string | null, string | null]>([
    ['2026-09-30', '2026-09', 'spj_month_closed'],
    ['2026-08-01', '2026-09', 'spj_month_closed'],
    ['2026-10-01', '2026-09', null],
    ['2026-01-01', null, null],
  ])('%s with books closed through %s → %s', (date, last, code) => {
    expect(inReportedMonth(date, last)).toBe(code !== null);
    if (code) expect(failureOf(() => refuseIfReported(date, last))).toMatchObject({ code, kind: 'validation' });
    else expect(() => refuseIfReported(date, last)).not.toThrow();
  });

  it('says which month is closed and through which month, beside the date field', () => {
    const e = failureOf(() => refuseIfReported('2026-09-30', '2026-11'));
    expect(e.message).toContain('SPJ sampai November 2026 sudah diajukan; belanja bertanggal September 2026');
    expect(e.fields).toEqual({ date: 'Bulan ini sudah dilaporkan dalam SPJ.' });
    expect(failureOf(() => refuseIfReported('2026-09-30', '2026-11', 'decision')).message).toContain('kuitansi bertanggal September 2026');
    expect(failureOf(() => bookingDate('2026-12-10', YEAR, '2026-12')).message).toContain('SPJ Desember 2026 sudah diajukan');
    expect(failureOf(() => refuseIfLaterReported('2026-09', '2026-10')).message).toContain('SPJ Oktober 2026 sudah diajukan sesudah SPJ September 2026');
  });

  it('at the treasurer’s decision it is a conflict, not a form error', () => {
    expect(failureOf(() => refuseIfReported('2026-09-30', '2026-09', 'decision'))).toMatchObject({ code: 'spj_month_reported_on_verify', kind: 'conflict' });
  });

  it('no message ever tells anyone to put another date on real spending', () => {
    const msg = (code: keyof typeof ERRORS, p: object) => {
      const m = ERRORS[code].message as string | ((p: object) => string);
      return typeof m === 'string' ? m : m(p);
    };
    for (const text of [
      msg('spj_month_closed', { month: '2026-11', lastReported: '2026-11' }),
      msg('spj_month_reported_on_verify', { month: '2026-11', lastReported: '2026-11' }),
      msg('booking_month_reported', { month: '2026-12' }),
      msg('spj_receipts_open', { month: '2026-11', pending: 1, returned: 1 }),
    ]) {
      expect(text).not.toMatch(/tanggal bulan berjalan|dengan tanggal (Desember|bulan ini|hari ini)/i);
    }
  });
});

describe('the date a correction or a tranche is booked on', () => {
  it.each<[string, string | null, string]>([
    ['2026-11-05', '2026-10', '2026-11-05'],
    ['2026-11-05', null, '2026-11-05'],
    ['2026-12-10', '2026-11', '2026-12-10'],
    // Only the year's last month can be reported while it runs; nothing is left after it.
    ['2026-12-10', '2026-12', 'booking_month_reported'],
    ['2026-12-31', '2026-12', 'booking_month_reported'],
  ])('today %s, books closed through %s → %s', (today, last, expected) => {
    if (expected.includes('_')) expect(failureOf(() => bookingDate(today, YEAR, last))).toMatchObject({ code: expected, kind: 'conflict' });
    else expect(bookingDate(today, YEAR, last)).toBe(expected);
  });

  it('a today inside a reported month (clock behind the reports) moves to the first open month', () => {
    expect(bookingDate('2026-10-20', YEAR, '2026-10')).toBe('2026-11-01');
  });
});

describe('withdrawing or returning goes latest first', () => {
  it.each<[string, string | null, boolean]>([
    ['2026-10', '2026-10', true],
    ['2026-09', '2026-10', false],
    ['2026-09', null, true],
  ])('%s with books closed through %s: allowed %s', (month, last, ok) => {
    if (ok) expect(() => refuseIfLaterReported(month, last)).not.toThrow();
    else expect(failureOf(() => refuseIfLaterReported(month, last))).toMatchObject({ code: 'spj_later_month_reported', kind: 'conflict' });
  });

  it.each<[SpjStatus | null, string]>([
    ['submitted', 'withdrawn'],
    ['verified', 'spj_not_withdrawable'],
    ['returned', 'spj_not_withdrawable'],
    ['withdrawn', 'spj_not_withdrawable'],
    [null, 'spj_not_withdrawable'],
  ])('a %s SPJ withdrawn → %s', (status, expected) => {
    if (expected === 'withdrawn') expect(spjTransition(status, 'withdraw', { isSubmitter: true, undecidedReceipts: 0 })).toBe('withdrawn');
    else expect(failureOf(() => spjTransition(status, 'withdraw', { isSubmitter: true, undecidedReceipts: 0 }))).toMatchObject({ code: expected });
  });

  it('a withdrawn SPJ is sent again', () => {
    expect(spjTransition('withdrawn', 'submit', { isSubmitter: false, undecidedReceipts: 0 })).toBe('submitted');
  });
});

describe('the SPJ calendar', () => {
  it.each<[string, string, boolean]>([
    ['2026-11', '2026-11-30', false],
    ['2026-11', '2026-12-01', true],
    ['2026-12', '2026-12-01', true],
    ['2026-12', '2026-11-30', false],
    ['2027-01', '2026-12-01', false],
  ])('%s sendable on %s: %s', (month, today, ok) => {
    expect(spjSubmittableOn(YEAR, month, today)).toBe(ok);
  });

  it.each<[string, number, string]>([
    ['2026-09', 10, '2026-10-10'],
    ['2026-11', 10, '2026-12-10'],
    ['2026-12', 10, '2026-12-15'],
    // A due day past the final report date is held to it.
    ['2026-11', 20, '2026-12-15'],
  ])('%s due with SPJ day %i → %s', (month, day, due) => {
    expect(spjDueDate({ ...YEAR, spjDueDay: day }, month)).toBe(due);
  });

  it.each<[string, string, number]>([
    ['2026-10-10', '2026-10-10', 0],
    ['2026-10-10', '2026-10-09', 0],
    ['2026-10-10', '2026-11-20', 41],
    ['2026-10-10', '2026-10-11', 1],
  ])('due %s sent %s → %i days late', (due, sent, days) => {
    expect(daysLateOn(due, sent)).toBe(days);
  });
});

describe('a verified SPJ against its month in the ledger', () => {
  const stored = { openingCash: 100, received: 50, spent: 30, closingCash: 120 };
  it('agrees when every figure is equal', () => {
    expect(spjFiguresDiffer(stored, { opening: 100, received: 50, spent: 30, closing: 120 })).toEqual([]);
  });
  it.each<[string, object, string]>([
    ['opening', { opening: 99 }, 'kas awal tercatat 100, buku besar 99'],
    ['received', { received: 51 }, 'penerimaan tercatat 50, buku besar 51'],
    ['spent', { spent: 31 }, 'belanja tercatat 30, buku besar 31'],
    ['closing', { closing: 119 }, 'kas akhir tercatat 120, buku besar 119'],
  ])('names a different %s', (_, change, text) => {
    expect(spjFiguresDiffer(stored, { opening: 100, received: 50, spent: 30, closing: 120, ...change })).toEqual([text]);
  });
});

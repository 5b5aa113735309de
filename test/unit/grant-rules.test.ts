/** The money rules that live in one place each: the category cap, cash available, the year window. */
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { categoryCapBreach, categoryLimit } from '../../src/domain/grants/category-cap';
import { cashAvailable } from '../../src/domain/grants/cash';
import { clampToYear, refuseIfClosed, yearOpenFor } from '../../src/domain/grants/year-window';
import { isDomainError } from '../../src/domain/errors';

const ADM = { maxPercentOfAllocation: '2.5' };
const FREE = { maxPercentOfAllocation: null };

describe('category cap', () => {
  it.each([
    ['ADM of Rp25.000.000', ADM, 25_000_000, 625_000],
    ['ADM of an RW grant Rp3.000.000', ADM, 3_000_000, 75_000],
    ['ADM floors a fraction of a rupiah', ADM, 1_000_001, 25_000],
    ['ADM of nothing', ADM, 0, 0],
    ['no share limit', FREE, 25_000_000, null],
  ])('%s', (_what, category, allocation, limit) => {
    expect(categoryLimit(category, allocation)).toBe(limit);
  });

  it.each([
    ['the dishonest chair: Rp610.000 over a Rp600.000 plan is still under the 2,5 % cap', 0, 610_000, null],
    ['up to the limit exactly', 600_000, 25_000, null],
    ['one rupiah over', 600_000, 25_001, { limit: 625_000, total: 625_001, room: 25_000 }],
    ['already over: no room left, not negative room', 700_000, 1, { limit: 625_000, total: 700_001, room: 0 }],
  ])('%s', (_what, used, adding, breach) => {
    expect(categoryCapBreach(ADM, 25_000_000, used, adding)).toEqual(breach);
  });

  it('never caps a category without a share', () => {
    expect(categoryCapBreach(FREE, 25_000_000, 25_000_000, 1_000_000_000)).toBeNull();
  });

  it('agrees with exact decimal arithmetic for any allocation and percent (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (allocation, basisPoints) => {
        const percent = new Decimal(basisPoints).dividedBy(100).toString();
        const limit = categoryLimit({ maxPercentOfAllocation: percent }, allocation)!;
        expect(Number.isSafeInteger(limit)).toBe(true);
        // floor: limit ≤ allocation × bp / 10 000 < limit + 1, in exact integers.
        expect(BigInt(limit) * 10_000n <= BigInt(allocation) * BigInt(basisPoints)).toBe(true);
        expect(BigInt(limit + 1) * 10_000n > BigInt(allocation) * BigInt(basisPoints)).toBe(true);
      }),
    );
  });
});

describe('cash available', () => {
  it.each([
    ['paid tranche, nothing spent', { ledgerCashFrom: 2_000_000, pending: 0, returned: 0 }, 2_000_000],
    // Approved but not paid is in transit, not in the ledger's cash: ledgerCashFrom is 0.
    ['approved but the bank has not paid: nothing to spend', { ledgerCashFrom: 0, pending: 0, returned: 0 }, 0],
    ['a pending receipt reserves its amount', { ledgerCashFrom: 2_000_000, pending: 500_000, returned: 0 }, 1_500_000],
    ['a returned receipt still holds its cash (money already spent)', { ledgerCashFrom: 300_000, pending: 0, returned: 300_000 }, 0],
    ['more reserved than paid: negative, nothing fits', { ledgerCashFrom: 100_000, pending: 150_000, returned: 0 }, -50_000],
  ])('%s', (_what, facts, available) => {
    expect(cashAvailable(facts)).toBe(available);
  });

  it('never exceeds the ledger cash, and each reservation lowers it rupiah for rupiah (property)', () => {
    const amount = fc.integer({ min: 0, max: 50_000_000 });
    fc.assert(
      fc.property(amount, amount, amount, amount, (cash, pending, returned, extra) => {
        const f = { ledgerCashFrom: cash, pending, returned };
        expect(cashAvailable(f)).toBeLessThanOrEqual(cash);
        expect(cashAvailable({ ...f, pending: pending + extra })).toBe(cashAvailable(f) - extra);
        expect(cashAvailable({ ...f, returned: returned + extra })).toBe(cashAvailable(f) - extra);
      }),
    );
  });
});

describe('year window', () => {
  const y2026 = { year: 2026, startsOn: '2026-01-01', endsOn: '2026-12-31' };

  it.each([
    ['before the year: its first day', '2025-12-31', '2026-01-01'],
    ['inside: unchanged', '2026-08-17', '2026-08-17'],
    ['the first and last day stay', '2026-12-31', '2026-12-31'],
    ['after the year: its last day', '2027-01-02', '2026-12-31'],
  ])('clamp: %s', (_what, date, booked) => {
    expect(clampToYear(date, y2026)).toBe(booked);
  });

  it.each([
    ['open year, open kelurahan', 'open', false, true],
    ['open year, kelurahan closed', 'open', true, false],
    ['closed year', 'closed', false, false],
  ] as const)('%s', (_what, status, kelurahanClosed, open) => {
    expect(yearOpenFor({ status }, kelurahanClosed)).toBe(open);
    const attempt = () => refuseIfClosed({ ...y2026, status }, kelurahanClosed);
    if (open) expect(attempt).not.toThrow();
    else {
      let code = '';
      try {
        attempt();
      } catch (e) {
        code = isDomainError(e) ? e.code : 'not a domain error';
      }
      expect(code).toBe('year_closed');
    }
  });
});

/** src/domain/grants/year-window.ts: whether a year still takes changes, and the date a decision is booked on. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { clampToYear, refuseIfClosed, refuseReversalIfClosed, yearOpenFor } from '../../src/domain/grants/year-window';

describe('a year that takes changes', () => {
  it.each<['open' | 'closed', boolean, boolean]>([
    ['open', false, true],
    ['open', true, false],
    ['closed', false, false],
    ['closed', true, false],
  ])('a %s year, kelurahan closed: %s → open: %s', (status, kelurahanClosed, open) => {
    expect(yearOpenFor({ status }, kelurahanClosed)).toBe(open);
    let refusal: string | null = null;
    try {
      refuseIfClosed({ year: 2026, status }, kelurahanClosed);
    } catch (e) {
      refusal = e instanceof DomainError ? `${e.code}/${e.kind}: ${e.message}` : String(e);
    }
    if (open) expect(refusal).toBeNull();
    else expect(refusal).toMatch(/^year_closed\/conflict: .*2026/);
    // A reversal there is refused pointing to the admin's correction after close.
    let reversal: string | null = null;
    try {
      refuseReversalIfClosed({ year: 2026, status }, kelurahanClosed);
    } catch (e) {
      reversal = e instanceof DomainError ? `${e.code}/${e.kind}: ${e.message}` : String(e);
    }
    if (open) expect(reversal).toBeNull();
    else expect(reversal).toMatch(/^year_closed_use_correction\/conflict: .*2026.*\/tutup-tahun\/koreksi/);
  });
});

describe('clampToYear', () => {
  const year = { startsOn: '2025-07-01', endsOn: '2025-12-31' };
  it.each([
    ['2025-01-15', '2025-07-01'],
    ['2025-06-30', '2025-07-01'],
    ['2025-07-01', '2025-07-01'],
    ['2025-09-10', '2025-09-10'],
    ['2025-12-31', '2025-12-31'],
    ['2026-01-01', '2025-12-31'],
  ])('%s → %s', (date, booked) => {
    expect(clampToYear(date, year)).toBe(booked);
  });
});

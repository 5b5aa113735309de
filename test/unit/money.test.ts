import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOfficial, formatRupiah, MAX_RUPIAH, parseRupiah, percentOf, percentOfDecimal, splitByPercent, terbilang } from '../../src/domain/money';

describe('parseRupiah', () => {
  it.each([
    ['25.000.000', 25_000_000],
    ['Rp 25.000.000', 25_000_000],
    ['Rp25.000.000', 25_000_000],
    ['rp. 1.250.000', 1_250_000],
    ['25000000', 25_000_000],
    ['Rp 25.000.000,00', 25_000_000],
    ['1.000,0', 1000],
    [' 150000 ', 150_000],
    ['0', 0],
  ])('accepts %j as %d', (input, expected) => {
    expect(parseRupiah(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'amount_empty'],
    ['   ', 'amount_empty'],
    [undefined, 'amount_empty'],
    ['1.000,50', 'amount_fraction'],
    ['12,5', 'amount_fraction'],
    ['-5000', 'amount_negative'],
    ['Rp -5.000', 'amount_negative'],
    ['99999999999999999', 'amount_too_large'],
    ['abc', 'amount_invalid'],
    ['1.5', 'amount_invalid'],
    ['1,000', 'amount_ambiguous'],
    ['1.00.000', 'amount_invalid'],
    ['25.000.000.', 'amount_invalid'],
    ['1e6', 'amount_invalid'],
    ['0x10', 'amount_invalid'],
    [{ a: 1 }, 'amount_invalid'],
    [1.5, 'amount_fraction'],
  ])('rejects %j with %s', (input, code) => {
    const r = parseRupiah(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message.length).toBeGreaterThan(5);
    }
  });

  it('rejects zero when a minimum of 1 is asked', () => {
    expect(parseRupiah('0', { min: 1 })).toMatchObject({ ok: false, code: 'amount_zero' });
  });

  it('round-trips every format: parse(format(x)) = x', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_RUPIAH }), (x) => {
        expect(parseRupiah(formatRupiah(x))).toEqual({ ok: true, value: x });
        expect(parseRupiah(formatOfficial(x))).toEqual({ ok: true, value: x });
        expect(parseRupiah(String(x))).toEqual({ ok: true, value: x });
      }),
    );
  });
});

describe('format', () => {
  it('formats screen and official amounts', () => {
    expect(formatRupiah(25_000_000)).toBe('Rp25.000.000');
    expect(formatRupiah(625_000)).toBe('Rp625.000');
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah(-1500)).toBe('-Rp1.500');
    expect(formatOfficial(25_000_000)).toBe('Rp 25.000.000,00');
    expect(() => formatRupiah(1.5)).toThrow();
  });
});

describe('terbilang', () => {
  it.each([
    [0, 'nol rupiah'],
    [1, 'satu rupiah'],
    [11, 'sebelas rupiah'],
    [15, 'lima belas rupiah'],
    [100, 'seratus rupiah'],
    [110, 'seratus sepuluh rupiah'],
    [1000, 'seribu rupiah'],
    [1500, 'seribu lima ratus rupiah'],
    [10_000, 'sepuluh ribu rupiah'],
    [150_000, 'seratus lima puluh ribu rupiah'],
    [625_000, 'enam ratus dua puluh lima ribu rupiah'],
    [1_000_000, 'satu juta rupiah'],
    [25_000_000, 'dua puluh lima juta rupiah'],
    [265_700_000_000, 'dua ratus enam puluh lima miliar tujuh ratus juta rupiah'],
    [1_001_001, 'satu juta seribu satu rupiah'],
    [2_000_000_000_000, 'dua triliun rupiah'],
  ])('%d is "%s"', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });
});

describe('splitByPercent', () => {
  it('splits 40/40/20 of the allocation exactly', () => {
    expect(splitByPercent(25_000_000, [40, 40, 20])).toEqual([10_000_000, 10_000_000, 5_000_000]);
    expect(splitByPercent(100, ['33.33', '33.33', '33.34'])).toEqual([33, 33, 34]);
    expect(splitByPercent(10, [50, 50])).toEqual([5, 5]);
    expect(splitByPercent(1, [50, 50])).toEqual([1, 0]);
  });

  it('rejects percentages that do not add up to 100', () => {
    expect(() => splitByPercent(1000, [40, 40])).toThrow(RangeError);
  });

  it('parts always add up exactly to the total', () => {
    const percents = fc
      .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 })
      .filter((xs) => xs.reduce((a, b) => a + b, 0) > 0)
      .map((xs) => {
        // Turn arbitrary weights into percentages with two decimals that sum to exactly 100.
        const sum = xs.reduce((a, b) => a + b, 0);
        const cents = xs.map((x) => Math.floor((x * 10_000) / sum));
        cents[0]! += 10_000 - cents.reduce((a, b) => a + b, 0);
        return cents.map((c) => (c / 100).toFixed(2));
      });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_RUPIAH }), percents, (total, ps) => {
        const parts = splitByPercent(total, ps);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(parts.every((p) => Number.isSafeInteger(p) && p >= 0)).toBe(true);
      }),
    );
  });
});

describe('percentOf in integers', () => {
  it('equals the Decimal computation for any whole-rupiah pair', () => {
    const amount = fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -2000, max: 2000 }), fc.constantFrom(0, 1, -1, 25_000_000, 265_700_000_000));
    fc.assert(fc.property(amount, amount, (part, whole) => percentOf(part, whole) === percentOfDecimal(part, whole)), { numRuns: 20_000 });
    expect(percentOf(1, 8)).toBe('12,5');
    expect(percentOf(1, 3)).toBe('33,3');
    expect(percentOf(2, 3)).toBe('66,7');
    expect(percentOf(-1, 2000)).toBe(percentOfDecimal(-1, 2000));
    expect(percentOf(25_000_000, 25_000_000)).toBe('100');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatOfficial, formatRupiah, MAX_RUPIAH, parseRupiah, percentOf, percentOfDecimal, splitByPercent, terbilang } from '../../src/domain/money';

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

describe('parseRupiah, more inputs', () => {
  it.each<[unknown, { min?: number; max?: number } | undefined, number | string]>([
    [25_000, undefined, 25_000],
    [0, undefined, 0],
    ['Rp.1.000', undefined, 1000],
    ['RP 1.000', undefined, 1000],
    ['1 250 000', undefined, 1_250_000],
    ['\t1.000\n', undefined, 1000],
    ['12.345.678', undefined, 12_345_678],
    ['1,00', undefined, 1],
    ['1,0000', undefined, 1],
    ['0'.repeat(39) + '1', undefined, 1],
    ['10.000.000.000.000', undefined, MAX_RUPIAH],
    ['1.000', { max: 1000 }, 1000],
    ['1', { min: 1 }, 1],
    ['1.000', { min: 1000 }, 1000],
    // Refusals.
    [null, undefined, 'amount_empty'],
    [true, undefined, 'amount_invalid'],
    // A repeated form field arrives as a list; it is not an amount, however it prints.
    [['25.000'], undefined, 'amount_invalid'],
    [{ toString: () => '5000' }, undefined, 'amount_invalid'],
    [Number.NaN, undefined, 'amount_fraction'],
    [2 ** 53, undefined, 'amount_fraction'],
    [-5, undefined, 'amount_negative'],
    ['−5.000', undefined, 'amount_negative'],
    ['Rp', undefined, 'amount_invalid'],
    ['5000rp', undefined, 'amount_invalid'],
    ['Rp Rp 5.000', undefined, 'amount_invalid'],
    ['1000.000', undefined, 'amount_invalid'],
    ['1.0000', undefined, 'amount_invalid'],
    ['1.00', undefined, 'amount_invalid'],
    [',00', undefined, 'amount_invalid'],
    ['1,', undefined, 'amount_invalid'],
    ['1,00,0', undefined, 'amount_invalid'],
    ['1.000,5', undefined, 'amount_fraction'],
    ['1,01', undefined, 'amount_fraction'],
    ['1,10', undefined, 'amount_fraction'],
    ['0'.repeat(40) + '1', undefined, 'amount_too_large'],
    ['10.000.000.000.001', undefined, 'amount_too_large'],
    ['1.001', { max: 1000 }, 'amount_too_large'],
    ['0', { min: 1 }, 'amount_zero'],
    ['999', { min: 1000 }, 'amount_too_small'],
    ['1', { min: 2 }, 'amount_too_small'],
  ])('%j with %j → %s', (input, opts, expected) => {
    const r = parseRupiah(input, opts);
    if (typeof expected === 'number') expect(r).toEqual({ ok: true, value: expected });
    else {
      expect(r).toMatchObject({ ok: false, code: expected });
      if (!r.ok) expect(r.message).toMatch(/^[A-Z].{10,}\.$/);
    }
  });

  it('names the limit it refuses at', () => {
    expect(parseRupiah('1.001', { max: 1000 })).toMatchObject({ message: expect.stringContaining('Rp1.000') });
    expect(parseRupiah('9'.repeat(41))).toMatchObject({ code: 'amount_too_large', message: expect.stringContaining('Rp10.000.000.000.000') });
    expect(parseRupiah('999', { min: 1000 })).toMatchObject({ message: expect.stringContaining('Rp1.000') });
  });
});

describe('the three formats', () => {
  it.each([
    [0, 'Rp0', 'Rp 0,00', '0'],
    [999, 'Rp999', 'Rp 999,00', '999'],
    [1000, 'Rp1.000', 'Rp 1.000,00', '1.000'],
    [1_234_567, 'Rp1.234.567', 'Rp 1.234.567,00', '1.234.567'],
    [-1500, '-Rp1.500', '-Rp 1.500,00', '-1.500'],
    [-1, '-Rp1', '-Rp 1,00', '-1'],
    [MAX_RUPIAH, 'Rp10.000.000.000.000', 'Rp 10.000.000.000.000,00', '10.000.000.000.000'],
  ])('%d → %s, %s, %s', (amount, screen, official, plain) => {
    expect(formatRupiah(amount)).toBe(screen);
    expect(formatOfficial(amount)).toBe(official);
    expect(formatNumber(amount)).toBe(plain);
  });

  it.each([0.5, Number.NaN, Infinity, 2 ** 53])('refuses %d, which is not whole rupiah', (amount) => {
    expect(() => formatRupiah(amount)).toThrow(new TypeError(`not a whole rupiah amount: ${amount}`));
    expect(() => formatOfficial(amount)).toThrow(TypeError);
    expect(() => formatNumber(amount)).toThrow(TypeError);
    expect(() => terbilang(amount)).toThrow(TypeError);
    expect(() => splitByPercent(amount, [100])).toThrow(TypeError);
  });

  it('groups every amount by thousands: digits unchanged, a dot before each group of three', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_RUPIAH, max: MAX_RUPIAH }), (x) => {
        const s = formatNumber(x);
        expect(s.replace(/\./g, '')).toBe(String(x));
        expect(s.replace(/^-/, '')).toMatch(/^\d{1,3}(\.\d{3})*$/);
      }),
    );
  });
});

describe('terbilang, every branch', () => {
  it.each([
    [3, 'tiga rupiah'],
    [4, 'empat rupiah'],
    [5, 'lima rupiah'],
    [6, 'enam rupiah'],
    [7, 'tujuh rupiah'],
    [8, 'delapan rupiah'],
    [9, 'sembilan rupiah'],
    [2, 'dua rupiah'],
    [10, 'sepuluh rupiah'],
    [12, 'dua belas rupiah'],
    [19, 'sembilan belas rupiah'],
    [20, 'dua puluh rupiah'],
    [21, 'dua puluh satu rupiah'],
    [99, 'sembilan puluh sembilan rupiah'],
    [101, 'seratus satu rupiah'],
    [111, 'seratus sebelas rupiah'],
    [199, 'seratus sembilan puluh sembilan rupiah'],
    [200, 'dua ratus rupiah'],
    [999, 'sembilan ratus sembilan puluh sembilan rupiah'],
    [1001, 'seribu satu rupiah'],
    [1999, 'seribu sembilan ratus sembilan puluh sembilan rupiah'],
    [2000, 'dua ribu rupiah'],
    [11_000, 'sebelas ribu rupiah'],
    [100_000, 'seratus ribu rupiah'],
    [999_999, 'sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan rupiah'],
    [1_000_001, 'satu juta satu rupiah'],
    [999_000_000, 'sembilan ratus sembilan puluh sembilan juta rupiah'],
    [1_000_000_000, 'satu miliar rupiah'],
    [1_000_000_000_000, 'satu triliun rupiah'],
    [999_999_999_999_999, 'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan rupiah'],
    [-1500, 'minus seribu lima ratus rupiah'],
  ])('%d is "%s"', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('stops at a thousand trillion', () => {
    expect(() => terbilang(1_000_000_000_000_000)).toThrow(new RangeError('amount too large for terbilang'));
    expect(() => terbilang(-1_000_000_000_000_000)).toThrow(RangeError);
  });
});

describe('splitByPercent, more', () => {
  it.each<[number, Array<number | string>, number[]]>([
    [0, [40, 40, 20], [0, 0, 0]],
    [1000, [100], [1000]],
    [1000, [0, 100], [0, 1000]],
    [1, [25, 75], [0, 1]],
    [2, ['33.3', '33.3', '33.4'], [1, 0, 1]],
    [3, ['10', '45', '45'], [0, 2, 1]],
    [7, ['12.5', '37.5', '50'], [1, 3, 3]],
  ])('%d by %j → %j', (total, percents, parts) => {
    expect(splitByPercent(total, percents)).toEqual(parts);
  });

  it.each<[number, Array<number | string>, string]>([
    [-1, [100], 'total must not be negative'],
    [1000, [], 'at least one percentage'],
    [1000, [-10, 110], 'percentages must be >= 0'],
    [1000, ['Infinity'], 'percentages must be >= 0'],
    [1000, ['NaN'], 'percentages must be >= 0'],
    [1000, ['50', '50.01'], 'percentages must add up to 100'],
  ])('refuses %d by %j: %s', (total, percents, reason) => {
    expect(() => splitByPercent(total, percents)).toThrow(new RangeError(reason));
  });

  it('gives each part its exact share rounded down or up, never further', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_RUPIAH }), fc.integer({ min: 0, max: 100 }), (total, p) => {
        const [a, b] = splitByPercent(total, [p, 100 - p]);
        const exact = (total * p) / 100;
        expect(Math.abs(a! - exact)).toBeLessThan(1.001);
        expect(a! + b!).toBe(total);
      }),
    );
  });
});

describe('percentOf', () => {
  it.each([
    [0, 0, '0'],
    [5, 0, '0'],
    [0, 5, '0'],
    [1, 2, '50'],
    [1, 3, '33,3'],
    [-1, 3, '-33,3'],
    [1, -3, '-33,3'],
    [-1, -3, '33,3'],
    [1, 2000, '0,1'],
    [1, 2001, '0'],
    [-1, 2001, '0'],
    [3, 2, '150'],
    [1.5, 3, '50'],
    [1, 0.5, '200'],
  ])('%d of %d is %s %%', (part, whole, text) => {
    expect(percentOf(part, whole)).toBe(text);
  });

  it.each([
    [0, 0, '0'],
    [1, 8, '12,5'],
    [2, 3, '66,7'],
    [0.5, 2, '25'],
    [-1, 2000, '-0,1'],
  ])('percentOfDecimal(%d, %d) is %s', (part, whole, text) => {
    expect(percentOfDecimal(part, whole)).toBe(text);
  });
});

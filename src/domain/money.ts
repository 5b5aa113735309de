/**
 * Money: whole rupiah as JavaScript integers.
 *
 * Invariants:
 * - every amount is a safe integer; nothing here uses floating-point arithmetic on money;
 * - parseRupiah(formatRupiah(x)) === x and parseRupiah(formatOfficial(x)) === x for 0 <= x <= MAX_RUPIAH;
 * - splitByPercent parts are whole rupiah and add up exactly to the total.
 */
import Decimal from 'decimal.js';

/** Rp10 triliun: far above any city budget, far below Number.MAX_SAFE_INTEGER. */
export const MAX_RUPIAH = 10_000_000_000_000;

export type ParseResult = { ok: true; value: number } | { ok: false; code: string; message: string };

const GROUPED = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;

/**
 * Parses what a person types: "25.000.000", "Rp 25.000.000", "Rp25.000.000,00", "25000000".
 * A dot groups thousands and a comma marks decimals (Indonesian convention).
 */
export function parseRupiah(raw: unknown, opts: { min?: number; max?: number } = {}): ParseResult {
  const min = opts.min ?? 0;
  const max = opts.max ?? MAX_RUPIAH;
  if (raw === undefined || raw === null) return fail('amount_empty', 'Jumlah wajib diisi.');
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    return fail('amount_invalid', 'Format jumlah tidak dikenali. Tulis misalnya 25.000.000.');
  }
  if (typeof raw === 'number' && !Number.isSafeInteger(raw)) {
    return fail('amount_fraction', 'Jumlah harus rupiah utuh, tanpa sen.');
  }
  let s = String(raw).trim().replace(/\s+/g, '');
  if (s === '') return fail('amount_empty', 'Jumlah wajib diisi.');
  s = s.replace(/^rp\.?/i, '');
  if (s.startsWith('-') || s.startsWith('−')) return fail('amount_negative', 'Jumlah tidak boleh negatif.');
  if (s.length > 40) return fail('amount_too_large', `Jumlah terlalu besar (paling banyak ${formatRupiah(max)}).`);
  const m = GROUPED.exec(s);
  if (!m) return fail('amount_invalid', 'Format jumlah tidak dikenali. Tulis misalnya 25.000.000.');
  const fraction = m[2];
  if (fraction !== undefined && fraction.length === 3) {
    return fail('amount_ambiguous', 'Tulis ribuan dengan titik, misalnya 1.000 (koma menandai desimal).');
  }
  if (fraction !== undefined && /[1-9]/.test(fraction)) {
    return fail('amount_fraction', 'Jumlah harus rupiah utuh, tanpa sen.');
  }
  const value = new Decimal((m[1] ?? '').replace(/\./g, ''));
  if (value.greaterThan(max)) return fail('amount_too_large', `Jumlah terlalu besar (paling banyak ${formatRupiah(max)}).`);
  if (value.lessThan(min)) {
    return min === 1
      ? fail('amount_zero', 'Jumlah harus lebih dari nol.')
      : fail('amount_too_small', `Jumlah paling sedikit ${formatRupiah(min)}.`);
  }
  return { ok: true, value: value.toNumber() };
}

function fail(code: string, message: string): ParseResult {
  return { ok: false, code, message };
}

function assertWhole(amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new TypeError(`not a whole rupiah amount: ${amount}`);
}

function groupThousands(amount: number): string {
  return Math.abs(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Screen format: Rp25.000.000 (negative: -Rp25.000). */
export function formatRupiah(amount: number): string {
  assertWhole(amount);
  return `${amount < 0 ? '-' : ''}Rp${groupThousands(amount)}`;
}

/** Official document format: Rp 25.000.000,00. */
export function formatOfficial(amount: number): string {
  assertWhole(amount);
  return `${amount < 0 ? '-' : ''}Rp ${groupThousands(amount)},00`;
}

/** A plain grouped number without the currency: 25.000.000. */
export function formatNumber(amount: number): string {
  assertWhole(amount);
  return `${amount < 0 ? '-' : ''}${groupThousands(amount)}`;
}

const ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];
const SCALES: Array<[number, string]> = [
  [1_000_000_000_000, 'triliun'],
  [1_000_000_000, 'miliar'],
  [1_000_000, 'juta'],
];

function words(n: number): string {
  if (n < 12) return ONES[n] ?? '';
  if (n < 20) return `${words(n - 10)} belas`;
  if (n < 100) return join(`${words(Math.floor(n / 10))} puluh`, n % 10);
  if (n < 200) return join('seratus', n - 100);
  if (n < 1000) return join(`${words(Math.floor(n / 100))} ratus`, n % 100);
  if (n < 2000) return join('seribu', n - 1000);
  if (n < 1_000_000) return join(`${words(Math.floor(n / 1000))} ribu`, n % 1000);
  for (const [scale, name] of SCALES) {
    if (n >= scale) return join(`${words(Math.floor(n / scale))} ${name}`, n % scale);
  }
  throw new RangeError(`too large for terbilang: ${n}`);
}

function join(head: string, rest: number): string {
  return rest === 0 ? head : `${head} ${words(rest)}`;
}

/** The amount in words: 25000000 -> "dua puluh lima juta rupiah". */
export function terbilang(amount: number): string {
  assertWhole(amount);
  if (amount < 0) return `minus ${terbilang(-amount)}`;
  if (amount === 0) return 'nol rupiah';
  if (amount >= 1_000_000_000_000_000) throw new RangeError('amount too large for terbilang');
  return `${words(amount)} rupiah`;
}

/**
 * Splits a whole-rupiah total by percentages (which must add up to exactly 100) so the
 * parts add up exactly to the total: each part is rounded down, then the leftover rupiah
 * go one each to the parts with the largest remainders (earlier parts first on ties).
 */
export function splitByPercent(total: number, percents: Array<number | string>): number[] {
  assertWhole(total);
  if (total < 0) throw new RangeError('total must not be negative');
  if (percents.length === 0) throw new RangeError('at least one percentage');
  const ps = percents.map((p) => new Decimal(p));
  if (ps.some((p) => p.isNeg() || !p.isFinite())) throw new RangeError('percentages must be >= 0');
  if (!ps.reduce((a, b) => a.plus(b), new Decimal(0)).equals(100)) {
    throw new RangeError('percentages must add up to 100');
  }
  const exact = ps.map((p) => new Decimal(total).times(p).dividedBy(100));
  const parts = exact.map((x) => x.floor().toNumber());
  let leftover = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rem: x.minus(x.floor()) }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (const { i } of order) {
    if (leftover === 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    leftover -= 1;
  }
  return parts;
}

/** Percentage a/b with one decimal, as a display string ("37,5"); "0" when b is 0. */
export function percentOf(part: number, whole: number): string {
  if (whole === 0) return '0';
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole)) return percentOfDecimal(part, whole);
  // Whole rupiah: tenths of a percent in exact integer arithmetic, half away from zero (as
  // Decimal's default rounding). A page shows dozens of these; Decimal cost a tenth of its time.
  const n = BigInt(part) * 1000n;
  const d = BigInt(whole);
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const tenths = (2n * an + ad) / (2n * ad);
  const sign = negative && tenths !== 0n ? '-' : '';
  return `${sign}${tenths / 10n}${tenths % 10n === 0n ? '' : `,${tenths % 10n}`}`;
}

/** percentOf by Decimal: for values that are not whole rupiah, and the reference in the tests. */
export function percentOfDecimal(part: number, whole: number): string {
  if (whole === 0) return '0';
  return new Decimal(part).times(100).dividedBy(whole).toDecimalPlaces(1).toString().replace('.', ',');
}

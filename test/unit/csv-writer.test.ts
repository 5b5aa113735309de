import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRow, csvTable, neutralise, restoreText, xlsxRow } from '../../src/reports/csv-writer';

const text = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', 'é', '€', '=', '\t', '+', '-', '@', "'") }));
const field = fc.oneof(text, fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.constant(null));

/** What a spreadsheet would run as a formula: a text cell starting with = + - @ tab or CR. */
const FORMULA = /^[=+\-@\t\r]/;

describe('the CSV writer (every CSV and XLSX of the app goes through it)', () => {
  it('writes what csv-stringify with escape_formulas writes, byte for byte, for any cell not starting with an apostrophe', () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (values) => {
        fc.pre(values.every((v) => typeof v !== 'string' || !v.startsWith("'")));
        expect(csvRow(values)).toBe(stringify([values.map((v) => (v === null ? '' : v))], { escape_formulas: true }));
      }),
      { numRuns: 2000 },
    );
  });

  it('no text cell parses back as a formula, and restoreText gives back the exact text (what verify-bundle hashes)', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (values) => {
        const [parsed] = parse(csvRow(values), { relax_column_count: true, relax_quotes: true }) as string[][];
        for (const cell of parsed!) expect(FORMULA.test(cell)).toBe(false);
        expect(parsed!.map(restoreText)).toEqual(values);
      }),
      { numRuns: 2000 },
    );
  });

  it.each<[string, string | number, string]>([
    ['a formula', '=HYPERLINK("http://x","klik")', `"'=HYPERLINK(""http://x"",""klik"")"`],
    ['a function after @', '@SUM(A1)', "'@SUM(A1)"],
    ['a sum after +', '+1+1', "'+1+1"],
    ['a sum after - (text)', '-2+3', "'-2+3"],
    ['a leading tab', '\tTAB', "'\tTAB"],
    ['a leading carriage return', '\rCR', `"'\rCR"`],
    ['text that already starts with an apostrophe and a formula', "'=1+1", "''=1+1"],
    ['a negative amount (a number)', -150_000, '-150000'],
    ['an amount', 25_000_000, '25000000'],
    ['plain text', 'RT 001 / RW 001', 'RT 001 / RW 001'],
    ['an apostrophe before plain text', "'Pak Budi'", "'Pak Budi'"],
  ])('%s: %j is written as %j', (_what, value, cell) => {
    expect(csvRow([value])).toBe(`${cell}\n`);
    if (typeof value === 'string') expect(restoreText(neutralise(value))).toBe(value);
  });

  it('quotes only where it must', () => {
    expect(csvRow([1, 'Rp25.000.000', 'a,b', 'kata "kutip"', 'baris\\nbaru', null])).toBe('1,Rp25.000.000,"a,b","kata ""kutip""",baris\\nbaru,\n');
    expect(csvRow(['dua\nbaris'])).toBe('"dua\nbaris"\n');
    expect(csvTable(['a', 'b'], [[1, -2], ['x', null]])).toBe('a,b\n1,-2\nx,\n');
  });

  it('XLSX rows: text neutralised, numbers kept numbers', () => {
    expect(xlsxRow(['=1+1', -5, null, 'ok', '@x'])).toEqual(["'=1+1", -5, null, 'ok', "'@x"]);
  });
});

import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRow } from '../../src/reports/csv-rows';

const field = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', 'é', '€', '=', '\t') }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.constant(null),
);

describe('csvRow (the bundle exports write city-sized CSVs with it)', () => {
  it('writes what csv-stringify writes, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (values) => {
        expect(csvRow(values)).toBe(stringify([values.map((v) => (v === null ? '' : v))]));
      }),
      { numRuns: 2000 },
    );
  });

  it('parses back to the same fields', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 2, maxLength: 8 }), (values) => {
        const [parsed] = parse(csvRow(values), { relax_column_count: true }) as string[][];
        expect(parsed).toEqual(values.map(String));
      }),
      { numRuns: 1000 },
    );
  });

  it('quotes only where it must', () => {
    expect(csvRow([1, 'Rp25.000.000', 'a,b', 'kata "kutip"', 'baris\\nbaru', null])).toBe('1,Rp25.000.000,"a,b","kata ""kutip""",baris\\nbaru,\n');
    expect(csvRow(['dua\nbaris'])).toBe('"dua\nbaris"\n');
  });
});

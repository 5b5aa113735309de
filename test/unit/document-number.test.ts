/** Document numbers (nomor surat) and receipt numbers (issue 18, item 6). */
import { describe, expect, it } from 'vitest';
import { documentNumber, isValidNip, isValidOfficeCode, officeCodeOf, receiptNumber, rtUnit } from '../../src/domain/documents/document-number';
import { needsMeterai } from '../../src/domain/grants/receipt';

describe('documentNumber', () => {
  it.each<[Parameters<typeof documentNumber>[0], string]>([
    [{ seq: 7, kind: 'SPJ', unit: rtUnit(1, 1), office: 'PLB', issuedOn: '2026-11-28' }, '007/SPJ/RT001-RW001/PLB/XI/2026'],
    [{ seq: 1, kind: 'LPJ', office: 'PLB', issuedOn: '2026-12-01' }, '001/LPJ/PLB/XII/2026'],
    [{ seq: 1234, kind: 'BKU', unit: rtUnit(12, 3), office: 'WND', issuedOn: '2027-01-05' }, '1234/BKU/RT012-RW003/WND/I/2027'],
    [{ seq: 42, kind: 'SPJ', unit: rtUnit(5, 10), office: 'PLB', issuedOn: '2026-04-30' }, '042/SPJ/RT005-RW010/PLB/IV/2026'],
    // An RW grantee's documents name the RW alone (its registry number is 0).
    [{ seq: 3, kind: 'BKU', unit: rtUnit(0, 1), office: 'PLB', issuedOn: '2026-12-06' }, '003/BKU/RW001/PLB/XII/2026'],
  ])('%o → %s', (d, number) => {
    expect(documentNumber(d)).toBe(number);
  });

  it.each([0, -1, 1.5])('refuses the sequence number %s', (seq) => {
    expect(() => documentNumber({ seq, kind: 'SPJ', office: 'PLB', issuedOn: '2026-11-28' })).toThrow(RangeError);
  });

  it.each(['2026-13-01', '2026-00-10', '28-11-2026', ''])('refuses the issue date %s', (issuedOn) => {
    expect(() => documentNumber({ seq: 1, kind: 'SPJ', office: 'PLB', issuedOn })).toThrow(RangeError);
  });
});

describe('receiptNumber', () => {
  it.each<[number, string]>([
    [1, 'KW-001'],
    [42, 'KW-042'],
    [1000, 'KW-1000'],
  ])('%i → %s', (n, label) => {
    expect(receiptNumber(n)).toBe(label);
  });

  it('refuses zero', () => {
    expect(() => receiptNumber(0)).toThrow(RangeError);
  });
});

describe('office codes and NIP', () => {
  it.each<[{ officeCode: string | null; name: string }, string]>([
    [{ officeCode: 'PLB', name: 'Pleburan' }, 'PLB'],
    [{ officeCode: null, name: 'Pleburan' }, 'PLE'],
    [{ officeCode: 'plb', name: 'Wonodri' }, 'WON'],
    [{ officeCode: null, name: 'Ö' }, 'KEL'],
  ])('%o prints as %s', (office, code) => {
    expect(officeCodeOf(office)).toBe(code);
  });

  it.each<[string, boolean]>([
    ['PLB', true],
    ['K2', true],
    ['ABCDEFGH', true],
    ['P', false],
    ['ABCDEFGHI', false],
    ['plb', false],
    ['PL B', false],
  ])('office code %s valid: %s', (code, ok) => {
    expect(isValidOfficeCode(code)).toBe(ok);
  });

  it.each<[string, boolean]>([
    ['197805122006041009', true],
    ['19780512200604100', false],
    ['1978051220060410091', false],
    ['19780512 2006041009', false],
  ])('NIP %s valid: %s', (nip, ok) => {
    expect(isValidNip(nip)).toBe(ok);
  });
});

describe('needsMeterai', () => {
  it.each<[number, boolean]>([
    [4_999_999, false],
    [5_000_000, true],
    [12_000_000, true],
  ])('Rp%i at a Rp5.000.000 threshold: %s', (amount, needed) => {
    expect(needsMeterai(amount, 5_000_000)).toBe(needed);
  });
});

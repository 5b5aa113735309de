/**
 * Numbers on the documents an office signs: the nomor surat of a kelurahan office
 * (`007/SPJ/RT001-RW001/PLB/XI/2026`: sequence, kind, unit, office code, month of issue in roman
 * numerals, year) and an RT's receipt numbers (`KW-001`, per RT per year, in the order recorded).
 *
 * Invariants:
 * - a sequence number is a positive whole number, written with at least three digits;
 * - the month and year are those of the day the number is issued (YYYY-MM-DD);
 * - an office code is 2–8 capital letters or digits; an office without one uses the first three
 *   letters of its name, so a document is never printed without a number.
 */
export const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

export const OFFICE_CODE = /^[A-Z0-9]{2,8}$/;
export const isValidOfficeCode = (s: string) => OFFICE_CODE.test(s);

/** A civil servant's NIP: exactly 18 digits. */
export const NIP = /^\d{18}$/;
export const isValidNip = (s: string) => NIP.test(s);

/** The kinds of numbered documents. */
export type DocumentKind = 'SPJ' | 'BKU' | 'LPJ';

const pad3 = (n: number) => String(n).padStart(3, '0');

function positive(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${what} must be a positive whole number: ${n}`);
}

/** The office code printed in numbers: the registry's, else the first three letters of the kelurahan's name. */
export function officeCodeOf(office: { officeCode: string | null; name: string }): string {
  if (office.officeCode && isValidOfficeCode(office.officeCode)) return office.officeCode;
  const letters = office.name.toUpperCase().replace(/[^A-Z]/g, '');
  return (letters.slice(0, 3) || 'KEL').padEnd(2, 'X');
}

/** "RT001-RW001": the unit of an RT's document. */
export function rtUnit(rtNumber: number, rwNumber: number): string {
  return `RT${pad3(rtNumber)}-RW${pad3(rwNumber)}`;
}

/** `007/SPJ/RT001-RW001/PLB/XI/2026`; without a unit `001/LPJ/PLB/XII/2026`. */
export function documentNumber(d: { seq: number; kind: DocumentKind; unit?: string | null; office: string; issuedOn: string }): string {
  positive(d.seq, 'seq');
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(d.issuedOn);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new RangeError(`not a date: ${d.issuedOn}`);
  return [pad3(d.seq), d.kind, ...(d.unit ? [d.unit] : []), d.office, ROMAN_MONTHS[month - 1], m[1]].join('/');
}

/** "KW-001": a receipt's number within its RT and year. */
export function receiptNumber(n: number): string {
  positive(n, 'receipt number');
  return `KW-${pad3(n)}`;
}

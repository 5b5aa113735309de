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

/** "RT001-RW001": the unit of an RT's document; "RW001" for an RW grantee (its number 0). */
export function rtUnit(rtNumber: number, rwNumber: number): string {
  return rtNumber === 0 ? `RW${pad3(rwNumber)}` : `RT${pad3(rtNumber)}-RW${pad3(rwNumber)}`;
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

/** A number as issued and kept (document_numbers; document-numbers.csv in a bundle). */
export interface IssuedNumberFacts {
  kelurahanCode: string;
  kind: string;
  year: number;
  seq: number;
  docKey: string;
  number: string;
  /** When it was issued (ISO instant). */
  issuedAt: string;
}

const NUMBER_TEXT = /^(\d{3,})\/([A-Z]+)\/(?:(RT\d{3}-RW\d{3}|RW\d{3})\/)?([A-Z0-9]{2,8})\/([IVX]+)\/(\d{4})$/;

/**
 * What is wrong with a set of issued numbers, checked the same way by `npm run verify` (the
 * database) and by verify-bundle (document-numbers.csv): each office's sequence per kind and year
 * runs 1, 2, 3… without a gap or a number used twice, each in the order issued; a document has one
 * number; each number's text is what `documentNumber` writes for its sequence, kind and day of
 * issue (a number rewritten, or a sequence renumbered, no longer reads back).
 */
export function documentNumberProblems(rows: readonly IssuedNumberFacts[], dayOf: (iso: string) => string): string[] {
  const problems: string[] = [];
  const keys = new Map<string, IssuedNumberFacts>();
  const sequences = new Map<string, IssuedNumberFacts[]>();
  for (const r of rows) {
    const other = keys.get(r.docKey);
    if (other) problems.push(`dokumen ${r.docKey} bernomor dua kali (${other.number} dan ${r.number})`);
    keys.set(r.docKey, r);
    const k = `${r.kelurahanCode}/${r.kind}/${r.year}`;
    sequences.set(k, [...(sequences.get(k) ?? []), r]);
    const m = NUMBER_TEXT.exec(r.number);
    let expected: string | null = null;
    try {
      if (m) expected = documentNumber({ seq: r.seq, kind: r.kind as DocumentKind, unit: m[3] ?? null, office: m[4]!, issuedOn: dayOf(r.issuedAt) });
    } catch {
      expected = null;
    }
    if (expected !== r.number) problems.push(`nomor ${r.number} (${r.docKey}): tidak sesuai dengan nomor urut ${r.seq}, jenis ${r.kind} dan tanggal terbit ${r.issuedAt.slice(0, 10)}${expected ? ` (seharusnya ${expected})` : ''}`);
  }
  for (const [k, list] of sequences) {
    const [kel, kind, year] = k.split('/');
    const where = `nomor ${kind} kelurahan ${kel} tahun ${year}`;
    const sorted = [...list].sort((a, b) => a.seq - b.seq);
    let expect = 1;
    for (let i = 0; i < sorted.length; i += 1) {
      const r = sorted[i]!;
      if (r.seq < expect) problems.push(`${where}: nomor urut ${r.seq} dipakai lebih dari sekali`);
      else if (r.seq > expect) problems.push(`${where}: nomor urut ${expect}${r.seq - 1 > expect ? `–${r.seq - 1}` : ''} tidak ada (dihapus?)`);
      const prev = sorted[i - 1];
      if (prev && prev.seq < r.seq && r.issuedAt < prev.issuedAt) problems.push(`${where}: nomor urut ${r.seq} terbit sebelum nomor urut ${prev.seq}`);
      expect = Math.max(expect, r.seq + 1);
    }
  }
  return problems;
}

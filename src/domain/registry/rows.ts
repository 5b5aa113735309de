/**
 * Validation of registry import rows (wilayah and RT CSV files).
 *
 * Invariants:
 * - a kecamatan code has 7 digits, a kelurahan code 10 digits starting with its kecamatan's;
 * - a bank account number (Bank Jateng) has exactly 10 digits;
 * - a file is all-or-nothing: callers import only when every row is valid, and every bad
 *   row is reported with its line number (header = line 1).
 */
import { chairWordOf } from '../access';

export interface RowError {
  line: number;
  message: string;
}

export interface WilayahRow {
  kecamatanCode: string;
  kecamatanName: string;
  kelurahanCode: string;
  kelurahanName: string;
}

export interface RtRow {
  line: number;
  kelurahanCode: string;
  rwNumber: number;
  rtNumber: number;
  chairName: string;
  bankAccount: string;
}

export const BANK_ACCOUNT = /^\d{10}$/;
export const isValidBankAccount = (s: string) => BANK_ACCOUNT.test(s);

/** Removes control and invisible characters (zero-width spaces, BOM, bidi marks), collapses spaces. */
export const cleanText = (v: string | undefined) =>
  (v ?? '')
    // Line breaks and tabs between words are spaces; other control and invisible characters go.
    .replace(/[\t\n\r\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202f\u2060-\u206f\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const clean = cleanText;
const MAX_NAME = 120;

export type RawRecord = Record<string, string | undefined>;
/** A parsed CSV record with the line number it came from in the file. */
export interface LineRecord {
  line: number;
  rec: RawRecord;
}

function requireColumns(header: string[], needed: string[]): RowError[] {
  const missing = needed.filter((c) => !header.includes(c));
  return missing.length ? [{ line: 1, message: `Kolom wajib tidak ada: ${missing.join(', ')}` }] : [];
}

export function validateWilayahRows(header: string[], records: LineRecord[]) {
  const errors = requireColumns(header, ['kecamatan_code', 'kecamatan', 'kelurahan_code', 'kelurahan']);
  const rows: WilayahRow[] = [];
  if (errors.length) return { rows, errors };
  const kecNames = new Map<string, string>();
  const seenKel = new Map<string, number>();
  records.forEach(({ line, rec: r }) => {
    const row: WilayahRow = {
      kecamatanCode: clean(r.kecamatan_code),
      kecamatanName: clean(r.kecamatan),
      kelurahanCode: clean(r.kelurahan_code),
      kelurahanName: clean(r.kelurahan),
    };
    const problems: string[] = [];
    if (!/^\d{7}$/.test(row.kecamatanCode)) problems.push('kode kecamatan harus 7 angka');
    if (!/^\d{10}$/.test(row.kelurahanCode)) problems.push('kode kelurahan harus 10 angka');
    else if (!row.kelurahanCode.startsWith(row.kecamatanCode)) {
      problems.push('kode kelurahan harus diawali kode kecamatannya');
    }
    if (!row.kecamatanName) problems.push('nama kecamatan kosong');
    if (!row.kelurahanName) problems.push('nama kelurahan kosong');
    if (row.kecamatanName.length > MAX_NAME || row.kelurahanName.length > MAX_NAME) problems.push('nama terlalu panjang');
    const knownName = kecNames.get(row.kecamatanCode);
    if (knownName !== undefined && row.kecamatanName && knownName !== row.kecamatanName) {
      problems.push(`kecamatan ${row.kecamatanCode} bernama lain di baris sebelumnya (${knownName})`);
    }
    const firstLine = seenKel.get(row.kelurahanCode);
    if (firstLine !== undefined) problems.push(`kode kelurahan ${row.kelurahanCode} ganda (sudah di baris ${firstLine})`);
    if (problems.length) {
      errors.push({ line, message: problems.join('; ') });
      return;
    }
    kecNames.set(row.kecamatanCode, row.kecamatanName);
    seenKel.set(row.kelurahanCode, line);
    rows.push(row);
  });
  return { rows, errors };
}

export function validateRtRows(
  header: string[],
  records: LineRecord[],
  knownKelurahan: (code: string) => boolean,
  /** Which RT (kelurahan/rw/rt) already holds a bank account, if any. */
  accountHolder: (bankAccount: string) => string | undefined = () => undefined,
) {
  const errors = requireColumns(header, ['kelurahan_code', 'rw', 'rt', 'chair_name', 'bank_account']);
  const rows: RtRow[] = [];
  if (errors.length) return { rows, errors };
  const seen = new Map<string, number>();
  const accounts = new Map<string, number>();
  records.forEach(({ line, rec: r }) => {
    const problems: string[] = [];
    const kelurahanCode = clean(r.kelurahan_code);
    const rwText = clean(r.rw);
    const rtText = clean(r.rt);
    const chairName = clean(r.chair_name);
    const bankAccount = clean(r.bank_account);
    if (!/^\d{10}$/.test(kelurahanCode)) problems.push('kode kelurahan harus 10 angka');
    else if (!knownKelurahan(kelurahanCode)) problems.push(`kode kelurahan ${kelurahanCode} tidak dikenal`);
    const rwNumber = /^\d{1,3}$/.test(rwText) ? Number(rwText) : NaN;
    const rtNumber = /^\d{1,3}$/.test(rtText) ? Number(rtText) : NaN;
    if (!(rwNumber >= 1)) problems.push('nomor RW harus angka 1–999');
    if (!(rtNumber >= 1)) problems.push('nomor RT harus angka 1–999');
    if (!chairName) problems.push('nama ketua RT kosong');
    else if (chairName.length > MAX_NAME) problems.push('nama ketua RT terlalu panjang');
    if (!isValidBankAccount(bankAccount)) problems.push('nomor rekening harus tepat 10 angka');
    const key = `${kelurahanCode}/${rwNumber}/${rtNumber}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined && !Number.isNaN(rwNumber) && !Number.isNaN(rtNumber)) {
      problems.push(`RT ganda (RT ${rtNumber} / RW ${rwNumber} sudah ada di baris ${firstLine})`);
    } else {
      const holder = accountHolder(bankAccount);
      if (holder !== undefined && holder !== key) problems.push(`nomor rekening ${bankAccount} sudah tercatat untuk RT lain`);
      const sameAccountLine = accounts.get(bankAccount);
      if (sameAccountLine !== undefined) problems.push(`nomor rekening ${bankAccount} sama dengan baris ${sameAccountLine}`);
    }
    if (problems.length) {
      errors.push({ line, message: problems.join('; ') });
      return;
    }
    seen.set(key, line);
    accounts.set(bankAccount, line);
    rows.push({ line, kelurahanCode, rwNumber, rtNumber, chairName, bankAccount });
  });
  return { rows, errors };
}

export const pad3 = (n: number) => String(n).padStart(3, '0');
/**
 * The grantee RT number an RW itself holds under its RW (an RW grantee is the row numbered 0 of
 * kind 'rw'; RT numbers start at 1).
 */
export const RW_GRANTEE_NUMBER = 0;
/** "RT 003 / RW 002"; an RW grantee: "RW 002". */
export const rtLabel = (rtNumber: number, rwNumber: number) => (rtNumber === RW_GRANTEE_NUMBER ? `RW ${pad3(rwNumber)}` : `RT ${pad3(rtNumber)} / RW ${pad3(rwNumber)}`);
/**
 * The one label of a grantee: "RT 003 / RW 002", "RW 002"; a grantee of another programme carries
 * its code before it ("PKK RT 001 / RW 001", "PKK RW 001"). The main programme (OPS) adds nothing.
 */
export const granteeLabel = (g: { number: number; rwNumber: number; programme?: string | null }): string =>
  `${g.programme && g.programme !== 'OPS' ? `${g.programme} ` : ''}${rtLabel(g.number, g.rwNumber)}`;
/** Whether a registry row is an RT or an RW grantee (number 0 under its RW). */
export const granteeKindOf = (rtNumber: number): 'rt' | 'rw' => (rtNumber === RW_GRANTEE_NUMBER ? 'rw' : 'rt');
/** "ketua RT", "ketua RW" for an RW grantee, "ketua PKK RT" for a PKK group: the chair, as sentences name her. */
export const chairWord = (rtNumber: number, programme: string | null = null) => chairWordOf({ kind: granteeKindOf(rtNumber), programme });
/** "RT003-RW002" (file names); an RW grantee: "RW002". */
export const rtFileLabel = (rtNumber: number, rwNumber: number) => (rtNumber === RW_GRANTEE_NUMBER ? `RW${pad3(rwNumber)}` : `RT${pad3(rtNumber)}-RW${pad3(rwNumber)}`);

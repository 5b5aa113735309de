/** src/domain/registry/rows.ts: every rule of the wilayah and RT import files, with the words the admin reads. */
import { describe, expect, it } from 'vitest';
import { cleanText, isValidBankAccount, pad3, rtLabel, validateRtRows, validateWilayahRows, type RawRecord } from '../../src/domain/registry/rows';

const WILAYAH = ['kecamatan_code', 'kecamatan', 'kelurahan_code', 'kelurahan'];
const RT = ['kelurahan_code', 'rw', 'rt', 'chair_name', 'bank_account'];
const lines = (...recs: RawRecord[]) => recs.map((rec, i) => ({ line: i + 2, rec }));

const kel = (o: RawRecord = {}): RawRecord => ({ kecamatan_code: '3374050', kecamatan: 'Semarang Selatan', kelurahan_code: '3374050005', kelurahan: 'Pleburan', ...o });
const rt = (o: RawRecord = {}): RawRecord => ({ kelurahan_code: '3374050005', rw: '1', rt: '1', chair_name: 'Budi Santoso', bank_account: '2012345678', ...o });
const known = (code: string) => code.startsWith('3374050');

describe('cleanText', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    ['  Budi   Santoso  ', 'Budi Santoso'],
    ['\tBudi Santoso\r\n', 'Budi Santoso'],
    ['\ufeffPleburan', 'Pleburan'],
    ['Ple\u200bbu\u200dran', 'Pleburan'],
    ['Ple\u0000bu\u001fran\u007f', 'Pleburan'],
    ['Ple\u0085buran', 'Pleburan'],
    ['\u202eBudi\u202c', 'Budi'],
    ['Bu\u2060di\u206f', 'Budi'],
    // A line break or tab between words separates them (a name pasted from two cells).
    ['Bu\u2028di', 'Bu di'],
    ['Budi\tSantoso', 'Budi Santoso'],
    ['Budi\nSantoso', 'Budi Santoso'],
    ['Budi\r\nSantoso', 'Budi Santoso'],
    ['Siti Aminah', 'Siti Aminah'],
    ['Wonodri\u00a0Baru', 'Wonodri Baru'],
  ])('%j → %j', (raw, clean) => {
    expect(cleanText(raw)).toBe(clean);
  });
});

describe('bank accounts and RT labels', () => {
  it.each([
    ['2012345678', true],
    ['0000000000', true],
    ['201234567', false],
    ['20123456789', false],
    ['x2012345678', false],
    ['2012345678x', false],
    ['20123 45678', false],
    ['', false],
  ])('%j is a Bank Jateng account: %s', (account, valid) => {
    expect(isValidBankAccount(account)).toBe(valid);
  });

  it('pads RT and RW numbers to three digits', () => {
    expect(pad3(3)).toBe('003');
    expect(pad3(120)).toBe('120');
    expect(rtLabel(3, 12)).toBe('RT 003 / RW 012');
  });
});

describe('wilayah rows', () => {
  it('keeps every valid row, cleaned', () => {
    const r = validateWilayahRows(WILAYAH, lines(kel({ kelurahan: ' Pleburan\u200b ' }), kel({ kelurahan_code: '3374050006', kelurahan: 'Wonodri' }), kel({ kecamatan_code: '3374100', kecamatan: 'Tugu', kelurahan_code: '3374100001', kelurahan: 'Mangkang Kulon' })));
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { kecamatanCode: '3374050', kecamatanName: 'Semarang Selatan', kelurahanCode: '3374050005', kelurahanName: 'Pleburan' },
      { kecamatanCode: '3374050', kecamatanName: 'Semarang Selatan', kelurahanCode: '3374050006', kelurahanName: 'Wonodri' },
      { kecamatanCode: '3374100', kecamatanName: 'Tugu', kelurahanCode: '3374100001', kelurahanName: 'Mangkang Kulon' },
    ]);
  });

  it.each<[string, RawRecord, string]>([
    ['a kecamatan code of 6 digits', { kecamatan_code: '337405' }, 'kode kecamatan harus 7 angka'],
    ['a kecamatan code of 8 digits', { kecamatan_code: '33740501' }, 'kode kecamatan harus 7 angka; kode kelurahan harus diawali kode kecamatannya'],
    ['a kecamatan code with a letter', { kecamatan_code: '337405A', kelurahan_code: '337405A005' }, 'kode kecamatan harus 7 angka; kode kelurahan harus 10 angka'],
    ['a kelurahan code of 9 digits', { kelurahan_code: '337405000' }, 'kode kelurahan harus 10 angka'],
    ['a kelurahan code of 11 digits', { kelurahan_code: '33740500051' }, 'kode kelurahan harus 10 angka'],
    ['a kelurahan of another kecamatan', { kelurahan_code: '3374060005' }, 'kode kelurahan harus diawali kode kecamatannya'],
    ['no kecamatan name', { kecamatan: ' ' }, 'nama kecamatan kosong'],
    ['no kelurahan name', { kelurahan: undefined }, 'nama kelurahan kosong'],
    ['a kecamatan name of 121 characters', { kecamatan: 'x'.repeat(121) }, 'nama terlalu panjang'],
    ['a kelurahan name of 121 characters', { kelurahan: 'x'.repeat(121) }, 'nama terlalu panjang'],
  ])('%s', (_name, change, message) => {
    const r = validateWilayahRows(WILAYAH, lines(kel(change)));
    expect(r.errors).toEqual([{ line: 2, message }]);
    expect(r.rows).toEqual([]);
  });

  it('takes names of exactly 120 characters', () => {
    expect(validateWilayahRows(WILAYAH, lines(kel({ kecamatan: 'x'.repeat(120), kelurahan: 'y'.repeat(120) }))).errors).toEqual([]);
  });

  it('refuses a kecamatan named two ways and a kelurahan code twice, naming the earlier line', () => {
    const r = validateWilayahRows(WILAYAH, lines(kel(), kel({ kelurahan_code: '3374050006', kecamatan: 'Smg Selatan' }), kel({ kelurahan: 'Pleburan 2' }), kel({ kelurahan_code: '3374050007', kelurahan: 'Lamper' })));
    expect(r.errors).toEqual([
      { line: 3, message: 'kecamatan 3374050 bernama lain di baris sebelumnya (Semarang Selatan)' },
      { line: 4, message: 'kode kelurahan 3374050005 ganda (sudah di baris 2)' },
    ]);
    expect(r.rows.map((w) => w.kelurahanCode)).toEqual(['3374050005', '3374050007']);
  });

  it('remembers only valid rows: a bad row does not name a kecamatan nor take a code', () => {
    const r = validateWilayahRows(WILAYAH, lines(kel({ kecamatan: 'Salah', kelurahan: '' }), kel()));
    expect(r.errors).toEqual([{ line: 2, message: 'nama kelurahan kosong' }]);
    expect(r.rows).toHaveLength(1);
  });

  it('does not compare a missing kecamatan name with the earlier one', () => {
    const r = validateWilayahRows(WILAYAH, lines(kel(), kel({ kelurahan_code: '3374050006', kecamatan: '' })));
    expect(r.errors).toEqual([{ line: 3, message: 'nama kecamatan kosong' }]);
  });

  it('reports missing columns on line 1 and reads no row', () => {
    expect(validateWilayahRows(['kecamatan_code', 'kelurahan'], lines(kel()))).toEqual({
      rows: [],
      errors: [{ line: 1, message: 'Kolom wajib tidak ada: kecamatan, kelurahan_code' }],
    });
  });
});

describe('RT rows', () => {
  it('keeps every valid row, cleaned and numbered', () => {
    const r = validateRtRows(RT, lines(rt({ rw: ' 02 ', rt: '003', chair_name: ' Budi  Santoso ' }), rt({ rw: '999', rt: '999', bank_account: '2012345679' })), known);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, kelurahanCode: '3374050005', rwNumber: 2, rtNumber: 3, chairName: 'Budi Santoso', bankAccount: '2012345678' },
      { line: 3, kelurahanCode: '3374050005', rwNumber: 999, rtNumber: 999, chairName: 'Budi Santoso', bankAccount: '2012345679' },
    ]);
  });

  it.each<[string, RawRecord, string]>([
    ['a kelurahan code of 9 digits', { kelurahan_code: '337405000' }, 'kode kelurahan harus 10 angka'],
    ['a kelurahan code of 11 digits', { kelurahan_code: '33740500051' }, 'kode kelurahan harus 10 angka'],
    ['an unknown kelurahan', { kelurahan_code: '3374999001' }, 'kode kelurahan 3374999001 tidak dikenal'],
    ['RW 0', { rw: '0' }, 'nomor RW harus angka 1–999'],
    ['RW 1000', { rw: '1000' }, 'nomor RW harus angka 1–999'],
    ['RW 1a', { rw: '1a' }, 'nomor RW harus angka 1–999'],
    ['RW a1', { rw: 'a1' }, 'nomor RW harus angka 1–999'],
    ['no RW', { rw: '' }, 'nomor RW harus angka 1–999'],
    ['RT 0', { rt: '0' }, 'nomor RT harus angka 1–999'],
    ['RT 1000', { rt: '1000' }, 'nomor RT harus angka 1–999'],
    ['RT -1', { rt: '-1' }, 'nomor RT harus angka 1–999'],
    ['no chair', { chair_name: '' }, 'nama ketua RT kosong'],
    ['a chair name of 121 characters', { chair_name: 'x'.repeat(121) }, 'nama ketua RT terlalu panjang'],
    ['a bank account of 9 digits', { bank_account: '201234567' }, 'nomor rekening harus tepat 10 angka'],
    ['everything wrong', { kelurahan_code: 'x', rw: '0', rt: 'x', chair_name: '', bank_account: '' }, 'kode kelurahan harus 10 angka; nomor RW harus angka 1–999; nomor RT harus angka 1–999; nama ketua RT kosong; nomor rekening harus tepat 10 angka'],
  ])('%s', (_name, change, message) => {
    const r = validateRtRows(RT, lines(rt(change)), known);
    expect(r.errors).toEqual([{ line: 2, message }]);
    expect(r.rows).toEqual([]);
  });

  it('takes a chair name of exactly 120 characters', () => {
    expect(validateRtRows(RT, lines(rt({ chair_name: 'x'.repeat(120) })), known).errors).toEqual([]);
  });

  it.each<[string, RawRecord[], Array<{ line: number; message: string }>]>([
    ['the same RT twice', [rt(), rt({ rw: '01', bank_account: '2012345679' })], [{ line: 3, message: 'RT ganda (RT 1 / RW 1 sudah ada di baris 2)' }]],
    ['the same RT number in another RW', [rt(), rt({ rw: '2', bank_account: '2012345679' })], []],
    ['the same account twice', [rt(), rt({ rt: '2' })], [{ line: 3, message: 'nomor rekening 2012345678 sama dengan baris 2' }]],
    ['a bad RT number twice is not a duplicate', [rt({ rt: 'x' }), rt({ rt: 'x', bank_account: '2012345679' })], [{ line: 2, message: 'nomor RT harus angka 1–999' }, { line: 3, message: 'nomor RT harus angka 1–999' }]],
    ['a bad row does not take its RT or account', [rt({ chair_name: '' }), rt()], [{ line: 2, message: 'nama ketua RT kosong' }]],
  ])('%s', (_name, recs, errors) => {
    expect(validateRtRows(RT, lines(...recs), known).errors).toEqual(errors);
  });

  it('refuses an account another RT already holds, not the RT that holds it', () => {
    const holder = (account: string) => (account === '2012345678' ? '3374050005/1/1' : undefined);
    expect(validateRtRows(RT, lines(rt()), known, holder).errors).toEqual([]);
    expect(validateRtRows(RT, lines(rt({ rt: '2' })), known, holder).errors).toEqual([{ line: 2, message: 'nomor rekening 2012345678 sudah tercatat untuk RT lain' }]);
    expect(validateRtRows(RT, lines(rt({ bank_account: '2012345679' })), known, holder).errors).toEqual([]);
    expect(validateRtRows(RT, lines(rt()), known).errors).toEqual([]);
  });

  it('reports missing columns on line 1 and reads no row', () => {
    expect(validateRtRows(['kelurahan_code', 'rw', 'rt'], lines(rt()), known)).toEqual({
      rows: [],
      errors: [{ line: 1, message: 'Kolom wajib tidak ada: chair_name, bank_account' }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { validateRtRows, validateWilayahRows } from '../../src/domain/registry/rows';
import { defaultProgrammeYear, validateProgrammeYear } from '../../src/domain/grants/programme-year';

const known = (code: string) => code.startsWith('3374050');

describe('RT rows', () => {
  const header = ['kelurahan_code', 'rw', 'rt', 'chair_name', 'bank_account'];
  it.each([
    [{ kelurahan_code: '3374050005', rw: '1', rt: '1', chair_name: 'Budi', bank_account: '2012345678' }, null],
    [{ kelurahan_code: '3374999001', rw: '1', rt: '1', chair_name: 'Budi', bank_account: '2012345678' }, 'tidak dikenal'],
    [{ kelurahan_code: '3374050005', rw: '1', rt: '1', chair_name: 'Budi', bank_account: '201234567' }, 'tepat 10 angka'],
    [{ kelurahan_code: '3374050005', rw: '1', rt: '1', chair_name: 'Budi', bank_account: '20123456789' }, 'tepat 10 angka'],
    [{ kelurahan_code: '3374050005', rw: '1', rt: '1', chair_name: 'Budi', bank_account: '20123A5678' }, 'tepat 10 angka'],
    [{ kelurahan_code: '3374050005', rw: '1', rt: '1', chair_name: '  ', bank_account: '2012345678' }, 'kosong'],
    [{ kelurahan_code: '3374050005', rw: 'x', rt: '1', chair_name: 'Budi', bank_account: '2012345678' }, 'RW'],
    [{ kelurahan_code: '3374050005', rw: '1', rt: '0', chair_name: 'Budi', bank_account: '2012345678' }, 'RT'],
  ])('%j → %s', (rec, problem) => {
    const r = validateRtRows(header, [{ line: 2, rec }], known);
    if (problem === null) expect(r.errors).toEqual([]);
    else expect(r.errors[0]?.message).toContain(problem);
  });

  it('reports a duplicate RT with both line numbers', () => {
    const rec = { kelurahan_code: '3374050005', rw: '2', rt: '3', chair_name: 'Budi', bank_account: '2012345678' };
    const r = validateRtRows(header, [{ line: 2, rec }, { line: 3, rec: { ...rec, chair_name: 'Ani', bank_account: '2012345679' } }], known);
    expect(r.errors).toEqual([{ line: 3, message: expect.stringContaining('baris 2') }]);
  });

  it('refuses a bank account already held by another RT, or repeated in the file', () => {
    const a = { kelurahan_code: '3374050005', rw: '1', rt: '1', chair_name: 'Budi', bank_account: '2012345678' };
    const b = { ...a, rt: '2' };
    const r = validateRtRows(header, [{ line: 2, rec: a }, { line: 3, rec: b }], known);
    expect(r.errors).toEqual([{ line: 3, message: expect.stringContaining('sama dengan baris 2') }]);
    const held = validateRtRows(header, [{ line: 2, rec: b }], known, (acc) => (acc === '2012345678' ? '3374050005/1/1' : undefined));
    expect(held.errors[0]?.message).toContain('sudah tercatat untuk RT lain');
    const own = validateRtRows(header, [{ line: 2, rec: a }], known, () => '3374050005/1/1');
    expect(own.errors).toEqual([]);
  });

  it('cleans invisible characters out of names', () => {
    const r = validateRtRows(header, [{ line: 2, rec: { kelurahan_code: '3374050005', rw: '1', rt: '1', chair_name: '\u200b\u200b\u0000', bank_account: '2012345678' } }], known);
    expect(r.errors[0]?.message).toContain('kosong');
  });

  it('reports missing columns on line 1', () => {
    expect(validateRtRows(['kelurahan_code'], [], known).errors[0]).toMatchObject({ line: 1 });
  });
});

describe('wilayah rows', () => {
  it('requires the kelurahan code to start with its kecamatan code', () => {
    const r = validateWilayahRows(['kecamatan_code', 'kecamatan', 'kelurahan_code', 'kelurahan'], [
      { line: 2, rec: { kecamatan_code: '3374050', kecamatan: 'Semarang Selatan', kelurahan_code: '3374060001', kelurahan: 'X' } },
    ]);
    expect(r.errors[0]).toMatchObject({ line: 2, message: expect.stringContaining('diawali') });
  });
});

describe('programme year defaults', () => {
  it('2025 starts in July, later years on 1 January, with the seven categories', () => {
    expect(defaultProgrammeYear(2025)).toMatchObject({ startsOn: '2025-07-01', endsOn: '2025-12-31', allocationPerRt: 25_000_000, spjDueDay: 10, finalReportDue: '2025-12-15' });
    const y = defaultProgrammeYear(2026);
    expect(y.startsOn).toBe('2026-01-01');
    expect(y.categories.map((c) => c.code)).toEqual(['ADM', 'SOS', 'BUD', 'PEM', 'LIN', 'PML', 'PRL']);
    expect(y.categories.find((c) => c.code === 'ADM')?.maxPercentOfAllocation).toBe('2.5');
    expect(() => validateProgrammeYear(y)).not.toThrow();
    expect(() => validateProgrammeYear({ ...y, stagePercents: ['50', '40'] })).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { DEFAULT_RISK_THRESHOLDS } from '../../src/domain/grants/risk-thresholds';
import { DEFAULT_FORBIDDEN_KEYWORDS } from '../../src/domain/grants/forbidden-uses';
import {
  DEFAULT_ALLOCATION_PER_RT,
  DEFAULT_CATEGORIES,
  DEFAULT_FORBIDDEN_USES,
  DEFAULT_GATES,
  defaultProgrammeYear,
  isInsideYear,
  validateProgrammeYear,
  NATIONAL_HOLIDAYS,
  type ProgrammeYear,
} from '../../src/domain/grants/programme-year';

const outcome = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? e.code : `unexpected: ${String(e)}`;
  }
};

describe('the Semarang defaults of a programme year', () => {
  it('holds every rule of DOMAIN.md as a setting', () => {
    expect(defaultProgrammeYear(2026)).toEqual({
      year: 2026,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      allocationPerRt: 25_000_000,
      allocationPerGrantee: { rt: 25_000_000, rw: 3_000_000 },
      approvalSteps: ['verify', 'approve'],
      disbursementMode: 'monthly',
      stagePercents: ['40', '40', '20'],
      stageAccountedPercent: '75',
      categories: [
        { code: 'ADM', name: 'Administrasi', description: 'ATK, cetak, fotokopi', maxPercentOfAllocation: '2.5', itemCaps: [], evidence: ['nota'] },
        { code: 'SOS', name: 'Kegiatan sosial kemasyarakatan', description: 'Konsumsi rapat, kerja bakti, santunan duka dan sakit', maxPercentOfAllocation: null, itemCaps: [], evidence: ['nota', 'foto_kegiatan', 'daftar_hadir'] },
        {
          code: 'BUD', name: 'Kegiatan budaya dan keagamaan', description: 'Peringatan hari besar, kegiatan keagamaan, hadiah lomba', maxPercentOfAllocation: null,
          itemCaps: [{ label: 'Honor pemuka agama', maxRupiah: 1_000_000 }], evidence: ['nota', 'foto_kegiatan', 'daftar_hadir'],
        },
        {
          code: 'PEM', name: 'Pemberdayaan masyarakat', description: 'Pelatihan, olahraga, pemberdayaan warga', maxPercentOfAllocation: null,
          itemCaps: [{ label: 'Honor instruktur olahraga/senam', maxRupiah: 400_000 }], evidence: ['nota', 'foto_kegiatan', 'daftar_hadir'],
        },
        {
          code: 'LIN', name: 'Kebersihan dan keamanan lingkungan', description: 'Kebersihan, keamanan, ronda', maxPercentOfAllocation: null,
          itemCaps: [{ label: 'Honor petugas kebersihan', maxRupiah: 150_000 }], evidence: ['nota', 'foto_kegiatan'],
        },
        { code: 'PML', name: 'Pemeliharaan ringan sarana prasarana', description: 'Pengecatan, tambal jalan, perbaikan gapura (bukan bangunan baru)', maxPercentOfAllocation: null, itemCaps: [], evidence: ['nota', 'foto_barang'] },
        { code: 'PRL', name: 'Peralatan', description: 'Peralatan kecil', maxPercentOfAllocation: null, itemCaps: [{ label: 'Harga per barang', maxRupiah: 300_000 }], evidence: ['nota', 'foto_barang'] },
      ],
      forbiddenUses: ['honor pengurus RT', 'insentif pengurus RT', 'BBM pengurus RT', 'keperluan pribadi', 'pembangunan baru (pos ronda, gapura)', 'kegiatan politik'],
      forbiddenKeywords: DEFAULT_FORBIDDEN_KEYWORDS,
      forbiddenMode: 'refuse',
      gates: { planApproved: true, insideYear: true, withinAllocation: true, bankAccountValid: true, previousSpjVerified: true, stageAccounted: true },
      spjDueDay: 10,
      finalReportDue: '2026-12-15',
      meteraiThreshold: 5_000_000,
      // Indonesia's 17 national holidays of 2026: complaint deadlines count working days without them.
      holidays: NATIONAL_HOLIDAYS[2026],
      riskThresholds: DEFAULT_RISK_THRESHOLDS,
      status: 'open',
    });
    expect(DEFAULT_ALLOCATION_PER_RT).toBe(25_000_000);
  });

  it.each([
    [2025, '2025-07-01', '2025-12-31', '2025-12-15'],
    [2026, '2026-01-01', '2026-12-31', '2026-12-15'],
    [2100, '2100-01-01', '2100-12-31', '2100-12-15'],
  ])('%d runs %s – %s, final report due %s', (year, startsOn, endsOn, finalReportDue) => {
    const y = defaultProgrammeYear(year);
    expect(y).toMatchObject({ year, startsOn, endsOn, finalReportDue });
    expect(outcome(() => validateProgrammeYear(y))).toBe('ok');
  });

  it.each([2024, 2101, 2026.5, Number.NaN, -2026])('refuses the year %d, in the year field', (year) => {
    expect(outcome(() => defaultProgrammeYear(year))).toBe('year_invalid');
    expect(() => defaultProgrammeYear(year)).toThrow(expect.objectContaining({ fields: { year: expect.stringMatching(/^\S.*\.$/) } }));
  });

  it('gives each year its own copy: editing one year leaves the defaults and other years alone', () => {
    const a = defaultProgrammeYear(2026);
    a.categories[2]!.itemCaps[0]!.maxRupiah = 1;
    a.categories[0]!.maxPercentOfAllocation = '50';
    a.forbiddenUses.push('x');
    a.forbiddenKeywords[0]!.keyword = 'x';
    a.forbiddenKeywords[0]!.unless!.push('x');
    a.gates.planApproved = false;
    a.stagePercents.push('1');
    const b = defaultProgrammeYear(2026);
    expect(b.categories[2]!.itemCaps[0]!.maxRupiah).toBe(1_000_000);
    expect(b.categories[0]!.maxPercentOfAllocation).toBe('2.5');
    expect(b.forbiddenUses).toEqual(DEFAULT_FORBIDDEN_USES);
    expect(b.forbiddenUses).toHaveLength(6);
    expect(b.forbiddenKeywords[0]!.keyword).toBe('honor');
    expect(b.forbiddenKeywords[0]!.unless).not.toContain('x');
    expect(b.forbiddenKeywords[1]!.unless).not.toContain('x');
    expect(b.gates.planApproved).toBe(true);
    expect(b.stagePercents).toEqual(['40', '40', '20']);
    expect(DEFAULT_CATEGORIES[2]!.itemCaps[0]!.maxRupiah).toBe(1_000_000);
    expect(DEFAULT_GATES.planApproved).toBe(true);
    expect(DEFAULT_FORBIDDEN_KEYWORDS[0]!.keyword).toBe('honor');
  });
});

describe('validateProgrammeYear', () => {
  const y = defaultProgrammeYear(2026);
  const withCodes = (...codes: string[]) => ({ categories: codes.map((code) => ({ ...y.categories[0]!, code })) });
  it('names the category code it refuses', () => {
    expect(() => validateProgrammeYear({ ...y, ...withCodes('ADM', 'AD1') })).toThrow(/AD1/);
  });

  it.each<[string, Partial<ProgrammeYear>, string]>([
    ['the defaults', {}, 'ok'],
    ['a one-day year', { startsOn: '2026-06-01', endsOn: '2026-06-01' }, 'ok'],
    ['a start after the end', { startsOn: '2026-06-02', endsOn: '2026-06-01' }, 'year_dates_invalid'],
    ['a start in the year before', { startsOn: '2025-12-31' }, 'year_dates_invalid'],
    ['an end in the year after', { endsOn: '2027-01-01' }, 'year_dates_invalid'],
    ['both dates in another year', { startsOn: '2027-01-01', endsOn: '2027-12-31' }, 'year_dates_invalid'],
    ['an allocation of one rupiah', { allocationPerRt: 1 }, 'ok'],
    ['an allocation of zero', { allocationPerRt: 0 }, 'allocation_invalid'],
    ['a negative allocation', { allocationPerRt: -25_000_000 }, 'allocation_invalid'],
    ['an allocation with sen', { allocationPerRt: 25_000_000.5 }, 'allocation_invalid'],
    ['an allocation beyond safe integers', { allocationPerRt: 2 ** 53 }, 'allocation_invalid'],
    ['one stage of 100 %', { stagePercents: ['100'] }, 'ok'],
    ['stages with decimals adding up to 100', { stagePercents: ['33.33', '33.33', '33.34'] }, 'ok'],
    ['stages adding up to 90', { stagePercents: ['50', '40'] }, 'stage_percents_invalid'],
    ['stages adding up to 100,01', { stagePercents: ['50', '50.01'] }, 'stage_percents_invalid'],
    ['no stages', { stagePercents: [] }, 'stage_percents_invalid'],
    ['no categories', { categories: [] }, 'categories_empty'],
    ['a two-letter code', withCodes('AD'), 'category_code_invalid'],
    ['a four-letter code', withCodes('ADMX'), 'category_code_invalid'],
    ['a code with a letter before', withCodes('XADM'), 'category_code_invalid'],
    ['a lower-case code', withCodes('adm'), 'category_code_invalid'],
    ['a code with a digit', withCodes('AD1'), 'category_code_invalid'],
    ['a code used twice', withCodes('ADM', 'SOS', 'ADM'), 'category_code_invalid'],
    ['distinct codes', withCodes('ADM', 'SOS', 'XYZ'), 'ok'],
  ])('%s → %s', (_name, override, expected) => {
    expect(outcome(() => validateProgrammeYear({ ...y, ...override }))).toBe(expected);
  });
});

describe('isInsideYear', () => {
  const y = defaultProgrammeYear(2025);
  it.each([
    ['2025-06-30', false],
    ['2025-07-01', true],
    ['2025-09-15', true],
    ['2025-12-31', true],
    ['2026-01-01', false],
  ])('%s → %s', (date, inside) => {
    expect(isInsideYear(y, date)).toBe(inside);
  });
});

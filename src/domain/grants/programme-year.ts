/**
 * A programme year and its rules. Every rule of DOMAIN.md is a setting here, with the
 * Semarang values as defaults.
 *
 * Invariants:
 * - startsOn <= endsOn, both inside the calendar year; 2025 starts on 1 July, later years
 *   on 1 January;
 * - the allocation per RT is a positive whole-rupiah amount;
 * - staged percentages add up to exactly 100;
 * - category codes are unique, upper-case, three letters.
 */
import Decimal from 'decimal.js';
import { fail } from '../errors';
import { DEFAULT_APPROVAL_STEPS, validateApprovalSteps, type ApprovalStepCode } from './approval-chain';
import { DEFAULT_FORBIDDEN_KEYWORDS, type ForbiddenKeyword } from './forbidden-uses';

export type DisbursementMode = 'monthly' | 'staged';
export type YearStatus = 'open' | 'closed';

export interface ItemCap {
  /** What the cap is about, e.g. "Honor pemuka agama". */
  label: string;
  maxRupiah: number;
}

export interface Category {
  code: string;
  name: string;
  description: string;
  /** Cumulative share of the allocation this category may use, e.g. "2.5" (percent). */
  maxPercentOfAllocation: string | null;
  /** A cap per purchased item (peralatan) or per fee. */
  itemCaps: ItemCap[];
}

export interface ProgrammeYear {
  year: number;
  startsOn: string;
  endsOn: string;
  allocationPerRt: number;
  disbursementMode: DisbursementMode;
  stagePercents: string[];
  /** Share of the previous stage that must be accounted for before the next (staged mode). */
  stageAccountedPercent: string;
  categories: Category[];
  forbiddenUses: string[];
  /** Keywords that mark a plan line or receipt as a forbidden use. */
  forbiddenKeywords: ForbiddenKeyword[];
  /** A receipt matching a forbidden use is refused, or only flagged for the bendahara. */
  forbiddenMode: 'refuse' | 'flag';
  /** Which tranche gates apply (each can be switched off for a year, never skipped silently). */
  gates: TrancheGateSettings;
  /** The chain of approval of plans and tranches, in order (approval-chain.ts); BPKAD pays after the last. */
  approvalSteps: ApprovalStepCode[];
  /** SPJ due on this day of the following month. */
  spjDueDay: number;
  finalReportDue: string;
  /** Amounts at or above this need a duty stamp (meterai). */
  meteraiThreshold: number;
  status: YearStatus;
}

export interface TrancheGateSettings {
  planApproved: boolean;
  insideYear: boolean;
  withinAllocation: boolean;
  bankAccountValid: boolean;
  previousSpjVerified: boolean;
  stageAccounted: boolean;
}

export const DEFAULT_GATES: TrancheGateSettings = {
  planApproved: true,
  insideYear: true,
  withinAllocation: true,
  bankAccountValid: true,
  previousSpjVerified: true,
  stageAccounted: true,
};

export const DEFAULT_CATEGORIES: Category[] = [
  {
    code: 'ADM',
    name: 'Administrasi',
    description: 'ATK, cetak, fotokopi',
    maxPercentOfAllocation: '2.5',
    itemCaps: [],
  },
  {
    code: 'SOS',
    name: 'Kegiatan sosial kemasyarakatan',
    description: 'Konsumsi rapat, kerja bakti, santunan duka dan sakit',
    maxPercentOfAllocation: null,
    itemCaps: [],
  },
  {
    code: 'BUD',
    name: 'Kegiatan budaya dan keagamaan',
    description: 'Peringatan hari besar, kegiatan keagamaan, hadiah lomba',
    maxPercentOfAllocation: null,
    itemCaps: [{ label: 'Honor pemuka agama', maxRupiah: 1_000_000 }],
  },
  {
    code: 'PEM',
    name: 'Pemberdayaan masyarakat',
    description: 'Pelatihan, olahraga, pemberdayaan warga',
    maxPercentOfAllocation: null,
    itemCaps: [{ label: 'Honor instruktur olahraga/senam', maxRupiah: 400_000 }],
  },
  {
    code: 'LIN',
    name: 'Kebersihan dan keamanan lingkungan',
    description: 'Kebersihan, keamanan, ronda',
    maxPercentOfAllocation: null,
    itemCaps: [{ label: 'Honor petugas kebersihan', maxRupiah: 150_000 }],
  },
  {
    code: 'PML',
    name: 'Pemeliharaan ringan sarana prasarana',
    description: 'Pengecatan, tambal jalan, perbaikan gapura (bukan bangunan baru)',
    maxPercentOfAllocation: null,
    itemCaps: [],
  },
  {
    code: 'PRL',
    name: 'Peralatan',
    description: 'Peralatan kecil',
    maxPercentOfAllocation: null,
    itemCaps: [{ label: 'Harga per barang', maxRupiah: 300_000 }],
  },
];

export const DEFAULT_FORBIDDEN_USES = [
  'honor pengurus RT',
  'insentif pengurus RT',
  'BBM pengurus RT',
  'keperluan pribadi',
  'pembangunan baru (pos ronda, gapura)',
  'kegiatan politik',
];

export const DEFAULT_ALLOCATION_PER_RT = 25_000_000;

export function defaultProgrammeYear(year: number): ProgrammeYear {
  if (!Number.isInteger(year) || year < 2025 || year > 2100) {
    throw fail('year_invalid', undefined, { year: 'Harus 2025 atau sesudahnya.' });
  }
  return {
    year,
    // The first year started in July (Perwal 32/2025); from 2026 the budget year is the calendar year.
    startsOn: year === 2025 ? '2025-07-01' : `${year}-01-01`,
    endsOn: `${year}-12-31`,
    allocationPerRt: DEFAULT_ALLOCATION_PER_RT,
    disbursementMode: 'monthly',
    stagePercents: ['40', '40', '20'],
    stageAccountedPercent: '75',
    categories: DEFAULT_CATEGORIES.map((c) => ({ ...c, itemCaps: c.itemCaps.map((i) => ({ ...i })) })),
    forbiddenUses: [...DEFAULT_FORBIDDEN_USES],
    forbiddenKeywords: structuredClone(DEFAULT_FORBIDDEN_KEYWORDS),
    forbiddenMode: 'refuse',
    gates: { ...DEFAULT_GATES },
    approvalSteps: [...DEFAULT_APPROVAL_STEPS],
    spjDueDay: 10,
    finalReportDue: `${year}-12-15`,
    meteraiThreshold: 5_000_000,
    status: 'open',
  };
}

export function validateProgrammeYear(y: ProgrammeYear): void {
  if (!(y.startsOn <= y.endsOn) || !y.startsOn.startsWith(`${y.year}-`) || !y.endsOn.startsWith(`${y.year}-`)) {
    throw fail('year_dates_invalid');
  }
  if (!Number.isSafeInteger(y.allocationPerRt) || y.allocationPerRt <= 0) {
    throw fail('allocation_invalid');
  }
  const total = y.stagePercents.reduce((a, p) => a.plus(new Decimal(p)), new Decimal(0));
  if (!total.equals(100)) throw fail('stage_percents_invalid');
  validateApprovalSteps(y.approvalSteps);
  const codes = new Set<string>();
  for (const c of y.categories) {
    if (!/^[A-Z]{3}$/.test(c.code) || codes.has(c.code)) {
      throw fail('category_code_invalid', { code: c.code });
    }
    codes.add(c.code);
  }
}

/** Whether a business date (YYYY-MM-DD) lies inside the programme year. */
export const isInsideYear = (y: Pick<ProgrammeYear, 'startsOn' | 'endsOn'>, date: string) =>
  date >= y.startsOn && date <= y.endsOn;

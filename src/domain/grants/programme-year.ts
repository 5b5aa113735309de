/**
 * A programme year and its rules. Every rule of DOMAIN.md is a setting here, with the
 * Semarang values as defaults.
 *
 * Invariants:
 * - startsOn <= endsOn, both inside the calendar year; 2025 starts on 1 July, later years
 *   on 1 January;
 * - the allocation per RT is a positive whole-rupiah amount;
 * - staged percentages add up to exactly 100;
 * - category codes are unique, upper-case, three letters; a percentage cap lies in (0, 100];
 *   item caps are positive whole rupiah; each category's evidence checklist names known kinds;
 * - the allocation per grantee kind is a positive whole-rupiah amount; an RT's is
 *   allocationPerRt (the column the database checks), which allocationPerGrantee.rt mirrors;
 * - the SPJ due day is 1–28 (every month has it); the final report is due inside the year;
 * - holidays (the days a complaint's working-day deadline skips) are real calendar dates (the
 *   next January's may be listed too: a deadline late in December runs into it);
 * - programmes other than the main one (OPS, the year's own rules) are sections of the settings:
 *   a code of 2–6 upper-case letters, unique, never OPS; at least one grantee kind with a positive
 *   whole-rupiah allocation; categories checked as the main ones (programmeRules gives the overlay).
 */
import Decimal from 'decimal.js';
import { fail } from '../errors';
import { DEFAULT_APPROVAL_STEPS, validateApprovalSteps, type ApprovalStepCode } from './approval-chain';
import { DEFAULT_FORBIDDEN_KEYWORDS, type ForbiddenKeyword } from './forbidden-uses';
import { DEFAULT_EVIDENCE_CHECKLIST, isEvidenceKind, type EvidenceKind } from './evidence-kinds';
import { defaultRiskThresholds, validateRiskThresholds, type RiskThresholds } from './risk-thresholds';

export type DisbursementMode = 'monthly' | 'staged';
export type YearStatus = 'open' | 'closed';
/** Who receives the grant: an RT, or an RW (Perwal 32/2025 pays both, with their own amounts). */
export const GRANTEE_KINDS = ['rt', 'rw'] as const;
export type GranteeKind = (typeof GRANTEE_KINDS)[number];
export const GRANTEE_LABELS: Record<GranteeKind, string> = { rt: 'RT', rw: 'RW' };

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
  /** The evidence a receipt of this category must carry (absent: the default for its code). */
  evidence?: EvidenceKind[];
}

export interface ProgrammeYear {
  /**
   * Programmes besides the main one (OPS, the year's own rules), e.g. PKK (Perwal 47/2025); absent
   * or empty: none.
   */
  programmes?: ProgrammeSection[];
  year: number;
  startsOn: string;
  endsOn: string;
  allocationPerRt: number;
  /** The yearly allocation per grantee kind; `rt` always equals allocationPerRt. */
  allocationPerGrantee: Record<GranteeKind, number>;
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
  /** Holidays (YYYY-MM-DD) besides weekends: the working-day deadlines of complaints skip them. */
  holidays: string[];
  /** The early-warning desk's thresholds and weights (src/domain/grants/risk-thresholds.ts). */
  riskThresholds: RiskThresholds;
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

/**
 * Indonesia's national holidays of 2026 (SKB 3 Menteri, September 2025; cuti bersama not
 * included: the admin adds them to a year's list where the offices close).
 */
export const NATIONAL_HOLIDAYS: Record<number, string[]> = {
  2026: [
    '2026-01-01', // Tahun Baru Masehi
    '2026-01-16', // Isra Mikraj
    '2026-02-17', // Tahun Baru Imlek 2577
    '2026-03-19', // Nyepi, Tahun Baru Saka 1948
    '2026-03-21', // Idul Fitri 1447 H
    '2026-03-22', // Idul Fitri 1447 H
    '2026-04-03', // Wafat Yesus Kristus
    '2026-04-05', // Paskah
    '2026-05-01', // Hari Buruh
    '2026-05-14', // Kenaikan Yesus Kristus
    '2026-05-27', // Idul Adha 1447 H
    '2026-05-31', // Waisak 2570 BE
    '2026-06-01', // Hari Lahir Pancasila
    '2026-06-16', // Tahun Baru Islam 1448 H
    '2026-08-17', // Hari Kemerdekaan
    '2026-08-25', // Maulid Nabi Muhammad SAW
    '2026-12-25', // Natal
  ],
};

export const DEFAULT_ALLOCATION_PER_RT = 25_000_000;
export const DEFAULT_ALLOCATION_PER_RW = 3_000_000;

/** The allocation of one grantee of this kind in this year. */
export const allocationFor = (y: Pick<ProgrammeYear, 'allocationPerRt' | 'allocationPerGrantee'>, kind: GranteeKind): number =>
  kind === 'rt' ? y.allocationPerRt : y.allocationPerGrantee[kind];

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
    allocationPerGrantee: { rt: DEFAULT_ALLOCATION_PER_RT, rw: DEFAULT_ALLOCATION_PER_RW },
    disbursementMode: 'monthly',
    stagePercents: ['40', '40', '20'],
    stageAccountedPercent: '75',
    categories: DEFAULT_CATEGORIES.map((c) => ({ ...c, itemCaps: c.itemCaps.map((i) => ({ ...i })), evidence: [...(DEFAULT_EVIDENCE_CHECKLIST[c.code] ?? ['nota'])] })),
    forbiddenUses: [...DEFAULT_FORBIDDEN_USES],
    forbiddenKeywords: structuredClone(DEFAULT_FORBIDDEN_KEYWORDS),
    forbiddenMode: 'refuse',
    gates: { ...DEFAULT_GATES },
    approvalSteps: [...DEFAULT_APPROVAL_STEPS],
    spjDueDay: 10,
    finalReportDue: `${year}-12-15`,
    meteraiThreshold: 5_000_000,
    holidays: [...(NATIONAL_HOLIDAYS[year] ?? [])],
    riskThresholds: defaultRiskThresholds(),
    status: 'open',
  };
}

export function validateProgrammeYear(y: ProgrammeYear): void {
  if (!(y.startsOn <= y.endsOn) || !y.startsOn.startsWith(`${y.year}-`) || !y.endsOn.startsWith(`${y.year}-`)) {
    throw fail('year_dates_invalid');
  }
  const wholePositive = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
  if (!wholePositive(y.allocationPerRt)) throw fail('allocation_invalid');
  for (const kind of GRANTEE_KINDS) {
    if (!wholePositive(y.allocationPerGrantee?.[kind])) {
      throw fail('grantee_allocation_invalid', { kind: GRANTEE_LABELS[kind] }, { [`allocation_${kind}`]: 'Harus rupiah utuh lebih dari nol.' });
    }
  }
  if (y.disbursementMode !== 'monthly' && y.disbursementMode !== 'staged') throw fail('disbursement_mode_invalid', undefined, { disbursementMode: 'Pilih bulanan atau bertahap.' });
  const isPercent = (p: string) => /^\d{1,3}(\.\d{1,2})?$/.test(p) && new Decimal(p).gt(0) && new Decimal(p).lte(100);
  if (!y.stagePercents.length || !y.stagePercents.every(isPercent)) throw fail('stage_percents_invalid', undefined, { stagePercents: 'Contoh: 40, 40, 20.' });
  const total = y.stagePercents.reduce((a, p) => a.plus(new Decimal(p)), new Decimal(0));
  if (!total.equals(100)) throw fail('stage_percents_invalid', undefined, { stagePercents: 'Jumlahnya harus 100.' });
  if (!isPercent(y.stageAccountedPercent)) throw fail('percent_invalid', { what: 'Bagian tahap yang harus dipertanggungjawabkan' }, { stageAccountedPercent: 'Antara 0 dan 100.' });
  if (!y.categories.length) throw fail('categories_empty', undefined, { categories: 'Minimal satu kategori.' });
  validateApprovalSteps(y.approvalSteps);
  const codes = new Set<string>();
  for (const c of y.categories) {
    if (!/^[A-Z]{3}$/.test(c.code) || codes.has(c.code)) {
      throw fail('category_code_invalid', { code: c.code });
    }
    codes.add(c.code);
    if (!c.name.trim()) throw fail('category_name_missing', { code: c.code });
    if (c.maxPercentOfAllocation !== null && !isPercent(c.maxPercentOfAllocation)) {
      throw fail('percent_invalid', { what: `Batas persen kategori ${c.code}` });
    }
    for (const cap of c.itemCaps) {
      if (!cap.label.trim() || !wholePositive(cap.maxRupiah)) throw fail('item_cap_invalid', { code: c.code });
    }
    if (c.evidence !== undefined && (!c.evidence.length || !c.evidence.every(isEvidenceKind))) {
      throw fail('evidence_checklist_invalid', { code: c.code });
    }
  }
  if (!Number.isInteger(y.spjDueDay) || y.spjDueDay < 1 || y.spjDueDay > 28) {
    throw fail('spj_due_day_invalid', undefined, { spjDueDay: 'Antara 1 dan 28.' });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(y.finalReportDue) || !y.finalReportDue.startsWith(`${y.year}-`)) {
    throw fail('final_report_due_invalid', { startsOn: `${y.year}-01-01`, endsOn: `${y.year}-12-31` }, { finalReportDue: 'Harus di dalam tahun anggaran.' });
  }
  if (!wholePositive(y.meteraiThreshold)) throw fail('meterai_threshold_invalid', undefined, { meteraiThreshold: 'Harus rupiah utuh lebih dari nol.' });
  const isDate = (d: unknown) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (!Array.isArray(y.holidays) || !y.holidays.every(isDate)) throw fail('holidays_invalid', undefined, { holidays: 'Tanggal TTTT-BB-HH yang ada di kalender.' });
  validateRiskThresholds(y.riskThresholds);
  if (!Array.isArray(y.forbiddenUses) || !y.forbiddenUses.every((u) => typeof u === 'string')) throw fail('forbidden_keyword_invalid');
  if (y.forbiddenMode !== 'refuse' && y.forbiddenMode !== 'flag') throw fail('forbidden_mode_invalid');
  for (const k of y.forbiddenKeywords) {
    if (typeof k?.keyword !== 'string' || !k.keyword.trim() || typeof k.reason !== 'string') throw fail('forbidden_keyword_invalid');
  }
  validateProgrammes(y, validateProgrammeYear);
}

/** Whether a business date (YYYY-MM-DD) lies inside the programme year. */
export const isInsideYear = (y: Pick<ProgrammeYear, 'startsOn' | 'endsOn'>, date: string) =>
  date >= y.startsOn && date <= y.endsOn;

// ---- Programmes (the main one, OPS, is the year itself; others are sections of its settings) ----

export const MAIN_PROGRAMME = 'OPS';
/** OPS is the main programme's; RT and RW would read as a grantee's kind in account names. */
const RESERVED_CODES = [MAIN_PROGRAMME, 'RT', 'RW'];
export const MAIN_PROGRAMME_NAME = 'Bantuan Operasional RT/RW';
export const MAIN_PROGRAMME_BASIS = 'Perwal Semarang No. 32 Tahun 2025';

/** A programme other than the main one, as stored in the year's settings (`programmes`). */
export interface ProgrammeSection {
  code: string;
  name: string;
  legalBasis: string;
  /** The kinds of grantee it pays, each with its label ("PKK RT") and yearly allocation. */
  granteeKinds: Array<{ kind: GranteeKind; label: string; allocationRupiah: number }>;
  categories: Category[];
  forbiddenUses?: string[];
  forbiddenKeywords?: ForbiddenKeyword[];
}

/** The programme code of a grantee (absent: the main one). */
export const programmeOf = (g: { programme?: string | null }): string => g.programme ?? MAIN_PROGRAMME;
export const isMainProgramme = (code: string | null | undefined) => (code ?? MAIN_PROGRAMME) === MAIN_PROGRAMME;

/** Whether the year has rules for programme `code` (OPS always). */
export const programmeConfigured = (y: Pick<ProgrammeYear, 'programmes'>, code: string) => isMainProgramme(code) || programmeSection(y, code) !== undefined;

/** The section of programme `code`, or undefined (never for OPS). */
export const programmeSection = (y: Pick<ProgrammeYear, 'programmes'>, code: string): ProgrammeSection | undefined =>
  isMainProgramme(code) ? undefined : (y.programmes ?? []).find((p) => p.code === code);

/**
 * The rules a grantee of programme `code` is judged by: the year itself for OPS, otherwise the
 * year with the programme's amounts, categories and (when it sets them) forbidden uses; the chain of
 * approval, the calendar, gates and thresholds stay the year's.
 * A programme the year does not configure is refused (programme_not_configured).
 */
export function programmeRules(y: ProgrammeYear, code: string = MAIN_PROGRAMME): ProgrammeYear {
  if (isMainProgramme(code)) return y;
  const p = programmeSection(y, code);
  if (!p) throw fail('programme_not_configured', { code, year: y.year });
  const amount = (kind: GranteeKind) => p.granteeKinds.find((k) => k.kind === kind)?.allocationRupiah;
  const rt = amount('rt');
  const rw = amount('rw');
  // A kind the programme does not pay keeps a placeholder amount no grantee can have (registration refuses it).
  const first = p.granteeKinds[0]?.allocationRupiah ?? y.allocationPerRt;
  return {
    ...y,
    allocationPerRt: rt ?? first,
    allocationPerGrantee: { rt: rt ?? first, rw: rw ?? first },
    categories: p.categories,
    forbiddenUses: p.forbiddenUses ?? y.forbiddenUses,
    forbiddenKeywords: p.forbiddenKeywords ?? y.forbiddenKeywords,
    programmes: [],
  };
}

/**
 * Checks the sections of a year (validateProgrammeYear calls it, and checks each overlay with the
 * same rules as the main categories through `checkRules`).
 */
export function validateProgrammes(y: ProgrammeYear, checkRules: (overlay: ProgrammeYear) => void): void {
  if (y.programmes === undefined) return;
  if (!Array.isArray(y.programmes)) throw fail('programme_invalid', { code: '?' });
  const seen = new Set<string>();
  for (const p of y.programmes) {
    const code = typeof p?.code === 'string' ? p.code : '?';
    if (!/^[A-Z]{2,6}$/.test(code) || RESERVED_CODES.includes(code) || seen.has(code)) throw fail('programme_code_invalid', { code });
    seen.add(code);
    if (typeof p.name !== 'string' || !p.name.trim() || typeof p.legalBasis !== 'string' || !p.legalBasis.trim()) throw fail('programme_invalid', { code });
    if (!Array.isArray(p.granteeKinds) || !p.granteeKinds.length) throw fail('programme_invalid', { code });
    const kinds = new Set<string>();
    for (const k of p.granteeKinds) {
      if (!(GRANTEE_KINDS as readonly string[]).includes(k?.kind) || kinds.has(k.kind) || typeof k.label !== 'string' || !k.label.trim()) throw fail('programme_invalid', { code });
      kinds.add(k.kind);
      if (typeof k.allocationRupiah !== 'number' || !Number.isSafeInteger(k.allocationRupiah) || k.allocationRupiah <= 0) {
        throw fail('grantee_allocation_invalid', { kind: k.label });
      }
    }
    if (!Array.isArray(p.categories)) throw fail('programme_invalid', { code });
    checkRules(programmeRules(y, code));
  }
}

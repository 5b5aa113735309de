/**
 * The early-warning desk's thresholds and weights: a setting of the programme year (kept in its
 * versioned settings like every other rule, so a change applies from its date).
 *
 * Invariants:
 * - every threshold is a whole number (rupiah, days, percent or a count), never a float, so a
 *   stored setting compares exactly;
 * - percents lie in 1..100, counts and days are ≥ 1, rupiah amounts ≥ 1;
 * - a weight is a whole number 0..10 (0 switches a flag kind off the ranking, not off the list).
 */
import { fail } from '../errors';

export const RISK_KINDS = [
  'spj_overdue',
  'lapse',
  'spike',
  'round_amounts',
  'just_under',
  'item_cap_under',
  'splitting',
  'shared_vendor',
  'nota_series',
  'shared_photo',
  'complaints_overdue',
  'tranche_unpaid',
] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export const RISK_KIND_LABELS: Record<RiskKind, string> = {
  spj_overdue: 'SPJ terlambat',
  lapse: 'Belanja jauh di bawah rencana',
  spike: 'Lonjakan belanja',
  round_amounts: 'Banyak nominal bulat',
  just_under: 'Nominal tepat di bawah batas meterai',
  item_cap_under: 'Harga satuan tepat di bawah batas per barang/honor',
  splitting: 'Dugaan pemecahan nota',
  shared_vendor: 'Penjual yang sama di banyak RT',
  nota_series: 'Seri nota yang sama di beberapa RT',
  shared_photo: 'Foto mirip di RT lain',
  complaints_overdue: 'Aduan warga lewat tenggat',
  tranche_unpaid: 'Pencairan disetujui belum dibayar',
};

export interface RiskThresholds {
  /** SPJ: a month not sent (or returned/taken back) this many days past its due date. */
  spjOverdueDays: number;
  /** Lapse: judged only once this share of the year has passed (percent). */
  lapseMinElapsedPercent: number;
  /** Lapse: fires when spending is below this share of what the plan expects by now (percent). */
  lapseSpentOfExpectedPercent: number;
  /** Spike: a completed month at least this many times the RT's median month... */
  spikeFactor: number;
  /** ...with at least this many completed months with spending behind it... */
  spikeMinMonths: number;
  /** ...and at least this amount (rupiah). */
  spikeMinAmount: number;
  /** Round amounts: a multiple of this (rupiah) counts as round. */
  roundUnit: number;
  /** Round amounts: fires when this share (percent) of verified receipts is round... */
  roundSharePercent: number;
  /** ...with at least this many verified receipts. */
  roundMinCount: number;
  /** Just under: within this percent below the meterai threshold. */
  justUnderPercent: number;
  /** Just under: fires with at least this many such receipts. */
  justUnderMinCount: number;
  /** Just under an item cap: a unit price within this percent below a per-item cap (the cap itself included)... */
  itemCapUnderPercent: number;
  /** ...at least this many such item lines... */
  itemCapUnderMinCount: number;
  /** ...making at least this share (percent) of the item lines a cap binds. */
  itemCapUnderSharePercent: number;
  /** Splitting: receipts of one vendor within this many days... */
  splitWindowDays: number;
  /** ...at least this many, each under the meterai threshold, together at or above it. */
  splitMinReceipts: number;
  /** Shared vendor: the same normalised vendor in at least this many RTs... */
  sharedVendorMinRts: number;
  /** ...spread over at least this many kelurahan. */
  sharedVendorMinKelurahan: number;
  /** Vendors every RT shops at (normalised names): never a shared-vendor flag. */
  vendorIgnore: string[];
  /** Nota series: numbers of one vendor's series within this span... */
  notaSeriesSpan: number;
  /** ...used by at least this many RTs. */
  notaSeriesMinRts: number;
  /** Tranche unpaid: approved this many days ago and not paid. */
  trancheUnpaidDays: number;
  /** Weight of each kind in an RT's score (score = Σ weight × severity). */
  weights: Record<RiskKind, number>;
}

export const DEFAULT_RISK_WEIGHTS: Record<RiskKind, number> = {
  spj_overdue: 3,
  lapse: 2,
  spike: 2,
  round_amounts: 1,
  just_under: 2,
  item_cap_under: 2,
  splitting: 3,
  shared_vendor: 2,
  nota_series: 3,
  shared_photo: 3,
  complaints_overdue: 2,
  tranche_unpaid: 1,
};

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  spjOverdueDays: 7,
  lapseMinElapsedPercent: 25,
  lapseSpentOfExpectedPercent: 50,
  spikeFactor: 3,
  spikeMinMonths: 3,
  spikeMinAmount: 2_000_000,
  roundUnit: 50_000,
  roundSharePercent: 60,
  roundMinCount: 8,
  justUnderPercent: 10,
  justUnderMinCount: 2,
  itemCapUnderPercent: 10,
  itemCapUnderMinCount: 3,
  itemCapUnderSharePercent: 50,
  splitWindowDays: 3,
  splitMinReceipts: 2,
  sharedVendorMinRts: 10,
  sharedVendorMinKelurahan: 2,
  vendorIgnore: ['indomaret', 'alfamart', 'alfamidi', 'superindo', 'hypermart', 'giant', 'carrefour', 'transmart', 'lotte mart', 'pln', 'pdam', 'pos indonesia', 'tokopedia', 'shopee'],
  notaSeriesSpan: 50,
  notaSeriesMinRts: 3,
  trancheUnpaidDays: 7,
  weights: { ...DEFAULT_RISK_WEIGHTS },
};

export const defaultRiskThresholds = (): RiskThresholds => ({ ...DEFAULT_RISK_THRESHOLDS, vendorIgnore: [...DEFAULT_RISK_THRESHOLDS.vendorIgnore], weights: { ...DEFAULT_RISK_WEIGHTS } });

/** Stored thresholds with the defaults of any added later. */
export const riskThresholdsWithDefaults = (stored: Partial<RiskThresholds> | undefined): RiskThresholds => ({
  ...defaultRiskThresholds(),
  ...stored,
  weights: { ...DEFAULT_RISK_WEIGHTS, ...stored?.weights },
});

const PERCENTS: Array<keyof RiskThresholds> = ['lapseMinElapsedPercent', 'lapseSpentOfExpectedPercent', 'roundSharePercent', 'justUnderPercent', 'itemCapUnderPercent', 'itemCapUnderSharePercent'];
const POSITIVE: Array<keyof RiskThresholds> = [
  'spjOverdueDays',
  'spikeFactor',
  'spikeMinMonths',
  'spikeMinAmount',
  'roundUnit',
  'roundMinCount',
  'justUnderMinCount',
  'itemCapUnderMinCount',
  'splitWindowDays',
  'splitMinReceipts',
  'sharedVendorMinRts',
  'sharedVendorMinKelurahan',
  'notaSeriesSpan',
  'notaSeriesMinRts',
  'trancheUnpaidDays',
];

export function validateRiskThresholds(t: RiskThresholds): void {
  if (typeof t !== 'object' || t === null || Array.isArray(t)) throw fail('risk_threshold_invalid', { what: 'riskThresholds' });
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);
  for (const k of PERCENTS) if (!whole(t[k]) || (t[k] as number) < 1 || (t[k] as number) > 100) throw fail('risk_threshold_invalid', { what: k });
  for (const k of POSITIVE) if (!whole(t[k]) || (t[k] as number) < 1) throw fail('risk_threshold_invalid', { what: k });
  if (!Array.isArray(t.vendorIgnore) || !t.vendorIgnore.every((v) => typeof v === 'string')) throw fail('risk_threshold_invalid', { what: 'vendorIgnore' });
  if (typeof t.weights !== 'object' || t.weights === null) throw fail('risk_threshold_invalid', { what: 'weights' });
  for (const k of RISK_KINDS) {
    const w = t.weights[k];
    if (!whole(w) || w < 0 || w > 10) throw fail('risk_threshold_invalid', { what: `weights.${k}` });
  }
}

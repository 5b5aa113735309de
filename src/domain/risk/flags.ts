/**
 * The early-warning flags of one grantee (an RT or an RW), each a pure function over plain facts.
 * The formulas are documented in the README ("Deteksi dini: rumus"); the thresholds are the
 * year's (thresholds.ts).
 *
 * Invariants:
 * - a flag fires only at or beyond its threshold (the edge itself fires), never below it;
 * - severity is a whole number 1..100; a flag's numbers are whole numbers or short texts, so a
 *   stored flag compares exactly with a recomputation;
 * - money is whole rupiah; shares are computed in integer arithmetic (a × 100 ≥ b × p, never a
 *   float compared with a threshold);
 * - every flag names its evidence (receipts, SPJ months, tranches) for the desk to link.
 */
import type { Category, ItemCap } from '../grants/programme-year';
import { capsFor } from '../grants/receipt';
import { pushTo } from '../lists';
import { dayStamp, daysBetween, daysBetweenStamps } from '../grants/spj';
import type { RiskKind, RiskThresholds } from '../grants/risk-thresholds';

export type EvidenceRef =
  | { type: 'receipt'; id: number; rtId: number }
  | { type: 'spj'; month: string; rtId: number }
  | { type: 'tranche'; id: number; rtId: number }
  | { type: 'rt'; rtId: number };

export interface RiskFlag {
  kind: RiskKind;
  /** 1..100: how bad, by the kind's formula. */
  severity: number;
  numbers: Record<string, number | string>;
  evidence: EvidenceRef[];
}

const clampSeverity = (n: number) => Math.max(1, Math.min(100, Math.round(n)));
const MAX_EVIDENCE = 12;

/** One month an SPJ is owed for (src/app/spj.ts schedule): open = not sent, returned or taken back. */
export interface SpjMonth {
  month: string;
  due: string;
  open: boolean;
  daysLate: number;
}

/**
 * SPJ overdue: open months at least `spjOverdueDays` past due (the due date from spjDueDate).
 * Severity = min(100, longest delay in days + 10 × (months late − 1)).
 */
export function spjOverdueFlag(rtId: number, months: readonly SpjMonth[], t: RiskThresholds): RiskFlag | null {
  const late = months.filter((m) => m.open && m.daysLate >= t.spjOverdueDays);
  if (!late.length) return null;
  const worst = Math.max(...late.map((m) => m.daysLate));
  return {
    kind: 'spj_overdue',
    severity: clampSeverity(worst + 10 * (late.length - 1)),
    numbers: { months: late.length, worstDays: worst, firstMonth: late[0]!.month },
    evidence: late.slice(0, MAX_EVIDENCE).map((m) => ({ type: 'spj', month: m.month, rtId })),
  };
}

export interface PaceFacts {
  allocation: number;
  /** Verified spending of the year so far. */
  spent: number;
  startsOn: string;
  endsOn: string;
  asOf: string;
  /** Whether any tranche was drawn: a grantee that never drew has not taken the grant, no pace to judge. */
  drawnAny: boolean;
}

/**
 * Money that will lapse: expected = allocation × elapsed days / days of the year; fires when
 * elapsed ≥ lapseMinElapsedPercent and spent × 100 < expected × lapseSpentOfExpectedPercent.
 * At the current pace the year ends with spent × days / elapsed; the rest lapses.
 * Severity = lapsing share of the allocation in percent. Judged only for a grantee that drew a
 * tranche (one that never drew has not taken the grant).
 */
export function lapseFlag(rtId: number, f: PaceFacts, t: RiskThresholds): RiskFlag | null {
  if (!f.drawnAny || f.allocation <= 0 || f.asOf < f.startsOn) return null;
  const days = daysBetween(f.startsOn, f.endsOn) + 1;
  const elapsed = Math.min(days, daysBetween(f.startsOn, f.asOf) + 1);
  if (elapsed * 100 < days * t.lapseMinElapsedPercent) return null;
  const expected = Math.floor((f.allocation * elapsed) / days);
  if (f.spent * 100 >= expected * t.lapseSpentOfExpectedPercent) return null;
  const projected = Math.min(f.allocation, Math.floor((f.spent * days) / elapsed));
  const lapsing = f.allocation - projected;
  return {
    kind: 'lapse',
    severity: clampSeverity((lapsing * 100) / f.allocation),
    numbers: { allocation: f.allocation, expected, spent: f.spent, projected, lapsing, elapsedPercent: Math.floor((elapsed * 100) / days) },
    evidence: [{ type: 'rt', rtId }],
  };
}

/** The median of whole numbers (the lower middle for an even count, so it stays whole). */
export function medianOf(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)]! : 0;
}

/**
 * Spike: a completed month's verified spending ≥ spikeFactor × the median of the RT's completed
 * months with spending (at least spikeMinMonths of them) and ≥ spikeMinAmount.
 * Severity = min(100, 10 × month / median).
 */
export function spikeFlag(rtId: number, monthly: ReadonlyArray<{ month: string; spent: number }>, t: RiskThresholds): RiskFlag | null {
  const months = monthly.filter((m) => m.spent > 0);
  if (months.length < t.spikeMinMonths) return null;
  const median = medianOf(months.map((m) => m.spent));
  const spikes = months.filter((m) => m.spent >= t.spikeMinAmount && m.spent >= median * t.spikeFactor);
  if (!spikes.length || median <= 0) return null;
  const worst = spikes.reduce((a, m) => (m.spent > a.spent ? m : a));
  return {
    kind: 'spike',
    severity: clampSeverity((10 * worst.spent) / median),
    numbers: { month: worst.month, spent: worst.spent, median, timesMedian10: Math.floor((worst.spent * 10) / median), spikes: spikes.length },
    evidence: spikes.slice(0, MAX_EVIDENCE).map((m) => ({ type: 'spj', month: m.month, rtId })),
  };
}

export interface ReceiptFact {
  id: number;
  date: string;
  amount: number;
  vendorKey: string;
  notaNumber: string | null;
  /** Verified (counted in spending) or pending (recorded, not yet decided). */
  verified: boolean;
}

/**
 * Round amounts: among verified receipts (at least roundMinCount), the share that are multiples
 * of roundUnit ≥ roundSharePercent. Severity = the share in percent.
 */
export function roundAmountsFlag(rtId: number, receipts: readonly ReceiptFact[], t: RiskThresholds): RiskFlag | null {
  const verified = receipts.filter((r) => r.verified);
  if (verified.length < t.roundMinCount) return null;
  const round = verified.filter((r) => r.amount % t.roundUnit === 0);
  if (round.length * 100 < verified.length * t.roundSharePercent) return null;
  return {
    kind: 'round_amounts',
    severity: clampSeverity((round.length * 100) / verified.length),
    numbers: { round: round.length, count: verified.length, sharePercent: Math.floor((round.length * 100) / verified.length), unit: t.roundUnit },
    evidence: round.slice(0, MAX_EVIDENCE).map((r) => ({ type: 'receipt', id: r.id, rtId })),
  };
}

/** The lowest amount that counts as "just under" the threshold. */
export const justUnderFloor = (threshold: number, t: RiskThresholds) => threshold - Math.floor((threshold * t.justUnderPercent) / 100);

/**
 * Just under the meterai threshold: live receipts with floor ≤ amount < threshold, at least
 * justUnderMinCount of them. Severity = min(100, 25 × count).
 */
export function justUnderFlag(rtId: number, receipts: readonly ReceiptFact[], meterai: number, t: RiskThresholds): RiskFlag | null {
  const floor = justUnderFloor(meterai, t);
  const under = receipts.filter((r) => r.amount >= floor && r.amount < meterai);
  if (under.length < t.justUnderMinCount) return null;
  return {
    kind: 'just_under',
    severity: clampSeverity(25 * under.length),
    numbers: { count: under.length, floor, threshold: meterai, total: under.reduce((a, r) => a + r.amount, 0) },
    evidence: under.slice(0, MAX_EVIDENCE).map((r) => ({ type: 'receipt', id: r.id, rtId })),
  };
}

/** One item line of a live receipt, with its receipt's category (the caps are the category's). */
export interface ItemFact {
  receiptId: number;
  category: string;
  name: string;
  unitPrice: number;
}

/** The lowest unit price that counts as "just under" a per-item cap. */
export const itemCapFloor = (maxRupiah: number, t: RiskThresholds) => maxRupiah - Math.floor((maxRupiah * t.itemCapUnderPercent) / 100);

/**
 * Just under a per-item cap (padding to the cap, or a fee split to fit it): item lines of live
 * receipts whose unit price lies in floor ≤ price ≤ cap for a cap that binds them — the receipt
 * check's own matching (capsFor); the cap is the highest price allowed, so a price at the cap
 * counts. Fires with at least itemCapUnderMinCount such lines making at least
 * itemCapUnderSharePercent of the lines some cap binds. Severity = min(100, 20 × count).
 * Numbers name the cap hit most often (ties: the label first in order).
 */
export function itemCapUnderFlag(rtId: number, items: readonly ItemFact[], categories: ReadonlyArray<Pick<Category, 'code' | 'itemCaps'>>, t: RiskThresholds): RiskFlag | null {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  let capped = 0;
  const under: Array<{ item: ItemFact; cap: ItemCap }> = [];
  for (const item of items) {
    const category = byCode.get(item.category);
    const caps = category ? capsFor(category, item.name) : [];
    if (!caps.length) continue;
    capped += 1;
    const hit = caps.find((c) => item.unitPrice >= itemCapFloor(c.maxRupiah, t) && item.unitPrice <= c.maxRupiah);
    if (hit) under.push({ item, cap: hit });
  }
  if (under.length < t.itemCapUnderMinCount || under.length * 100 < capped * t.itemCapUnderSharePercent) return null;
  const perCap = new Map<string, { cap: ItemCap; n: number }>();
  for (const u of under) {
    const k = `${u.cap.label}\u0000${u.cap.maxRupiah}`;
    perCap.set(k, { cap: u.cap, n: (perCap.get(k)?.n ?? 0) + 1 });
  }
  const top = [...perCap.values()].reduce((a, c) => (c.n > a.n || (c.n === a.n && c.cap.label < a.cap.label) ? c : a));
  const receiptIds = [...new Set(under.map((u) => u.item.receiptId))].sort((a, b) => a - b);
  return {
    kind: 'item_cap_under',
    severity: clampSeverity(20 * under.length),
    numbers: {
      count: under.length,
      capped,
      sharePercent: Math.floor((under.length * 100) / capped),
      cap: top.cap.label,
      maxRupiah: top.cap.maxRupiah,
      floor: itemCapFloor(top.cap.maxRupiah, t),
      ofCap: top.n,
      receipts: receiptIds.length,
    },
    evidence: receiptIds.slice(0, MAX_EVIDENCE).map((id) => ({ type: 'receipt', id, rtId })),
  };
}

/**
 * Splitting: live receipts of one vendor within splitWindowDays of the first of them, at least
 * splitMinReceipts, each under the meterai threshold and together at or above it.
 * Severity = min(100, 40 × groups).
 */
export function splittingFlag(rtId: number, receipts: readonly ReceiptFact[], meterai: number, t: RiskThresholds): RiskFlag | null {
  const byVendor = new Map<string, ReceiptFact[]>();
  for (const r of receipts) if (r.amount < meterai && r.vendorKey) pushTo(byVendor, r.vendorKey, r);
  const groups: ReceiptFact[][] = [];
  for (const list of byVendor.values()) {
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
    // Each date read once; the window's end only moves forward (a busy RT's hundreds of receipts
    // at one shop made this pairwise, in every upload's risk refresh). With whole positive
    // amounts (the only ones stored) and rising dates that gives the pairwise version's groups;
    // dates that do not rise (malformed, never stored) restart each window as it did.
    const ms = sorted.map((r) => dayStamp(r.date));
    const rising = ms.every((m, k) => Number.isFinite(m) && (k === 0 || m >= ms[k - 1]!));
    const upTo = [0];
    for (const r of sorted) upTo.push(upTo.at(-1)! + r.amount);
    let i = 0;
    let j = 0;
    while (i < sorted.length) {
      j = rising ? Math.max(j, i) : i;
      while (j + 1 < sorted.length && daysBetweenStamps(ms[i]!, ms[j + 1]!) <= t.splitWindowDays) j++;
      if (j + 1 - i >= t.splitMinReceipts && upTo[j + 1]! - upTo[i]! >= meterai) {
        groups.push(sorted.slice(i, j + 1));
        i = j + 1;
      } else i++;
    }
  }
  if (!groups.length) return null;
  const worst = groups.reduce((a, g) => (sum(g) > sum(a) ? g : a));
  return {
    kind: 'splitting',
    severity: clampSeverity(40 * groups.length),
    numbers: { groups: groups.length, receipts: worst.length, total: sum(worst), threshold: meterai, from: worst[0]!.date, to: worst.at(-1)!.date },
    evidence: groups.flat().slice(0, MAX_EVIDENCE).map((r) => ({ type: 'receipt', id: r.id, rtId })),
  };
}

const sum = (rs: readonly ReceiptFact[]) => rs.reduce((a, r) => a + r.amount, 0);

/** A vendor's RTs across the city (from the kept cross-RT keys). */
export interface VendorSpread {
  vendorKey: string;
  rts: number;
  kelurahan: number;
  receiptIds: number[];
}

/**
 * Shared vendor: a normalised vendor (not on the ignore list) in ≥ sharedVendorMinRts RTs over
 * ≥ sharedVendorMinKelurahan kelurahan. Severity = min(100, 5 × RTs of the widest vendor).
 */
export function sharedVendorFlag(rtId: number, spreads: readonly VendorSpread[], t: RiskThresholds): RiskFlag | null {
  const ignore = new Set(t.vendorIgnore.map(vendorKey));
  const wide = spreads.filter((v) => !ignore.has(v.vendorKey) && v.rts >= t.sharedVendorMinRts && v.kelurahan >= t.sharedVendorMinKelurahan);
  if (!wide.length) return null;
  const worst = wide.reduce((a, v) => (v.rts > a.rts || (v.rts === a.rts && v.vendorKey < a.vendorKey) ? v : a));
  return {
    kind: 'shared_vendor',
    severity: clampSeverity(5 * worst.rts),
    numbers: { vendor: worst.vendorKey, rts: worst.rts, kelurahan: worst.kelurahan, vendors: wide.length },
    evidence: worst.receiptIds.slice(0, MAX_EVIDENCE).map((id) => ({ type: 'receipt', id, rtId })),
  };
}

/**
 * The nota-series rule's nearness, as intervals: the numbers within `span` of one of `nums` (an
 * RT's numbers in one series) are exactly those inside one of these sorted, disjoint, closed
 * intervals [n - span, n + span], merged where they overlap (none for a negative span; numbers
 * that are not finite are near nothing). The risk store is asked for the other holders of a
 * series with a number inside them (risk-facts.ts crossFlags, risk-refresh.ts notaPartnersMoved),
 * so a refresh reads the part of a popular shop's series near the RT's own numbers, not all of it.
 */
export function spanIntervals(nums: readonly number[], span: number): Array<[number, number]> {
  if (!(span >= 0)) return [];
  const sorted = Float64Array.from(nums.filter(Number.isFinite)).sort();
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out.at(-1);
    if (last && n - span <= last[1]) last[1] = n + span;
    else out.push([n - span, n + span]);
  }
  return out;
}

/**
 * Whether a number lies within `span` of one of `nums`: inside one of spanIntervals' intervals,
 * found by a binary search (O(log n)). Comparing every pair made one upload's refresh quadratic
 * in a popular shop's series.
 */
export function withinSpanOf(nums: readonly number[], span: number): (x: number) => boolean {
  const intervals = spanIntervals(nums, span);
  return (x) => {
    // The last interval starting at or before x.
    let lo = 0;
    let hi = intervals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (intervals[mid]![0] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && x <= intervals[lo - 1]![1];
  };
}

/** A nota series shared with other RTs: how many RTs used numbers within the span of this RT's. */
export interface NotaSeriesSpread {
  seriesKey: string;
  rts: number;
  receiptIds: number[];
}

/** Nota series: ≥ notaSeriesMinRts RTs (this one included) used one series within the span. Severity = min(100, 10 × RTs). */
export function notaSeriesFlag(rtId: number, spreads: readonly NotaSeriesSpread[], t: RiskThresholds): RiskFlag | null {
  const wide = spreads.filter((s) => s.rts >= t.notaSeriesMinRts);
  if (!wide.length) return null;
  const worst = wide.reduce((a, s) => (s.rts > a.rts || (s.rts === a.rts && s.seriesKey < a.seriesKey) ? s : a));
  return {
    kind: 'nota_series',
    severity: clampSeverity(10 * worst.rts),
    numbers: { series: worst.seriesKey, rts: worst.rts, span: t.notaSeriesSpan },
    evidence: worst.receiptIds.slice(0, MAX_EVIDENCE).map((id) => ({ type: 'receipt', id, rtId })),
  };
}

/** A near-duplicate photo pair with another RT (either direction). */
export interface PhotoMatch {
  ownReceiptId: number;
  otherRtId: number;
  otherReceiptId: number;
}

/** Shared photo: any near-duplicate photo with another RT's live receipt. Severity = min(100, 40 × other RTs). */
export function sharedPhotoFlag(rtId: number, matches: readonly PhotoMatch[]): RiskFlag | null {
  const others = matches.filter((m) => m.otherRtId !== rtId);
  if (!others.length) return null;
  const rts = new Set(others.map((m) => m.otherRtId));
  const own = [...new Set(others.map((m) => m.ownReceiptId))].sort((a, b) => a - b);
  return {
    kind: 'shared_photo',
    severity: clampSeverity(40 * rts.size),
    numbers: { otherRts: rts.size, receipts: own.length, pairs: others.length },
    evidence: [
      ...own.slice(0, 6).map((id) => ({ type: 'receipt' as const, id, rtId })),
      ...others.slice(0, 6).map((m) => ({ type: 'receipt' as const, id: m.otherReceiptId, rtId: m.otherRtId })),
    ],
  };
}

/** Complaints past their deadline (ComplaintSignals). Severity = min(100, 30 × count + days past the oldest deadline). */
export function complaintsOverdueFlag(rtId: number, signal: { count: number; oldestDeadline: string } | undefined, asOf: string): RiskFlag | null {
  if (!signal || signal.count < 1) return null;
  const days = Math.max(0, daysBetween(signal.oldestDeadline.slice(0, 10), asOf));
  return {
    kind: 'complaints_overdue',
    severity: clampSeverity(30 * signal.count + days),
    numbers: { count: signal.count, oldestDeadline: signal.oldestDeadline.slice(0, 10), days },
    evidence: [{ type: 'rt', rtId }],
  };
}

/** Tranches approved at least trancheUnpaidDays ago and not paid. Severity = min(100, 3 × longest wait in days). */
export function trancheUnpaidFlag(rtId: number, tranches: ReadonlyArray<{ id: number; status: string; decidedOn: string | null; amount: number }>, asOf: string, t: RiskThresholds): RiskFlag | null {
  const waiting = tranches
    .filter((x) => x.status === 'approved' && x.decidedOn !== null)
    .map((x) => ({ ...x, days: daysBetween(x.decidedOn!, asOf) }))
    .filter((x) => x.days >= t.trancheUnpaidDays);
  if (!waiting.length) return null;
  const worst = Math.max(...waiting.map((x) => x.days));
  return {
    kind: 'tranche_unpaid',
    severity: clampSeverity(3 * worst),
    numbers: { count: waiting.length, worstDays: worst, amount: waiting.reduce((a, x) => a + x.amount, 0) },
    evidence: waiting.slice(0, MAX_EVIDENCE).map((x) => ({ type: 'tranche', id: x.id, rtId })),
  };
}

const LEGAL_FORMS = /^(cv|pt|ud|tb|toko|warung|wr|kios|tk)\s+/;

/** A vendor's name normalised: lower case, letters and digits only, single spaces, no legal form ("CV.", "Toko"). */
export function vendorKey(name: string): string {
  let k = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  while (LEGAL_FORMS.test(k)) k = k.replace(LEGAL_FORMS, '');
  return k;
}

/** A nota number's series (its text without the last run of digits) and that number; null without digits. */
export function notaSeries(notaNumber: string | null): { prefix: string; number: number } | null {
  if (!notaNumber) return null;
  const m = /^(.*?)(\d{1,9})\D*$/.exec(notaNumber.trim().toUpperCase());
  if (!m) return null;
  return { prefix: m[1]!.replace(/[^A-Z0-9]+/g, ''), number: Number(m[2]) };
}

/** The weighted score of a set of flags: Σ weight(kind) × severity. */
export function riskScore(flags: ReadonlyArray<Pick<RiskFlag, 'kind' | 'severity'>>, weights: Record<RiskKind, number>): number {
  return flags.reduce((a, f) => a + weights[f.kind] * f.severity, 0);
}

/** A followed-up flag opens again when its severity rises above the one it was followed up at. */
export const reopensOnWorse = (followedSeverity: number | null, severity: number) => followedSeverity !== null && severity > followedSeverity;

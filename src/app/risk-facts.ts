/**
 * One grantee's risk flags on a date: its facts read from the stores, its cross-RT keys, and the
 * domain's flag functions over them (src/domain/risk/flags.ts). Used by the refresh, the full
 * recompute and verify alike, so the kept flags and their check are one computation.
 */
import { todayWib } from '../domain/calendar';
import { pushTo } from '../domain/lists';
import { allocationFor, programmeConfigured, programmeOf, programmeRules } from '../domain/grants/programme-year';
import type { ReceiptFlag } from '../domain/grants/receipt';
import {
  complaintsOverdueFlag,
  itemCapUnderFlag,
  justUnderFlag,
  lapseFlag,
  notaSeries,
  notaSeriesFlag,
  roundAmountsFlag,
  sharedPhotoFlag,
  sharedVendorFlag,
  spikeFlag,
  spjOverdueFlag,
  splittingFlag,
  trancheUnpaidFlag,
  vendorKey,
  type NotaSeriesSpread,
  type PhotoMatch,
  type ReceiptFact,
  type RiskFlag,
  spanIntervals,
} from '../domain/risk/flags';
import type { RiskThresholds } from '../domain/grants/risk-thresholds';
import type { ReceiptRow, RiskLink, RtDetail } from './ports';
import type { Services } from './services';
import { scheduleOf } from './spj';

/** Nota numbers below this are an RT's own kuitansi book (1, 2, 3…), not a shop's printed series. */
export const NOTA_SERIES_MIN_NUMBER = 100;

export interface GranteeFacts {
  rt: RtDetail;
  year: number;
  asOf: string;
  thresholds: RiskThresholds;
  own: RiskFlag[];
  live: ReceiptRow[];
}

const isLive = (r: ReceiptRow) => r.status === 'pending' || r.status === 'verified';

/** The flags that need only the grantee's own records, and its receipts for the cross-RT keys. */
export function ownFacts(s: Services, year: number, rtId: number, asOf: string, complaints: ReadonlyMap<number, { count: number; oldestDeadline: string }>): GranteeFacts | null {
  const rt = s.registry.findRt(rtId);
  const found = s.years.find(year);
  if (!rt || !found || !programmeConfigured(found, programmeOf(rt))) return null;
  const y = programmeRules(s.years.find(year, asOf < found.startsOn ? found.startsOn : asOf)!, programmeOf(rt));
  const t = y.riskThresholds;
  const receipts = s.receipts.ofRt(rtId, year);
  const tranches = s.tranches.ofRt(rtId, year);
  const live = receipts.filter(isLive);
  const facts: ReceiptFact[] = live.map((r) => ({ id: r.id, date: r.date, amount: r.amount, vendorKey: vendorKey(r.vendor), notaNumber: r.notaNumber, verified: r.status === 'verified' }));
  const liveCategory = new Map(live.map((r) => [r.id, r.category]));
  const items = s.receipts
    .itemsOfRt(rtId, year)
    .filter((i) => liveCategory.has(i.receiptId))
    .map((i) => ({ receiptId: i.receiptId, category: liveCategory.get(i.receiptId)!, name: i.name, unitPrice: i.unitPrice }));
  const verified = live.filter((r) => r.status === 'verified' && r.date <= asOf);
  const thisMonth = asOf.slice(0, 7);
  const monthly = new Map<string, number>();
  for (const r of verified) if (r.date.slice(0, 7) < thisMonth) monthly.set(r.date.slice(0, 7), (monthly.get(r.date.slice(0, 7)) ?? 0) + r.amount);
  const schedule = scheduleOf(y, asOf, tranches, s.receipts.spjOfRt(rtId, year)).map((m) => ({
    month: m.month,
    due: m.due,
    open: !m.report || m.report.status === 'returned' || m.report.status === 'withdrawn',
    daysLate: m.daysLate,
  }));
  const own = [
    spjOverdueFlag(rtId, schedule, t),
    lapseFlag(rtId, { allocation: allocationFor(y, rt.kind), spent: verified.reduce((a, r) => a + r.amount, 0), startsOn: y.startsOn, endsOn: y.endsOn, asOf, drawnAny: tranches.some((x) => x.status === 'approved' || x.status === 'paid') }, t),
    spikeFlag(rtId, [...monthly].sort().map(([month, spent]) => ({ month, spent })), t),
    roundAmountsFlag(rtId, facts, t),
    justUnderFlag(rtId, facts, y.meteraiThreshold, t),
    itemCapUnderFlag(rtId, items, y.categories, t),
    splittingFlag(rtId, facts, y.meteraiThreshold, t),
    complaintsOverdueFlag(rtId, complaints.get(rtId), asOf),
    trancheUnpaidFlag(rtId, tranches.map((x) => ({ id: x.id, status: x.status, decidedOn: x.decidedAt ? todayWib(new Date(x.decidedAt)) : null, amount: x.amount })), asOf, t),
  ].filter((f): f is RiskFlag => f !== null);
  return { rt, year, asOf, thresholds: t, own, live };
}

/** The grantee's cross-RT keys straight from its receipts (the full pass stores every grantee's first). */
export function linksOfRt(s: Services, year: number, rtId: number): RiskLink[] | null {
  const rt = s.registry.findRt(rtId);
  return rt ? linksOf({ rt, live: s.receipts.ofRt(rtId, year).filter(isLive) }) : null;
}

/** The grantee's cross-RT keys: normalised vendors, nota series (numbers ≥ 100), near-duplicate photo partners. */
export function linksOf(f: Pick<GranteeFacts, 'rt' | 'live'>): RiskLink[] {
  const out: RiskLink[] = [];
  const base = { rtId: f.rt.id, kelurahanCode: f.rt.kelurahanCode };
  for (const r of f.live) {
    const v = vendorKey(r.vendor);
    if (v) out.push({ ...base, kind: 'vendor', key: v, receiptId: r.id, num: null });
    const series = notaSeries(r.notaNumber);
    if (v && series && series.number >= NOTA_SERIES_MIN_NUMBER) out.push({ ...base, kind: 'nota', key: `${v}#${series.prefix}`, receiptId: r.id, num: series.number });
    for (const flag of JSON.parse(r.flags) as ReceiptFlag[]) {
      if (flag.code === 'similar_photo' && flag.rtId !== f.rt.id) out.push({ ...base, kind: 'photo', key: String(flag.rtId), receiptId: r.id, num: flag.receiptId });
    }
  }
  return sortLinks(out);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Links in one order (code-point order of kind and key, then receipt and number), for comparing sets. */
export const sortLinks = (links: RiskLink[]): RiskLink[] =>
  links.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.key, b.key) || a.receiptId - b.receiptId || (a.num ?? 0) - (b.num ?? 0));

/** The cross-RT flags, from the kept links (the grantee's own must already be the current ones). */
export function crossFlags(s: Services, f: GranteeFacts, links: readonly RiskLink[]): RiskFlag[] {
  const rtId = f.rt.id;
  const t = f.thresholds;
  const vendorReceipts = new Map<string, number[]>();
  for (const l of links) if (l.kind === 'vendor') pushTo(vendorReceipts, l.key, l.receiptId);
  const spreads = s.risk.vendorSpread(f.year, [...vendorReceipts.keys()]).map((v) => ({ vendorKey: v.key, rts: v.rts, kelurahan: v.kelurahan, receiptIds: vendorReceipts.get(v.key) ?? [] }));

  const ownNota = new Map<string, RiskLink[]>();
  for (const l of links) if (l.kind === 'nota') pushTo(ownNota, l.key, l);
  const notaSpreads: NotaSeriesSpread[] = [];
  // Per series, the other RTs with a number within the span of one of this RT's: asked of the
  // store for the numbers near this RT's own only (spanIntervals), not every link of the series.
  for (const [key, mine] of ownNota) {
    const rts = s.risk.notaHoldersWithin(f.year, key, spanIntervals(mine.map((m) => Number(m.num)), t.notaSeriesSpan), rtId);
    notaSpreads.push({ seriesKey: key, rts: rts.length + 1, receiptIds: mine.map((m) => m.receiptId) });
  }

  const matches: PhotoMatch[] = links.filter((l) => l.kind === 'photo').map((l) => ({ ownReceiptId: l.receiptId, otherRtId: Number(l.key), otherReceiptId: l.num! }));
  for (const l of s.risk.linksWithKeys(f.year, 'photo', [String(rtId)])) {
    if (l.rtId !== rtId) matches.push({ ownReceiptId: l.num!, otherRtId: l.rtId, otherReceiptId: l.receiptId });
  }
  return [sharedVendorFlag(rtId, spreads, t), notaSeriesFlag(rtId, notaSpreads, t), sharedPhotoFlag(rtId, matches)].filter((x): x is RiskFlag => x !== null);
}

/** The complaints signal as a map (one call per refresh batch). */
export function complaintsMap(s: Services, asOf: string): Map<number, { count: number; oldestDeadline: string }> {
  return new Map(s.complaintSignals.overdueByRt(asOf).map((c) => [c.rtId, { count: c.count, oldestDeadline: c.oldestDeadline }]));
}

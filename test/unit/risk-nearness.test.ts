/**
 * The risk refresh's three searches that compared pairs (splitting windows, nota-series nearness
 * in the flag's count and in the partners a refresh moves) now sort once and look up. Each is held
 * here to its first, pairwise version (kept below as the oracle: every stored flag was computed
 * with it) over random data shaped like the upload bench's, where 20 RTs buy every receipt at one
 * shop with numbers from one printed series: there the pairwise versions made each upload's
 * refresh cost grow with the square of the RT's receipts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RiskLink } from '../../src/app/ports';
import { crossFlags, type GranteeFacts } from '../../src/app/risk-facts';
import { notaPartnersMoved } from '../../src/app/risk-refresh';
import type { Services } from '../../src/app/services';
import { notaStoreOf } from '../helpers/nota-store';
import { defaultRiskThresholds } from '../../src/domain/grants/risk-thresholds';
import { daysBetween } from '../../src/domain/grants/spj';
import { notaSeriesFlag, sharedPhotoFlag, sharedVendorFlag, spanIntervals, splittingFlag, withinSpanOf, type NotaSeriesSpread, type ReceiptFact, type RiskFlag } from '../../src/domain/risk/flags';

const t = defaultRiskThresholds();
const RUNS = 300;

// ---- the first versions (oracles) ----

function splittingFirstVersion(rtId: number, receipts: readonly ReceiptFact[], meterai: number, th: typeof t): RiskFlag | null {
  const byVendor = new Map<string, ReceiptFact[]>();
  for (const r of receipts) if (r.amount < meterai && r.vendorKey) byVendor.set(r.vendorKey, [...(byVendor.get(r.vendorKey) ?? []), r]);
  const groups: ReceiptFact[][] = [];
  for (const list of byVendor.values()) {
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
    let i = 0;
    while (i < sorted.length) {
      let j = i;
      while (j + 1 < sorted.length && daysBetween(sorted[i]!.date, sorted[j + 1]!.date) <= th.splitWindowDays) j++;
      const group = sorted.slice(i, j + 1);
      if (group.length >= th.splitMinReceipts && group.reduce((a, r) => a + r.amount, 0) >= meterai) {
        groups.push(group);
        i = j + 1;
      } else i++;
    }
  }
  if (!groups.length) return null;
  const sum = (rs: readonly ReceiptFact[]) => rs.reduce((a, r) => a + r.amount, 0);
  const worst = groups.reduce((a, g) => (sum(g) > sum(a) ? g : a));
  return {
    kind: 'splitting',
    severity: Math.max(1, Math.min(100, Math.round(40 * groups.length))),
    numbers: { groups: groups.length, receipts: worst.length, total: sum(worst), threshold: meterai, from: worst[0]!.date, to: worst.at(-1)!.date },
    evidence: groups.flat().slice(0, 12).map((r) => ({ type: 'receipt', id: r.id, rtId })),
  };
}

function notaPartnersMovedFirstVersion(before: readonly RiskLink[], after: readonly RiskLink[], others: readonly RiskLink[], span: number): number[] {
  const numsOf = (links: readonly RiskLink[], key: string) => links.filter((l) => l.kind === 'nota' && l.key === key && l.num !== null).map((l) => l.num!);
  const near = (mine: readonly number[], theirs: readonly number[]) => mine.some((a) => theirs.some((p) => Math.abs(a - p) <= span));
  const held = new Map<string, { rtId: number; key: string; nums: number[] }>();
  for (const o of others) {
    if (o.kind !== 'nota' || o.num === null) continue;
    const id = `${o.rtId}\u0000${o.key}`;
    const h = held.get(id) ?? { rtId: o.rtId, key: o.key, nums: [] };
    h.nums.push(o.num);
    held.set(id, h);
  }
  const out = new Set<number>();
  for (const h of held.values()) if (near(numsOf(before, h.key), h.nums) !== near(numsOf(after, h.key), h.nums)) out.add(h.rtId);
  return [...out];
}

/** The nota-series part of crossFlags as it was: every other holder's number against every one of this RT's. */
function notaSpreadsFirstVersion(rtId: number, links: readonly RiskLink[], stored: readonly RiskLink[], span: number): NotaSeriesSpread[] {
  const ownNota = links.filter((l) => l.kind === 'nota');
  const out: NotaSeriesSpread[] = [];
  if (!ownNota.length) return out;
  const keys = new Set(ownNota.map((l) => l.key));
  const others = stored.filter((l) => l.kind === 'nota' && keys.has(l.key)).filter((l) => l.rtId !== rtId);
  for (const key of new Set(ownNota.map((l) => l.key))) {
    const mine = ownNota.filter((l) => l.key === key);
    const near = new Set(others.filter((o) => o.key === key && mine.some((m) => Math.abs(m.num! - o.num!) <= span)).map((o) => o.rtId));
    out.push({ seriesKey: key, rts: near.size + 1, receiptIds: mine.map((m) => m.receiptId) });
  }
  return out;
}

// ---- random data shaped like a busy shop's ----

const day = fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(0, 10));
/** Receipts whose amounts are shares of the meterai threshold, so windows of them reach it (or just miss it). */
const receiptsArb = (meterai: number) =>
  fc
    .array(
      fc.record({
        date: fc.oneof({ weight: 9, arbitrary: day }, { weight: 1, arbitrary: fc.constantFrom('2026-13-40', 'kemarin', '', '2026-03-32', '+002026-04-30', '+002026-03-02') }),
        amount: fc.oneof(fc.integer({ min: 1, max: Math.floor(meterai / 2) }), fc.constantFrom(meterai - 1, meterai, Math.floor(meterai / 2), Math.ceil(meterai / 3))),
        vendorKey: fc.constantFrom('toko maju', 'toko maju', 'warung bu sri', ''),
        verified: fc.boolean(),
      }),
      { maxLength: 120, size: 'max' },
    )
    .map((rs) => rs.map((r, i): ReceiptFact => ({ ...r, id: i + 1, notaNumber: null })));
const splitCase = fc.constantFrom(5_000_000, 10_000_000, 3_000).chain((meterai) => fc.tuple(receiptsArb(meterai), fc.constant(meterai)));

const SERIES = ['tokomaju#NB', 'tokomaju#A', 'warung#'];
const notaLink = (rtId: number) =>
  fc.record({ key: fc.constantFrom(...SERIES), num: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 100, max: 1_500 }) }, { weight: 1, arbitrary: fc.constant(null) }), receiptId: fc.integer({ min: 1, max: 9_999 }) }).map(
    (l): RiskLink => ({ kind: 'nota', key: l.key, num: l.num, receiptId: l.receiptId, rtId, kelurahanCode: 'K1' }),
  );
const otherLinks = fc.array(fc.integer({ min: 2, max: 12 }).chain((rtId) => notaLink(rtId)), { maxLength: 200, size: 'max' });
const spanArb = fc.oneof(fc.constantFrom(0, 1, 50), fc.integer({ min: -5, max: 400 }));

describe('the refresh’s searches give what their pairwise first versions gave', () => {
  it('splitting: the same flag (groups, worst group, evidence) for any receipts, dates malformed or out of order included', () => {
    const fired: number[] = [];
    fc.assert(
      fc.property(splitCase, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 2, max: 6 }), ([receipts, meterai], window, minReceipts) => {
        const th = { ...t, splitWindowDays: window, splitMinReceipts: minReceipts };
        const expected = splittingFirstVersion(7, receipts, meterai, th);
        if (expected) fired.push(expected.evidence.length);
        expect(splittingFlag(7, receipts, meterai, th)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
    // The runs reach the flag, with more than the evidence's cap of receipts in some.
    expect(fired.length).toBeGreaterThan(RUNS / 10);
    expect(Math.max(...fired)).toBe(12);
  });

  it('within the span: the same answer as comparing every pair, at the edges and for a negative span', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000 }), { maxLength: 60 }), fc.array(fc.integer({ min: -100, max: 2_100 }), { maxLength: 60 }), spanArb, (mine, probes, span) => {
        const near = withinSpanOf(mine, span);
        for (const x of [...probes, ...mine.flatMap((m) => [m - span, m + span, m - span - 1, m + span + 1])]) expect(near(x)).toBe(mine.some((a) => Math.abs(a - x) <= span));
      }),
      { numRuns: RUNS },
    );
  });

  it('span intervals: sorted, apart, finite, none for a negative or missing span, and holding exactly the numbers within the span', () => {
    const nums = fc.array(fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 2_000 }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) }), { maxLength: 60 });
    fc.assert(
      fc.property(nums, fc.oneof(spanArb, fc.constant(NaN)), (mine, span) => {
        const intervals = spanIntervals(mine, span);
        const finite = mine.filter(Number.isFinite);
        if (!(span >= 0) || finite.length === 0) {
          expect(intervals).toEqual([]);
          return;
        }
        for (const [i, [lo, hi]] of intervals.entries()) {
          expect(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi).toBe(true);
          // Merged where they overlap or touch: the next one starts past this one's end.
          if (i > 0) expect(lo).toBeGreaterThan(intervals[i - 1]![1]);
        }
        // Each interval's ends are a number's span ends, and every number's span lies inside one.
        for (const n of finite) expect(intervals.some(([lo, hi]) => lo <= n - span && n + span <= hi)).toBe(true);
        for (const [lo, hi] of intervals) {
          expect(finite.some((n) => n - span === lo)).toBe(true);
          expect(finite.some((n) => n + span === hi)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('nota partners moved: the same holders for any before, after and others', () => {
    fc.assert(
      fc.property(fc.array(notaLink(1), { maxLength: 60, size: 'max' }), fc.array(notaLink(1), { maxLength: 60, size: 'max' }), otherLinks, spanArb, (before, after, others, span) => {
        const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
        // Every series either side holds (the refresh passes the changed ones; an unchanged one moves nobody).
        const keys = [...new Set([...before, ...after].map((l) => l.key))];
        expect(sorted(notaPartnersMoved(notaStoreOf(others), 2026, 1, before, after, keys, span))).toEqual(sorted(notaPartnersMovedFirstVersion(before, after, others, span)));
      }),
      { numRuns: RUNS },
    );
  });

  it('the nota-series count in crossFlags: the same flag as counting every pair', () => {
    fc.assert(
      fc.property(fc.array(notaLink(1), { maxLength: 60, size: 'max' }), otherLinks, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 2, max: 6 }), (mine, others, span, minRts) => {
        const th = { ...t, notaSeriesSpan: span, notaSeriesMinRts: minRts };
        // Nota links always carry a number (risk-facts.ts linksOf writes none without one), own and others alike.
        const own = mine.map((l) => ({ ...l, num: l.num ?? 100 }));
        const stored = [...own, ...others.map((l) => ({ ...l, num: l.num ?? 100 }))];
        const s = { risk: { vendorSpread: () => [], linksWithKeys: () => [], ...notaStoreOf(stored) } } as unknown as Services;
        const facts = { rt: { id: 1 }, year: 2026, thresholds: th } as unknown as GranteeFacts;
        const expected = [sharedVendorFlag(1, [], th), notaSeriesFlag(1, notaSpreadsFirstVersion(1, own, stored, span), th), sharedPhotoFlag(1, [])].filter((x) => x !== null);
        expect(crossFlags(s, facts, own)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Each early-warning flag on crafted data: firing and not firing at the edges of its threshold. */
import { describe, expect, it } from 'vitest';
import { explainFlag } from '../../src/domain/risk/explain';
import {
  complaintsOverdueFlag,
  itemCapUnderFlag,
  justUnderFlag,
  lapseFlag,
  medianOf,
  notaSeries,
  notaSeriesFlag,
  reopensOnWorse,
  riskScore,
  roundAmountsFlag,
  sharedPhotoFlag,
  sharedVendorFlag,
  spikeFlag,
  spjOverdueFlag,
  splittingFlag,
  trancheUnpaidFlag,
  vendorKey,
  type ItemFact,
  type ReceiptFact,
} from '../../src/domain/risk/flags';
import { defaultRiskThresholds, riskThresholdsWithDefaults, validateRiskThresholds } from '../../src/domain/grants/risk-thresholds';
import { codeOf } from '../helpers/errors';

const t = defaultRiskThresholds();
const RT = 7;
let nextId = 1;
const r = (amount: number, o: Partial<ReceiptFact> = {}): ReceiptFact => ({ id: nextId++, date: '2026-03-10', amount, vendorKey: 'toko maju', notaNumber: null, verified: true, ...o });
const many = (n: number, amount: number, o: Partial<ReceiptFact> = {}) => Array.from({ length: n }, () => r(amount, o));

describe('SPJ overdue (days past the due date, per open month)', () => {
  it.each([
    ['6 days late: below the 7-day threshold', [{ month: '2026-01', due: '2026-02-10', open: true, daysLate: 6 }], null],
    ['7 days late: at the threshold', [{ month: '2026-01', due: '2026-02-10', open: true, daysLate: 7 }], { months: 1, worstDays: 7, severity: 7 }],
    ['sent late (not open) never fires', [{ month: '2026-01', due: '2026-02-10', open: false, daysLate: 40 }], null],
    [
      'two months open: 10 more per extra month',
      [
        { month: '2026-01', due: '2026-02-10', open: true, daysLate: 30 },
        { month: '2026-02', due: '2026-03-10', open: true, daysLate: 8 },
      ],
      { months: 2, worstDays: 30, severity: 40 },
    ],
  ] as const)('%s', (_name, months, want) => {
    const f = spjOverdueFlag(RT, months, t);
    if (want === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ kind: 'spj_overdue', severity: want.severity, numbers: { months: want.months, worstDays: want.worstDays } });
    expect(f!.evidence[0]).toEqual({ type: 'spj', month: months[0]!.month, rtId: RT });
  });
});

describe('lapse (spending far behind the plan by now)', () => {
  // 2026: 365 days; 1 July is day 182 → expected = 25.000.000 × 182 / 365 = 12.465.753.
  const base = { allocation: 25_000_000, startsOn: '2026-01-01', endsOn: '2026-12-31', asOf: '2026-07-01', drawnAny: true };
  it.each([
    ['half of expected (at 50%) does not fire', 6_232_877, false],
    ['one rupiah below half of expected fires', 6_232_876, true],
    ['nothing spent fires with the whole allocation lapsing', 0, true],
  ] as const)('%s', (_name, spent, fires) => {
    const f = lapseFlag(RT, { ...base, spent }, t);
    expect(f !== null).toBe(fires);
    if (f) {
      expect(f.numbers.expected).toBe(12_465_753);
      expect(Number(f.numbers.lapsing)).toBe(25_000_000 - Math.floor((spent * 365) / 182));
    }
  });
  it('not judged before a quarter of the year has passed (day 91 of 365 is below 25%)', () => {
    expect(lapseFlag(RT, { ...base, asOf: '2026-04-01', spent: 0 }, t)).toBeNull();
    expect(lapseFlag(RT, { ...base, asOf: '2026-04-02', spent: 0 }, t)).not.toBeNull();
  });
  it('not judged for a grantee that never drew a tranche (it has not taken the grant)', () => {
    expect(lapseFlag(RT, { ...base, spent: 0, drawnAny: false }, t)).toBeNull();
  });
  it('says how much lapses at the current pace', () => {
    const f = lapseFlag(RT, { ...base, spent: 1_000_000 }, t)!;
    expect(f.numbers).toMatchObject({ projected: 2_005_494, lapsing: 22_994_506 });
    expect(f.severity).toBe(92);
    expect(explainFlag(f)).toContain('Rp22.994.506');
  });
});

describe('spike against the RT’s own median month', () => {
  const months = (xs: number[]) => xs.map((spent, i) => ({ month: `2026-0${i + 1}`, spent }));
  it.each([
    ['3× the median and ≥ Rp2.000.000 fires', [1_000_000, 1_000_000, 3_000_000], true],
    ['just under 3× does not', [1_000_000, 1_000_000, 2_999_999], false],
    ['3× but under Rp2.000.000 does not', [500_000, 500_000, 1_500_000], false],
    ['only two months with spending: not enough history', [1_000_000, 9_000_000], false],
  ] as const)('%s', (_name, xs, fires) => {
    expect(spikeFlag(RT, months([...xs]), t) !== null).toBe(fires);
  });
  it('the median of an even count is the lower middle, a whole number', () => {
    expect(medianOf([4, 1, 3, 2])).toBe(2);
  });
});

describe('round amounts among verified receipts', () => {
  it.each([
    ['5 of 8 round (62%) fires', [...many(5, 150_000), ...many(3, 123_456)], true],
    ['4 of 8 (50%) does not', [...many(4, 150_000), ...many(4, 123_456)], false],
    ['6 of 10 (60%) at the edge fires', [...many(6, 100_000), ...many(4, 99_999)], true],
    ['7 round of only 7 receipts: below the minimum count', many(7, 100_000), false],
    ['pending receipts do not count', [...many(8, 100_000, { verified: false })], false],
  ] as const)('%s', (_name, receipts, fires) => {
    expect(roundAmountsFlag(RT, receipts, t) !== null).toBe(fires);
  });
});

describe('just under the meterai threshold (Rp5.000.000, within 10%)', () => {
  it.each([
    ['two at Rp4.500.000 and Rp4.999.999 fire', [r(4_500_000), r(4_999_999)], true],
    ['Rp4.499.999 is below the band', [r(4_499_999), r(4_999_999)], false],
    ['Rp5.000.000 itself needs a meterai: not under', [r(5_000_000), r(4_999_999)], false],
    ['one alone does not', [r(4_900_000)], false],
  ] as const)('%s', (_name, receipts, fires) => {
    expect(justUnderFlag(RT, receipts, 5_000_000, t) !== null).toBe(fires);
  });
});

describe('just under a per-item cap (the receipt check’s caps, within 10%, ≥ 3 lines and ≥ 50% of capped lines)', () => {
  // Honor petugas kebersihan max Rp150.000 (LIN, binds fees only); Harga per barang max Rp300.000 (PRL, binds every item).
  const categories = [
    { code: 'LIN', itemCaps: [{ label: 'Honor petugas kebersihan', maxRupiah: 150_000 }] },
    { code: 'PRL', itemCaps: [{ label: 'Harga per barang', maxRupiah: 300_000 }] },
    { code: 'SOS', itemCaps: [] },
  ];
  let rid = 100;
  const fee = (unitPrice: number, o: Partial<ItemFact> = {}): ItemFact => ({ receiptId: rid++, category: 'LIN', name: 'Honor petugas kebersihan', unitPrice, ...o });
  const fees = (n: number, unitPrice: number) => Array.from({ length: n }, () => fee(unitPrice));
  it.each([
    ['three fees at Rp135.000 (the floor) fire', fees(3, 135_000), true],
    ['three fees at Rp150.000 (the cap itself) fire', fees(3, 150_000), true],
    ['Rp134.999 is below the band', [...fees(2, 150_000), fee(134_999)], false],
    ['two lines are below the minimum count', fees(2, 149_000), false],
    ['3 of 6 capped lines (50%) at the edge fire', [...fees(3, 149_000), ...fees(3, 50_000)], true],
    ['3 of 7 capped lines (42%) do not', [...fees(3, 149_000), ...fees(4, 50_000)], false],
    ['a fee cap does not bind a non-fee item (capsFor): sapu at Rp145.000 is no fee', Array.from({ length: 3 }, () => fee(145_000, { name: 'Sapu lidi' })), false],
    ['non-fee lines do not dilute the share of a fee cap', [...fees(3, 145_000), ...Array.from({ length: 10 }, () => fee(145_000, { name: 'Karung sampah' }))], true],
    ['a per-barang cap binds every item: three at Rp270.000 fire', Array.from({ length: 3 }, () => fee(270_000, { category: 'PRL', name: 'Tenda lipat' })), true],
    ['Rp269.999 under the per-barang band does not', [...Array.from({ length: 2 }, () => fee(300_000, { category: 'PRL', name: 'Kursi' })), fee(269_999, { category: 'PRL', name: 'Meja' })], false],
    ['a category without caps never fires', Array.from({ length: 5 }, () => fee(150_000, { category: 'SOS' })), false],
  ] as const)('%s', (_name, items, fires) => {
    expect(itemCapUnderFlag(RT, items, categories, t) !== null).toBe(fires);
  });

  it('explains with its numbers and links each receipt once', () => {
    const items = [fee(150_000, { receiptId: 1 }), fee(140_000, { receiptId: 1 }), fee(145_000, { receiptId: 2 }), fee(40_000, { receiptId: 3 })];
    const f = itemCapUnderFlag(RT, items, categories, t)!;
    expect(f.numbers).toEqual({ count: 3, capped: 4, sharePercent: 75, cap: 'Honor petugas kebersihan', maxRupiah: 150_000, floor: 135_000, ofCap: 3, receipts: 2 });
    expect(f.severity).toBe(60);
    expect(f.evidence).toEqual([
      { type: 'receipt', id: 1, rtId: RT },
      { type: 'receipt', id: 2, rtId: RT },
    ]);
    expect(explainFlag(f)).toBe('3 dari 4 rincian berbatas harga (75%) berharga satuan tepat di bawah atau sama dengan batasnya, dalam 2 kuitansi; terbanyak 3 rincian "Honor petugas kebersihan" antara Rp135.000 dan Rp150.000.');
  });

  it('the band and counts are the year’s settings', () => {
    const wide = { ...t, itemCapUnderPercent: 20, itemCapUnderMinCount: 2, itemCapUnderSharePercent: 100 };
    expect(itemCapUnderFlag(RT, fees(2, 120_000), categories, wide)).not.toBeNull();
    expect(itemCapUnderFlag(RT, fees(2, 119_999), categories, wide)).toBeNull();
    expect(itemCapUnderFlag(RT, [...fees(2, 120_000), fee(10_000)], categories, wide)).toBeNull();
  });
});

describe('splitting: one vendor, a few days, each under the threshold, together over it', () => {
  it.each([
    ['two of Rp2.500.000 three days apart fire', [r(2_500_000, { date: '2026-03-01' }), r(2_500_000, { date: '2026-03-04' })], true],
    ['four days apart do not', [r(2_500_000, { date: '2026-03-01' }), r(2_500_000, { date: '2026-03-05' })], false],
    ['together Rp4.999.999 do not', [r(2_500_000, { date: '2026-03-01' }), r(2_499_999, { date: '2026-03-02' })], false],
    ['different vendors do not', [r(2_500_000, { vendorKey: 'a' }), r(2_500_000, { vendorKey: 'b' })], false],
  ] as const)('%s', (_name, receipts, fires) => {
    expect(splittingFlag(RT, receipts, 5_000_000, t) !== null).toBe(fires);
  });
});

describe('the same vendor across many RTs', () => {
  const spread = (rts: number, kelurahan: number, key = 'maju jaya') => [{ vendorKey: key, rts, kelurahan, receiptIds: [1] }];
  it.each([
    ['10 RTs in 2 kelurahan fire', spread(10, 2), true],
    ['9 RTs do not', spread(9, 2), false],
    ['10 RTs of one kelurahan do not', spread(10, 1), false],
    ['a chain on the ignore list never does', spread(500, 100, 'indomaret'), false],
  ] as const)('%s', (_name, spreads, fires) => {
    expect(sharedVendorFlag(RT, spreads, t) !== null).toBe(fires);
  });
  it('normalises vendor names', () => {
    expect(vendorKey('CV. Maju  Jaya')).toBe('maju jaya');
    expect(vendorKey('Toko MAJU-JAYA')).toBe('maju jaya');
    expect(vendorKey('Indomaret')).toBe('indomaret');
  });
});

describe('nota series across RTs', () => {
  it.each([
    ['3 RTs fire', 3, true],
    ['2 RTs do not', 2, false],
  ] as const)('%s', (_name, rts, fires) => {
    expect(notaSeriesFlag(RT, [{ seriesKey: 'maju jaya#A', rts, receiptIds: [1] }], t) !== null).toBe(fires);
  });
  it('splits a nota number into its series and number', () => {
    expect(notaSeries('A-0457')).toEqual({ prefix: 'A', number: 457 });
    expect(notaSeries('INV/2026/0012')).toEqual({ prefix: 'INV2026', number: 12 });
    expect(notaSeries('tanpa nomor')).toBeNull();
  });
});

describe('near-duplicate photos across RTs', () => {
  it('fires on a match with another RT, not with the RT itself', () => {
    expect(sharedPhotoFlag(RT, [{ ownReceiptId: 1, otherRtId: RT, otherReceiptId: 2 }])).toBeNull();
    const f = sharedPhotoFlag(RT, [
      { ownReceiptId: 1, otherRtId: 8, otherReceiptId: 20 },
      { ownReceiptId: 1, otherRtId: 9, otherReceiptId: 30 },
    ])!;
    expect(f.numbers).toEqual({ otherRts: 2, receipts: 1, pairs: 2 });
    expect(f.evidence).toContainEqual({ type: 'receipt', id: 20, rtId: 8 });
  });
});

describe('complaints past their deadline (ComplaintSignals)', () => {
  it.each([
    ['none', undefined, null],
    ['zero', { count: 0, oldestDeadline: '2026-03-01' }, null],
    ['two, oldest 5 days ago', { count: 2, oldestDeadline: '2026-03-05' }, 65],
  ] as const)('%s', (_name, signal, severity) => {
    const f = complaintsOverdueFlag(RT, signal, '2026-03-10');
    expect(f?.severity ?? null).toBe(severity);
  });
});

describe('approved tranches not paid after N days', () => {
  const tr = (status: string, decidedOn: string) => ({ id: nextId++, status, decidedOn, amount: 2_000_000 });
  it.each([
    ['approved 7 days ago fires', [tr('approved', '2026-03-03')], true],
    ['approved 6 days ago does not', [tr('approved', '2026-03-04')], false],
    ['paid does not', [tr('paid', '2026-01-01')], false],
  ] as const)('%s', (_name, tranches, fires) => {
    expect(trancheUnpaidFlag(RT, tranches, '2026-03-10', t) !== null).toBe(fires);
  });
});

describe('score, reopening and settings', () => {
  it('score is the weighted sum of severities', () => {
    expect(riskScore([{ kind: 'spj_overdue', severity: 10 }, { kind: 'round_amounts', severity: 60 }], t.weights)).toBe(3 * 10 + 1 * 60);
  });
  it('a followed-up flag reopens only when its severity rises above the followed one', () => {
    expect(reopensOnWorse(40, 40)).toBe(false);
    expect(reopensOnWorse(40, 41)).toBe(true);
    expect(reopensOnWorse(null, 90)).toBe(false);
  });
  it.each([
    ['a float', { spikeFactor: 2.5 }],
    ['a percent above 100', { roundSharePercent: 101 }],
    ['a zero count', { roundMinCount: 0 }],
    ['a weight above 10', { weights: { ...t.weights, lapse: 11 } }],
    ['an item-cap band of 0%', { itemCapUnderPercent: 0 }],
    ['an item-cap share above 100', { itemCapUnderSharePercent: 101 }],
    ['an item-cap count of 0', { itemCapUnderMinCount: 0 }],
  ] as const)('refuses %s', (_name, change) => {
    expect(codeOf(() => validateRiskThresholds({ ...t, ...change }))).toBe('risk_threshold_invalid');
  });
  it('a year stored before the item-cap flag gets its defaults and weight', () => {
    const { itemCapUnderPercent: _p, itemCapUnderMinCount: _c, itemCapUnderSharePercent: _s, ...old } = t;
    const { item_cap_under: _w, ...oldWeights } = t.weights;
    const y = riskThresholdsWithDefaults({ ...old, weights: oldWeights as typeof t.weights });
    expect([y.itemCapUnderPercent, y.itemCapUnderMinCount, y.itemCapUnderSharePercent, y.weights.item_cap_under]).toEqual([10, 3, 50, 2]);
  });
  it('accepts the defaults', () => {
    expect(() => validateRiskThresholds(t)).not.toThrow();
  });
});

/** Each early-warning flag on crafted data: firing and not firing at the edges of its threshold. */
import { describe, expect, it } from 'vitest';
import { explainFlag } from '../../src/domain/risk/explain';
import {
  complaintsOverdueFlag,
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
  type ReceiptFact,
} from '../../src/domain/risk/flags';
import { defaultRiskThresholds, validateRiskThresholds } from '../../src/domain/grants/risk-thresholds';
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
  ] as const)('refuses %s', (_name, change) => {
    expect(codeOf(() => validateRiskThresholds({ ...t, ...change }))).toBe('risk_threshold_invalid');
  });
  it('accepts the defaults', () => {
    expect(() => validateRiskThresholds(t)).not.toThrow();
  });
});

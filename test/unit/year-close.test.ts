/** The year-end close's blockers (year-close.ts), as a table: what each RT owes before its year can close, and what an override must carry. */
import { describe, expect, it } from 'vitest';
import { rtCloseBlockers, uncleared, type RtCloseFacts } from '../../src/domain/grants/year-close';
import type { SpjStatus } from '../../src/domain/grants/spj';

const facts = (o: Partial<RtCloseFacts> = {}): RtCloseFacts => ({ rtId: 7, drawn: [], spj: new Map(), openReceipts: [], openTranches: [], pendingPlans: [], ...o });
const monthly = (period: string) => ({ mode: 'monthly' as const, period, decidedAt: `${period}-03T02:00:00Z` });
const spj = (entries: Array<[string, SpjStatus]>) => new Map(entries);

const CASES: Array<[string, Partial<RtCloseFacts>, string[]]> = [
  ['nothing drawn, nothing open: nothing owed', {}, []],
  ['drew November, December reported nil and verified, November never filed', { drawn: [monthly('2026-11')], spj: spj([['2026-12', 'verified']]) }, ['spj_missing rt:7:spj:2026-11']],
  ['drew August: every month to December is owed, whatever was drawn after', { drawn: [monthly('2026-08')], spj: spj([['2026-08', 'verified'], ['2026-09', 'submitted'], ['2026-10', 'returned']]) },
    ['spj_unverified rt:7:spj:2026-09', 'spj_returned rt:7:spj:2026-10', 'spj_missing rt:7:spj:2026-11', 'spj_missing rt:7:spj:2026-12']],
  ['staged mode counts from the month the stage was approved', { drawn: [{ mode: 'staged', period: '1', decidedAt: '2026-11-30T18:00:00Z' }], spj: spj([['2026-12', 'verified']]) }, []],
  ['every month verified: the SPJs owe nothing', { drawn: [monthly('2026-11'), monthly('2026-12')], spj: spj([['2026-11', 'verified'], ['2026-12', 'verified']]) }, []],
  ['a receipt pending and one returned', { openReceipts: [{ id: 3, status: 'pending', date: '2026-11-02', amount: 250_000, description: 'Konsumsi' }, { id: 4, status: 'returned', date: '2026-11-03', amount: 1, description: 'x' }] },
    ['receipt_pending rt:7:receipt:3', 'receipt_returned rt:7:receipt:4']],
  ['a tranche pending and one approved but not paid', { openTranches: [{ id: 9, status: 'pending', label: 'Desember 2026', amount: 1 }, { id: 8, status: 'approved', label: 'November 2026', amount: 2 }] },
    ['tranche_pending rt:7:tranche:9', 'tranche_unpaid rt:7:tranche:8']],
  ['a plan waiting for the treasurer', { pendingPlans: [{ id: 5, version: 2 }] }, ['plan_pending rt:7:plan:5']],
];

describe('rtCloseBlockers', () => {
  it.each(CASES)('%s', (_name, o, expected) => {
    expect(rtCloseBlockers(facts(o), '2026-12').map((b) => `${b.kind} ${b.key}`)).toEqual(expected);
  });

  it('names what each blocker is about in Indonesian', () => {
    const [b] = rtCloseBlockers(facts({ openReceipts: [{ id: 3, status: 'pending', date: '2026-11-02', amount: 250_000, description: 'Konsumsi rapat' }] }), '2026-12');
    expect(b!.subject).toBe('Kuitansi KW-3 (2026-11-02, Rp250.000): Konsumsi rapat');
    expect(rtCloseBlockers(facts({ drawn: [monthly('2026-12')] }), '2026-12')[0]!.subject).toBe('SPJ Desember 2026');
  });

  it('the key of an SPJ blocker stays the same when the month moves on from missing to submitted', () => {
    const before = rtCloseBlockers(facts({ drawn: [monthly('2026-12')] }), '2026-12')[0]!;
    const after = rtCloseBlockers(facts({ drawn: [monthly('2026-12')], spj: spj([['2026-12', 'submitted']]) }), '2026-12')[0]!;
    expect([before.kind, after.kind]).toEqual(['spj_missing', 'spj_unverified']);
    expect(after.key).toBe(before.key);
  });
});

describe('uncleared', () => {
  const blockers = rtCloseBlockers(facts({ pendingPlans: [{ id: 1, version: 1 }, { id: 2, version: 2 }] }), '2026-12');
  const OVERRIDES: Array<[string, Array<{ blockerKey: string; reason: string; overriddenBy: string }>, string[]]> = [
    ['no override: every blocker stands', [], ['rt:7:plan:1', 'rt:7:plan:2']],
    ['an override with a reason and an author clears its blocker only', [{ blockerKey: 'rt:7:plan:1', reason: 'Diperiksa', overriddenBy: 'user:1:admin' }], ['rt:7:plan:2']],
    ['a blank reason clears nothing', [{ blockerKey: 'rt:7:plan:1', reason: '  ', overriddenBy: 'user:1:admin' }], ['rt:7:plan:1', 'rt:7:plan:2']],
    ['no author clears nothing', [{ blockerKey: 'rt:7:plan:2', reason: 'Diperiksa', overriddenBy: '' }], ['rt:7:plan:1', 'rt:7:plan:2']],
    ['an override of another blocker clears nothing', [{ blockerKey: 'rt:8:plan:1', reason: 'Diperiksa', overriddenBy: 'user:1:admin' }], ['rt:7:plan:1', 'rt:7:plan:2']],
  ];
  it.each(OVERRIDES)('%s', (_name, overrides, left) => {
    expect(uncleared(blockers, overrides).map((b) => b.key)).toEqual(left);
  });
});

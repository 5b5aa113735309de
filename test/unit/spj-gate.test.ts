/** src/domain/grants/spj-gate.ts: no month skipped before a tranche, SPJs in month order, every earlier stage accounted for. */
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { SpjStatus } from '../../src/domain/grants/spj';
import { drawnMonth, monthsLackingVerifiedSpj, monthsNotSubmittedBefore, monthsOwedBefore, stagesNotAccounted } from '../../src/domain/grants/spj-gate';

const statuses = (o: Record<string, SpjStatus>) => new Map(Object.entries(o));

describe('monthsLackingVerifiedSpj', () => {
  it.each<[string, string[], Record<string, SpjStatus>, string, string[]]>([
    ['nothing drawn yet: the first tranche is free', [], {}, '2026-08', []],
    ['the first drawn month itself is requested again', ['2026-08'], {}, '2026-08', []],
    ['drew August, asks September, August verified', ['2026-08'], { '2026-08': 'verified' }, '2026-09', []],
    ['drew August, asks September, August only submitted', ['2026-08'], { '2026-08': 'submitted' }, '2026-09', ['2026-08']],
    ['drew August, asks September, August returned', ['2026-08'], { '2026-08': 'returned' }, '2026-09', ['2026-08']],
    ['the abuse: drew August, only a nil November verified, asks December', ['2026-08'], { '2026-11': 'verified' }, '2026-12', ['2026-08', '2026-09', '2026-10']],
    ['months without spending need a nil SPJ too', ['2026-08'], { '2026-08': 'verified' }, '2026-11', ['2026-09', '2026-10']],
    ['every month verified, drawn or not', ['2026-08', '2026-10'], { '2026-08': 'verified', '2026-09': 'verified', '2026-10': 'verified' }, '2026-11', []],
    ['a later drawn month does not move the start', ['2026-10', '2026-08'], { '2026-09': 'verified', '2026-10': 'verified' }, '2026-11', ['2026-08']],
    ['months before the first drawn one are not owed', ['2026-08'], { '2026-08': 'verified' }, '2026-09', []],
    ['across the turn of a year (the 2025 year ran July–December)', ['2025-11'], { '2025-11': 'verified' }, '2026-02', ['2025-12', '2026-01']],
  ])('%s', (_name, drawn, spj, requested, missing) => {
    expect(monthsLackingVerifiedSpj(drawn, statuses(spj), requested)).toEqual(missing);
  });
});

describe('monthsNotSubmittedBefore (SPJs in month order)', () => {
  it.each<[string, string[], Record<string, SpjStatus>, string, string[]]>([
    ['the first month owed', ['2026-08'], {}, '2026-08', []],
    ['a nil November while August–October have none', ['2026-08'], {}, '2026-11', ['2026-08', '2026-09', '2026-10']],
    ['earlier months submitted, not yet verified', ['2026-08'], { '2026-08': 'submitted', '2026-09': 'verified' }, '2026-10', []],
    ['an earlier month returned must be sent again first', ['2026-08'], { '2026-08': 'returned', '2026-09': 'submitted' }, '2026-10', ['2026-08']],
    ['nothing drawn: no order to keep', [], {}, '2026-11', []],
  ])('%s', (_name, drawn, spj, month, missing) => {
    expect(monthsNotSubmittedBefore(drawn, statuses(spj), month)).toEqual(missing);
  });
});

describe('drawnMonth', () => {
  it.each<[string, Parameters<typeof drawnMonth>[0], string | null]>([
    ['monthly: the RBB month', { mode: 'monthly', period: '2026-08', decidedAt: '2026-07-30T03:00:00Z' }, '2026-08'],
    ['staged: the WIB month of the approval', { mode: 'staged', period: '1', decidedAt: '2026-08-10T03:00:00Z' }, '2026-08'],
    ['staged: approved late on 31 August UTC is September in WIB', { mode: 'staged', period: '1', decidedAt: '2026-08-31T18:30:00Z' }, '2026-09'],
    ['staged: not decided', { mode: 'staged', period: '1', decidedAt: null }, null],
  ])('%s', (_name, t, month) => {
    expect(drawnMonth(t)).toBe(month);
  });
});

/** Month n counted from January 2025, as YYYY-MM: an oracle that does no calendar arithmetic of its own. */
const monthAt = (n: number) => `${2025 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
const STATUS = fc.constantFrom<SpjStatus | null>(null, 'submitted', 'verified', 'returned');

describe('properties', () => {
  const world = fc.record({
    drawn: fc.uniqueArray(fc.integer({ min: 0, max: 35 }), { maxLength: 8 }),
    spj: fc.array(STATUS, { minLength: 36, maxLength: 36 }),
    requested: fc.integer({ min: 0, max: 36 }),
  });
  const spjMap = (spj: ReadonlyArray<SpjStatus | null>) => new Map(spj.flatMap((st, i) => (st ? [[monthAt(i), st] as const] : [])));

  it('returns exactly the months in [first drawn, requested) without a verified SPJ, in order', () => {
    fc.assert(
      fc.property(world, ({ drawn, spj, requested }) => {
        const first = drawn.length ? Math.min(...drawn) : requested;
        const expected: string[] = [];
        for (let i = first; i < requested; i++) if (spj[i] !== 'verified') expected.push(monthAt(i));
        expect(monthsLackingVerifiedSpj(drawn.map(monthAt), spjMap(spj), monthAt(requested))).toEqual(expected);
      }),
    );
  });

  it('SPJ order: exactly the months in [first drawn, month) with neither a submitted nor a verified SPJ', () => {
    fc.assert(
      fc.property(world, ({ drawn, spj, requested }) => {
        const first = drawn.length ? Math.min(...drawn) : requested;
        const expected: string[] = [];
        for (let i = first; i < requested; i++) if (spj[i] !== 'verified' && spj[i] !== 'submitted') expected.push(monthAt(i));
        expect(monthsNotSubmittedBefore(drawn.map(monthAt), spjMap(spj), monthAt(requested))).toEqual(expected);
      }),
    );
  });

  it('the months owed are consecutive, start at the first drawn month and stop before the requested one', () => {
    fc.assert(
      fc.property(world, ({ drawn, requested }) => {
        const owed = monthsOwedBefore(drawn.map(monthAt), monthAt(requested));
        const first = drawn.length ? Math.min(...drawn) : requested;
        expect(owed).toEqual(Array.from({ length: Math.max(0, requested - first) }, (_, k) => monthAt(first + k)));
      }),
    );
  });

  it('staged: refuses exactly when the previous stage is under its percentage once the stages before are spent (the 75 % gate), naming each short stage', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20_000_000 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom('75', '50', '100', '62.5'),
        (amounts, verified, percent) => {
          const stages = amounts.map((amount, i) => ({ stage: i + 1, amount }));
          const requested = stages.length + 1;
          const short = stagesNotAccounted(stages, verified, requested, percent);
          const last = stages.at(-1)!;
          const before = amounts.slice(0, -1).reduce((a, b) => a + b, 0);
          const needed = new Decimal(last.amount).times(percent).dividedBy(100).ceil().toNumber();
          expect(short.length > 0).toBe(verified - before < needed);
          if (short.length > 0) expect(short.at(-1)!.stage).toBe(last.stage);
          for (const x of short) expect(x.accounted).toBeLessThan(x.needed);
          // A stage not yet drawn before the requested one is not judged.
          expect(stagesNotAccounted(stages, verified, 1, percent)).toEqual([]);
        },
      ),
    );
  });
});

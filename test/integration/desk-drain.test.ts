/**
 * The desk's background refresh never holds the server for a whole batch (issue 20: a public page
 * shared city-wide waited 1,7 s behind a refresh of 200 grantees after the day's stale mark).
 * Written as the abuse first: the whole city marked dirty at once (the daily mark), then what one
 * call may do. Fixed clocks: no timing in tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { drainInSlices } from '../../src/app/desk-drain';
import { markStale, refreshDirty } from '../../src/app/risk-refresh';
import { verifyRiskFlags } from '../../src/app/verify-risk';
import type { Services } from '../helpers/db';
import { seededServices } from '../helpers/db';

const NOW = new Date('2026-10-20T03:00:00Z');
let s: Services;

/** A clock that moves `step` ms each time it is read. */
const ticking = (step: number) => {
  let t = 0;
  return () => (t += step);
};

beforeAll(async () => {
  s = await seededServices(() => NOW);
});

const markAll = () => {
  const ids = s.registry.activeRts().map((rt) => rt.id);
  s.db.transaction(() => s.risk.markDirty(2026, ids));
  return ids.length;
};

describe('one refresh call is bounded in time, not only in count', () => {
  it('stops once its budget is spent (each grantee read as 10 ms: a 30 ms budget refreshes 3, the rest wait)', () => {
    const all = markAll();
    expect(all).toBeGreaterThan(10);
    const r = refreshDirty(s, 200, 30, ticking(10));
    expect(r).toEqual({ refreshed: 3, waiting: all - 3 });
    // The next call takes the next three: nothing is lost or done twice.
    expect(refreshDirty(s, 200, 30, ticking(10))).toEqual({ refreshed: 3, waiting: all - 6 });
  });

  it('without a budget it still stops at its count; and always refreshes at least one grantee', () => {
    const waiting = s.risk.dirtyCount();
    expect(refreshDirty(s, 5)).toEqual({ refreshed: 5, waiting: waiting - 5 });
    // A budget already spent by the first grantee still makes progress (no endless loop of empty slices).
    expect(refreshDirty(s, 200, 0, ticking(10))).toEqual({ refreshed: 1, waiting: waiting - 6 });
    refreshDirty(s, Number.MAX_SAFE_INTEGER);
    expect(s.risk.dirtyCount()).toBe(0);
  });
});

describe('the server drains in slices, yielding between them', () => {
  it('a queue of 95 refreshed 10 a slice: 10 slices, 9 yields, nothing left', async () => {
    let queue = 95;
    const sizes: number[] = [];
    let yields = 0;
    const r = await drainInSlices(
      (limit, budgetMs) => {
        expect(budgetMs).toBe(20);
        expect(limit).toBe(200);
        const n = Math.min(10, queue);
        queue -= n;
        sizes.push(n);
        return { refreshed: n, waiting: queue };
      },
      { clock: ticking(1), defer: (next) => (yields++, next()) },
    );
    expect(r).toEqual({ refreshed: 95, waiting: 0, slices: 10 });
    expect(yields).toBe(9);
    expect(sizes.at(-1)).toBe(5);
  });

  it('stops at its wall-time limit and leaves the rest for the next tick', async () => {
    let queue = 1_000;
    const r = await drainInSlices(
      () => {
        queue -= 10;
        return { refreshed: 10, waiting: queue };
      },
      // Each read of the clock moves 100 ms: started at 100, after slice k the clock reads 100(k+1).
      { clock: ticking(100), maxMs: 500, defer: (next) => next() },
    );
    expect(r.slices).toBe(5);
    expect(r).toEqual({ refreshed: 50, waiting: 950, slices: 5 });
  });

  it('stops when a slice refreshes nothing (a grantee that fails to leave the list cannot spin the server)', async () => {
    let calls = 0;
    const r = await drainInSlices(() => (calls++, { refreshed: 0, waiting: 7 }), { defer: (next) => next() });
    expect(calls).toBe(1);
    expect(r).toEqual({ refreshed: 0, waiting: 7, slices: 1 });
  });

  it('a failing slice rejects (the server logs it), it does not hang', async () => {
    await expect(
      drainInSlices(() => {
        throw new Error('disk I/O error');
      }),
    ).rejects.toThrow('disk I/O error');
  });

  it("the day's stale mark of the whole demo city, drained by the application in real slices: nothing waits, verify clean", async () => {
    // Everything computed "yesterday": the daily mark puts every grantee back in the list.
    const marked = markAll();
    refreshDirty(s, Number.MAX_SAFE_INTEGER);
    s.db.sqlite.prepare("UPDATE risk_state SET computed_on = '2026-10-19'").run();
    // Every grantee of every open year (the demo has two) is marked again.
    const stale = markStale(s);
    expect(stale).toBeGreaterThanOrEqual(marked);
    expect(s.risk.dirtyCount()).toBe(stale);
    let rounds = 0;
    let last = { refreshed: 0, waiting: stale, slices: 0 };
    while (last.waiting && rounds < 100) {
      last = await drainInSlices((limit, budgetMs) => refreshDirty(s, limit, budgetMs), { sliceMs: 5, maxMs: 50 });
      rounds += 1;
    }
    expect(last.waiting).toBe(0);
    expect(verifyRiskFlags(s).problems).toEqual([]);
  });
});

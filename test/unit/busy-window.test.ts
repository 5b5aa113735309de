import { describe, expect, it } from 'vitest';
import { BusyWindow } from '../../src/app/busy-window';

/** A window of 1000 ms on a clock the test moves; `steps` are [at ms, mark], then the share asked at `ask`. */
function shareAfter(steps: Array<[number, boolean]>, ask: number): number {
  let now = 0;
  const w = new BusyWindow(1000, () => now);
  for (const [at, busy] of steps) {
    now = at;
    w.mark(busy);
  }
  now = ask;
  return w.share();
}

describe('BusyWindow: the share of the last second spent busy', () => {
  it.each([
    ['never busy', [], 500, 0],
    ['busy 100 ms, asked at its end', [[0, true], [100, false]], 100, 0.1],
    ['busy since 0, still busy at 400', [[0, true]], 400, 0.4],
    ['busy since 0, still busy at 3000 (the window is full)', [[0, true]], 3000, 1],
    ['a span that ended before the window counts nothing', [[0, true], [200, false]], 1500, 0],
    ['a span cut by the window counts its part inside', [[0, true], [600, false]], 1200, 0.4],
    ['two spans and a running one', [[0, true], [100, false], [300, true], [400, false], [900, true]], 1000, 0.3],
    ['marking busy twice keeps the first start', [[0, true], [500, true], [600, false]], 600, 0.6],
    ['marking idle twice adds nothing', [[0, true], [100, false], [500, false]], 600, 0.1],
  ] as Array<[string, Array<[number, boolean]>, number, number]>)('%s', (_name, steps, ask, share) => {
    expect(shareAfter(steps, ask)).toBeCloseTo(share, 9);
  });

  it('holds only the spans of one window, however long it runs', () => {
    let now = 0;
    const w = new BusyWindow(1000, () => now);
    for (let i = 0; i < 100_000; i++) {
      now = i * 10;
      w.mark(i % 2 === 0);
    }
    expect((w as unknown as { spans: unknown[] }).spans.length).toBeLessThanOrEqual(51);
    expect(w.share()).toBeCloseTo(0.5, 1);
  });

  it('refuses a window that is not positive', () => {
    expect(() => new BusyWindow(0)).toThrow();
  });
});

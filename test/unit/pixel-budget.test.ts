/** The image worker's pixel budget: decodes together only while their pixels fit, in arrival order, freed however a decode ends. */
import { describe, expect, it } from 'vitest';
import { PixelBudget } from '../../src/app/pixel-budget';

/** A task that runs until released by hand, recording when it started. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { open, done };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('PixelBudget', () => {
  it.each([
    // budget, pixels of the tasks in arrival order, which start at once
    [100, [30, 30, 30], [0, 1, 2]],
    [100, [60, 60, 10], [0]],
    [100, [150, 10], [0]],
    [100, [10, 150, 10], [0]],
    [100, [0, 0, 100], [0, 1, 2]],
  ])('budget %i, tasks %j: %j start at once, the others wait their turn', async (budget, sizes, startNow) => {
    const b = new PixelBudget(budget);
    const started: number[] = [];
    const gates = sizes.map(() => gate());
    const runs = sizes.map((px, i) =>
      b.run(px, async () => {
        started.push(i);
        await gates[i]!.done;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual(startNow);
    expect(b.state.inUse).toBe(startNow.reduce((a, i) => a + sizes[i]!, 0));
    expect(b.state.inUse <= budget || startNow.length === 1).toBe(true);
    // Release in order; every task ends up running, in arrival order, and nothing stays held.
    for (let i = 0; i < sizes.length; i++) {
      gates[i]!.open();
      await tick();
    }
    expect(await Promise.all(runs)).toEqual(sizes.map((_, i) => i));
    expect(started).toEqual(sizes.map((_, i) => i));
    expect(b.state).toEqual({ inUse: 0, running: 0, waiting: 0 });
  });

  it('frees the pixels of a decode that fails, and lets the next one start', async () => {
    const b = new PixelBudget(100);
    const failing = b.run(80, async () => {
      await tick();
      throw new Error('rusak');
    });
    let second = false;
    const next = b.run(80, async () => {
      second = true;
    });
    expect(second).toBe(false);
    await expect(failing).rejects.toThrow('rusak');
    await next;
    expect(second).toBe(true);
    expect(b.state).toEqual({ inUse: 0, running: 0, waiting: 0 });
  });

  it('never holds more than the budget at once over many random tasks (unless one alone is larger)', async () => {
    const b = new PixelBudget(1000);
    let worst = 0;
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    await Promise.all(
      Array.from({ length: 200 }, () => {
        const px = Math.floor(rnd() * 700);
        return b.run(px, async () => {
          if (b.state.running > 1) worst = Math.max(worst, b.state.inUse);
          for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) await tick();
        });
      }),
    );
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(1000);
  });
});

/**
 * Decoded pixels held to a budget: a task of `pixels` starts only while the pixels of the tasks
 * running, its own included, stay within the budget, or when nothing else runs (a task larger
 * than the budget runs alone). In arrival order: a large task waiting is not overtaken by small
 * ones, so it is never starved.
 */
export class PixelBudget {
  private inUse = 0;
  private running = 0;
  private readonly waiting: Array<{ pixels: number; go: () => void }> = [];

  constructor(readonly budget: number) {
    if (!Number.isSafeInteger(budget) || budget < 1) throw new Error('PixelBudget: budget must be a positive integer');
  }

  /** Pixels held by the tasks running now, and how many wait. */
  get state(): { inUse: number; running: number; waiting: number } {
    return { inUse: this.inUse, running: this.running, waiting: this.waiting.length };
  }

  private fits(pixels: number): boolean {
    return this.running === 0 || this.inUse + pixels <= this.budget;
  }

  /** Runs `task` when its pixels fit, and frees them when it ends (however it ends). */
  async run<T>(pixels: number, task: () => Promise<T>): Promise<T> {
    const p = Math.max(0, pixels);
    if (this.waiting.length === 0 && this.fits(p)) this.take(p);
    else await new Promise<void>((go) => this.waiting.push({ pixels: p, go }));
    try {
      return await task();
    } finally {
      this.inUse -= p;
      this.running -= 1;
      while (this.waiting.length > 0 && this.fits(this.waiting[0]!.pixels)) {
        const next = this.waiting.shift()!;
        this.take(next.pixels);
        next.go();
      }
    }
  }

  private take(pixels: number): void {
    this.inUse += pixels;
    this.running += 1;
  }
}

/**
 * How much of the last `windowMs` something was busy (0 to 1): the image workers' pool marks
 * when it goes busy (a file in flight) and idle again, and asks the share before doing work that
 * can wait (a review thumbnail at upload). Its own time only: not the process's CPU, which a
 * report or a test's own work would fill.
 *
 * Invariants: the share is the length of the busy spans that overlap the window, divided by the
 * window; spans that ended before the window are dropped at every mark and every question, so
 * the list holds at most the transitions of one window.
 */
export class BusyWindow {
  private since: number | null = null;
  private readonly spans: Array<[number, number]> = [];

  constructor(
    private readonly windowMs = 1000,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(windowMs > 0)) throw new Error('BusyWindow: the window must be positive');
  }

  /** Busy from now on (true) or idle from now on (false); repeating the same state changes nothing. */
  mark(busy: boolean): void {
    const now = this.clock();
    if (busy && this.since === null) this.since = now;
    else if (!busy && this.since !== null) {
      if (now > this.since) this.spans.push([this.since, now]);
      this.since = null;
    }
    this.prune(now);
  }

  /** The share of the last window spent busy, 0 to 1. */
  share(): number {
    const now = this.clock();
    const from = now - this.windowMs;
    this.prune(now);
    let ms = 0;
    for (const [a, b] of this.spans) ms += b - Math.max(a, from);
    if (this.since !== null) ms += now - Math.max(this.since, from);
    return Math.min(1, ms / this.windowMs);
  }

  private prune(now: number): void {
    const from = now - this.windowMs;
    while (this.spans.length > 0 && this.spans[0]![1] <= from) this.spans.shift();
  }
}

/**
 * The server's background refresh of the desk's risk flags, in slices. A day's stale mark puts
 * every grantee of the city in the waiting list (10,628 RTs at ~13 ms each: over two minutes of
 * work); done in one go it would hold the event loop, and every request with it, for that long.
 * So the waiting grantees are refreshed one slice at a time (about `sliceMs` each, one
 * transaction), yielding to waiting requests between slices (setImmediate), for at most `maxMs`
 * of wall time per call; what is left waits for the next call (the server's 10-s timer).
 */
import { DESK_REFRESH_LIMIT, DESK_SLICE_MS } from './risk-refresh';

export interface DrainOptions {
  /** Wall time of one slice (one transaction). */
  sliceMs?: number;
  /** Wall time of the whole call, slices and the pauses between them. */
  maxMs?: number;
  clock?: () => number;
  /** How the drain yields between slices (setImmediate: requests already waiting run first). */
  defer?: (next: () => void) => void;
}

export interface DrainResult {
  refreshed: number;
  waiting: number;
  slices: number;
}

/** Drains waiting refreshes in slices of `sliceMs`, for at most `maxMs`; resolves with what it did and what still waits. */
export function drainInSlices(refresh: (limit: number, budgetMs: number) => { refreshed: number; waiting: number }, opts: DrainOptions = {}): Promise<DrainResult> {
  const sliceMs = opts.sliceMs ?? DESK_SLICE_MS;
  const maxMs = opts.maxMs ?? 2_000;
  const clock = opts.clock ?? performance.now.bind(performance);
  const defer = opts.defer ?? ((next) => void setImmediate(next));
  const started = clock();
  let refreshed = 0;
  let slices = 0;
  return new Promise((resolve, reject) => {
    const step = () => {
      try {
        const r = refresh(DESK_REFRESH_LIMIT, sliceMs);
        refreshed += r.refreshed;
        slices += 1;
        if (r.waiting && r.refreshed && clock() - started < maxMs) defer(step);
        else resolve({ refreshed, waiting: r.waiting, slices });
      } catch (err) {
        reject(err);
      }
    };
    step();
  });
}

/**
 * How long the server's event loop was held, for /healthz and the benchmark: a request waits for
 * whatever synchronous work runs before it (a refresh, a PDF, a big page), so the loop's delay is
 * the floor of every answer's latency. Figures since the previous read (a load balancer's probes
 * see their own interval), in milliseconds.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

let histogram: IntervalHistogram | null = null;

export interface LoopDelay {
  /** The 99th percentile of the loop's delay since the last read. */
  p99Ms: number;
  /** The longest single hold since the last read. */
  maxMs: number;
}

/** Reads the figures since the previous read (the first read starts the monitor). */
export function loopDelaySinceLastRead(): LoopDelay {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    return { p99Ms: 0, maxMs: 0 };
  }
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  const out = { p99Ms: histogram.count ? ms(histogram.percentile(99)) : 0, maxMs: histogram.count ? ms(histogram.max) : 0 };
  histogram.reset();
  return out;
}

/** Starts the monitor (the server does at start, so the first probe already has figures). */
export function startLoopDelayMonitor(): void {
  if (!histogram) loopDelaySinceLastRead();
}

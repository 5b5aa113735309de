/**
 * Issue 20: bounded work on the public pages. Two per-address counters over a one-minute window:
 * every public request, and every one the cache could not answer (a page computed, a poster drawn,
 * a photo downsized). A city-wide share (many phones, often behind one carrier address) is served
 * from the cache and meets the first, generous limit only; crawling every page of the city from
 * one address meets the second. Over a limit: 429 with Retry-After. Memory is bounded: the table
 * is emptied when it holds too many addresses (a fresh window for everyone).
 */
import type { Request, Response } from 'express';
import { fail } from '../../domain/errors';

const WINDOW_MS = 60_000;
const MAX_ADDRESSES = 100_000;

export class AddressCounter {
  private readonly counts = new Map<string, { start: number; n: number }>();
  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of this address; throws public_rate_limited (429) past the limit. */
  hit(req: Request, res: Response): void {
    if (this.limit <= 0) return;
    const ip = req.ip ?? 'unknown';
    const t = this.now();
    let c = this.counts.get(ip);
    if (!c || t - c.start >= WINDOW_MS) {
      if (!c && this.counts.size >= MAX_ADDRESSES) this.counts.clear();
      c = { start: t, n: 0 };
      this.counts.set(ip, c);
    }
    c.n += 1;
    if (c.n > this.limit) {
      const seconds = Math.max(1, Math.ceil((c.start + WINDOW_MS - t) / 1000));
      res.set('Retry-After', String(seconds));
      throw fail('public_rate_limited', { seconds });
    }
  }
}

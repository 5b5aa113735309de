/**
 * What holds back abuse of the public complaint form, without a third-party captcha.
 *
 * Invariants:
 * - a form whose hidden honeypot field is filled is refused;
 * - a form carries the time it was issued, signed by the server: one sent back sooner than
 *   MIN_FILL_SECONDS after, later than a day after, or whose signature does not match, is refused
 *   politely with the input kept (the page gives a fresh form to send again);
 * - a form kept inside a cached public page carries the page's time, not the visitor's: such a
 *   "page" stamp is trusted for the fill time only while younger than PAGE_STAMP_TRUST_MINUTES;
 *   older, the form comes back once for confirmation with a fresh "form" stamp (a person sends it
 *   again, a bot must wait the minimum fill time again). The page's script asks for a fresh form
 *   stamp as soon as the visitor starts typing, so with JavaScript no second step is seen;
 * - one address sends at most PER_ADDRESS_HOUR complaints an hour and PER_ADDRESS_DAY a day, and
 *   one RT or RW receives at most PER_TARGET_DAY a day (an address is counted by a keyed hash,
 *   never stored as it is);
 * - the same message (normalized) to the same RT or RW within DUPLICATE_WINDOW_HOURS gives back
 *   the first complaint's tracking code, and is not counted again.
 */
import { fail } from '../errors';

export const ABUSE_LIMITS = {
  minFillSeconds: 4,
  pageStampTrustMinutes: 10,
  maxFormAgeHours: 24,
  perAddressHour: 3,
  perAddressDay: 10,
  perTargetDay: 30,
  duplicateWindowHours: 24,
} as const;

export type StampVerdict = 'ok' | 'too_fast' | 'expired' | 'invalid' | 'confirm';

/** Where a stamp was issued: inside a public page kept for every visitor, or for this visitor's form. */
export type StampSource = 'page' | 'form';

/** A signed form stamp's verdict: `issuedAtMs` null when the signature did not match (or there was none). */
export function stampVerdict(issuedAtMs: number | null, nowMs: number, source: StampSource = 'form'): StampVerdict {
  if (issuedAtMs === null) return 'invalid';
  const age = nowMs - issuedAtMs;
  // A stamp from the future (a clock moved back, a forged time) is no better than a missing one.
  if (age < -60_000) return 'invalid';
  if (age < ABUSE_LIMITS.minFillSeconds * 1000) return 'too_fast';
  if (age > ABUSE_LIMITS.maxFormAgeHours * 3600_000) return 'expired';
  // The time of a cached page says nothing about when this visitor opened it.
  if (source === 'page' && age > ABUSE_LIMITS.pageStampTrustMinutes * 60_000) return 'confirm';
  return 'ok';
}

/** Refuses a form a bot filled (honeypot), sent too fast, too late or unsigned; asks once for confirmation when its time is unknown. */
export function checkForm(f: { honeypot: string; stamp: StampVerdict }): void {
  if (f.honeypot.trim() !== '') throw fail('complaint_refused');
  if (f.stamp === 'too_fast') throw fail('complaint_too_fast', { seconds: ABUSE_LIMITS.minFillSeconds });
  if (f.stamp === 'confirm') throw fail('complaint_confirm');
  if (f.stamp !== 'ok') throw fail('complaint_form_stale');
}

/** Refuses a complaint over the limits: per address (last hour, last day), per RT or RW (today). */
export function checkLimits(f: { addressLastHour: number; addressLastDay: number; targetToday: number }): void {
  if (f.addressLastHour >= ABUSE_LIMITS.perAddressHour) throw fail('complaint_rate_limited', { limit: ABUSE_LIMITS.perAddressHour, window: 'satu jam' });
  if (f.addressLastDay >= ABUSE_LIMITS.perAddressDay) throw fail('complaint_rate_limited', { limit: ABUSE_LIMITS.perAddressDay, window: 'satu hari' });
  if (f.targetToday >= ABUSE_LIMITS.perTargetDay) throw fail('complaint_target_busy', { limit: ABUSE_LIMITS.perTargetDay });
}

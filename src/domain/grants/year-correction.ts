/**
 * A correction posted into a closed programme year: after the close the ledger of that year is
 * final, yet an audit can still find a mistake (a receipt that was a forbidden use and has been
 * paid back to Kas Daerah, spending booked in the wrong category). The admin posts a new entry,
 * never an edit.
 *
 * Invariants:
 * - a closed year takes no entry but a correction (`year_correction`); every other posting,
 *   reversals included, is refused there (`closedYearAccepts`);
 * - a correction moves money between one RT's closed-year figures only: spending (per category),
 *   returned to Kas Daerah, lapsed. It never touches undrawn allocation or cash, which the close
 *   left at zero, so the year still adds up to the allocation;
 * - it names a written reason and the admin, is dated the day it is made (WIB) and tagged with
 *   the closed year (the entry's `year`), moves a positive whole-rupiah amount no larger than
 *   what the source holds, between two different places.
 */
import { fail } from '../errors';
import { rtLapsedAccount, rtReturnedAccount, rtSpendingAccount, type RtAccountRef } from '../ledger/accounts';
import type { EntryDraft, EventType } from '../ledger/entry';

/** A place an RT's closed-year money can be: spending of a category, returned to Kas Daerah, lapsed. */
export type CorrectionPlace = { kind: 'spending'; category: string } | { kind: 'returned' } | { kind: 'lapsed' };

/** A closed year takes corrections only. */
export const closedYearAccepts = (eventType: EventType): boolean => eventType === 'year_correction';

export function placeAccount(rt: RtAccountRef, p: CorrectionPlace): string {
  return p.kind === 'spending' ? rtSpendingAccount(rt, p.category) : p.kind === 'returned' ? rtReturnedAccount(rt) : rtLapsedAccount(rt);
}

/** "belanja SOS", "dikembalikan ke Kas Daerah", "alokasi gugur". */
export function placeLabel(p: CorrectionPlace): string {
  return p.kind === 'spending' ? `belanja ${p.category}` : p.kind === 'returned' ? 'dikembalikan ke Kas Daerah' : 'alokasi gugur';
}

/** "spending:SOS" / "returned" / "lapsed" as forms send it; null for anything else. */
export function parsePlace(value: string, categories: readonly string[]): CorrectionPlace | null {
  if (value === 'returned' || value === 'lapsed') return { kind: value };
  const m = /^spending:([A-Z]{3})$/.exec(value);
  return m && categories.includes(m[1]!) ? { kind: 'spending', category: m[1]! } : null;
}

export interface CorrectionCommand {
  year: number;
  rtId: number;
  rt: RtAccountRef;
  rtLabel: string;
  from: CorrectionPlace;
  to: CorrectionPlace;
  amount: number;
  reason: string;
  /** What the source place holds now. */
  fromBalance: number;
  actor: string;
  /** Today (WIB), YYYY-MM-DD: the correction is dated the day it is made. */
  today: string;
  idempotencyKey: string;
}

/** The correction's entry, or the first rule it breaks. */
export function buildYearCorrection(c: CorrectionCommand): EntryDraft {
  const reason = c.reason.trim();
  if (!reason) throw fail('correction_reason_missing', undefined, { reason: 'Tuliskan alasan koreksi.' });
  if (!Number.isSafeInteger(c.amount) || c.amount <= 0) throw fail('correction_amount_invalid', undefined, { amount: 'Jumlah harus lebih dari Rp0.' });
  const from = placeAccount(c.rt, c.from);
  const to = placeAccount(c.rt, c.to);
  if (from === to) throw fail('correction_same_place', undefined, { to: 'Pilih tujuan yang berbeda dari asal.' });
  if (c.amount > c.fromBalance) throw fail('correction_exceeds_balance', { amount: c.amount, available: c.fromBalance, place: placeLabel(c.from) }, { amount: 'Melebihi saldo asal.' });
  return {
    year: c.year,
    eventType: 'year_correction',
    eventRef: `rt:${c.rtId}`,
    description: `Koreksi tahun ${c.year} setelah tutup tahun, ${c.rtLabel}: ${placeLabel(c.from)} → ${placeLabel(c.to)}`,
    actor: c.actor,
    occurredOn: c.today,
    idempotencyKey: c.idempotencyKey,
    postings: [{ account: to, amount: c.amount }, { account: from, amount: -c.amount }],
    reason,
  };
}

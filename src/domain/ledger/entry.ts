/**
 * Journal entries and their postings.
 *
 * Invariants (checked here before insert, and again by the database triggers):
 * - an entry has at least two postings; each amount is a non-zero safe integer
 *   (positive = debit, negative = credit);
 * - the postings sum to zero: debits equal credits;
 * - an entry names its business event, its actor, its business date and an idempotency key;
 * - a reversal names the entry it reverses and a reason.
 */
import { invalid } from '../errors';

export const EVENT_TYPES = [
  'allocation',
  'tranche',
  'receipt',
  'reversal',
  'year_end_return',
  'year_end_lapse',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface PostingDraft {
  account: string;
  amount: number;
}

export interface EntryDraft {
  year: number;
  eventType: EventType;
  /** What caused it, e.g. "rt:123" or "tranche:45". */
  eventRef: string;
  description: string;
  /** Who caused it, e.g. "user:7:bendahara.pleburan" or "system:seed". */
  actor: string;
  /** Business date, YYYY-MM-DD (WIB). */
  occurredOn: string;
  idempotencyKey: string;
  postings: PostingDraft[];
  reversesEntryId?: number | null;
  reason?: string | null;
}

export interface PostedEntry extends EntryDraft {
  id: number;
  recordedAt: string;
  prevHash: string;
  hash: string;
  reversesEntryId: number | null;
  reason: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function debitTotal(postings: readonly PostingDraft[]): number {
  return postings.reduce((sum, p) => (p.amount > 0 ? sum + p.amount : sum), 0);
}

/** Throws a DomainError naming the first rule the draft breaks. */
export function validateEntry(d: EntryDraft): void {
  if (!EVENT_TYPES.includes(d.eventType) || !d.eventRef?.trim()) {
    throw invalid('entry_event_missing', 'Setiap jurnal harus menyebut peristiwa bisnis penyebabnya.');
  }
  if (!d.actor?.trim()) throw invalid('entry_actor_missing', 'Setiap jurnal harus menyebut pelakunya.');
  if (!d.idempotencyKey?.trim()) {
    throw invalid('entry_idempotency_key_missing', 'Setiap jurnal harus punya kunci idempotensi.');
  }
  if (!DATE.test(d.occurredOn) || Number.isNaN(Date.parse(`${d.occurredOn}T00:00:00Z`))) {
    throw invalid('entry_date_invalid', 'Tanggal jurnal tidak valid.');
  }
  if (!Array.isArray(d.postings) || d.postings.length < 2) {
    throw invalid('entry_too_few_postings', 'Jurnal harus punya paling sedikit dua baris (debit dan kredit).');
  }
  for (const p of d.postings) {
    if (!Number.isSafeInteger(p.amount) || p.amount === 0) {
      throw invalid('posting_amount_invalid', `Jumlah pada akun ${p.account} harus rupiah utuh dan bukan nol.`);
    }
    if (!p.account?.trim()) throw invalid('account_unknown', 'Akun kosong pada jurnal.');
  }
  const sum = d.postings.reduce((s, p) => s + p.amount, 0);
  if (sum !== 0) {
    throw invalid(
      'entry_not_balanced',
      `Jurnal tidak seimbang: debit ${debitTotal(d.postings)} tidak sama dengan kredit ${debitTotal(d.postings) - sum}.`,
    );
  }
  if (d.eventType === 'reversal' && (!d.reversesEntryId || !d.reason?.trim())) {
    throw invalid('reversal_reason_missing', 'Pembalikan harus menyebut jurnal asal dan alasannya.');
  }
}

/** The economic content that an idempotency key stands for. */
export function fingerprint(d: Pick<EntryDraft, 'year' | 'eventType' | 'eventRef' | 'postings'>): string {
  return JSON.stringify([d.year, d.eventType, d.eventRef, d.postings.map((p) => [p.account, p.amount])]);
}

/**
 * Journal entries and their postings.
 *
 * Invariants (checked here before insert, and again by the database triggers):
 * - an entry has at least two postings; each amount is a non-zero safe integer
 *   (positive = debit, negative = credit);
 * - the postings sum to zero: debits equal credits;
 * - an entry names its business event, its actor, its business date and an idempotency key;
 * - a reversal names the entry it reverses and a reason; a correction in a closed year names a reason.
 */
import { fail } from '../errors';
import type { EntryFacts } from './entry-facts';

export const EVENT_TYPES = [
  'allocation',
  'tranche',
  /** The bank paid an approved tranche: from in transit to the RT's cash. */
  'bank_transfer',
  'receipt',
  'reversal',
  'year_end_return',
  'year_end_lapse',
  /** An admin's correction posted into a closed year (year-correction.ts). */
  'year_correction',
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
  /**
   * The business facts the entry rests on (entry-facts.ts), covered by the hash from chain
   * version 2 on: a receipt's RT, date, category, texts and evidence hashes; a tranche's lines;
   * the bank account a payment went to. Null for entries whose postings say it all.
   */
  facts?: EntryFacts | null;
}

/** The canonical forms an entry's hash may cover (hash-chain.ts): 1 before facts, 2 with them. */
export const CHAIN_VERSIONS = [1, 2] as const;
export type ChainVersion = (typeof CHAIN_VERSIONS)[number];

export interface PostedEntry extends EntryDraft {
  id: number;
  /** The canonical form the hash covers (hash-chain.ts): 1 for entries before facts, 2 after. */
  version: ChainVersion;
  facts: EntryFacts | null;
  recordedAt: string;
  prevHash: string;
  hash: string;
  reversesEntryId: number | null;
  reason: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real day of the calendar: 2026-02-30 parses in JavaScript (as 2 March) but is no date. */
const isCalendarDate = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

export function debitTotal(postings: readonly PostingDraft[]): number {
  return postings.reduce((sum, p) => (p.amount > 0 ? sum + p.amount : sum), 0);
}

/** Throws a DomainError naming the first rule the draft breaks. */
export function validateEntry(d: EntryDraft): void {
  if (!EVENT_TYPES.includes(d.eventType) || !d.eventRef?.trim()) {
    throw fail('entry_event_missing');
  }
  if (!d.actor?.trim()) throw fail('entry_actor_missing');
  if (!d.idempotencyKey?.trim()) {
    throw fail('entry_idempotency_key_missing');
  }
  if (!DATE.test(d.occurredOn) || !isCalendarDate(d.occurredOn)) {
    throw fail('entry_date_invalid');
  }
  if (!Array.isArray(d.postings) || d.postings.length < 2) {
    throw fail('entry_too_few_postings');
  }
  for (const p of d.postings) {
    if (!Number.isSafeInteger(p.amount) || p.amount === 0) {
      throw fail('posting_amount_invalid', { account: p.account });
    }
    if (!p.account?.trim()) throw fail('posting_account_missing');
  }
  const sum = d.postings.reduce((s, p) => s + p.amount, 0);
  if (sum !== 0) {
    throw fail('entry_not_balanced', { debit: debitTotal(d.postings), credit: debitTotal(d.postings) - sum });
  }
  if (d.eventType === 'reversal' && (!d.reversesEntryId || !d.reason?.trim())) {
    throw fail('reversal_reason_missing');
  }
  if (d.eventType === 'year_correction' && !d.reason?.trim()) throw fail('correction_reason_missing');
}

/** The economic content that an idempotency key stands for. */
export function fingerprint(d: Pick<EntryDraft, 'year' | 'eventType' | 'eventRef' | 'postings'>): string {
  return JSON.stringify([d.year, d.eventType, d.eventRef, d.postings.map((p) => [p.account, p.amount])]);
}

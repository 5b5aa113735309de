/**
 * Corrections are new entries: a reversal mirrors every posting of the original.
 *
 * Invariants:
 * - original + reversal nets to zero on every account;
 * - a reversal is never itself reversed (post a new entry instead), and an entry is
 *   reversed at most once (the database enforces a unique reverses_entry_id).
 */
import { fail } from '../errors';
import type { EntryDraft, PostedEntry } from './entry';

export function buildReversal(
  original: PostedEntry,
  reason: string,
  actor: string,
  occurredOn: string,
  idempotencyKey = `reversal:${original.id}`,
): EntryDraft {
  if (original.eventType === 'reversal') {
    throw fail('cannot_reverse_reversal');
  }
  if (!reason.trim()) throw fail('reversal_reason_missing');
  return {
    year: original.year,
    eventType: 'reversal',
    eventRef: `entry:${original.id}`,
    description: `Pembalikan jurnal #${original.id}: ${original.description}`,
    actor,
    occurredOn,
    idempotencyKey,
    postings: original.postings.map((p) => ({ account: p.account, amount: -p.amount })),
    reversesEntryId: original.id,
    reason: reason.trim(),
  };
}

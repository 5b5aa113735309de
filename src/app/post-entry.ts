/**
 * Posting and reversing journal entries: the only way money moves. Callers hold the
 * transaction (one use case, one transaction); this asserts it.
 */
import { fail } from '../domain/errors';
import { debitTotal, fingerprint, validateEntry, type EntryDraft, type PostedEntry } from '../domain/ledger/entry';
import { CHAIN_VERSION, entryHash, GENESIS_HASH } from '../domain/ledger/hash-chain';
import { buildReversal } from '../domain/ledger/reversal';
import { closedYearAccepts } from '../domain/grants/year-correction';
import { actorLabel, type Actor } from '../domain/access';
import type { Services } from './services';

export interface PostResult {
  entry: PostedEntry;
  created: boolean;
}

export function postEntry(s: Services, draft: EntryDraft): PostResult {
  if (!s.db.inTransaction()) throw new Error('postEntry must run inside a transaction');
  validateEntry(draft);
  const existing = s.ledger.findByKey(draft.idempotencyKey);
  if (existing) {
    if (fingerprint(existing) !== fingerprint(draft)) {
      throw fail('idempotency_conflict');
    }
    return { entry: existing, created: false };
  }
  const status = s.ledger.yearStatus(draft.year);
  if (!status) throw fail('year_unknown', { year: draft.year });
  // A closed year takes an admin's correction only (year-correction.ts): a reversal there would
  // put money back on an RT's cash after its year was closed and settled.
  if (status === 'closed' && !closedYearAccepts(draft.eventType)) {
    throw draft.eventType === 'reversal' ? fail('year_closed_use_correction', { year: draft.year }) : fail('year_closed', { year: draft.year });
  }
  const accountIds = draft.postings.map((p) => {
    const account = s.ledger.accountByName(draft.year, p.account);
    if (!account) throw fail('account_unknown', { account: p.account, year: draft.year });
    return account.id;
  });
  if (draft.reversesEntryId) {
    const original = s.ledger.findById(draft.reversesEntryId);
    if (!original || original.year !== draft.year) throw fail('entry_not_found');
    if (s.ledger.findReversalOf(original.id)) {
      throw fail('entry_already_reversed', { entryId: original.id });
    }
  }
  const head = s.ledger.head();
  const entry: PostedEntry = {
    ...draft,
    id: (head?.id ?? 0) + 1,
    recordedAt: s.now().toISOString(),
    reversesEntryId: draft.reversesEntryId ?? null,
    reason: draft.reason ?? null,
    version: CHAIN_VERSION,
    facts: draft.facts ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
    hash: '',
  };
  entry.hash = entryHash(entry.prevHash, entry);
  s.ledger.insert(entry, accountIds, debitTotal(draft.postings));
  return { entry, created: true };
}

export function reverseEntry(
  s: Services,
  cmd: { entryId: number; reason: string; actor: Actor; occurredOn: string; idempotencyKey?: string },
): PostResult {
  const original = s.ledger.findById(cmd.entryId);
  if (!original) throw fail('entry_not_found');
  const existing = s.ledger.findReversalOf(original.id);
  if (existing) {
    // A retry of the same request (same key) gets the reversal it already made; anything else is refused.
    if (cmd.idempotencyKey && existing.idempotencyKey === cmd.idempotencyKey) return { entry: existing, created: false };
    throw fail('entry_already_reversed', { entryId: original.id, reversalId: existing.id });
  }
  const draft = buildReversal(original, cmd.reason, actorLabel(cmd.actor), cmd.occurredOn, cmd.idempotencyKey);
  return postEntry(s, draft);
}

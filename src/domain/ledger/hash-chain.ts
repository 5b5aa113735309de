/**
 * The hash chain over journal entries.
 *
 * Invariants:
 * - hash(entry) = SHA-256(prevHash + "\n" + canonical(entry)), hex;
 * - the first entry's prevHash is GENESIS_HASH; each later entry's prevHash is the hash of
 *   the entry before it in id order, so changing, removing or inserting any entry or
 *   posting breaks every hash after it;
 * - canonical() uses account names, not database ids, so anyone holding the plain-text
 *   journal can recompute the chain without our database.
 */
import { createHash } from 'node:crypto';
import type { PostedEntry } from './entry';

export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_VERSION = 1;

export type HashableEntry = Omit<PostedEntry, 'hash' | 'prevHash'>;

export function canonical(e: HashableEntry): string {
  return JSON.stringify([
    CHAIN_VERSION,
    e.id,
    e.year,
    e.eventType,
    e.eventRef,
    e.description,
    e.actor,
    e.occurredOn,
    e.recordedAt,
    e.idempotencyKey,
    e.reversesEntryId ?? null,
    e.reason ?? null,
    e.postings.map((p) => [p.account, p.amount]),
  ]);
}

export function entryHash(prevHash: string, e: HashableEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(e)).digest('hex');
}

export type ChainBreak = { entryId: number; reason: string };

/**
 * Walks entries in id order and returns the first break, or null. Feed it entries one by one
 * (the verifier streams them) through a ChainWalker.
 */
export class ChainWalker {
  private prev = GENESIS_HASH;
  private lastId = 0;
  count = 0;

  get head(): string {
    return this.prev;
  }

  step(e: PostedEntry): ChainBreak | null {
    if (e.id <= this.lastId) return { entryId: e.id, reason: 'urutan id jurnal tidak naik' };
    if (e.prevHash !== this.prev) {
      return { entryId: e.id, reason: 'prev_hash tidak sama dengan hash jurnal sebelumnya (ada jurnal dihapus atau disisipkan)' };
    }
    const expected = entryHash(this.prev, e);
    if (expected !== e.hash) return { entryId: e.id, reason: 'hash tidak cocok dengan isi jurnal (isi atau baris diubah)' };
    this.prev = e.hash;
    this.lastId = e.id;
    this.count += 1;
    return null;
  }
}

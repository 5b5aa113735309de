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
import type { ChainVersion, PostedEntry } from './entry';

export { CHAIN_VERSIONS, type ChainVersion } from './entry';

export const GENESIS_HASH = '0'.repeat(64);
/** The version new entries are written in (every verifier accepts all of CHAIN_VERSIONS). */
export const CHAIN_VERSION: ChainVersion = 2;

export type HashableEntry = Omit<PostedEntry, 'hash' | 'prevHash'>;

/**
 * The exact text an entry's hash covers: a JSON array (JSON.stringify, no spaces).
 * - version 1: [1, id, year, eventType, eventRef, description, actor, occurredOn, recordedAt,
 *   idempotencyKey, reversesEntryId|null, reason|null, [[account, amount], ...]]
 * - version 2: the same with 2 first and one more element at the end: the entry's facts
 *   (entry-facts.ts, an object whose keys come in a fixed order) or null.
 */
export function canonical(e: HashableEntry): string {
  const v1 = [
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
  ];
  if (e.version === 1) return JSON.stringify([1, ...v1]);
  if (e.version === 2) return JSON.stringify([2, ...v1, e.facts ?? null]);
  throw new Error(`versi rantai ${String(e.version)} tidak dikenal`);
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

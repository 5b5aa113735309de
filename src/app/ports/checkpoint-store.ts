/** Signed checkpoints of the ledger and every public key that signed one (append-only). */
import type { SignedCheckpoint } from '../../domain/ledger/checkpoint';

/** A public key as kept: every key ever used stays, a rotated one with its retirement time. */
export interface SigningKeyRow {
  keyId: string;
  publicKeyPem: string;
  /** ISO time. */
  createdAt: string;
  /** ISO time a newer key took over; null for the key in use. */
  retiredAt: string | null;
}

export interface CheckpointStore {
  latest(): SignedCheckpoint | undefined;
  find(seq: number): SignedCheckpoint | undefined;
  /** Newest first. */
  page(offset: number, limit: number): SignedCheckpoint[];
  count(): number;
  /** Every checkpoint, oldest first (streamed). */
  iterate(): Generator<SignedCheckpoint>;
  /** The caller holds the transaction; seq must be the latest's + 1 (the database refuses otherwise). */
  append(c: SignedCheckpoint): void;
  /** Every key ever used, oldest first. */
  keys(): SigningKeyRow[];
  addKey(k: SigningKeyRow): void;
  retireKey(keyId: string, at: string): void;
  /** The hash of ledger entry `id`, or null when there is none. */
  entryHash(id: number): string | null;
  /** Ledger entries whose hash starts with `prefix` (lower-case hex), at most `limit`. */
  entriesWithHashPrefix(prefix: string, limit: number): Array<{ id: number; hash: string }>;
}

/** Signed checkpoints and the public keys that signed them (SQLite). */
import fs from 'node:fs';
import path from 'node:path';
import type { CheckpointStore, SigningKeyRow } from '../app/ports';
import type { CheckpointReason, SignedCheckpoint } from '../domain/ledger/checkpoint';
import { MIGRATIONS_DIR, type Db } from './client';

const COLUMNS = `seq, signed_at AS signedAt, entry_count AS entryCount, head, prev, key_id AS keyId, reason, hash, signature, audit_count AS auditCount, audit_head AS auditHead`;

interface Row {
  seq: number;
  signedAt: string;
  entryCount: number;
  head: string;
  prev: string;
  keyId: string;
  reason: string;
  hash: string;
  signature: string;
  auditCount: number;
  auditHead: string;
}

const toCheckpoint = (r: Row): SignedCheckpoint => ({
  seq: r.seq,
  signedAt: r.signedAt,
  entryCount: r.entryCount,
  head: r.head,
  prev: r.prev,
  keyId: r.keyId,
  reason: r.reason as CheckpointReason,
  auditCount: r.auditCount,
  auditHead: r.auditHead,
  hash: r.hash,
  signature: r.signature,
});

export class CheckpointRepository implements CheckpointStore {
  constructor(private readonly db: Db) {}

  latest(): SignedCheckpoint | undefined {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM checkpoints ORDER BY seq DESC LIMIT 1`).get() as Row | undefined;
    return r && toCheckpoint(r);
  }

  find(seq: number): SignedCheckpoint | undefined {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM checkpoints WHERE seq = ?`).get(seq) as Row | undefined;
    return r && toCheckpoint(r);
  }

  page(offset: number, limit: number): SignedCheckpoint[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM checkpoints ORDER BY seq DESC LIMIT ? OFFSET ?`).all(limit, offset) as Row[]).map(toCheckpoint);
  }

  count(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM checkpoints`).get() as { n: number }).n;
  }

  *iterate(): Generator<SignedCheckpoint> {
    // Not the cached statement: a statement cannot iterate twice at once.
    for (const r of this.db.sqlite.prepare(`SELECT ${COLUMNS} FROM checkpoints ORDER BY seq`).iterate() as IterableIterator<Row>) yield toCheckpoint(r);
  }

  append(c: SignedCheckpoint): void {
    this.db
      .prepare(`INSERT INTO checkpoints (seq, signed_at, entry_count, head, prev, key_id, reason, hash, signature, audit_count, audit_head) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(c.seq, c.signedAt, c.entryCount, c.head, c.prev, c.keyId, c.reason, c.hash, c.signature, c.auditCount, c.auditHead);
  }

  keys(): SigningKeyRow[] {
    return this.db
      .prepare(`SELECT key_id AS keyId, public_key_pem AS publicKeyPem, created_at AS createdAt, retired_at AS retiredAt FROM signing_keys ORDER BY created_at, key_id`)
      .all() as SigningKeyRow[];
  }

  addKey(k: SigningKeyRow): void {
    this.db.prepare(`INSERT INTO signing_keys (key_id, public_key_pem, created_at, retired_at) VALUES (?, ?, ?, ?)`).run(k.keyId, k.publicKeyPem, k.createdAt, k.retiredAt);
  }

  retireKey(keyId: string, at: string): void {
    this.db.prepare(`UPDATE signing_keys SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL`).run(at, keyId);
  }

  entryHash(id: number): string | null {
    const r = this.db.prepare(`SELECT hash FROM journal_entries WHERE id = ?`).get(id) as { hash: string } | undefined;
    return r?.hash ?? null;
  }

  entriesWithHashPrefix(prefix: string, limit: number): Array<{ id: number; hash: string }> {
    if (!/^[0-9a-f]+$/.test(prefix)) return [];
    // A range on the hash text: hex sorts as text, so prefix..prefix+'g' holds exactly the matches.
    return this.db.prepare(`SELECT id, hash FROM journal_entries WHERE hash >= ? AND hash < ? ORDER BY id LIMIT ?`).all(prefix, `${prefix}g`, limit) as Array<{ id: number; hash: string }>;
  }

}

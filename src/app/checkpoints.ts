/**
 * Signed checkpoints of the ledger: the server signs the chain head and entry count with its
 * Ed25519 key (signing-key.ts) at the first start, at least daily, at every export and for every
 * printed document, and keeps them chained in the database; anyone may read them and the public
 * keys (/publik/checkpoint). The rules (the signed text, the chain, anchors) are the domain's
 * (domain/ledger/checkpoint.ts); this file holds the key and the rows.
 *
 * Invariants:
 * - a checkpoint names the head and count of the ledger at the moment it is signed, inside the
 *   write transaction (so no entry lands in between);
 * - a document or export reuses the latest checkpoint while the head has not moved since it
 *   (downloads do not multiply rows); the daily one is signed when the latest is older than a day;
 * - the key in the file is always registered in signing_keys before it signs; registering a new
 *   key retires the earlier ones (with an audit row); public keys are never deleted.
 */
import { systemActor, type Actor } from '../domain/access';
import { checkpointChainProblems, checkpointProblems, signCheckpoint, type CheckpointReason, type SignedCheckpoint } from '../domain/ledger/checkpoint';
import { GENESIS_HASH } from '../domain/ledger/hash-chain';
import type { SigningKeyRow } from './ports';
import type { Services } from './services';
import { loadOrCreateSigningKey, writeNewSigningKey, type SigningKey } from './signing-key';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Puts a key into signing_keys when it is not there yet (the earlier keys retired), with an audit row. */
function registerKey(s: Services, key: SigningKey, actor: Actor, action: 'checkpoint.key_created' | 'checkpoint.key_rotated'): void {
  s.db.transaction(() => {
    const keys = s.checkpoints.keys();
    const known = keys.find((k) => k.keyId === key.keyId);
    if (known) {
      if (known.retiredAt !== null) {
        throw new Error(`Kunci tanda tangan di ${s.signing.keyPath} (${key.keyId.slice(0, 16)}…) sudah dipensiunkan pada ${known.retiredAt}; pasang kunci yang berlaku atau jalankan \`npm run key:rotate\`.`);
      }
      return;
    }
    const at = s.now().toISOString();
    const retired = keys.filter((k) => k.retiredAt === null);
    for (const k of retired) s.checkpoints.retireKey(k.keyId, at);
    s.checkpoints.addKey({ keyId: key.keyId, publicKeyPem: key.publicKeyPem, createdAt: at, retiredAt: null });
    s.audit.record(actor, null, {
      action,
      targetType: 'signing_key',
      targetId: key.keyId,
      before: retired.length ? { retired: retired.map((k) => k.keyId) } : undefined,
      after: { keyId: key.keyId, keyPath: s.signing.keyPath },
    });
  });
}

/** The key that signs now: read from its file once (created when absent) and registered. */
export function activeSigningKey(s: Services): SigningKey {
  if (s.signing.key) return s.signing.key;
  const { key } = loadOrCreateSigningKey(s.signing.keyPath);
  registerKey(s, key, systemActor('checkpoint'), 'checkpoint.key_created');
  s.signing.key = key;
  return key;
}

/** Signs a checkpoint of the ledger as it is now and stores it. */
export function signCheckpointNow(s: Services, reason: CheckpointReason): SignedCheckpoint {
  const key = activeSigningKey(s);
  return s.db.transaction(() => {
    const head = s.ledger.head();
    const audit = s.audit.chainHead();
    const latest = s.checkpoints.latest();
    const c = signCheckpoint(
      {
        seq: (latest?.seq ?? 0) + 1,
        signedAt: s.now().toISOString(),
        entryCount: head?.id ?? 0,
        head: head?.hash ?? GENESIS_HASH,
        prev: latest?.hash ?? GENESIS_HASH,
        keyId: key.keyId,
        reason,
        auditCount: audit?.id ?? 0,
        auditHead: audit?.hash ?? GENESIS_HASH,
      },
      key.privateKey,
    );
    s.checkpoints.append(c);
    return c;
  });
}

/** The checkpoint a document or an export carries: the latest when the head has not moved since it (and its key is still the one in use), else a new one. */
export function checkpointFor(s: Services, reason: CheckpointReason): SignedCheckpoint {
  const key = activeSigningKey(s);
  const latest = s.checkpoints.latest();
  const head = s.ledger.head();
  // The ledger's head only: every download writes an audit row, so the audit head always moves
  // (the daily checkpoint and every one signed for a new entry carry the audit head).
  if (latest && latest.keyId === key.keyId && latest.entryCount === (head?.id ?? 0) && latest.head === (head?.hash ?? GENESIS_HASH)) return latest;
  return signCheckpointNow(s, reason);
}

export interface ExportCheckpoints {
  /** Signed now (or the latest, when the head has not moved): entryCount = the last entry's id. */
  end: SignedCheckpoint;
  /** Every checkpoint kept, oldest first (end is the last). */
  all: SignedCheckpoint[];
  /** Every public key ever used, PEM blocks concatenated. */
  publicKeysPem: string;
}

/** What an export ships: the checkpoint it ends at, every checkpoint (oldest first), every public key ever used (PEM blocks). */
export function checkpointsForExport(s: Services, reason: CheckpointReason = 'ekspor'): ExportCheckpoints {
  const end = checkpointFor(s, reason);
  return { end, all: [...s.checkpoints.iterate()], publicKeysPem: publicKeysPem(s) };
}

/** Every public key ever used, PEM blocks one after the other (oldest first). */
export function publicKeysPem(s: Services): string {
  return s.checkpoints
    .keys()
    .map((k) => k.publicKeyPem.trimEnd() + '\n')
    .join('');
}

/**
 * At start and on the server's timer: the first checkpoint ('mulai') when there is none, a daily
 * one when the latest is older than `maxAgeMs`; otherwise nothing. Returns what it signed.
 */
export function ensureRecentCheckpoint(s: Services, maxAgeMs = DAY_MS): SignedCheckpoint | null {
  activeSigningKey(s);
  const latest = s.checkpoints.latest();
  if (!latest) return signCheckpointNow(s, 'mulai');
  if (s.now().getTime() - Date.parse(latest.signedAt) >= maxAgeMs) return signCheckpointNow(s, 'harian');
  return null;
}

/**
 * npm run key:rotate: a new key pair replaces the one in the file; the old public key stays in
 * signing_keys (retired), so its checkpoints still verify; a checkpoint is signed with the new
 * key at once. The file is replaced first: a crash before the commit leaves a key that the next
 * start registers the same way.
 */
export function rotateSigningKey(s: Services, actor: Actor): { old: SigningKeyRow | null; key: SigningKey; checkpoint: SignedCheckpoint } {
  const old = s.checkpoints.keys().find((k) => k.retiredAt === null) ?? null;
  const key = writeNewSigningKey(s.signing.keyPath);
  registerKey(s, key, actor, 'checkpoint.key_rotated');
  s.signing.key = key;
  return { old, key, checkpoint: signCheckpointNow(s, 'manual') };
}

export interface PublicCheckpointPage {
  checkpoints: SignedCheckpoint[];
  keys: SigningKeyRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

/** /publik/checkpoint: newest first, a page at a time, with every public key. */
export function publicCheckpoints(s: Services, page = 1, pageSize = 50): PublicCheckpointPage {
  const total = s.checkpoints.count();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { checkpoints: s.checkpoints.page((p - 1) * pageSize, pageSize), keys: s.checkpoints.keys(), total, page: p, pages, pageSize };
}

/** Problems of the stored checkpoints: each hash and signature under its key, the chain, and the ledger still holding each head at its count. */
export function storedCheckpointProblems(s: Services): { checked: number; problems: string[] } {
  const keys = s.checkpoints.keys().map((k) => k.publicKeyPem);
  const problems: string[] = [];
  const list: SignedCheckpoint[] = [];
  for (const c of s.checkpoints.iterate()) {
    list.push(c);
    problems.push(...checkpointProblems(c, keys));
    const at = c.entryCount === 0 ? GENESIS_HASH : s.checkpoints.entryHash(c.entryCount);
    if (at === null) problems.push(`titik periksa #${c.seq}: jurnal #${c.entryCount} tidak ada lagi di buku besar (jurnal dihapus)`);
    else if (at !== c.head) problems.push(`titik periksa #${c.seq}: jurnal #${c.entryCount} kini ber-hash ${at.slice(0, 16)}…, bukan ${c.head.slice(0, 16)}… yang ditandatangani (rantai ditulis ulang)`);
    // The audit log's chain as signed: its row #auditCount must still carry auditHead.
    if (c.auditCount > 0) {
      const row = s.audit.chainHashOf(c.auditCount);
      if (row === null) problems.push(`titik periksa #${c.seq}: baris audit #${c.auditCount} tidak ada lagi atau tanpa hash (log audit dipotong)`);
      else if (row !== c.auditHead) problems.push(`titik periksa #${c.seq}: baris audit #${c.auditCount} kini ber-hash ${row.slice(0, 16)}…, bukan ${c.auditHead.slice(0, 16)}… yang ditandatangani (log audit ditulis ulang)`);
    }
  }
  problems.push(...checkpointChainProblems(list));
  if (list.length && list[0]!.seq !== 1) problems.push(`titik periksa #1${list[0]!.seq > 2 ? `–#${list[0]!.seq - 1}` : ''} hilang (dihapus)`);
  return { checked: list.length, problems };
}

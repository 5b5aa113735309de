/**
 * Signed checkpoints: the ledger's state (how many entries, the hash of the last one) signed
 * with the server's Ed25519 key, so that a copy kept outside the server (a printed document,
 * a downloaded JSON, a bundle) anchors the chain. A rewrite of the whole chain by someone who
 * holds the database file no longer passes: the earlier checkpoint names a head that the
 * rewritten chain does not have at that entry, and a forged checkpoint needs the private key.
 *
 * Invariants:
 * - checkpointText() is the exact text signed and hashed: nine lines, fixed order, no
 *   trailing newline (see the format below); hash = SHA-256(text), hex;
 * - checkpoints are chained: each names the hash of the one before (GENESIS_HASH for the first),
 *   so one cannot be dropped or reordered unseen;
 * - a checkpoint names its key by keyId = SHA-256 of the public key's SPKI DER bytes, hex;
 *   every public key ever used is kept, so a rotated key still verifies old checkpoints;
 * - entryCount is the id of the last entry covered (ids run 1..n without gaps); head is that
 *   entry's hash (GENESIS_HASH when the ledger is empty);
 * - auditCount/auditHead do the same for the audit log's hash chain (src/domain/audit): the id
 *   and hash of its last chained row (0 and GENESIS_HASH before the chain starts), so audit rows
 *   cut off the end or a rewritten audit chain are caught against a checkpoint too.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { GENESIS_HASH } from './hash-chain';

export const CHECKPOINT_FORMAT = 'dana-rt-checkpoint/1';

/** Why a checkpoint was signed: daily, at an export, for a printed document, at first start, by hand. */
export const CHECKPOINT_REASONS = ['harian', 'ekspor', 'dokumen', 'mulai', 'manual'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

export interface CheckpointBody {
  seq: number;
  /** ISO time of signing (UTC). */
  signedAt: string;
  entryCount: number;
  head: string;
  /** Hash of the previous checkpoint, GENESIS_HASH for the first. */
  prev: string;
  keyId: string;
  reason: CheckpointReason;
  auditCount: number;
  auditHead: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  /** SHA-256 of checkpointText(), hex. */
  hash: string;
  /** Ed25519 signature of checkpointText(), base64. */
  signature: string;
}

/**
 * The exact text signed, one field per line:
 *   dana-rt-checkpoint/1
 *   seq
 *   signedAt
 *   entryCount
 *   head
 *   prev
 *   keyId
 *   reason
 *   auditCount
 *   auditHead
 * (ten lines joined by "\n", no trailing newline).
 */
export function checkpointText(c: CheckpointBody): string {
  return [CHECKPOINT_FORMAT, String(c.seq), c.signedAt, String(c.entryCount), c.head, c.prev, c.keyId, c.reason, String(c.auditCount), c.auditHead].join('\n');
}

export function checkpointHash(c: CheckpointBody): string {
  return createHash('sha256').update(checkpointText(c)).digest('hex');
}

/** keyId of a public key (PEM): SHA-256 of its SPKI DER encoding, hex. */
export function keyIdOf(publicKeyPem: string | KeyObject): string {
  const key = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject): SignedCheckpoint {
  const text = checkpointText(body);
  return { ...body, hash: createHash('sha256').update(text).digest('hex'), signature: sign(null, Buffer.from(text), privateKey).toString('base64') };
}

/**
 * What is wrong with one checkpoint, given the public keys (PEM) known to the checker: empty
 * when its hash and signature hold. Does not look at the ledger (see checkpointMatches).
 */
export function checkpointProblems(c: SignedCheckpoint, publicKeys: readonly string[]): string[] {
  const out: string[] = [];
  if (checkpointHash(c) !== c.hash) out.push(`titik periksa #${c.seq}: hash tidak cocok dengan isinya`);
  const key = publicKeys.find((k) => keyIdOf(k) === c.keyId);
  if (!key) {
    out.push(`titik periksa #${c.seq}: kunci ${c.keyId.slice(0, 16)}… tidak dikenal (ditandatangani kunci lain)`);
    return out;
  }
  let ok = false;
  try {
    ok = verify(null, Buffer.from(checkpointText(c)), createPublicKey(key), Buffer.from(c.signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) out.push(`titik periksa #${c.seq}: tanda tangan tidak sah`);
  return out;
}

/** Problems in a sequence of checkpoints (oldest first): numbering, links, counts going back. */
export function checkpointChainProblems(list: readonly SignedCheckpoint[]): string[] {
  const out: string[] = [];
  let prev: SignedCheckpoint | null = null;
  for (const c of list) {
    if (prev === null ? c.prev !== GENESIS_HASH && c.seq === 1 : c.prev !== prev.hash || c.seq !== prev.seq + 1) {
      out.push(`titik periksa #${c.seq}: tidak menyambung ke titik periksa sebelumnya (ada yang dihapus atau disisipkan)`);
    }
    if (prev && c.entryCount < prev.entryCount) out.push(`titik periksa #${c.seq}: jumlah jurnal mundur (${prev.entryCount} → ${c.entryCount})`);
    prev = c;
  }
  return out;
}

/**
 * An anchor given by a person: a full chain head (64 hex), a printed short head (at least 16
 * hex) with or without its entry count ("a1b2c3d4e5f60718#1234", "a1b2…:1234", or
 * "a1b2c3d4e5f60718 1234"), a checkpoint's QR text, or a checkpoint as JSON.
 */
export interface Anchor {
  /** The head or its first characters, lower case. */
  head: string;
  /** The entry count, when the anchor names it. */
  entryCount: number | null;
  /** The whole signed checkpoint, when the anchor is one. */
  checkpoint: SignedCheckpoint | null;
}

export function parseAnchor(input: string): Anchor | null {
  const text = input.trim();
  if (text.startsWith('{')) {
    try {
      const c = JSON.parse(text) as SignedCheckpoint;
      if (typeof c.head === 'string' && /^[0-9a-f]{64}$/.test(c.head) && Number.isSafeInteger(c.entryCount)) return { head: c.head, entryCount: c.entryCount, checkpoint: c };
    } catch {
      return null;
    }
    return null;
  }
  const qr = parseCheckpointQr(text);
  if (qr) return { head: qr.head, entryCount: qr.entryCount, checkpoint: qr };
  const m = /^([0-9a-fA-F]{16,64})(?:…|\.\.\.)?(?:\s*[#:@ ]\s*(\d{1,12}))?$/.exec(text);
  if (!m) return null;
  return { head: m[1]!.toLowerCase(), entryCount: m[2] ? Number(m[2]) : null, checkpoint: null };
}

/** Does the ledger's entry `entryCount` (whose hash is `hashAtCount`) carry the anchor's head? */
export function anchorMatches(a: Anchor, hashAtCount: string | null): boolean {
  return hashAtCount !== null && hashAtCount.startsWith(a.head);
}

/**
 * The text a printed document's QR code holds: the whole signed checkpoint in one line,
 * "DANA-RT-CP1|seq|signedAt|entryCount|head|prev|keyId|reason|auditCount|auditHead|signature".
 */
export function checkpointQr(c: SignedCheckpoint): string {
  return ['DANA-RT-CP1', c.seq, c.signedAt, c.entryCount, c.head, c.prev, c.keyId, c.reason, c.auditCount, c.auditHead, c.signature].join('|');
}

export function parseCheckpointQr(text: string): SignedCheckpoint | null {
  const p = text.split('|');
  if (p.length !== 11 || p[0] !== 'DANA-RT-CP1') return null;
  const body: CheckpointBody = {
    seq: Number(p[1]),
    signedAt: p[2]!,
    entryCount: Number(p[3]),
    head: p[4]!,
    prev: p[5]!,
    keyId: p[6]!,
    reason: p[7] as CheckpointReason,
    auditCount: Number(p[8]),
    auditHead: p[9]!,
  };
  if (!Number.isSafeInteger(body.seq) || !Number.isSafeInteger(body.entryCount) || !Number.isSafeInteger(body.auditCount) || !/^[0-9a-f]{64}$/.test(body.head)) return null;
  return { ...body, hash: checkpointHash(body), signature: p[10]! };
}

/** The short form printed on paper: the first 16 hex characters of the head and the entry count. */
export function shortCheckpoint(c: Pick<CheckpointBody, 'head' | 'entryCount'>): string {
  return `${c.head.slice(0, 16)}#${c.entryCount}`;
}

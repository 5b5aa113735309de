/**
 * STAND-IN for `checkpointsForExport` (src/app/checkpoints.ts, owned by the checkpoints work of
 * issue 16, not merged yet). Same signature and result; it signs one checkpoint of the current
 * head with a throwaway Ed25519 key made once per process, and keeps the checkpoints it signed
 * in memory only. Delete this file and import from './checkpoints' once that lands.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { GENESIS_HASH } from '../domain/ledger/hash-chain';
import { checkpointHash, keyIdOf, signCheckpoint, type CheckpointReason, type SignedCheckpoint } from '../domain/ledger/checkpoint';
import type { Services } from './services';

export interface ExportCheckpoints {
  /** Signed now (or the latest, when the head has not moved): entryCount = the last entry's id. */
  end: SignedCheckpoint;
  /** Every checkpoint kept, oldest first (end is the last). */
  all: SignedCheckpoint[];
  /** Every public key ever used, PEM blocks concatenated. */
  publicKeysPem: string;
}

let key: { privateKey: KeyObject; publicPem: string; keyId: string } | null = null;
/** Per database (a test process opens many): the checkpoints signed for it. */
const signedFor = new WeakMap<object, SignedCheckpoint[]>();

function throwawayKey() {
  if (!key) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    key = { privateKey, publicPem, keyId: keyIdOf(publicPem) };
  }
  return key;
}

export function checkpointsForExport(s: Services, reason: CheckpointReason): ExportCheckpoints {
  const k = throwawayKey();
  const head = s.ledger.head();
  const entryCount = head?.id ?? 0;
  const headHash = head?.hash ?? GENESIS_HASH;
  const signed = signedFor.get(s.ledger) ?? [];
  signedFor.set(s.ledger, signed);
  const last = signed.at(-1);
  if (!last || last.entryCount !== entryCount || last.head !== headHash) {
    const body = { seq: (last?.seq ?? 0) + 1, signedAt: s.now().toISOString(), entryCount, head: headHash, prev: last ? checkpointHash(last) : GENESIS_HASH, keyId: k.keyId, reason };
    signed.push(signCheckpoint(body, k.privateKey));
  }
  return { end: signed.at(-1)!, all: [...signed], publicKeysPem: k.publicPem };
}

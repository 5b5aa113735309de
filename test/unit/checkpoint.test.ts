import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  anchorMatches, checkpointChainProblems, checkpointHash, checkpointProblems, checkpointQr, checkpointText, keyIdOf, parseAnchor, parseCheckpointQr, shortCheckpoint, signCheckpoint, type CheckpointBody,
} from '../../src/domain/ledger/checkpoint';
import { GENESIS_HASH } from '../../src/domain/ledger/hash-chain';

const pair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};
const A = pair();
const B = pair();
const HEAD = 'ab'.repeat(32);
const body = (o: Partial<CheckpointBody> = {}): CheckpointBody => ({
  seq: 1, signedAt: '2026-12-05T01:00:00.000Z', entryCount: 1234, head: HEAD, prev: GENESIS_HASH, keyId: keyIdOf(A.pem), reason: 'harian', auditCount: 17, auditHead: 'cd'.repeat(32), ...o,
});

describe('signed checkpoints', () => {
  it('signs a fixed text and verifies under the key it names', () => {
    expect(checkpointText(body())).toBe(`dana-rt-checkpoint/1\n1\n2026-12-05T01:00:00.000Z\n1234\n${HEAD}\n${GENESIS_HASH}\n${keyIdOf(A.pem)}\nharian\n17\n${'cd'.repeat(32)}`);
    const c = signCheckpoint(body(), A.privateKey);
    expect(c.hash).toBe(checkpointHash(body()));
    expect(checkpointProblems(c, [A.pem])).toEqual([]);
    expect(checkpointProblems(c, [B.pem, A.pem])).toEqual([]); // a rotated key set still verifies old checkpoints
  });

  it.each([
    ['an edited head', (c: ReturnType<typeof signCheckpoint>) => ({ ...c, head: 'cd'.repeat(32), hash: checkpointHash({ ...c, head: 'cd'.repeat(32) }) }), 'tanda tangan tidak sah'],
    ['an edited count with the old hash', (c: ReturnType<typeof signCheckpoint>) => ({ ...c, entryCount: 1 }), 'hash tidak cocok'],
    ['signed by another key under A\'s id', (c: ReturnType<typeof signCheckpoint>) => signCheckpoint({ ...c }, B.privateKey), 'tanda tangan tidak sah'],
    ['signed by an unknown key', (c: ReturnType<typeof signCheckpoint>) => signCheckpoint({ ...c, keyId: keyIdOf(B.pem) }, B.privateKey), 'tidak dikenal'],
    ['a garbage signature', (c: ReturnType<typeof signCheckpoint>) => ({ ...c, signature: 'AAAA' }), 'tanda tangan tidak sah'],
  ])('refuses %s', (_n, tamper, message) => {
    const c = tamper(signCheckpoint(body(), A.privateKey));
    expect(checkpointProblems(c, [A.pem]).join(' ')).toContain(message);
  });

  it('chains: a dropped, reordered or backward checkpoint is named', () => {
    const c1 = signCheckpoint(body(), A.privateKey);
    const c2 = signCheckpoint(body({ seq: 2, prev: c1.hash, entryCount: 1300 }), A.privateKey);
    const c3 = signCheckpoint(body({ seq: 3, prev: c2.hash, entryCount: 1400 }), A.privateKey);
    expect(checkpointChainProblems([c1, c2, c3])).toEqual([]);
    expect(checkpointChainProblems([c1, c3])[0]).toContain('#3');
    expect(checkpointChainProblems([c2, c1]).length).toBeGreaterThan(0);
    const back = signCheckpoint(body({ seq: 4, prev: c3.hash, entryCount: 10 }), A.privateKey);
    expect(checkpointChainProblems([c1, c2, c3, back]).join(' ')).toContain('mundur');
  });

  it('reads anchors as people hold them: full head, printed short head with count, QR text, JSON', () => {
    const c = signCheckpoint(body(), A.privateKey);
    expect(parseAnchor(HEAD)).toEqual({ head: HEAD, entryCount: null, checkpoint: null });
    expect(parseAnchor(shortCheckpoint(c))).toEqual({ head: HEAD.slice(0, 16), entryCount: 1234, checkpoint: null });
    expect(parseAnchor(`${HEAD.slice(0, 16).toUpperCase()}… 1234`)?.entryCount).toBe(1234);
    expect(parseAnchor(checkpointQr(c))?.checkpoint).toEqual(c);
    expect(parseCheckpointQr(checkpointQr(c))).toEqual(c);
    expect(parseAnchor(JSON.stringify(c))?.checkpoint).toEqual(c);
    for (const bad of ['', 'abc', 'z'.repeat(64), `${HEAD.slice(0, 15)}#3`, '{"head":1}', '{']) expect(parseAnchor(bad)).toBeNull();
    expect(anchorMatches(parseAnchor(shortCheckpoint(c))!, HEAD)).toBe(true);
    expect(anchorMatches(parseAnchor(shortCheckpoint(c))!, 'cd'.repeat(32))).toBe(false);
    expect(anchorMatches(parseAnchor(shortCheckpoint(c))!, null)).toBe(false);
  });
});

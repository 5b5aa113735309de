/**
 * `verify --anchor`: anchors held outside the server (a printed short head with or without its
 * entry count, a full head, a QR code's text, a checkpoint's JSON) checked against the ledger.
 * A rewrite of the whole chain changes every hash after the first altered entry, so an anchor
 * taken earlier no longer matches. An anchor that is a whole checkpoint must also carry a valid
 * signature by a known key (signing_keys), and agree with the stored checkpoint of its number.
 */
import { anchorMatches, checkpointProblems, parseAnchor, type Anchor } from '../domain/ledger/checkpoint';
import { GENESIS_HASH } from '../domain/ledger/hash-chain';
import type { Services } from './services';

const label = (text: string) => (text.length > 40 ? `${text.slice(0, 37)}…` : text);

/** The ledger's hash at entry `count` (the genesis hash for 0), or null when there is no such entry. */
const hashAt = (s: Services, count: number) => (count === 0 ? GENESIS_HASH : s.checkpoints.entryHash(count));

function anchorProblems(s: Services, text: string, a: Anchor, keys: readonly string[]): string[] {
  const out: string[] = [];
  const name = `jangkar ${label(text)}`;
  if (a.checkpoint) {
    const c = a.checkpoint;
    out.push(...checkpointProblems(c, keys).map((p) => `${name}: ${p}`));
    const stored = s.checkpoints.find(c.seq);
    if (!stored) out.push(`${name}: titik periksa #${c.seq} tidak ada di basis data (dihapus)`);
    else if (stored.hash !== c.hash) out.push(`${name}: titik periksa #${c.seq} di basis data berbeda dengan yang dipegang (diganti)`);
  }
  if (a.entryCount !== null) {
    const at = hashAt(s, a.entryCount);
    if (at === null) out.push(`${name}: jurnal #${a.entryCount} tidak ada lagi di buku besar (jurnal sesudahnya atau jurnal itu sendiri dihapus)`);
    else if (!anchorMatches(a, at)) out.push(`${name}: jurnal #${a.entryCount} kini ber-hash ${at.slice(0, 16)}…, bukan ${a.head.slice(0, 16)}… (rantai ditulis ulang)`);
  } else if (s.checkpoints.entriesWithHashPrefix(a.head, 1).length === 0 && !GENESIS_HASH.startsWith(a.head)) {
    out.push(`${name}: tidak ada jurnal yang hash-nya ${a.head.length === 64 ? '' : 'diawali '}${a.head.slice(0, 16)}… (rantai ditulis ulang atau jurnal dihapus)`);
  }
  return out;
}

/** Problems with the given anchors (texts as a person holds them); empty when every one holds. */
export function verifyAnchors(s: Services, texts: readonly string[]): string[] {
  const keys = s.checkpoints.keys().map((k) => k.publicKeyPem);
  return texts.flatMap((text) => {
    const a = parseAnchor(text);
    if (!a) return [`jangkar ${label(text.trim())} tidak dikenali: berikan hash kepala rantai (64 heksadesimal), hash pendek cetakan (≥ 16 heksadesimal, boleh dengan #jumlah jurnal), teks QR, atau JSON titik periksa`];
    return anchorProblems(s, text.trim(), a, keys);
  });
}

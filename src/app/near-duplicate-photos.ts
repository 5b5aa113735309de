/**
 * Photos near one of another live receipt: found through the perceptual hash's four indexed
 * bands, confirmed by the domain's Hamming distance, turned into flags for the bendahara.
 * (Exact copies, the same decoded pixels, are refused before this, in record-receipt.ts.)
 */
import { bandProbes, nearHashes, similarPhotoFlags } from '../domain/evidence/perceptual-hash';
import type { ReceiptFlag } from '../domain/grants/receipt';
import type { Services } from './services';

/** The similar-photo flags for these files, against every live receipt in the city but `ownReceiptId`. */
export function nearPhotoFlags(s: Services, files: ReadonlyArray<{ originalName: string; phash: string | null }>, ownReceiptId?: number): ReceiptFlag[] {
  const matches: Array<{ receiptId: number; rtId: number; distance: number; fileName: string }> = [];
  for (const f of files) {
    if (!f.phash) continue;
    // The stored hashes that share a probed band value, confirmed by the distance, then their files and live receipts.
    const candidates = new Set<string>();
    bandProbes(f.phash).forEach((values, band) => {
      for (const h of s.evidenceFiles.phashesInBand(band, values)) candidates.add(h);
    });
    const nearOnes = nearHashes(f.phash, candidates);
    if (nearOnes.length === 0) continue;
    const distanceOf = new Map(nearOnes.map((m) => [m.phash, m.distance]));
    const near = new Map(s.evidenceFiles.filesWithPhash(nearOnes.map((m) => m.phash)).map((x) => [x.sha256, distanceOf.get(x.phash)!]));
    for (const owner of s.evidenceFiles.liveOwnersOf([...near.keys()])) {
      if (owner.receiptId !== ownReceiptId) matches.push({ receiptId: owner.receiptId, rtId: owner.rtId, distance: near.get(owner.sha256)!, fileName: f.originalName });
    }
  }
  return similarPhotoFlags(matches);
}

/** Flags already on a receipt plus new ones, one similar-photo flag per other receipt. */
export function withNewFlags(existing: readonly ReceiptFlag[], added: readonly ReceiptFlag[]): ReceiptFlag[] {
  const known = new Set(existing.filter((f) => f.code === 'similar_photo').map((f) => (f as { receiptId: number }).receiptId));
  return [...existing, ...added.filter((f) => f.code !== 'similar_photo' || !known.has(f.receiptId))];
}

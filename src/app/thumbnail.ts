/**
 * A review thumbnail of an evidence photo: small enough for a weak signal (≤ THUMB_MAX_BYTES),
 * large enough to read a nota (THUMB_SIDE px on its long side). Made on an image worker thread
 * (image-worker.ts) or, without workers, on the calling thread; never part of the evidence
 * store, the proofs or a bundle (thumbnail-store.ts keeps them beside the store).
 *
 * Invariants:
 * - the result is WebP of at most THUMB_MAX_BYTES (quality, then size, step down until it fits);
 * - the photo's orientation is applied (a phone photo taken upright shows upright);
 * - a decode never exceeds the pixel limit of uploads (MAX_IMAGE_PIXELS).
 */
import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from './examine-file';

export const THUMB_SIDE = 560;
export const THUMB_MAX_BYTES = 15 * 1024;

/** Quality first (text stays sharp longer than colour), then a smaller side. */
const STEPS: ReadonlyArray<{ side: number; quality: number }> = [
  { side: THUMB_SIDE, quality: 62 },
  { side: THUMB_SIDE, quality: 48 },
  { side: THUMB_SIDE, quality: 36 },
  { side: 480, quality: 36 },
  { side: 400, quality: 30 },
  { side: 320, quality: 25 },
];

export async function makeThumbnail(bytes: Buffer): Promise<Buffer> {
  // One decode, shrunk on load where the format allows; every step re-encodes that small copy.
  const base = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
    .rotate()
    .resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside', withoutEnlargement: true })
    .toBuffer();
  let last: Buffer | null = null;
  for (const { side, quality } of STEPS) {
    const img = sharp(base);
    if (side < THUMB_SIDE) img.resize(side, side, { fit: 'inside', withoutEnlargement: true });
    last = await img.webp({ quality, effort: 4, smartSubsample: true }).toBuffer();
    if (last.length <= THUMB_MAX_BYTES) return last;
  }
  // The last step in greyscale: a nota's text is what must stay.
  last = await sharp(base).resize(320, 320, { fit: 'inside', withoutEnlargement: true }).greyscale().webp({ quality: 20 }).toBuffer();
  if (last.length > THUMB_MAX_BYTES) throw new Error('thumbnail over its byte budget');
  return last;
}

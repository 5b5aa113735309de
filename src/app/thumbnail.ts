/**
 * A review thumbnail of an evidence photo: small enough for a weak signal (≤ THUMB_MAX_BYTES),
 * large enough to read a nota (THUMB_SIDE px on its long side). Made on an image worker thread
 * (image-worker.ts) or, without workers, on the calling thread; never part of the evidence
 * store, the proofs or a bundle (thumbnail-store.ts keeps them beside the store).
 *
 * Invariants:
 * - the result is WebP of at most THUMB_MAX_BYTES (quality, then size, step down until it fits;
 *   the step is guessed from the first file's size, then checked, see encodeThumbnail); every
 *   photo fits at the last step (greyscale, 96 px: ~7 KB of noise), so every photo that
 *   was accepted has a thumbnail (a grainy 320×240 photo once had none: its view failed each time);
 * - the photo's orientation is applied (a phone photo taken upright shows upright);
 * - a decode never exceeds the pixel limit of uploads (MAX_IMAGE_PIXELS).
 *
 * Two ways in, one encoder: `makeThumbnail` decodes a stored photo (shrunk on load where the
 * format allows), `thumbnailOfRaster` takes the upright pixels an upload's examination already
 * decoded (examine-file.ts), so a new photo is decoded once for its check, its fingerprint and
 * its thumbnail. Either way the photo is reduced once to raw pixels of at most THUMB_SIDE, and
 * every step encodes those pixels (no intermediate JPEG, no decode per step).
 * The encoder runs at its lowest effort and without "smart" chroma subsampling: on a 1600×1200
 * phone photo those two cost ~50 ms and ~25 ms of libvips time per encode (scripts/upload-steps.ts)
 * for a file ~10 % smaller, and a grainy photo takes several steps.
 */
import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from './examine-file';
import type { Raster } from './image-fingerprint';

export const THUMB_SIDE = 560;
export const THUMB_MAX_BYTES = 15 * 1024;

/** Quality first (text stays sharp longer than colour), then a smaller side. */
export const STEPS: ReadonlyArray<{ side: number; quality: number }> = [
  { side: THUMB_SIDE, quality: 62 },
  { side: THUMB_SIDE, quality: 48 },
  { side: THUMB_SIDE, quality: 36 },
  { side: 480, quality: 36 },
  { side: 400, quality: 30 },
  { side: 320, quality: 25 },
];

/**
 * When no colour step fits: greyscale at quality 20, the side shrinking to one no photo can
 * overflow (at most 96 × 96 grey pixels, transparency flattened onto white first: a lossy WebP of
 * them, noise included, stays well below the budget). Only noise-like photos of at most ~400 px
 * get past 320.
 */
export const GREY_SIDES: readonly number[] = [320, 240, 160, 96];
const LAST = STEPS.length + GREY_SIDES.length - 1;

const WEBP = { effort: 0, smartSubsample: false } as const;
const inside = { fit: 'inside', withoutEnlargement: true } as const;

/** The thumbnail of a stored photo's bytes (one decode, shrunk on load where the format allows). */
export async function makeThumbnail(bytes: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
    .rotate()
    // Transparency onto white, as the photo is seen and as thumbnailOfRaster's pixels already are.
    .flatten({ background: '#ffffff' })
    .resize(THUMB_SIDE, THUMB_SIDE, inside)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encodeThumbnail({ data, info });
}

/** The thumbnail of a photo's upright decoded pixels (image-fingerprint.ts `decodeUpright`), without decoding it again. */
export async function thumbnailOfRaster(raster: Raster): Promise<Buffer> {
  const { data, info } = await sharp(raster.data, { raw: raster.info, limitInputPixels: MAX_IMAGE_PIXELS })
    .resize(THUMB_SIDE, THUMB_SIDE, inside)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encodeThumbnail({ data, info });
}

/**
 * Roughly how much smaller each step's file is than the first step's, the greyscale steps last
 * (measured with this encoder on 1600×1200 phone photos of the bench, grain 3, 9 and 15: within
 * ±0,02 of these for the colour steps and the first greyscale one; the smaller greyscale sides by
 * their area). Only a guess of where to start: every file returned was seen to fit.
 */
const SHRINK = [1, 0.87, 0.76, 0.63, 0.46, 0.31, 0.16, 0.09, 0.04, 0.015];

/**
 * Pixels of at most THUMB_SIDE a side, encoded at a step whose file fits. Most photos fit at the
 * first step (one encode). Otherwise the first file's size says which later step should fit
 * (SHRINK); that step is tried, and if it does not fit either, the steps after it are searched
 * by halves (their files shrink step by step). A grainy phone photo costs two encodes instead of
 * one per step. Only a file that was seen to fit is returned.
 */
async function encodeThumbnail(small: Raster): Promise<Buffer> {
  const from = () => sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } });
  const encode = (i: number): Promise<Buffer> => {
    if (i >= STEPS.length) {
      const side = GREY_SIDES[i - STEPS.length]!;
      return from().resize(side, side, inside).greyscale().webp({ quality: 20, ...WEBP }).toBuffer();
    }
    const { side, quality } = STEPS[i]!;
    const img = from();
    if (side < THUMB_SIDE) img.resize(side, side, inside);
    return img.webp({ quality, ...WEBP }).toBuffer();
  };
  const first = await encode(0);
  if (first.length <= THUMB_MAX_BYTES) return first;
  const guess = SHRINK.findIndex((f, i) => i > 0 && first.length * f <= THUMB_MAX_BYTES);
  let lo = guess < 0 ? LAST : guess;
  const guessed = await encode(lo);
  if (guessed.length <= THUMB_MAX_BYTES) return guessed;
  // Steps lo+1..LAST are untried; the smallest greyscale step (LAST) is the last resort.
  lo += 1;
  let hi = LAST;
  let fit: Buffer | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const out = await encode(mid);
    if (out.length <= THUMB_MAX_BYTES) {
      fit = out;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  if (!fit) throw new Error('thumbnail over its byte budget');
  return fit;
}

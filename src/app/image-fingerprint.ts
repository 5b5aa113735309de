/**
 * The fingerprint of a photo: what upload, the seed and `verify` all compute, here and nowhere
 * else. The photo is decoded once, at full size and turned upright as its EXIF orientation says:
 * - `pixelSha256`: the SHA-256 of those pixels as 8-bit sRGB (any transparency flattened onto
 *   white, as the photo is seen) after a header of width and height, so the same picture
 *   re-saved with another comment or EXIF, as PNG, or with bytes appended has the same pixel
 *   hash;
 * - `phash`: the 64-bit perceptual hash (src/domain/evidence/perceptual-hash.ts) of those same
 *   pixels averaged into a 32×32 greyscale square (from the decoded pixels, never libvips' JPEG
 *   shrink-on-load, whose result depends on the encoding).
 * One libvips decode (on its thread pool); the hash and the square are one pass each over the
 * pixels on this thread (~0,6 + ~1 ms for 640×480).
 * A file that does not decode whole is refused by the caller as corrupt (`failOn: 'truncated'`).
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { greySquare, perceptualHash } from '../domain/evidence/perceptual-hash';

export interface ImageFingerprint {
  pixelSha256: string;
  phash: string;
}

export const isImageMime = (mime: string): boolean => mime.startsWith('image/');

/** A photo's decoded pixels, upright, 8-bit sRGB with transparency flattened onto white: what its fingerprint hashes. */
export interface Raster {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/**
 * Decodes a photo whole (within maxPixels) into the pixels its fingerprint is computed from;
 * throws sharp's error when it does not decode. An upload's examination derives the fingerprint
 * and the review thumbnail (thumbnail.ts `thumbnailOfRaster`) from this one decode.
 */
export async function decodeUpright(buffer: Buffer, maxPixels: number | false = false): Promise<Raster> {
  const { data, info } = await sharp(buffer, { limitInputPixels: maxPixels, failOn: 'truncated' })
    .rotate()
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

/** Decodes a photo (within maxPixels) and fingerprints it; throws sharp's error when it does not decode. */
export async function fingerprintImage(buffer: Buffer, maxPixels: number | false = false): Promise<ImageFingerprint> {
  const { data, info } = await decodeUpright(buffer, maxPixels);
  return fingerprintPixels(data, info);
}

/**
 * The fingerprint of decoded pixels (8-bit, `channels` per pixel, row by row): what
 * fingerprintImage computes after decoding, and what a generator that wrote the pixels
 * losslessly (a PNG of known pixels) computes without decoding them again.
 */
export function fingerprintPixels(data: Uint8Array, info: { width: number; height: number; channels: number }): ImageFingerprint {
  const header = Buffer.from(`${info.width}x${info.height}x${info.channels}\n`);
  const pixelSha256 = createHash('sha256').update(header).update(data).digest('hex');
  return { pixelSha256, phash: perceptualHash(greySquare(data, info.width, info.height, info.channels)) };
}
